"""What a PDF draws, glyph by glyph: each font's codes, the text they stand for, its program.

Tests use it to prove that no `.notdef` glyph (the empty box of a missing character) is drawn:
every code shown with a font must be a glyph of the embedded font program (read with fontTools),
and the character the code stands for (by the font's ToUnicode map) must be in that font's cmap.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>|(\[[^\]]*\]))")
_CIDCHAR = re.compile(rb"begincidchar(.*?)endcidchar", re.S)
_CIDRANGE = re.compile(rb"begincidrange(.*?)endcidrange", re.S)
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]+)>\s*)?(\d+)")


@dataclass
class DrawnFont:
    """One font of the PDF: its program, its ToUnicode map, and the codes drawn with it."""

    name: str
    program: TTFont
    to_unicode: dict[int, str]
    to_cid: dict[int, int] | None
    """Codes to glyph ids when the font has an encoding CMap of its own; None: Identity-H."""
    drawn: set[int] = field(default_factory=set)

    def problems(self) -> list[str]:
        """Codes that draw `.notdef` or an empty glyph for a visible character.

        The cmap may lack a character whose glyph was chosen by shaping (a tabular figure, a
        punctuation alternate): then the glyph's own outline shows it is not a missing one.
        """
        found = []
        glyphs = self.program.getGlyphOrder()
        cmap = self.program.getBestCmap() or {}
        shapes = self.program.getGlyphSet()
        for code in sorted(self.drawn):
            text = self.to_unicode.get(code, "")
            gid = code if self.to_cid is None else self.to_cid.get(code, 0)
            if gid == 0 or gid >= len(glyphs):
                found.append(f"{self.name}: {text!r} (code {code}) draws .notdef")
            elif not text:
                found.append(f"{self.name}: code {code} stands for no text")
            elif text.isspace():
                continue
            elif len(text) == 1 and cmap.get(ord(text)) == glyphs[0]:
                found.append(f"{self.name}: {text!r} maps to .notdef in its cmap")
            elif _is_empty(shapes, glyphs[gid]):
                found.append(f"{self.name}: {text!r} (code {code}) draws an empty glyph")
        return found

    def characters(self) -> set[str]:
        """The characters drawn with this font."""
        return {self.to_unicode.get(code, "") for code in self.drawn}


def _is_empty(shapes: Any, name: str) -> bool:
    pen = BoundsPen(shapes)
    shapes[name].draw(pen)
    return pen.bounds is None


def _to_unicode(stream: Any) -> dict[int, str]:
    data = stream.get_object().get_data()
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        pairs = _HEX.findall(block)
        for src, dst in zip(pairs[::2], pairs[1::2], strict=True):
            mapping[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in _BFRANGE.findall(data):
        for lo, hi, dst, listed in _RANGE.findall(block):
            codes = range(int(lo, 16), int(hi, 16) + 1)
            if listed:  # one destination per code: [<0020> <002c> ...] (pyHanko writes these)
                for code, each in zip(codes, _HEX.findall(listed), strict=False):
                    mapping[code] = bytes.fromhex(each.decode()).decode("utf-16-be")
                continue
            start = int.from_bytes(bytes.fromhex(dst.decode()), "big")
            for i, code in enumerate(codes):
                mapping[code] = chr(start + i)
    return mapping


def _to_cid(encoding: Any) -> dict[int, int] | None:
    """An encoding CMap's codes to glyph ids (WeasyPrint writes one when a glyph is missing)."""
    if encoding == "/Identity-H":
        return None
    data = encoding.get_object().get_data()
    mapping: dict[int, int] = {}
    for block in _CIDCHAR.findall(data) + _CIDRANGE.findall(data):
        for lo, hi, cid in _ENTRY.findall(block):
            for i, code in enumerate(range(int(lo, 16), int(hi or lo, 16) + 1)):
                mapping[code] = int(cid) + i
    return mapping


def _font(name: str, obj: Any) -> DrawnFont:
    font = obj.get_object()
    assert font["/Subtype"] == "/Type0", name
    descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
    assert program is not None, f"{name} is not embedded"
    ttfont = TTFont(io.BytesIO(program.get_object().get_data()))
    to_unicode = _to_unicode(font["/ToUnicode"])
    return DrawnFont(str(font["/BaseFont"]), ttfont, to_unicode, _to_cid(font["/Encoding"]))


def _codes(operand: Any) -> list[int]:
    # pypdf may decode a glyph string as text; the bytes it was read from are kept aside.
    raw = getattr(operand, "_original_bytes", None)
    if raw is None:
        raw = bytes(operand) if isinstance(operand, bytes) else operand.get_original_bytes()
    return [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]


def drawn_fonts(reader: PdfReader, forms: list[Any] | None = None) -> dict[int, DrawnFont]:
    """Every font the PDF draws text with (pages and the forms they use), by object number.

    Given `forms` (form XObjects, such as annotation appearances), the fonts those draw instead.
    """
    fonts: dict[int, DrawnFont] = {}
    seen_forms: set[int] = set()

    def walk(content: Any, resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        by_name = dict((resources.get("/Font") or {}).items())
        current: DrawnFont | None = None
        for operands, operator in ContentStream(content, reader).operations:
            if operator == b"Tf":
                ref = by_name[operands[0]]
                number = ref.idnum if hasattr(ref, "idnum") else id(ref)
                if number not in fonts:
                    fonts[number] = _font(operands[0], ref)
                current = fonts[number]
            elif operator in (b"Tj", b"'", b'"', b"TJ"):
                assert current is not None
                items = operands[0] if operator == b"TJ" else operands[-1:]
                for item in items:
                    if isinstance(item, str | bytes):
                        current.drawn.update(_codes(item))
            elif operator == b"Do":
                form = (resources.get("/XObject") or {})[operands[0]].get_object()
                key = form.indirect_reference.idnum if form.indirect_reference else id(form)
                if form.get("/Subtype") == "/Form" and key not in seen_forms:
                    seen_forms.add(key)
                    walk(form, form.get("/Resources", resources))

    if forms is not None:
        for form in forms:
            walk(form, form.get("/Resources"))
        return fonts
    for page in reader.pages:
        walk(page.get_contents(), page.get("/Resources"))
    return fonts


def glyph_problems(reader: PdfReader) -> list[str]:
    """Every `.notdef` drawn and every character drawn in a font that lacks it."""
    return [p for font in drawn_fonts(reader).values() for p in font.problems()]


def fonts_by_character(reader: PdfReader) -> dict[str, set[str]]:
    """For each character drawn, the fonts that draw it (to see which font Chinese text gets)."""
    found: dict[str, set[str]] = defaultdict(set)
    for font in drawn_fonts(reader).values():
        for char in font.characters():
            found[char].add(font.name)
    return dict(found)
