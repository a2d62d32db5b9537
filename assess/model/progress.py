"""How far an answers file has got, in the one vocabulary every command uses.

Counts run over the applicable scored questions: each is answered, N/A or unanswered. Answers
(or N/A) carried from last period count as such, and are also counted apart until confirmed.
`validate`, `take` and `score` all say it with `Progress.text` (or its short form), so one file
never shows three different totals.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.i18n import _, ngettext
from assess.model.answers import AnswersFile, NotApplicable
from assess.model.applicability import applicable_questions
from assess.model.questionnaire import Questionnaire, is_scored


@dataclass(frozen=True)
class Progress:
    """Applicable scored questions by status, and how many answers are carried unconfirmed."""

    answered: int
    na: int
    unanswered: int
    carried: int = 0

    @property
    def applicable(self) -> int:
        """Every applicable scored question: answered, N/A or unanswered."""
        return self.answered + self.na + self.unanswered

    def short(self) -> str:
        """'65 answered, 4 N/A, 0 unanswered': for a header line."""
        return _("%(answered)s answered, %(na)s N/A, %(unanswered)s unanswered") % {
            "answered": self.answered,
            "na": self.na,
            "unanswered": self.unanswered,
        }

    def text(self) -> str:
        """The short form with its total, and the carried answers when there are any."""
        text = ngettext(
            "%(short)s of %(count)s applicable scored question",
            "%(short)s of %(count)s applicable scored questions",
            self.applicable,
        ) % {"short": self.short(), "count": self.applicable}
        if self.carried:
            text += ngettext(
                "; %(count)s answer carried forward, not yet confirmed",
                "; %(count)s answers carried forward, not yet confirmed",
                self.carried,
            ) % {"count": self.carried}
        return text


def progress(q: Questionnaire, answers: AnswersFile) -> Progress:
    """Count the applicable scored questions of `answers` by status."""
    answered = na = unanswered = carried = 0
    for question in applicable_questions(q, answers.organization.profile, answers.answers):
        if not is_scored(question):
            continue
        entry = answers.answers.get(question.id)
        if entry is None:
            unanswered += 1
            continue
        carried += entry.carried_from is not None
        if isinstance(entry, NotApplicable):
            na += 1
        else:
            answered += 1
    return Progress(answered, na, unanswered, carried)
