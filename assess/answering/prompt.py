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
from assess.errors import AssessError
from assess.model.answers import Answer, AnswerValue, NotApplicable
from assess.model.questionnaire import ChoiceQuestion, MultiQuestion, NumberQuestion, Questionnaire
from assess.model.values import parse_number
from assess.plaintext import safe as plain_safe

_COMMANDS = [
    (Command.guidance, "g", "Show guidance"),
    (Command.na, "n", "Not applicable (asks why)"),
    (Command.extras, "e", "Add a note and evidence references"),
    (Command.skip, "s", "Skip for now"),
    (Command.back, "b", "Back to the previous question"),
    (Command.quit, "q", "Save and quit"),
]
_ANSWER = "answer"


def safe(text: object) -> str:
    """Text fit to show in a terminal: one line, no control characters or escape sequences."""
    return plain_safe(" ".join(str(text).split()))


def take(
    path: Path,
    questionnaires: Sequence[Path] = (),
    *,
    dimension: str | None = None,
    review: bool = False,
) -> int:
    """Run an interactive session on `path`; return the exit status (130 when interrupted)."""
    from assess.files.loading import load_answers

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AssessError(
            "`assess take` needs a terminal, and standard input is not one",
            file=path,
            hint="from a script use `assess answer FILE QID VALUE`, or edit the file by hand",
        )
    if not path.is_file():
        raise AssessError("file not found", file=path, hint="create it with `assess init`")
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
    )
    try:
        outcome = session.run()
    except (KeyboardInterrupt, EOFError):
        print(f"\nInterrupted. Every answer given so far is saved in {safe(path)}.")
        print(f"Resume with: {resume}")
        return 130
    _summary(outcome, resume, review)
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
        return
    if outcome.open:
        shown = ", ".join(outcome.open[:10]) + (" ..." if len(outcome.open) > 10 else "")
        print(f"\n{len(outcome.open)} question(s) still open: {shown}")
    if review or not outcome.finished or outcome.open:
        print(f"Saved. Continue with: {resume}")


class TerminalPrompter:
    """Asks with questionary: arrow keys or a number, then Enter."""

    def ask(self, step: Step, q: Questionnaire) -> Give | Command:
        """Show where we are, the question and its answers; return the person's choice."""
        _header(step, q)
        while True:
            picked = _menu(step, q)
            if isinstance(picked, Give | Command):
                return picked
            value = _answer_input(step)
            if value is not None:
                return value

    def guidance(self, step: Step) -> None:
        """Print the question's guidance and references."""
        print(f"\n  {safe(step.question.guidance or 'No guidance for this question.')}")
        for framework, ids in step.question.references.items():
            print(f"  {framework}: {safe(', '.join(ids))}")
        print()

    def justification(self, step: Step) -> str | None:
        """Ask why the question does not apply; empty means go back."""
        current = step.current.justification if isinstance(step.current, NotApplicable) else ""
        text = _text("Why does this question not apply? (empty: back)", current)
        return text or None

    def extras(self, step: Step) -> tuple[str | None, list[str]]:
        """Ask for a note and for evidence references separated by semicolons."""
        note = _text("Note (empty: none)", step.note or "")
        evidence = _text(
            "Evidence references, separated by ; (empty: none)", "; ".join(step.evidence)
        )
        return note or None, [part.strip() for part in evidence.split(";") if part.strip()]

    def message(self, text: str) -> None:
        """Print a short message."""
        print(f"  {text}")


def _header(step: Step, q: Questionnaire) -> None:
    question = step.question
    print()
    print(
        f"{safe(step.dimension.id)} {safe(step.dimension.name)}: question {step.number} of "
        f"{step.of}  |  {step.answered} of {step.total} answered overall"
    )
    print(_wrapped(f"{safe(question.id)}  {safe(' '.join(question.text.split()))}", "        "))
    if question.references:
        cited = "; ".join(f"{key} {', '.join(ids)}" for key, ids in question.references.items())
        print(_wrapped(f"References: {safe(cited)}", "        ", first="        "))
    if isinstance(question, ChoiceQuestion):
        # Descriptions are long; printed wrapped above the menu, the menu keeps short labels.
        for option in q.scales[question.scale]:
            line = f"  {option.value}  {safe(option.label)}: {safe(question.describe(option))}"
            print(_wrapped(" ".join(line.split()), "      ", first="  "))
    current = step.current
    if isinstance(current, Answer):
        shown = _describe(current.value, step, q)
        if current.carried_from is not None:
            print(f"  Carried from {safe(current.carried_from)}: {shown}. Enter keeps it.")
        else:
            print(f"  Current answer: {shown}")
    elif isinstance(current, NotApplicable):
        print(f"  Current answer: not applicable ({safe(current.justification)})")
    if step.note:
        print(f"  Note: {safe(step.note)}")
    if step.evidence:
        print(f"  Evidence: {safe('; '.join(step.evidence))}")


def _wrapped(text: str, indent: str, first: str = "") -> str:
    """`text` wrapped to the terminal's width, continuation lines indented by `indent`."""
    width = max(40, shutil.get_terminal_size().columns - 1)
    return textwrap.fill(
        text, width, initial_indent=first, subsequent_indent=indent, break_on_hyphens=False
    )


def _describe(value: AnswerValue, step: Step, q: Questionnaire) -> str:
    question = step.question
    if isinstance(question, ChoiceQuestion):
        label = next((o.label for o in q.scales[question.scale] if o.value == value), "?")
        return safe(f"{value} ({label})")
    if isinstance(question, NumberQuestion):
        return safe(f"{value} {question.unit}")
    return safe(", ".join(value) if isinstance(value, list) else value)


def _menu(step: Step, q: Questionnaire) -> Give | Command | str:
    import questionary

    question = step.question
    choices: list[Any] = []
    default: Any = None
    if isinstance(question, ChoiceQuestion):
        options = q.scales[question.scale]
        by_value = all(isinstance(o.value, int) and 0 <= o.value <= 9 for o in options)
        for i, option in enumerate(options, start=1):
            key = str(option.value) if by_value else str(i)
            title = safe(option.label)
            choices.append(questionary.Choice(title, Give(option.value), shortcut_key=key))
        if isinstance(step.current, Answer):
            default = Give(step.current.value)
    else:
        choices.append(questionary.Choice(_answer_title(question), _ANSWER, shortcut_key="a"))
    choices.append(questionary.Separator())
    for command, key, title in _COMMANDS:
        if command is Command.na and not question.allow_na:
            continue
        if command is Command.back and not step.can_go_back:
            continue
        choices.append(questionary.Choice(title, command, shortcut_key=key))
    picked: Give | Command | str = questionary.select(
        "Your answer:",
        choices=choices,
        default=default,
        use_shortcuts=True,
        use_arrow_keys=True,
        use_jk_keys=False,
        instruction="(arrow keys or number, then Enter)",
    ).unsafe_ask()
    return picked


def _answer_title(question: object) -> str:
    if isinstance(question, MultiQuestion):
        return "Answer: tick what applies"
    if isinstance(question, NumberQuestion):
        return f"Answer: a number in {safe(question.unit)}"
    return "Answer: type text"


def _answer_input(step: Step) -> Give | None:
    """Ask for a checklist, number or text answer; None goes back to the menu."""
    import questionary

    question = step.question
    current = step.current.value if isinstance(step.current, Answer) else None
    if isinstance(question, MultiQuestion):
        checked = current if isinstance(current, list) else []
        boxes = [
            questionary.Choice(
                safe(o.label + (f": {o.description}" if o.description else "")),
                o.value,
                checked=o.value in checked,
            )
            for o in question.options
        ]
        ticked = questionary.checkbox("Tick what applies (space), then Enter:", boxes).unsafe_ask()
        return Give(list(ticked))
    if isinstance(question, NumberQuestion):
        low, high = question.minimum, question.maximum

        def valid(text: str) -> bool | str:
            if not text.strip():
                return True
            number = parse_number(text)
            if number is None or not low <= number <= high:
                return f"enter a number from {low:g} to {high:g}"
            return True

        start = "" if current is None else str(current)
        text = questionary.text(
            f"Value in {safe(question.unit)}, {low:g} to {high:g} (empty: back):",
            default=start,
            validate=valid,
        ).unsafe_ask()
        number = parse_number(text)
        return None if number is None else Give(number)
    text = _text("Your answer (empty: back)", current if isinstance(current, str) else "")
    return Give(text) if text else None


def _text(message: str, default: str) -> str:
    import questionary

    answer: str = questionary.text(message + ":", default=default).unsafe_ask()
    return answer.strip()
