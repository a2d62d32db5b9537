"""The stand-in for pydantic's plugin loader: no plugins, and the real loader for anything else."""

from __future__ import annotations

import os
import subprocess
import sys


def _run(code: str) -> str:
    """What `code` prints in a fresh interpreter, with pydantic's plugins left to assess."""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    return done.stdout.strip()


def test_the_stand_in_finds_no_plugins_and_costs_no_importlib_metadata() -> None:
    code = (
        "import sys, assess.cli\n"
        "from pydantic import TypeAdapter\n"
        "TypeAdapter(int).validate_python(1)\n"
        "loader = sys.modules['pydantic.plugin._loader']\n"
        "print(loader.get_plugins() == (), 'importlib.metadata' in sys.modules)"
    )
    assert _run(code) == "True False"


def test_a_name_the_stand_in_lacks_is_answered_by_pydantics_own_loader() -> None:
    """A later pydantic that asks its loader for more gets the real answer, not an error."""
    code = (
        "import sys, assess.cli\n"
        "stand_in = sys.modules['pydantic.plugin._loader']\n"
        "value = stand_in._loading_plugins\n"
        "real = sys.modules['pydantic.plugin._loader']\n"
        "print(real is not stand_in, value is real._loading_plugins)"
    )
    assert _run(code) == "True True"
