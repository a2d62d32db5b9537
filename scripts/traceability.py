"""Write docs/traceability.md from the newest bundled cyberposture questionnaire.

Run it after changing a questionnaire's `basis` or `references`: python scripts/traceability.py
"""

from __future__ import annotations

from pathlib import Path

from assess.files.questionnaires import resolve
from assess.output.traceability import traceability_markdown

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "traceability.md"
QUESTIONNAIRE = ("cyberposture", "1.1")


def main() -> None:
    """Regenerate the traceability document."""
    DOC.write_text(traceability_markdown(resolve(*QUESTIONNAIRE).questionnaire), encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
