"""Benchmark: rendering time stays linear in user text, whatever its shape.

Run: .venv/bin/python bench/long_text.py

Renders the report of the same answers file three ways, each in a fresh `assess report` child
(median of a few runs): a short note, a note of 100,000 characters of prose, and a note that is
one unbroken 100,000-character token. It prints the token's time over the prose's time, and
both over the short note's. Aim: about 1. Measured 1.38 (14 s against 10 s) once the report
broke long tokens; before, the token did not finish in 580 s. Nothing here asserts a time:
these machines are shared and noisy.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.builders import answers, questionnaire  # noqa: E402

RUNS = 3
LENGTH = 100_000


def prose(length: int) -> str:
    """Words of 2 to 9 letters, as long as `length` characters."""
    rng = random.Random(1)
    words = []
    total = 0
    while total < length:
        words.append("".join(rng.choice("abcdefghij") for _ in range(rng.randint(2, 9))))
        total += len(words[-1]) + 1
    return " ".join(words)[:length]


def render_time(folder: Path, name: str, note: str) -> float:
    """Median wall time of `assess report` on an answers file whose A-01 note is `note`."""
    data = answers("2025", "2025-11-20")
    data["answers"]["A-01"]["note"] = note
    source = folder / f"{name}.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False, width=10**7), encoding="utf-8")
    args = [sys.executable, "-m", "assess", "report", str(source), "-q", str(folder / "q.yaml")]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([*args, "-o", str(folder / f"{name}.pdf")], check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Print the three times and the ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "q.yaml").write_text(yaml.safe_dump(questionnaire()), encoding="utf-8")
        short = render_time(folder, "short", "Approved by the board.")
        text = render_time(folder, "prose", prose(LENGTH))
        token = render_time(folder, "token", "x" * LENGTH)
    print(f"short note:                     {short:6.2f} s")
    print(f"{LENGTH:,} characters of prose:  {text:6.2f} s")
    print(f"one {LENGTH:,}-character token: {token:6.2f} s")
    print(f"token / prose: {token / text:.2f} (aim: about 1)")
    print(f"prose / short: {text / short:.2f}, token / short: {token / short:.2f}")


if __name__ == "__main__":
    main()
