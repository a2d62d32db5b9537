"""The YAML parsers' problems in assess's own words, so the catalogs can translate them.

libyaml (PyYAML's fast parser) and ruamel.yaml word their problems in English, from a fixed set
of sentences. The ones a hand-edited file runs into are marked here for the catalog; in English
the parser's own text is shown, as it always was, and a problem not listed keeps that English
text in every language.
"""

from __future__ import annotations

from assess.errors import Message
from assess.i18n import N_

KNOWN = frozenset(
    {
        N_("mapping values are not allowed in this context"),
        N_("mapping values are not allowed here"),
        N_("mapping keys are not allowed in this context"),
        N_("block sequence entries are not allowed in this context"),
        N_("sequence entries are not allowed here"),
        N_("could not find expected ':'"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected comment or line break"),
        N_("did not find expected whitespace or line break"),
        N_("found character that cannot start any token"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found unexpected end of stream"),
        N_("found unexpected document indicator"),
        N_("found unknown escape character"),
        N_("found undefined tag handle"),
        N_("found undefined alias"),
        N_("found unexpected ':'"),
        N_("found invalid Unicode character escape code"),
        N_("control characters are not allowed"),
        N_("invalid leading UTF-8 octet"),
        N_("expected a single document in the stream"),
        N_("but found another document"),
        N_("expected <block end>, but found '<block mapping start>'"),
        N_("expected <block end>, but found '-'"),
        N_("expected <block end>, but found '<scalar>'"),
        N_("while scanning a simple key"),
        N_("while scanning a quoted scalar"),
        N_("while scanning a plain scalar"),
        N_("while parsing a block mapping"),
        N_("while parsing a block collection"),
        N_("while parsing a flow mapping"),
        N_("while parsing a flow sequence"),
    }
)


def yaml_problem(problem: object) -> Message:
    """The parser's `problem`: in the catalog's words when it is `KNOWN`, else in English."""
    text = " ".join(str(problem).split())
    return Message(text)  # one not listed is looked up in the catalog in vain, and shown as it is
