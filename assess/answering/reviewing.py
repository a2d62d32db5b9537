"""The auditor's side of answering: starting a review, recording verdicts and the opinion.

`assess review set` and `assess review take` both record verdicts through `record_verdict`, so a
verdict given either way is checked the same. Nothing here talks to the terminal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from assess.errors import AssessError, Message
from assess.i18n import N_
from assess.model.answers import AnswersFile, Entry, NotApplicable
from assess.model.applicability import exclusion
from assess.model.lookup import find_question
from assess.model.pydantic_text import BLANK, pydantic_message
from assess.model.questionnaire import Question, Questionnaire, ScoredQuestion, TextQuestion
from assess.model.review import (
    AnswersPin,
    Auditor,
    OpinionBlock,
    ReviewFile,
    Verdict,
    answer_hash,
)
from assess.model.review_terms import Opinion, ReviewStatus


@dataclass(frozen=True)
class Reviewing:
    """A review with the answers it reviews, loaded and checked, ready for verdicts."""

    path: Path
    review: ReviewFile
    answers_path: Path
    answers: AnswersFile
    questionnaire: Questionnaire
    answers_changed: bool


def start_review(
    answers_path: Path,
    output: Path,
    *,
    auditor: str,
    auditor_org: str | None,
    started: dt.date,
    questionnaires: Sequence[Path] = (),
    force: bool = False,
) -> ReviewFile:
    """Create a review file pinned to the SHA-256 of the answers file as it is now."""
    from assess.files.loading import load_one
    from assess.files.reading import is_pdf
    from assess.files.reviewfile import write_new_review

    if is_pdf(answers_path):
        raise AssessError(
            N_("is a report PDF; a review is made of an answers file"),
            file=answers_path,
            hint=N_("get one with `assess extract %(file)s -o answers.yaml`"),
            values={"file": answers_path},
        )
    loaded = load_one(answers_path, questionnaires)
    raw, answers = loaded.raw, loaded.answers
    relative = os.path.relpath(answers_path.resolve(), output.resolve().parent)
    try:
        review = ReviewFile(
            questionnaire=answers.questionnaire,
            answers=AnswersPin(file=Path(relative).as_posix(), sha256=_sha256(raw)),
            organization=answers.organization.name,
            period=answers.assessment.period,
            auditor=Auditor(name=auditor, organization=auditor_org or None),
            started=started,
        )
    except ValidationError as exc:
        raise _one_line(exc) from None
    write_new_review(output, review, force=force)
    return review


def open_review(
    path: Path, questionnaires: Sequence[Path] = (), *, language: str | None = None
) -> Reviewing:
    """Load a review and the answers file it names, and check one against the other.

    With `language`, the questionnaire's text is in it where a translation gives it (for
    `review take`, which shows it); ids and values are the same in every language.
    """
    from assess.files.loading import in_language, load_one
    from assess.files.reviewfile import answers_path, load_review, parse_review

    pinned, _ = parse_review(path)
    source = answers_path(path, pinned)
    loaded = load_one(source, questionnaires)
    if language is not None:
        loaded = in_language(loaded, language, allow_untranslated=True)
    raw, answers, q = loaded.raw, loaded.answers, loaded.questionnaire
    review = load_review(path, answers, q)
    changed = _sha256(raw) != review.answers.sha256
    return Reviewing(path, review, source, answers, q, changed)


def reviewable(reviewing: Reviewing, qid: str) -> tuple[ScoredQuestion, Entry]:
    """The question `qid` and its answer, or why an auditor cannot give a verdict on it."""
    q, answers = reviewing.questionnaire, reviewing.answers
    question: Question = find_question(q, qid)
    qid = question.id  # as the questionnaire spells it, whatever the case typed
    if isinstance(question, TextQuestion):
        raise AssessError(
            N_("%(qid)s is a text question; it is never scored, so it has no verdict"),
            values={"qid": qid},
        )
    entry = answers.answers.get(qid)
    if entry is None:
        raise AssessError(
            N_("%(qid)s has no answer to review"),
            file=reviewing.answers_path,
            hint=N_("unanswered questions score 0 already"),
            values={"qid": qid},
        )
    why = exclusion(question, answers.organization.profile, answers.answers, q)
    if why is not None:
        raise AssessError(
            N_("%(qid)s does not apply (%(why)s); it is not scored"),
            values={"qid": qid, "why": why.value},
        )
    return question, entry


def make_verdict(
    reviewing: Reviewing,
    qid: str,
    *,
    status: ReviewStatus,
    method: str | None = None,
    sample_size: int | None = None,
    value: str | None = None,
    comment: str | None = None,
    na_accepted: bool | None = None,
) -> Verdict:
    """A verdict on `qid` from what the auditor typed, checked against the answer it is on."""
    question, entry = reviewable(reviewing, qid)
    if status is ReviewStatus.not_sampled and (method or sample_size or value):
        raise AssessError(N_("an answer not sampled has no --method, --sample-size or --value"))
    if value is not None and status is not ReviewStatus.adjusted:
        raise AssessError(
            N_("--value goes with --status adjusted"), hint=N_("or leave --value out")
        )
    if na_accepted is not None and not isinstance(entry, NotApplicable):
        raise AssessError(
            N_("%(qid)s is not marked N/A"),
            hint=N_("--na-accepted is for N/A answers"),
            values={"qid": qid},
        )
    if na_accepted is not None and status not in (ReviewStatus.verified, ReviewStatus.disputed):
        raise AssessError(N_("--na-accepted goes with --status verified or disputed"))
    needs_comment = (ReviewStatus.adjusted, ReviewStatus.disputed)
    if status in needs_comment and not (comment or "").strip():
        raise AssessError(
            N_("--status %(status)s needs --comment (what you found, and why)"),
            values={"status": status.value},
        )
    if na_accepted is False and not (comment or "").strip():
        raise AssessError(N_("--na-accepted no needs --comment (why the reason is not accepted)"))
    data: dict[str, object] = {"status": status.value, "comment": comment or None}
    if status is not ReviewStatus.not_sampled:
        if method is None:
            raise AssessError(
                N_("--status %(status)s needs --method (how you tested it)"),
                values={"status": status.value},
            )
        data |= {"method": method, "sample_size": sample_size}
    if status is ReviewStatus.adjusted:
        if value is None:
            raise AssessError(N_("--status adjusted needs --value (the value you found)"))
        parsed = question.parse(value)
        wrong = question.problem(parsed)
        if wrong:
            raise AssessError(
                N_("%(id)s: %(problem)s"),
                hint=Message(wrong[1]),
                values={"id": qid, "problem": wrong[0]},
            )
        data["value"] = parsed
    if na_accepted is not None:
        data["na_accepted"] = na_accepted
    data["answer_hash"] = answer_hash(entry)
    try:
        verdict: Verdict = _VERDICT.validate_python(data)
    except ValidationError as exc:
        raise _one_line(exc) from None
    return verdict


def record_verdict(reviewing: Reviewing, qid: str, verdict: Verdict) -> Reviewing:
    """Save one verdict into the review file; the returned state has it."""
    from assess.files.reviewfile import save_verdict

    save_verdict(reviewing.path, qid, verdict)
    entries = {**reviewing.review.entries, qid: verdict}
    review = reviewing.review.model_copy(update={"entries": entries})
    return Reviewing(
        reviewing.path,
        review,
        reviewing.answers_path,
        reviewing.answers,
        reviewing.questionnaire,
        reviewing.answers_changed,
    )


def set_verdict(
    path: Path, qid: str, questionnaires: Sequence[Path] = (), **given: object
) -> tuple[Reviewing, Verdict]:
    """`assess review set`: load the review under its lock, record one verdict, save it."""
    from assess.files.lock import locked

    with locked(path):
        reviewing = open_review(path, questionnaires)
        qid = find_question(reviewing.questionnaire, qid).id
        verdict = make_verdict(reviewing, qid, **given)  # type: ignore[arg-type]
        return record_verdict(reviewing, qid, verdict), verdict


def set_opinion(
    path: Path,
    opinion: Opinion,
    basis: str,
    date: dt.date,
    questionnaires: Sequence[Path] = (),
) -> OpinionBlock:
    """`assess review opinion`: record the overall opinion, its basis and its date."""
    from assess.files.lock import locked
    from assess.files.reviewfile import save_opinion

    with locked(path):
        open_review(path, questionnaires)
        try:
            block = OpinionBlock(opinion=opinion, basis=basis, date=date)
        except ValidationError as exc:
            raise _one_line(exc) from None
        save_opinion(path, block)
    return block


_VERDICT: TypeAdapter[Verdict] = TypeAdapter(Verdict)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _one_line(exc: ValidationError) -> AssessError:
    first = exc.errors(include_url=False)[0]
    # Verdict errors start with the status tag, which is no key the auditor typed.
    loc = first["loc"][1:] if first["loc"] and first["loc"][0] in _TAGS else first["loc"]
    name = ".".join(str(p) for p in loc)
    blank = first["type"] in {"string_too_short", "string_pattern_mismatch"}
    english = first["msg"].removeprefix("Value error, ")
    message = Message(BLANK) if blank else pydantic_message(first, english)
    if not name:
        return AssessError(message)
    return AssessError(N_("%(name)s: %(message)s"), values={"name": name, "message": message})


_TAGS = {s.value for s in ReviewStatus}
