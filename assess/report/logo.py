"""The cover logo: read, checked and inlined by the code, never fetched by the renderer."""

from __future__ import annotations

from pathlib import Path

from assess.errors import AssessError
from assess.i18n import N_

MAX_LOGO_BYTES = 2 * 1024 * 1024
MAX_LOGO_PIXELS = 8000


def logo_data_uri(path: Path) -> str:
    """The logo as a data: URI, after checking it is a PNG or JPEG of sane size."""
    import base64

    from assess.files.reading import read_limited

    data = read_limited(path, MAX_LOGO_BYTES, what=N_("logo"), hint=N_("use a smaller PNG or JPEG"))
    kind, size = image_size(data)
    if kind is None or size is None:
        raise AssessError(
            N_("logo is not a PNG or JPEG image"), file=path, hint=N_("convert it to PNG")
        )
    if not all(0 < n <= MAX_LOGO_PIXELS for n in size):
        raise AssessError(
            N_("logo is %(width)sx%(height)s pixels; each side must be 1 to %(limit)s"),
            file=path,
            values={"width": size[0], "height": size[1], "limit": MAX_LOGO_PIXELS},
        )
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def image_size(data: bytes) -> tuple[str | None, tuple[int, int] | None]:
    """The kind ("png" or "jpeg") and pixel size of an image, from its bytes alone."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return "png", (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big"))
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg", _jpeg_size(data)
    return None, None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame marker of a JPEG."""
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = int.from_bytes(data[i + 5 : i + 7], "big")
            width = int.from_bytes(data[i + 7 : i + 9], "big")
            return width, height
        i += 2 + length
    return None
