"""Running sign and verify as a user would, and the tampering an attacker would try."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
from typer.testing import CliRunner

from tests.builders import run_cli
from tests.signing.pki import Identity


def sign(src: Path, out: Path, who: Identity, *extra: str | Path) -> Path:
    result = run_cli(
        CliRunner(), "sign", src, "-o", out, "--key", who.key, "--cert", who.cert, *extra
    )
    assert result.exit_code == 0, result.output + result.stderr
    return out


def verify(pdf: Path, *extra: str | Path) -> tuple[int, list[str]]:
    """Exit status and output lines of `assess verify`: the report alone, as a regulator has it."""
    result = run_cli(CliRunner(), "verify", pdf, *extra)
    return result.exit_code, result.stdout.splitlines()


def line(lines: list[str], start: str, name: str) -> str:
    """The one output line with this status and check name."""
    found = [x for x in lines if x.startswith(start) and f"{name}: " in x]
    assert len(found) == 1, (start, name, lines)
    return found[0]


def replace_answers(
    src: Path, out: Path, new: bytes, *, incremental: bool = False, name: str = "answers.yaml"
) -> Path:
    """Swap the embedded file `name` for `new` and recompute every hash the metadata certifies."""
    writer = PdfWriter(src, incremental=True) if incremental else PdfWriter(clone_from=src)
    root: Any = writer.root_object
    names = root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if names[i] == name:
            stream = names[i + 1].get_object()["/EF"]["/F"].get_object()
            stream.set_data(new)
            writer._objects[stream.indirect_reference.idnum - 1] = stream
    info: Any = PdfReader(src).metadata
    pairs = str(info["/assessattachments"]).split()
    manifest = dict(zip(pairs[::2], pairs[1::2], strict=True))
    digest = hashlib.sha256(new).hexdigest()
    assert name in manifest
    manifest[name] = digest
    text = " ".join(f"{file} {sha}" for file, sha in manifest.items())
    fixed = {"/assessattachments": text}
    if name == "answers.yaml":  # reports made before the manifest certify it on its own too
        fixed["/assessanswerssha256"] = digest
    writer.add_metadata(fixed)
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def swap_letters(src: Path, out: Path) -> Path:
    """Swap two letters drawn on the first page (glyph ids in its text), and save the PDF again."""
    writer = PdfWriter(clone_from=src)
    page = writer.pages[0]
    content: Any = page.get_contents()
    data = content.get_data()
    found = re.search(rb"\[<([0-9a-f]{4})>0<([0-9a-f]{4})>", data)
    assert found is not None and found[1] != found[2]
    swapped = b"[<" + found[2] + b">0<" + found[1] + b">"
    content.set_data(data[: found.start()] + swapped + data[found.end() :])
    page.replace_contents(content)
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def set_info(src: Path, out: Path, key: str, value: str) -> Path:
    """Rewrite one entry of the document info (as an attacker or another tool would)."""
    writer = PdfWriter(clone_from=src)
    writer.add_metadata({key: TextStringObject(value)})
    with out.open("wb") as handle:
        writer.write(handle)
    return out


def append_update(src: Path, out: Path) -> Path:
    """Append an incremental update after the last signature, changing the title."""
    writer = PdfWriter(src, incremental=True)
    writer.add_metadata({NameObject("/Title"): TextStringObject("A better report")})
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out
