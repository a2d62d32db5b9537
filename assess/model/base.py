"""What every file model shares: immutability, refusal of unknown keys, ids, and locations."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]

AnswerValue = StrictInt | StrictFloat | StrictStr | list[StrictStr]
"""What an answer holds: an option value, a number, text, or the checked items of a checklist."""

Loc = tuple[str | int, ...]
"""Where a value sits in a file: its keys and list indexes from the top."""


class Model(BaseModel):
    """Base of every file model: immutable, and unknown keys are errors, not silently dropped.

    Numbers are finite: YAML reads `.nan` and `.inf` as floats, and one of them in a weight,
    score, band or bound would make every score NaN and the JSON output invalid.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)
