"""A throw-away PostgreSQL cluster for the test suite, started from the server binaries on this machine.

Runs on loopback with fsync off, in a temporary folder; as root it runs the server as the `postgres`
user (PostgreSQL refuses to run as root). CEASEWATCH_TEST_PG_URL points the suite at an existing server
instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass


def find_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PgServer:
    url: str
    datadir: str
    pg_ctl: str
    run_as: list[str]

    def stop(self) -> None:
        subprocess.run([*self.run_as, self.pg_ctl, "-D", self.datadir, "-m", "immediate", "stop"],
                       capture_output=True, check=False)
        shutil.rmtree(os.path.dirname(self.datadir), ignore_errors=True)


def start_server() -> PgServer:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    base = tempfile.mkdtemp(prefix="ceasewatch-pg-")
    datadir = os.path.join(base, "data")
    run_as: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*run_as, initdb, "-D", datadir, "-A", "trust", "-U", "ceasewatch", "--no-sync",
                    "-E", "UTF8", "--locale", "C"], check=True, capture_output=True)
    opts = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " \
           "-c full_page_writes=off -c max_connections=200"
    subprocess.run([*run_as, pg_ctl, "-D", datadir, "-o", opts, "-w", "-t", "60", "-l",
                    os.path.join(base, "log"), "start"], check=True, capture_output=True)
    return PgServer(f"postgresql+psycopg://ceasewatch@127.0.0.1:{port}/postgres", datadir, pg_ctl, run_as)
