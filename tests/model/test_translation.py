"""A translation changes a questionnaire's text and nothing else; what it lacks is listed."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from assess.model.answers import AnswersFile
from assess.model.language import choose, from_environment, parse_languages
from assess.model.questionnaire import ChoiceQuestion, MultiQuestion, NumberQuestion, Questionnaire
from assess.model.translation import (
    Translation,
    kept,
    missing,
    texts,
    translate,
    translation_problems,
)
from assess.scoring.engine import score
from tests.builders import multi, number, small_questionnaire


def source_data() -> dict[str, Any]:
    data = small_questionnaire()
    data["dimensions"][0]["questions"].append(
        multi("A-04", [{"value": "a", "label": "Item a"}, {"value": "b", "label": "Item b"}])
    )
    data["dimensions"][1]["questions"].append(number("B-04"))
    return data


def source() -> Questionnaire:
    return Questionnaire.model_validate(source_data())


def full() -> dict[str, Any]:
    """A complete French translation of `source()`."""
    practice = ["Non", "En partie", "En grande partie", "Entièrement"]
    question = {"text": "Texte.", "guidance": "Conseils.", "recommendation": "Faire."}
    return {
        "translation": {"questionnaire": "mini", "version": "1.0", "language": "fr"},
        "title": "Mini questionnaire (fr)",
        "levels": {n: {"name": f"Niveau {n}", "description": "Desc."} for n in (1, 2, 3)},
        "scales": {
            "practice": {
                v: {"label": label, "description": "D."} for v, label in enumerate(practice)
            },
            "yesno": {
                "yes": {"label": "Oui", "description": "D."},
                "no": {"label": "Non", "description": "D."},
            },
        },
        "profiles": {p: {"name": p.title(), "description": "D."} for p in ("baseline", "critical")},
        "dimensions": {
            "A": {"name": "Alpha (fr)", "quote": "Il n'y a pas de sécurité absolue"},
            "B": {"name": "Bêta", "quote": "La cybersécurité est partagée"},
        },
        "questions": {
            **{q: dict(question) for q in ("A-01", "A-02", "A-03", "B-01", "B-02", "B-03")},
            "A-04": {
                **question,
                "options": {"a": {"label": "Élément a"}, "b": {"label": "Élément b"}},
            },
            "B-04": {**question, "unit": "jours", "bands": ["semaine", "plus"]},
        },
    }


def test_a_complete_translation_lacks_nothing_and_raises_no_problem() -> None:
    q, t = source(), Translation.model_validate(full())
    assert missing(q, t) == []
    assert translation_problems(q, t) == []
    assert len(texts(q)) == 1 + 3 * 2 + 6 * 2 + 2 * 2 + 2 * 2 + 8 * 3 + 2 + 1 + 2


def test_translating_changes_text_only_so_every_score_is_the_same() -> None:
    q = source()
    fr = translate(q, Translation.model_validate(full()))
    assert (fr.title, fr.language, q.language) == ("Mini questionnaire (fr)", "fr", "en")
    assert [d.name for d in fr.dimensions] == ["Alpha (fr)", "Bêta"]
    question = fr.question("A-01")
    assert isinstance(question, ChoiceQuestion)
    assert [o.label for o in question.options][:2] == ["Non", "En partie"]
    assert [(o.value, o.score) for o in question.options] == [
        (o.value, o.score) for o in q.scales["practice"]
    ]
    checklist, days = fr.question("A-04"), fr.question("B-04")
    assert isinstance(checklist, MultiQuestion) and isinstance(days, NumberQuestion)
    assert [o.label for o in checklist.options] == ["Élément a", "Élément b"]
    assert (days.unit, [b.label for b in days.bands]) == ("jours", ["semaine", "plus"])
    assert [b.max for b in days.bands] == [7, None]
    answers = AnswersFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "organization": {"name": "Acme", "profile": "critical"},
            "assessment": {"period": "2025", "date": "2025-01-01"},
            "answers": {"A-01": {"value": 2}, "A-04": {"value": ["a"]}, "B-04": {"value": 3}},
        }
    )
    english, french = score(q, answers), score(fr, answers)
    assert french.overall == english.overall
    assert [d.score for d in french.dimensions] == [d.score for d in english.dimensions]
    assert [f.question for f in french.findings] == [f.question for f in english.findings]
    assert french.findings[0].recommendation == "Faire."


def test_missing_texts_are_listed_in_file_order_and_stay_in_the_source_language() -> None:
    data = full()
    del data["questions"]["A-02"]["guidance"]
    del data["scales"]["yesno"]["no"]
    del data["questions"]["B-04"]["bands"]
    q, t = source(), Translation.model_validate(data)
    assert missing(q, t) == [
        ("scales", "yesno", "no", "label"),
        ("scales", "yesno", "no", "description"),
        ("questions", "A-02", "guidance"),
        ("questions", "B-04", "bands", 0),
        ("questions", "B-04", "bands", 1),
    ]
    fr = translate(q, t)
    a02 = fr.question("A-02")
    assert a02 is not None and a02.guidance == "Fully implemented means documented and reviewed."
    assert a02.text == "Texte."


def set_at(data: dict[str, Any], keys: tuple[Any, ...], value: Any) -> None:
    for key in keys[:-1]:
        data = data[key]
    data[keys[-1]] = value


@pytest.mark.parametrize(
    ("keys", "value", "where", "message"),
    [
        (("questions", "Z-09"), {"text": "x"}, ("questions", "Z-09"), "no question 'Z-09'"),
        (("dimensions", "Q"), {"name": "x"}, ("dimensions", "Q"), "no dimension 'Q'"),
        (("scales", "practice", 7), {"label": "x"}, ("scales", "practice", 7, "label"), "no such"),
        (("questions", "B-04", "bands"), ["a", "b", "c"], ("questions", "B-04", "bands", 2), "no"),
        (("questions", "A-01", "unit"), "jours", ("questions", "A-01", "unit"), "no such text"),
        (("dimensions", "A", "name"), "TODO", ("dimensions", "A", "name"), "placeholder"),
        (("dimensions", "A", "name"), "  ", ("dimensions", "A", "name"), "placeholder"),
        (
            ("questions", "A-01", "text"),
            "Practice A-01 is in place.",
            ("questions", "A-01", "text"),
            "still the source text",
        ),
    ],
)
def test_unknown_places_placeholders_and_copied_prose_are_problems_at_their_place(
    keys: tuple[Any, ...], value: Any, where: tuple[Any, ...], message: str
) -> None:
    data = copy.deepcopy(full())
    set_at(data, keys, value)
    problems = translation_problems(source(), Translation.model_validate(data))
    assert [(loc, message in text) for loc, text, _ in problems] == [(where, True)]


def test_a_translation_refuses_unknown_keys_and_values_a_translation_cannot_change() -> None:
    for bad in ({"weight": 2}, {"level": 1}):
        data = full()
        data["questions"]["A-01"].update(bad)
        with pytest.raises(ValidationError, match="Extra inputs"):
            Translation.model_validate(data)
    with pytest.raises(ValidationError):
        Translation.model_validate(
            {
                **full(),
                "translation": {"questionnaire": "mini", "version": "1.0", "language": "French"},
            }
        )


def test_languages_come_from_lang_then_the_environment_then_english() -> None:
    assert parse_languages("zh-CN+en") == ("zh-CN", "en")
    assert parse_languages("zh_cn") == ("zh-CN",)
    assert choose("en", {"LANG": "zh_CN.UTF-8"}) == ("en",)
    assert choose(None, {"LANG": "zh_CN.UTF-8"}) == ("zh-CN",)
    assert from_environment({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}) == ("en",)
    assert from_environment({"LANG": "zh_TW.UTF-8"}) == ("en",)  # Traditional: not ours
    assert from_environment({"LANG": "C.UTF-8"}) == ("en",)
    assert from_environment({}) == ("en",)


@pytest.mark.parametrize("text", ["fr", "zh-CN+zh", "en+en", "", "zh-CN+en+fr"])
def test_unknown_or_repeated_languages_are_refused(text: str) -> None:
    from assess.errors import AssessError

    with pytest.raises(AssessError, match="language"):
        parse_languages(text)


def test_the_name_of_reaching_no_level_may_be_translated_and_must_be_when_the_source_names_it() -> (
    None
):
    data = {**full(), "level_zero": {"name": "Sous le niveau 1", "description": "Pas tout."}}
    q, t = source(), Translation.model_validate(data)
    assert translation_problems(q, t) == []
    assert translate(q, t).level_zero.name == "Sous le niveau 1"
    assert missing(q, Translation.model_validate(full())) == []  # assess names it otherwise
    named = Questionnaire.model_validate(
        {**small_questionnaire(), "level_zero": {"name": "Initial", "description": "None yet."}}
    )
    plain = {k: v for k, v in full().items() if k != "questions"}
    absent = missing(named, Translation.model_validate(plain))
    assert absent[:2] == [("level_zero", "name"), ("level_zero", "description")]


def _with_basis() -> tuple[Questionnaire, dict[str, Any]]:
    """`source()` whose A-01 and A-02 name a passage of their source text, and its translation."""
    data = source_data()
    for question in data["dimensions"][0]["questions"][:2]:
        question["basis"] = "There is no absolute security"
    translation = full()
    translation["questions"]["A-01"]["basis"] = "没有绝对安全"
    translation["questions"]["A-02"]["untranslated"] = ["basis"]
    return Questionnaire.model_validate(data), translation


def test_a_basis_without_an_original_is_declared_untranslated_and_shown_in_the_source() -> None:
    q, data = _with_basis()
    t = Translation.model_validate(data)
    assert ("questions", "A-02", "basis") in texts(q)
    assert missing(q, t) == []  # declared, so not missing
    assert translation_problems(q, t) == []
    assert kept(t) == [("questions", "A-02", "basis")]
    zh = translate(q, t)
    a01, a02 = zh.question("A-01"), zh.question("A-02")
    assert isinstance(a01, ChoiceQuestion) and isinstance(a02, ChoiceQuestion)
    assert (a01.basis, a02.basis) == ("没有绝对安全", "There is no absolute security")
    # without the declaration, the passage is missing like any other text
    del data["questions"]["A-02"]["untranslated"]
    assert missing(q, Translation.model_validate(data)) == [("questions", "A-02", "basis")]


@pytest.mark.parametrize(
    ("question", "entry", "where", "message"),
    [
        ("A-03", {"untranslated": ["basis"]}, ("questions", "A-03", "untranslated"), "no such"),
        ("A-01", {"untranslated": ["basis"]}, ("questions", "A-01", "basis"), "both given"),
        ("Z-09", {"untranslated": ["basis"]}, ("questions", "Z-09"), "no question 'Z-09'"),
    ],
)
def test_declaring_untranslated_what_has_no_basis_or_is_translated_is_a_problem(
    question: str, entry: dict[str, Any], where: tuple[Any, ...], message: str
) -> None:
    q, data = _with_basis()
    data["questions"].setdefault(question, {}).update(entry)
    problems = translation_problems(q, Translation.model_validate(data))
    assert [(loc, message in text) for loc, text, _ in problems] == [(where, True)]


@pytest.mark.parametrize("name", ["text", "guidance", "recommendation", "quote"])
def test_only_a_basis_can_be_left_untranslated(name: str) -> None:
    # prose is always translated: only a quoted passage can lack words of its own in a language
    data = full()
    data["questions"]["A-01"]["untranslated"] = [name]
    with pytest.raises(ValidationError):
        Translation.model_validate(data)
