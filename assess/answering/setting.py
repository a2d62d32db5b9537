"""Setting one answer: reading it from what a person typed, checking it, and saving it.

`assess answer` and `assess take` both go through `set_answer`/`with_entry`, so an answer given
either way is checked exactly as a loaded file would be. Nothing here talks to the terminal.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from assess.errors import AssessError, Message
from assess.i18n import N_
from assess.model.answers import (
    Answer,
    AnswersFile,
    AnswerValue,
    Draft,
    Entry,
    NotApplicable,
)
from assess.model.applicability import exclusion
from assess.model.checks import answer_problems
from assess.model.lookup import find_question
from assess.model.pydantic_text import BLANK, pydantic_message
from assess.model.questionnaire import (
    Questionnaire,
)


class _NotAnswered(Enum):
    """The type of NOT_ANSWERED, so that type checkers can tell it apart from an entry."""

    token = "not answered"

    def __repr__(self) -> str:
        return "NOT_ANSWERED"


NOT_ANSWERED: Final = _NotAnswered.token
"""A question with no entry in the file; distinct from None, which some values may mean."""

Current = Entry | _NotAnswered


def current_entry(answers: AnswersFile, qid: str) -> Current:
    """The entry of `qid` in the file, or NOT_ANSWERED."""
    return answers.answers.get(qid, NOT_ANSWERED)


def needs_answer(entry: Current) -> bool:
    """True for a question with no answer yet or an answer carried from last period."""
    return entry is NOT_ANSWERED or entry.carried_from is not None


def respondent(by: str | None = None) -> str | None:
    """Who is answering: `--by`, else the ASSESS_USER variable, else the login name."""
    for name in (by, os.environ.get("ASSESS_USER")):
        if name is not None and name.strip():
            return name.strip()
    try:
        return getpass.getuser() or None
    except (OSError, KeyError):  # no login name, as in some containers
        return None


def now() -> dt.datetime:
    """The time an answer is given: local time with its offset, to the second."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def check_typed(**fields: str | Sequence[str] | None) -> None:
    """Refuse command-line text that was not valid UTF-8, naming the option and the byte.

    Python keeps undecodable bytes of arguments as lone surrogates; written out they would
    become escape sequences nobody typed, or a file that later commands reject.
    """
    for name, value in fields.items():
        for text in [value] if isinstance(value, str) else value or []:
            bad = next((c for c in text if "\ud800" <= c <= "\udfff"), None)
            if bad is not None:
                byte = ord(bad) - 0xDC00 if 0xDC80 <= ord(bad) <= 0xDCFF else None
                message = N_("%(option)s: not valid UTF-8 text (byte 0x%(byte)s)")
                if byte is None:
                    message = N_("%(option)s: not valid UTF-8 text")
                raise AssessError(
                    message,
                    hint=N_("set the terminal or script to UTF-8 and type it again"),
                    values={
                        "option": name.replace("_", "-"),
                        "byte": f"{byte:02x}" if byte is not None else "",
                    },
                )


def make_entry(
    value: AnswerValue | None = None,
    *,
    justification: str | None = None,
    note: str | None = None,
    evidence: Sequence[str] = (),
    by: str | None = None,
    at: dt.datetime | None = None,
) -> Entry:
    """An answer with `value`, or an N/A entry when a `justification` is given instead.

    `by` and `at` record who gave it and when.
    """
    try:
        if justification is not None:
            return NotApplicable(
                na=True,
                justification=justification,
                note=note,
                evidence=list(evidence),
                answered_by=by,
                answered_at=at,
            )
        if value is None:
            raise AssessError(N_("give a value, or --na with a justification"))
        return Answer(
            value=value, note=note, evidence=list(evidence), answered_by=by, answered_at=at
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"]) or Message(N_("value"))
        blank = first["type"] in {"string_too_short", "string_pattern_mismatch"}
        message = Message(BLANK) if blank else pydantic_message(first)
        raise AssessError(
            N_("%(name)s: %(message)s"), values={"name": name, "message": message}
        ) from None


def with_entry(answers: AnswersFile, q: Questionnaire, qid: str, entry: Entry) -> AnswersFile:
    """`answers` with `entry` set for `qid`, checked exactly as a loaded file would be."""
    find_question(q, qid)
    alone = answers.model_copy(update={"answers": {qid: entry}})
    problems = [p for p in answer_problems(alone, q) if p[0][:1] == ("answers",)]
    if problems:
        _, message, hint = problems[0]
        raise AssessError(message, hint=hint)
    drafts = {k: v for k, v in answers.drafts.items() if k != qid}
    return answers.model_copy(update={"answers": {**answers.answers, qid: entry}, "drafts": drafts})


def make_draft(
    note: str | None, evidence: Sequence[str], *, by: str | None, at: dt.datetime
) -> Draft | None:
    """The draft of a question not answered yet; None when nothing is left to keep."""
    if not note and not evidence:
        return None
    return Draft(note=note or None, evidence=list(evidence), noted_by=by, noted_at=at)


def with_draft(answers: AnswersFile, qid: str, draft: Draft | None) -> AnswersFile:
    """`answers` with the draft of `qid` set, or removed when `draft` is None."""
    drafts = {k: v for k, v in answers.drafts.items() if k != qid}
    if draft is not None:
        drafts[qid] = draft
    return answers.model_copy(update={"drafts": drafts})


@dataclass(frozen=True)
class Change:
    """What `set_answer` did: the question, the new file content, and whether it counts.

    `question` is the id as the questionnaire spells it, in whatever case it was typed. `entry`
    is None when only a draft changed (a note or evidence for a question with no answer yet).
    """

    question: str
    answers: AnswersFile
    entry: Entry | None
    excluded: str | None


def set_answer(
    path: Path,
    answers: AnswersFile,
    q: Questionnaire,
    qid: str,
    *,
    value: str | None = None,
    justification: str | None = None,
    note: str | None = None,
    evidence: Sequence[str] | None = None,
    by: str | None = None,
) -> Change:
    """Set one answer from command-line text and save it; what is given now beats the file.

    Without a value or justification, the entry in the file keeps its answer (and who gave it)
    and only its note or evidence change; a question with no answer yet gets them as a draft.
    Setting a value takes over the draft, confirms an answer carried from last period and
    records `by` (see `respondent`) and the time.
    """
    from assess.files.answersfile import save_draft, save_entry

    question = find_question(q, qid)
    qid = question.id
    if value is not None and justification is not None:
        raise AssessError(N_("give either a value or --na, not both"), file=path)
    old = current_entry(answers, qid)
    kept = answers.drafts.get(qid, Draft()) if old is NOT_ANSWERED else old
    no_change = note is None and evidence is None
    note = kept.note if note is None else (note or None)
    evidence = kept.evidence if evidence is None else evidence
    if value is None and justification is None:
        if old is NOT_ANSWERED:
            if no_change:
                raise AssessError(
                    N_("%(id)s has no answer yet"),
                    file=path,
                    hint=N_("give a VALUE or --na JUSTIFICATION"),
                    values={"id": qid},
                )
            draft = make_draft(note, evidence, by=respondent(by), at=now())
            save_draft(path, qid, draft)
            return Change(qid, with_draft(answers, qid, draft), None, None)
        entry: Entry = old.model_copy(update={"note": note, "evidence": list(evidence)})
    else:
        parsed = None if value is None else question.parse(value)
        entry = make_entry(
            parsed,
            justification=justification,
            note=note,
            evidence=evidence,
            by=respondent(by),
            at=now(),
        )
    updated = with_entry(answers, q, qid, entry)
    save_entry(path, qid, entry)
    why = exclusion(question, answers.organization.profile, updated.answers, q)
    return Change(qid, updated, entry, None if why is None else why.value)


def answer_file(
    path: Path,
    qid: str,
    questionnaires: Sequence[Path] = (),
    *,
    value: str | None = None,
    justification: str | None = None,
    note: str | None = None,
    evidence: Sequence[str] | None = None,
    by: str | None = None,
) -> Change:
    """`assess answer`: under the file's short lock, load `path`, set one answer and save it.

    Without a value, an N/A or a note or evidence to change, there is nothing to save: an error.
    """
    from assess.files.loading import load_answers
    from assess.files.lock import locked, refuse_report

    if value is None and justification is None and note is None and evidence is None:
        raise AssessError(
            N_("nothing to save for %(id)s"),
            hint=N_("give a VALUE, --na JUSTIFICATION, --note or --evidence"),
            values={"id": qid},
        )
    check_typed(value=value, na=justification, note=note, evidence=evidence, by=by)

    # Loaded once before the lock, so that the questionnaire is checked and cached while others
    # save; under the lock only the answers file is read again.
    refuse_report(path)
    load_answers(path, questionnaires)
    with locked(path):
        answers, q = load_answers(path, questionnaires)
        return set_answer(
            path,
            answers,
            q,
            qid,
            value=value,
            justification=justification,
            note=note,
            evidence=evidence,
            by=by,
        )
