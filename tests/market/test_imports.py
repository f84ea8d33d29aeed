"""Production code never imports the tests (their factories included): the
demo builds through the site's own services and models."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".venv", ".tools", "tests", "node_modules", ".git", "media", "static"}


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


def _production_modules() -> list[Path]:
    """Every Python file of the project outside tests/ (the root conftest,
    which serves the tests only, aside)."""
    return [
        path
        for path in ROOT.rglob("*.py")
        if not SKIPPED.intersection(path.relative_to(ROOT).parts)
        and path.relative_to(ROOT) != Path("conftest.py")
    ]


def test_no_production_module_imports_the_tests():
    modules = _production_modules()

    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules
        for line, name in _imported_modules(path)
        if name == "tests" or name.startswith("tests.")
    ]

    assert {Path("market/demo/builders.py"), Path("market/demo/learning.py")} <= {
        path.relative_to(ROOT) for path in modules
    }
    assert offenders == []


def test_the_scan_finds_an_import_of_the_tests(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import os\nfrom tests.factories import UserFactory\nimport tests.threads\n"
    )

    assert _imported_modules(module) == [
        (1, "os"),
        (2, "tests.factories"),
        (3, "tests.threads"),
    ]
