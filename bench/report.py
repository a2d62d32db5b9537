"""Benchmark of `assess report`: overhead over WeasyPrint alone, peak memory, batch speed-up.

Run: .venv/bin/python bench/report.py [ANSWERS.yaml ...]

Every measurement runs a fresh child process, as a user's command would, and takes the median
of a few runs. It prints ratios; nothing here asserts a time.
 - overhead: `assess report FILE` over a child that only imports WeasyPrint and renders the same
   final HTML (what `--format html` writes) with the same PDF options (aim: at most 1.10);
 - peak memory: the maximum resident set size of the `assess report` child;
 - batch speed-up: N separate `assess report` processes, one after the other, over one
   `assess report ... --out-dir --jobs 2`.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
ASSESS = [sys.executable, "-m", "assess"]
RUNS = 3

WEASYPRINT_ALONE = """
import sys
from weasyprint import HTML
html = open(sys.argv[1], encoding="utf-8").read()
HTML(string=html).write_pdf(sys.argv[2], pdf_variant="pdf/a-3a", pdf_identifier=True)
"""


def run(args: list[str]) -> tuple[float, int]:
    """Wall time in seconds and peak RSS in MiB of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        assert child.stderr is not None
        sys.exit(f"failed: {' '.join(args)}\n{child.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def median_run(args: list[str]) -> tuple[float, int]:
    """The median time and the largest peak memory over RUNS runs."""
    results = [run(args) for _ in range(RUNS)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def synthetic_answers(folder: Path, count: int) -> list[Path]:
    """Plausible answers files for the bundled questionnaire, the same on every run."""
    sys.path.insert(0, str(ROOT))
    from assess.files.questionnaires import resolve
    from assess.model.questionnaire import ChoiceQuestion, MultiQuestion, NumberQuestion

    q = resolve("cyberposture", "1.0").questionnaire
    paths = []
    for i in range(count):
        rng = random.Random(i)
        entries: dict[str, object] = {}
        for x in q.questions():
            value: object = "Context for the assessors."
            if isinstance(x, ChoiceQuestion):
                value = rng.choice(q.scales[x.scale]).value
            elif isinstance(x, MultiQuestion):
                value = [o.value for o in x.options if rng.random() < 0.6]
            elif isinstance(x, NumberQuestion):
                value = rng.randint(int(x.minimum), min(int(x.maximum), 90))
            entries[x.id] = {
                "value": value,
                "note": "Reviewed with the security lead; the remaining gap is scheduled.",
                "evidence": ["Policy v4 section 3", "Internal audit report 2025-07"],
            }
        data = {
            "questionnaire": {"id": q.id, "version": q.version},
            "organization": {"name": f"Organization {i + 1}", "profile": "enhanced"},
            "assessment": {"period": "2025", "date": "2025-11-20", "assessor": "Bench"},
            "answers": entries,
        }
        path = folder / f"org-{i + 1}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        given = [Path(a).resolve() for a in sys.argv[1:]]
        inputs = given or synthetic_answers(folder, 4)
        first = str(inputs[0])
        html = folder / "report.html"
        run([*ASSESS, "report", first, "--format", "html", "-o", str(html)])

        report_time, report_mem = median_run([*ASSESS, "report", first, "-o", f"{tmp}/a.pdf"])
        alone = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), f"{tmp}/b.pdf"]
        alone_time, alone_mem = median_run(alone)
        print(f"assess report:       {report_time:6.2f} s   peak memory {report_mem} MiB")
        print(f"WeasyPrint alone:    {alone_time:6.2f} s   peak memory {alone_mem} MiB")
        print(f"overhead ratio:      {report_time / alone_time:6.2f}   (aim: at most 1.10)")

        start = time.perf_counter()
        for i, path in enumerate(inputs):
            run([*ASSESS, "report", str(path), "-o", f"{tmp}/single-{i}.pdf"])
        separate = time.perf_counter() - start
        batch = [*ASSESS, "report", *map(str, inputs), "--out-dir", f"{tmp}/batch", "--jobs", "2"]
        batch_time, batch_mem = run(batch)
        print(f"{len(inputs)} reports, one process each: {separate:6.2f} s")
        n = len(inputs)
        print(f"{n} reports, --jobs 2:         {batch_time:6.2f} s   parent peak {batch_mem} MiB")
        print(f"batch speed-up:      {separate / batch_time:6.2f}   ({os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
