"""A team on one file: many `assess answer` processes at the same moment lose no answer and no
note saved as a draft."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from assess.cli import app
from assess.files.loading import load_answers
from assess.files.lock import lock_path
from assess.model.answers import Answer
from tests.builders import choice, run_cli, small_questionnaire

CALLS = 200


def test_two_hundred_parallel_answer_calls_keep_every_answer_and_draft(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The saves queue one after another; on a loaded test machine 200 of them can take longer
    # than a person would wait, and what is tested here is that none is lost.
    monkeypatch.setattr("assess.files.lock.WAIT_SECONDS", 900.0)
    data = small_questionnaire()
    data["dimensions"][0]["questions"] = [choice(f"A-{i:03}") for i in range(CALLS // 2)]
    data["dimensions"][1]["questions"] = [choice(f"B-{i:03}") for i in range(CALLS // 2)]
    qpath = tmp_path / "q.yaml"
    qpath.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    path = tmp_path / "team.yaml"
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
    assert run_cli(runner, *init, "-q", qpath).exit_code == 0
    ids = [q["id"] for d in data["dimensions"] for q in d["questions"]]
    # Every tenth call saves only a note: a draft, which goes in its own section of the file.
    drafted = {qid for n, qid in enumerate(ids) if n % 10 == 0}
    # Real processes, all started before any finishes: forked from this one, so that the test
    # measures the lock, not 200 interpreter start-ups. Each runs the `assess answer` command.
    children = []
    for n, qid in enumerate(ids):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            code = 1
            try:
                given = ["--note", f"note {n}"] if qid in drafted else [str(n % 4)]
                args = ["answer", str(path), qid, *given, "--by", f"user{n}", "-q", str(qpath)]
                app(args, standalone_mode=False)
                code = 0
            finally:
                os._exit(code)
        children.append(pid)
    statuses = [os.waitpid(pid, 0)[1] for pid in children]
    assert statuses == [0] * CALLS
    loaded = load_answers(path, [qpath])[0]
    saved, drafts = loaded.answers, loaded.drafts
    assert set(saved) == set(ids) - drafted
    assert set(drafts) == drafted
    for n, qid in enumerate(ids):
        if qid in drafted:
            assert (drafts[qid].note, drafts[qid].noted_by) == (f"note {n}", f"user{n}")
            continue
        entry = saved[qid]
        assert isinstance(entry, Answer)
        assert (entry.value, entry.answered_by) == (n % 4, f"user{n}")
    assert not lock_path(path).exists()
