"""docs/traceability.md is generated from the questionnaire, and the committed copy is current."""

from __future__ import annotations

from assess.files.questionnaires import resolve
from assess.output.traceability import traceability_markdown
from tests.builders import ROOT

DOC = ROOT / "docs" / "traceability.md"


def test_committed_traceability_doc_is_current() -> None:
    fresh = traceability_markdown(resolve("cyberposture", "1.1").questionnaire)
    assert DOC.read_text(encoding="utf-8") == fresh, (
        "docs/traceability.md is stale: run `python scripts/traceability.py`"
    )


def test_every_cited_passage_law_article_and_subcategory_has_its_questions() -> None:
    text = traceability_markdown(resolve("cyberposture", "1.1").questionnaire)
    assert "| “financial transaction information may be stolen” | CII-18, CII-19, CII-20 |" in text
    breach = "| Art. 57 | Breach: remedial measures and notification of authorities and individuals"
    assert breach in text
    assert "| GV.OC-03 |" in text and "active NIST CSF 2.0 subcategories are cited" in text
