"""Registration of checks written in Python, with the same metadata as data rules."""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.context import CheckContext, RawFinding
from ..models import FixSafety, Severity
from ..rulepack import RuleMeta
from .base import CodeCheck

CODE_CHECKS: list[CodeCheck] = []


def register(
    *,
    code: str,
    slug: str,
    category: str,
    message: str,
    why: str,
    rewrite: str,
    bad: tuple[str, ...],
    good: tuple[str, ...],
    severity: Severity = Severity.WARNING,
    language: str = "*",
    fix: FixSafety = FixSafety.UNSAFE,
    default_enabled: bool = True,
    details: str = "",
) -> Callable[[Callable[[CheckContext, RuleMeta], list[RawFinding]]], Callable]:
    """Decorator: ``run(ctx, meta) -> findings`` becomes a listed, explainable, self-testing check."""

    def wrap(run: Callable[[CheckContext, RuleMeta], list[RawFinding]]) -> Callable:
        meta = RuleMeta(
            code,
            slug,
            category,
            severity,
            language,
            message,
            why,
            rewrite,
            bad,
            good,
            kind="code",
            fix=fix,
            origin=run.__module__,
            default_enabled=default_enabled,
            details=details,
        )
        CODE_CHECKS.append(CodeCheck(meta, lambda ctx: run(ctx, meta)))
        return run

    return wrap
