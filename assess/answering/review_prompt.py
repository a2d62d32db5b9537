"""The interactive `assess review take`: the auditor's walk through the answers.

For each answer it shows the question, the answer, the note and the evidence, then asks for the
auditor's verdict with questionary. Checking and saving are `assess.answering.reviewing`'s, the
same as for `assess review set`; each verdict is saved as soon as it is given.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.answering.reviewing import (
    Reviewing,
    make_verdict,
    open_review,
    record_verdict,
    reviewable,
)
from assess.errors import AssessError
from assess.i18n import N_, _, ngettext, pgettext
from assess.model.answers import Answer, Entry, NotApplicable
from assess.model.questionnaire import (
    ChoiceQuestion,
    MultiQuestion,
    Questionnaire,
    ScoredQuestion,
)
from assess.model.review import answer_hash
from assess.model.review_terms import Method, ReviewStatus, term_word
from assess.plaintext import cell_wrap, width
from assess.plaintext import safe as plain_safe

_SKIP, _QUIT = "skip", "quit"


def _verdicts(count: int) -> str:
    return ngettext("%(count)s verdict", "%(count)s verdicts", count) % {"count": count}


def _safe(text: object) -> str:
    """Text from the files fit for the terminal: one line, no control characters."""
    return plain_safe(" ".join(str(text).split()))


def take_review(
    path: Path, questionnaires: Sequence[Path] = (), *, everything: bool = False
) -> int:
    """Walk the answers that still need a verdict (all with `everything`); the exit status."""
    from assess.files.lock import locked
    from assess.i18n import shown_language

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AssessError(
            N_("`assess review take` needs a terminal, and standard input is not one"),
            file=path,
            hint=N_("from a script use `assess review set REVIEW QID --status ...`"),
        )
    resume = shlex.join(["assess", "review", "take", str(path)])
    with locked(path):
        reviewing = open_review(path, questionnaires, language=shown_language())
        if reviewing.answers_changed:
            changed = _(
                "Note: the answers file changed since this review started; verdicts given "
                "on answers that changed are stale and asked again."
            )
            print(_wrapped(changed, ""))
        todo = _to_review(reviewing, everything)
        try:
            for number, qid in enumerate(todo, start=1):
                step = _ask(reviewing, qid, number, len(todo))
                if step is None:
                    said = pgettext("review", "Saved. Continue with: %(command)s")
                    print(said % {"command": resume})
                    return 0
                reviewing = step
        except (KeyboardInterrupt, EOFError):
            said = _("Interrupted. Every verdict given so far is saved in %(file)s.")
            print("\n" + said % {"file": _safe(path)})
            print(pgettext("review", "Resume with: %(command)s") % {"command": resume})
            return 130
    given = len(reviewing.review.entries)
    print(
        "\n"
        + _("Done: %(verdicts)s in %(file)s.") % {"verdicts": _verdicts(given), "file": _safe(path)}
    )
    command = f"assess review opinion {shlex.quote(str(path))} --opinion ... --basis ..."
    print(_("Next: %(command)s") % {"command": command})
    return 0


def _to_review(reviewing: Reviewing, everything: bool) -> list[str]:
    """Answered, applicable, scored questions in questionnaire order; done ones unless asked."""
    todo = []
    for question in reviewing.questionnaire.questions():
        try:
            _, entry = reviewable(reviewing, question.id)
        except AssessError:
            continue
        verdict = reviewing.review.entries.get(question.id)
        current = verdict is not None and verdict.answer_hash == answer_hash(entry)
        if everything or not current:
            todo.append(question.id)
    return todo


def _ask(reviewing: Reviewing, qid: str, number: int, of: int) -> Reviewing | None:
    """Show one answer and record the auditor's verdict; None when they quit."""
    question, entry = reviewable(reviewing, qid)
    _show(reviewing, question, entry, number, of)
    while True:
        status = _select(
            _("Your verdict:"),
            [
                (_("Verified: the evidence supports the answer"), ReviewStatus.verified),
                (_("Adjusted: I found a different value"), ReviewStatus.adjusted),
                (_("Disputed: the answer is not supported (scores 0)"), ReviewStatus.disputed),
                (_("Not sampled"), ReviewStatus.not_sampled),
                (_("Skip for now"), _SKIP),
                (_("Save and quit"), _QUIT),
            ],
        )
        if status == _QUIT:
            return None
        if status == _SKIP:
            return reviewing
        assert isinstance(status, ReviewStatus)
        given = _details(reviewing.questionnaire, question, entry, status)
        try:
            verdict = make_verdict(reviewing, qid, status=status, **given)
        except AssessError as exc:
            print(f"  {exc}")
            continue
        said = {"qid": qid, "status": term_word(verdict.status)}
        print("  " + _("Saved: %(qid)s %(status)s") % said)
        return record_verdict(reviewing, qid, verdict)


def _details(
    q: Questionnaire, question: ScoredQuestion, entry: Entry, status: ReviewStatus
) -> dict[str, Any]:
    """Ask what the verdict needs: method, sample size, value, N/A acceptance, comment."""
    given: dict[str, Any] = {}
    if status is ReviewStatus.not_sampled:
        given["comment"] = _text(_("Comment (empty: none)")) or None
        return given
    method = _select(_("How did you test it?"), [(term_word(m), m) for m in Method])
    given["method"] = method.value
    if method is Method.sampling:
        given["sample_size"] = int(_text(_("Sample size (items tested)"), number=True))
    if status is ReviewStatus.adjusted:
        given["value"] = _value(q, question)
    if isinstance(entry, NotApplicable) and status in (
        ReviewStatus.verified,
        ReviewStatus.disputed,
    ):
        given["na_accepted"] = _select(
            _("Is the N/A justification accepted?"),
            [(_("Yes"), True), (_("No (scores 0)"), False)],
        )
    must = status is not ReviewStatus.verified or given.get("na_accepted") is False
    asked = _("Comment") if must else _("Comment (empty: none)")
    given["comment"] = _text(asked, required=must) or None
    return given


def _value(q: Questionnaire, question: ScoredQuestion) -> str:
    if isinstance(question, ChoiceQuestion):
        options = question.options
        # Scales valued 0..9 take their own values as keys, as `assess take` does.
        keys = [str(o.value) for o in options]
        if not all(k.isdigit() and len(k) == 1 for k in keys):
            keys = [str(i) for i in range(1, len(options) + 1)]
        picked: str = _select(
            _("The value you found:"),
            [(_safe(o.label), str(o.value)) for o in options],
            keys=keys,
        )
        return picked
    if isinstance(question, MultiQuestion):
        return _text(_("The items you found in place, as values separated by commas"))
    said = _("The value you found, in %(unit)s") % {"unit": _safe(question.unit)}
    return _text(said, required=True)


def _show(
    reviewing: Reviewing, question: ScoredQuestion, entry: Entry, number: int, of: int
) -> None:
    print()
    said = {"number": number, "of": of, "verdicts": _verdicts(len(reviewing.review.entries))}
    print(_("Answer %(number)s of %(of)s  |  %(verdicts)s in the file") % said)
    print(_wrapped(f"{_safe(question.id)}  {_safe(question.text)}", "        "))
    if isinstance(entry, NotApplicable):
        said = {"why": _safe(entry.justification)}
        print(_wrapped("  " + _("Answer: N/A, because: %(why)s") % said, "    "))
    else:
        print(
            _wrapped("  " + _("Answer: %(answer)s") % {"answer": describe(question, entry)}, "    ")
        )
    if entry.note:
        print(_wrapped("  " + _("Note: %(note)s") % {"note": _safe(entry.note)}, "    "))
    shown = _safe("; ".join(entry.evidence)) if entry.evidence else _("none cited")
    print(_wrapped("  " + _("Evidence: %(evidence)s") % {"evidence": shown}, "    "))
    verdict = reviewing.review.entries.get(question.id)
    if verdict is not None:
        said = {"status": term_word(verdict.status)}
        if verdict.answer_hash == answer_hash(entry):
            print("  " + _("Earlier verdict: %(status)s") % said)
        else:
            print("  " + _("Earlier verdict: %(status)s (stale: the answer changed)") % said)


def describe(question: ScoredQuestion, entry: Answer) -> str:
    """An answer as the auditor reads it: the option's label, the ticked items, the number."""
    shown = question.label(entry.value)
    if isinstance(question, ChoiceQuestion):
        shown = _("%(value)s (%(label)s)") % {"value": entry.value, "label": shown}
    return _safe(shown)


def _wrapped(text: str, indent: str) -> str:
    columns = max(40, shutil.get_terminal_size().columns - 1)
    if width(text) == len(text):  # no wide characters: exactly as before, spacing kept
        return textwrap.fill(text, columns, subsequent_indent=indent, break_on_hyphens=False)
    return "\n".join(cell_wrap(text, columns, "", indent))


def _select(message: str, choices: list[tuple[str, Any]], keys: list[str] | None = None) -> Any:
    import questionary

    keys = keys or [str(i) for i in range(1, len(choices) + 1)]
    return questionary.select(
        message,
        choices=[
            questionary.Choice(title, value, shortcut_key=key)
            for key, (title, value) in zip(keys, choices, strict=True)
        ],
        use_shortcuts=True,
        use_arrow_keys=True,
        use_jk_keys=False,
        instruction=_("(arrow keys or number, then Enter)"),
    ).unsafe_ask()


def _text(message: str, *, required: bool = False, number: bool = False) -> str:
    import questionary

    def valid(text: str) -> bool | str:
        if required and not text.strip():
            return _("please write something")
        if number and not text.strip().isdigit():
            return _("enter a whole number")
        return True

    asked = _("%(heading)s:") % {"heading": message}
    answer: str = questionary.text(asked, validate=valid).unsafe_ask()
    return answer.strip()
