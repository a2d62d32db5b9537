"""`make bench`: what a user of assess waits for, as ratios measured in one run.

Every figure comes from pairs of runs interleaved with their baseline (bench/harness.py), as
whole processes (what a user waits for) and, for scoring, in-process too (what the engine
costs). Nothing here asserts a time: it prints medians, spreads and ratios against aims.

Usage: .venv/bin/python bench/run.py [--pairs N] [--files N]
           [--only score|startup|report|batch|languages]
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness import ROOT, Sample, interleave, median, ratio_line, run, spread

PYTHON = sys.executable
ASSESS = [PYTHON, "-m", "assess"]
EXAMPLE = ROOT / "examples" / "northwind-2025.yaml"
MEMORY_PAIRS = 3
"""Runs of each side whose memory is sampled, apart from the timed runs (bench/harness.py)."""

PARSE_ONLY = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""

TYPER_COMMAND = """
from pathlib import Path
import typer, yaml
app = typer.Typer()
@app.command()
def score(files: list[Path], jobs: int = 1, fmt: str = "table") -> None:
    pass
app()
"""

WEASYPRINT_ALONE = """
import sys
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
HTML(string=html).write_pdf(sys.argv[2], pdf_variant="pdf/a-3a", pdf_identifier=True)
"""


def realistic_answers(folder: Path, count: int) -> list[Path]:
    """Answers files for the bundled cyberposture 1.0, mostly answered, with notes and evidence."""
    from assess.files.questionnaires import resolve

    q = resolve("cyberposture", "1.0").questionnaire
    rng = random.Random(4)
    paths = []
    for n in range(count):
        entries: dict[str, Any] = {}
        for x in q.questions():
            if rng.random() < 0.05:
                continue
            if x.allow_na and rng.random() < 0.05:
                entries[x.id] = {"na": True, "justification": "No such systems in scope."}
                continue
            values = sorted(x.option_values() or [], key=str)
            value: Any = rng.choice(values) if values else "Head office and two data centres."
            if x.type == "multi":
                value = rng.sample(values, rng.randint(0, len(values)))
            elif x.type == "number":
                value = rng.randint(0, 90)
            entries[x.id] = {"value": value, "note": f"Checked with the owner, ref {n}."}
            if rng.random() < 0.3:
                entries[x.id]["evidence"] = ["Policy v3 section 2", "Audit report 2025"]
        data = {
            "questionnaire": {"id": q.id, "version": q.version},
            "organization": {"name": f"Organization {n}", "profile": rng.choice(q.profiles).id},
            "assessment": {"period": "2025", "date": "2025-11-20"},
            "answers": entries,
        }
        path = folder / f"org-{n:04}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def bench_score(folder: Path, files: int, pairs: int) -> None:
    """1,000 files in one `assess score` call against parsing them with the C loader."""
    paths = [str(p) for p in realistic_answers(folder, files)]
    out = (folder / "scores.jsonl").open("wb")
    parse, score = interleave(
        lambda: run([PYTHON, "-c", PARSE_ONLY, *paths]),
        lambda: run([*ASSESS, "score", *paths, "--format", "json"], stdout=out.fileno()),
        pairs,
    )
    print(f"score {files} files, whole process ({os.cpu_count()} workers, the default): "
          f"parse-only {spread(parse)} s, assess score {spread(score)} s")  # fmt: skip
    print(ratio_line("  assess score / parse only", parse, score, "aim: at most 1.30"))
    print(
        f"  CPU time: assess score {median(score, 'cpu'):.2f} s, parse only "
        f"{median(parse, 'cpu'):.2f} s: {median(score, 'cpu') / median(parse, 'cpu'):.2f}x"
    )

    from assess.files.loading import load
    from assess.scoring.engine import score as score_one

    def engine() -> float:
        start = time.perf_counter()
        for p in paths:
            for loaded in load(Path(p)):
                score_one(loaded.questionnaire, loaded.answers)
        return time.perf_counter() - start

    def parse_in_process() -> float:
        start = time.perf_counter()
        for p in paths:
            yaml.load(Path(p).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        return time.perf_counter() - start

    engine(), parse_in_process()
    times = [(parse_in_process(), engine()) for _ in range(pairs)]
    ratios = sorted(e / p for p, e in times)
    print(f"  in-process: load + score / parse = {ratios[len(ratios) // 2]:.2f}x "
          f"(pairs {ratios[0]:.2f}-{ratios[-1]:.2f}); what the engine costs per file "
          f"{1000 * sorted(e for _, e in times)[len(times) // 2] / files:.2f} ms")  # fmt: skip


def bench_startup(pairs: int) -> None:
    """`assess score FILE` and `assess --help` against starting Python and importing yaml."""
    base = [PYTHON, "-c", "import yaml"]
    # Running any typer command makes typer import pydantic and build an adapter for each
    # option (typer._adapters): no command of a typer program starts faster than this one.
    typer_floor = [PYTHON, "-c", TYPER_COMMAND, str(EXAMPLE)]
    for label, args in (
        ("assess score FILE", [*ASSESS, "score", str(EXAMPLE)]),
        ("assess --help", [*ASSESS, "--help"]),
        ("floor: a one-command typer program", typer_floor),
    ):
        floor, command = interleave(partial(run, base), partial(run, args), pairs)
        extra = median(command) - median(floor)
        print(f"{label}: {spread(command)} s; python -c 'import yaml' {spread(floor)} s; "
              f"over it: {extra:.3f} s (aim: at most 0.250)")  # fmt: skip


def bench_report(folder: Path, pairs: int) -> None:
    """The report command against WeasyPrint alone on the same final HTML; peak memory."""
    html = folder / "report.html"
    run([*ASSESS, "report", str(EXAMPLE), "--format", "html", "-o", str(html)])

    def alone(memory: bool = False) -> Sample:
        args = [PYTHON, "-c", WEASYPRINT_ALONE, str(html), str(folder / "alone.pdf")]
        return run(args, memory=memory)

    def report(memory: bool = False) -> Sample:
        return run(
            [*ASSESS, "report", str(EXAMPLE), "-o", str(folder / "report.pdf")], memory=memory
        )

    timed_alone, timed_report = interleave(alone, report, pairs)
    print(f"report: assess {spread(timed_report)} s, WeasyPrint alone {spread(timed_alone)} s")
    print(ratio_line("  assess report / WeasyPrint alone", timed_alone, timed_report,
                     "aim: at most 1.10"))  # fmt: skip
    sampled_alone, sampled_report = interleave(
        partial(alone, memory=True), partial(report, memory=True), MEMORY_PAIRS, warm_up=False
    )
    print(f"  peak memory (PSS, {MEMORY_PAIRS} runs of its own): assess report "
          f"{spread(sampled_report, 'memory', 0)} MiB "
          f"(aim: at most 130 MB, {130e6 / 2**20:.0f} MiB), "
          f"WeasyPrint alone {spread(sampled_alone, 'memory', 0)} MiB")  # fmt: skip


def bench_languages(folder: Path, pairs: int) -> None:
    """A Chinese report (and a bilingual one) against the same report in English; file sizes."""
    bank = ROOT / "examples" / "haichuan-bank-2025.yaml"

    def report(lang: str) -> Sample:
        return run(
            [*ASSESS, "report", str(bank), "--lang", lang, "-o", str(folder / f"{lang}.pdf")]
        )

    for lang in ("zh-CN", "zh-CN+en"):
        english, other = interleave(partial(report, "en"), partial(report, lang), pairs)
        cpu = median(other, "cpu") / median(english, "cpu")
        kib = (folder / f"{lang}.pdf").stat().st_size / 1024
        size = kib * 1024 / (folder / "en.pdf").stat().st_size
        print(f"report in {lang}: {spread(other)} s, in en {spread(english)} s ({bank.name})")
        print(ratio_line(f"  {lang} / en, wall", english, other, "aim: at most 1.50"))
        print(f"  {lang} / en, CPU: {cpu:.2f}x; file size {kib:.0f} KiB, {size:.2f}x en's")


def bench_batch(folder: Path, pairs: int) -> None:
    """`report --jobs 2` over 8 reports against `--jobs 1`, in one process each."""
    inputs = [str(p) for p in realistic_answers(folder / "batch-in", 8)]

    def batch(jobs: int, memory: bool = False) -> Sample:
        out = str(folder / f"j{jobs}")
        return run(
            [*ASSESS, "report", *inputs, "--out-dir", out, "--jobs", str(jobs)], memory=memory
        )

    one, two = interleave(partial(batch, 1), partial(batch, 2), pairs)
    print(f"batch of 8 reports: --jobs 1 {spread(one)} s, --jobs 2 {spread(two)} s")
    print(f"  speed-up {median(one) / median(two):.2f}x (aim: at least 1.70 on two idle cores); "
          f"CPU time --jobs 2 / --jobs 1: {median(two, 'cpu') / median(one, 'cpu'):.2f} "
          f"(aim: within 1.05)")  # fmt: skip
    sampled_one, sampled_two = interleave(
        partial(batch, 1, memory=True), partial(batch, 2, memory=True), 1, warm_up=False
    )
    print(f"  memory of all processes (one run of its own each): --jobs 1 "
          f"{median(sampled_one, 'memory'):.0f} MiB, "
          f"--jobs 2 {median(sampled_two, 'memory'):.0f} MiB")  # fmt: skip


def main() -> None:
    """Run the chosen sections and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--only", choices=["score", "startup", "report", "batch", "languages"])
    args = parser.parse_args()
    # An installed package has its bytecode compiled (pip does it); a working copy run with
    # PYTHONDONTWRITEBYTECODE set would compile every module on every start instead.
    compileall.compile_dir(ROOT / "assess", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "batch-in").mkdir()
        if args.only in (None, "startup"):
            bench_startup(args.pairs)
        if args.only in (None, "score"):
            bench_score(folder, args.files, args.pairs)
        if args.only in (None, "report"):
            bench_report(folder, args.pairs)
        if args.only in (None, "batch"):
            bench_batch(folder, args.pairs)
        if args.only in (None, "languages"):
            bench_languages(folder, args.pairs)


if __name__ == "__main__":
    main()
