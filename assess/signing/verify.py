"""`assess verify`: the signatures, the attachments, and the pages of a report, checked.

The signatures are checked over the whole file; the attachments in the document as a reader
opens it; the pages in the unsigned revision, the report as `assess report` wrote it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess.signing.contents import check_attachments, check_pages
from assess.signing.document import contents, guarded, read_report, revision_end, signature_reader
from assess.signing.result import Verification, conclude
from assess.signing.signatures import check_signatures, load_roots, ordered_signatures


def verify_report(
    path: Path,
    trust: Path | None = None,
    questionnaires: Sequence[Path] = (),
    template_dir: Path | None = None,
) -> Verification:
    """Every check on the report at `path`; trust roots from `trust` when given."""
    data = read_report(path, require_answers=False)
    roots = load_roots(trust) if trust is not None else None
    # pypdf first: it reads the file under the hostile-input limits before pyHanko parses it.
    found = contents(data, path)
    reader = signature_reader(data, path)
    with guarded(path):
        infos, checks = check_signatures(data, reader, roots, str(trust))
        sigs = ordered_signatures(reader)
        unsigned: bytes | None = data
        if sigs:
            first = sigs[0].signed_revision
            unsigned = data[: revision_end(data, reader, first - 1)] if first > 0 else None
    checks += check_attachments(found)
    checks.append(check_pages(unsigned, path, questionnaires, template_dir))
    return conclude(str(path), infos, checks)
