"""Properties of the scoring engine over generated questionnaires and answers (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.model.answers import AnswersFile
from assess.model.questionnaire import Questionnaire, TextQuestion
from assess.scoring.engine import Result, score
from tests.builders import choice, small_questionnaire

PROFILES = ["baseline", "critical"]
BANDS = [
    {"max": 7, "score": 1, "label": "week"},
    {"max": 30, "score": 0.5, "label": "month"},
    {"max": 90, "score": 0.25, "label": "quarter"},
    {"score": 0, "label": "longer"},
]


@st.composite
def scored_question(draw: st.DrawFn, qid: str) -> dict[str, Any]:
    """A choice, multi or number question with a random level, weight and restrictions."""
    base = choice(
        qid,
        draw(st.integers(1, 3)),
        weight=draw(st.sampled_from([0.5, 1, 2, 3])),
        critical=draw(st.booleans()),
        allow_na=draw(st.booleans()),
    )
    if draw(st.booleans()):
        base["profiles"] = [draw(st.sampled_from(PROFILES))]
    kind = draw(st.sampled_from(["choice", "yesno", "multi", "number"]))
    if kind == "yesno":
        base["scale"] = "yesno"
    elif kind == "multi":
        del base["scale"]
        weights = draw(st.lists(st.sampled_from([0.1, 1, 2]), min_size=1, max_size=4))
        base |= {
            "type": "multi",
            "options": [
                {"value": f"o{i}", "label": "x", "weight": w} for i, w in enumerate(weights)
            ],
        }
    elif kind == "number":
        del base["scale"]
        base |= {"type": "number", "unit": "days", "minimum": 0, "maximum": 365, "bands": BANDS}
    return base


@st.composite
def questionnaires(draw: st.DrawFn) -> Questionnaire:
    dimensions = []
    for d in range(draw(st.integers(1, 3))):
        questions: list[dict[str, Any]] = [
            draw(scored_question(f"D{d}-{i}")) for i in range(draw(st.integers(1, 5)))
        ]
        if draw(st.booleans()):
            questions.append({"id": f"D{d}-T", "type": "text", "text": "Anything else?"})
        dimensions.append(
            {
                "id": f"D{d}",
                "name": "n",
                "quote": "q",
                "weight": draw(st.sampled_from([0.5, 1, 2])),
                "questions": questions,
            }
        )
    targets = {
        f"D{d}": draw(st.integers(1, 3)) for d in range(len(dimensions)) if draw(st.booleans())
    }
    profiles = [
        {"id": p, "name": p, "description": "d", "target_level": draw(st.integers(1, 3))}
        for p in PROFILES
    ]
    profiles[1]["targets"] = targets
    return Questionnaire.model_validate(
        small_questionnaire(dimensions=dimensions, profiles=profiles)
    )


def value(draw: st.DrawFn, q: Questionnaire, question: Any) -> Any:
    if question.type == "choice":
        return draw(st.sampled_from([o.value for o in q.scales[question.scale]]))
    if question.type == "multi":
        options = [o.value for o in question.options]
        return draw(st.lists(st.sampled_from(options), unique=True, max_size=len(options)))
    if question.type == "number":
        return draw(st.integers(0, 365) | st.floats(0, 365, allow_nan=False))
    return "Some context."


def entry(draw: st.DrawFn, q: Questionnaire, question: Any) -> dict[str, Any] | None:
    kind = draw(st.sampled_from(["answer", "answer", "missing", "na"]))
    if kind == "missing":
        return None
    if kind == "na" and question.allow_na:
        return {"na": True, "justification": "Out of scope."}
    return {"value": value(draw, q, question)}


def answers_file(entries: dict[str, Any], profile: str) -> AnswersFile:
    return AnswersFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Org", "profile": profile},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": entries,
        }
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any], str]:
    q = draw(questionnaires())
    entries = {}
    for question in q.questions():
        got = entry(draw, q, question)
        if got is not None:
            entries[question.id] = got
    return q, entries, draw(st.sampled_from(PROFILES))


def scores(result: Result) -> list[float | None]:
    """Every number the result reports on a 0..100 scale."""
    numbers = [result.overall.score, result.overall.target_attainment]
    for d in result.dimensions:
        numbers += [d.score, d.target_attainment, *(x.score for x in d.questions)]
    numbers += [f.score for f in result.findings] + [o.score for o in result.opportunities]
    return numbers


@settings(max_examples=150, deadline=None)
@given(cases())
def test_scores_stay_within_0_and_100(case: tuple[Questionnaire, dict[str, Any], str]) -> None:
    q, entries, profile = case
    result = score(q, answers_file(entries, profile))
    assert all(0 <= s <= 100 for s in scores(result) if s is not None)
    assert 0 <= result.completeness <= 1
    levels = [d.level for d in result.dimensions] + [result.overall.level]
    assert all(0 <= lv <= 3 for lv in levels if lv is not None)
    # The engine builds its result without validation; validating it must change nothing.
    validated = Result.model_validate(result.model_dump())
    assert validated == result
    assert validated.model_dump_json() == result.model_dump_json()  # keys in the same order


@st.composite
def raises(draw: st.DrawFn) -> tuple[Questionnaire, dict[str, Any], dict[str, Any], str]:
    """Answers, and the same answers with one scored question raised (or newly answered)."""
    q, entries, profile = draw(cases())
    scored = [x for x in q.questions() if not isinstance(x, TextQuestion)]
    question = draw(st.sampled_from(scored))
    new = value(draw, q, question)
    raised = entries | {question.id: {"value": new}}
    if draw(st.booleans()):
        old = value(draw, q, question)
        low, high = sorted([old, new], key=lambda v: question.score(v))
        entries = entries | {question.id: {"value": low}}
        raised = entries | {question.id: {"value": high}}
    else:
        entries = {k: v for k, v in entries.items() if k != question.id}
    return q, entries, raised, profile


def _not_lower(before: float | None, after: float | None) -> bool:
    if before is None:
        return after is None
    return after is not None and after >= before - 1e-9


@settings(max_examples=200, deadline=None)
@given(raises())
def test_raising_an_answer_never_lowers_a_score_level_or_attainment(
    case: tuple[Questionnaire, dict[str, Any], dict[str, Any], str],
) -> None:
    q, entries, raised, profile = case
    before = score(q, answers_file(entries, profile))
    after = score(q, answers_file(raised, profile))
    for b, a in zip(before.dimensions, after.dimensions, strict=True):
        assert _not_lower(b.score, a.score)
        assert _not_lower(b.level, a.level)
        assert _not_lower(b.target_attainment, a.target_attainment)
    for field in ("score", "level", "target_attainment"):
        assert _not_lower(getattr(before.overall, field), getattr(after.overall, field))
    assert after.completeness >= before.completeness


def _by_id(result: Result) -> dict[str, Any]:
    """The result with every list keyed by id, so that only order is lost."""
    data = result.model_dump()
    for d in data["dimensions"]:
        d["questions"] = {x["question"]: x for x in d["questions"]}
    data["findings"] = {f["question"]: f for f in data["findings"]}
    data["opportunities"] = {o["question"]: o for o in data["opportunities"]}
    return data


@settings(max_examples=150, deadline=None)
@given(cases(), st.randoms(use_true_random=False))
def test_reordering_questions_or_answers_changes_nothing(
    case: tuple[Questionnaire, dict[str, Any], str], rnd: Any
) -> None:
    q, entries, profile = case
    data = q.model_dump(by_alias=True, exclude_none=True)
    for d in data["dimensions"]:
        rnd.shuffle(d["questions"])
    shuffled_q = Questionnaire.model_validate(data)
    items = list(entries.items())
    rnd.shuffle(items)
    original = score(q, answers_file(entries, profile))
    reordered = score(shuffled_q, answers_file(dict(items), profile))
    assert _by_id(reordered) == _by_id(original)
    # Findings with different phase, weight or score keep their relative order.
    keys = {(f.phase, -f.weight, f.score) for f in original.findings}
    if len(keys) == len(original.findings):
        assert reordered.findings == original.findings
