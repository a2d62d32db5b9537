"""The scoring engine: each rule of docs/scoring.md, and its worked example number by number."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from assess.files.loading import load_answers
from assess.model.answers import AnswersFile
from assess.model.questionnaire import Questionnaire
from assess.scoring.engine import SCORING_METHOD, Phase, QuestionResult, Result, Status, score
from tests.builders import ROOT, choice, multi, number, small_questionnaire

DOC = ROOT / "docs" / "scoring.md"


def questionnaire(**overrides: Any) -> Questionnaire:
    return Questionnaire.model_validate(small_questionnaire(**overrides))


def answers(entries: dict[str, Any], profile: str = "baseline", ident: str = "mini") -> AnswersFile:
    return AnswersFile.model_validate(
        {
            "questionnaire": {"id": ident, "version": "1.0"},
            "organization": {"name": "Org", "profile": profile},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": entries,
        }
    )


def run(entries: dict[str, Any], profile: str = "baseline", **overrides: Any) -> Result:
    return score(questionnaire(**overrides), answers(entries, profile))


def dim(result: Result, ident: str) -> Any:
    return next(d for d in result.dimensions if d.id == ident)


def question(result: Result, ident: str) -> QuestionResult:
    return next(q for d in result.dimensions for q in d.questions if q.question == ident)


def one_dimension(*questions: dict[str, Any], **profile: Any) -> dict[str, Any]:
    """Overrides for small_questionnaire: one dimension `D` holding `questions`."""
    return {
        "dimensions": [{"id": "D", "name": "Delta", "quote": "q", "questions": list(questions)}],
        "profiles": [
            {"id": "baseline", "name": "B", "description": "d", "target_level": 3, **profile}
        ],
    }


NA = {"na": True, "justification": "No such systems."}


# --- which questions count ---


def test_na_leaves_numerator_and_denominator() -> None:
    with_na = run({"B-01": {"value": "yes"}, "B-02": NA})
    with_zero = run({"B-01": {"value": "yes"}, "B-02": {"value": 0}})
    assert dim(with_na, "B").score == 100.0
    assert dim(with_zero, "B").score == 50.0
    assert question(with_na, "B-02").status is Status.na
    assert question(with_na, "B-02").score is None
    assert (dim(with_na, "B").na, dim(with_na, "B").applicable) == (1, 2)
    assert with_na.counts.na == 1


def test_unanswered_scores_zero_and_lowers_completeness() -> None:
    result = run({"A-01": {"value": 3}, "A-03": {"value": 3}, "B-01": {"value": "no"}})
    assert question(result, "A-02").status is Status.unanswered
    assert question(result, "A-02").score == 0.0
    assert dim(result, "A").score == pytest.approx(200 / 3)
    assert (result.counts.applicable, result.counts.unanswered) == (4, 1)
    assert result.completeness == pytest.approx(3 / 4)


def test_completeness_counts_na_as_settled_and_is_one_when_nothing_applies() -> None:
    full = run({"A-01": {"value": 1}, "A-02": {"value": 1}, "A-03": {"value": 1}})
    assert full.completeness < 1
    settled = run(
        {"A-01": {"value": 1}, "A-02": {"value": 1}, "A-03": {"value": 1}, "B-01": {"value": "yes"}}
        | {"B-02": NA}
    )
    assert settled.completeness == 1.0
    text_only = run({}, **one_dimension({"id": "T-01", "type": "text", "text": "Anything?"}))
    assert text_only.completeness == 1.0
    assert text_only.overall.score is None
    assert text_only.overall.level is None


def test_when_hidden_question_leaves_and_its_stale_answer_is_ignored() -> None:
    result = run({"B-01": {"value": "no"}, "B-02": {"value": 3}})
    hidden = question(result, "B-02")
    assert hidden.status is Status.not_applicable
    assert hidden.reason == "condition"
    assert hidden.score is None
    assert dim(result, "B").score == 0.0  # B-01 alone, answered "no"
    assert dim(result, "B").applicable == 1


def test_profile_restricted_question_leaves_for_other_profiles() -> None:
    entries = {"B-01": {"value": "yes"}, "B-02": {"value": 3}}
    baseline = run(entries, "baseline")
    critical = run(entries, "critical")
    assert question(baseline, "B-03").status is Status.not_applicable
    assert question(baseline, "B-03").reason == "profile"
    assert dim(baseline, "B").score == 100.0
    assert question(critical, "B-03").status is Status.unanswered
    assert dim(critical, "B").score == pytest.approx(200 / 3)


def test_text_questions_are_never_scored() -> None:
    extra = {"id": "A-00", "type": "text", "text": "Scope?"}
    base = small_questionnaire()
    base["dimensions"][0]["questions"].insert(0, extra)
    entries = {"A-00": {"value": "Head office"}, "A-01": {"value": 3}}
    result = score(Questionnaire.model_validate(base), answers(entries))
    text = question(result, "A-00")
    assert (text.status, text.score, text.met, text.level) == (Status.text, None, None, None)
    assert dim(result, "A").applicable == 3
    assert result.counts.text == 1


# --- question scores ---


def test_choice_multi_and_number_scores() -> None:
    checklist = multi(
        "M-01",
        [
            {"value": "a", "label": "A", "weight": 2},
            {"value": "b", "label": "B"},
            {"value": "c", "label": "C"},
        ],
    )
    bands = [
        {"max": 7, "score": 1, "label": "week"},
        {"max": 30, "score": 0.5, "label": "month"},
        {"score": 0, "label": "longer"},
    ]
    overrides = one_dimension(choice("C-01"), checklist, number("N-01", bands))
    cases = [
        (
            {"C-01": {"value": 1}, "M-01": {"value": ["a", "c"]}, "N-01": {"value": 7}},
            33.33,
            75,
            100,
        ),
        ({"C-01": {"value": 3}, "M-01": {"value": []}, "N-01": {"value": 7.5}}, 100, 0, 50),
        ({"C-01": {"value": 0}, "M-01": {"value": ["b"]}, "N-01": {"value": 365}}, 0, 25, 0),
    ]
    for entries, c, m, n in cases:
        result = run(entries, **overrides)
        got = [question(result, i).score for i in ("C-01", "M-01", "N-01")]
        assert got == pytest.approx([c, m, n])


def test_largely_and_an_exact_two_thirds_checklist_are_met() -> None:
    checklist = multi("M-01", [{"value": v, "label": v, "weight": 0.1} for v in "abc"])
    result = run(
        {"C-01": {"value": 2}, "M-01": {"value": ["a", "b"]}},
        **one_dimension(choice("C-01"), checklist),
    )
    assert question(result, "C-01").met is True
    assert question(result, "M-01").met is True
    assert question(result, "M-01").score == pytest.approx(200 / 3)


def test_met_threshold_comes_from_the_questionnaire() -> None:
    entries = {"A-01": {"value": 2}}
    assert question(run(entries), "A-01").met is True
    assert question(run(entries, met_threshold=0.9), "A-01").met is False


# --- levels, targets, gaps, attainment ---


@pytest.mark.parametrize(
    ("values", "level"),
    [((0, 3, 3), 0), ((3, 1, 3), 1), ((3, 3, 1), 2), ((3, 3, 3), 3), ((2, 2, 2), 3)],
)
def test_levels_are_cumulative(values: tuple[int, int, int], level: int) -> None:
    entries = {f"A-0{i + 1}": {"value": v} for i, v in enumerate(values)}
    assert dim(run(entries), "A").level == level


def test_a_level_with_no_applicable_question_is_met_vacuously() -> None:
    # B-03 (level 3) is for the critical profile only; B-02 (level 2) is hidden by B-01 = no.
    result = run({"B-01": {"value": "no"}})
    assert dim(result, "B").level == 0
    result = run({"B-01": {"value": "yes"}, "B-02": {"value": 3}})
    assert dim(result, "B").level == 3


def test_na_questions_do_not_block_a_level() -> None:
    result = run({"B-01": {"value": "yes"}, "B-02": NA})
    assert dim(result, "B").level == 3


def test_overall_level_is_the_lowest_dimension_level() -> None:
    result = run({"A-01": {"value": 3}, "A-02": {"value": 3}, "A-03": {"value": 3}})
    assert (dim(result, "A").level, dim(result, "B").level) == (3, 0)
    assert result.overall.level == 0


def test_per_dimension_target_overrides_and_gaps() -> None:
    entries = {"A-01": {"value": 3}, "B-01": {"value": "yes"}, "B-02": {"value": 0}}
    critical = run(entries, "critical")
    assert (dim(critical, "A").target_level, dim(critical, "A").gap) == (3, 2)
    assert (dim(critical, "B").target_level, dim(critical, "B").gap) == (2, 1)
    assert critical.overall.target_level == 3
    assert critical.overall.targets_met is False
    baseline = run(entries, "baseline")
    assert (dim(baseline, "A").gap, dim(baseline, "B").gap) == (0, 0)  # above target: gap 0
    assert baseline.overall.targets_met is True


def test_target_attainment_counts_only_levels_up_to_the_target() -> None:
    entries = {"A-01": {"value": 3}, "A-02": {"value": 0}, "A-03": {"value": 0}}
    baseline = run(entries, "baseline")
    assert dim(baseline, "A").score == pytest.approx(100 / 3)
    assert dim(baseline, "A").target_attainment == 100.0
    critical = run(entries, "critical")
    assert dim(critical, "A").target_attainment == pytest.approx(100 / 3)


def test_overall_scores_are_weighted_by_dimension_weight() -> None:
    entries = {"A-01": {"value": 3}, "A-02": {"value": 3}, "A-03": {"value": 3}}
    result = run(entries | {"B-01": {"value": "no"}})
    assert (dim(result, "A").score, dim(result, "B").score) == (100.0, 0.0)
    assert result.overall.score == pytest.approx(100 / 3)  # A weighs 1, B weighs 2
    assert result.overall.target_attainment == pytest.approx(100 / 3)


def test_a_dimension_with_only_na_has_no_score_and_stays_out_of_the_overall() -> None:
    overrides = one_dimension(choice("D-01", allow_na=True))
    overrides["dimensions"].append(
        {"id": "E", "name": "Echo", "quote": "q", "questions": [choice("E-01")]}
    )
    result = run({"D-01": NA, "E-01": {"value": 3}}, **overrides)
    d = dim(result, "D")
    assert (d.score, d.level, d.gap, d.target_attainment) == (None, None, None, None)
    assert result.overall.score == 100.0
    assert result.overall.level == 3


# --- findings and opportunities ---


def test_phases_and_their_order() -> None:
    questions = [
        choice("Q-L3", 3),
        choice("Q-L2-light", 2),
        choice("Q-L2-heavy", 2, weight=3),
        choice("Q-L1-partial", 1),
        choice("Q-L1-none", 1),
        choice("Q-L3-critical", 3, critical=True),
        choice("Q-L2-met", 2),
    ]
    entries = {
        "Q-L3": {"value": 0},
        "Q-L2-light": {"value": 0},
        "Q-L2-heavy": {"value": 1},
        "Q-L1-partial": {"value": 1},
        "Q-L3-critical": {"value": 1},
        "Q-L2-met": {"value": 3},
    }
    result = run(entries, **one_dimension(*questions))
    order = [(f.question, f.phase) for f in result.findings]
    assert order == [
        ("Q-L1-none", Phase.now),  # unanswered: score 0 sorts before 33
        ("Q-L1-partial", Phase.now),
        ("Q-L3-critical", Phase.now),  # critical moves a level-3 question to now
        ("Q-L2-heavy", Phase.next),  # weight 3 before weight 1
        ("Q-L2-light", Phase.next),
        ("Q-L3", Phase.later),
    ]
    first = result.findings[0]
    assert first.unanswered is True
    assert first.recommendation == "Put Q-L1-none in place."
    assert first.text == "Practice Q-L1-none is in place."


def test_equal_findings_keep_questionnaire_order() -> None:
    result = run({}, **one_dimension(choice("Z-01"), choice("A-99"), choice("M-05")))
    assert [f.question for f in result.findings] == ["Z-01", "A-99", "M-05"]


def test_unmet_questions_above_the_target_are_opportunities() -> None:
    result = run({"A-01": {"value": 3}, "A-02": {"value": 1}, "A-03": {"value": 3}})
    assert [f.question for f in result.findings] == ["B-01"]  # unanswered, level 1
    assert [o.question for o in result.opportunities] == ["A-02"]
    assert result.opportunities[0].score == pytest.approx(33.33)


def test_met_questions_are_neither_findings_nor_opportunities() -> None:
    entries: dict[str, Any] = {"A-01": {"value": 3}, "A-02": {"value": 2}, "A-03": {"value": 3}}
    entries |= {"B-01": {"value": "yes"}, "B-02": {"value": 3}}
    result = run(entries, "critical")
    assert result.findings == []
    assert [o.question for o in result.opportunities] == ["B-03"]  # unanswered, above B's 2
    result = run(entries | {"B-03": {"value": 3}}, "critical")
    assert (result.findings, result.opportunities) == ([], [])


# --- the result ---


def test_carried_answers_score_like_others_and_are_counted() -> None:
    carried = {"value": 3, "carried_from": "2024"}
    result = run(
        {"A-01": carried, "A-02": {"value": 3}, "B-01": {"value": "yes", "carried_from": "2024"}}
    )
    assert question(result, "A-01").score == 100.0
    assert question(result, "A-01").carried is True
    assert (dim(result, "A").carried, dim(result, "B").carried, result.counts.carried) == (1, 1, 2)


def test_result_is_immutable_and_names_its_method() -> None:
    result = run({"A-01": {"value": 3}})
    assert result.scoring_method == SCORING_METHOD == "1.0"
    assert (result.profile.id, result.organization, result.period) == ("baseline", "Org", "2025")
    with pytest.raises(ValidationError):
        result.completeness = 0.5  # type: ignore[misc]


def test_an_unknown_profile_is_refused() -> None:
    with pytest.raises(ValueError, match="profile 'nope'"):
        run({}, "nope")


# --- the worked example of docs/scoring.md ---


def _tables(markdown: str) -> dict[str, list[dict[str, str]]]:
    """Markdown tables of the doc, keyed by their first header cell."""
    tables: dict[str, list[dict[str, str]]] = {}
    block: list[list[str]] = []
    for line in [*markdown.splitlines(), ""]:
        if line.startswith("|"):
            block.append([c.strip() for c in line.strip().strip("|").split("|")])
            continue
        if len(block) > 2:
            header, rows = block[0], block[2:]
            tables[header[0]] = [dict(zip(header, row, strict=True)) for row in rows]
        block = []
    return tables


def _close(shown: str, actual: float | None) -> bool:
    """The engine's number, rounded as the doc shows it, is the doc's number."""
    if shown == "-":
        return actual is None
    assert actual is not None, f"doc shows {shown}, engine has none"
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return bool(abs(actual - float(shown)) <= 0.5 * 10**-decimals + 1e-9)


def _yes(shown: str) -> bool | None:
    return {"yes": True, "no": False, "-": None}[shown]


def _example_result(tmp_path: Path) -> Result:
    """Score the YAML blocks of the doc, after checking they are the files in docs/examples."""
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    examples = ROOT / "docs" / "examples"
    assert blocks[0] == (examples / "scoring-questionnaire.yaml").read_text(encoding="utf-8")
    assert blocks[1] == (examples / "scoring-answers.yaml").read_text(encoding="utf-8")
    (tmp_path / "q.yaml").write_text(blocks[0], encoding="utf-8")
    (tmp_path / "a.yaml").write_text(blocks[1], encoding="utf-8")
    answers_file, q = load_answers(tmp_path / "a.yaml", [tmp_path / "q.yaml"])
    return score(q, answers_file)


def test_worked_example_questions(tmp_path: Path) -> None:
    result = _example_result(tmp_path)
    rows = _tables(DOC.read_text(encoding="utf-8"))["question"]
    assert [r["question"] for r in rows] == [
        q.question for d in result.dimensions for q in d.questions
    ]
    for row in rows:
        got = question(result, row["question"])
        s = None if got.score is None else got.score / 100
        ws = None if s is None or got.weight is None else s * got.weight
        assert got.status.value == row["status"], row
        assert _close(row["s"], s), row
        assert _close(row["w·s"], ws), row
        assert got.met is _yes(row["met"]), row
        assert _close(row["level"], got.level) and _close(row["weight"], got.weight), row


def test_worked_example_dimensions(tmp_path: Path) -> None:
    result = _example_result(tmp_path)
    rows = _tables(DOC.read_text(encoding="utf-8"))["dimension"]
    assert [r["dimension"] for r in rows] == [d.id for d in result.dimensions]
    for row in rows:
        d = dim(result, row["dimension"])
        scored = [q for q in d.questions if q.score is not None and q.weight is not None]
        low = [q for q in scored if (q.level or 0) <= d.target_level]
        expected = {
            "W": d.weight,
            "Σw": sum(q.weight or 0 for q in scored),
            "Σw·s": sum((q.weight or 0) * (q.score or 0) / 100 for q in scored),
            "score": d.score,
            "level": d.level,
            "target": d.target_level,
            "gap": d.gap,
            "Σw at or below target": sum(q.weight or 0 for q in low),
            "Σw·s at or below target": sum((q.weight or 0) * (q.score or 0) / 100 for q in low),
            "attainment": d.target_attainment,
            "answered": d.answered,
            "na": d.na,
            "unanswered": d.unanswered,
            "applicable": d.applicable,
        }
        assert set(expected) == set(row) - {"dimension"}
        for key, value in expected.items():
            assert _close(row[key], value), (row["dimension"], key, row[key], value)


def test_worked_example_overall(tmp_path: Path) -> None:
    result = _example_result(tmp_path)
    rows = {r["quantity"]: r["value"] for r in _tables(DOC.read_text(encoding="utf-8"))["quantity"]}
    c = result.counts
    expected: dict[str, float | None] = {
        "overall score": result.overall.score,
        "overall level": result.overall.level,
        "overall target level": result.overall.target_level,
        "overall target attainment": result.overall.target_attainment,
        "applicable": c.applicable,
        "answered": c.answered,
        "N/A": c.na,
        "unanswered": c.unanswered,
        "not applicable": c.not_applicable,
        "completeness": result.completeness,
    }
    assert set(rows) == {*expected, "targets met"}
    for key, value in expected.items():
        assert _close(rows[key], value), (key, rows[key], value)
    assert result.overall.targets_met is _yes(rows["targets met"])


def test_worked_example_findings_and_opportunities(tmp_path: Path) -> None:
    result = _example_result(tmp_path)
    tables = _tables(DOC.read_text(encoding="utf-8"))
    findings = [
        (r["question"], r["phase"], int(r["level"]), float(r["weight"]), r["score"])
        for r in tables["finding"]
    ]
    assert [(f.question, f.phase.value, f.level, f.weight) for f in result.findings] == [
        f[:4] for f in findings
    ]
    assert all(_close(f[4], got.score) for f, got in zip(findings, result.findings, strict=True))
    opportunities = tables["opportunity"]
    assert [o.question for o in result.opportunities] == [r["question"] for r in opportunities]
    for row, got in zip(opportunities, result.opportunities, strict=True):
        assert _close(row["score"], got.score) and int(row["level"]) == got.level
