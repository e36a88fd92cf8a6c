"""outreach-lint: lint German and English sales-outreach email drafts before they go out.

>>> from outreach_lint import lint
>>> report = lint("Subject: Fuel costs\n\nHi Jana, I hope this email finds you well. ...")
>>> [f.code for f in report.findings]
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Linter": "linter",
    "lint": "linter",
    "Config": "config",
    "ConfigError": "config",
    "load_config": "config",
    "FileReport": "models",
    "Finding": "models",
    "FixSafety": "models",
    "Position": "models",
    "Report": "models",
    "Severity": "models",
    "Suggestion": "models",
}

if TYPE_CHECKING:
    from .config import Config, ConfigError, load_config
    from .linter import Linter, lint
    from .models import FileReport, Finding, FixSafety, Position, Report, Severity, Suggestion


def __getattr__(name: str) -> Any:
    """Import the public names on first use, so that the command line can start quickly."""
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'outreach_lint' has no attribute {name!r}")


__all__ = sorted(_EXPORTS)
