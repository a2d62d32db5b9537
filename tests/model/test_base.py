"""The base model: what the engine builds unchecked equals what validation would build."""

from __future__ import annotations

import pytest

from assess.scoring.engine import Counts


def test_unchecked_builds_what_validation_builds() -> None:
    values = {"applicable": 3, "answered": 2, "na": 1, "unanswered": 0, "carried": 0}
    values |= {"not_applicable": 0, "text": 0}
    assert Counts.unchecked(dict(values)) == Counts.model_validate(values)
    assert Counts.unchecked(dict(values)).model_dump_json() == Counts(**values).model_dump_json()


def test_unchecked_refuses_a_missing_or_unknown_field() -> None:
    values = {"applicable": 3, "answered": 2, "na": 1, "unanswered": 0, "carried": 0}
    with pytest.raises(ValueError, match="needs exactly the fields"):
        Counts.unchecked(values)
    with pytest.raises(ValueError, match="needs exactly the fields"):
        Counts.unchecked({**values, "not_applicable": 0, "text": 0, "extra": 1})
