"""The typer application, the one place errors become messages, and options commands share.

Only the CLI (and the interactive prompt) prints or exits. Every error, the project's own
`AssessError` and typer's usage errors alike, becomes one `error:` line on stderr and an exit
status from `ExitCode`, in one place: `_Group.main`; so does any other exception, as a last
resort, said to be a bug (exit status 2, the traceback only with `--debug`). Options that
several commands take are declared here once, so the same option has the same name and meaning
everywhere.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from assess import __version__
from assess.cli.helptext import HelpContext, short_help, translated
from assess.errors import AssessError, ExitCode
from assess.i18n import N_, _, shown_language
from assess.output.formats import OutputFormat

HELP_WIDTH = 100
"""Help is wrapped to the terminal, at most this wide; examples are never wrapped."""

BUG_REPORT = (
    "this is a bug in assess, not a problem with your files: please report it on the project's "
    'issue tracker (README, "Reporting a bug") with the command you ran and the output of '
    "the same command with --debug"
)
"""What the last-resort handler says after an unexpected exception (README wording)."""

_debug = {"on": False}
"""Whether `--debug` was given to this run (set by the root callback, reset by each run)."""


class _Group(TyperGroup):
    """Turns every error into one `error:` line and the exit status of its kind."""

    context_class = HelpContext

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Options and Commands sections, in the terminal's language."""
        _format_parameters(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with the first sentence of its help; in English, as typer shortens it."""
        commands = [(n, c) for n, c in self.commands.items() if not c.hidden]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name in self.commands)
        english = shown_language() == "en"
        rows = [
            (name, c.get_short_help_str(limit) if english else short_help(c.help or "", limit))
            for name, c in commands
        ]
        with formatter.section(N_("Commands")):
            formatter.write_dl(rows)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from assess.i18n import show_in, shown_language
        from assess.model.language import from_environment

        _debug["on"] = False
        before = shown_language()
        # --lang anywhere on the command line, else LANG: help and usage errors come before
        # the command's own --lang is read, and are shown in the language it names too.
        show_in(_language_asked(sys.argv[1:] if args is None else args) or from_environment()[0])
        try:
            code = self._run(args, prog_name, complete_var, **extra)
        finally:
            show_in(before)  # a run in a test's process leaves the language as it found it
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        **extra: Any,
    ) -> int:
        """Run the command; print an error as one line; return the exit status."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except AssessError as exc:
            typer.echo(error_line(exc), err=True)
            code = exc.exit_code
        except NoArgsIsHelpError as exc:  # `assess review` alone: its help, as `assess` alone
            typer.echo(exc.ctx.get_help())
            code = ExitCode.bad_input
        except typer.TyperException as exc:  # bad option value, missing argument, unknown option
            typer.echo(error_line(_usage_message(exc)), err=True)
            code = ExitCode.bad_input
        except typer.Abort:
            typer.echo(error_line(_("aborted")), err=True)
            code = ExitCode.interrupted
        except Exception as exc:  # the last resort: a bug, still one line and no traceback
            if _debug["on"]:
                import traceback

                typer.echo(traceback.format_exc(), err=True, nl=False)
            typer.echo(f"error: {_internal(exc)}", err=True)  # a bug report: in English
            code = ExitCode.bad_input
        return code if isinstance(code, int) else ExitCode.ok


def _language_asked(args: Sequence[str]) -> str | None:
    """The language a `--lang` among `args` names, if it names one (else the option says so)."""
    from assess.model.language import parse_languages

    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None:
            try:
                return parse_languages(value)[0]
            except AssessError:
                return None
    return None


def error_line(error: AssessError | str) -> str:
    """`error: what went wrong` in the terminal's language, as every command prints errors."""
    return _("error: %(message)s") % {"message": error}


def _internal(exc: Exception) -> str:
    """One line for an unexpected exception: what it was (briefly) and that it is a bug."""
    from assess.plaintext import safe

    what = " ".join(f"{type(exc).__name__}: {exc}".split())
    if len(what) > 160:
        what = what[:159] + "…"
    return safe(f"internal error ({what}); {BUG_REPORT}")


def _usage_message(exc: typer.TyperException) -> str:
    """Typer's message for a usage error, as one line that says where to look for help."""
    from assess.cli.usage import usage_problem

    ctx = getattr(exc, "ctx", None)
    # Typer checks values with pydantic, whose messages start with a label that says nothing.
    message = exc.format_message().replace("Value error, ", "").rstrip(".")
    message = usage_problem(message[:1].lower() + message[1:], exc.__cause__)
    where = f"{ctx.command_path} --help" if ctx is not None else "assess --help"
    return str(AssessError(message, hint=N_("see `%(help)s`"), values={"help": where}))


class _Command(TyperCommand):
    """A command whose help names each value by its metavar, never by a Python type."""

    context_class = HelpContext

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`[OPTIONS] FILE...`: arguments by metavar, optional ones in brackets."""
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_argument_usage(p) for p in self.params if isinstance(p, TyperArgument)]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, one row per parameter."""
        _format_parameters(self, ctx, formatter)


def _format_parameters(command: Any, ctx: Any, formatter: Any) -> None:
    """The Arguments and Options sections of a command's help, in the terminal's language."""
    arguments = [
        (_argument_name(p), translated(p.help or ""))
        for p in command.params
        if isinstance(p, TyperArgument)
    ]
    options = [
        _option_row(p)
        for p in command.get_params(ctx)
        if isinstance(p, TyperOption) and not p.hidden
    ]
    for title, rows in ((N_("Arguments"), arguments), (N_("Options"), options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def _argument_name(param: TyperArgument) -> str:
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


def _argument_usage(param: TyperArgument) -> str:
    name = _argument_name(param)
    return name if param.required else f"[{name}]"


def _option_row(param: TyperOption) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=lambda o: o.startswith("--")))
    if not param.is_flag:
        names += f" {param.metavar or (param.name or '').upper()}"
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    extra = []
    default = param.default
    if not param.is_flag and default not in (None, "", [], ()):
        extra.append(_("default: %(value)s") % {"value": getattr(default, "value", default)})
    if param.required:
        extra.append(_("required"))
    text = translated(param.help or "")
    return names, f"{text}  [{_('; ').join(extra)}]" if extra else text


class _TypedCommand(TyperCommand):
    """A command whose help rows are typer's own (types and choices), in the terminal's language."""

    context_class = HelpContext

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections as typer writes them, their help translated."""
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or param.param_type_name not in rows:
                continue
            names, text = record
            said = getattr(param, "help", None) or ""
            if said and text.startswith(said):
                extras = text[len(said) :].replace("required", _("required"))
                text = translated(said) + extras.replace("default: ", _("default: "))
            rows[param.param_type_name].append((names, text))
        for title, found in ((N_("Arguments"), rows["argument"]), (N_("Options"), rows["option"])):
            if found:
                with formatter.section(title):
                    formatter.write_dl(found)


class _App(typer.Typer):
    """The typer app whose commands all format their help the same way."""

    command_class: type[TyperCommand] = _Command

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Any], Any]:
        """Register a command; its help lists metavars, not types."""
        kwargs.setdefault("cls", self.command_class)
        return super().command(*args, **kwargs)


def sub_app(**settings: Any) -> typer.Typer:
    """A group of commands under `assess` (`assess review ...`), whose help is translated too.

    Its commands keep the rows typer writes (`--status <verified|adjusted|...>`).
    """
    group = _App(cls=_Group, **settings)
    group.command_class = _TypedCommand
    return group


app = _App(
    name="assess",
    cls=_Group,
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"max_content_width": HELP_WIDTH},
)


# --- options that several commands share ---

QuestionnairePaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--questionnaire",
        "-q",
        help=N_("A questionnaire file that is not bundled (repeatable)."),
        metavar="PATH",
    ),
]

FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format", metavar="table|json|csv", case_sensitive=False, help=N_("What to print.")
    ),
]

JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=0, metavar="N", help=N_("Worker processes (0: one per CPU).")),
]

JsonFlag = Annotated[bool, typer.Option("--json", help=N_("The same as --format json."))]

TemplateDir = Annotated[
    Path | None,
    typer.Option(
        "--template-dir", metavar="DIR", help=N_("Templates that override the bundled ones.")
    ),
]

Classification = Annotated[
    str | None,
    typer.Option(
        "--classification",
        metavar="TEXT",
        help=N_(
            "The marking on the cover and every page, printed as typed. Default: Confidential, "
            "in the report's language (机密 in Chinese)."
        ),
    ),
]


def output_format(fmt: OutputFormat, as_json: bool) -> OutputFormat:
    """The format asked for with `--format`, or with its older spelling `--json`."""
    return OutputFormat.json if as_json else fmt


AllowUntranslated = Annotated[
    bool,
    typer.Option(
        "--allow-untranslated",
        help=N_("Where a questionnaire translation lacks a text, show the source language's."),
    ),
]


def _terminal_language(lang: str | None) -> str | None:
    """`--lang` also sets the language of what the command prints (the first of two)."""
    if lang is not None:
        from assess.i18n import show_in
        from assess.model.language import parse_languages

        show_in(parse_languages(lang)[0])
    return lang


Lang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        callback=_terminal_language,
        metavar="zh-CN|en|zh-CN+en",
        help=N_(
            "Language of the questionnaire's text, the document and what is printed (of "
            "zh-CN+en, the first); zh-CN+en is bilingual. Default: from LANG (zh_CN.UTF-8 means "
            "zh-CN), else en."
        ),
    ),
]


TerminalLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        callback=_terminal_language,
        metavar="zh-CN|en",
        help=N_(
            "Language of what is shown. Default: from LANG (zh_CN.UTF-8 means zh-CN), else en."
        ),
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"assess {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", help=N_("Show the traceback of an internal error (for bug reports).")
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            callback=_terminal_language,
            metavar="zh-CN|en",
            help=N_(
                "Language of what every command shows, its help too (`assess --lang zh-CN "
                "init --help`). Default: from LANG (zh_CN.UTF-8 means zh-CN), else en."
            ),
        ),
    ] = None,
) -> None:
    """Assess an organization's cybersecurity posture: answer, score, report, compare.

    Exit status: 0 done; 1 some files of a batch failed, or a verification failed; 2 bad input
    or usage (nothing was written), or an internal error (a bug: --debug shows its traceback);
    130 interrupted. See docs/cli.md.
    """
    _debug["on"] = debug
    del lang  # its callback has set the language
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(ExitCode.bad_input)
