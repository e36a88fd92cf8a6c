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
#: The kinds of rule: ``phrase`` and ``metric`` rules are data in packs, ``code`` checks are Python.
KINDS = ("phrase", "metric", "code")
LANGUAGES = ("en", "de", "*")
#: What a metric rule counts, and the part of the email it counts in (one finding per part out of bounds).
METRIC_COUNTS = ("words", "characters")
METRIC_SCOPES = ("body", "sentence", "subject", "paragraph")
#: The configuration keys a metric rule's ``option`` may name: the configured value replaces the rule's ``max``.
METRIC_OPTIONS = ("max-words", "max-sentence-words", "max-subject-words", "max-subject-chars")
#: The built-in suggestions a metric rule's ``suggest`` may name: the scope each works on and the counts it
#: understands (the builders are ``outreach_lint.checks.metric``).
SUGGESTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "shorten-draft": ("body", ("words",)),
    "shorten-subject": ("subject", METRIC_COUNTS),
    "split-sentence": ("sentence", METRIC_COUNTS),
}
#: What a metric rule's ``finding-message`` may name.
METRIC_PLACEHOLDERS = ("count", "max", "min", "words", "characters")


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


@dataclass(frozen=True, slots=True)
class Measure:
    """One bound of a metric rule: what is counted, the limits (either may be None), and the configuration key
    whose value replaces ``max``."""

    count: str
    max: int | None = None
    min: int | None = None
    option: str | None = None

    def outside(self, counted: int) -> bool:
        """Whether ``counted`` breaks this bound: above ``max`` or below ``min``."""
        return (self.max is not None and counted > self.max) or (self.min is not None and counted < self.min)


@dataclass(frozen=True, slots=True)
class MetricRule:
    """A metric rule from a pack: a count with bounds over a part of the email (Vale's occurrence/metric)."""

    meta: RuleMeta
    per: str
    measures: tuple[Measure, ...]
    #: The finding's message with ``{count}``, ``{max}``, ``{min}``, ``{words}``, ``{characters}``; None: ``message``.
    finding_message: str | None = None
    #: A built-in suggestion (``SUGGESTERS``) for a part over its maximum; None: the rule's rewrite as advice.
    suggest: str | None = None


Rule = PhraseRule | MetricRule


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


#: The fields every ``[[rules]]`` table may have, and those of one kind only.
COMMON_FIELDS = frozenset(
    {"kind", "code", "slug", "category", "severity", "language", "message", "why", "rewrite", "examples"}
    | {"enabled", "tags", "example"}
)
PHRASE_FIELDS = frozenset(
    {"patterns", "exceptions", "replacement", "swap", "fix", "sentence", "unless", "require", "scope"}
    | {"question", "legal-risk", "fact-slot", "template"}
)
METRIC_FIELDS = frozenset({"count", "per", "max", "min", "option", "measures", "finding-message", "suggest"})
RULE_FIELDS = COMMON_FIELDS | PHRASE_FIELDS | METRIC_FIELDS


def parse_rule(raw: dict[str, Any], defaults: dict[str, Any], where: str) -> Rule:
    """Validate one ``[[rules]]`` table: a phrase rule, or a metric rule with ``kind = "metric"``."""
    merged = {**defaults, **raw}
    unknown = set(raw) - RULE_FIELDS
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    code = _str(merged, "code", where)
    where = f"{where} ({code})"
    kind = merged.get("kind", "phrase")
    if kind not in ("phrase", "metric"):
        raise RuleError(f'{where}: kind must be "phrase" or "metric"')
    foreign = set(raw) & (PHRASE_FIELDS if kind == "metric" else METRIC_FIELDS)
    if foreign:
        names = ", ".join(sorted(foreign))
        if kind == "metric":
            raise RuleError(f"{where}: a metric rule has no {names} (those are phrase-rule fields)")
        raise RuleError(f'{where}: {names} belong to metric rules; add kind = "metric"')
    if kind == "metric":
        return _metric_rule({k: v for k, v in merged.items() if k != "fix"}, code, where)
    return _phrase_rule(merged, code, where)


def _head(merged: dict[str, Any], code: str, where: str) -> dict[str, Any]:
    """The identity (code, slug, category, language, severity, fix) and examples every rule has, validated."""
    head = {"code": code, **_identity(merged, code, where)}
    head["examples_bad"], head["examples_good"] = _examples(merged, where)
    return head


def _meta(merged: dict[str, Any], head: dict[str, Any], where: str, **fields: Any) -> RuleMeta:
    """The metadata every kind of rule has, validated; ``fields`` are the kind's own."""
    return RuleMeta(
        **head,
        message=_str(merged, "message", where),
        why=_str(merged, "why", where),
        rewrite=_str(merged, "rewrite", where),
        example=_str(merged, "example", where, "") or None,
        origin=where.split(" (")[0],
        default_enabled=bool(merged.get("enabled", True)),
        tags=_tags(merged, where),
        **fields,
    )


def _phrase_rule(merged: dict[str, Any], code: str, where: str) -> PhraseRule:
    """A phrase rule: patterns, exceptions, replacements, scope conditions and templates."""
    head = _head(merged, code, where)
    swaps, patterns = _patterns(merged, where)
    replacement = merged.get("replacement")
    if replacement is not None:
        replacement = (replacement,) if isinstance(replacement, str) else tuple(replacement)
    meta = _meta(
        merged,
        head,
        where,
        template=_templates(merged, where),
        kind="phrase",
        replacement=replacement,
        legal_risk=_str(merged, "legal-risk", where, "") or None,
        fact_slot=_str(merged, "fact-slot", where, "") or None,
    )
    try:
        conditions = parse_conditions(merged, where)
    except VocabularyError as exc:
        raise RuleError(str(exc)) from None
    exceptions = _str_list(merged, "exceptions", where)
    return PhraseRule(meta, patterns, exceptions, swaps, bool(merged.get("sentence")), conditions)


def _metric_rule(merged: dict[str, Any], code: str, where: str) -> MetricRule:
    """A metric rule: ``per`` (the scope), one measure (``count``/``max``/``min``/``option``) or a list of them
    (``measures``), and optionally ``finding-message`` and ``suggest``."""
    head = _head(merged, code, where)
    per = merged.get("per")
    if per not in METRIC_SCOPES:
        raise RuleError(f"{where}: per must be one of {', '.join(METRIC_SCOPES)}")
    single = {key: merged[key] for key in ("count", "max", "min", "option") if key in merged}
    if single and "measures" in merged:
        raise RuleError(f"{where}: give either count/max/min/option or measures, not both")
    tables = merged.get("measures", [single])
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise RuleError(f"{where}: measures must be a non-empty list of tables ({{ count = ..., max = ... }})")
    named = "measures" in merged
    measures = tuple(_measure(t, f"{where} measure {i + 1}" if named else where) for i, t in enumerate(tables))
    suggest = _suggest(merged, per, measures, where)
    finding_message = _finding_message(merged, measures, where)
    details = metric_details(per, measures)
    meta = _meta(merged, head, where, kind="metric", details=details)
    return MetricRule(meta, per, measures, finding_message, suggest)


def _measure(table: dict[str, Any], where: str) -> Measure:
    """One count with its bounds: positive whole numbers, ``min`` not above ``max``, ``option`` a known key."""
    unknown = set(table) - {"count", "max", "min", "option"}
    if unknown:
        raise RuleError(f"{where}: unknown measure field(s) {', '.join(sorted(unknown))}")
    count = table.get("count")
    if count not in METRIC_COUNTS:
        raise RuleError(f"{where}: count must be one of {', '.join(METRIC_COUNTS)}")
    bounds = {}
    for key in ("max", "min"):
        value = table.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value <= 0):
            raise RuleError(f"{where}: {key} must be a positive whole number, not {value!r}")
        bounds[key] = value
    if bounds["max"] is None and bounds["min"] is None:
        raise RuleError(f"{where}: a measure needs max, min or both")
    if bounds["max"] is not None and bounds["min"] is not None and bounds["min"] > bounds["max"]:
        raise RuleError(f"{where}: min ({bounds['min']}) is above max ({bounds['max']})")
    option = table.get("option")
    if option is not None:
        if option not in METRIC_OPTIONS:
            known = ", ".join(METRIC_OPTIONS)
            raise RuleError(f"{where}: option {option!r} is not a limit the configuration sets ({known})")
        if bounds["max"] is None:
            raise RuleError(f"{where}: option {option!r} replaces max; give max as its default")
    return Measure(count, bounds["max"], bounds["min"], option)


def _suggest(merged: dict[str, Any], per: str, measures: tuple[Measure, ...], where: str) -> str | None:
    """``suggest``: the name of a built-in suggestion that fits the rule's scope and counts."""
    name = merged.get("suggest")
    if name is None:
        return None
    if not isinstance(name, str) or name not in SUGGESTERS:
        raise RuleError(f"{where}: suggest {name!r} is not a built-in suggestion ({', '.join(SUGGESTERS)})")
    scope, counts = SUGGESTERS[name]
    if per != scope:
        raise RuleError(f'{where}: suggest {name!r} works on per = "{scope}" only')
    if any(measure.count not in counts for measure in measures):
        raise RuleError(f"{where}: suggest {name!r} needs every measure to count {' or '.join(counts)}")
    return name


def _finding_message(merged: dict[str, Any], measures: tuple[Measure, ...], where: str) -> str | None:
    """``finding-message``: text with placeholders of ``METRIC_PLACEHOLDERS`` only; ``{max}`` and ``{min}`` only
    where every measure has that bound."""
    message = _str(merged, "finding-message", where, "") or None
    if message is None:
        return None
    rest = _NAME_ONLY.sub("", message)
    if "{" in rest or "}" in rest:
        raise RuleError(f"{where}: finding-message {message!r} must be text with {{placeholders}} only")
    for name in _NAME_ONLY.findall(message):
        if name not in METRIC_PLACEHOLDERS:
            raise RuleError(f"{where}: finding-message names {{{name}}}; it may name {', '.join(METRIC_PLACEHOLDERS)}")
        if name in ("max", "min") and any(getattr(measure, name) is None for measure in measures):
            raise RuleError(f"{where}: finding-message names {{{name}}}, but a measure has no {name}")
    return message


#: How ``explain`` describes each scope of a metric rule.
_SCOPE_TEXT = {
    "body": "your own prose: quoted replies, forwarded text and the signature do not count",
    "sentence": "each sentence after the greeting",
    "subject": "the subject line",
    "paragraph": "each paragraph after the greeting (a paragraph ends at a blank line)",
}


def metric_details(per: str, measures: tuple[Measure, ...]) -> str:
    """How a metric rule decides, in words (shown by ``explain`` and listed by ``rules``)."""
    counts = " and ".join(dict.fromkeys(measure.count for measure in measures))
    text = f"Counts the {counts} of {_SCOPE_TEXT[per]}."
    if per == "subject" and any(measure.count == "words" for measure in measures):
        text = text[:-1] + " (words are the parts between spaces)."
    limits = [_limit_text(measure) for measure in measures]
    if len(measures) == 1 and measures[0].min is None:
        return f"{text} The limit is {limits[0]}."
    bounds = [_bounds_text(measure, limit) for measure, limit in zip(measures, limits, strict=True)]
    return f"{text} It fires on {' or '.join(bounds)}."


def _limit_text(measure: Measure) -> str:
    if measure.max is None:
        return ""
    return f"`{measure.option}` (default {measure.max})" if measure.option else str(measure.max)


def _bounds_text(measure: Measure, limit: str) -> str:
    above = f"more than {limit} {measure.count}"
    below = f"fewer than {measure.min} {measure.count}"
    if measure.min is None:
        return above
    return below if measure.max is None else f"{below} or {above}"


#: What a sentence template may name besides the pattern's captures.
TEMPLATE_FIELDS = frozenset({"sentence", "text", "before", "after", "rest", "topic"})
#: A template placeholder: a field or capture name, optionally in a case (``{text:lower}``).
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_-]*)(?::lower|:upper|:none)?\}")
#: A metric message placeholder: a name only (the message is filled with ``str.format``).
_NAME_ONLY = re.compile(r"\{([a-z][a-z0-9_-]*)\}")


def _templates(merged: dict[str, Any], where: str) -> tuple[str, ...]:
    """``template``: one sentence template or a list; every ``{name}`` must be a template field or a capture
    that one of the rule's patterns names."""
    templates = _str_list(merged, "template", where)
    known = set(TEMPLATE_FIELDS)
    for pattern in _str_list(merged, "patterns", where) + tuple(merged.get("swap", {}) or ()):
        with contextlib.suppress(PatternError):  # reported with the patterns
            known.update(strip_captures(pattern)[1])
    for template in templates:
        if not template.strip() or "{" in PLACEHOLDER.sub("", template) or "}" in PLACEHOLDER.sub("", template):
            raise RuleError(f"{where}: template {template!r} must be text with {{placeholders}} only")
        unknown = set(PLACEHOLDER.findall(template)) - known
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


def load_pack(path: Path) -> list[Rule]:
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


def load_directory(directory: Path) -> list[Rule]:
    """Every rule of every pack under ``directory``, phrase and metric rules alike."""
    rules: list[Rule] = []
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
            raise RuleError(f'{path}: a file with [classes] needs [pack] language = "en" or "de"')
        try:
            classes = parse_classes(data["classes"], str(path))
        except VocabularyError as exc:
            raise RuleError(str(exc)) from None
        for lang in ("en", "de") if language == "*" else (language,):
            table = found.setdefault(lang, {})
            for name, members in classes.items():
                table[name] = tuple(dict.fromkeys(table.get(name, ()) + members))
    return found
