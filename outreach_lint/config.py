"""Configuration: ``[tool.outreach-lint]`` in pyproject.toml or ``.outreach-lint.toml``, nearest file wins."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .models import Severity

CONFIG_FILE = ".outreach-lint.toml"

#: Numeric options passed to checks (TOML kebab-case name → check option name).
NUMERIC_OPTIONS = {
    "max-words": "max_words",
    "max-sentence-words": "max_sentence_words",
    "max-subject-words": "max_subject_words",
    "max-subject-chars": "max_subject_chars",
    "min-reading-ease": "min_reading_ease",
    "self-focus-ratio": "self_focus_ratio",
}
_LIST_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "accept",
    "rule-dirs",
    "accept-files",
    "reject-files",
    "dictionary-dirs",
    "exclude",
    "extend-exclude",
)
_SPELLING_KEYS = {
    "spelling",
    "dictionaries",
    "spelling-reject",
    "spelling-suggestion-budget",
    "languagetool-url",
    "languagetool-username",
    "languagetool-api-key",
    "languagetool-timeout",
}
_KNOWN = (
    set(NUMERIC_OPTIONS)
    | set(_LIST_KEYS)
    | _SPELLING_KEYS
    | {"lang", "fail-on", "reject", "spacy-models", "severity", "mode", "prospect", "merge-fields"}
    | {"jurisdiction", "footer-injected", "per-file-ignores", "overrides"}
)
MODES = ("draft", "template")
JURISDICTIONS = ("de", "eu", "us", "none")
SPELLING_BACKENDS = ("hunspell", "languagetool", "off")


def personal_accept_file() -> Path:
    """The rep's own accept list: $XDG_CONFIG_HOME/outreach-lint/accept.txt (~/.config/… by default)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "outreach-lint" / "accept.txt"


class ConfigError(ValueError):
    """A configuration file or value that cannot be used."""


@dataclass(frozen=True, slots=True)
class Override:
    """Settings for the files that match any of ``files`` (globs relative to the config file's folder)."""

    files: tuple[str, ...]
    ignore: tuple[str, ...] = ()
    mode: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Config:
    """Everything that changes what the linter checks and reports."""

    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    fail_on: Severity = Severity.WARNING
    rule_dirs: tuple[Path, ...] = ()
    accept: frozenset[str] = frozenset()
    reject: dict[str, str] = field(default_factory=dict)
    spacy_models: dict[str, str] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    spelling: str = "hunspell"
    dictionaries: dict[str, str] = field(default_factory=dict)
    dictionary_dirs: tuple[Path, ...] = ()
    spelling_reject: dict[str, str] = field(default_factory=dict)
    spelling_suggestion_budget: float = 1.0
    languagetool_url: str | None = None
    languagetool_username: str | None = None
    languagetool_api_key: str | None = None
    languagetool_timeout: float = 5.0
    mode: str | None = None
    prospect_file: Path | None = None
    merge_fields: tuple[str, ...] = ()
    jurisdiction: str | None = None
    footer_injected: bool = False
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    path: Path | None = None

    @property
    def root(self) -> Path:
        """The folder that exclude and override globs are relative to: the config file's, else the cwd."""
        return self.path.parent.resolve() if self.path else Path.cwd().resolve()

    def with_overrides(self, **changes: Any) -> Config:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def find_config(start: Path) -> Path | None:
    """The nearest ``.outreach-lint.toml`` or pyproject.toml with a [tool.outreach-lint] table."""
    directory = start if start.is_dir() else start.parent
    for folder in (directory.resolve(), *directory.resolve().parents):
        candidate = folder / CONFIG_FILE
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "outreach-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def load_config(path: Path | None) -> Config:
    """Load a config file (``None`` gives the defaults)."""
    if path is None:
        return Config()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("outreach-lint", {})
    return parse_config(data, path)


def read_word_list(path: Path) -> list[str]:
    """The words of a word-list file: one a line; blank lines and lines starting with ``#`` are skipped.

    Raises OSError or UnicodeDecodeError when the file cannot be read."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _words_from_files(files: list[str], base: Path) -> set[str]:
    words: set[str] = set()
    for name in files:
        file = (base / name).resolve()
        try:
            words.update(read_word_list(file))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"word list {file}: cannot read ({exc})") from None
    return words


def parse_config(data: dict[str, Any], path: Path | None = None) -> Config:
    """Validate a config table (kebab-case keys, as in the TOML file)."""
    where = str(path) if path else "config"
    _check_keys(data, where)
    base = path.parent if path else Path.cwd()
    selection = _selection(data, where, base)
    spelling = _spelling_settings(data, where, base)
    outreach = _outreach_settings(data, where, base)
    overrides = _overrides(data, where)
    return Config(
        exclude=tuple(data["exclude"]) if "exclude" in data else None,
        extend_exclude=tuple(data.get("extend-exclude", [])),
        overrides=overrides,
        path=path,
        **selection,
        **spelling,
        **outreach,
    )


def _check_keys(data: dict[str, Any], where: str) -> None:
    """Unknown options, and list options that are not lists of strings."""
    unknown = set(data) - _KNOWN
    if unknown:
        raise ConfigError(f"{where}: unknown option(s): {', '.join(sorted(unknown))}")
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")


def _selection(data: dict[str, Any], where: str, base: Path) -> dict[str, Any]:
    """Which rules run and how they report: selectors, language, severities, word lists, check options, models."""
    lang = data.get("lang")
    if lang not in (None, "de", "en"):
        raise ConfigError(f'{where}: lang must be "de" or "en"')
    try:
        fail_on = Severity(data.get("fail-on", "warning"))
        severity = {code.upper(): Severity(level) for code, level in data.get("severity", {}).items()}
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    reject = data.get("reject", {})
    if isinstance(reject, list):
        reject = dict.fromkeys(reject, "")
    if not isinstance(reject, dict) or not all(isinstance(v, str) for v in reject.values()):
        raise ConfigError(f"{where}: 'reject' must be a list of words or a table of word = replacement")
    reject.update(dict.fromkeys(_words_from_files(data.get("reject-files", []), base) - set(reject), ""))
    accept = set(data.get("accept", [])) | _words_from_files(data.get("accept-files", []), base)
    options: dict[str, Any] = {}
    for key, name in NUMERIC_OPTIONS.items():
        if key in data:
            if not isinstance(data[key], int | float) or isinstance(data[key], bool) or data[key] <= 0:
                raise ConfigError(f"{where}: '{key}' must be a positive number")
            options[name] = data[key]
    models = data.get("spacy-models", {})
    if not isinstance(models, dict):
        raise ConfigError(f"{where}: 'spacy-models' must be a table such as {{en = \"en_core_web_sm\"}}")
    return {
        "select": tuple(data.get("select", [])),
        "extend_select": tuple(data.get("extend-select", [])),
        "ignore": tuple(data.get("ignore", [])),
        "lang": lang,
        "fail_on": fail_on,
        "rule_dirs": tuple((base / d).resolve() for d in data.get("rule-dirs", [])),
        "accept": frozenset(w.lower() for w in accept),
        "reject": reject,
        "spacy_models": dict(models),
        "severity": severity,
        "options": options,
    }


def _spelling_settings(data: dict[str, Any], where: str, base: Path) -> dict[str, Any]:
    """The spelling backend, its dictionaries and word lists, and LanguageTool's server."""
    spelling = data.get("spelling", "hunspell")
    if spelling not in SPELLING_BACKENDS:
        raise ConfigError(f"{where}: spelling must be one of {', '.join(SPELLING_BACKENDS)}")
    dictionaries = data.get("dictionaries", {})
    if not isinstance(dictionaries, dict) or not set(dictionaries) <= {"de", "en"}:
        raise ConfigError(f'{where}: \'dictionaries\' must be a table such as {{de = "de_CH", en = "en_GB"}}')
    spelling_reject = data.get("spelling-reject", {})
    if isinstance(spelling_reject, list):
        spelling_reject = dict.fromkeys(spelling_reject, "")
    if not isinstance(spelling_reject, dict):
        raise ConfigError(f"{where}: 'spelling-reject' must be a list of words or a table of word = spelling")
    for key in ("languagetool-url", "languagetool-username", "languagetool-api-key"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{where}: '{key}' must be a string")
    for key in ("spelling-suggestion-budget", "languagetool-timeout"):
        if key in data and (not isinstance(data[key], int | float) or data[key] <= 0):
            raise ConfigError(f"{where}: '{key}' must be a positive number of seconds")
    return {
        "spelling": spelling,
        "dictionaries": dict(dictionaries),
        "dictionary_dirs": tuple((base / d).resolve() for d in data.get("dictionary-dirs", [])),
        "spelling_reject": spelling_reject,
        "spelling_suggestion_budget": float(data.get("spelling-suggestion-budget", 1.0)),
        "languagetool_url": data.get("languagetool-url"),
        "languagetool_username": data.get("languagetool-username"),
        "languagetool_api_key": data.get("languagetool-api-key"),
        "languagetool_timeout": float(data.get("languagetool-timeout", 5.0)),
    }


def _outreach_settings(data: dict[str, Any], where: str, base: Path) -> dict[str, Any]:
    """Draft or template, the jurisdiction, the prospect file, the merge fields and the injected footer."""
    mode = data.get("mode")
    if mode not in (None, *MODES):
        raise ConfigError(f'{where}: mode must be "draft" or "template"')
    jurisdiction = data.get("jurisdiction")
    if jurisdiction not in (None, *JURISDICTIONS):
        raise ConfigError(f"{where}: jurisdiction must be one of {', '.join(JURISDICTIONS)}")
    prospect = data.get("prospect")
    if prospect is not None and not isinstance(prospect, str):
        raise ConfigError(f"{where}: 'prospect' must be a path to a TOML or JSON file")
    merge_fields = data.get("merge-fields", [])
    if not isinstance(merge_fields, list) or not all(isinstance(v, str) for v in merge_fields):
        raise ConfigError(f"{where}: 'merge-fields' must be a list of field names")
    if not isinstance(data.get("footer-injected", False), bool):
        raise ConfigError(f"{where}: 'footer-injected' must be true or false")
    return {
        "mode": mode,
        "prospect_file": (base / prospect).resolve() if prospect else None,
        "merge_fields": tuple(merge_fields),
        "jurisdiction": jurisdiction,
        "footer_injected": bool(data.get("footer-injected", False)),
    }


def _string_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _overrides(data: dict[str, Any], where: str) -> tuple[Override, ...]:
    """``per-file-ignores`` (ruff's table of glob = codes) and ``[[overrides]]`` (files, ignore, mode, lang)."""
    result: list[Override] = []
    per_file = data.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(_string_list(v) for v in per_file.values()):
        raise ConfigError(f'{where}: \'per-file-ignores\' must be a table of glob = [codes] ("drafts/*" = ["RS001"])')
    result.extend(Override((glob,), tuple(codes)) for glob, codes in per_file.items())
    tables = data.get("overrides", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables ([[tool.outreach-lint.overrides]])")
    for number, table in enumerate(tables, 1):
        label = f"{where}: overrides #{number}"
        unknown = set(table) - {"files", "ignore", "mode", "lang"}
        if unknown:
            raise ConfigError(f"{label}: unknown option(s): {', '.join(sorted(unknown))} (files, ignore, mode, lang)")
        if not _string_list(table.get("files")) or not table["files"]:
            raise ConfigError(f"{label}: 'files' must be a non-empty list of globs")
        if not _string_list(table.get("ignore", [])):
            raise ConfigError(f"{label}: 'ignore' must be a list of codes, prefixes or categories")
        if table.get("mode") not in (None, *MODES):
            raise ConfigError(f'{label}: mode must be "draft" or "template"')
        if table.get("lang") not in (None, "de", "en"):
            raise ConfigError(f'{label}: lang must be "de" or "en"')
        files, ignore = tuple(table["files"]), tuple(table.get("ignore", []))
        result.append(Override(files, ignore, table.get("mode"), table.get("lang")))
    return tuple(result)
