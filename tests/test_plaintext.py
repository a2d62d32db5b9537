"""Plain-text helpers shared by every stage."""

from __future__ import annotations

from assess.plaintext import plural


def test_plural_agrees_with_its_count() -> None:
    assert plural(1, "finding") == "1 finding"
    assert plural(0, "finding") == "0 findings"
    assert plural(2, "applicable scored question") == "2 applicable scored questions"
    assert plural(3, "opportunity", "opportunities") == "3 opportunities"
