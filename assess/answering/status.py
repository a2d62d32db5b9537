"""Where an answers file stands, per dimension: what `assess status` and the end of `take` show.

A team splitting the work needs to see at a glance what is answered, what is N/A, what is still
open, which answers were carried from last period and not yet confirmed, which answers have
no evidence behind them, and which open questions have a note waiting for their answer (a draft).
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.i18n import N_, _, pgettext
from assess.model.answers import Answer, AnswersFile, NotApplicable
from assess.model.applicability import exclusion
from assess.model.questionnaire import Questionnaire
from assess.plaintext import cell_wrap, columns, safe


@dataclass(frozen=True)
class DimensionStatus:
    """The counts of one dimension (or of the whole file, with id "all")."""

    id: str
    name: str
    answered: int
    na: int
    open: list[str]
    carried: list[str]
    without_evidence: list[str]
    not_asked: int
    drafts: list[str]
    """Open questions with a note or evidence waiting for an answer (a draft)."""


def file_status(answers: AnswersFile, q: Questionnaire) -> list[DimensionStatus]:
    """One row per dimension, then the total; only questions that apply are counted."""
    rows = []
    profile = answers.organization.profile
    for dim in q.dimensions:
        answered = na = not_asked = 0
        still: list[str] = []
        carried: list[str] = []
        bare: list[str] = []
        noted: list[str] = []
        for question in dim.questions:
            if exclusion(question, profile, answers.answers, q) is not None:
                not_asked += 1
                continue
            entry = answers.answers.get(question.id)
            if entry is None:
                still.append(question.id)
                if question.id in answers.drafts:
                    noted.append(question.id)
                continue
            if entry.carried_from is not None:
                carried.append(question.id)
            elif isinstance(entry, NotApplicable):
                na += 1
            else:
                answered += 1
            if isinstance(entry, Answer) and question.scored and not entry.evidence:
                bare.append(question.id)
        rows.append(
            DimensionStatus(dim.id, dim.name, answered, na, still, carried, bare, not_asked, noted)
        )
    rows.append(
        DimensionStatus(
            "all",
            "whole file",
            sum(r.answered for r in rows),
            sum(r.na for r in rows),
            [x for r in rows for x in r.open],
            [x for r in rows for x in r.carried],
            [x for r in rows for x in r.without_evidence],
            sum(r.not_asked for r in rows),
            [x for r in rows for x in r.drafts],
        )
    )
    return rows


def status_lines(rows: list[DimensionStatus]) -> list[str]:
    """The status as an aligned table, then the ids still open or to confirm."""
    table = [
        [
            _("dimension"),
            _("answered"),
            pgettext("short", "N/A"),
            _("open"),
            _("carried"),
            _("no evidence"),
            _("not asked"),
            _("drafts"),
        ]
    ]
    for r in rows:
        name = _("total") if r.id == "all" else r.id
        counts = [r.answered, r.na, len(r.open), len(r.carried), len(r.without_evidence)]
        table.append([safe(name), *map(str, counts), str(r.not_asked), str(len(r.drafts))])
    lines = columns(table, right=range(1, 8))
    total = rows[-1]
    for label, ids in [
        (N_("open: %(ids)s"), total.open),
        (N_("carried, to confirm: %(ids)s"), total.carried),
        (N_("no evidence: %(ids)s"), total.without_evidence),
        (N_("drafts, no answer yet: %(ids)s"), total.drafts),
    ]:
        if ids:
            lines += cell_wrap(_(label) % {"ids": ", ".join(ids)}, 79, "", "  ", hyphens=True)
    return lines
