"""What the command-line tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assess.i18n import show_in


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """The terminal's language back to English after each test: a test may set it by hand."""
    yield
    show_in("en")
