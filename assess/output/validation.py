"""`assess validate`: what checking one file says, as lines, so that workers can check files.

A file is a questionnaire, a translation, an answers file, a report or a review; each is checked
as `assess validate` documents, and what the check found comes back as the lines to print (and
on which stream), in order, with whether the file failed and whether a quality check fired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assess.errors import AssessError
from assess.i18n import _

if TYPE_CHECKING:
    from assess.files.loading import LoadedAnswers
    from assess.files.translations import TranslationFile

Stream = Literal["out", "err", "error"]
"""Where a line goes: standard output, standard error, or standard error as an `error:` line."""


@dataclass(frozen=True)
class Checked:
    """What checking one file says: its lines in order, whether it failed, whether it was flagged.

    A file fails on an error (exit status 2); it is flagged when `--strict` quality checks fire
    (exit status 1).
    """

    lines: tuple[tuple[Stream, str], ...] = ()
    failed: bool = False
    flagged: bool = False


def validate_file(
    path: Path,
    questionnaires: Sequence[Path] = (),
    *,
    strict: bool = False,
    allow_untranslated: bool = False,
) -> Checked:
    """Check one file of any kind; an error in it becomes its `error` line, not a raise."""
    from assess.files.loading import load_any
    from assess.files.reviewfile import check_review
    from assess.files.translations import TranslationFile

    try:
        review = check_review(path, questionnaires)
        if review is not None:
            return Checked((_ok(path, review),))
        loaded = load_any(path, questionnaires)
        if isinstance(loaded, TranslationFile):
            return _translation(loaded, questionnaires, allow_untranslated)
    except AssessError as exc:
        return Checked((("error", str(exc)),), failed=True)
    if not isinstance(loaded, list):
        from assess.output.outline import summary

        return Checked((_ok(path, summary(loaded.questionnaire)),))
    return _answers(path, loaded, strict)


def _ok(path: Path, what: str) -> tuple[Stream, str]:
    """The line of a file that passed: what it is."""
    return "out", _("%(file)s: ok, %(what)s") % {"file": path, "what": what}


def _translation(
    loaded: TranslationFile, questionnaires: Sequence[Path], allow_untranslated: bool
) -> Checked:
    from assess.files.translations import describe_places, validate_loaded

    check = validate_loaded(loaded, questionnaires, allow_untranslated=allow_untranslated)
    said = _("%(file)s: ok, %(language)s translation of %(ref)s, %(done)s of %(count)s texts")
    lines: list[tuple[Stream, str]] = [
        (
            "out",
            said
            % {
                "file": loaded.path,
                "language": check.file.language,
                "ref": check.questionnaire.ref,
                "done": check.texts - len(check.missing),
                "count": check.texts,
            },
        )
    ]
    source = check.questionnaire.language
    if check.kept:
        kept = f"({describe_places(check.kept)})"
        lines.append(
            ("out", f"  declared untranslated, shown in {source}: {len(check.kept)} {kept}")
        )
    for loc in check.missing:
        places = {"language": source, "places": describe_places([loc])}
        lines.append(("out", "  " + _("missing, shown in %(language)s: %(places)s") % places))
    return Checked(tuple(lines))


def _answers(path: Path, loaded: Sequence[LoadedAnswers], strict: bool) -> Checked:
    from assess.model.checks import draft_warnings
    from assess.output.outline import summary

    lines: list[tuple[Stream, str]] = []
    flagged = False
    for item in loaded:
        lines.append(_ok(path, summary((item.answers, item.questionnaire))))
        for loc, message, hint in draft_warnings(item.answers):
            warning = item.document.error(loc, message, hint)
            lines.append(("err", _("warning: %(message)s") % {"message": warning}))
        if strict:
            from assess.output.review_table import quality_issue_lines
            from assess.scoring.quality import quality_of

            report = quality_of(item.answers, item.questionnaire)
            said = _("%(file)s: %(line)s")
            issues = quality_issue_lines(report)
            lines.append(("out", "\n".join(said % {"file": path, "line": x} for x in issues)))
            flagged = flagged or bool(report.issues)
    return Checked(tuple(lines), flagged=flagged)
