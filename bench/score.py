"""Benchmark: scoring 1,000 answer files against only parsing them with PyYAML's C loader.

Writes 1,000 generated answer files for the shipped questionnaire into a temporary folder, then
times, in the same run, (a) `yaml.load(text, Loader=yaml.CSafeLoader)` of every file and (b) the
full scoring path, `load_answers` + `score`, of every file. Prints both times and the ratio b/a
(the aim is at most 1.5). Each side is timed several times and the best run is kept, so that
other work on the machine does not decide the result.

Usage: .venv/bin/python bench/score.py [--files N] [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assess.files.loading import load_answers, load_questionnaire  # noqa: E402
from assess.model.questionnaire import (  # noqa: E402
    ChoiceQuestion,
    MultiQuestion,
    NumberQuestion,
    Questionnaire,
    TextQuestion,
)
from assess.scoring.engine import score  # noqa: E402

QUESTIONNAIRE = ROOT / "questionnaires" / "cyberposture-1.0.yaml"


def answer_for(q: Questionnaire, question: Any, rng: random.Random) -> dict[str, Any] | None:
    """A plausible answer: mostly answered, sometimes N/A (where allowed) or left out."""
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.10 and question.allow_na:
        return {"na": True, "justification": "Not in scope for this organization."}
    entry: dict[str, Any] = {"note": f"Checked by the assessor, ref {rng.randint(1, 999)}."}
    if isinstance(question, ChoiceQuestion):
        entry["value"] = rng.choice(q.scales[question.scale]).value
    elif isinstance(question, MultiQuestion):
        options = [o.value for o in question.options]
        entry["value"] = rng.sample(options, rng.randint(0, len(options)))
    elif isinstance(question, NumberQuestion):
        entry["value"] = rng.randint(int(question.minimum), int(question.maximum))
    elif isinstance(question, TextQuestion):
        entry["value"] = "Head office and two data centres."
    if rng.random() < 0.3:
        entry["evidence"] = ["Policy v3 section 2", "Audit report 2025"]
    return entry


def answers_file(q: Questionnaire, rng: random.Random, n: int) -> dict[str, Any]:
    """One generated answers file as plain data."""
    answers = {}
    for question in q.questions():
        entry = answer_for(q, question, rng)
        if entry is not None:
            answers[question.id] = entry
    return {
        "questionnaire": {"id": q.id, "version": q.version},
        "organization": {
            "name": f"Organization {n}",
            "sector": "energy",
            "profile": rng.choice(q.profiles).id,
        },
        "assessment": {"period": "2025", "date": "2025-11-20", "assessor": "A. Assessor"},
        "answers": answers,
    }


def write_files(q: Questionnaire, folder: Path, count: int) -> list[Path]:
    """Write `count` answer files into `folder`, deterministically."""
    rng = random.Random(4)
    paths = []
    for n in range(count):
        path = folder / f"answers-{n:04}.yaml"
        path.write_text(yaml.safe_dump(answers_file(q, rng, n), sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def parse_only(paths: list[Path]) -> None:
    """Side (a): read and parse each file with the C loader, nothing else."""
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def score_all(paths: list[Path], questionnaires: list[Path]) -> None:
    """Side (b): what `assess score` does for each file, without printing."""
    for path in paths:
        answers, questionnaire = load_answers(path, questionnaires)
        score(questionnaire, answers)


def best_times(repeat: int, paths: list[Path], questionnaires: list[Path]) -> tuple[float, float]:
    """The fastest of `repeat` runs of each side, in seconds.

    The sides alternate, so that a burst of other work on the machine hits both alike.
    """
    parse, full = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_only(paths)
        parse.append(time.perf_counter() - start)
        start = time.perf_counter()
        score_all(paths, questionnaires)
        full.append(time.perf_counter() - start)
    return min(parse), min(full)


def main() -> None:
    """Generate the files, time both sides, print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    q = load_questionnaire(QUESTIONNAIRE)
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(q, Path(tmp), args.files)
        questionnaires: list[
            Path
        ] = []  # the shipped questionnaire is found as `assess score` finds it
        score_all(paths[:10], questionnaires)  # warm up imports and caches
        parse, full = best_times(args.repeat, paths, questionnaires)
    print(f"questionnaire: {q.ref}, {len(q.questions())} questions; files: {args.files}")
    print(
        f"(a) parse only, yaml CSafeLoader: {parse:.3f} s ({1000 * parse / args.files:.2f} ms/file)"
    )
    print(f"(b) load_answers + score:        {full:.3f} s ({1000 * full / args.files:.2f} ms/file)")
    print(f"ratio b/a: {full / parse:.2f} (aim: <= 1.5)")


if __name__ == "__main__":
    main()
