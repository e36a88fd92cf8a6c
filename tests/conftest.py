from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from outreach_lint import Linter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


def run_cli(*args: str, input: str | bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed command line in a fresh process (as a rep or pre-commit would)."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "outreach_lint", *args],
        input=input.encode() if isinstance(input, str) else input,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
