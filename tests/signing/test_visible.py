"""Visible signatures: drawn in the sign-off block's lines, naming the signer, tagged, embedded.

The lines are found through the named destinations the template's ids give; these tests check
the destination against the drawn rule itself (the page rendered with PDFium), then what each
signature draws (its appearance's text, read back through its font's ToUnicode map).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from fontTools.cffLib import CFFFontSet
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject
from typer.testing import CliRunner

from assess.signing import appearance
from assess.signing.placement import LINE_HEIGHT_MM, LINE_WIDTH_MM, MM
from tests.builders import run_cli
from tests.report.glyphs import _codes, _to_unicode
from tests.signing.conftest import Made
from tests.signing.helpers import sign, verify
from tests.signing.pki import HOSTILE_NAME, Identity, Pki, tsa_server

SCALE = 4  # PDFium renders 4 pixels to the point


def _run_sign(src: Path, out: Path, who: Identity, *extra: str | Path) -> Any:
    return run_cli(
        CliRunner(), "sign", src, "-o", out, "--key", who.key, "--cert", who.cert, *extra
    )


def _line(reader: PdfReader, place: str) -> tuple[int, tuple[float, float, float, float]]:
    """The page and box of a signature line, from its named destination and the CSS size."""
    where: Any = reader.named_destinations[f"signature-{place}"]
    x, top = float(where["/Left"]), float(where["/Top"])
    page = reader.get_destination_page_number(where)
    assert page is not None
    return page, (x, top - LINE_HEIGHT_MM * MM, x + LINE_WIDTH_MM * MM, top)


def _widgets(reader: PdfReader) -> list[tuple[int, Any]]:
    """Every widget annotation, with the index of the page it is on."""
    found = []
    for number, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Widget":
                found.append((number, annot))
    return found


def _signed_widget(reader: PdfReader, signer: str) -> tuple[int, Any]:
    """The page and widget of the signature `signer` made."""
    found = [(n, w) for n, w in _widgets(reader) if "/V" in w and w["/V"].get("/Name") == signer]
    assert len(found) == 1, found
    return found[0]


def _drawn_text(reader: PdfReader, widget: Any) -> list[str]:
    """The lines a widget's appearance draws, decoded through each font's ToUnicode map."""
    form = widget["/AP"]["/N"].get_object()
    by_name = {
        name: _to_unicode(ref.get_object()["/ToUnicode"])
        for name, ref in form["/Resources"]["/Font"].items()
    }
    lines, font = [], None
    for operands, operator in ContentStream(form, reader).operations:
        if operator == b"Tf":
            font = by_name[operands[0]]
        elif operator in (b"TJ", b"Tj"):
            assert font is not None
            items = operands[0] if operator == b"TJ" else operands
            codes = [c for i in items if isinstance(i, str | bytes) for c in _codes(i)]
            lines.append("".join(font.get(c, "\ufffd") for c in codes))
    return lines


def _rect(widget: Any) -> tuple[float, ...]:
    return tuple(float(v) for v in widget["/Rect"])


def _inside(rect: tuple[float, ...], box: tuple[float, float, float, float]) -> bool:
    return all(abs(a - b) < 0.01 for a, b in zip(rect, box, strict=True))


def _signing_time(widget: Any) -> dt.datetime:
    text = str(widget["/V"]["/M"])[2:16]
    return dt.datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def once(made: Made, pki: Pki) -> Path:
    return sign(made.pdf, made.folder / "visible-1.pdf", pki.auditor)


@pytest.fixture(scope="module")
def twice(made: Made, pki: Pki, once: Path) -> Path:
    return sign(once, made.folder / "visible-2.pdf", pki.second_auditor)


def _dark(image: Any, height: float, x: float, y: float) -> bool:
    """Whether the rendered page is dark at (x, y) in PDF points."""
    pixel: Any = image.getpixel((round(x * SCALE), round((height - y) * SCALE)))
    return bool(pixel < 128)


def test_the_named_destination_is_where_the_line_is_drawn(made: Made) -> None:
    reader = PdfReader(made.pdf)
    for place in ("auditor", "organization"):
        number, (x1, y1, x2, _) = _line(reader, place)
        page = pdfium.PdfDocument(made.pdf)[number]
        image = page.render(scale=SCALE).to_pil().convert("L")
        height = page.get_height()
        # The rule (0.75 pt) lies just under the box, from its left edge to its right edge...
        rule = next(y for y in (y1 - 0.2, y1 - 0.4, y1 - 0.6) if _dark(image, height, x1 + 5, y))
        assert all(_dark(image, height, x, rule) for x in (x1 + 1, (x1 + x2) / 2, x2 - 1))
        # ...and not beyond it, and nothing is drawn in the box of an unsigned report.
        assert not _dark(image, height, x2 + 3, rule) and not _dark(image, height, x1 - 3, rule)
        box = [(x1 + dx, y1 + dy) for dx in range(2, 170, 6) for dy in range(3, 44, 4)]
        assert not any(_dark(image, height, x, y) for x, y in box)


def test_the_first_signature_is_drawn_in_the_auditor_line_naming_the_signer(
    made: Made, once: Path
) -> None:
    reader = PdfReader(once)
    page, box = _line(reader, "auditor")
    number, widget = _signed_widget(reader, "Jane Auditor")
    assert number == page and _inside(_rect(widget), box)
    lines = _drawn_text(reader, widget)
    when = _signing_time(widget)
    assert lines == [
        "Jane Auditor",
        "Test Audit LLP",
        "Digitally signed, PAdES B-B",
        when.strftime("%Y-%m-%d %H:%M:%S UTC"),
    ]
    # The real time of signing, not the assessment date of the report.
    assert abs(dt.datetime.now(dt.UTC) - when) < dt.timedelta(hours=1)
    # Drawn where the line is: the rendered box is no longer empty.
    document = pdfium.PdfDocument(once)
    document.init_forms()  # PDFium draws form fields' widgets only when told to
    pdfpage = document[number]
    image = pdfpage.render(scale=SCALE).to_pil().convert("L")
    x1, y1, x2, y2 = box
    top = pdfpage.get_height()
    crop = image.crop(
        (round(x1 * SCALE), round((top - y2) * SCALE), round(x2 * SCALE), round((top - y1) * SCALE))
    )
    assert crop.getextrema()[0] < 100  # something dark is drawn in the box


def test_the_widget_is_printable_embeds_its_font_and_is_tagged_for_pdf_a(once: Path) -> None:
    reader = PdfReader(once)
    xmp: Any = reader.xmp_metadata
    text = xmp.stream.get_data().decode()
    assert 'pdfaid:part="3"' in text and 'pdfaid:conformance="A"' in text
    number, widget = _signed_widget(reader, "Jane Auditor")
    flags = int(widget["/F"])
    assert flags & 4 and not flags & (1 | 2 | 32 | 256)  # Print; not Invisible, Hidden, NoView
    form = widget["/AP"]["/N"].get_object()
    for ref in form["/Resources"]["/Font"].values():
        font: Any = ref.get_object()
        assert re.match(r"^/[A-Z]{6}\+", str(font["/BaseFont"]))  # a subset...
        descendant = font["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"]
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # ...embedded
        assert "/ToUnicode" in font
    # The structure tree holds a Form element whose object reference is this widget.
    root: Any = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    parents = {int(numbers[i]): numbers[i + 1].get_object() for i in range(0, len(numbers), 2)}
    element = parents[int(widget["/StructParent"])]
    assert element["/S"] == "/Form" and element["/K"]["/Type"] == "/OBJR"
    assert element["/Alt"] == widget["/TU"] == "Auditor's signature"
    assert element["/K"].raw_get("/Obj").idnum == widget.indirect_reference.idnum
    kids = element["/P"].get_object()["/K"]
    assert element.indirect_reference.idnum in [k.idnum for k in kids if hasattr(k, "idnum")]
    assert int(tree["/ParentTreeNextKey"]) > int(widget["/StructParent"])
    assert reader.pages[number].indirect_reference == element["/Pg"].indirect_reference


def test_a_second_signer_takes_the_organization_line_and_a_third_signs_invisibly(
    made: Made, pki: Pki, twice: Path
) -> None:
    reader = PdfReader(twice)
    page, box = _line(reader, "organization")
    number, widget = _signed_widget(reader, "Wang Lei")
    assert number == page and _inside(_rect(widget), box)
    assert _drawn_text(reader, widget)[0] == "Wang Lei"
    third = made.folder / "visible-3.pdf"
    result = _run_sign(twice, third, pki.outsider)
    assert result.exit_code == 0, result.output
    assert "signed invisibly by Mallory Outsider" in result.stdout
    assert "note: not drawn on a page: every signature line of the report is signed already" in (
        result.stdout
    )
    _, widget = _signed_widget(PdfReader(third), "Mallory Outsider")
    assert _rect(widget) == (0, 0, 0, 0)
    code, lines = verify(third)
    assert code == 0, lines
    assert [x for x in lines if "coverage" in x] == [
        "PASS      signature 1 (Jane Auditor) coverage: covers the whole document but later "
        "signatures",
        "PASS      signature 2 (Wang Lei) coverage: covers the whole document but later signatures",
        "PASS      signature 3 (Mallory Outsider) coverage: covers the whole document",
    ]


def test_a_taken_line_chosen_with_place_is_one_error(made: Made, pki: Pki, once: Path) -> None:
    out = made.folder / "taken.pdf"
    result = _run_sign(once, out, pki.second_auditor, "--place", "auditor")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: the auditor line is already signed by Jane Auditor (choose --place organization)"
    ]
    assert not out.exists()
    for bad, message in (
        (
            ["--place", "witness"],
            "error: no sign-off line 'witness' (choose auditor or organization)",
        ),
        (
            ["--place", "auditor", "--invisible"],
            "error: --place and --invisible exclude each other (give one of them)",
        ),
    ):
        result = _run_sign(once, out, pki.second_auditor, *bad)
        assert result.exit_code == 2 and result.stderr.strip().splitlines() == [message]
        assert not out.exists()


def test_place_organization_first_then_the_next_signer_takes_the_auditor_line(
    made: Made, pki: Pki
) -> None:
    first = sign(
        made.pdf, made.folder / "org-first.pdf", pki.second_auditor, "--place", "organization"
    )
    second = sign(first, made.folder / "org-then-auditor.pdf", pki.auditor)
    reader = PdfReader(second)
    assert _inside(_rect(_signed_widget(reader, "Wang Lei")[1]), _line(reader, "organization")[1])
    assert _inside(_rect(_signed_widget(reader, "Jane Auditor")[1]), _line(reader, "auditor")[1])


def test_a_chinese_signer_is_drawn_with_a_cjk_font_that_has_the_name(made: Made, pki: Pki) -> None:
    signed = sign(made.pdf, made.folder / "chinese.pdf", pki.chinese)
    reader = PdfReader(signed)
    _, widget = _signed_widget(reader, "张伟")
    assert _drawn_text(reader, widget)[:2] == ["张伟", "海川会计师事务所"]
    form = widget["/AP"]["/N"].get_object()
    (ref,) = form["/Resources"]["/Font"].values()
    font: Any = ref.get_object()
    descendant = font["/DescendantFonts"][0].get_object()
    assert "notosanscjksc" in str(descendant["/BaseFont"]).replace("-", "").lower()
    # The embedded program (bare CFF, CID-keyed) has a glyph for each code the name is drawn
    # with, and Noto Sans CJK SC's own cmap maps each character to exactly that glyph.
    program = CFFFontSet()
    program.decompile(io.BytesIO(descendant["/FontDescriptor"]["/FontFile3"].get_data()), None)
    embedded = set(program[program.fontNames[0]].charset)
    noto = appearance.find_font("Noto Sans CJK SC")
    to_unicode = _to_unicode(font["/ToUnicode"])
    for character in "张伟海川":
        (code,) = [c for c, text in to_unicode.items() if text == character]
        assert code != 0 and f"cid{code:05d}" in embedded
        assert noto.cmap[ord(character)] == f"cid{code:05d}"
    code, lines = verify(signed)
    assert code == 0, lines


def test_a_hostile_name_is_made_inert_and_cut_to_fit(made: Made, pki: Pki) -> None:
    signed = sign(made.pdf, made.folder / "hostile.pdf", pki.hostile)
    reader = PdfReader(signed)
    _, widget = _signed_widget(reader, HOSTILE_NAME)
    name = _drawn_text(reader, widget)[0]
    assert name.startswith("?[2J<U+202E>Maximilian Feather")
    assert name.endswith("…") and len(name) < len(HOSTILE_NAME)
    # No organization in this certificate: the name, the level and the time.
    assert len(_drawn_text(reader, widget)) == 3


def test_invisible_draws_nothing_on_any_page(made: Made, pki: Pki) -> None:
    out = made.folder / "invisible.pdf"
    result = _run_sign(made.pdf, out, pki.auditor, "--invisible")
    assert result.exit_code == 0, result.output
    assert "signed invisibly by Jane Auditor (PAdES B-B)" in result.stdout
    assert "note:" not in result.stdout
    widgets = _widgets(PdfReader(out))
    assert widgets and all(_rect(w) == (0, 0, 0, 0) for _, w in widgets)
    # A later signer cannot add the lines now without changing what the first signature covers.
    again = made.folder / "invisible-then-visible.pdf"
    result = _run_sign(out, again, pki.second_auditor)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"wrote {again}: signed invisibly by Wang Lei (PAdES B-B)",
        "note: not drawn on a page: the report was signed before without its signature lines, "
        "and adding them now would change what that signature covers",
    ]
    assert all(_rect(w) == (0, 0, 0, 0) for _, w in _widgets(PdfReader(again)))
    code, lines = verify(again)
    assert code == 0, lines


def test_a_report_without_signature_lines_is_signed_invisibly_and_says_so(
    made: Made, pki: Pki
) -> None:
    writer = PdfWriter(clone_from=made.pdf)
    names: Any = writer.root_object["/Names"]
    del names[NameObject("/Dests")]
    older = made.folder / "older.pdf"
    with older.open("wb") as handle:
        writer.write(handle)
    out = made.folder / "older-signed.pdf"
    result = _run_sign(older, out, pki.auditor)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == (
        "note: not drawn on a page: the report has no signature lines "
        "(a trend report, or one made by an older assess)"
    )
    assert all(_rect(w) == (0, 0, 0, 0) for _, w in _widgets(PdfReader(out)))


def test_a_missing_font_is_one_error_and_nothing_is_written(
    made: Made, pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no fc-match to ask
    monkeypatch.setattr(
        appearance, "KNOWN_FONTS", dict.fromkeys(appearance.KNOWN_FONTS, (tmp_path / "none.ttf", 0))
    )
    out = tmp_path / "signed.pdf"
    result = _run_sign(made.pdf, out, pki.auditor)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: the font DejaVu Sans is not installed: a visible signature needs it "
        "(install it (Debian, Ubuntu: fonts-dejavu-core) or sign with --invisible)"
    ]
    assert not out.exists()


def test_a_time_stamped_visible_signature_says_b_t(made: Made, pki: Pki) -> None:
    with tsa_server(pki.tsa) as url:
        signed = sign(made.pdf, made.folder / "b-t.pdf", pki.auditor, "--tsa", url)
    reader = PdfReader(signed)
    _, widget = _signed_widget(reader, "Jane Auditor")
    assert _drawn_text(reader, widget)[2] == "Digitally signed, PAdES B-T"
