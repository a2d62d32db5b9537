"""The interactive `assess take`: the only module that talks to the prompt library.

The session logic (what to ask next, saving, resuming) is `assess.answering.session`; this
module only shows questions and reads replies, through `TerminalPrompter`. Text from the files
is shown, never interpreted: control characters are replaced so a note cannot drive the terminal.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assess.answering.session import Command, Give, Outcome, Session, Step
from assess.answering.setting import respondent
from assess.errors import AssessError, ExitCode
from assess.model.answers import Answer, NotApplicable
from assess.model.questionnaire import ChoiceQuestion, MultiQuestion, NumberQuestion, Questionnaire
from assess.model.questions import TextQuestion
from assess.model.values import parse_number
from assess.plaintext import one_line, plural

_LETTERS = [
    (Command.guidance, "g", "guidance"),
    (Command.na, "n", "N/A"),
    (Command.extras, "e", "note/evidence"),
    (Command.skip, "s", "skip"),
    (Command.back, "b", "back"),
    (Command.keep, "k", "keep answer"),
    (Command.quit, "q", "quit"),
]
_CLEAR = "\x1b[H\x1b[2J"
_NOTHING = "Nothing chosen yet: type one of the keys shown, then Enter."


def take(
    path: Path,
    questionnaires: Sequence[Path] = (),
    *,
    dimension: str | None = None,
    review: bool = False,
    by: str | None = None,
) -> int:
    """Run an interactive session on `path`; return the exit status (130 when interrupted)."""
    from assess.files.loading import load_answers
    from assess.files.lock import refuse_report

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AssessError(
            "`assess take` needs a terminal, and standard input is not one",
            file=path,
            hint="from a script use `assess answer FILE QID VALUE`, or edit the file by hand",
        )
    if not path.is_file():
        raise AssessError("file not found", file=path, hint="create it with `assess init`")
    refuse_report(path)
    resume = resume_command(path, questionnaires, dimension)
    answers, q = load_answers(path, questionnaires)
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
        print(f"\nInterrupted. Every answer and note given so far is saved in {one_line(path)}.")
        print(f"Resume with: {resume}")
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
        print("\nDone: every question of this session is answered.")
    if outcome.open:
        shown = ", ".join(outcome.open[:10]) + (" ..." if len(outcome.open) > 10 else "")
        print(f"\n{plural(len(outcome.open), 'question')} of this session still open: {shown}")
    if outcome.open_in_file:
        print(f"{plural(outcome.open_in_file, 'question')} of the whole file still open.")
    else:
        print("Every question of the whole file is answered.")
    if review or not outcome.finished or outcome.open:
        print(f"Saved. Continue with: {resume}")


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
                text = _text_prompt(step, "Your answer (empty: back)", _current_text(step))
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
        return (
            _text_prompt(step, "Why does this question not apply? (empty: back)", current) or None
        )

    def note(self, step: Step) -> str | None:
        """Ask for a note; empty removes it."""
        return _text_prompt(step, "Note (empty: none)", step.note or "") or None

    def evidence(self, step: Step) -> list[str]:
        """Ask for evidence references separated by semicolons."""
        evidence = _text_prompt(
            step, "Evidence references, separated by ; (empty: none)", "; ".join(step.evidence)
        )
        return [part.strip() for part in evidence.split(";") if part.strip()]

    def message(self, text: str) -> None:
        """Print a short message, wrapped to the terminal."""
        print(_wrapped(text, "  "))


def _width() -> int:
    return max(40, shutil.get_terminal_size().columns - 1)


def _wrapped(text: str, indent: str = "", first: str | None = None) -> str:
    """`text` wrapped to the terminal's width, never cut; later lines indented by `indent`."""
    return textwrap.fill(
        one_line(text),
        _width(),
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=True,
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
    progress = f"question {step.number} of {step.of} in this session  ·  {step.progress.short()}"
    out += [_wrapped(where), _wrapped(progress), "─" * min(_width(), 79)]
    out += [_wrapped(f"! {notice}", "  ") for notice in step.notices]
    out.append(_wrapped(question.text))
    if question.references:
        cited = "; ".join(f"{key} {', '.join(ids)}" for key, ids in question.references.items())
        out.append(_wrapped(f"References: {cited}", "  "))
    out.append("")
    if guidance:
        out += [_wrapped(f"Guidance: {question.guidance or 'none for this question.'}", "  ")]
        out.append("")
    # A question's own anchors say what each option means for it: always shown. The scale's
    # shared wording is a legend: shown once per dimension, and on `?`.
    specific = isinstance(question, MultiQuestion) or bool(getattr(question, "anchors", None))
    for key, option in keys.items():
        text = option.label
        meaning = question.describe(option) if isinstance(question, ChoiceQuestion) else None
        meaning = meaning if meaning is not None else option.description
        if meaning and (legend or specific):
            text += f": {meaning}"
        out.append(_wrapped(text, " " * 7, first=f"  [{key}] "))
    if isinstance(question, NumberQuestion):
        out.append(
            f"  A number in {one_line(question.unit)}, "
            f"{question.minimum:g} to {question.maximum:g}."
        )
    if keys or isinstance(question, NumberQuestion):
        out.append("")
    out += _answer_lines(step)
    letters = "  ".join(f"{key} {title}" for _, key, title in _letters(step))
    if isinstance(question, ChoiceQuestion) and not legend:
        letters += "  ? scale"
    out.append(_wrapped(letters, "  "))
    if error is not None:
        out.append(_wrapped(f"! {error}", "  "))
    print(_CLEAR + "\n".join(out))


def _answer_lines(step: Step) -> list[str]:
    lines = []
    current = step.current
    who = ""
    if isinstance(current, Answer | NotApplicable) and current.answered_by:
        who = f" (by {current.answered_by}"
        who += f", {current.answered_at:%Y-%m-%d %H:%M})" if current.answered_at else ")"
    if isinstance(current, Answer):
        shown = step.question.label(current.value)
        if current.carried_from is not None:
            lines.append(
                _wrapped(f"Carried from {current.carried_from}: {shown}{who}. k keeps it.")
            )
        else:
            lines.append(_wrapped(f"Current answer: {shown}{who}"))
    elif isinstance(current, NotApplicable):
        lines.append(_wrapped(f"Current answer: N/A, {current.justification}{who}"))
    if step.note:
        draft = "" if isinstance(current, Answer | NotApplicable) else " (draft)"
        lines.append(_wrapped(f"Note{draft}: {step.note}", "  "))
    if step.evidence:
        lines.append(_wrapped(f"Evidence: {'; '.join(step.evidence)}", "  "))
    return lines


def _prompt_text(step: Step, keys: dict[str, Any]) -> str:
    question = step.question
    if isinstance(question, MultiQuestion):
        return "Numbers of all that apply (e.g. 1 3), 0 for none of these, or a letter: "
    if isinstance(question, NumberQuestion):
        return f"Type the number in {one_line(question.unit)}, or a letter: "
    if isinstance(question, TextQuestion):
        return "a to type your answer, or a letter: "
    first, last = next(iter(keys)), list(keys)[-1]
    return f"Type {first}-{last} or a letter, then Enter: "


def _check(step: Step, keys: dict[str, Any], text: str) -> str | None:
    """The error to show beside the prompt for `text`, or None when it is a valid reply."""
    key = text.strip().casefold()
    if not key:
        return _NOTHING
    if key in {"?", "g"} or key in {k for _, k, _ in _letters(step)}:
        return None
    question = step.question
    if isinstance(question, TextQuestion):
        return None if key == "a" else "Type a to answer, or one of the letters shown."
    if isinstance(question, NumberQuestion):
        number = parse_number(key)
        if number is None or not question.minimum <= number <= question.maximum:
            return f"Type a number from {question.minimum:g} to {question.maximum:g}."
        return None
    if isinstance(question, MultiQuestion):
        picked = key.replace(",", " ").split()
        if picked == ["0"]:
            return None
        unknown = [k for k in picked if k not in keys]
        if unknown:
            return f"{unknown[0]} is not an item: type numbers from 1 to {len(keys)}, or 0."
        return None
    return None if key in keys else f"{key} is not one of the keys shown."


def _reply(step: Step, keys: dict[str, Any], text: str) -> Give | Command:
    key = text.strip().casefold()
    for command, letter, _ in _letters(step):
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
    answer: str = prompt(f"{message}: ", default=default)
    return answer.strip()
