"""Finding and loading questionnaires: given, embedded in a report, on the search path, bundled.

A questionnaire is looked up by `id@version` in this order: files named with --questionnaire,
the copy embedded in a report PDF, the folders listed in the `ASSESS_QUESTIONNAIRES` environment
variable, then the questionnaires bundled with assess. Files in folders are found by their name,
`ID-VERSION.yaml`, so a lookup reads only the file it needs. A given file that claims the
`id@version` of a bundled questionnaire but holds other bytes is refused: released versions are
never edited, and a silent replacement would change every score.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from assess.errors import AssessError, Message
from assess.files.bundled import bundled_dir
from assess.files.parsing import parse_model, raise_first
from assess.files.yamlfile import YamlDocument, decode, load_yaml, read_bytes
from assess.i18n import N_
from assess.model.checks import questionnaire_problems
from assess.model.questionnaire import Questionnaire

if TYPE_CHECKING:
    from assess.files.translations import TranslationFile

SEARCH_PATH_VARIABLE = "ASSESS_QUESTIONNAIRES"
# `ID-VERSION.yaml`; a version starts with a digit. `ID-VERSION.LANG.yaml` (a translation) is not
# a questionnaire, so a version may not end in a language tag.
_FILE_NAME = re.compile(
    r"^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*?)-(?P<version>[0-9][A-Za-z0-9.]*)\.ya?ml$"
)
_LANGUAGE_TAG = re.compile(r"\.[a-z]{2,3}(-[A-Za-z]{2,4})?$")


class Origin(StrEnum):
    """Where a questionnaire came from; reports and hints say so."""

    given = "given with --questionnaire"
    embedded = "embedded in the report"
    search_path = f"found through {SEARCH_PATH_VARIABLE}"
    bundled = "bundled with assess"


@dataclass(frozen=True)
class QuestionnaireFile:
    """A loaded questionnaire with the exact bytes it came from and where it was found."""

    path: Path
    raw: bytes
    sha256: str
    questionnaire: Questionnaire
    origin: Origin
    translation: TranslationFile | None = None
    """The translation applied to `questionnaire`, whose text is then in its language."""
    source_language: str | None = None
    """The language of the questionnaire's own text, where a translation replaced it: the
    language of the texts the translation keeps (`untranslated`)."""


def parse_questionnaire(path: Path, raw: bytes, origin: Origin) -> QuestionnaireFile:
    """Validate a questionnaire from its bytes; `path` names it in errors."""
    from assess.files.cache import cached

    sha256 = hashlib.sha256(raw).hexdigest()

    def build() -> Questionnaire:
        return from_document(load_yaml(path, decode(raw, path)))

    # The checks are the same for the same bytes: a questionnaire checked before is kept.
    return QuestionnaireFile(
        path, raw, sha256, cached("questionnaire", sha256, build, Questionnaire), origin
    )


def from_document(doc: YamlDocument) -> Questionnaire:
    """A questionnaire model from a parsed file, with every check that spans the file."""
    questionnaire = parse_model(doc, Questionnaire, N_("a questionnaire"))
    raise_first(doc, questionnaire_problems(questionnaire))
    return questionnaire


_cache: dict[Path, tuple[tuple[int, int], QuestionnaireFile]] = {}


def load_file(path: Path, origin: Origin = Origin.given) -> QuestionnaireFile:
    """Load a questionnaire file once per process; a file whose size or time changed is reread.

    Batch commands name the same questionnaire for every answers file: a stat is all it costs.
    """
    try:
        stat = path.stat()
    except OSError:
        stat = None
    key = (stat.st_mtime_ns, stat.st_size) if stat else (0, -1)
    kept = _cache.get(path)
    if kept is not None and kept[0] == key and kept[1].origin is origin:
        return kept[1]
    loaded = parse_questionnaire(path, read_bytes(path), origin)
    if len(_cache) >= 32:
        _cache.pop(next(iter(_cache)))
    _cache[path] = (key, loaded)
    return loaded


@cache
def _bundled_index() -> dict[tuple[str, str], Path]:
    return _index([bundled_dir("questionnaires")])


def _index(folders: Iterable[Path]) -> dict[tuple[str, str], Path]:
    """`(id, version)` to file, from the names of the files in `folders` (the first wins)."""
    found: dict[tuple[str, str], Path] = {}
    for folder in folders:
        try:
            names = sorted(p.name for p in folder.iterdir())
        except OSError:
            continue
        for name in names:
            match = _FILE_NAME.match(name)
            if match and not _LANGUAGE_TAG.search(name.rsplit(".", 1)[0]):
                found.setdefault((match["id"], match["version"]), folder / name)
    return found


def search_path() -> list[Path]:
    """The folders named by ASSESS_QUESTIONNAIRES, in order."""
    value = os.environ.get(SEARCH_PATH_VARIABLE, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def bundled() -> list[QuestionnaireFile]:
    """Every bundled questionnaire, in id and version order."""
    index = _bundled_index()
    return [load_file(index[key], Origin.bundled) for key in sorted(index, key=_order)]


def available() -> list[QuestionnaireFile]:
    """Every questionnaire on the search path and bundled, in id and version order."""
    path_index = _index(search_path())
    found = [load_file(p, Origin.search_path) for k, p in path_index.items()]
    found += [
        q for q in bundled() if (q.questionnaire.id, q.questionnaire.version) not in path_index
    ]
    return sorted(found, key=lambda f: _order((f.questionnaire.id, f.questionnaire.version)))


def resolve(
    ident: str,
    version: str | None,
    given: Sequence[Path] = (),
    embedded: Sequence[QuestionnaireFile] = (),
) -> QuestionnaireFile:
    """The questionnaire `ident` at `version` (the newest when None), by the lookup order above."""
    given_files = [_checked_against_bundled(load_file(p, Origin.given)) for p in given]
    for candidates in (given_files, embedded):
        match = _newest(ident, version, candidates)
        if match is not None:
            return match
    for folders, origin in ((search_path(), Origin.search_path), (None, Origin.bundled)):
        index = _index(folders) if folders is not None else _bundled_index()
        keys = [k for k in index if k[0] == ident and version in (None, k[1])]
        if keys:
            path = index[max(keys, key=_order)]
            loaded = load_file(path, origin)
            _check_name(loaded, path)
            return loaded
    wanted = f"{ident}@{version}" if version else ident
    known = ", ".join(f.questionnaire.ref for f in available()) or Message(N_("none"))
    raise AssessError(
        N_("questionnaire %(wanted)s not found"),
        hint=N_(
            "known: %(known)s; pass its file with --questionnaire PATH, or put its folder in "
            "%(variable)s"
        ),
        values={"wanted": wanted, "known": known, "variable": SEARCH_PATH_VARIABLE},
    )


def _newest(
    ident: str, version: str | None, files: Sequence[QuestionnaireFile]
) -> QuestionnaireFile | None:
    matches = [
        f
        for f in files
        if f.questionnaire.id == ident and version in (None, f.questionnaire.version)
    ]
    return max(matches, key=lambda f: _order((ident, f.questionnaire.version))) if matches else None


def _checked_against_bundled(loaded: QuestionnaireFile) -> QuestionnaireFile:
    """Refuse a given file that claims a bundled `id@version` with other content."""
    q = loaded.questionnaire
    path = _bundled_index().get((q.id, q.version))
    if path is not None and path.resolve() != loaded.path.resolve():
        original = load_file(path, Origin.bundled)
        if original.sha256 != loaded.sha256:
            raise AssessError(
                N_(
                    "%(ref)s is a bundled questionnaire, and this file differs from it "
                    "(SHA-256 %(here)s… here, %(bundled)s… bundled)"
                ),
                file=loaded.path,
                hint=N_(
                    "released versions are never edited: give your questionnaire its own "
                    "id or a new version"
                ),
                values={
                    "ref": q.ref,
                    "here": loaded.sha256[:16],
                    "bundled": original.sha256[:16],
                },
            )
    return loaded


def _check_name(loaded: QuestionnaireFile, path: Path) -> None:
    q = loaded.questionnaire
    if path.name not in (f"{q.id}-{q.version}.yaml", f"{q.id}-{q.version}.yml"):
        raise AssessError(
            N_("the file name says another questionnaire than its content (%(ref)s)"),
            file=path,
            hint=N_("rename it %(name)s"),
            values={"ref": q.ref, "name": f"{q.id}-{q.version}.yaml"},
        )


def parse_ref(text: str) -> tuple[str, str | None]:
    """Split `ID[@VERSION]` into its parts."""
    ident, _, version = text.partition("@")
    return ident, version or None


def _order(key: tuple[str, str]) -> tuple[str, tuple[tuple[int, str], ...]]:
    ident, version = key
    return ident, tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
