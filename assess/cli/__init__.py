"""The command line: each command parses its options, calls the core, and prints the result.

`assess.cli.app` holds the application and its error handling; the commands live in modules by
what they do, and register themselves on import.
"""

from __future__ import annotations

from assess.cli import answering, reading, reporting
from assess.cli.app import app

__all__ = ["answering", "app", "main", "reading", "reporting"]


def main() -> None:
    """Entry point of the `assess` console script."""
    app(prog_name="assess")
