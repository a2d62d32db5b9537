"""Plain-text helpers shared by every stage."""

from __future__ import annotations

from assess.plaintext import plural


def test_plural_agrees_with_its_count() -> None:
    assert plural(1, "finding") == "1 finding"
    assert plural(0, "finding") == "0 findings"
    assert plural(2, "applicable scored question") == "2 applicable scored questions"
    assert plural(3, "opportunity", "opportunities") == "3 opportunities"


def test_width_counts_terminal_columns_as_wcwidth_does() -> None:
    """`width` skips wcwidth for ASCII and common punctuation; it must agree with it."""
    from wcwidth import wcswidth

    from assess.plaintext import _ONE_COLUMN, width

    for text in [*_ONE_COLUMN, "Top findings (10 of 33)…", "a\tb", "北京 bank", "e\u0301", ""]:
        expected = wcswidth(text)
        assert width(text) == (expected if expected >= 0 else len(text)), repr(text)
