"""The pre-commit hook, run by pre-commit itself (try-repo installs this repository into its own env)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None, reason="pre-commit and git are test extras"
)

CLEAN = (
    "Subject: Fuel surcharges in Q3\n\nHi {{ first_name }},\n\nYour Q3 report names fuel surcharges as the top "
    "risk. Two carriers of your size cut them by 8 % last year by pooling routes. Worth a look?\n\nBest,\nTom\n"
)
FAKE_REPLY = (
    "Subject: Re: our call\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk. Worth a look?\n"
)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def precommit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, home: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "outreach-lint", "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_hook_fails_on_errors_and_only_checks_template_files(tmp_path, precommit_home) -> None:
    repo = tmp_path / "templates-repo"
    (repo / "templates").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "cold.txt.j2").write_text(CLEAN, encoding="utf-8")
    (repo / "templates" / "followup.md").write_text(FAKE_REPLY, encoding="utf-8")
    (repo / "script.py").write_text("# Re: ACT NOW!!! guaranteed\n", encoding="utf-8")
    for name in ("README.md", "LICENSE.txt", "requirements.txt", "notes.md", "templates/README.md"):
        (repo / name).write_text(FAKE_REPLY, encoding="utf-8")
    git(repo, "add", "-A")
    everything = ["cold.txt.j2", "templates/followup.md", "script.py", "README.md", "LICENSE.txt"]
    everything += ["requirements.txt", "notes.md", "templates/README.md"]
    result = try_repo(repo, precommit_home, *everything)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout.split("outreach-lint...")[-1]
    assert "templates/followup.md:1:10: ST006" in output
    for skipped in ("script.py", "README.md", "LICENSE.txt", "requirements.txt", "notes.md"):
        assert skipped not in output, skipped
    clean = try_repo(repo, precommit_home, "cold.txt.j2", "script.py", "README.md", "templates/README.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_hook_files_pattern_matches_template_folders_only() -> None:
    import re

    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = re.compile(hook["files"])
    for path in ("templates/cold.md", "emails/de/erstkontakt.txt", "sales/Drafts/q3.html", "cold.txt.j2", "x.eml"):
        assert pattern.search(path), path
    for path in ("README.md", "LICENSE.txt", "requirements.txt", "docs/guide.md", "mytemplates/notes.md"):
        assert not pattern.search(path), path
    assert "--force-exclude" in hook["entry"]
