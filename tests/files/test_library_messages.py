"""The YAML parser's and pydantic's English, translated by kind, with English kept when unknown.

The messages come from real files and real models; the location (file:line:col) never changes.
"""

# ruff: noqa: RUF001 (Chinese text has its own punctuation)
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from assess.errors import AssessError, Message
from assess.files.yaml_problems import KNOWN, yaml_problem
from assess.files.yamlfile import load_yaml
from assess.i18n import N_, show_in, translations
from assess.model.pydantic_text import pydantic_message


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    show_in("en")


def _shown(error: AssessError, language: str) -> str:
    show_in(language)
    return str(error)


@pytest.mark.parametrize(
    ("text", "chinese", "english"),
    [
        ("a: 1\n\tb: 2\n", ":2:1: YAML 格式错误：发现破坏缩进的制表符（Tab）",
         ":2:1: invalid YAML: found a tab character that violates indentation"),
        ("a: @b\n", ":1:4: YAML 格式错误：发现不能作为开头的字符",
         ":1:4: invalid YAML: found character that cannot start any token"),
        ("a: [1, 2\n", ":2:1: YAML 格式错误：未找到应有的 ',' 或 ']'",
         ":2:1: invalid YAML: did not find expected ',' or ']'"),
        ("a: b: c\n", ":1:5: YAML 格式错误：此处不允许出现映射的值",
         ":1:5: invalid YAML: mapping values are not allowed in this context"),
        ('a: "open\n', ":2:1: YAML 格式错误：文件意外结束",
         ":2:1: invalid YAML: found unexpected end of stream"),
        ("a: 1\na: 2\n",
         ":2:1: 键 'a' 重复（首次出现在第 1 行）（YAML 只保留最后一个；请删除或合并重复项）",
         ":2:1: duplicate key 'a' (first at line 1) (YAML keeps only the last one; remove or "
         "merge the duplicates)"),
    ],
)  # fmt: skip
def test_a_yaml_problem_is_translated_and_keeps_its_place(
    write_yaml: Callable[..., Path], text: str, chinese: str, english: str
) -> None:
    path = write_yaml(text)
    with pytest.raises(AssessError) as caught:
        load_yaml(path)
    assert _shown(caught.value, "zh-CN").startswith(f"{path}{chinese}")
    assert _shown(caught.value, "en") == f"{path}{english}"


def test_a_yaml_problem_the_catalog_does_not_know_stays_in_english() -> None:
    error = AssessError(
        N_("invalid YAML: %(problem)s"),
        file="f.yaml",
        line=3,
        column=1,
        values={"problem": yaml_problem("found   a problem\nno parser has yet")},
    )
    assert _shown(error, "zh-CN") == "f.yaml:3:1: YAML 格式错误：found a problem no parser has yet"
    assert _shown(error, "en") == "f.yaml:3:1: invalid YAML: found a problem no parser has yet"


def test_every_known_yaml_problem_has_its_chinese() -> None:
    catalog = translations("zh-CN")
    assert [p for p in sorted(KNOWN) if catalog.gettext(p) == p] == []


def _first_error(adapter: TypeAdapter[Any], value: object) -> Message:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    return pydantic_message(caught.value.errors(include_url=False)[0])


def test_a_pydantic_error_is_translated_by_its_kind_with_its_values() -> None:
    at_least_one = TypeAdapter(Annotated[int, Field(ge=1)])
    message = _first_error(at_least_one, 0)
    assert str(message) == "Input should be greater than or equal to 1"  # pydantic's English
    show_in("zh-CN")
    assert str(AssessError(message)) == "应不小于 1"
    assert str(AssessError(_first_error(at_least_one, "x"))) == "应为整数"


def test_a_pydantic_error_of_an_unknown_kind_keeps_its_english() -> None:
    from uuid import UUID

    message = _first_error(TypeAdapter(UUID), "not a uuid")
    show_in("zh-CN")
    assert str(AssessError(message)) == str(message)
    assert str(message).startswith("Input should be a valid UUID")
