"""The report: a context built from the scoring result, rendered through jinja2 templates.

`report_html` turns an answers file into the HTML of its report, with the files the PDF embeds;
`assess.report.build` makes the file from it. The context is a tree of frozen models
(`ReportContext`), documented in `docs/report.md`, so a template author knows every field a
template may use. Templates are found through a loader chain: a `--template-dir` first, then
the bundled templates, which are also reachable as `default:NAME` so an override can extend the
template it replaces.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from assess.compare.engine import read_inputs
from assess.errors import AssessError, Message
from assess.files.loading import LoadedAnswers
from assess.i18n import N_
from assess.plaintext import num, percent, plural, rounded
from assess.report.bilingual import joined, lang_attr
from assess.report.context import build_context, previous_changes
from assess.report.loaded import Loaded, load_scored
from assess.report.logo import logo_data_uri
from assess.report.options import ReportOptions
from assess.report.views import ReportContext

if TYPE_CHECKING:
    from assess.report.pdf import LaidOut, ReportHtml


def lay_out_report(path: Path, options: ReportOptions) -> LaidOut:
    """The report of one answers file laid out in pages, before it is written as a PDF."""
    from assess.report.pdf import lay_out

    return lay_out(report_html(path, options))


def report_html(path: Path, options: ReportOptions) -> ReportHtml:
    """The report of one answers file as HTML, with the files it embeds, ready to lay out."""
    from assess.report.pdf import (
        Attachment,
        ReportHtml,
        answers_attachment,
        questionnaire_attachment,
        review_attachment,
        translation_attachment,
    )
    from assess.report.record import OPTIONS_KEY, extra_attachments, options_json, recorded_options

    context, current, earlier, logo = _prepare(path, options)
    file = current.file
    date = file.answers.assessment.date
    source = file.questionnaire_file
    # Everything needed to render these pages again travels inside the PDF (`assess verify`).
    recorded = recorded_options(options, earlier, logo)
    extra = [Attachment(*item) for item in extra_attachments(recorded, earlier, logo, date)]
    if current.review_raw is not None:
        extra.append(review_attachment(current.review_raw, date))
    return ReportHtml(
        render_html(context, options.template_dir),
        asset_dirs=template_dirs(options.template_dir),
        attachments=[
            answers_attachment(file.raw, date),
            questionnaire_attachment(source.raw, source.questionnaire.ref, date),
            *(translation_attachment(t, date) for t in current.translations()),
            *extra,
        ],
        data_uris=[logo] if logo else [],
        metadata={OPTIONS_KEY: options_json(recorded)},
    )


def _prepare(
    path: Path, options: ReportOptions
) -> tuple[ReportContext, Loaded, list[LoadedAnswers], str | None]:
    from assess.files.loading import in_language

    current = load_scored(path, options)
    earlier = [
        in_language(e, options.languages[0], allow_untranslated=options.allow_untranslated)
        for e in read_inputs(options.previous, options.questionnaires)
    ]
    logo = logo_data_uri(options.logo) if options.logo else None
    context = build_context(current, options, previous_changes(current, earlier), logo)
    return context, current, earlier, logo


def template_dirs(template_dir: Path | None) -> list[Path]:
    """The folders templates and their assets come from, the user's first."""
    from assess.files.bundled import bundled_dir

    bundled = bundled_dir("templates")
    return [template_dir, bundled] if template_dir else [bundled]


def render_html(context: ReportContext, template_dir: Path | None = None) -> str:
    """The report as one self-contained HTML document (styles inline, charts inline SVG)."""
    env = template_environment(template_dir, context.lang)
    return render_template(env, "report.html", r=context, lang=context.lang)


def render_template(env: Any, name: str, **context: Any) -> str:
    """Render the template `name`; a broken template is one error naming its file and line.

    Templates from `--template-dir` are the user's files: a syntax error, an undefined field,
    an include of itself or a missing template is their mistake to fix, not a crash.
    """
    import jinja2

    try:
        html: str = env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise AssessError(
            N_("template error: %(problem)s"),
            file=where,
            line=exc.lineno,
            hint=_TEMPLATE_HINT,
            values={"problem": exc.message},
        ) from None
    except (jinja2.TemplateError, RecursionError, UnicodeDecodeError) as exc:
        found, line = _template_frame(exc)
        if isinstance(exc, jinja2.TemplateNotFound):
            what = Message(N_("template not found: %(name)s"), {"name": exc.name})
        elif isinstance(exc, RecursionError):
            what = Message(N_("template error: it includes or extends itself"))
        elif isinstance(exc, UnicodeDecodeError):
            what = Message(N_("template error: not UTF-8 text"))
        else:
            what = Message(N_("template error: %(problem)s"), {"problem": exc})
        raise AssessError(what, file=found or name, line=line, hint=_TEMPLATE_HINT) from None
    return html


_TEMPLATE_HINT = N_("fix the template, or remove it from --template-dir to use the default")


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where `exc` was raised: jinja2 puts them in the traceback."""
    import traceback

    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename.endswith((".html", ".htm", ".css", ".svg", ".j2"))
    ]
    if not frames:
        return None, None
    return frames[-1].filename, frames[-1].lineno


@cache
def template_environment(template_dir: Path | None, language: str = "en") -> Any:
    """A jinja2 environment: autoescape on, the user's folder over the bundled templates.

    One per template folder, language and process, so a batch compiles each template once.
    Templates mark assess's own words for translation (`_()`, `{% trans %}`, jinja2's i18n
    extension); they come out in `language` from its catalog (assess.i18n).
    """
    import jinja2

    from assess.files.bundled import bundled_dir
    from assess.i18n import locale_name, translations

    if template_dir is not None and not template_dir.is_dir():
        raise AssessError(
            N_("template folder not found"), file=template_dir, hint=N_("check the path")
        )
    bundled = jinja2.FileSystemLoader(bundled_dir("templates"))
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders += [jinja2.PrefixLoader({"default": bundled}, delimiter=":"), bundled]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Every printed value passes here before escaping: no text can reverse its direction.
        finalize=_shown,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_bytecode_cache(),
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["page_counter"] = _page_counter
    # What separates two sentences: a space in English, nothing after a Chinese full stop.
    env.globals["gap"] = "" if language.startswith("zh") else " "
    env.filters["lang_attr"] = lang_attr
    env.filters["shown"] = _shown
    env.filters["spaced"] = spaced if language.startswith("zh") else _shown
    env.filters["joined"] = joined
    numbers = Numbers(locale_name(language))
    env.filters["num"] = numbers.num
    env.filters["signed"] = numbers.signed
    env.filters["percent"] = percent
    env.filters["percentage"] = numbers.percentage
    env.filters["plural"] = plural
    env.filters["language_name"] = partial(_language_name, locale_name(language))
    return env


def _language_name(locale: str, tag: str) -> str:
    """A language's name in the report's language (`en` is 英语 in Chinese), by Babel."""
    from babel import Locale

    return str(Locale.parse(locale).languages.get(tag.split("-")[0], tag))


def _bytecode_cache() -> Any:
    """jinja2's cache of compiled templates, in a private folder of the user's temporary dir.

    Compiling the templates is a tenth of a report's own work, the same in every run; jinja2
    keys each entry by the template's source, so an edited template is compiled afresh. Where
    the folder cannot be made safely (another user owns it), reports compile as before.
    """
    import jinja2

    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def _shown(value: Any) -> Any:
    """A value as the report prints it: bidirectional controls written out (`<U+202E>`)."""
    from markupsafe import Markup

    from assess.plaintext import show_bidi

    if isinstance(value, Markup):  # made by the code (charts): the marker must be escaped
        return Markup(show_bidi(str(value), "&lt;U+{:04X}&gt;"))
    if isinstance(value, str):
        return _breakable(show_bidi(value))  # escaped by autoescape after this
    return value


# A run of text without spaces longer than this gets a break opportunity (a zero-width space)
# every BREAK_EVERY characters. WeasyPrint's line breaking is quadratic in the length of an
# unbreakable run: a 100,000-character token took minutes, the same length of prose seconds.
# Hashes (64 characters) stay whole, so they can be copied from the PDF. Chinese characters and
# punctuation are break opportunities of their own (a line may break between any two), so they
# end a run: Chinese prose gets no zero-width spaces, which would also ride along when copied.
LONG_TOKEN = 80
BREAK_EVERY = 40
_CJK = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_LONG_RUN = re.compile(rf"[^\s{_CJK}]{{{LONG_TOKEN + 1},}}")
_ZWSP = "\u200b"


def _breakable(text: str) -> str:
    """`text` with a break opportunity inside every run of more than LONG_TOKEN characters."""
    return _LONG_RUN.sub(
        lambda m: _ZWSP.join(
            m.group()[i : i + BREAK_EVERY] for i in range(0, len(m.group()), BREAK_EVERY)
        ),
        text,
    )


def spaced(value: Any) -> Any:
    """A name set into Chinese prose: a space on each side where it begins or ends in Latin.

    Chinese sentences carry no spaces around a name in Chinese ("海川市商业银行申报"), but a
    name in Latin letters is set off by a space from the characters beside it
    ("Northwind Grid Co. 申报"), as Chinese typesetting does for mixed text.
    """
    value = _shown(value)  # as `{{ }}` prints it: directions neutralized, long runs breakable
    shown = value.striptags() if isinstance(value, Markup) else str(value)
    if not shown:
        return value
    before = " " if _is_latin(shown[0]) else ""
    after = " " if _is_latin(shown[-1]) else ""
    if isinstance(value, Markup):
        return Markup(before) + value + Markup(after)
    return f"{before}{shown}{after}"


def _is_latin(char: str) -> bool:
    return char < "\u2e80" and not char.isspace()


def _page_counter(template: str) -> Markup:
    """A translated "Page {page} of {pages}" as CSS `content`: strings and page counters.

    The text is the catalog's, never a user's; it is CSS inside <style>, so not HTML-escaped.
    """
    import re

    parts = re.split(r"\{(page|pages)\}", template)
    quoted = [f'"{p}"' if i % 2 == 0 else f"counter({p})" for i, p in enumerate(parts)]
    return Markup(" ".join(q for q in quoted if q != '""'))


# Typography for numbers in print: an en dash for "none", a true minus sign for negatives. The
# rounding is the terminal's (assess.plaintext), so a number reads the same in both.
NONE_MARK = "\u2013"
MINUS = "\u2212"


class Numbers:
    """Numbers as the report prints them, written by Babel for its locale.

    The value is rounded first by the one rounding rule (assess.plaintext), so a number reads
    the same as on the terminal; Babel then writes its digits, separators and percent sign.
    """

    def __init__(self, locale: str) -> None:
        self.locale = locale

    def _decimal(self, value: Decimal, digits: int) -> str:
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        text: str = format_decimal(value, format=pattern, locale=self.locale)
        return text

    def num(self, value: float | None, digits: int = 1) -> str:
        """A score or other figure; an en dash when there is none, a true minus sign."""
        if value is None:
            return NONE_MARK
        shown = Decimal(num(value, digits))
        return (MINUS if shown < 0 else "") + self._decimal(abs(shown), digits)

    def signed(self, value: float | None, digits: int = 1) -> str:
        """A change with its sign; "±0.0" when it rounds to nothing."""
        if value is None:
            return NONE_MARK
        shown = rounded(value, digits)
        sign = "\u00b1" if not shown else "+" if shown > 0 else MINUS
        return sign + self._decimal(abs(shown), digits)

    def percentage(self, share: float) -> str:
        """A share (0..1) as a whole percentage with the locale's sign: "77%"."""
        from babel.numbers import format_percent

        text: str = format_percent(Decimal(percent(share)) / 100, locale=self.locale)
        return text
