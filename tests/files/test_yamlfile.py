"""Safe YAML loading: the guarantees hand-edited and hostile files rely on."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assess.errors import AssessError
from assess.files.yamlfile import MAX_BYTES, MAX_DEPTH, load_yaml
from tests.builders import assert_one_located_error, run_cli


def test_values_keep_their_line_and_column(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n")
    doc = load_yaml(path)
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    # A mapping value is located at its key, where a reader looks for it.
    assert doc.where(("b", 1, "c")) == (4, 6)
    # An unknown deeper path falls back to the nearest known parent.
    assert doc.where(("b", 1, "missing")) == (4, 5)


def test_duplicate_key_is_an_error_naming_both_lines(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("title: one\nid: x\ntitle: two\n")
    with pytest.raises(AssessError) as err:
        load_yaml(path)
    assert err.value.line == 3
    assert "duplicate key 'title' (first at line 1)" in str(err.value)


def test_yes_and_no_stay_strings_as_in_yaml_1_2(write_yaml: Callable[..., Path]) -> None:
    doc = load_yaml(write_yaml("a: yes\nb: no\nc: on\nd: true\ne: False\n"))
    assert doc.data == {"a": "yes", "b": "no", "c": "on", "d": True, "e": False}


def test_unsafe_tags_are_refused(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("a: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(AssessError, match="unsupported tag") as err:
        load_yaml(path)
    assert err.value.line == 1


def test_unsafe_scalar_tags_are_refused(write_yaml: Callable[..., Path]) -> None:
    with pytest.raises(AssessError, match="invalid YAML"):
        load_yaml(write_yaml("a: !!python/name:os.system ''\n"))


def test_alias_bomb_is_refused_quickly(write_yaml: Callable[..., Path]) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    path = write_yaml("\n".join(lines) + "\n")
    started = time.process_time()
    with pytest.raises(AssessError, match="expands to more than"):
        load_yaml(path)
    # Nine levels of nine would be 387 million values; refusing must not build them.
    assert time.process_time() - started < 10


def test_recursive_alias_is_refused(write_yaml: Callable[..., Path]) -> None:
    with pytest.raises(AssessError, match="refers to itself"):
        load_yaml(write_yaml("a: &a [1, *a]\n"))


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(AssessError, match="over the limit"):
        load_yaml(path)


def test_merge_keys_are_refused(write_yaml: Callable[..., Path]) -> None:
    with pytest.raises(AssessError, match="merge keys"):
        load_yaml(write_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a: [1, 2\n", "invalid YAML"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_broken_files_name_the_problem(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    with pytest.raises(AssessError, match=message) as err:
        load_yaml(path)
    assert err.value.file == str(path)


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(AssessError, match="file not found"):
        load_yaml(tmp_path / "nope.yaml")


def test_error_text_is_a_single_line() -> None:
    err = AssessError("first\nsecond", file="f.yaml", line=3, column=1, hint="do\nthis")
    assert str(err) == "f.yaml:3:1: first second (do this)"


def test_error_text_has_no_control_characters() -> None:
    # Messages quote keys and values from files; an escape sequence must not reach the terminal.
    err = AssessError("unknown key '\x1b]0;pwned\x07'", file="f\x9b.yaml", hint="\x1b[2J")
    assert str(err) == "f?.yaml: unknown key '?]0;pwned?' (?[2J)"


@pytest.mark.parametrize("date", ["2025-13-45", "2025-02-30"])
def test_an_impossible_date_is_one_located_line(
    runner: CliRunner, write_yaml: Callable[..., Path], date: str
) -> None:
    path = write_yaml(f"assessment:\n  period: '2025'\n  date: {date}\n", "answers.yaml")
    result = run_cli(runner, "validate", path)
    assert_one_located_error(result, path, f"invalid date '{date}'", f"date: {date}")
    assert "YYYY-MM-DD" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("n: !!int 1:30\n", "invalid int value '1:30'"),
        ("n: !!bool maybe\n", "invalid bool value 'maybe'"),
        ("n: !!timestamp soon\n", "invalid date 'soon'"),
    ],
)
def test_a_value_its_tag_cannot_hold_is_refused(
    write_yaml: Callable[..., Path], text: str, message: str
) -> None:
    with pytest.raises(AssessError, match=message) as err:
        load_yaml(write_yaml(text))
    assert (err.value.line, err.value.column) == (1, 4)


def test_deep_nesting_is_refused_without_a_traceback(
    runner: CliRunner, write_yaml: Callable[..., Path]
) -> None:
    path = write_yaml("a: " + "[" * 900 + "]" * 900 + "\n")
    result = run_cli(runner, "validate", path)
    assert_one_located_error(result, path, f"nested more than {MAX_DEPTH} levels deep", "[[[")


def test_nesting_up_to_the_limit_loads(write_yaml: Callable[..., Path]) -> None:
    doc = load_yaml(write_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"))
    assert isinstance(doc.data["a"], list)


def test_an_alias_is_an_independent_copy_located_at_its_anchor(
    write_yaml: Callable[..., Path],
) -> None:
    doc = load_yaml(write_yaml("a: &m\n  x: [1, 2]\nb: *m\nc:\n  - *m\n"))
    assert doc.data == {"a": {"x": [1, 2]}, "b": {"x": [1, 2]}, "c": [{"x": [1, 2]}]}
    doc.data["b"]["x"].append(3)
    assert doc.data["a"]["x"] == [1, 2] and doc.data["c"][0]["x"] == [1, 2]
    # The copy's values point at the lines a reader finds them on: the anchored block's.
    assert doc.where(("b", "x", 1)) == doc.where(("a", "x", 1)) == (2, 10)
    assert doc.where(("b",)) == (3, 1)  # a mapping value stays at its key


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: *x\n", "found undefined alias", 1),
        ("a: &x 1\nb: &x 2\n", "second occurrence", 2),
        ("a: 1\n---\nb: 2\n", "but found another document", 2),
        # An error in the YAML itself comes before one found while building, as a reader of
        # the whole file would want: here the duplicate key on line 2 is not the first problem.
        ("a: 1\na: 2\nb: [\n", "invalid YAML", 4),
    ],
)
def test_what_the_parser_refuses_is_one_located_line(
    write_yaml: Callable[..., Path], text: str, message: str, line: int
) -> None:
    with pytest.raises(AssessError, match=message) as err:
        load_yaml(write_yaml(text))
    assert err.value.line == line
