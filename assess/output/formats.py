"""Output formats of results on the terminal: one enum of formats, one formatter per format.

A formatter turns a scoring result or a comparison into text. Adding a format means adding an
enum member and an entry in `FORMATTERS`; a test checks that every member has a working
formatter for both. The PDF and HTML documents are made by `assess.report`. The models are
imported only when a formatter runs, so the command line can name the formats cheaply.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    # `assess score` prints results only: it should not pay for importing the comparison.
    from assess.compare.result import Comparison
    from assess.scoring.engine import Result

Subject: TypeAlias = "Result | Comparison"


class OutputFormat(StrEnum):
    """The ways `assess score` and `assess compare` print what they computed."""

    table = "table"
    json = "json"


Formatter = Callable[[Subject], str]


def render(subject: Subject, fmt: OutputFormat) -> str:
    """The result or comparison in the given format, ending with a newline."""
    return FORMATTERS[fmt](subject)


def to_json(subject: Subject) -> str:
    """The whole model as JSON: keys in model order (docs/score-json.md, docs/compare.md).

    Keys follow the field order of the models, not sorted, so output is stable from run to run
    and diffs well.
    """
    return json.dumps(subject.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def to_table(subject: Subject) -> str:
    """The terminal table of a result or of a comparison."""
    from assess.scoring.engine import Result

    if isinstance(subject, Result):
        from assess.output.score_table import score_table

        return score_table(subject)
    from assess.output.compare_table import comparison_table

    return comparison_table(subject)


FORMATTERS: dict[OutputFormat, Formatter] = {
    OutputFormat.table: to_table,
    OutputFormat.json: to_json,
}
