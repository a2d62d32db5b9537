"""Checking what a report contains: its attachments, and that its pages are what assess computes.

The attachments must match the SHA-256 the report certifies for each of them in its metadata.
The pages are checked by rendering the report again from its own embedded files and recorded
options, and comparing the result with the unsigned revision byte for byte. When the bytes
differ, the report's record of what rendered it (assess, WeasyPrint, pydyf, Pango, HarfBuzz,
fonts) tells a different environment apart from an altered page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess import __version__
from assess.errors import AssessError
from assess.files.attachments import MANIFEST_KEY
from assess.i18n import N_
from assess.report.environment import RENDERING_KEY
from assess.report.record import OPTIONS_KEY, RecordedOptions
from assess.signing.document import Contents, contents, first_difference, info_json
from assess.signing.rerender import render_again
from assess.signing.result import Check, CheckStatus, make_check


def check_attachments(found: Contents) -> list[Check]:
    """One check per attachment: it matches every SHA-256 the report certifies for it."""
    files = found.attachments
    # The manifest is `name sha256` pairs (assess.files.attachments.manifest_text).
    pairs = found.metadata.get(MANIFEST_KEY, "").split()
    manifest = dict(zip(pairs[::2], pairs[1::2], strict=False))
    keyed = _hash_keys(found.metadata)
    if not manifest and not keyed:
        return [
            make_check(
                N_("attachments"), CheckStatus.failed, N_("the report certifies no attachment")
            )
        ]
    names = sorted(set(manifest) | set(files) | {n for n in files if _stem(n) in keyed})
    checks = []
    for name in names:
        claims = [str(v) for v in (manifest.get(name), keyed.get(_stem(name))) if v]
        attached = files.get(name, [])
        called = N_("attachment %(file)s")
        if not claims:
            said = N_("not certified: the report's metadata gives no SHA-256 for it")
        elif len(attached) != 1:
            said = N_("missing from the PDF") if not attached else N_("attached more than once")
        elif any(hashlib.sha256(attached[0]).hexdigest() != c for c in claims):
            said = N_("does not match the SHA-256 the report certifies: it was replaced")
        else:
            said = N_("matches the SHA-256 the report certifies")
            checks.append(make_check(called, CheckStatus.passed, said, file=name))
            continue
        checks.append(make_check(called, CheckStatus.failed, said, file=name))
    return checks


def _hash_keys(info: dict[str, str]) -> dict[str, str]:
    """SHA-256 values certified one by one in the metadata, as `assess-answers-sha256`."""
    return {
        key[len("/assess") : -len("sha256")]: str(value)
        for key, value in info.items()
        if key.startswith("/assess") and key.endswith("sha256") and len(key) > 13
    }


def _stem(name: str) -> str:
    """An attachment's name as its metadata key has it: no extension, letters and digits only."""
    return "".join(c for c in name.rsplit(".", 1)[0] if c.isalnum())


def check_pages(
    unsigned: bytes | None,
    path: Path,
    questionnaires: Sequence[Path] = (),
    template_dir: Path | None = None,
) -> Check:
    """Whether the unsigned revision is, byte for byte, what assess renders from its contents."""
    name = N_("pages")
    if unsigned is None:
        said = N_("the first signature is not an incremental update of a report")
        return make_check(name, CheckStatus.unchecked, said)
    found = contents(unsigned, path)
    recorded, options = info_json(found, RENDERING_KEY), info_json(found, OPTIONS_KEY)
    if not isinstance(recorded, dict) or not isinstance(options, dict):
        said = N_(
            "the report does not record what rendered it "
            "(made before assess could verify reports): compare it by hand"
        )
        return make_check(name, CheckStatus.unchecked, said)
    made_by = str(recorded.get("components", {}).get("assess", "?"))
    if made_by != __version__:
        said = N_(
            "rendered by assess %(made_by)s, this is assess %(version)s: "
            "re-rendering needs assess %(made_by)s (pip install assess==%(made_by)s)"
        )
        return make_check(name, CheckStatus.unchecked, said, made_by=made_by, version=__version__)
    try:
        again = render_again(
            found, RecordedOptions.model_validate(options), questionnaires, template_dir
        )
    except AssessError as exc:
        # The error's English text: JSON stays English whatever language the terminal speaks.
        said = N_("cannot render again: %(error)s")
        return make_check(name, CheckStatus.unchecked, said, error=_english(exc))
    except ValueError as exc:
        said = N_("cannot read the recorded options: %(error)s")
        error = str(exc).splitlines()[0]
        return make_check(name, CheckStatus.unchecked, said, error=error)
    if again == unsigned:
        said = N_(
            "identical, byte for byte, to what assess %(version)s renders from the embedded files"
        )
        return make_check(name, CheckStatus.passed, said, version=__version__)
    differs = _environment_differences(recorded, info_json(contents(again, path), RENDERING_KEY))
    if differs:
        said = N_(
            "not confirmed: this machine renders with %(differences)s; "
            "re-render in a matching environment (docs/signing.md)"
        )
        return make_check(name, CheckStatus.unchecked, said, differences="; ".join(differs))
    said, values = first_difference(unsigned, again, path)
    return make_check(name, CheckStatus.failed, said, **values)


def _english(exc: AssessError) -> str:
    """An error as English text, whatever the terminal's language."""
    where = f"{exc.file}: " if exc.file else ""
    return where + exc.message + (f" ({exc.hint})" if exc.hint else "")


def _environment_differences(recorded: dict[str, Any], here: Any) -> list[str]:
    """Each component or font whose version here differs from the one that made the report."""
    here = here if isinstance(here, dict) else {}
    theirs, ours = recorded.get("components", {}), here.get("components", {})

    def short(value: Any) -> str:
        text = str(value)
        return text if len(text) <= 20 else f"{text[:12]}…"  # a digest: its start is enough

    differs = [
        f"{name} {short(ours.get(name, 'missing'))} where the report was made with "
        f"{short(theirs.get(name, 'none'))}"
        for name in sorted(set(theirs) | set(ours))
        if theirs.get(name) != ours.get(name)
    ]

    def fonts(record: dict[str, Any]) -> dict[str, str]:
        return {
            f"{f.get('name')} {f.get('version')}": str(f.get("sha256"))
            for f in record.get("fonts", [])
            if isinstance(f, dict)
        }

    their_fonts, our_fonts = fonts(recorded), fonts(here)
    differs += [
        f"no font {font}, which the report embeds"
        for font in sorted(set(their_fonts) - set(our_fonts))
    ]
    differs += [
        f"another build of the font {font} (its file differs)"
        for font in sorted(set(their_fonts) & set(our_fonts))
        if their_fonts[font] != our_fonts[font]
    ]
    return differs
