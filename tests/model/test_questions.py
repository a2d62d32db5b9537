"""Each question type answers for its own values: parse, check, score, label, match."""

from __future__ import annotations

import pytest

from assess.errors import AssessError
from assess.model.questionnaire import Questionnaire, ScoredQuestion, is_scored
from tests.builders import choice, multi, number, small_questionnaire

ITEMS = [
    {"value": "a", "label": "Inventory", "weight": 3},
    {"value": "b", "label": "SBOM", "weight": 1},
]


def scored(q: Questionnaire, qid: str) -> ScoredQuestion:
    question = q.question(qid)
    assert question is not None and is_scored(question)
    return question


@pytest.fixture
def q() -> Questionnaire:
    data = small_questionnaire()
    data["dimensions"][0]["questions"] += [multi("A-04", ITEMS), number("A-05")]
    return Questionnaire.model_validate(data)


def test_a_choice_question_knows_its_scale_once_loaded(q: Questionnaire) -> None:
    question = scored(q, "A-01")
    assert [o.label for o in question.options] == [  # type: ignore[union-attr]
        "Not implemented",
        "Partially",
        "Largely",
        "Fully implemented",
    ]
    assert question.parse("largely") == 2
    assert question.parse("3") == 3
    assert question.score(2) == pytest.approx(0.6667)
    assert question.label(3) == "Fully implemented"
    assert question.problem(7) is not None
    # One meaning of "the same value": the text "2" is not the option 2.
    assert question.problem("2") is not None
    assert question.problem(2) is None


def test_a_yes_no_gate_matches_only_its_own_values(q: Questionnaire) -> None:
    gate = q.question("B-01")
    assert gate is not None
    assert gate.matches("yes", ["yes"])
    assert not gate.matches("no", ["yes"])
    assert gate.option_values() == {"yes", "no"}


def test_a_checklist_parses_checks_scores_and_labels(q: Questionnaire) -> None:
    question = scored(q, "A-04")
    assert question.parse("a, b") == ["a", "b"]
    assert question.parse("") == []
    assert question.score(["a"]) == pytest.approx(0.75)
    assert question.label(["b", "a"]) == "Inventory; SBOM"
    assert question.label([]) == "None of the items"
    assert question.problem(["a", "a"]) == (
        "an option is listed twice",
        "list each checked option once",
    )
    assert question.problem(["z"]) is not None
    assert question.matches(["b"], ["b", "c"])


def test_a_number_parses_checks_scores_and_labels(q: Questionnaire) -> None:
    question = scored(q, "A-05")
    assert question.parse("6.5") == 6.5
    with pytest.raises(AssessError, match="is not a number"):
        question.parse("soon")
    assert question.score(7) == 1
    assert question.score(8) == 0
    assert question.label(3) == "3 days (week)"
    assert question.problem(400) is not None
    assert question.problem(True) is not None


def test_a_changed_option_score_changes_the_questions_meaning() -> None:
    data = small_questionnaire()
    before = scored(Questionnaire.model_validate(data), "A-01")
    data["scales"]["practice"][2]["score"] = 0.5
    after = scored(Questionnaire.model_validate(data), "A-01")
    assert before.meaning() != after.meaning()
    renamed = choice("A-09")
    data["dimensions"][0]["questions"].append(renamed)
    assert scored(Questionnaire.model_validate(data), "A-09").meaning() == after.meaning()
