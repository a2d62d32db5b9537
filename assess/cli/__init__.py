"""The command line: each command parses its options, calls the core, and prints the result.

`assess.cli.app` holds the application and its error handling; the commands live in modules by
what they do, and register themselves on import.
"""

from __future__ import annotations

import os

# assess uses no pydantic plugins; looking for them scans every installed package's entry points
# (importlib.metadata), a tenth of a second on each command. Set before any model is built.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from assess.cli import answering, reading, reporting, review, signing
from assess.cli.app import app

__all__ = ["answering", "app", "main", "reading", "reporting", "review", "signing"]


def main() -> None:
    """Entry point of the `assess` console script."""
    app(prog_name="assess")
