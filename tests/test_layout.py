"""The package layout is the pipeline: each stage imports only the stages below it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.builders import ROOT

PACKAGE = ROOT / "assess"

# Lowest first. The base modules serve every stage; the CLI sits on top of everything.
STAGES = [
    ["assess", "assess.errors", "assess.plaintext", "assess.i18n"],
    ["assess.model"],
    ["assess.files"],
    ["assess.answering"],
    ["assess.scoring"],
    ["assess.compare"],
    ["assess.output"],
    ["assess.report"],
    ["assess.signing"],
    ["assess.cli", "assess.__main__"],
]
MAX_LINES = 450


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> int:
    """The stage of a module: the longest stage prefix it falls under."""
    best, length = -1, -1
    for index, prefixes in enumerate(STAGES):
        for prefix in prefixes:
            matches = module == prefix or module.startswith(prefix + ".")
            if matches and len(prefix) > length and not (prefix == "assess" and module != prefix):
                best, length = index, len(prefix)
    assert best >= 0, f"{module} belongs to no stage: add it to STAGES"
    return best


def imported(path: Path) -> set[str]:
    """Every assess module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("assess"):
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("assess")}
    return names


def test_no_stage_imports_a_later_stage() -> None:
    upward = [
        f"{module_name(path)} imports {target}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for target in imported(path)
        if stage_of(target) > stage_of(module_name(path))
    ]
    assert upward == []


def test_the_check_itself_sees_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from assess.report.render import write_report\n")
    assert stage_of("assess.model.checks") < stage_of(next(iter(imported(module))))


def test_every_module_fits_on_a_few_screens() -> None:
    long = {
        module_name(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_two_modules_below_the_cli_share_a_public_name() -> None:
    # One name, one thing: a reader who meets `Outcome` or `safe` knows which one it is. The CLI
    # is left out: its command functions are named after the commands, like the core they call.
    defined: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if module_name(path).startswith("assess.cli"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and not node.name.startswith("_"):
                defined.setdefault(node.name, []).append(module_name(path))
    assert {name: found for name, found in defined.items() if len(found) > 1} == {}
