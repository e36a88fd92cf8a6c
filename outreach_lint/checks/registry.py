"""Registration of checks written in Python, with the same metadata as data rules.

A check's examples live next to it as data: ``examples/<CODE>.toml`` (see ``examples/README.md``).
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Callable, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from ..analysis.context import CheckContext, RawFinding
from ..models import FixSafety, Severity
from ..rulepack import RuleMeta
from .base import CodeCheck

CODE_CHECKS: list[CodeCheck] = []
#: The file of named base emails that several rules' examples start from.
SHARED_EMAILS = "_emails.toml"
OPEN, CLOSE = "⟦", "⟧"
_EDITS = frozenset({"replace", "prepend", "append", "mark"})


class ExampleFixtureError(ValueError):
    """An example fixture file is malformed, or an example in it does not resolve."""


def examples_dir() -> Traversable:
    """The folder of example fixtures, inside the installed package."""
    return files(__package__) / "examples"


def _read_toml(path: Traversable) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExampleFixtureError(f"{path.name}: no such example file in {examples_dir()}") from None
    except tomllib.TOMLDecodeError as error:
        raise ExampleFixtureError(f"{path.name}: {error}") from None


@functools.cache
def shared_emails() -> dict[str, str]:
    """The named base emails of ``_emails.toml``: ``[name] text = ...``."""
    emails = {}
    for name, table in _read_toml(examples_dir() / SHARED_EMAILS).items():
        if not isinstance(table, dict) or set(table) != {"text"} or not isinstance(table["text"], str):
            raise ExampleFixtureError(f"{SHARED_EMAILS}: [{name}] must hold exactly one string, text")
        emails[name] = table["text"]
    return emails


def _replace_once(text: str, old: str, new: str, where: str, what: str) -> str:
    if not old:
        raise ExampleFixtureError(f"{where}: {what} looks for an empty string")
    count = text.count(old)
    if count != 1:
        raise ExampleFixtureError(f"{where}: {what} {old!r} occurs {count} times in the email; it must occur once")
    return text.replace(old, new)


def _is_pair(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(part, str) for part in value)


def _replacements(value: object, where: str) -> list[tuple[str, str]]:
    if not isinstance(value, list) or not all(_is_pair(pair) for pair in value):
        raise ExampleFixtureError(f'{where}: replace must be a list of ["old", "new"] pairs')
    return [(old, new) for old, new in value]


def resolve_example(entry: Mapping[str, Any], emails: Mapping[str, str], where: str) -> str:
    """An example's text: its own ``text``, or a shared ``email`` with its edits applied in this order:
    each ``replace`` pair, then ``prepend`` and ``append``, then ``mark`` (wrapped in ⟦ ⟧). Every string that is
    looked for must occur exactly once."""
    keys = set(entry)
    if "text" in keys:
        if keys != {"text"} or not isinstance(entry["text"], str):
            raise ExampleFixtureError(f"{where}: an entry with text has nothing else, and text is a string")
        return entry["text"]
    if "email" not in keys or keys - _EDITS - {"email"}:
        raise ExampleFixtureError(
            f"{where}: an entry has either text, or email and any of {sorted(_EDITS)}; it has {sorted(keys)}"
        )
    strings = {key: entry[key] for key in keys - {"replace"}}
    if not all(isinstance(value, str) for value in strings.values()):
        raise ExampleFixtureError(f"{where}: email, prepend, append and mark are strings")
    if entry["email"] not in emails:
        raise ExampleFixtureError(f"{where}: no shared email named {entry['email']!r} in {SHARED_EMAILS}")
    text = emails[entry["email"]]
    for old, new in _replacements(entry.get("replace", []), where):
        text = _replace_once(text, old, new, where, "replace")
    text = entry.get("prepend", "") + text + entry.get("append", "")
    if "mark" in entry:
        text = _replace_once(text, entry["mark"], f"{OPEN}{entry['mark']}{CLOSE}", where, "mark")
    return text


def load_examples(code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The bad and good examples of ``code``, from ``examples/<code>.toml``."""
    name = f"{code}.toml"
    data = _read_toml(examples_dir() / name)
    if set(data) - {"bad", "good"}:
        raise ExampleFixtureError(f"{name}: only [[bad]] and [[good]] entries; found {sorted(set(data))}")
    emails = shared_emails()

    def kind(key: str) -> tuple[str, ...]:
        entries = data.get(key, [])
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            raise ExampleFixtureError(f"{name}: {key} must be an array of tables, [[{key}]]")
        return tuple(resolve_example(entry, emails, f"{name} {key}[{i}]") for i, entry in enumerate(entries))

    return kind("bad"), kind("good")


def register(
    *,
    code: str,
    slug: str,
    category: str,
    message: str,
    why: str,
    rewrite: str,
    severity: Severity = Severity.WARNING,
    language: str = "*",
    fix: FixSafety = FixSafety.UNSAFE,
    default_enabled: bool = True,
    details: str = "",
    example: str | None = None,
) -> Callable[[Callable[[CheckContext, RuleMeta], list[RawFinding]]], Callable]:
    """Decorator: ``run(ctx, meta) -> findings`` becomes a listed, explainable, self-testing check; its examples
    come from ``examples/<code>.toml``."""
    bad, good = load_examples(code)

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
            example=example,
        )
        CODE_CHECKS.append(CodeCheck(meta, lambda ctx: run(ctx, meta)))
        return run

    return wrap
