"""What a visible signature draws in its sign-off line: who signed, when (UTC) and at what level.

The names come from the signer's certificate, which anyone can make: they are made inert (no
control or direction characters) and cut with an ellipsis to fit the line. The text is set in
DejaVu Sans, or in Noto Sans CJK SC when DejaVu lacks a character (a Chinese name), the fonts
the report itself uses; the subset drawn is embedded, as PDF/A requires, by pyHanko through
fontTools and HarfBuzz.
"""

from __future__ import annotations

import functools
import io
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assess.errors import AssessError
from assess.i18n import N_, translations
from assess.plaintext import safe

FONT_SIZE = 8
LEADING = 10
"""The size the text is set at, in points; pyHanko shrinks it (uniformly) when a line is long."""
MIN_FONT_SIZE = 7
"""The smallest size a line may shrink to: longer names are cut with an ellipsis instead."""
MARGIN = 2
"""Points kept clear inside the line's box: right, above, and (one more) over the rule; the
text starts at the line's left edge, as its caption does."""
UNITS_PER_EM = 1000
MAX_NAME_CHARACTERS = 200
"""A name is cut here before it is measured: a certificate may carry a huge one."""
TIME_FORMAT = "%Y-%m-%d %H:%M:%S UTC"
"""How the signing time is written; pyHanko writes it from the time it signs with (in UTC)."""
SAMPLE_TIME = "2000-12-31 23:59:59 UTC"
LABEL = N_("Digitally signed, PAdES %(level)s")
"""The line between the names and the signing time."""

# Where Debian and Ubuntu (fonts-dejavu-core, fonts-noto-cjk) put the fonts, if fontconfig
# cannot be asked.
KNOWN_FONTS = {
    "DejaVu Sans": (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), 0),
    "Noto Sans CJK SC": (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), 2),
}
FONT_PACKAGES = {"DejaVu Sans": "fonts-dejavu-core", "Noto Sans CJK SC": "fonts-noto-cjk"}


@dataclass(frozen=True)
class Font:
    """One face of a font file (a collection holds several) and its character map."""

    family: str
    path: Path
    index: int

    @functools.cached_property
    def program(self) -> Any:
        """The face as a fontTools font, read lazily."""
        from fontTools.ttLib import TTFont

        try:
            # Read into memory (a collection is some 20 MB): no file stays open behind the font.
            return TTFont(io.BytesIO(self.path.read_bytes()), fontNumber=self.index, lazy=True)
        except (OSError, ValueError, KeyError, AssertionError) as exc:
            raise AssessError(
                N_("cannot read the font %(family)s: %(reason)s"),
                file=self.path,
                values={"family": self.family, "reason": exc},
            ) from None

    @functools.cached_property
    def cmap(self) -> dict[int, str]:
        """Code points to glyph names."""
        found: dict[int, str] = self.program.getBestCmap() or {}
        return found

    def covers(self, text: str) -> bool:
        """Whether the face has a glyph for every character of `text` (spaces aside)."""
        return all(ord(c) in self.cmap for c in text if not c.isspace())

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at `size` points, without kerning (a safe estimate)."""
        metrics = self.program["hmtx"]
        missing = metrics[self.program.getGlyphOrder()[0]][0]
        units = sum(metrics[self.cmap[ord(c)]][0] if ord(c) in self.cmap else missing for c in text)
        return float(units) * size / float(self.program["head"].unitsPerEm)

    def face_for(self, text: str) -> bytes:
        """The face cut down to the characters of `text`, as one OpenType font of 1000 units/em.

        pyHanko reads one font (not a collection), and writes glyph widths and kerning in the
        font's units where PDF expects thousandths of an em (DejaVu has 2048 to the em).
        """
        from fontTools import subset
        from fontTools.ttLib import TTFont
        from fontTools.ttLib.scaleUpem import scale_upem

        # fontTools warns on stderr of tables it drops (FFTM): nothing a user can act on.
        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
        options = subset.Options()
        options.name_IDs = ["*"]  # pyHanko names the embedded font from its PostScript name
        options.notdef_outline = True
        cutter = subset.Subsetter(options)
        font = TTFont(io.BytesIO(self.path.read_bytes()), fontNumber=self.index)
        cutter.populate(text=text)
        cutter.subset(font)
        if font["head"].unitsPerEm != UNITS_PER_EM:
            scale_upem(font, UNITS_PER_EM)
        buffer = io.BytesIO()
        font.save(buffer)
        return buffer.getvalue()


def find_font(family: str) -> Font:
    """The installed font `family`, through fontconfig, else where Debian puts it; else an error."""
    fc_match = shutil.which("fc-match")
    if fc_match is not None:
        try:
            reply = subprocess.run(
                [fc_match, "-f", "%{family}|%{file}|%{index}", family],
                capture_output=True,
                text=True,
                timeout=20,
                check=True,
            ).stdout
            families, file, number = reply.rsplit("|", 2)
            if family in (f.strip() for f in families.split(",")) and Path(file).is_file():
                return Font(family, Path(file), int(number or 0))
        except (OSError, subprocess.SubprocessError, ValueError):
            pass
    path, index = KNOWN_FONTS[family]
    if path.is_file():
        return Font(family, path, index)
    raise AssessError(
        N_("the font %(family)s is not installed: a visible signature needs it"),
        hint=N_("install it (Debian, Ubuntu: %(package)s) or sign with --invisible"),
        values={"family": family, "package": FONT_PACKAGES[family]},
    )


def signer_names(cert: Any) -> tuple[str, str | None]:
    """A certificate's common name (else its whole subject) and organization, made inert."""

    def first(value: Any) -> str:
        return str(value[0] if isinstance(value, list) else value)

    subject = cert.subject.native
    name = first(subject.get("common_name") or cert.subject.human_friendly)
    organization = subject.get("organization_name")
    return _inert(name), _inert(first(organization)) if organization else None


def _inert(text: str) -> str:
    """One line with no control or direction characters, at most MAX_NAME_CHARACTERS long."""
    return safe(" ".join(text.split()))[:MAX_NAME_CHARACTERS]


@dataclass(frozen=True)
class Appearance:
    """The lines a signature draws, the font they are set in, and the line under the names."""

    lines: tuple[str, ...]
    """The signer's name and organization, and the level: text for the template's parameters."""
    font: Font

    def stamp_style(self) -> Any:
        """The text's style in pyHanko: left-aligned, on the rule, no border, no background."""
        from pyhanko.pdf_utils import layout
        from pyhanko.pdf_utils.text import TextBoxStyle
        from pyhanko.stamp import TextStampStyle

        # The names are text parameters, never part of the template: a '%' in a name is text.
        face: Any = _FaceFactory(self.font.face_for(self.characters()))  # a FontEngineFactory
        template = "\n".join(f"%(line{i})s" for i in range(len(self.lines)))
        no_margin = layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MIN
        )
        return TextStampStyle(
            stamp_text=f"{template}\n%(ts)s",
            timestamp_format=TIME_FORMAT,
            border_width=0,
            text_box_style=TextBoxStyle(
                font=face,
                font_size=FONT_SIZE,
                leading=LEADING,
                box_layout_rule=no_margin,
            ),
            inner_content_layout=layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MIN,
                y_align=layout.AxisAlignment.ALIGN_MIN,
                margins=layout.Margins(left=0, right=MARGIN, top=MARGIN, bottom=MARGIN + 1),
                inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
            ),
        )

    def characters(self) -> str:
        """Every character the signature may draw: the lines and any time."""
        return "".join(self.lines) + SAMPLE_TIME + "0123456789"

    def text_params(self) -> dict[str, str]:
        """The values of the template's lines."""
        return {f"line{i}": line for i, line in enumerate(self.lines)}


def appearance(cert: Any, level: str, language: str, width: float) -> Appearance:
    """What the signature of `cert` draws in a line `width` points wide, in `language`."""
    name, organization = signer_names(cert)
    label = translations(language).gettext(LABEL)
    names = [name] + ([organization] if organization else [])
    font = _font_for(" ".join(names), label % {"level": level} + SAMPLE_TIME)
    room = width - MARGIN
    fitted = [_fit(_drawable(line, font), font, room) for line in names]
    return Appearance((*fitted, label % {"level": level}), font)


def _font_for(names: str, label: str) -> Font:
    """DejaVu Sans if it has every character, else Noto Sans CJK SC if that has.

    With neither, the one that has the label and the most of the names (the others show as '?').
    """
    fonts = [find_font("DejaVu Sans")]
    if not fonts[0].covers(names + label):
        fonts.append(find_font("Noto Sans CJK SC"))
    return max(fonts, key=lambda f: (f.covers(label), sum(f.covers(c) for c in names)))


def _drawable(text: str, font: Font) -> str:
    """`text` with each character the font lacks shown as '?', so no empty box is ever drawn."""
    return "".join(c if c.isspace() or ord(c) in font.cmap else "?" for c in text)


def _fit(text: str, font: Font, room: float) -> str:
    """`text`, cut with an ellipsis where it would not fit `room` points at the smallest size."""
    if font.width(text, MIN_FONT_SIZE) <= room:
        return text
    ellipsis = "…" if ord("…") in font.cmap else "..."
    while text and font.width(text + ellipsis, MIN_FONT_SIZE) > room:
        text = text[:-1]
    return text.rstrip() + ellipsis


class _FaceFactory:
    """Makes pyHanko's OpenType font engine from one face's bytes (a collection's face too)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
        """A glyph accumulator that embeds the subset of the face the signature draws."""
        from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

        if obj_stream is None and writer.stream_xrefs:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(self.data), font_size=FONT_SIZE,
            obj_stream=obj_stream,
        )  # fmt: skip
