"""Reading and writing review files, with the same care as answers files.

Reading is strict and located, like every file assess loads. Writing goes through the round-trip
YAML writer, so an auditor's comments in the file survive, and every write is atomic.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.errors import AssessError, Message
from assess.files.atomic import write_atomic
from assess.files.parsing import parse_model
from assess.files.yamlfile import YamlDocument, load_yaml, read_text
from assess.i18n import N_
from assess.model.answers import AnswersFile
from assess.model.questionnaire import Questionnaire
from assess.model.review import OpinionBlock, ReviewFile, Verdict, review_problems
from assess.plaintext import plural

REVIEW_SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "review.schema.json"


def parse_review(path: Path, text: str | None = None) -> tuple[ReviewFile, YamlDocument]:
    """A review file shaped into its model (or one located error), with its parsed document."""
    doc = load_yaml(path, text)
    return parse_model(doc, ReviewFile, N_("a review file")), doc


def load_review(
    path: Path, answers: AnswersFile, q: Questionnaire, *, text: str | None = None
) -> ReviewFile:
    """Load a review and check that it reviews these answers, against their questionnaire.

    A review of another organization, period or questionnaire is refused: it was meant for
    another file. Answers that changed since the review started are not an error; scoring flags
    the verdicts they make stale.
    """
    review, doc = parse_review(path, text)
    if review.questionnaire != answers.questionnaire:
        raise doc.error(
            ("questionnaire",),
            Message(
                N_("reviews answers to %(reviewed)s, not %(answered)s"),
                {"reviewed": review.questionnaire, "answered": answers.questionnaire},
            ),
            N_("give the review of this answers file"),
        )
    mine = (review.organization, review.period)
    theirs = (answers.organization.name, answers.assessment.period)
    if mine != theirs:
        raise doc.error(
            ("organization",),
            Message(
                N_("reviews %(org)s, %(period)s, not %(other)s, %(other_period)s"),
                {"org": mine[0], "period": mine[1], "other": theirs[0], "other_period": theirs[1]},
            ),
            N_("give the review of this answers file"),
        )
    problems = review_problems(review, q)
    if problems:
        loc, message, hint = min(problems, key=lambda p: doc.where(p[0])[0] or 0)
        raise doc.error(loc, message, hint)
    return review


def answers_path(review_path: Path, review: ReviewFile) -> Path:
    """The answers file a review names, relative to the review's own folder."""
    return (review_path.parent / review.answers.file).resolve()


def new_review_text(review: ReviewFile) -> str:
    """The text of a new review file: a schema header, then the review in a readable layout."""
    from ruamel.yaml.comments import CommentedMap

    from assess.files.roundtrip import dump_round_trip as dump

    data = _plain(review)
    doc = CommentedMap()
    for key, value in data.items():
        node = CommentedMap(value) if isinstance(value, dict) else value
        # Short mappings read best on one line; `entries: {}` opens up once it has entries.
        if key in ("questionnaire", "auditor") or (key == "entries" and not value):
            node.fa.set_flow_style()
        doc[key] = node
    header = f"# yaml-language-server: $schema={REVIEW_SCHEMA_FILE.as_uri()}"
    return header + "\n" + dump(doc, indent=2, dash=2)


def write_new_review(path: Path, review: ReviewFile, *, force: bool = False) -> None:
    """Write a new review file; an existing file is replaced only with `force`."""
    if path.exists() and not force:
        raise AssessError(
            N_("file already exists"), file=path, hint=N_("choose another name, or pass --force")
        )
    write_atomic(path, new_review_text(review))


def save_verdict(path: Path, qid: str, verdict: Verdict) -> None:
    """Set one verdict in the review on disk, keeping the rest as the auditor wrote it."""
    from ruamel.yaml.comments import CommentedMap

    data = _plain(verdict)
    order = ["status", "value", "method", "sample_size", "na_accepted", "comment", "answer_hash"]
    data = {k: data[k] for k in sorted(data, key=order.index)}
    _edit(path, "entries", lambda entries: _set_entry(entries, qid, data, CommentedMap))


def save_opinion(path: Path, opinion: OpinionBlock) -> None:
    """Set the overall opinion in the review on disk."""
    from ruamel.yaml.comments import CommentedMap

    data = _plain(opinion)

    def change(doc: Any) -> None:
        old = doc.get("opinion")
        if isinstance(old, CommentedMap):
            _replace(old, data)
        else:
            _insert_before(doc, "opinion", CommentedMap(data), "entries")

    _edit(path, None, change)


def _plain(model: Any) -> dict[str, Any]:
    """A model as YAML-ready data: enums as text, dates as dates (YAML writes them unquoted)."""
    import datetime as dt

    data: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    for key in list(data):
        if isinstance(getattr(model, key, None), dt.date):
            data[key] = getattr(model, key)
    return data


def _edit(path: Path, section: str | None, change: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    from assess.files.roundtrip import dump_round_trip as dump
    from assess.files.roundtrip import load_round_trip as load

    text = read_text(path)
    doc = load(path, text)
    if not isinstance(doc, CommentedMap):
        raise AssessError(N_("expected a review file (a YAML mapping)"), file=path)
    if section is None:
        change(doc)
    else:
        part = doc.get(section)
        if not isinstance(part, CommentedMap):
            part = CommentedMap()
            doc[section] = part
        part.fa.set_block_style()  # `entries: {}` from `start` opens up once it has entries
        change(part)
    # Review files hold long wrapped comments, which make indentation hard to guess from the
    # text; the layout `review start` writes is kept instead.
    write_atomic(path, dump(doc, indent=2, dash=2))


def _set_entry(entries: Any, qid: str, data: dict[str, Any], mapping: Any) -> None:
    old = entries.get(qid)
    if isinstance(old, mapping):
        _replace(old, data)
    else:
        node = mapping(data)
        node.fa.set_flow_style()
        entries[qid] = node
    # A verdict with the auditor's words reads better on lines of its own.
    if "comment" in data:
        entries[qid].fa.set_block_style()


def _replace(old: Any, new: dict[str, Any]) -> None:
    """Change a mapping in place, so comments beside its keys survive."""
    for key in [k for k in old if k not in new]:
        del old[key]
    for index, (key, value) in enumerate(new.items()):
        if key in old:
            old[key] = value
        else:
            old.insert(min(index, len(old)), key, value)


def _insert_before(doc: Any, key: str, value: Any, before: str) -> None:
    keys = list(doc)
    doc.insert(keys.index(before) if before in keys else len(keys), key, value)


def check_review(path: Path, questionnaires: Sequence[Path] = ()) -> str | None:
    """For `assess validate`: None when `path` is no review file, else a line describing it.

    A review file is checked on its own and against the answers file it names, when that file is
    where the review says; the line says whether the answers changed since the review started.
    """
    import hashlib

    from assess.files.loading import load_one
    from assess.files.reading import is_pdf
    from assess.files.yamlfile import decode, read_bytes

    if is_pdf(path):
        return None
    raw = read_bytes(path)
    doc = load_yaml(path, decode(raw, path))
    if not (isinstance(doc.data, dict) and {"auditor", "entries"} <= doc.data.keys()):
        return None
    review = parse_model(doc, ReviewFile, N_("a review file"))
    line = (
        f"review of {review.organization}, {review.period} by {review.auditor.name}, "
        f"{plural(len(review.entries), 'verdict')}"
    )
    source = answers_path(path, review)
    if not source.is_file():
        return line + f"; its answers file {review.answers.file} was not found, so not checked"
    loaded = load_one(source, questionnaires)
    load_review(path, loaded.answers, loaded.questionnaire, text=doc.text)
    changed = hashlib.sha256(loaded.raw).hexdigest() != review.answers.sha256
    return line + ("; the answers changed since the review started" if changed else "")
