"""The Linter: built once (rules compiled, pipelines loaded), then used for any number of emails."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable
from pathlib import Path

from . import checks as _checks  # noqa: F401  (registers the code checks)
from .analysis.context import CheckContext, RawFinding
from .analysis.jurisdiction import claims_jurisdiction
from .analysis.options import CheckOptions
from .analysis.topic import rewrite_facts
from .analysis.units import Unit
from .checks.base import CodeCheck
from .checks.metric import metric_checks
from .checks.phrase import PhraseEngine
from .checks.registry import CODE_CHECKS
from .config import Config, ConfigError, Override
from .discovery import DEFAULT_EXCLUDE, PathFilter, expand_paths, glob_matches, relative_path
from .document import Document
from .language import detect_language
from .mergefields import merge_field_spans
from .models import FileReport, Finding, FixSafety, Position, Report, Severity, Suggestion
from .nlp import Pipelines
from .parsing import LineIndex, parse
from .patterns import strip_captures
from .prospect import Prospect, ProspectError, from_mapping, load_prospect, resolve
from .rulepack import MetricRule, PhraseRule, RuleError, RuleMeta, builtin_rules_dir, load_classes, load_directory
from .source import Source, SourceError, is_template_path, read_path, read_stream, read_text
from .spelling import build_spelling_service
from .spelling.hunspell_backend import DictionaryError
from .suppression import apply_suppressions
from .vocabularies import WordClasses

UNUSED_SUPPRESSION = "OL001"
#: Errors in the configuration, rule packs or dictionaries: they concern every file, so they are raised.
CONFIGURATION_ERRORS = (ConfigError, RuleError, DictionaryError)
#: Pipelines and compiled rules are shared between Linters that load the same packs (building them is
#: the expensive part); a rule file edited while the process runs is picked up by a new process.
_SHARED_LOCK = threading.Lock()
_SHARED_PIPELINES: dict[tuple, Pipelines] = {}
_SHARED_ENGINES: dict[tuple, PhraseEngine] = {}


class Linter:
    """Checks emails. Safe to share between threads; never prints."""

    def __init__(self, config: Config | None = None, **overrides: object) -> None:
        self.config = (config or Config()).with_overrides(**overrides)
        models_key = tuple(sorted(self.config.spacy_models.items()))
        with _SHARED_LOCK:
            self.pipelines = _SHARED_PIPELINES.setdefault(models_key, Pipelines(self.config.spacy_models))
        self._engine_key = (models_key, tuple(str(d) for d in self.config.rule_dirs))
        self._lock = self.pipelines.lock
        pack_rules = load_directory(builtin_rules_dir())
        for directory in self.config.rule_dirs:
            pack_rules.extend(load_directory(directory))
        phrase_rules = [rule for rule in pack_rules if isinstance(rule, PhraseRule)]
        metric_rules = [rule for rule in pack_rules if isinstance(rule, MetricRule)]
        #: The metric rules run as checks, before the code checks, with the configuration's limits.
        self._metric_checks = metric_checks(metric_rules, self.config.options)
        self.word_classes = _word_classes((builtin_rules_dir(), *self.config.rule_dirs))
        _validate_language(phrase_rules, self.word_classes)
        self._phrase_rules: dict[str, list[PhraseRule]] = {}
        for rule in phrase_rules:
            languages = ("en", "de") if rule.meta.language == "*" else (rule.meta.language,)
            for language in languages:
                self._phrase_rules.setdefault(language, []).append(rule)
        self._engines: dict[str, PhraseEngine] = {}
        self._checks_by_language: dict[str, list[CodeCheck]] = {}
        self.rules: dict[str, RuleMeta] = {}
        for meta in [r.meta for r in pack_rules] + [c.meta for c in CODE_CHECKS]:
            if meta.code in self.rules:
                raise ValueError(f"rule code {meta.code} is defined twice ({meta.origin})")
            self.rules[meta.code] = meta
        self._validate_selectors()
        self.enabled = self._select()
        self._prospect = load_prospect(self.config.prospect_file) if self.config.prospect_file else None
        self.spelling = build_spelling_service(self.config)
        self._options = CheckOptions.from_config(self.config, self.enabled, self.spelling)
        #: Rules with a legal risk that are switched off: they still run, and CO006 reports their claims.
        self._claim_codes = (
            {code for code, meta in self.rules.items() if meta.legal_risk} - self.enabled
            if "CO006" in self.enabled
            else set()
        )

    # -- selection ------------------------------------------------------------------------------------
    def selector_names(self) -> list[str]:
        """Every name a selector may use: codes, slugs, categories and ``all``."""
        names = {"all"} | {m.code for m in self.rules.values()} | {m.slug for m in self.rules.values()}
        return sorted(names | {m.category for m in self.rules.values()})

    def validate_selector(self, selector: str, option: str = "select") -> None:
        """Raise ConfigError for a selector that matches no rule, naming the closest valid one."""
        if any(self._selector_matches(selector, meta) for meta in self.rules.values()) or selector.lower() == "all":
            return
        raise ConfigError(unknown_selector_message(selector, self.selector_names(), option))

    def _validate_selectors(self) -> None:
        config = self.config
        for option, selectors in (
            ("select", config.select),
            ("extend-select", config.extend_select),
            ("ignore", config.ignore),
        ):
            for selector in selectors:
                self.validate_selector(selector, option)
        for override in config.overrides:
            for selector in override.ignore:
                self.validate_selector(selector, "per-file ignore")

    @staticmethod
    def _selector_matches(selector: str, meta: RuleMeta) -> bool:
        lowered = selector.lower()
        if lowered in ("all", meta.category, meta.slug):
            return True
        return meta.code.startswith(selector.upper())

    def _select(self) -> set[str]:
        config = self.config
        enabled = set()
        for code, meta in self.rules.items():
            if config.select:
                chosen = any(
                    self._selector_matches(s, meta) and (meta.default_enabled or s.upper() == code)
                    for s in config.select
                )
            else:
                chosen = meta.default_enabled
            if any(self._selector_matches(s, meta) for s in config.extend_select):
                chosen = True
            if any(self._selector_matches(s, meta) for s in config.ignore):
                chosen = False
            if chosen:
                enabled.add(code)
        return enabled

    def _engine(self, language: str) -> PhraseEngine:
        """The compiled phrase rules; shared by every Linter with the same packs and pipelines."""
        with self._lock:
            if language not in self._engines:
                key = (*self._engine_key, language)
                engine = _SHARED_ENGINES.get(key)
                if engine is None:
                    nlp = self.pipelines.get(language)
                    rules = self._phrase_rules.get(language, [])
                    engine = PhraseEngine(rules, language, nlp, self.word_classes[language])
                    _SHARED_ENGINES[key] = engine
                self._engines[language] = engine
            return self._engines[language]

    def warm_up(self, languages: Iterable[str] = ("en", "de")) -> None:
        """Build pipelines and compile rules now instead of on first use."""
        for language in languages:
            self._engine(language)

    # -- public API -----------------------------------------------------------------------------------
    def lint(
        self,
        text: str,
        lang: str | None = None,
        *,
        path: str = "<string>",
        fmt: str = "text",
        prospect: Prospect | dict | None = None,
        mode: str | None = None,
    ) -> FileReport:
        """Check an email given as a string (plain text with optional Subject: line, or fmt=markdown/html/eml).

        ``prospect`` describes the recipient (a Prospect or a mapping with the schema's fields); ``mode`` is
        "draft" (about to be sent) or "template" (merge fields expected)."""
        return self.check_source(read_text(text, path, fmt), lang=lang, prospect=prospect, mode=mode)

    def check_source(
        self, source: Source, lang: str | None = None, prospect: Prospect | dict | None = None, mode: str | None = None
    ) -> FileReport:
        try:
            document = parse(source)
            explicit = from_mapping(prospect) if isinstance(prospect, dict) else prospect
            resolved = resolve(explicit or self._prospect, document.front_matter, document.headers.get("to"))
        except (SourceError, ProspectError) as exc:
            return FileReport(source.path, error=str(exc))
        except Exception as exc:  # a parser bug must not stop the other files
            return FileReport(source.path, error=internal_error(exc))
        try:
            return self.check_document(document, lang=lang, prospect=resolved, mode=mode)
        except CONFIGURATION_ERRORS:
            raise  # the setup is wrong for every file: the caller reports it once
        except Exception as exc:  # a check's bug must not stop the other files
            return FileReport(source.path, error=internal_error(exc))

    def check_paths(
        self, paths: list[str], lang: str | None = None, stdin_name: str = "-", force_exclude: bool = False
    ) -> Report:
        """Check files, directories (recursively) and ``-`` (stdin); unreadable inputs become errors.

        Directories skip the excluded paths (``exclude``/``extend-exclude``); files named explicitly are
        skipped too with ``force_exclude``. Per-file settings (``per-file-ignores``, ``[[overrides]]``) apply
        by path."""
        files, problems = expand_paths(paths, self.exclude_filter(), force_exclude)
        report = Report([FileReport(path, error=message) for path, message in problems])
        for path in files:
            report.files.append(self._check_one(path, lang, stdin_name))
        return report

    def exclude_filter(self) -> PathFilter:
        """The paths a directory walk leaves out."""
        base = DEFAULT_EXCLUDE if self.config.exclude is None else self.config.exclude
        return PathFilter((*base, *self.config.extend_exclude), self.config.root)

    def overrides_for(self, path: str) -> list[Override]:
        """The ``[[overrides]]`` and ``per-file-ignores`` entries whose globs match ``path``."""
        if path == "-" or not self.config.overrides:
            return []
        relative = relative_path(Path(path), self.config.root)
        return [o for o in self.config.overrides if any(glob_matches(g, relative) for g in o.files)]

    def _check_one(self, path: str, lang: str | None, stdin_name: str) -> FileReport:
        shown = stdin_name if path == "-" else path
        try:
            source = read_stream(sys.stdin.buffer, stdin_name) if path == "-" else read_path(path)
        except SourceError as exc:
            return FileReport(shown, error=str(exc))
        except Exception as exc:
            return FileReport(shown, error=internal_error(exc))
        overrides = self.overrides_for(shown)
        mode = next((o.mode for o in reversed(overrides) if o.mode), None)
        lang = lang or next((o.lang for o in reversed(overrides) if o.lang), None)
        report = self.check_source(source, lang=lang, mode=mode)
        ignored = [s for o in overrides for s in o.ignore]
        if ignored and report.findings:
            report.findings = [
                f for f in report.findings if not any(self._selector_matches(s, self.rules[f.code]) for s in ignored)
            ]
        return report

    # -- the pipeline ---------------------------------------------------------------------------------
    def check_document(
        self, document: Document, lang: str | None = None, prospect: Prospect | None = None, mode: str | None = None
    ) -> FileReport:
        subject_text = document.subject.text if document.subject else ""
        language = lang or self.config.lang or detect_language(subject_text + "\n" + document.body.text)
        if language not in ("de", "en"):
            return FileReport(document.source.path, error=f"unsupported language {language!r} (use de or en)")
        raw: list[RawFinding] = []
        claims: list[RawFinding] = []  # of the switched-off rules with a legal risk
        legal = claims_jurisdiction(document, language, self.config.jurisdiction) is not None
        codes = self.enabled | self._claim_codes if legal and self._claim_codes else self.enabled
        with self._lock:
            engine = self._engine(language)
            body = Unit("body", document.body, self.pipelines.analyze(language, document.body.text))
            subject = None
            if document.subject is not None and document.subject.text.strip():
                subject = Unit("subject", document.subject, self.pipelines.analyze(language, document.subject.text))
            facts = rewrite_facts(language, subject_text, body.tokens, body.lowers)
            for unit in (u for u in (subject, body) if u is not None):
                for finding in engine.run(unit, codes, legal, facts):
                    (claims if finding.meta.code in self._claim_codes else raw).append(finding)
        mode = mode or self.config.mode or ("template" if is_template_path(document.source.path) else "draft")
        if mode == "template" and not merge_field_spans(document.source.text):
            mode = "draft"  # a file without a single merge field is an email about to be sent
        context = CheckContext(
            document,
            language,
            body,
            subject,
            options=self._options,
            phrase_findings=list(raw),
            mode=mode,
            prospect=prospect or Prospect(),
            unreported_claims=claims,
            given_rewrite_facts=facts,
        )
        for check in self._code_checks(language):
            raw.extend(check.run(context))
        context.memo.clear()  # shared analyses refer back to the context: free them now, not in a GC pass
        index = LineIndex(document.source.text)
        signature = [(r.start, r.end) for r in document.regions if r.kind == "signature"]
        findings = self._locate(raw, document.source.text, index, signature)
        findings, unused = apply_suppressions(findings, document.directives, document.source.text)
        if UNUSED_SUPPRESSION in self.enabled:
            meta = self.rules[UNUSED_SUPPRESSION]
            for directive in unused:
                findings.append(
                    self._make(
                        meta,
                        document.source.text,
                        index,
                        directive.start,
                        directive.end,
                        (Suggestion(None, meta.rewrite),),
                        None,
                    )
                )
        findings = _one_per_span(findings)
        return FileReport(
            document.source.path,
            language,
            None,
            findings,
            list(self.pipelines.notices) + self.spelling.notices,
            document.source.text,
        )

    def _code_checks(self, language: str) -> list[CodeCheck]:
        """The enabled code checks for ``language``, in registry order (worked out once per language)."""
        checks = self._checks_by_language.get(language)
        if checks is None:
            checks = self._checks_by_language[language] = [
                check
                for check in (*self._metric_checks, *CODE_CHECKS)
                if check.meta.code in self.enabled and check.meta.language in ("*", language)
            ]
        return checks

    def _locate(
        self, raw: list[RawFinding], source_text: str, index: LineIndex, signature: list[tuple[int, int]] = ()
    ) -> list[Finding]:
        findings: list[Finding] = []
        seen: set[tuple[str, int, int]] = set()
        accept = self.config.accept
        for item in raw:
            text_start, text_end = _trim(item.unit.text, item.start, item.end)
            start, end = item.unit.mapped.source_span(text_start, text_end)
            if accept and source_text[start:end].strip().lower() in accept:
                continue
            key = (item.meta.code, start, end)
            if key in seen:
                continue
            seen.add(key)
            suggestions = item.suggestions
            if signature and any(start < sig_end and end > sig_start for sig_start, sig_end in signature):
                suggestions = _only_additions(suggestions, source_text[start:end])
            findings.append(self._make(item.meta, source_text, index, start, end, suggestions, item.message))
        return findings

    def _make(
        self,
        meta: RuleMeta,
        source_text: str,
        index: LineIndex,
        start: int,
        end: int,
        suggestions: tuple[Suggestion, ...],
        message: str | None,
    ) -> Finding:
        line, column = index.line_column(start)
        end_line, end_column = index.line_column(end)
        severity = self.config.severity.get(meta.code, meta.severity)
        return Finding(
            meta.code,
            meta.slug,
            meta.category,
            severity,
            message or meta.message,
            Position(line, column, start),
            Position(end_line, end_column, end),
            source_text[start:end],
            suggestions,
        )

    def fails(self, report: Report) -> bool:
        """Whether any finding is at or above the failing severity."""
        threshold = self.config.fail_on.rank
        return any(f.severity.rank >= threshold for f in report.findings)


def _only_additions(suggestions: tuple[Suggestion, ...], text: str) -> tuple[Suggestion, ...]:
    """In the signature a fix may only add (the missing Pflichtangaben after the company line): a replacement
    that does not keep the signature's text is advice, never applied automatically."""
    return tuple(
        s
        if s.replacement is None or s.replacement.startswith(text) or s.replacement.endswith(text)
        else Suggestion(s.replacement, s.description, FixSafety.NONE)
        for s in suggestions
    )


def _one_per_span(findings: list[Finding]) -> list[Finding]:
    """Where several rules flag the very same text with the same rewrite, report it once (the most severe,
    data rules first); different advice on the same text is kept."""
    best: dict[tuple[int, int, str | None], Finding] = {}
    for finding in findings:
        replacement = finding.suggestions[0].replacement if finding.suggestions else None
        key = (finding.start.offset, len(finding.text.rstrip()), replacement)
        current = best.get(key)
        if current is None or (finding.severity.rank, finding.category != "structure") > (
            current.severity.rank,
            current.category != "structure",
        ):
            best[key] = finding
    return sorted(best.values(), key=lambda f: (f.start.offset, f.end.offset, f.code))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop line breaks and indentation at the edges of a span (a trailing space after a sentence stays)."""
    while start < end and text[start].isspace():
        start += 1
    while (end > start and text[end - 1] in "\r\n\t") or (end > start + 1 and text[end - 2 : end] == "  "):
        end -= 1
    return start, end


def _word_classes(directories: Iterable[Path]) -> dict[str, WordClasses]:
    """The word classes of each language: the shipped ones, extended by the user's packs."""
    classes = {language: WordClasses(language=language) for language in ("en", "de")}
    for directory in directories:
        for language, table in load_classes(Path(directory)).items():
            classes[language] = classes[language].merged(table)
    return classes


def _validate_language(rules: list[PhraseRule], classes: dict[str, WordClasses]) -> None:
    """Every @class a pattern names and every class a scope condition names exists (checked when loaded)."""
    for rule in rules:
        languages = ("en", "de") if rule.meta.language == "*" else (rule.meta.language,)
        where = f"{rule.meta.origin} ({rule.meta.code})"
        for language in languages:
            try:
                for pattern in rule.patterns + rule.exceptions:
                    plain, _ = strip_captures(pattern)
                    classes[language].expand(plain, where)
                rule.conditions.validate(classes[language], where)
            except ValueError as exc:
                raise RuleError(str(exc)) from None


def internal_error(exc: Exception) -> str:
    """One line for an unexpected exception: the file is reported, the run goes on."""
    detail = " ".join(str(exc).split())[:200]
    return f"internal error while checking ({type(exc).__name__}{': ' + detail if detail else ''}); please report it"


def unknown_selector_message(selector: str, names: list[str], option: str) -> str:
    """``unknown selector 'bogus'`` with the closest valid name, if any is close."""
    import difflib

    lowered = {name.lower(): name for name in names}
    close = difflib.get_close_matches(selector.lower(), list(lowered), n=1, cutoff=0.6)
    hint = f"; did you mean '{lowered[close[0]]}'?" if close else " (see `outreach-lint rules`)"
    return f"unknown selector '{selector}' in {option}{hint}"


_DEFAULT: Linter | None = None
_DEFAULT_LOCK = threading.Lock()


def lint(
    text: str,
    lang: str | None = None,
    *,
    config: Config | None = None,
    fmt: str = "text",
    path: str = "<string>",
    **overrides: object,
) -> FileReport:
    """Check one email given as a string. A shared default Linter is reused when no options are given."""
    global _DEFAULT
    if config is None and not overrides:
        with _DEFAULT_LOCK:
            if _DEFAULT is None:
                _DEFAULT = Linter()
        linter = _DEFAULT
    else:
        linter = Linter(config, **overrides)
    return linter.lint(text, lang, path=path, fmt=fmt)


def load_linter(config_path: Path | None = None, **overrides: object) -> Linter:
    from .config import find_config, load_config

    path = config_path or find_config(Path.cwd())
    return Linter(load_config(path), **overrides)


__all__ = ["Linter", "Severity", "lint", "load_linter"]
