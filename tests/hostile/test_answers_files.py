"""Hostile cases for writing answers files (issue 17, items 2 and 3): each says what it attacks.

What `init`, `answer` and `take` write must read back as the same values: one YAML dialect
(the 1.2 core schema) on both sides, strings that look like other types quoted, invalid bytes in
arguments refused, and YAML aliases never coupling two answers.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assess.files.loading import load_answers
from assess.files.yamlfile import load_yaml
from assess.model.answers import Answer, NotApplicable
from tests.builders import run_cli, small_questionnaire

ANSWERS = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers: {}
"""


def questionnaire() -> dict[str, Any]:
    data = small_questionnaire()
    data["dimensions"][1]["questions"][1]["allow_na"] = True
    data["dimensions"][0]["questions"].append({"id": "A-09", "type": "text", "text": "Describe."})
    return data


@pytest.fixture
def qpath(write_yaml: Callable[..., Path]) -> Path:
    return write_yaml(questionnaire(), "q.yaml")


LOOKALIKES = ["12:30", "1:30", "010", "0o17", "0x1F", "1e3", ".5", "true", "False", "null", "~",
              "2025-11-20", "2025-11-20T10:00:00Z", "<<", "yes", "no", "on", "1_000", "-.inf",
              ".NaN", "+5", " lead", "trail ", "#1", "- item", "a: b", "@x", "`x`", "'q'", '"q"',
              "\u2028", "\x85", "x\u2029y", "\ufeffbom", "tab\there", "line\nbreak",
              "\r\n"]  # fmt: skip


@pytest.mark.parametrize("text", LOOKALIKES)
def test_text_that_looks_like_another_type_round_trips(
    runner: CliRunner, qpath: Path, tmp_path: Path, text: str
) -> None:
    """Attack: `init --assessor 12:30` used to write a plain 12:30 that read back as 750."""
    path = tmp_path / "a.yaml"
    init: list[str | Path] = [
        "init",
        "-o",
        path,
        "--org",
        "Acme",
        "--profile",
        "baseline",
        "--period",
        "2025",
    ]
    assert run_cli(runner, *init, "--assessor", text, "-q", qpath).exit_code == 0
    result = run_cli(runner, "answer", "--note", text, "--evidence", text, "-q", qpath,
                     "--", path, "A-09", text)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert run_cli(runner, "validate", path, "-q", qpath).exit_code == 0
    answers, _ = load_answers(path, [qpath])
    assert answers.assessment.assessor == text
    entry = answers.answers["A-09"]
    assert isinstance(entry, Answer)
    assert (entry.value, entry.note, entry.evidence) == (text, text, [text])


@pytest.mark.parametrize(
    ("plain", "value"),
    [("010", 10), ("0o10", 8), ("1:30", "1:30"), ("yes", "yes"), ("1e3", 1000.0), ("~", None)],
)
def test_plain_values_are_read_by_the_yaml_1_2_core_schema(
    write_yaml: Callable[..., Path], plain: str, value: object
) -> None:
    """Attack: YAML 1.1 read `010` as 8 and `1:30` as 90, unlike the 1.2 writer."""
    assert load_yaml(write_yaml(f"v: {plain}\n")).data == {"v": value}


@pytest.mark.parametrize(
    ("option", "shown"),
    [("--note", "note"), ("--evidence", "evidence"), ("--na", "na"), ("--by", "by")],
)
def test_invalid_bytes_in_an_argument_are_one_line_and_nothing_is_written(
    qpath: Path, tmp_path: Path, option: str, shown: str
) -> None:
    """Attack: a byte that is not UTF-8 used to be written as an escape nobody typed."""
    path = tmp_path / "a.yaml"
    path.write_text(ANSWERS, encoding="utf-8")
    value = [] if option == "--na" else [b"2"]
    args = [
        b"answer",
        bytes(path),
        b"B-02",
        *value,
        option.encode(),
        b"caf\xe9",
        b"-q",
        bytes(qpath),
    ]
    done = subprocess.run([sys.executable, "-m", "assess", *args], capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        f"error: {shown}: not valid UTF-8 text (byte 0xe9) "
        "(set the terminal or script to UTF-8 and type it again)\n"
    )
    assert path.read_text(encoding="utf-8") == ANSWERS


def test_init_refuses_invalid_bytes_too(qpath: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    args = [b"init", b"-o", bytes(path), b"--org", b"\xff", b"--profile", b"baseline",
            b"--period", b"2025", b"-q", bytes(qpath)]  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "assess", *args], capture_output=True, check=False)
    assert done.returncode == 2
    assert done.stderr.decode().startswith("error: org: not valid UTF-8 text (byte 0xff)")
    assert not path.exists()


SHARED = """\
questionnaire: {id: mini, version: "1.0"}
organization: {name: Acme, profile: baseline}
assessment: {period: "2025", date: 2025-11-20}
answers:
  A-01: &same {value: 2, note: shared note, evidence: &docs [Policy v3]}
  A-02: *same
  A-03:
    value: 1
    evidence: *docs
"""


@pytest.mark.parametrize("qid", ["A-01", "A-02", "A-03"])
def test_aliases_never_couple_answers(
    runner: CliRunner, write_yaml: Callable[..., Path], qpath: Path, qid: str
) -> None:
    """Attack: entries sharing one node through an anchor; editing one used to edit both."""
    path = write_yaml(SHARED, "a.yaml")
    before = dict(load_answers(path, [qpath])[0].answers)
    result = run_cli(runner, "answer", path, qid, "3", "--note", "changed", "--evidence", "new",
                     "-q", qpath)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = dict(load_answers(path, [qpath])[0].answers)
    for other in {"A-01", "A-02", "A-03"} - {qid}:
        assert after[other] == before[other], other
    changed = after[qid]
    assert isinstance(changed, Answer)
    assert (changed.value, changed.note, changed.evidence) == (3, "changed", ["new"])


# Every character but lone surrogates, which no UTF-8 file or terminal can carry.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
NON_BLANK = TEXT.filter(lambda s: re.search(r"\S", s) is not None)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    org=NON_BLANK,
    sector=NON_BLANK,
    assessor=NON_BLANK,
    scope=NON_BLANK,
    period=NON_BLANK,
    note=NON_BLANK,
    evidence=st.lists(TEXT, max_size=3),
    justification=NON_BLANK,
    text_value=NON_BLANK,
    by=NON_BLANK,
)
def test_any_unicode_in_every_free_text_field_answers_validates_scores_and_reads_back(
    org: str,
    sector: str,
    assessor: str,
    scope: str,
    period: str,
    note: str,
    evidence: list[str],
    justification: str,
    text_value: str,
    by: str,
) -> None:
    """Property (issue 17, Must show): `init`, then `answer`, then `validate` and `score`
    succeed, and every text reads back exactly as it was given."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        qpath = Path(folder) / "q.yaml"
        qpath.write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
        path = Path(folder) / "a.yaml"
        init: list[str | Path] = [
            "init", "-o", path, "--org", org, "--sector", sector, "--assessor", assessor,
            "--scope", scope, "--period", period, "--profile", "baseline", "-q", qpath,
        ]  # fmt: skip
        assert run_cli(runner, *init).exit_code == 0
        ev: list[str | Path] = [arg for item in evidence for arg in ("--evidence", item)]
        calls: list[list[str | Path]] = [
            ["--note", note, *ev, "--", path, "A-01", "2"],
            ["--na", justification, "--note", note, "--", path, "B-02"],
            ["--note", note, *ev, "--", path, "A-09", text_value],
        ]
        for call in calls:
            result = run_cli(runner, "answer", "--by", by, "-q", qpath, *call)
            assert result.exit_code == 0, result.stderr
        assert run_cli(runner, "validate", path, "-q", qpath).exit_code == 0
        scored = run_cli(runner, "score", path, "--json", "-q", qpath)
        assert scored.exit_code == 0, scored.stderr
        json.loads(scored.stdout)
        answers, _ = load_answers(path, [qpath])
    org_read = answers.organization
    assert (org_read.name, org_read.sector) == (org, sector)
    assessment = answers.assessment
    assert (assessment.assessor, assessment.scope, assessment.period) == (assessor, scope, period)
    first, na, text = (answers.answers[q] for q in ("A-01", "B-02", "A-09"))
    assert isinstance(first, Answer) and isinstance(na, NotApplicable) and isinstance(text, Answer)
    assert (first.note, first.evidence, first.answered_by) == (note, evidence, by.strip())
    assert (na.justification, na.note) == (justification, note)
    assert (text.value, text.note, text.evidence) == (text_value, note, evidence)
