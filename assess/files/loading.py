"""Loading files into models: YAML is parsed safely, shaped by pydantic, then cross-checked.

Validation happens once, here; everything downstream trusts the models it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assess.errors import AssessError
from assess.files.yamlfile import YamlDocument, load_yaml, read_text
from assess.model.answers import AnswersFile
from assess.model.base import Loc
from assess.model.checks import answer_problems, questionnaire_problems
from assess.model.questionnaire import Questionnaire
from assess.model.questions import Problem

M = TypeVar("M", bound=BaseModel)

_HINTS = {
    "extra_forbidden": "unknown key: check its spelling against `assess schema`",
    "missing": "add it",
    "string_type": "write it as text; quote values such as 1.0 or 2025",
}


def parse_model(doc: YamlDocument, model: type[M], what: str) -> M:
    """Shape `doc` into `model`, turning the first validation error into one located line.

    `what` names the model with its article ("an answers file") for the error message.
    """
    if not isinstance(doc.data, dict):
        raise doc.error((), f"expected {what} (a YAML mapping of keys to values)")
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None


def validation_error(doc: YamlDocument, exc: ValidationError) -> AssessError:
    """The first pydantic error as an AssessError pointing at the offending line."""
    first = exc.errors(include_url=False)[0]
    loc = data_loc(doc.data, tuple(first["loc"]))
    key = _describe(doc.data, loc) or "file"
    message = first["msg"]
    if first["type"] == "extra_forbidden":
        message = "unknown key"
    elif first["type"] == "missing":
        missing = first["loc"][-1]
        key = _describe(doc.data, loc) or "top level"
        message = f"missing required key {missing!r}"
    elif first.get("ctx", {}).get("pattern") == r"\S":
        message = "must not be blank"
    hint = _HINTS.get(first["type"])
    if first["loc"][-1] == "justification":
        hint = "N/A needs a justification: say why the question does not apply"
    return doc.error(loc, f"{key}: {message}", hint)


def data_loc(data: Any, loc: tuple[Any, ...]) -> Loc:
    """The part of a pydantic error location that exists in the data.

    Pydantic adds union tags and model names to locations; they are not keys of the file.
    """
    found: list[str | int] = []
    node = data
    for part in loc:
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
            found.append(part)
        elif isinstance(node, dict | list):
            continue
        else:
            break
    return tuple(found)


def _describe(data: Any, loc: Loc) -> str:
    """A readable name for a location, starting from the nearest list item that has an `id`."""
    parts: list[str] = []
    node = data
    for part in loc:
        node = node[part]
        name = node.get("id") if isinstance(part, int) and isinstance(node, dict) else None
        if isinstance(name, str):
            parts = [name]
        elif isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(str(part))
    return ".".join(parts).replace(".[", "[")


def load_questionnaire(path: Path) -> Questionnaire:
    """Load and fully validate a questionnaire file.

    Batch commands name the same questionnaire for every answers file, so a loaded one is kept
    with the text it came from: a file whose text changed is loaded again.
    """
    text = read_text(path)
    kept = _loaded.get(path)
    if kept is not None and kept[0] == text:  # comparing is cheaper than hashing the text
        return kept[1]
    questionnaire = _questionnaire_from(load_yaml(path, text))
    if len(_loaded) >= 16:
        _loaded.pop(next(iter(_loaded)))
    _loaded[path] = (text, questionnaire)
    return questionnaire


_loaded: dict[Path, tuple[str, Questionnaire]] = {}


def _questionnaire_from(doc: YamlDocument) -> Questionnaire:
    questionnaire = parse_model(doc, Questionnaire, "a questionnaire")
    _raise_first(doc, questionnaire_problems(questionnaire))
    return questionnaire


def load_answers(
    path: Path, questionnaires: Sequence[Path] = (), *, text: str | None = None
) -> tuple[AnswersFile, Questionnaire]:
    """Load an answers file and check it against the questionnaire it names.

    The questionnaire is looked up among `questionnaires` (files given with --questionnaire)
    first, then among the bundled ones. A report PDF stands for the answers file embedded in it.
    `text`, when given, is the file's content already read (errors still name `path`).
    """
    from assess.files.attachments import embedded_text

    if text is None:
        text = embedded_text(path)
    return _answers_from(load_yaml(path, text), questionnaires)


def _answers_from(
    doc: YamlDocument, questionnaires: Sequence[Path]
) -> tuple[AnswersFile, Questionnaire]:
    answers = parse_model(doc, AnswersFile, "an answers file")
    ref = answers.questionnaire
    # A --questionnaire file that cannot be loaded is its own file's error, at its own line;
    # only a questionnaire that is nowhere to be found is the answers file's `questionnaire` line.
    given = [load_questionnaire(p) for p in questionnaires]
    questionnaire = _match(ref.id, ref.version, given)
    if questionnaire is None:
        missing = _not_found(ref.id, ref.version)
        raise doc.error(("questionnaire",), missing.message, missing.hint)
    _raise_first(doc, answer_problems(answers, questionnaire))
    return answers, questionnaire


def load_any(
    path: Path, questionnaires: Sequence[Path] = ()
) -> Questionnaire | tuple[AnswersFile, Questionnaire]:
    """Load a questionnaire or an answers file, telling them apart by their top-level keys."""
    doc = load_yaml(path)
    if isinstance(doc.data, dict) and "dimensions" in doc.data:
        return _questionnaire_from(doc)
    if isinstance(doc.data, dict) and {"answers", "organization"} & doc.data.keys():
        return _answers_from(doc, questionnaires)
    raise doc.error(
        (),
        "neither a questionnaire nor an answers file",
        "a questionnaire has `dimensions`; an answers file has `organization` and `answers`",
    )


def _raise_first(doc: YamlDocument, problems: list[Problem]) -> None:
    """Raise the problem that comes first in the file, as a reader would meet it."""
    if problems:
        loc, message, hint = min(problems, key=lambda p: doc.where(p[0])[0] or 0)
        raise doc.error(loc, message, hint)


def bundled_dir(name: str) -> Path:
    """A folder of assets shipped with the package (`questionnaires`, `templates`, `docs`).

    An installed wheel carries them inside the package; a source checkout has them at the top.
    """
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_bundled" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise AssessError(f"the bundled {name} folder is missing", hint="reinstall assess")


def bundled_questionnaire_paths() -> list[Path]:
    """The bundled questionnaire files, one per released version."""
    return sorted(bundled_dir("questionnaires").glob("*.yaml"))


def bundled_questionnaires() -> list[Questionnaire]:
    """Every bundled questionnaire, loaded and validated, in id and version order."""
    loaded = [load_questionnaire(p) for p in bundled_questionnaire_paths()]
    return sorted(loaded, key=lambda q: (q.id, _version_key(q.version)))


def parse_ref(text: str) -> tuple[str, str | None]:
    """Split `ID[@VERSION]` into its parts."""
    ident, _, version = text.partition("@")
    return ident, version or None


def find_questionnaire(
    ident: str, version: str | None = None, paths: Sequence[Path] = ()
) -> Questionnaire:
    """The questionnaire `ident` at `version` (the newest when None), from `paths` or bundled."""
    found = _match(ident, version, [load_questionnaire(p) for p in paths])
    if found is None:
        raise _not_found(ident, version)
    return found


def _match(ident: str, version: str | None, given: list[Questionnaire]) -> Questionnaire | None:
    """The newest of `given` and the bundled questionnaires that is `ident` at `version`."""
    candidates = list(given)
    named = {p.stem: p for p in bundled_questionnaire_paths()}
    if version is not None and f"{ident}-{version}" in named:
        candidates.append(load_questionnaire(named[f"{ident}-{version}"]))
    elif version is None:
        candidates += [q for q in bundled_questionnaires() if q.id == ident]
    matches = [q for q in candidates if q.id == ident and version in (None, q.version)]
    return max(matches, key=lambda q: _version_key(q.version)) if matches else None


def _not_found(ident: str, version: str | None) -> AssessError:
    wanted = f"{ident}@{version}" if version else ident
    known = ", ".join(q.ref for q in bundled_questionnaires()) or "none"
    return AssessError(
        f"questionnaire {wanted} not found",
        hint=f"bundled: {known}; pass another with --questionnaire PATH",
    )


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))
