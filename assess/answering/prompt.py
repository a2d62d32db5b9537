"""The interactive `assess take`: the only module that talks to the prompt library.

The session logic (what to ask next, saving, resuming) is `assess.answering.session`; this
module only shows questions and reads replies, through `TerminalPrompter`. Text from the files
is shown, never interpreted: control characters are replaced so a note cannot drive the terminal.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.answering.session import Command, Give, Outcome, Session, Step
from assess.answering.setting import respondent
from assess.errors import AssessError, ExitCode
from assess.i18n import N_, _, ngettext, pgettext
from assess.model.answers import Answer, NotApplicable
from assess.model.questionnaire import ChoiceQuestion, MultiQuestion, NumberQuestion, Questionnaire
from assess.model.questions import TextQuestion
from assess.model.values import parse_number
from assess.plaintext import cell_wrap, one_line

# The keys stay the same in every language: only their titles are translated.
_LETTERS = [
    (Command.guidance, "g", N_("guidance")),
    (Command.na, "n", "N/A"),  # a key title: short, unlike the report's "N/A" (pgettext below)
    (Command.extras, "e", N_("note/evidence")),
    (Command.skip, "s", N_("skip")),
    (Command.back, "b", N_("back")),
    (Command.keep, "k", N_("keep answer")),
    (Command.quit, "q", N_("quit")),
]
_CLEAR = "\x1b[H\x1b[2J"
_NOTHING = N_("Nothing chosen yet: type one of the keys shown, then Enter.")


def take(
    path: Path,
    questionnaires: Sequence[Path] = (),
    *,
    dimension: str | None = None,
    review: bool = False,
    by: str | None = None,
    language: str = "en",
) -> int:
    """Run an interactive session on `path`; return the exit status (130 when interrupted).

    The questionnaire's text is shown in `language` where a translation gives it, else in the
    questionnaire's own language; answers are saved as values, the same in every language.
    """
    from assess.files.loading import in_language, load_one
    from assess.files.lock import refuse_report

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AssessError(
            N_("`assess take` needs a terminal, and standard input is not one"),
            file=path,
            hint=N_("from a script use `assess answer FILE QID VALUE`, or edit the file by hand"),
        )
    if not path.is_file():
        raise AssessError(N_("file not found"), file=path, hint=N_("create it with `assess init`"))
    refuse_report(path)
    resume = resume_command(path, questionnaires, dimension)
    loaded = in_language(load_one(path, questionnaires), language, allow_untranslated=True)
    answers, q = loaded.answers, loaded.questionnaire
    session = Session(
        path,
        answers,
        q,
        TerminalPrompter(),
        dimension=dimension,
        review=review,
        questionnaires=questionnaires,
        by=respondent(by),
    )
    try:
        outcome = session.run()
    except (KeyboardInterrupt, EOFError):
        print(
            "\n"
            + _("Interrupted. Every answer and note given so far is saved in %(file)s.")
            % {"file": one_line(path)}
        )
        print(_("Resume with: %(command)s") % {"command": resume})
        return ExitCode.interrupted
    _summary(outcome, resume, review)
    if review:
        from assess.answering.status import file_status, status_lines

        print()
        print("\n".join(status_lines(file_status(outcome.answers, q))))
    return 0


def resume_command(path: Path, questionnaires: Sequence[Path], dimension: str | None) -> str:
    """The command that carries on where this session stops."""
    words = ["assess", "take", str(path)]
    if dimension is not None:
        words += ["--dimension", dimension]
    for extra in questionnaires:
        words += ["-q", str(extra)]
    return shlex.join(words)


def _summary(outcome: Outcome, resume: str, review: bool) -> None:
    if outcome.finished and not outcome.open:
        print("\n" + _("Done: every question of this session is answered."))
    if outcome.open:
        shown = ", ".join(outcome.open[:10]) + (" ..." if len(outcome.open) > 10 else "")
        count = len(outcome.open)
        still = ngettext(
            "%(count)s question of this session still open: %(ids)s",
            "%(count)s questions of this session still open: %(ids)s",
            count,
        )
        # Wrapped here, not by the terminal, so that no question id is cut across two lines.
        print("\n" + _wrapped(still % {"count": count, "ids": shown}, "  "))
    if outcome.open_in_file:
        count = outcome.open_in_file
        print(
            ngettext(
                "%(count)s question of the whole file still open.",
                "%(count)s questions of the whole file still open.",
                count,
            )
            % {"count": count}
        )
    else:
        print(_("Every question of the whole file is answered."))
    if review or not outcome.finished or outcome.open:
        print(_("Saved. Continue with: %(command)s") % {"command": resume})


class TerminalPrompter:
    """Shows one question per screen and reads a key typed at the prompt, then Enter.

    Nothing is preselected: Enter alone asks again, so every saved answer was typed on purpose.
    """

    def __init__(self) -> None:
        self.guidance_for: str | None = None  # the question whose guidance is shown
        self.legends: set[tuple[str, str]] = set()  # (dimension, scale) already explained

    def ask(self, step: Step, q: Questionnaire) -> Give | Command:
        """Draw the question's screen and return the value or command typed.

        A reply that is not one of the keys shown redraws the screen with the error just above
        the prompt; Enter alone is such a reply, so nothing is ever chosen by default.
        """
        keys = _keys(step)
        legend = self._legend(step)
        guidance = self.guidance_for == step.question.id
        error: str | None = None
        while True:
            _draw(step, keys, legend, guidance, error)
            reply = _read(_prompt_text(step, keys))
            key = reply.strip().casefold()
            error = _check(step, keys, reply)
            if error is not None:
                continue
            if key == "?":
                legend = True
            elif key == "g":
                guidance = True
            elif isinstance(step.question, TextQuestion) and key == "a":
                text = _text_prompt(step, _("Your answer (empty: back)"), _current_text(step))
                if text:
                    return Give(text)
            else:
                return _reply(step, keys, reply)

    def _legend(self, step: Step) -> bool:
        """Option descriptions are shown once per dimension and scale; `?` shows them again."""
        question = step.question
        if not isinstance(question, ChoiceQuestion):
            return True
        seen = (step.dimension.id, question.scale)
        if seen in self.legends:
            return False
        self.legends.add(seen)
        return True

    def guidance(self, step: Step) -> None:
        """Show the guidance with the question on its next drawing."""
        self.guidance_for = step.question.id

    def justification(self, step: Step) -> str | None:
        """Ask why the question does not apply; empty means go back."""
        current = step.current.justification if isinstance(step.current, NotApplicable) else ""
        asked = _("Why does this question not apply? (empty: back)")
        return _text_prompt(step, asked, current) or None

    def note(self, step: Step) -> str | None:
        """Ask for a note; empty removes it."""
        return _text_prompt(step, _("Note (empty: none)"), step.note or "") or None

    def evidence(self, step: Step) -> list[str]:
        """Ask for evidence references separated by semicolons."""
        evidence = _text_prompt(
            step, _("Evidence references, separated by ; (empty: none)"), "; ".join(step.evidence)
        )
        return [part.strip() for part in evidence.split(";") if part.strip()]

    def message(self, text: str) -> None:
        """Print a short message, wrapped to the terminal."""
        print(_wrapped(text, "  "))


def _width() -> int:
    return max(40, shutil.get_terminal_size().columns - 1)


def _wrapped(text: str, indent: str = "", first: str | None = None) -> str:
    """`text` wrapped to the terminal's width in columns (Chinese takes two), never cut."""
    return "\n".join(
        cell_wrap(one_line(text), _width(), indent if first is None else first, indent)
    )


def _keys(step: Step) -> dict[str, Any]:
    """The keys that choose an option: 0-3 on a 0-3 scale, else 1, 2, 3... in order."""
    question = step.question
    if isinstance(question, ChoiceQuestion):
        options = question.options
        by_value = all(isinstance(o.value, int) and 0 <= o.value <= 9 for o in options)
        return {str(o.value) if by_value else str(i): o for i, o in enumerate(options, 1)}
    if isinstance(question, MultiQuestion):
        return {str(i): o for i, o in enumerate(question.options, 1)}
    return {}


def _letters(step: Step) -> list[tuple[Command, str, str]]:
    current = step.current
    shown = []
    for command, key, title in _LETTERS:
        if command is Command.na and not step.question.allow_na:
            continue
        if command is Command.back and not step.can_go_back:
            continue
        if command is Command.keep and not isinstance(current, Answer | NotApplicable):
            continue
        shown.append((command, key, title))
    return shown


def _draw(
    step: Step, keys: dict[str, Any], legend: bool, guidance: bool, error: str | None
) -> None:
    """One screen: where we are, the question, its options, its answer so far, the keys."""
    question = step.question
    out: list[str] = []
    where = f"{step.dimension.id} {step.dimension.name}  ·  {question.id}"
    progress = _("question %(number)s of %(of)s in this session") % {
        "number": step.number,
        "of": step.of,
    }
    progress += f"  ·  {step.progress.short()}"
    out += [_wrapped(where), _wrapped(progress), "─" * min(_width(), 79)]
    out += [_wrapped(f"! {notice}", "  ") for notice in step.notices]
    out.append(_wrapped(question.text))
    if question.references:
        cited = "; ".join(f"{key} {', '.join(ids)}" for key, ids in question.references.items())
        out.append(_wrapped(_("References: %(cited)s") % {"cited": cited}, "  "))
    out.append("")
    if guidance:
        said = question.guidance or _("none for this question.")
        out += [_wrapped(_("Guidance: %(guidance)s") % {"guidance": said}, "  ")]
        out.append("")
    # A question's own anchors say what each option means for it: always shown. The scale's
    # shared wording is a legend: shown once per dimension, and on `?`.
    specific = isinstance(question, MultiQuestion) or bool(getattr(question, "anchors", None))
    for key, option in keys.items():
        text = option.label
        meaning = question.describe(option) if isinstance(question, ChoiceQuestion) else None
        meaning = meaning if meaning is not None else option.description
        if meaning and (legend or specific):
            text = _("%(label)s: %(meaning)s") % {"label": text, "meaning": meaning}
        out.append(_wrapped(text, " " * 7, first=f"  [{key}] "))
    if isinstance(question, NumberQuestion):
        out.append(
            "  "
            + _("A number in %(unit)s, %(minimum)s to %(maximum)s.")
            % {
                "unit": one_line(question.unit),
                "minimum": f"{question.minimum:g}",
                "maximum": f"{question.maximum:g}",
            }
        )
    if keys or isinstance(question, NumberQuestion):
        out.append("")
    out += _answer_lines(step)
    letters = "  ".join(f"{key} {_title(title)}" for _command, key, title in _letters(step))
    if isinstance(question, ChoiceQuestion) and not legend:
        letters += "  ? " + _("scale")
    out.append(_wrapped(letters, "  "))
    if error is not None:
        out.append(_wrapped(f"! {error}", "  "))
    print(_CLEAR + "\n".join(out))


def _title(title: str) -> str:
    """A key's title in the terminal's language; "N/A" is the short one, not the report's."""
    return pgettext("short", "N/A") if title == "N/A" else _(title)


def _answer_lines(step: Step) -> list[str]:
    lines = []
    current = step.current
    who = ""
    if isinstance(current, Answer | NotApplicable) and current.answered_by:
        if current.answered_at:
            who = _(" (by %(name)s, %(time)s)") % {
                "name": current.answered_by,
                "time": f"{current.answered_at:%Y-%m-%d %H:%M}",
            }
        else:
            who = _(" (by %(name)s)") % {"name": current.answered_by}
    if isinstance(current, Answer):
        shown = step.question.label(current.value)
        values = {"shown": shown, "who": who, "period": current.carried_from}
        if current.carried_from is not None:
            lines.append(
                _wrapped(_("Carried from %(period)s: %(shown)s%(who)s. k keeps it.") % values)
            )
        else:
            lines.append(_wrapped(_("Current answer: %(shown)s%(who)s") % values))
    elif isinstance(current, NotApplicable):
        values = {"why": current.justification, "who": who}
        lines.append(_wrapped(_("Current answer: N/A, %(why)s%(who)s") % values))
    if step.note:
        said = _("Note: %(note)s")
        if not isinstance(current, Answer | NotApplicable):
            said = _("Note (draft): %(note)s")
        lines.append(_wrapped(said % {"note": step.note}, "  "))
    if step.evidence:
        shown = "; ".join(step.evidence)
        lines.append(_wrapped(_("Evidence: %(evidence)s") % {"evidence": shown}, "  "))
    return lines


def _prompt_text(step: Step, keys: dict[str, Any]) -> str:
    question = step.question
    if isinstance(question, MultiQuestion):
        return _("Numbers of all that apply (e.g. 1 3), 0 for none of these, or a letter: ")
    if isinstance(question, NumberQuestion):
        return _("Type the number in %(unit)s, or a letter: ") % {"unit": one_line(question.unit)}
    if isinstance(question, TextQuestion):
        return _("a to type your answer, or a letter: ")
    first, last = next(iter(keys)), list(keys)[-1]
    return _("Type %(first)s-%(last)s or a letter, then Enter: ") % {"first": first, "last": last}


def _check(step: Step, keys: dict[str, Any], text: str) -> str | None:
    """The error to show beside the prompt for `text`, or None when it is a valid reply."""
    key = text.strip().casefold()
    if not key:
        return _(_NOTHING)
    if key in {"?", "g"} or key in {k for _command, k, _title in _letters(step)}:
        return None
    question = step.question
    if isinstance(question, TextQuestion):
        return None if key == "a" else _("Type a to answer, or one of the letters shown.")
    if isinstance(question, NumberQuestion):
        number = parse_number(key)
        if number is None or not question.minimum <= number <= question.maximum:
            bounds = {"minimum": f"{question.minimum:g}", "maximum": f"{question.maximum:g}"}
            return _("Type a number from %(minimum)s to %(maximum)s.") % bounds
        return None
    if isinstance(question, MultiQuestion):
        picked = key.replace(",", " ").split()
        if picked == ["0"]:
            return None
        unknown = [k for k in picked if k not in keys]
        if unknown:
            return _("%(key)s is not an item: type numbers from 1 to %(last)s, or 0.") % {
                "key": unknown[0],
                "last": len(keys),
            }
        return None
    return None if key in keys else _("%(key)s is not one of the keys shown.") % {"key": key}


def _reply(step: Step, keys: dict[str, Any], text: str) -> Give | Command:
    key = text.strip().casefold()
    for command, letter, _title in _letters(step):
        if key == letter:
            return command
    question = step.question
    if isinstance(question, NumberQuestion):
        number = parse_number(key)
        assert number is not None
        return Give(number)
    if isinstance(question, MultiQuestion):
        picked = key.replace(",", " ").split()
        chosen = set() if picked == ["0"] else {keys[k].value for k in picked}
        return Give([o.value for o in question.options if o.value in chosen])
    return Give(keys[key].value)


def _current_text(step: Step) -> str:
    current = step.current
    return current.value if isinstance(current, Answer) and isinstance(current.value, str) else ""


def _read(message: str) -> str:
    """One line typed at the prompt."""
    from prompt_toolkit import prompt

    answer: str = prompt(message)
    return answer


def _text_prompt(step: Step, message: str, default: str) -> str:
    from prompt_toolkit import prompt

    print(_wrapped(f"{step.question.id}: {step.question.text}"))
    answer: str = prompt(_("%(message)s: ") % {"message": message}, default=default)
    return answer.strip()
