"""Audited figures: the same answers scored again with the auditor's verdicts applied.

One engine gives both results. Adjusted answers take the auditor's value; disputed answers and
N/As whose justification the auditor rejected score 0; every other answer stands as the
respondent gave it. A verdict given on an answer that has changed since is *stale*: it is not
applied, does not count as verified, and the review summary names it. `docs/scoring.md`
describes the rules; `docs/score-json.md` every field.
"""

from __future__ import annotations

from collections.abc import Mapping
from math import fsum

from assess.model.answers import Answer, AnswersFile, Entry, NotApplicable
from assess.model.questionnaire import Questionnaire
from assess.model.review import (
    Adjusted,
    Disputed,
    NotSampled,
    ReviewFile,
    Verdict,
    Verified,
    answer_hash,
)
from assess.scoring.engine import QuestionResult, Result, Status, score
from assess.scoring.review_summary import (
    DimensionCoverage,
    ReviewCounts,
    ReviewedQuestion,
    ReviewState,
    ReviewSummary,
)


def stale_ids(answers: AnswersFile, review: ReviewFile, answers_changed: bool) -> set[str]:
    """Verdicts given on an answer other than the one in the file now.

    A verdict records a hash of the answer it was given on; one written by hand without it can
    only be judged by the whole file, so it is stale whenever the file changed.
    """
    stale = set()
    for qid, verdict in review.entries.items():
        entry = answers.answers.get(qid)
        if verdict.answer_hash is None:
            if answers_changed:
                stale.add(qid)
        elif entry is None or answer_hash(entry) != verdict.answer_hash:
            stale.add(qid)
    return stale


def _rejected(verdict: Verdict, entry: Entry | None) -> bool:
    """A verdict that makes the answer score 0: a dispute, or an N/A reason not accepted."""
    if isinstance(verdict, Disputed):
        return True
    return (
        isinstance(verdict, Verified)
        and isinstance(entry, NotApplicable)
        and verdict.na_accepted is False
    )


def audited_answers(
    answers: AnswersFile, verdicts: Mapping[str, Verdict]
) -> tuple[AnswersFile, set[str]]:
    """The answers with the auditor's values in place, and the questions that score 0."""
    entries = dict(answers.answers)
    zeroed = set()
    for qid, verdict in verdicts.items():
        entry = entries.get(qid)
        if entry is None:
            continue
        if isinstance(verdict, Adjusted):
            entries[qid] = Answer(value=verdict.value, note=entry.note, evidence=entry.evidence)
        elif _rejected(verdict, entry):
            zeroed.add(qid)
    return answers.model_copy(update={"answers": entries}), zeroed


def audit(
    q: Questionnaire,
    answers: AnswersFile,
    self_assessed: Result,
    review: ReviewFile,
    answers_sha256: str,
) -> tuple[Result, ReviewSummary]:
    """The audited result of `answers` under `review`, and the review's summary."""
    changed = answers_sha256 != review.answers.sha256
    stale = stale_ids(answers, review, changed)
    applied = {k: v for k, v in review.entries.items() if k not in stale}
    audited_file, zeroed = audited_answers(answers, applied)
    audited = score(q, audited_file, zeroed)
    mine = {r.question: r for d in self_assessed.dimensions for r in d.questions}
    questions: list[ReviewedQuestion] = []
    coverage: list[DimensionCoverage] = []
    for d in audited.dimensions:
        scored = verified = 0.0
        for row in d.questions:
            before = mine[row.question]
            if row.type == "text" or Status.not_applicable in (row.status, before.status):
                continue
            verdict = applied.get(row.question)
            given = review.entries.get(row.question)  # a stale verdict is shown, not applied
            entry = answers.answers.get(row.question)
            questions.append(_reviewed(row.question, d.id, given, entry, stale, before, row))
            if row.score is not None and row.weight is not None:
                scored += row.weight
                if isinstance(verdict, Verified | Adjusted):
                    verified += row.weight
        share = verified / scored if scored else None
        coverage.append(
            DimensionCoverage(
                id=d.id, scored_weight=scored, verified_weight=verified, coverage=share
            )
        )
    total = fsum(c.scored_weight for c in coverage)
    summary = ReviewSummary(
        auditor=review.auditor.name,
        auditor_organization=review.auditor.organization,
        started=review.started,
        opinion=review.opinion.opinion.value if review.opinion else None,
        opinion_basis=review.opinion.basis if review.opinion else None,
        opinion_date=review.opinion.date if review.opinion else None,
        answers_sha256=review.answers.sha256,
        answers_changed=changed,
        stale=[x.question for x in questions if x.stale],
        counts=_counts(questions, zeroed, answers),
        coverage=fsum(c.verified_weight for c in coverage) / total if total else None,
        dimensions=coverage,
        questions=questions,
    )
    return audited, summary


def _reviewed(
    qid: str,
    dimension: str,
    verdict: Verdict | None,
    entry: Entry | None,
    stale: set[str],
    before: QuestionResult,
    after: QuestionResult,
) -> ReviewedQuestion:
    state: ReviewState = "unreviewed" if verdict is None else verdict.status
    tested = None if isinstance(verdict, NotSampled | None) else verdict
    na_accepted = None
    if isinstance(verdict, Verified | Disputed) and isinstance(entry, NotApplicable):
        na_accepted = not _rejected(verdict, entry)
    return ReviewedQuestion(
        question=qid,
        dimension=dimension,
        review_status=state,
        method=tested.method.value if tested else None,
        sample_size=tested.sample_size if tested else None,
        na_accepted=na_accepted,
        comment=verdict.comment if verdict else None,
        stale=qid in stale,
        self_assessed_score=before.score,
        audited_score=after.score,
    )


def _counts(
    questions: list[ReviewedQuestion], zeroed: set[str], answers: AnswersFile
) -> ReviewCounts:
    states = [x.review_status for x in questions if not x.stale]
    rejected = [
        x
        for x in questions
        if x.question in zeroed and isinstance(answers.answers.get(x.question), NotApplicable)
    ]
    return ReviewCounts(
        verified=states.count("verified"),
        adjusted=states.count("adjusted"),
        disputed=states.count("disputed"),
        not_sampled=states.count("not-sampled"),
        unreviewed=states.count("unreviewed"),  # stale verdicts are counted apart
        na_rejected=len(rejected),
        stale=sum(x.stale for x in questions),
    )
