"""What `assess verify` found: one check per line, the signatures, and a verdict with its exit code.

The JSON form (`--format json`) is this model as is; docs/signing.md documents every field.
"""

from __future__ import annotations

import json
from enum import StrEnum

from pydantic import Field

from assess.i18n import N_, _
from assess.model.base import Model
from assess.plaintext import safe


class CheckStatus(StrEnum):
    """How one check came out; only `fail` and `unchecked` make the verdict fail."""

    passed = "pass"
    failed = "fail"
    unchecked = "unchecked"
    note = "note"


class Check(Model):
    """One check: what was checked (`name`), how it came out, and a sentence saying why."""

    name: str
    status: CheckStatus
    detail: str
    label: str = Field(default="", exclude=True)
    """`name` before its values are filled in, as in the catalog: the terminal translates it."""
    said: str = Field(default="", exclude=True)
    """`detail` before its values are filled in, as in the catalog."""
    values: dict[str, str] = Field(default_factory=dict, exclude=True)
    """The values `label` and `said` take (`detail` is `said % values`)."""


def make_check(name: str, status: CheckStatus, said: str, **values: str) -> Check:
    """A check whose name and sentence are catalog messages (`N_`), filled in with `values`.

    JSON keeps the English `name` and `detail`; the terminal shows both in its language.
    """
    return Check(
        name=name % values,
        status=status,
        detail=said % values,
        label=name,
        said=said,
        values=values,
    )


STATUS_WORD = {
    CheckStatus.passed: N_("PASS"),
    CheckStatus.failed: N_("FAIL"),
    CheckStatus.unchecked: N_("UNCHECKED"),
    CheckStatus.note: N_("NOTE"),
}
"""How a check's status is shown at the start of its line, in the terminal's language."""


class SignatureInfo(Model):
    """One signature as a machine reads it; times are ISO 8601 in UTC."""

    field: str
    signer: str
    issuer: str
    signing_time: str | None
    timestamp_time: str | None
    intact: bool
    covers_document: bool
    trusted: bool | None


class Verdict(StrEnum):
    """The bottom line; `verified`, `signer unverified` and `unsigned` exit 0, the others 1."""

    verified = "verified"
    signer_unverified = "signer unverified"
    unsigned = "unsigned"
    failed = "failed"
    incomplete = "incomplete"


VERDICT_TEXT = {
    Verdict.verified: N_(
        "every signature is intact and trusted, and the contents are what assess computes"
    ),
    Verdict.signer_unverified: N_(
        "intact and what assess computes, but who signed is unverified (give --trust ROOTS.pem)"
    ),
    Verdict.unsigned: N_(
        "no signature: the contents are what assess computes, but nothing says who made the report"
    ),
    Verdict.failed: N_("a check failed: do not rely on this report"),
    Verdict.incomplete: N_("a check could not be made here: see the lines marked UNCHECKED"),
}


class Verification(Model):
    """Every check made on one report, its signatures, and the verdict."""

    report: str
    verdict: Verdict
    exit_code: int
    signatures: list[SignatureInfo]
    checks: list[Check]


def conclude(report: str, signatures: list[SignatureInfo], checks: list[Check]) -> Verification:
    """The verification of `report`: the verdict follows from the checks alone."""
    statuses = {c.status for c in checks}
    if CheckStatus.failed in statuses:
        verdict = Verdict.failed
    elif CheckStatus.unchecked in statuses:
        verdict = Verdict.incomplete
    elif not signatures:
        verdict = Verdict.unsigned
    elif all(s.trusted for s in signatures):
        verdict = Verdict.verified
    else:
        verdict = Verdict.signer_unverified
    code = 1 if verdict in (Verdict.failed, Verdict.incomplete) else 0
    return Verification(
        report=report, verdict=verdict, exit_code=code, signatures=signatures, checks=checks
    )


def as_text(v: Verification) -> str:
    """One line per check, then the verdict; text from the PDF is made safe for a terminal."""
    from assess.plaintext import width

    words = {status: _(word) for status, word in STATUS_WORD.items()}
    room = max(width(word) for word in words.values())
    lines = [
        words[c.status] + " " * (room - width(words[c.status]) + 1) + _shown(c) for c in v.checks
    ]
    # The verdict's word stays as JSON has it; what it means is said in the terminal's language.
    said = {"verdict": v.verdict.value, "text": _(VERDICT_TEXT[v.verdict])}
    lines.append(_("verdict: %(verdict)s: %(text)s") % said)
    return "\n".join(lines) + "\n"


def _shown(c: Check) -> str:
    """`name: detail` in the terminal's language; values (from the PDF) are made safe."""
    if not c.said:
        return f"{safe(c.name)}: {safe(c.detail)}"
    values = {key: safe(value) for key, value in c.values.items()}
    said = {"name": _(c.label) % values, "detail": _(c.said) % values}
    return _("%(name)s: %(detail)s") % said


def as_json(v: Verification) -> str:
    """The verification as JSON, keys in model order (docs/signing.md)."""
    return json.dumps(v.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
