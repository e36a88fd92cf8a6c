"""outreach-lint: lint German and English sales-outreach email drafts before they go out."""

from .config import Config, ConfigError, load_config
from .linter import Linter, lint
from .models import FileReport, Finding, FixSafety, Position, Report, Severity, Suggestion

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "FileReport",
    "Finding",
    "FixSafety",
    "Linter",
    "Position",
    "Report",
    "Severity",
    "Suggestion",
    "lint",
    "load_config",
]
