"""The shipped questionnaire cyberposture 1.0 keeps the promises of the brief (section 2)."""

from __future__ import annotations

import hashlib
import re

import pytest

from assess.files.questionnaires import resolve
from assess.model.questionnaire import (
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    Questionnaire,
    TextQuestion,
)
from tests.builders import ROOT

SPEECH = ROOT / "tests" / "data" / "speech.txt"
DIMENSIONS = ["HOL", "DYN", "OPN", "REL", "SHR", "CII", "SNS", "DEF"]
Scored = ChoiceQuestion | MultiQuestion | NumberQuestion


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return resolve("cyberposture", "1.0").questionnaire


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_eight_dimensions_in_order_with_enough_questions(q: Questionnaire) -> None:
    assert [d.id for d in q.dimensions] == DIMENSIONS
    assert all(len(d.questions) >= 7 for d in q.dimensions)
    assert 60 <= len(q.questions()) <= 80


def test_every_quote_is_verbatim_from_the_speech(q: Questionnaire) -> None:
    speech = _squash(SPEECH.read_text(encoding="utf-8"))
    for dimension in q.dimensions:
        assert dimension.quote is not None, dimension.id
        assert _squash(dimension.quote) in speech, dimension.id


def test_every_dimension_has_questions_at_every_level(q: Questionnaire) -> None:
    for dimension in q.dimensions:
        levels = {x.level for x in dimension.questions if isinstance(x, Scored)}
        assert levels == {1, 2, 3}, dimension.id


def test_scored_questions_say_what_full_looks_like_and_what_to_do(q: Questionnaire) -> None:
    for question in q.questions():
        if isinstance(question, Scored):
            assert len(question.guidance) > 40, question.id
            assert len(question.recommendation) > 30, question.id


def test_three_profiles_with_rising_targets_and_an_override(q: Questionnaire) -> None:
    assert [(p.id, p.target_level) for p in q.profiles] == [
        ("baseline", 1),
        ("enhanced", 2),
        ("critical", 3),
    ]
    assert any(p.targets for p in q.profiles)


def test_every_feature_of_the_format_is_used(q: Questionnaire) -> None:
    questions = q.questions()
    kinds = {type(x) for x in questions}
    assert {ChoiceQuestion, MultiQuestion, NumberQuestion, TextQuestion} <= kinds
    assert any(isinstance(x, NumberQuestion) and len(x.bands) > 1 for x in questions)
    assert any(x.when is not None for x in questions)
    assert any(x.profiles for x in questions)
    assert any(isinstance(x, Scored) and x.critical for x in questions)
    assert any(x.allow_na for x in questions)
    assert any(not x.allow_na for x in questions)


def test_most_questions_cite_nist_csf(q: Questionnaire) -> None:
    scored = [x for x in q.questions() if isinstance(x, Scored)]
    cited = [x for x in scored if x.references.get("nist-csf-2.0")]
    assert len(cited) > len(scored) / 2


RELEASED = {
    "cyberposture-1.0.yaml": "f1bf1f216a3a5fcd44d730471c5fbf50295dbee813a23721bf3043c7c70635cf",
    "cyberposture-1.1.yaml": "9f8c6ad85c8dee4efbbfe4828fd36f7e51a0432f6f03745655e5ed34a3244672",
}


@pytest.mark.parametrize(("name", "sha256"), RELEASED.items())
def test_a_released_questionnaire_is_never_edited(name: str, sha256: str) -> None:
    """Answers, reports and `-q` copies name a version: its bytes must stay what was released.

    A change (even a comment) is a new version: give it its own file and version number.
    """
    data = (ROOT / "questionnaires" / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha256, f"{name} was edited after its release"
