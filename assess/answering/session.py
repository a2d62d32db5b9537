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
    make_draft,
    make_entry,
    needs_answer,
    now,
    with_draft,
    with_entry,
)
from assess.errors import AssessError
from assess.i18n import _, ngettext
from assess.model.answers import (
    AnswersFile,
    AnswerValue,
    Draft,
    Entry,
)
from assess.model.applicability import Exclusion, applicable_questions, exclusion
from assess.model.lookup import find_dimension
from assess.model.progress import Progress, progress
from assess.model.questionnaire import Dimension, Question, Questionnaire
from assess.model.values import Condition


class Command(Enum):
    """What a person can ask for instead of giving an answer."""

    guidance = "guidance"
    na = "not applicable"
    extras = "note and evidence"
    skip = "skip"
    back = "back"
    keep = "keep the answer shown"
    quit = "save and quit"


@dataclass(frozen=True)
class Step:
    """Everything a prompter shows for one question: where it is, the question, its answer.

    `number` of `of` counts the questions of this session; `progress` the whole file, in the
    vocabulary every command uses. `notices` say what changed since the last question
    (questions that a condition now hides or brings back); `new_dimension` is True for the
    first question shown of a dimension.
    """

    question: Question
    dimension: Dimension
    number: int
    of: int
    progress: Progress
    current: Current
    note: str | None
    evidence: tuple[str, ...]
    can_go_back: bool
    notices: tuple[str, ...] = ()
    new_dimension: bool = False


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

    def note(self, step: Step) -> str | None:
        """Ask for the note; None removes it."""

    def evidence(self, step: Step) -> list[str]:
        """Ask for the evidence references; an empty list removes them."""

    def message(self, text: str) -> None:
        """Tell the person something in passing."""


@dataclass(frozen=True)
class Outcome:
    """How a session ended: finished or quit, and what is still open."""

    finished: bool
    open: list[str]
    answers: AnswersFile
    open_in_file: int = 0


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
        by: str | None = None,
    ) -> None:
        if dimension is not None:
            dimension = find_dimension(q, dimension).id
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
        self.by = by
        self.notices: list[str] = []
        self.shown_dimensions: set[str] = set()

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
        in_session = [x.id for x in self.targets()]
        entry = current_entry(self.answers, qid)
        # A question with no answer yet shows its draft: the note typed before, maybe in a
        # session that was interrupted.
        kept = self.answers.drafts.get(qid, Draft()) if entry is NOT_ANSWERED else entry
        note, evidence = kept.note, kept.evidence
        new_dimension = dimension.id not in self.shown_dimensions
        if new_dimension:
            self.shown_dimensions.add(dimension.id)
            hidden = self._hidden_by_condition(dimension.id)
            if hidden:
                self.notices.append(_not_asked(hidden, self.q))
        notices, self.notices = tuple(self.notices), []
        return Step(
            question=question,
            dimension=dimension,
            number=in_session.index(qid) + 1 if qid in in_session else len(in_session),
            of=len(in_session),
            progress=progress(self.q, self.answers),
            current=entry,
            note=note,
            evidence=tuple(evidence),
            can_go_back=bool(self.history),
            notices=notices,
            new_dimension=new_dimension,
        )

    def _hidden_by_condition(self, dimension: str | None = None) -> dict[str, Condition]:
        """Questions (of `dimension`, or all) that are not asked because a condition is false."""
        profile = self.answers.organization.profile
        return {
            x.id: x.when
            for x in self.q.questions()
            if x.when is not None
            and (dimension is None or self._dimension(x.id).id == dimension)
            and exclusion(x, profile, self.answers.answers, self.q) is Exclusion.condition
        }

    def save(self, qid: str, entry: Entry, shown: Step | None = None) -> bool:
        """Check and write one answer before anything else happens; False if it was not written.

        The save takes the file's short lock and writes only this entry; what others saved
        meanwhile is read back, so progress and conditions follow the whole team's answers.
        An answer chosen on the screen `shown` takes over the draft shown there; if someone
        changed that draft since, nothing is written, so their note is neither lost nor filed
        unseen under this answer.
        """
        from assess.files.answersfile import save_entry
        from assess.files.lock import locked

        hidden_before = self._hidden_by_condition()
        updated = with_entry(self.answers, self.q, qid, entry)
        with locked(self.path):
            if shown is not None and self._draft_changed(qid, shown):
                return False
            save_entry(self.path, qid, entry)
        self.answers = updated
        self.skipped.discard(qid)
        self.refresh()
        hidden = self._hidden_by_condition()
        gone = {k: v for k, v in hidden.items() if k not in hidden_before}
        back = sorted(set(hidden_before) - set(hidden), key=self.order.__getitem__)
        if gone:
            self.notices.append(_not_asked(gone, self.q))
        if back:
            said = _("Now asked, as their condition holds: %(ids)s.")
            self.notices.append(said % {"ids": ", ".join(back)})
        return True

    def _draft_changed(self, qid: str, shown: Step) -> bool:
        """Whether the file's draft of `qid` (read again, under the lock) is not the one shown."""
        if shown.current is not NOT_ANSWERED:
            return False  # an answer shown is replaced as before: the last one chosen counts
        self.refresh()
        draft = self.answers.drafts.get(qid, Draft())
        return (draft.note, draft.evidence) != (shown.note, list(shown.evidence))

    def save_draft(self, qid: str, draft: Draft | None) -> None:
        """Write the draft of an unanswered question at once, alone, under the short lock."""
        from assess.files.answersfile import update_draft

        update_draft(self.path, qid, draft)
        self.answers = with_draft(self.answers, qid, draft)
        self.refresh()

    def refresh(self) -> None:
        """Read the answers others saved in the file; a file broken by hand keeps ours."""
        from assess.files.loading import load_answers

        with contextlib.suppress(AssessError):
            self.answers = load_answers(self.path, self.questionnaires)[0]

    def run(self) -> Outcome:
        """Ask until every question of the session is answered or the person quits."""
        current = self.first()
        if current is None:
            # Say why a session has nothing to ask, e.g. `--dimension CII` while the gate
            # question of another dimension says the organization is not designated.
            hidden = self._hidden_by_condition(self.dimension)
            if hidden:
                self.prompter.message(_not_asked(hidden, self.q))
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
            entry = make_entry(
                reply.value, note=step.note, evidence=step.evidence, by=self.by, at=now()
            )
            return self._answered(qid, entry, step)
        if reply is Command.keep and step.current is not NOT_ANSWERED:
            if step.current.carried_from is not None:
                # Keeping a carried answer confirms it: the mark goes, the confirmer is recorded.
                stamp = {"carried_from": None, "answered_by": self.by, "answered_at": now()}
                self.save(qid, step.current.model_copy(update=stamp))
            return self.next_after(qid)
        if reply is Command.guidance:
            self.prompter.guidance(step)
        elif reply is Command.na and step.question.allow_na:
            justification = self.prompter.justification(step)
            if justification is None:
                return qid
            entry = make_entry(
                justification=justification,
                note=step.note,
                evidence=step.evidence,
                by=self.by,
                at=now(),
            )
            return self._answered(qid, entry, step)
        elif reply is Command.extras:
            self._extras(qid, step)
        elif reply is Command.skip:
            self.skipped.add(qid)
            return self.next_after(qid)
        elif reply is Command.back:
            if self.history:
                return self.history.pop()
            self.prompter.message(_("This is the first question of this session."))
        return qid

    def _answered(self, qid: str, entry: Entry, step: Step) -> str | None:
        """Save the answer chosen on `step`'s screen; the next question, or this one again."""
        if self.save(qid, entry, shown=step):
            return self.next_after(qid)
        self.notices.append(_("Someone changed the note of this question meanwhile. Choose again."))
        return qid

    def _extras(self, qid: str, step: Step) -> None:
        """Ask for the note, then the evidence, saving each as soon as it is typed."""
        note = self.prompter.note(step)
        self._keep_extras(qid, note, list(step.evidence))
        self._keep_extras(qid, note, self.prompter.evidence(step))
        if qid in self.answers.drafts and current_entry(self.answers, qid) is NOT_ANSWERED:
            self.notices.append(
                _("Saved as a draft, not an answer: it goes with the one you choose.")
            )

    def _keep_extras(self, qid: str, note: str | None, evidence: list[str]) -> None:
        """Save a changed note or evidence: into the answer, or as a draft until there is one.

        A note alone is not an answer, so it never becomes one; as a draft it survives an
        interrupted session and the answer chosen later takes it over.
        """
        entry = current_entry(self.answers, qid)
        if entry is not NOT_ANSWERED:
            if (entry.note, entry.evidence) != (note, evidence):
                self.save(qid, entry.model_copy(update={"note": note, "evidence": evidence}))
            return
        old = self.answers.drafts.get(qid)
        if old is None and not note and not evidence:
            return
        if old is None or (old.note, old.evidence) != (note, evidence):
            self.save_draft(qid, make_draft(note, evidence, by=self.by, at=now()))

    def _outcome(self, *, finished: bool) -> Outcome:
        scope = Session(self.path, self.answers, self.q, self.prompter, dimension=self.dimension)
        still = [x.id for x in scope.targets() if needs_answer(current_entry(self.answers, x.id))]
        everywhere = applicable_questions(
            self.q, self.answers.organization.profile, self.answers.answers
        )
        in_file = sum(needs_answer(current_entry(self.answers, x.id)) for x in everywhere)
        return Outcome(finished=finished, open=still, answers=self.answers, open_in_file=in_file)


def _not_asked(hidden: dict[str, Condition], q: Questionnaire) -> str:
    """Why questions are not asked: 'CII-03, CII-04 apply only when CII-01 is Designated CII'."""
    by_gate: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for qid, condition in hidden.items():
        gate = q.question(condition.question)
        labels = tuple(gate.label(v) if gate is not None else str(v) for v in condition.in_)
        by_gate.setdefault((condition.question, labels), []).append(qid)
    parts = [
        ngettext(
            "%(ids)s applies only when %(gate)s is %(labels)s",
            "%(ids)s apply only when %(gate)s is %(labels)s",
            len(ids),
        )
        % {
            "ids": ", ".join(ids),
            "gate": gate,
            "labels": _(" or ").join(_('"%(label)s"') % {"label": label} for label in labels),
        }
        for (gate, labels), ids in by_gate.items()
    ]
    return _("Not asked: %(reasons)s.") % {"reasons": _("; ").join(parts)}
