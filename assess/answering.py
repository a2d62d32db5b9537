"""Answering: setting answers, the order questions are asked in, and carrying answers forward.

Nothing here talks to the terminal. `assess take` drives a `Session` through a `Prompter` (the
real one lives in `assess.prompt`; tests pass their own), and `assess answer` calls
`set_answer` directly, so both go through the same checks as loading a file.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Final, Protocol

from pydantic import ValidationError

from assess.answers import (
    Answer,
    AnswersFile,
    AnswerValue,
    Assessment,
    Entry,
    NotApplicable,
    Organization,
    QuestionnaireRef,
)
from assess.applicability import applicable_questions, exclusion
from assess.checks import answer_problems
from assess.errors import AssessError
from assess.questionnaire import (
    ChoiceQuestion,
    Dimension,
    MultiQuestion,
    NumberQuestion,
    Question,
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


# --- setting one answer ---------------------------------------------------------------------


def question_for(q: Questionnaire, qid: str) -> Question:
    """The question `qid`, or an error that names its new id when it was renamed."""
    question = q.question(qid)
    if question is not None:
        return question
    renamed = q.renamed.get(qid)
    hint = f"it is called {renamed} in {q.ref}" if renamed else "list them with `assess show`"
    raise AssessError(f"unknown question {qid!r} in {q.ref}", hint=hint)


def parse_value(q: Questionnaire, question: Question, text: str) -> AnswerValue:
    """Read a value typed on the command line the way the question's type expects it.

    A choice takes an option's value or its label; a checklist takes comma-separated option
    values (an empty string checks none); a number takes an integer or a decimal.
    """
    if isinstance(question, ChoiceQuestion):
        for option in q.scales[question.scale]:
            if text == str(option.value) or text.casefold() == option.label.casefold():
                return option.value
        return int(text) if _is_int(text) else text
    if isinstance(question, MultiQuestion):
        return [part.strip() for part in text.split(",") if part.strip()]
    if isinstance(question, NumberQuestion):
        number = parse_number(text)
        if number is None:
            raise AssessError(
                f"{question.id}: {text!r} is not a number", hint=f"a value in {question.unit}"
            )
        return number
    return text


def parse_number(text: str) -> int | float | None:
    """An integer or a finite decimal typed by a person; None when the text is neither."""
    text = text.strip()
    if _is_int(text):
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _is_int(text: str) -> bool:
    return text.strip().lstrip("+-").isdigit()


def make_entry(
    value: AnswerValue | None = None,
    *,
    justification: str | None = None,
    note: str | None = None,
    evidence: Sequence[str] = (),
) -> Entry:
    """An answer with `value`, or an N/A entry when a `justification` is given instead."""
    try:
        if justification is not None:
            return NotApplicable(
                na=True, justification=justification, note=note, evidence=list(evidence)
            )
        if value is None:
            raise AssessError("give a value, or --na with a justification")
        return Answer(value=value, note=note, evidence=list(evidence))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"]) or "value"
        blank = first["type"] in {"string_too_short", "string_pattern_mismatch"}
        raise AssessError(f"{name}: {'must not be blank' if blank else first['msg']}") from None


def with_entry(answers: AnswersFile, q: Questionnaire, qid: str, entry: Entry) -> AnswersFile:
    """`answers` with `entry` set for `qid`, checked exactly as a loaded file would be."""
    question_for(q, qid)
    alone = answers.model_copy(update={"answers": {qid: entry}})
    problems = [p for p in answer_problems(alone, q) if p[0][:1] == ("answers",)]
    if problems:
        _, message, hint = problems[0]
        raise AssessError(message, hint=hint)
    return answers.model_copy(update={"answers": {**answers.answers, qid: entry}})


@dataclass(frozen=True)
class Change:
    """What `set_answer` did: the new file content and whether the question counts."""

    answers: AnswersFile
    entry: Entry
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
) -> Change:
    """Set one answer from command-line text and save it; what is given now beats the file.

    Without a value or justification, the entry in the file keeps its answer and only its note
    or evidence change. Setting a value confirms an answer carried from last period.
    """
    from assess.answersfile import save_entry

    question = question_for(q, qid)
    if value is not None and justification is not None:
        raise AssessError("give either a value or --na, not both")
    old = current_entry(answers, qid)
    keep_note = None if old is NOT_ANSWERED else old.note
    keep_evidence: Sequence[str] = () if old is NOT_ANSWERED else old.evidence
    note = keep_note if note is None else (note or None)
    evidence = keep_evidence if evidence is None else evidence
    if value is None and justification is None:
        if old is NOT_ANSWERED:
            raise AssessError(f"{qid} has no answer yet", hint="give a VALUE or --na JUSTIFICATION")
        entry: Entry = old.model_copy(update={"note": note, "evidence": list(evidence)})
    else:
        parsed = None if value is None else parse_value(q, question, value)
        entry = make_entry(parsed, justification=justification, note=note, evidence=evidence)
    updated = with_entry(answers, q, qid, entry)
    save_entry(path, qid, entry)
    why = exclusion(question, answers.organization.profile, updated.answers, q)
    return Change(updated, entry, None if why is None else why.value)


def answer_file(
    path: Path,
    qid: str,
    questionnaires: Sequence[Path] = (),
    *,
    value: str | None = None,
    justification: str | None = None,
    note: str | None = None,
    evidence: Sequence[str] | None = None,
) -> Change:
    """`assess answer`: load `path` under its lock, set one answer and save it."""
    from assess.answersfile import locked
    from assess.loading import load_answers

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
        )


# --- a new file, and carrying last period's answers forward ----------------------------------


def new_answers(
    q: Questionnaire,
    *,
    org: str,
    profile: str,
    period: str,
    date: dt.date,
    sector: str | None = None,
    assessor: str | None = None,
    scope: str | None = None,
) -> AnswersFile:
    """A new, empty answers file for `q`, checked like any file (the profile must exist)."""
    if q.profile(profile) is None:
        raise AssessError(
            f"unknown profile {profile!r}",
            hint=f"profiles of {q.ref} are {', '.join(p.id for p in q.profiles)}",
        )
    try:
        return AnswersFile(
            questionnaire=QuestionnaireRef(id=q.id, version=q.version),
            organization=Organization(name=org, sector=sector or None, profile=profile),
            assessment=Assessment(
                period=period, date=date, assessor=assessor or None, scope=scope or None
            ),
        )
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        raise AssessError(f"--{first['loc'][-1]} must not be blank") from None


@dataclass(frozen=True)
class Carried:
    """What `carry_forward` kept and what it left behind, to tell the user."""

    answers: AnswersFile
    renamed: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)


def carry_forward(previous: AnswersFile, fresh: AnswersFile, q: Questionnaire) -> Carried:
    """Copy last period's answers into `fresh`, each marked to be confirmed again.

    Ids renamed in `q` are followed through `previous_ids`. An answer is left behind when its
    question is gone, or when the question changed so that the old answer no longer fits it.
    """
    entries: dict[str, Entry] = {}
    renamed: list[tuple[str, str]] = []
    dropped: list[tuple[str, str]] = []
    for old_id, entry in previous.answers.items():
        qid = old_id if q.question(old_id) is not None else q.renamed.get(old_id)
        if qid is None:
            dropped.append((old_id, f"no such question in {q.ref}"))
            continue
        if qid in entries:
            dropped.append((old_id, f"{qid} already has an answer carried forward"))
            continue
        carried = entry.model_copy(update={"carried_from": previous.assessment.period})
        try:
            with_entry(fresh, q, qid, carried)
        except AssessError as exc:
            dropped.append((old_id, exc.message.removeprefix(f"{qid}: ")))
            continue
        entries[qid] = carried
        if qid != old_id:
            renamed.append((old_id, qid))
    return Carried(fresh.model_copy(update={"answers": entries}), renamed, dropped)


def split_specs(specs: Sequence[str]) -> tuple[list[str], list[Path]]:
    """Split `--questionnaire` values into ID[@VERSION] references and questionnaire files.

    Existing files and names ending in .yaml or .yml are files; the rest are references.
    """
    refs: list[str] = []
    paths: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.is_file() or path.suffix in {".yaml", ".yml"}:
            paths.append(path)
        else:
            refs.append(spec)
    return refs, paths


def choose_questionnaire(
    specs: Sequence[str], previous: AnswersFile | None, default_id: str = "cyberposture"
) -> Questionnaire:
    """The questionnaire a new answers file follows.

    One ID[@VERSION] names it; otherwise the newest version among the given files (of last
    period's questionnaire, with --from); otherwise the newest bundled one.
    """
    from assess.loading import find_questionnaire, load_questionnaire, parse_ref

    refs, paths = split_specs(specs)
    if len(refs) > 1:
        raise AssessError("name one questionnaire with ID@VERSION", hint=f"got {', '.join(refs)}")
    if refs:
        ident, version = parse_ref(refs[0])
        return find_questionnaire(ident, version, paths)
    wanted = previous.questionnaire.id if previous is not None else None
    loaded = [load_questionnaire(p) for p in paths]
    ids = {x.id for x in loaded}
    if loaded and (wanted in ids or len(ids) == 1):
        return find_questionnaire(wanted if wanted in ids else loaded[0].id, None, paths)
    if loaded:
        raise AssessError(
            "several questionnaires given; say which one the new file follows",
            hint="add --questionnaire ID@VERSION",
        )
    return find_questionnaire(wanted or default_id, None, paths)


def init_file(
    out: Path,
    *,
    specs: Sequence[str] = (),
    previous_path: Path | None = None,
    org: str | None,
    profile: str | None,
    period: str,
    date: dt.date,
    sector: str | None = None,
    assessor: str | None = None,
    scope: str | None = None,
    force: bool = False,
) -> Carried:
    """Write a new answers file, carrying last period's answers forward when given one.

    With `previous_path`, the organization's name, sector and profile default to last period's.
    """
    from assess.answersfile import locked, write_new
    from assess.loading import load_answers

    previous = None
    if previous_path is not None:
        previous, _ = load_answers(previous_path, split_specs(specs)[1])
    q = choose_questionnaire(specs, previous)
    last = previous.organization if previous is not None else None
    if org is None and last is None:
        raise AssessError("missing --org NAME", hint="the organization being assessed")
    if profile is None and last is None:
        profiles = ", ".join(p.id for p in q.profiles)
        raise AssessError("missing --profile ID", hint=f"profiles of {q.ref} are {profiles}")
    fresh = new_answers(
        q,
        org=org if org is not None else last.name if last else "",
        profile=profile if profile is not None else last.profile if last else "",
        period=period,
        date=date,
        sector=sector if sector is not None else last.sector if last else None,
        assessor=assessor,
        scope=scope,
    )
    result = Carried(fresh) if previous is None else carry_forward(previous, fresh, q)
    # The lock keeps --force from replacing a file that a `take` session is answering.
    with locked(out):
        write_new(out, result.answers, force=force)
    return result


# --- the interactive session, without the terminal -------------------------------------------


class Command(Enum):
    """What a person can ask for instead of giving an answer."""

    guidance = "guidance"
    na = "not applicable"
    extras = "note and evidence"
    skip = "skip"
    back = "back"
    quit = "save and quit"


@dataclass(frozen=True)
class Step:
    """Everything a prompter shows for one question: where it is, the question, its answer."""

    question: Question
    dimension: Dimension
    number: int
    of: int
    answered: int
    total: int
    current: Current
    note: str | None
    evidence: tuple[str, ...]
    can_go_back: bool


@dataclass(frozen=True)
class Give:
    """An answer value the person chose."""

    value: AnswerValue


class Prompter(Protocol):
    """The questions a session asks a person; `assess.prompt` has the terminal version."""

    def ask(self, step: Step, q: Questionnaire) -> Give | Command:
        """Show the question and return the chosen value or command."""

    def guidance(self, step: Step) -> None:
        """Show the question's guidance."""

    def justification(self, step: Step) -> str | None:
        """Ask why the question does not apply; None when the person changed their mind."""

    def extras(self, step: Step) -> tuple[str | None, list[str]]:
        """Ask for the note and the evidence references."""

    def message(self, text: str) -> None:
        """Tell the person something in passing."""


@dataclass(frozen=True)
class Outcome:
    """How a session ended: finished or quit, and what is still open."""

    finished: bool
    open: list[str]
    answers: AnswersFile


class Session:
    """One sitting of `assess take`: asks, saves after every answer, and knows where to resume.

    Without `review`, it starts at the first question that is unanswered or carried from last
    period and moves on to the next such question; with `review` it walks through every
    answered question. `dimension` keeps it to one dimension.
    """

    def __init__(
        self,
        path: Path,
        answers: AnswersFile,
        q: Questionnaire,
        prompter: Prompter,
        *,
        dimension: str | None = None,
        review: bool = False,
    ) -> None:
        if dimension is not None and dimension not in {d.id for d in q.dimensions}:
            raise AssessError(
                f"unknown dimension {dimension!r}",
                hint=f"dimensions of {q.ref} are {', '.join(d.id for d in q.dimensions)}",
            )
        self.path = path
        self.answers = answers
        self.q = q
        self.prompter = prompter
        self.dimension = dimension
        self.review = review
        self.order = {x.id: i for i, x in enumerate(q.questions())}
        self.history: list[str] = []
        self.skipped: set[str] = set()
        self.pending: dict[str, tuple[str | None, list[str]]] = {}

    def targets(self) -> list[Question]:
        """The questions this session covers now; answers can change which ones apply."""
        found = applicable_questions(
            self.q, self.answers.organization.profile, self.answers.answers
        )
        if self.dimension is not None:
            found = [x for x in found if self._dimension(x.id).id == self.dimension]
        if self.review:
            found = [x for x in found if current_entry(self.answers, x.id) is not NOT_ANSWERED]
        return found

    def _dimension(self, qid: str) -> Dimension:
        found = self.q.dimension_of(qid)
        assert found is not None
        return found

    def first(self) -> str | None:
        """Where the session starts: the first question that still needs an answer."""
        return self.next_after(None)

    def next_after(self, qid: str | None) -> str | None:
        """The next question after `qid` (in questionnaire order) that this session asks."""
        start = -1 if qid is None else self.order[qid]
        for question in self.targets():
            if self.order[question.id] <= start or question.id in self.skipped:
                continue
            if self.review or needs_answer(current_entry(self.answers, question.id)):
                return question.id
        return None

    def step(self, qid: str) -> Step:
        """What the prompter shows for `qid`."""
        question = self.q.question(qid)
        assert question is not None
        dimension = self._dimension(qid)
        applicable = applicable_questions(
            self.q, self.answers.organization.profile, self.answers.answers
        )
        in_dimension = [x.id for x in applicable if self._dimension(x.id).id == dimension.id]
        entry = current_entry(self.answers, qid)
        note, evidence = self.pending.get(
            qid, (None, []) if entry is NOT_ANSWERED else (entry.note, entry.evidence)
        )
        return Step(
            question=question,
            dimension=dimension,
            number=in_dimension.index(qid) + 1 if qid in in_dimension else len(in_dimension),
            of=len(in_dimension),
            answered=sum(not needs_answer(current_entry(self.answers, x.id)) for x in applicable),
            total=len(applicable),
            current=entry,
            note=note,
            evidence=tuple(evidence),
            can_go_back=bool(self.history),
        )

    def save(self, qid: str, entry: Entry) -> None:
        """Check and write one answer before anything else happens."""
        from assess.answersfile import save_entry

        self.answers = with_entry(self.answers, self.q, qid, entry)
        save_entry(self.path, qid, entry)
        self.pending.pop(qid, None)
        self.skipped.discard(qid)

    def run(self) -> Outcome:
        """Ask until every question of the session is answered or the person quits."""
        current = self.first()
        while current is not None:
            step = self.step(current)
            reply = self.prompter.ask(step, self.q)
            if reply is Command.quit:
                return self._outcome(finished=False)
            following = self._handle(current, step, reply)
            if following != current and reply is not Command.back:
                self.history.append(current)
            current = following
        return self._outcome(finished=True)

    def _handle(self, qid: str, step: Step, reply: Give | Command) -> str | None:
        """Act on one reply; return the question to show next."""
        if isinstance(reply, Give):
            self.save(qid, make_entry(reply.value, note=step.note, evidence=step.evidence))
            return self.next_after(qid)
        if reply is Command.guidance:
            self.prompter.guidance(step)
        elif reply is Command.na and step.question.allow_na:
            justification = self.prompter.justification(step)
            if justification is None:
                return qid
            entry = make_entry(justification=justification, note=step.note, evidence=step.evidence)
            self.save(qid, entry)
            return self.next_after(qid)
        elif reply is Command.extras:
            self._extras(qid, step)
        elif reply is Command.skip:
            self.skipped.add(qid)
            return self.next_after(qid)
        elif reply is Command.back:
            if self.history:
                return self.history.pop()
            self.prompter.message("This is the first question of this session.")
        return qid

    def _extras(self, qid: str, step: Step) -> None:
        note, evidence = self.prompter.extras(step)
        entry = step.current
        if entry is NOT_ANSWERED:
            # Kept until an answer is chosen: a note alone is not an answer to save.
            self.pending[qid] = (note, evidence)
            self.prompter.message("The note and evidence are saved with the answer you choose.")
        else:
            self.save(qid, entry.model_copy(update={"note": note, "evidence": evidence}))

    def _outcome(self, *, finished: bool) -> Outcome:
        scope = Session(self.path, self.answers, self.q, self.prompter, dimension=self.dimension)
        still = [x.id for x in scope.targets() if needs_answer(current_entry(self.answers, x.id))]
        return Outcome(finished=finished, open=still, answers=self.answers)
