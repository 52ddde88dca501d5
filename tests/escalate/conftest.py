"""Fixtures for escalation tests: hand-made incident dicts, a real HTTP receiver and a real SMTP server, both
on 127.0.0.1, and a helper that puts incidents with assessments straight into a store."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

# for `import escalate_helpers` in the test modules; appended so that `conftest` still means tests/conftest.py
sys.path.append(str(Path(__file__).resolve().parent))

from escalate_helpers import free_port, make_incident  # noqa: E402


# ------------------------------------------------------------------------------------------------ HTTP receiver
@dataclass
class Receiver:
    url: str
    # what to do with the next requests, in order: an HTTP status (int) or "hang"; when empty, 200
    script: list[int | str] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_action(self) -> int | str:
        with self.lock:
            return self.script.pop(0) if self.script else 200


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    holder: dict[str, Receiver] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            rec = holder["r"]
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            action = rec.next_action()
            with rec.lock:
                rec.requests.append({"headers": dict(self.headers.items()), "body": body, "action": action,
                                     "path": self.path, "at": time.monotonic()})
            if action == "hang":
                rec.release.wait(10)  # longer than any client timeout used in the tests
                return
            self.send_response(int(action))
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"ok" if int(action) < 300 else b"server error")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    rec = Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hook")
    holder["r"] = rec
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        rec.release.set()
        server.shutdown()
        server.server_close()


# ------------------------------------------------------------------------------------------------ SMTP server
@dataclass
class SmtpServer:
    host: str
    port: int
    messages: list[Any] = field(default_factory=list)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    controller_mod = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd is a test dependency")
    Controller = controller_mod.Controller  # noqa: N806

    server = SmtpServer("127.0.0.1", free_port())

    class Handler:
        async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
            server.messages.append(envelope)
            return "250 Message accepted for delivery"

    controller = Controller(Handler(), hostname=server.host, port=server.port)
    controller.start()
    try:
        yield server
    finally:
        controller.stop()


@pytest.fixture
def incident() -> Callable[..., dict[str, Any]]:
    return make_incident
