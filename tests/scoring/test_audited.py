"""Audited figures: the auditor's verdicts applied to the same answers by the same engine."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.model.answers import NotApplicable
from assess.model.review import (
    Adjusted,
    AnswersPin,
    Auditor,
    Disputed,
    NotSampled,
    ReviewFile,
    Verdict,
    Verified,
    answer_hash,
)
from assess.model.review_terms import Method
from assess.scoring.assessed import assess
from assess.scoring.engine import Result, score
from tests.builders import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"
EXAMPLE_REVIEW = ROOT / "examples" / "northwind-2025.review.yaml"
ANSWERS, Q = load_answers(EXAMPLE)
RAW = EXAMPLE.read_bytes()
# Questions on the practice scale whose value no `when` condition reads: disputing one is the
# same as answering it 0 (Not implemented), which is what the property below relies on.
GATES = {x.when.question for x in Q.questions() if x.when is not None}
PRACTICE = [
    x.id
    for x in Q.questions()
    if getattr(x, "scale", None) == "practice" and x.id not in GATES and x.id in ANSWERS.answers
]
NA = [qid for qid, e in ANSWERS.answers.items() if isinstance(e, NotApplicable)]


def review_of(entries: dict[str, Verdict], sha256: str | None = None) -> ReviewFile:
    return ReviewFile(
        questionnaire=ANSWERS.questionnaire,
        answers=AnswersPin(file=EXAMPLE.name, sha256=sha256 or hashlib.sha256(RAW).hexdigest()),
        organization=ANSWERS.organization.name,
        period=ANSWERS.assessment.period,
        auditor=Auditor(name="Jane Smith", organization="Audit LLP"),
        started="2026-01-12",  # type: ignore[arg-type]
        entries=entries,
    )


def figures(result: Result) -> Any:
    """Every number a reader compares: overall, each dimension, and the findings."""
    return (
        result.overall.model_dump(),
        [(d.id, d.score, d.level, d.gap, d.target_attainment) for d in result.dimensions],
        [f.question for f in result.findings],
    )


@st.composite
def reviews(draw: st.DrawFn) -> tuple[dict[str, Verdict], dict[str, str]]:
    """A review of the example, and the `assess answer` values that should score the same."""
    chosen = draw(st.lists(st.sampled_from(PRACTICE + NA), unique=True, max_size=15))
    entries: dict[str, Verdict] = {}
    same: dict[str, str] = {}
    for qid in chosen:
        entry = ANSWERS.answers[qid]
        tag = answer_hash(entry)
        kind = draw(st.sampled_from(["verified", "adjusted", "disputed", "not-sampled"]))
        if qid in NA:
            kind = draw(st.sampled_from(["accepted", "rejected", "adjusted"]))
        if kind in ("verified", "accepted"):
            entries[qid] = Verified(status="verified", method=Method.inspection, answer_hash=tag)
        elif kind == "not-sampled":
            entries[qid] = NotSampled(status="not-sampled", answer_hash=tag)
        elif kind == "adjusted":
            value = draw(st.integers(0, 3))
            entries[qid] = Adjusted(
                status="adjusted", value=value, method=Method.re_performance, comment="Found so.",
                answer_hash=tag,
            )  # fmt: skip
            same[qid] = str(value)
        elif kind == "rejected":
            entries[qid] = Verified(
                status="verified", method=Method.inspection, na_accepted=False,
                comment="The reason does not hold.", answer_hash=tag,
            )  # fmt: skip
            same[qid] = "0"
        else:
            entries[qid] = Disputed(
                status="disputed", method=Method.sampling, sample_size=5, comment="No evidence.",
                answer_hash=tag,
            )  # fmt: skip
            same[qid] = "0"
    return entries, same


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_audited_figures_are_the_answers_changed_by_assess_answer(
    case: tuple[dict[str, Verdict], dict[str, str]],
) -> None:
    entries, same = case
    audited = assess(Q, ANSWERS, RAW, review_of(entries)).audited
    assert audited is not None
    with tempfile.TemporaryDirectory() as folder:
        changed = Path(folder) / EXAMPLE.name
        shutil.copy(EXAMPLE, changed)
        runner = CliRunner()
        for qid, value in same.items():
            result = run_cli(runner, "answer", changed, qid, value)
            assert result.exit_code == 0, result.stderr
        answers, q = load_answers(changed)
        assert figures(audited) == figures(score(q, answers))


def test_verdicts_on_answers_that_changed_are_stale_and_not_applied(
    tmp_path: Path, runner: CliRunner
) -> None:
    answers = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, answers)
    review = tmp_path / "r.yaml"

    def run(*args: str | Path) -> Any:
        return run_cli(runner, *args)

    assert run("review", "start", answers, "-o", review, "--auditor", "J").exit_code == 0
    for qid in ("HOL-04", "HOL-08"):
        done = run("review", "set", review, qid, "--status", "disputed",
                   "--method", "inspection", "--comment", "No evidence on file.")  # fmt: skip
        assert done.exit_code == 0, done.stderr
    # The organization raises HOL-04 after the dispute: that verdict no longer applies.
    assert run("answer", answers, "HOL-04", "3").exit_code == 0
    data = json.loads(run("score", answers, "--review", review, "--json").stdout)
    assert data["review"]["answers_changed"] is True
    assert data["review"]["stale"] == ["HOL-04"]
    rows = {x["question"]: x for x in data["review"]["questions"]}
    assert rows["HOL-04"]["stale"] and rows["HOL-04"]["audited_score"] == 100
    assert not rows["HOL-08"]["stale"] and rows["HOL-08"]["audited_score"] == 0
    table = run("score", answers, "--review", review).stdout
    assert "WARNING: the answers changed after the review started" in table
    assert "STALE: 1 verdict on answers changed since" in table and "HOL-04" in table


def test_a_verdict_written_without_its_answer_hash_is_stale_whenever_the_file_changed(
    tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    entries: dict[str, Verdict] = {
        "HOL-04": Disputed(status="disputed", method=Method.interview, comment="Not shown.")
    }
    same = assess(Q, ANSWERS, RAW, review_of(entries)).review
    assert same is not None and same.stale == []
    other = assess(Q, ANSWERS, RAW + b"\n", review_of(entries)).review
    assert other is not None and other.stale == ["HOL-04"] and other.answers_changed


def test_the_example_review_counts_and_coverage(runner: CliRunner) -> None:
    result = run_cli(runner, "score", EXAMPLE, "--review", EXAMPLE_REVIEW, "--json")
    data = json.loads(result.stdout)
    review = data["review"]
    assert review["counts"] == {
        "verified": 10, "adjusted": 3, "disputed": 1, "not_sampled": 2, "unreviewed": 57,
        "na_rejected": 1, "stale": 0,
    }  # fmt: skip
    assert review["opinion"] == "qualified" and review["opinion_date"] == "2026-02-03"
    # Coverage is the share of scored weight verified or adjusted, from the audited rows.
    scored = verified = 0.0
    states = {x["question"]: x["review_status"] for x in review["questions"]}
    for d in data["audited"]["dimensions"]:
        for row in d["questions"]:
            if row["score"] is not None:
                scored += row["weight"]
                verified += row["weight"] * (
                    states.get(row["question"]) in ("verified", "adjusted")
                )
    assert abs(review["coverage"] - verified / scored) < 1e-12
    # The rejected N/A now counts, at 0; the self-assessed figures are untouched.
    rows = {r["question"]: r for d in data["audited"]["dimensions"] for r in d["questions"]}
    assert rows["OPN-06"]["score"] == 0 and rows["REL-05"]["score"] == 0
    assert data["audited"]["overall"]["score"] < data["overall"]["score"]
    plain = json.loads(run_cli(runner, "score", EXAMPLE, "--json").stdout)
    assert plain["overall"] == data["overall"] and plain["review"] is None


def test_a_review_of_another_assessment_is_refused_at_its_line(
    tmp_path: Path, runner: CliRunner
) -> None:
    text = EXAMPLE_REVIEW.read_text(encoding="utf-8").replace("period: '2025'", "period: '2024'")
    review = tmp_path / "r.yaml"
    review.write_text(text, encoding="utf-8")
    result = run_cli(runner, "score", EXAMPLE, "--review", review)
    assert result.exit_code == 2 and result.stdout == ""
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("organization:"))
    assert result.stderr == (
        f"error: {review}:{line}:1: reviews Northwind Grid Co., 2024, not Northwind Grid Co., 2025 "
        "(give the review of this answers file)\n"
    )
