"""The shipped questionnaire cyberposture 1.1 keeps the promises of issue 14.

Each scored question cites its passage of the speech, each point of the speech that 1.0 missed
is cited, each choice question describes every point of its scale, and an organization that is
not critical information infrastructure gets no CII score.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from assess.files.loading import load_answers
from assess.files.questionnaires import resolve
from assess.model.answers import Answer
from assess.model.applicability import applicable_questions
from assess.model.checks import squash
from assess.model.questionnaire import ChoiceQuestion, Questionnaire, is_scored
from assess.scoring.engine import score
from tests.builders import ROOT

SPEECH = ROOT / "tests" / "data" / "speech.txt"
EXAMPLES = ROOT / "examples"

# Item 2 of issue 14, one excerpt of the speech per point; each must be some question's basis.
POINTS = {
    "open: exchange and absorbing advanced technology": "strengthen foreign interaction, "
    "collaboration, exchange and game playing, and absorb advanced technology",
    "open: attack and defence exercises": "only if we follow spar with aces",
    "sensing: risk reporting mechanisms": "cybersecurity risk reporting mechanisms",
    "sensing: intelligence sharing mechanisms": "intelligence sharing mechanisms",
    "sensing: deliberative handling mechanisms": "deliberative handling mechanisms",
    "sensing: report results and supervise rectification": "report results, and supervise "
    "rectification and improvement",
    "defence: targets, level and measures of protection": "clarify the targets of protection, "
    "the level of protection and protection measures",
    "defence: a very clear account": "there must be a very clear account",
    "defence: state-level attacks": "state-level, organized high-strength cyber attacks",
    "data: management according to the law": "strengthen the management of data according to "
    "the law",
    "data: enterprises guarantee its security": "enterprises must guarantee the security of "
    "these data",
    "CII: finance": "financial transaction information may be stolen",
    "CII: the sectors": "finance, energy, electricity, telecommunications, traffic",
    "shared: for the sake of the people": "Cybersecurity is for the sake of the people",
    "shared: fraud": "online fraud cases are growing in number",
    "core technology: greatest hidden danger": "core technology is controlled by others is our "
    "greatest hidden danger",
}

# Heuristic for "one requirement per question": a text that joins requirements shows it by a
# semicolon, by great length, or by a second clause with a verb of its own after ", and" ("...
# are defined, and the register is reviewed"). Lists of nouns ("systems, data, sites and staff")
# are one requirement and pass. It cannot prove that a question asks one thing; it catches the
# bundles of 1.0 (see the test below), and the review the issue asks for stays the real check.
MAX_WORDS = 50
SECOND_CLAUSE = re.compile(r", and [^,]{0,40}?\b(?:is|are|has|have|was|were)\b")


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    return resolve("cyberposture", "1.1").questionnaire


def test_names_the_speech_as_its_source_and_the_shipped_copy_is_the_speech(
    q: Questionnaire,
) -> None:
    assert q.source == "speech-2016"
    shipped = ROOT / "assess" / "data" / "sources" / "speech-2016.txt"
    assert shipped.read_bytes() == SPEECH.read_bytes()


def test_every_scored_question_has_a_basis_in_the_speech(q: Questionnaire) -> None:
    speech = squash(SPEECH.read_text(encoding="utf-8"))
    for question in q.questions():
        if is_scored(question):
            assert question.basis, question.id
            assert squash(question.basis) in speech, question.id


@pytest.mark.parametrize("point", list(POINTS), ids=list(POINTS))
def test_each_point_of_the_speech_the_issue_lists_is_cited(q: Questionnaire, point: str) -> None:
    bases = [squash(x.basis) for x in q.questions() if is_scored(x) and x.basis]
    assert any(POINTS[point] in basis for basis in bases), point


def test_core_technology_dependence_is_within_the_enhanced_profiles_reach(
    q: Questionnaire,
) -> None:
    enhanced = q.profile("enhanced")
    assert enhanced is not None
    target = enhanced.targets.get("OPN", enhanced.target_level)
    cited = [
        x for x in q.questions() if is_scored(x) and x.basis and "greatest hidden danger" in x.basis
    ]
    assert cited and min(x.level for x in cited) <= target


def test_every_choice_question_describes_every_point_of_its_scale(q: Questionnaire) -> None:
    for question in q.questions():
        if isinstance(question, ChoiceQuestion):
            assert question.anchors is not None, question.id
            values = {o.value for o in q.scales[question.scale]}
            assert set(question.anchors) == values, question.id
            # An anchor says what that point looks like for this practice, not a generic label.
            assert len(set(question.anchors.values())) == len(values), question.id


def _looks_bundled(text: str) -> bool:
    text = squash(text)
    return ";" in text or len(text.split()) > MAX_WORDS or SECOND_CLAUSE.search(text) is not None


def test_no_question_text_bundles_several_requirements(q: Questionnaire) -> None:
    for question in q.questions():
        if question.type in ("choice", "number"):
            assert not _looks_bundled(question.text), question.id


def test_the_bundle_heuristic_catches_the_bundles_of_1_0() -> None:
    old = resolve("cyberposture", "1.0").questionnaire
    flagged = {x.id for x in old.questions() if _looks_bundled(x.text)}
    assert {"CII-02", "CII-04", "CII-07", "CII-09", "DEF-04", "DEF-05", "DEF-07"} <= flagged


def test_split_questions_name_their_predecessor_once(q: Questionnaire) -> None:
    old = resolve("cyberposture", "1.0").questionnaire
    previous = [p for x in q.questions() for p in x.previous_ids]
    assert len(previous) == len(set(previous))
    current = {x.id for x in q.questions()}
    for question in old.questions():
        assert question.id in current or question.id in previous, question.id
    # The 1.0 bundles the issue names are split, each into several questions.
    assert q.renamed["CII-02"] == "CII-11" and q.renamed["DEF-05"] == "DEF-22"


def test_every_cii_question_depends_on_the_designation_asked_before(q: Questionnaire) -> None:
    cii = next(d for d in q.dimensions if d.id == "CII")
    gate = q.question("HOL-10")
    assert isinstance(gate, ChoiceQuestion) and gate.scale == "designation"
    assert gate.previous_ids == ["CII-01"]
    for question in cii.questions:
        assert question.when is not None, question.id
        assert (question.when.question, question.when.in_) == ("HOL-10", ["designated"])


def test_harbourline_is_not_cii_so_has_no_cii_score_and_no_cii_question() -> None:
    answers, q = load_answers(EXAMPLES / "harbourline-2026.yaml")
    result = score(q, answers)
    cii = next(d for d in result.dimensions if d.id == "CII")
    assert (cii.score, cii.level, cii.applicable) == (None, None, 0)
    others = [d for d in result.dimensions if d.id != "CII"]
    weights = sum(d.weight for d in others)
    expected = sum(d.weight * (d.score or 0) for d in others) / weights
    assert result.overall.score == pytest.approx(expected)
    asked = applicable_questions(q, answers.organization.profile, answers.answers)
    assert not [x.id for x in asked if x.id.startswith("CII-")]


def test_a_designated_operator_is_asked_every_cii_question() -> None:
    answers, q = load_answers(EXAMPLES / "harbourline-2026.yaml")
    entries = {**answers.answers, "HOL-10": Answer(value="designated")}
    asked = {x.id for x in applicable_questions(q, answers.organization.profile, entries)}
    cii = next(d for d in q.dimensions if d.id == "CII")
    assert {x.id for x in cii.questions} <= asked


def test_the_2026_examples_answer_every_question_they_are_asked() -> None:
    for name in ("northwind-2026.yaml", "harbourline-2026.yaml"):
        answers, q = load_answers(EXAMPLES / name)
        result = score(q, answers)
        assert result.completeness == 1, name
        data = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
        assert not any("carried_from" in v for v in data["answers"].values()), name


def test_score_results_carry_each_questions_references() -> None:
    answers, q = load_answers(EXAMPLES / "northwind-2026.yaml")
    rows = {r.question: r for d in score(q, answers).dimensions for r in d.questions}
    assert rows["DEF-25"].references["pipl-2021"] == ["Art. 57"]
    assert rows["HOL-01"].references == {}


def test_the_report_lists_each_cited_article_with_its_questions_status(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tests.builders import run_cli

    html = tmp_path / "hb.html"
    result = run_cli(
        CliRunner(), "report", EXAMPLES / "harbourline-2026.yaml", "--format", "html", "-o", html
    )
    assert result.exit_code == 0, result.stderr
    page = html.read_text(encoding="utf-8")
    section = page[page.index("Laws and standards") :]
    assert "Personal Information Protection Law" in section
    assert re.search(r"Art\. 57</td>.*?DEF-25 met", section, re.S)
    assert "CII-33 out of scope" in section
    assert "active subcategories are cited" in section
