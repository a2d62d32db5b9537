"""Where a visible signature goes: the sign-off block's lines, found by their ids, not guessed.

The report's template gives the auditor's and the organization's signature lines the ids
`signature-auditor` and `signature-organization`; WeasyPrint writes a named destination for each
id, holding the page and the top-left corner of the line's box, and the box's size is fixed in
templates/report.css. The first signature prepares one signature field per line (each tagged in
the structure tree), in its own incremental update; every later signature fills a prepared
field, the one change after a signature that signature's modification analysis accepts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from assess.errors import AssessError, Message
from assess.i18n import N_

MM = 72 / 25.4
LINE_WIDTH_MM = 60.0
"""The width of a signature line in templates/report.css (`.signatures .sig`)."""
LINE_HEIGHT_MM = 16.0
"""The height of a signature line's box above its rule (`.signatures .sig .line`)."""

# Why a signature meant to be drawn is invisible; `sign` prints it in the terminal's language.
NO_LINES = N_("the report has no signature lines (a trend report, or one made by an older assess)")
SIGNED_WITHOUT_LINES = N_(
    "the report was signed before without its signature lines, and adding them now would change "
    "what that signature covers"
)
ALL_SIGNED = N_("every signature line of the report is signed already")


class Place(StrEnum):
    """The sign-off block's signature lines, in the order they are filled."""

    auditor = "auditor"
    organization = "organization"

    @property
    def anchor(self) -> str:
        """The id of the line in the template, and the name of its destination in the PDF."""
        return f"signature-{self.value}"

    @property
    def field(self) -> str:
        """The name of the signature field prepared for the line."""
        return f"sign-off-{self.value}"


@dataclass(frozen=True)
class Line:
    """One signature line: the page it is on (from 0) and its box, in PDF points."""

    place: Place
    page: int
    box: tuple[float, float, float, float]


def sign_off_lines(data: bytes, path: Path) -> list[Line]:
    """The signature lines of a report, found through its named destinations (none: older)."""
    from pypdf import PdfReader

    from assess.signing.document import guarded

    found = []
    with guarded(path):
        reader = PdfReader(io.BytesIO(data))
        destinations = reader.named_destinations
        for place in Place:
            where = destinations.get(place.anchor)
            if where is None or where.get("/Type") != "/XYZ":
                continue
            left, top = where.get("/Left"), where.get("/Top")
            page = reader.get_destination_page_number(where)
            if left is None or top is None or page is None or page < 0:
                continue
            x, y = float(left), float(top)
            box = (x, y - LINE_HEIGHT_MM * MM, x + LINE_WIDTH_MM * MM, y)
            found.append(Line(place, page, box))
    return found


@dataclass(frozen=True)
class Fields:
    """The signature fields a report has: each field's name, and who signed it (None: empty)."""

    signed_by: dict[str, str | None]

    @property
    def any_signed(self) -> bool:
        """Whether the report carries a signature already."""
        return any(v is not None for v in self.signed_by.values())

    def free(self, place: Place) -> bool:
        """Whether the line was prepared and nobody has signed in it yet."""
        return place.field in self.signed_by and self.signed_by[place.field] is None

    def next_name(self) -> str:
        """A name for a new (invisible) signature field, unused in the report."""
        number = 1
        while f"Signature{number}" in self.signed_by:
            number += 1
        return f"Signature{number}"


def fields_of(reader: Any) -> Fields:
    """The signature fields in a pyHanko reader's document, and who signed each."""
    from pyhanko.sign import fields

    from assess.signing.credentials import common_name

    signers = {str(s.field_name): common_name(s.signer_cert) for s in reader.embedded_signatures}
    return Fields(
        {
            str(name): None if value is None else signers.get(str(name), "an unreadable signature")
            for name, value, _ in fields.enumerate_sig_fields(reader)
        }
    )


@dataclass(frozen=True)
class Choice:
    """Where this signature goes: a line (None: invisible), and why it is invisible if it is."""

    line: Line | None
    prepare: tuple[Line, ...]
    why_invisible: str | None


def choose_line(lines: list[Line], existing: Fields, place: Place | None, visible: bool) -> Choice:
    """The line to sign in: `place` if given, else the first free one; else invisible, and why."""
    if not visible:
        return Choice(None, (), None)
    prepared = any(p.field in existing.signed_by for p in Place)
    prepare: tuple[Line, ...] = ()
    if not prepared:
        if not lines:
            return _none(place, NO_LINES)
        if existing.any_signed:
            return _none(place, SIGNED_WITHOUT_LINES)
        prepare, free = tuple(lines), [line.place for line in lines]
    else:
        free = [p for p in Place if existing.free(p)]
    at = {line.place: line for line in lines}
    if place is not None:
        if place not in at or (prepared and place.field not in existing.signed_by):
            raise AssessError(
                N_("the report has no %(line)s line to sign in"),
                hint=N_("sign without --place, or with --invisible"),
                values={"line": place.value},
            )
        if place not in free:
            who = existing.signed_by.get(place.field)
            others = [p.value for p in free]
            raise AssessError(
                N_("the %(line)s line is already signed by %(signer)s"),
                hint=N_("choose --place %(other)s") if others else N_("sign with --invisible"),
                values={"line": place.value, "signer": who, "other": others[0] if others else ""},
            )
        return Choice(at[place], prepare, None)
    usable = [p for p in free if p in at]
    if not usable:
        return Choice(None, (), ALL_SIGNED)
    return Choice(at[usable[0]], prepare, None)


def _none(place: Place | None, why: str) -> Choice:
    if place is not None:
        raise AssessError(
            N_("cannot sign in the %(line)s line: %(why)s"),
            hint=N_("sign with --invisible"),
            values={"line": place.value, "why": Message(why)},
        )
    return Choice(None, (), why)
