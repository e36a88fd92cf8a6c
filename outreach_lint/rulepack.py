"""Loading rule packs: TOML data only, validated, never executed."""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import CATEGORIES, FixSafety, Severity
from .patterns import PatternError, check_syntax, strip_captures
from .vocabularies import ScopeConditions, VocabularyError, parse_classes, parse_conditions

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = ("phrase", "code")
LANGUAGES = ("en", "de", "*")


class RuleError(ValueError):
    """A rule file or rule definition that is not valid."""


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What every rule has, data or code: identity, explanation, rewrite and self-testing examples."""

    code: str
    slug: str
    category: str
    severity: Severity
    language: str
    message: str
    why: str
    rewrite: str
    examples_bad: tuple[str, ...]
    examples_good: tuple[str, ...]
    kind: str = "code"
    replacement: tuple[str, ...] | None = None
    fix: FixSafety = FixSafety.UNSAFE
    origin: str = "built-in"
    default_enabled: bool = True
    tags: tuple[str, ...] = ()
    legal_risk: str | None = None
    #: How the rule decides, in more detail than ``why`` (shown by ``explain``; for code checks).
    details: str = ""
    fact_slot: str | None = None
    #: A generic example of the rewrite (shown as "Example: …"; never put into the email).
    example: str | None = None
    #: Sentence templates a phrase rule's rewrite is built from (``{sentence}``, ``{text}``, ``{before}``,
    #: ``{after}`` and the pattern's capture names), in the email's language.
    template: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A phrase/pattern rule from a pack: metadata plus patterns, exceptions and replacements."""

    meta: RuleMeta
    patterns: tuple[str, ...]
    exceptions: tuple[str, ...] = ()
    swaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentence: bool = False
    conditions: ScopeConditions = field(default_factory=ScopeConditions)


def _str(raw: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise RuleError(f"{where}: '{key}' must be a non-empty string")
    return value


def _str_list(raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where}: '{key}' must be a list of strings")
    return tuple(value)


#: The fields a ``[[rules]]`` table may have.
RULE_FIELDS = frozenset(
    {
        "code",
        "slug",
        "category",
        "severity",
        "language",
        "message",
        "why",
        "rewrite",
        "examples",
        "patterns",
        "exceptions",
        "replacement",
        "swap",
        "fix",
        "sentence",
        "enabled",
        "unless",
        "require",
        "scope",
        "question",
        "tags",
        "legal-risk",
        "fact-slot",
        "example",
        "template",
    }
)


def parse_rule(raw: dict[str, Any], defaults: dict[str, Any], where: str) -> PhraseRule:
    """Validate one ``[[rules]]`` table."""
    merged = {**defaults, **raw}
    unknown = set(raw) - RULE_FIELDS
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    code = _str(merged, "code", where)
    where = f"{where} ({code})"
    identity = _identity(merged, code, where)
    bad, good = _examples(merged, where)
    swaps, patterns = _patterns(merged, where)
    replacement = merged.get("replacement")
    if replacement is not None:
        replacement = (replacement,) if isinstance(replacement, str) else tuple(replacement)
    meta = RuleMeta(
        code=code,
        **identity,
        message=_str(merged, "message", where),
        why=_str(merged, "why", where),
        rewrite=_str(merged, "rewrite", where),
        example=_str(merged, "example", where, "") or None,
        template=_templates(merged, where),
        examples_bad=bad,
        examples_good=good,
        kind="phrase",
        replacement=replacement,
        origin=where.split(" (")[0],
        default_enabled=bool(merged.get("enabled", True)),
        tags=_tags(merged, where),
        legal_risk=_str(merged, "legal-risk", where, "") or None,
        fact_slot=_str(merged, "fact-slot", where, "") or None,
    )
    try:
        conditions = parse_conditions(merged, where)
    except VocabularyError as exc:
        raise RuleError(str(exc)) from None
    exceptions = _str_list(merged, "exceptions", where)
    return PhraseRule(meta, patterns, exceptions, swaps, bool(merged.get("sentence")), conditions)


#: What a sentence template may name besides the pattern's captures.
TEMPLATE_FIELDS = frozenset({"sentence", "text", "before", "after"})
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_-]*)\}")


def _templates(merged: dict[str, Any], where: str) -> tuple[str, ...]:
    """``template``: one sentence template or a list; every ``{name}`` must be a template field or a capture
    that one of the rule's patterns names."""
    templates = _str_list(merged, "template", where)
    known = set(TEMPLATE_FIELDS)
    for pattern in _str_list(merged, "patterns", where) + tuple(merged.get("swap", {}) or ()):
        with contextlib.suppress(PatternError):  # reported with the patterns
            known.update(strip_captures(pattern)[1])
    for template in templates:
        if not template.strip() or "{" in _PLACEHOLDER.sub("", template) or "}" in _PLACEHOLDER.sub("", template):
            raise RuleError(f"{where}: template {template!r} must be text with {{placeholders}} only")
        unknown = set(_PLACEHOLDER.findall(template)) - known
        if unknown:
            names = ", ".join(sorted(unknown))
            raise RuleError(f"{where}: template {template!r} names {names}, which no pattern captures")
    return templates


def _identity(merged: dict[str, Any], code: str, where: str) -> dict[str, Any]:
    """The rule's slug, category, language, severity and fix safety, validated (and its code's form)."""
    if not CODE.match(code):
        raise RuleError(f"{where}: code must look like AB123")
    slug = _str(merged, "slug", where)
    if not SLUG.match(slug):
        raise RuleError(f"{where}: slug must be lowercase words joined by '-'")
    category = _str(merged, "category", where)
    if category not in CATEGORIES:
        raise RuleError(f"{where}: unknown category {category!r}")
    language = _str(merged, "language", where)
    if language not in LANGUAGES:
        raise RuleError(f"{where}: language must be one of {LANGUAGES}")
    try:
        severity = Severity(_str(merged, "severity", where, "warning"))
        fix = FixSafety(_str(merged, "fix", where, "unsafe"))
    except ValueError as exc:
        raise RuleError(f"{where}: {exc}") from None
    return {"slug": slug, "category": category, "severity": severity, "language": language, "fix": fix}


def _examples(merged: dict[str, Any], where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The bad and good examples (at least one of each)."""
    examples = merged.get("examples", {})
    if not isinstance(examples, dict):
        raise RuleError(f"{where}: 'examples' must be a table with 'bad' and 'good'")
    bad, good = _str_list(examples, "bad", where), _str_list(examples, "good", where)
    if not bad or not good:
        raise RuleError(f"{where}: every rule needs at least one bad and one good example")
    return bad, good


def _patterns(merged: dict[str, Any], where: str) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """(swaps, patterns): the patterns with their own replacements, and every pattern; all (and the
    exceptions) checked for syntax."""
    swap_raw = merged.get("swap", {})
    if not isinstance(swap_raw, dict):
        raise RuleError(f"{where}: 'swap' must be a table of pattern = replacement")
    swaps = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in swap_raw.items()}
    patterns = _str_list(merged, "patterns", where) + tuple(swaps)
    if not patterns:
        raise RuleError(f"{where}: a phrase rule needs 'patterns' or 'swap'")
    for pattern in patterns + _str_list(merged, "exceptions", where):
        try:
            check_syntax(pattern)
        except PatternError as exc:
            raise RuleError(f"{where}: {exc}") from None
    return swaps, patterns


def _tags(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    """``tags``: what the rule means to other checks (``pitch``, ``opener``, ``closer``, ``legal-claim``…)."""
    tags = _str_list(raw, "tags", where)
    for tag in tags:
        if not SLUG.match(tag):
            raise RuleError(f"{where}: tag {tag!r} must be lowercase words joined by '-'")
    return tags


def load_pack(path: Path) -> list[PhraseRule]:
    """Load one rule file: an optional ``[pack]`` table of defaults and ``[[rules]]``."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise RuleError(f"{path}: cannot read: {exc.strerror}") from None
    defaults = data.get("pack", {})
    if not isinstance(defaults, dict):
        raise RuleError(f"{path}: [pack] must be a table")
    defaults = {
        k: v for k, v in defaults.items() if k in ("category", "severity", "language", "fix", "tags", "template")
    }
    rules = data.get("rules", [])
    if not isinstance(rules, list):
        raise RuleError(f"{path}: 'rules' must be an array of tables ([[rules]])")
    return [parse_rule(raw, defaults, f"{path.name}[{i}]") for i, raw in enumerate(rules)]


def builtin_rules_dir() -> Path:
    """Where the shipped packs live: inside the wheel, or the repository's rules/ when run from source."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("built-in rule packs not found (broken installation)")


def load_directory(directory: Path) -> list[PhraseRule]:
    rules: list[PhraseRule] = []
    for path in sorted(directory.rglob("*.toml")):
        rules.extend(load_pack(path))
    return rules


def load_classes(directory: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """The ``[classes]`` tables of every pack under ``directory``, per language (``[pack] language``)."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted(directory.rglob("*.toml")):
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, OSError):
            continue  # load_pack reports it
        if "classes" not in data:
            continue
        language = data.get("pack", {}).get("language") if isinstance(data.get("pack"), dict) else None
        if language not in ("en", "de", "*"):
            raise RuleError(f"{path}: a file with [classes] needs [pack] language = \"en\" or \"de\"")
        try:
            classes = parse_classes(data["classes"], str(path))
        except VocabularyError as exc:
            raise RuleError(str(exc)) from None
        for lang in ("en", "de") if language == "*" else (language,):
            table = found.setdefault(lang, {})
            for name, members in classes.items():
                table[name] = tuple(dict.fromkeys(table.get(name, ()) + members))
    return found
