"""The command-line interface (Typer + Rich): a thin layer over the library."""

import sys

from .app import app
from .app import main as _main


def main() -> None:
    sys.exit(_main())


__all__ = ["app", "main"]
