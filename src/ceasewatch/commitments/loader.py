"""Agreement files on disk: load one (YAML or JSON), the bundled set, and refuse overlapping versions."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ..datafile import Positions, load_marked, read_text_file
from ..model.agreements import Agreement
from .convert import agreement_from_dict
from .errors import AgreementFileError, Problem

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(slots=True)
class LoadedAgreement:
    """An agreement as loaded from a file: the model object, the plain dict, and where it came from."""

    agreement: Agreement
    raw: dict[str, Any]  # JSON-able, dates as ISO strings: what the store keeps
    path: Path | None
    sha256: str  # of the file's bytes
    positions: Positions = field(default_factory=dict, repr=False)  # path in raw -> (line, column)

    @property
    def id(self) -> str:
        return self.agreement.id

    @property
    def version(self) -> int:
        return self.agreement.version

    def line_of(self, *path: str | int) -> tuple[int | None, int | None]:
        key = tuple(path)
        while key and key not in self.positions:
            key = key[:-1]
        return self.positions.get(key, (None, None))


def load_agreement_text(text: str, name: str, *, is_json: bool = False, data: bytes | None = None,
                        path: Path | None = None) -> LoadedAgreement:
    """Load an agreement from its text; ``name`` is what error messages call the file."""
    raw, positions = load_marked(text, name, is_json=is_json, error=AgreementFileError,
                                  expected="an agreement mapping")
    agreement = agreement_from_dict(raw, file=name, positions=positions)
    digest = hashlib.sha256(data if data is not None else text.encode("utf-8")).hexdigest()
    return LoadedAgreement(agreement, raw, path, digest, positions)


def load_agreement_file(path: str | Path) -> LoadedAgreement:
    """Load and validate one agreement file; raise AgreementFileError (file:line:col: field: problem)."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() not in SUFFIXES:
        raise AgreementFileError(Problem(f"unsupported file type '{p.suffix or '(none)'}'", name, None, None,
                                         None, "a .yaml, .yml or .json file"))
    text, data = read_text_file(p, AgreementFileError)
    return load_agreement_text(text, name, is_json=p.suffix.lower() == ".json", data=data, path=p)


def bundled_agreement_paths() -> list[Path]:
    """The agreement files shipped with ceasewatch (src/ceasewatch/data/agreements), sorted by name."""
    folder = Path(str(resources.files("ceasewatch") / "data" / "agreements"))
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())


def load_bundled() -> list[LoadedAgreement]:
    """Load every bundled agreement; any invalid file or overlapping version raises, loading nothing."""
    return load_agreement_files(list(bundled_agreement_paths()))


def load_agreement_files(paths: list[str | Path]) -> list[LoadedAgreement]:
    """Load several files (a folder is read for its agreement files) all-or-nothing, checking versions."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES and f.is_file()))
        else:
            files.append(p)
    loaded: list[LoadedAgreement] = []
    problems: list[Problem] = []
    for f in files:
        try:
            loaded.append(load_agreement_file(f))
        except AgreementFileError as exc:
            problems.extend(exc.errors)
    if problems:
        raise AgreementFileError(problems)
    check_versions(loaded)
    return loaded


def _validity(la: LoadedAgreement) -> tuple[date, date | None]:
    a = la.agreement
    start = a.valid_from or a.announced or a.signed
    if start is None and a.status_history:
        start = min(c.date for c in a.status_history)
    return (start or date.min, a.valid_until)


def _overlap(x: tuple[date, date | None], y: tuple[date, date | None]) -> bool:
    (a0, a1), (b0, b1) = x, y
    return (a1 is None or b0 < a1) and (b1 is None or a0 < b1)


def _problem(la: LoadedAgreement, field_: str, message: str, expected: str) -> Problem:
    line, col = la.line_of(field_)
    return Problem(message, str(la.path) if la.path else f"<{la.id}>", line, col, field_, expected)


def check_versions(loaded: list[LoadedAgreement]) -> None:
    """Refuse overlapping versions of one agreement id (AgreementFileError listing each clash).

    Two files with the same id clash when they have the same version but different content, or different
    versions whose validity periods (valid_from .. valid_until, exclusive) overlap. The same file twice
    (same bytes) is not a clash.
    """
    problems: list[Problem] = []
    by_id: dict[str, list[LoadedAgreement]] = {}
    for la in loaded:
        by_id.setdefault(la.id, []).append(la)
    for agreement_id, group in by_id.items():
        for i, later in enumerate(group):
            for earlier in group[:i]:
                if later.sha256 == earlier.sha256:
                    continue
                where = str(earlier.path) if earlier.path else "another dict"
                if later.version == earlier.version:
                    problems.append(_problem(
                        later, "version", f"agreement {agreement_id!r} version {later.version} is also defined, "
                        f"with different content, in {where}", "a new version number for changed content"))
                elif _overlap(_validity(later), _validity(earlier)):
                    v0, v1 = _validity(later)
                    problems.append(_problem(
                        later, "valid_from", f"agreement {agreement_id!r} version {later.version} "
                        f"(valid {v0 if v0 != date.min else '…'} to {v1 or 'open'}) overlaps version "
                        f"{earlier.version} in {where}",
                        "valid_until on the earlier version no later than valid_from of the next"))
    if problems:
        raise AgreementFileError(problems)
