"""The interactive session without the terminal: what to ask next, saving, resuming.

`assess take` drives a `Session` through a `Prompter`; the real one is
`assess.answering.prompt.TerminalPrompter`, and tests pass their own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from assess.answering.setting import (
    NOT_ANSWERED,
    Current,
    current_entry,
    make_entry,
    needs_answer,
    with_entry,
)
from assess.errors import AssessError
from assess.model.answers import (
    AnswersFile,
    AnswerValue,
    Entry,
)
from assess.model.applicability import applicable_questions
from assess.model.questionnaire import (
    Dimension,
    Question,
    Questionnaire,
)


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
    """The questions a session asks a person; `assess.answering.prompt` has the terminal version."""

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
        questionnaires: Sequence[Path] = (),
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
        self.questionnaires = list(questionnaires)
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
        """Check and write one answer before anything else happens.

        The save takes the file's short lock and writes only this entry; what others saved
        meanwhile is read back, so progress and conditions follow the whole team's answers.
        """
        from assess.files.answersfile import update_entry

        self.answers = with_entry(self.answers, self.q, qid, entry)
        update_entry(self.path, qid, entry)
        self.pending.pop(qid, None)
        self.skipped.discard(qid)
        self.refresh()

    def refresh(self) -> None:
        """Read the answers others saved in the file; a file broken by hand keeps ours."""
        from assess.files.loading import load_answers

        with contextlib.suppress(AssessError):
            self.answers = load_answers(self.path, self.questionnaires)[0]

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
