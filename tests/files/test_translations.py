"""Translation files: found beside their questionnaire or on the search path, and validated."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.files.questionnaires import Origin, load_file, resolve
from assess.files.translations import find, localized
from tests.builders import assert_one_located_error, run_cli, small_questionnaire
from tests.model.test_translation import full, set_at


def _mini_translation() -> dict[str, Any]:
    """A complete French translation of the builders' small questionnaire."""
    data = full()
    del data["questions"]["A-04"], data["questions"]["B-04"]
    return data


@pytest.fixture
def folder(tmp_path: Path, write_yaml: Callable[..., Path]) -> Path:
    write_yaml(small_questionnaire(), "mini-1.0.yaml")
    write_yaml(_mini_translation(), "mini-1.0.fr.yaml")
    return tmp_path


def test_a_translation_is_found_beside_its_questionnaire(folder: Path) -> None:
    source = load_file(folder / "mini-1.0.yaml")
    found = find(source, "fr")
    assert found is not None and found.path == folder / "mini-1.0.fr.yaml"
    shown = localized(source, "fr")
    assert shown.questionnaire.title == "Mini questionnaire (fr)"
    assert (shown.raw, shown.sha256) == (source.raw, source.sha256)  # what reports embed
    assert shown.translation is not None and shown.translation.sha256 == found.sha256
    assert localized(source, "en") is source  # already in English


def test_a_translation_is_found_on_the_search_path(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "translations"
    elsewhere.mkdir()
    (folder / "mini-1.0.fr.yaml").rename(elsewhere / "mini-1.0.fr.yaml")
    source = load_file(folder / "mini-1.0.yaml")
    assert find(source, "fr") is None
    monkeypatch.setenv("ASSESS_QUESTIONNAIRES", str(elsewhere))
    found = find(source, "fr")
    assert found is not None and found.path == elsewhere / "mini-1.0.fr.yaml"


def test_the_bundled_questionnaire_has_its_chinese_translation_bundled() -> None:
    source = resolve("cyberposture", "1.0")
    assert source.origin is Origin.bundled
    shown = localized(source, "zh-CN")
    assert shown.questionnaire.title == "网络安全状况自评估"
    assert shown.translation is not None and shown.translation.path.parent == source.path.parent


def test_no_translation_is_an_error_unless_the_source_may_stand_in(folder: Path) -> None:
    source = load_file(folder / "mini-1.0.yaml")
    with pytest.raises(AssessError, match=r"no zh-CN translation of mini@1\.0") as caught:
        localized(source, "zh-CN")
    assert "mini-1.0.zh-CN.yaml" in str(caught.value)
    assert localized(source, "zh-CN", allow_untranslated=True) is source


def test_validate_says_what_a_translation_translates_and_that_it_is_whole(
    runner: CliRunner, folder: Path
) -> None:
    result = run_cli(runner, "validate", folder / "mini-1.0.fr.yaml")
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == f"{folder / 'mini-1.0.fr.yaml'}: ok, fr translation of mini@1.0, 45 of 45 texts\n"
    )


def test_validate_lists_missing_texts_and_allows_them_only_when_asked(
    runner: CliRunner, folder: Path, write_yaml: Callable[..., Path]
) -> None:
    data = _mini_translation()
    del data["questions"]["A-02"]["guidance"]
    del data["dimensions"]["B"]["quote"]
    path = write_yaml(data, "mini-1.0.fr.yaml")
    refused = run_cli(runner, "validate", path)
    assert refused.exit_code == 2
    assert refused.stderr.splitlines() == [
        f"error: {path}: the fr translation of mini@1.0 lacks 2 texts: dimensions.B.quote, "
        "questions.A-02.guidance (translate them (`assess validate --allow-untranslated "
        "mini-1.0.fr.yaml` lists them all), or pass --allow-untranslated to show them in en)"
    ]
    allowed = run_cli(runner, "validate", "--allow-untranslated", path)
    assert allowed.exit_code == 0
    assert allowed.stdout.splitlines() == [
        f"{path}: ok, fr translation of mini@1.0, 43 of 45 texts",
        "  missing, shown in en: dimensions.B.quote",
        "  missing, shown in en: questions.A-02.guidance",
    ]


@pytest.mark.parametrize(
    ("keys", "value", "message", "line_text"),
    [
        (("questions", "A-02", "text"), "TODO", "placeholder left", "text: TODO"),
        (("questions", "A-99"), {"text": "x"}, "has no question 'A-99'", "A-99:"),
        (("translation", "version"), "2.0", "questionnaire mini@2.0 not found", "translation:"),
        (("dimensions", "A", "weight"), 3, "unknown key", "weight: 3"),
    ],
)
def test_a_broken_translation_is_one_located_error(
    runner: CliRunner, folder: Path, keys: tuple[str, ...], value: Any, message: str, line_text: str
) -> None:
    data = _mini_translation()
    set_at(data, keys, value)
    path = folder / "mini-1.0.fr.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert_one_located_error(run_cli(runner, "validate", path), path, message, line_text)


def test_the_bundled_1_1_questionnaire_is_shown_in_chinese_with_every_basis_accounted_for() -> None:
    source = resolve("cyberposture", "1.1")
    shown = localized(source, "zh-CN")  # refuses a translation that lacks any text
    assert shown.questionnaire.title == "网络安全状况自评估"
    assert shown.translation is not None and shown.translation.path.name == (
        "cyberposture-1.1.zh-CN.yaml"
    )
    assert shown.source_language == "en"
    kept = {q for q, text in shown.translation.translation.questions.items() if text.untranslated}
    assert len(kept) >= 30  # the passages from outside the excerpts (data, talent, fraud...)
    english = {q.id: q for q in source.questionnaire.questions()}
    for question in shown.questionnaire.questions():
        basis = getattr(question, "basis", None)
        if question.id in kept:  # the questionnaire's own words, as declared
            assert basis == getattr(english[question.id], "basis", None) is not None
        elif basis is not None:
            assert re.search(r"[\u4e00-\u9fff]", basis), question.id


def test_validate_counts_a_declared_untranslated_basis_and_names_it(
    runner: CliRunner, tmp_path: Path, write_yaml: Callable[..., Path]
) -> None:
    q = small_questionnaire()
    q["dimensions"][0]["questions"][0]["basis"] = "There is no absolute security"
    write_yaml(q, "mini-1.0.yaml")
    data = _mini_translation()
    data["questions"]["A-01"]["untranslated"] = ["basis"]
    path = write_yaml(data, "mini-1.0.fr.yaml")
    result = run_cli(runner, "validate", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{path}: ok, fr translation of mini@1.0, 46 of 46 texts",
        "  declared untranslated, shown in en: 1 (questions.A-01.basis)",
    ]
    # a translation that gives the passage and also declares it untranslated is refused
    data["questions"]["A-01"]["basis"] = "Il n'y a pas de sécurité absolue"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert_one_located_error(
        run_cli(runner, "validate", path), path, "both given and declared untranslated", "basis:"
    )
