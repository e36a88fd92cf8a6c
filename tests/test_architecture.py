"""The engine's shape: each check stands alone on the shared analysis, and every module stays readable."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "outreach_lint"
#: What every check may use besides ``outreach_lint.analysis``: how checks are written and registered, and the
#: phrase engine.
INFRASTRUCTURE = frozenset(
    {"outreach_lint.checks.base", "outreach_lint.checks.registry", "outreach_lint.checks.phrase"}
)
MAX_LINES = 700


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules(folder: str) -> dict[str, Path]:
    return {_module_name(path): path for path in sorted((PACKAGE / folder).rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """Every module (or package) the file imports, as absolute names; ``from x import y`` counts as x and x.y."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            base = base[: len(base) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _check_modules() -> dict[str, Path]:
    """The modules that hold checks: everything under checks/ but the infrastructure and the package files
    that only import their checks (so that they register)."""
    return {
        name: path
        for name, path in _modules("checks").items()
        if name not in INFRASTRUCTURE and path.name != "__init__.py"
    }


@pytest.mark.parametrize("name", sorted(_check_modules()))
def test_a_check_module_imports_no_other_check_module(name: str) -> None:
    others = set(_modules("checks")) - INFRASTRUCTURE - {name, "outreach_lint.checks"}
    imported = _imports(_check_modules()[name])
    assert not imported & others, f"{name} imports {sorted(imported & others)}; share it through outreach_lint.analysis"


def test_the_analysis_layer_does_not_import_checks() -> None:
    for name, path in _modules("analysis").items():
        checks = {module for module in _imports(path) if module.startswith("outreach_lint.checks")}
        assert not checks, f"{name} imports {sorted(checks)}"


def test_no_module_is_longer_than_700_lines() -> None:
    lengths = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")}
    too_long = {str(path.relative_to(PACKAGE.parent)): count for path, count in lengths.items() if count > MAX_LINES}
    assert not too_long, f"split these modules (at most {MAX_LINES} lines each): {too_long}"


@pytest.mark.parametrize("package", ["compliance", "research"])
def test_a_split_package_runs_its_checks_in_the_order_of_their_codes(package: str) -> None:
    """Of several findings on the same span with the same rewrite, the first check's is kept: the checks of a
    package split into modules still run in the order they had in one module."""
    from outreach_lint import Linter

    origin = f"outreach_lint.checks.{package}."
    codes = [meta.code for meta in Linter().rules.values() if meta.origin.startswith(origin)]
    assert len(codes) > 1 and codes == sorted(codes)


def test_every_german_legal_form_a_signature_can_name_has_its_required_details() -> None:
    from outreach_lint.analysis.legalforms import GERMAN_FORMS
    from outreach_lint.data import load

    forms = load("pflichtangaben")["forms"]
    named = {"UG (haftungsbeschränkt)" if form.name == "UG" else form.name for form in GERMAN_FORMS}
    assert named == set(forms)
    assert all(entry["law"] and entry["required"] and entry["register"] for entry in forms.values())
