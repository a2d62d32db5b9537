"""Assets shipped with the package: the questionnaires and the report templates."""

from __future__ import annotations

from pathlib import Path

from assess.errors import AssessError
from assess.i18n import N_


def bundled_dir(name: str) -> Path:
    """A folder of assets shipped with the package (`questionnaires`, `templates`).

    An installed wheel carries them inside the package; a source checkout has them at the top.
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_bundled" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise AssessError(
        N_("the bundled %(name)s folder is missing"),
        hint=N_("reinstall assess"),
        values={"name": name},
    )
