"""What every file model shares: immutability, refusal of unknown keys, ids, and locations."""

from __future__ import annotations

from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]

AnswerValue = StrictInt | StrictFloat | StrictStr | list[StrictStr]
"""What an answer holds: an option value, a number, text, or the checked items of a checklist."""

Loc = tuple[str | int, ...]
"""Where a value sits in a file: its keys and list indexes from the top."""


def empty_list() -> list[Any]:
    """A new empty list, as a field's default_factory.

    pydantic reads a default factory's signature; a builtin's (`list`, `dict`) is parsed from
    its text by the tokenizer, whose patterns take a twentieth of a second to compile at start.
    """
    return []


def empty_dict() -> dict[Any, Any]:
    """A new empty mapping, as a field's default_factory (see `empty_list`)."""
    return {}


class Model(BaseModel):
    """Base of every file model: immutable, and unknown keys are errors, not silently dropped.

    Numbers are finite: YAML reads `.nan` and `.inf` as floats, and one of them in a weight,
    score, band or bound would make every score NaN and the JSON output invalid.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, defer_build=True)

    @classmethod
    def unchecked(cls, values: dict[str, Any]) -> Self:
        """An instance of values the program computed itself, every field given, unchecked.

        The scoring engine builds tens of thousands of rows in a batch from validated input;
        this sets what `model_construct` sets (its documented `__dict__` and fields-set) without
        its per-field search for aliases and defaults. Tests validate what it builds.
        """
        fields = cls.__pydantic_fields__
        try:
            # In the fields' order, as validation would: JSON output follows the stored order.
            stored = {name: values[name] for name in fields}
        except KeyError:
            stored = {}
        if len(stored) != len(values):  # a field missing, or one the model does not have
            raise ValueError(f"{cls.__name__} needs exactly the fields {list(fields)}")
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", stored)
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model
