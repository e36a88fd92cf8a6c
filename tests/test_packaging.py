"""The wheel carries the rule packs, the code checks' example files and the console script; an installed copy runs
outside the source tree."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "outreach_lint" / "checks" / "examples"


def test_wheel_ships_rule_packs_and_installs(tmp_path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("outreach_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for pack in (
        "en/generic-pitch.toml",
        "de/generic-pitch.toml",
        "en/overpromise.toml",
        "de/talking-down.toml",
        "structure.toml",
    ):
        assert f"outreach_lint/_rules/{pack}" in names
    fixtures = {f"outreach_lint/checks/examples/{path.name}" for path in EXAMPLES.glob("*.toml")}
    assert "outreach_lint/checks/examples/_emails.toml" in fixtures
    assert "outreach_lint/checks/examples/CO003.toml" in fixtures
    assert fixtures <= set(names), sorted(fixtures - set(names))
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "outreach-lint = outreach_lint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=False, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    _see_dependencies_of_this_environment(python)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "outreach-lint"), "rules", "--format", "json", "--lang", "de"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"GP501"' in result.stdout
    location = subprocess.run(
        [str(python), "-c", "import outreach_lint.rulepack as r; print(r.builtin_rules_dir())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env_dir) in location and location.strip().endswith("_rules")
    examples = subprocess.run(
        [str(python), "-c", "import outreach_lint, outreach_lint.checks.registry as r; print(r.examples_dir())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(env_dir) in examples and examples.strip().endswith("examples")


def _see_dependencies_of_this_environment(python: Path) -> None:
    """Let the new venv import the dependencies installed in the environment running the tests (and nothing of
    the base interpreter): a .pth file names this environment's site-packages. Their own .pth files (such as an
    editable install of this project) are not processed, so the wheel's copy is the one imported."""
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    ours = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (Path(site_packages) / "_test_dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
