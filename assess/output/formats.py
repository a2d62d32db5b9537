"""Output formats of results on the terminal: one enum of formats, one formatter per format.

A formatter turns a scoring result or a comparison into text. Adding a format means adding an
enum member and an entry in `FORMATTERS`; a test checks that every member has a working
formatter for both. The PDF and HTML documents are made by `assess.report`. The models are
imported only when a formatter runs, so the command line can name the formats cheaply.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeAlias, assert_never

if TYPE_CHECKING:
    # `assess score` prints results only: it should not pay for importing the comparison.
    from assess.compare.result import Comparison
    from assess.scoring.engine import Result

Subject: TypeAlias = "Result | Comparison"


class OutputFormat(StrEnum):
    """The ways `assess score` and `assess compare` print what they computed."""

    table = "table"
    json = "json"
    csv = "csv"


Formatter = Callable[[Subject], str]


def render(subject: Subject, fmt: OutputFormat) -> str:
    """The result or comparison in the given format, ending with a newline."""
    return FORMATTERS[fmt](subject)


def to_json(subject: Subject) -> str:
    """The whole model as JSON: keys in model order (docs/score-json.md, docs/compare.md).

    Keys follow the field order of the models, not sorted, so output is stable from run to run
    and diffs well.
    """
    # allow_nan=False: NaN and Infinity are not JSON. Models hold only finite numbers; should
    # one slip through, this fails loudly rather than print what JSON parsers reject.
    data = subject.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_table(subject: Subject) -> str:
    """The terminal table of a result or of a comparison."""
    from assess.scoring.engine import Result

    if isinstance(subject, Result):
        from assess.output.score_table import score_table

        return score_table(subject)
    from assess.output.compare_table import comparison_table

    return comparison_table(subject)


def to_csv(subject: Subject) -> str:
    """A spreadsheet's rows: one per assessment (a comparison has one per period)."""
    from assess.scoring.engine import Result

    if isinstance(subject, Result):
        return results_csv([subject])
    c = subject
    dimensions = [t.id for t in c.dimensions]
    header = ["period", "date", "organization", "profile", "questionnaire", "overall_score"]
    header += ["overall_level", "completeness", "findings", *(f"{d}_score" for d in dimensions)]
    rows = [
        [a.period, a.date.isoformat(), a.organization, a.profile,
         f"{a.questionnaire_id}@{a.questionnaire_version}", _cell(a.overall_score),
         _cell(a.overall_level), _cell(a.completeness), a.findings,
         *(_cell(t.scores[i]) for t in c.dimensions)]
        for i, a in enumerate(c.assessments)
    ]  # fmt: skip
    return _csv_text([header, *rows])


class CsvRow(NamedTuple):
    """One assessment's CSV cells: the fixed columns, then each dimension's id, score and level."""

    cells: tuple[object, ...]
    dimensions: tuple[tuple[str, object, object], ...]


def csv_row(r: Result) -> CsvRow:
    """The cells `results_csv` writes for one result, small enough to cross from a worker."""
    cells = (
        r.organization, r.period, r.profile.id,
        f"{r.questionnaire.id}@{r.questionnaire.version}", _cell(r.overall.score),
        _cell(r.overall.level), r.overall.target_level, _cell(r.completeness),
        len(r.findings),
    )  # fmt: skip
    return CsvRow(cells, tuple((d.id, _cell(d.score), _cell(d.level)) for d in r.dimensions))


def results_csv(results: Sequence[Result]) -> str:
    """One row per assessment, with a score and level column for every dimension any has."""
    return csv_rows([csv_row(r) for r in results])


def csv_rows(rows: Sequence[CsvRow]) -> str:
    """The CSV table of rows made by `csv_row`: a column pair for every dimension any has."""
    dimensions: list[str] = []
    for r in rows:
        dimensions += [d for d, _, _ in r.dimensions if d not in dimensions]
    header = ["organization", "period", "profile", "questionnaire", "overall_score"]
    header += ["overall_level", "target_level", "completeness", "findings"]
    for d in dimensions:
        header += [f"{d}_score", f"{d}_level"]
    table: list[Sequence[object]] = [header]
    for r in rows:
        by_id = {d: (score, level) for d, score, level in r.dimensions}
        row = list(r.cells)
        for d in dimensions:
            row += by_id.get(d, ("", ""))
        table.append(row)
    return _csv_text(table)


def _cell(value: float | int | None) -> object:
    """A number as a spreadsheet reads it: unrounded, empty when there is none."""
    return "" if value is None else value


def _csv_text(rows: Sequence[Sequence[object]]) -> str:
    out = io.StringIO()
    # Text from files could start with = or +; a spreadsheet must not read it as a formula.
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return out.getvalue()


def _inert(cell: object) -> object:
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


Shaped: TypeAlias = "str | CsvRow"
"""What one result contributes to the output of many: its table, its JSON line, its CSV row."""


def shape(result: Result, fmt: OutputFormat) -> Shaped:
    """One result's part of `output_pieces`, made where it was scored (in a worker of a batch).

    Text and a few cells cross from a worker to the parent far more cheaply than the models.
    """
    match fmt:
        case OutputFormat.table:
            return to_table(result)
        case OutputFormat.json:
            # pydantic's own serializer writes a line several times faster than dumping a dict
            # through json; a batch of a thousand results is mostly this.
            return result.model_dump_json() + "\n"
        case OutputFormat.csv:
            return csv_row(result)
        case _:  # pragma: no cover - every member is handled above
            assert_never(fmt)


def output_pieces(shaped: Iterable[Shaped], fmt: OutputFormat) -> Iterator[str]:
    """The output of many results made by `shape`, piece by piece as the results arrive.

    Tables come one after another (a blank line between), JSON Lines one line at a time; a CSV
    table's columns depend on every row, so it comes whole at the end. A batch's output need
    not wait for its last file.
    """
    if fmt is OutputFormat.csv:
        yield csv_rows([r for r in shaped if isinstance(r, CsvRow)])
        return
    separator = "\n" if fmt is OutputFormat.table else ""
    first = True
    for r in shaped:
        if isinstance(r, str):
            yield r if first else separator + r
            first = False


FORMATTERS: dict[OutputFormat, Formatter] = {
    OutputFormat.table: to_table,
    OutputFormat.json: to_json,
    OutputFormat.csv: to_csv,
}
