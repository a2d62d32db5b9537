"""The command line: each command parses its options, calls the core, and prints the result.

`assess.cli.app` holds the application and its error handling; the commands live in modules by
what they do, and register themselves on import.
"""

from __future__ import annotations

import os
import sys
import types

# assess uses no pydantic plugins; looking for them scans every installed package's entry points
# (importlib.metadata), a tenth of a second on each command. Set before any model is built.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _real_loader(name: str) -> object:
    """An attribute of pydantic's own plugin loader, imported in place of the stand-in."""
    import importlib

    if name.startswith("__"):  # the import system asks a module for __path__ and such
        raise AttributeError(name)
    del sys.modules["pydantic.plugin._loader"]
    return getattr(importlib.import_module("pydantic.plugin._loader"), name)


if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__" and "pydantic" not in sys.modules:
    # Even with plugins off, pydantic imports its plugin loader, which imports importlib.metadata
    # (a twentieth of a second) for a function that then returns no plugins. This stands in for
    # it with that function; pydantic imports the loader only inside the function that uses it.
    # Should a later pydantic ask the loader for anything else, the real one answers instead.
    _loader = types.ModuleType("pydantic.plugin._loader")
    _loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    _loader.__getattr__ = _real_loader  # type: ignore[method-assign]
    sys.modules["pydantic.plugin._loader"] = _loader

from assess.cli import answering, reading, reporting, review, signing  # noqa: E402
from assess.cli.app import app  # noqa: E402

__all__ = ["answering", "app", "main", "reading", "reporting", "review", "signing"]


def main() -> None:
    """Entry point of the `assess` console script."""
    app(prog_name="assess")
