"""What rendered a report: the tool, the PDF stack and every embedded font, for `assess verify`.

A report's bytes depend on more than its inputs: WeasyPrint and pydyf write the PDF, Pango lays
out the text, HarfBuzz shapes and subsets the fonts, and the fonts themselves come from the
system. The report records all of them in its metadata, so that when re-rendering it gives other
bytes, `verify` can name the component that differs instead of printing a bare mismatch.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Iterable
from typing import Any

from assess import __version__

RENDERING_KEY = "assess-rendering"
"""The PDF info key (as written in the HTML, before WeasyPrint drops the dashes) for this record."""


@functools.cache
def components() -> dict[str, str]:
    """The versions of the tool and of each library that decides a report's bytes."""
    import pydyf
    import weasyprint
    from weasyprint.text.ffi import ffi, harfbuzz, pango

    # WeasyPrint declares no binding for HarfBuzz's version string; adding one is harmless, and
    # this function runs once per process.
    ffi.cdef("const char *hb_version_string (void);")
    pango_number = pango.pango_version()
    return {
        "assess": __version__,
        "WeasyPrint": weasyprint.__version__,
        "pydyf": pydyf.__version__,
        "Pango": f"{pango_number // 10000}.{pango_number // 100 % 100}.{pango_number % 100}",
        "HarfBuzz": ffi.string(harfbuzz.hb_version_string()).decode("ascii"),
        "templates": templates_digest(),
    }


def templates_digest() -> str:
    """SHA-256 over the bundled templates, names and bytes: they decide the pages as much as code.

    A development checkout keeps its version number while its templates change; the digest
    tells such a change apart from an altered report.
    """
    from assess.files.bundled import bundled_dir

    digest = hashlib.sha256()
    folder = bundled_dir("templates")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def font_records(fonts: Iterable[Any]) -> list[dict[str, str]]:
    """Name, version and SHA-256 of each font file WeasyPrint drew with (its `Font` objects)."""
    seen: dict[tuple[str, int], dict[str, str]] = {}
    for font in fonts:
        data: bytes = font.file_content
        key = (hashlib.sha256(data).hexdigest(), int(font.index))
        if key not in seen:
            name, version = _name_and_version(data, key[1])
            seen[key] = {"name": name, "version": version, "sha256": key[0]}
    return sorted(seen.values(), key=lambda f: (f["name"], f["version"], f["sha256"]))


def _name_and_version(data: bytes, index: int) -> tuple[str, str]:
    """The full name and version string from a font's name table (fontTools parses it)."""
    from fontTools.ttLib import TTFont

    collection = data[:4] == b"ttcf"
    font = TTFont(io.BytesIO(data), lazy=True, fontNumber=index if collection else -1)
    names = font["name"]
    full = names.getDebugName(4) or names.getDebugName(1) or "unnamed font"
    version = names.getDebugName(5) or "no version"
    return full, version.removeprefix("Version ").strip()


def rendering_record(fonts: Iterable[Any]) -> str:
    """The record stored under RENDERING_KEY: components and fonts, as compact ASCII JSON."""
    return json.dumps(
        {"components": components(), "fonts": font_records(fonts)},
        ensure_ascii=True,
        sort_keys=True,
        separators=(",", ":"),
    )
