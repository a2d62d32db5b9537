"""What every file model shares: immutability, refusal of unknown keys, ids, and locations."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]

Loc = tuple[str | int, ...]
"""Where a value sits in a file: its keys and list indexes from the top."""


class Model(BaseModel):
    """Base of every file model: immutable, and unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(frozen=True, extra="forbid")
