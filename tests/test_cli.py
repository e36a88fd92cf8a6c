"""The command line: formats, selection, config, exit codes, fixes, rules and explain."""

from __future__ import annotations

import json
from pathlib import Path

BAD = (
    "Subject: QUICK QUESTION!!!\n\nHi Jana,\n\nMy name is Tom and I work for Routely. We are a Berlin start-up. "
    "Our platform is used by our customers and we are proud of our team.\n\nBest regards,\nTom\n"
)
CLEAN = (
    "Subject: Fuel surcharges in Q3\n\nHi Jana,\n\nYour Q3 report names fuel surcharges as the top risk for "
    "Northwind. Two carriers of your size cut them by 8 % last year by pooling routes around Leipzig.\n\n"
    "Would a short comparison be useful for your team?\n\nBest,\nTom\n"
)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_json_output_is_the_contract(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", BAD)
    result = cli("check", "--format", "json", str(path))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert set(data) == {"version", "files"} and data["version"] == 2
    (file,) = data["files"]
    assert set(file) == {"path", "language", "error", "findings"}
    assert file["language"] == "en" and file["error"] is None
    finding = file["findings"][0]
    assert set(finding) == {"code", "rule", "category", "severity", "message", "start", "end", "text", "suggestions"}
    assert set(finding["start"]) == {"line", "column", "offset"}
    assert set(finding["suggestions"][0]) == {"replacement", "description", "fix", "example"}
    assert finding["suggestions"][0]["fix"] in ("safe", "unsafe", "none")
    for item in file["findings"]:
        assert BAD[item["start"]["offset"] : item["end"]["offset"]] == item["text"]
        assert item["suggestions"] and item["suggestions"][0]["description"]


def test_clean_email_exits_zero(cli, tmp_path) -> None:
    path = write(tmp_path, "clean.txt", CLEAN)
    result = cli("check", str(path))
    assert result.returncode == 0, result.stdout.decode()
    assert b"All clear" in result.stdout


def test_full_output_shows_line_span_message_and_rewrite(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", BAD)
    out = cli("check", str(path)).stdout.decode()
    assert f"{path}:1:10: ST005" in out
    assert "QUICK QUESTION!!!" in out and "^^^^" in out
    assert "rewrite: Quick question" in out
    assert "Found" in out


def test_concise_and_github_formats(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", BAD)
    concise = cli("check", "--format", "concise", str(path)).stdout.decode().splitlines()
    assert concise and all(line.startswith(f"{path}:") for line in concise)
    assert any(": SF001 " in line for line in concise)
    github = cli("check", "--format", "github", str(path)).stdout.decode().splitlines()
    assert any(line.startswith("::warning file=") and "title=SF001" in line for line in github)


def test_select_ignore_by_code_prefix_category(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", BAD)

    def codes(*args: str) -> set[str]:
        data = json.loads(cli("check", "--format", "json", *args, str(path)).stdout)
        return {f["code"] for f in data["files"][0]["findings"]}

    everything = codes()
    assert {"SF001", "ST005"} <= everything
    assert codes("--select", "SF001") == {"SF001"}
    assert codes("--select", "self-focus") <= {"SF001", "SF002"}
    assert all(c.startswith("ST") for c in codes("--select", "ST"))
    assert not any(c.startswith("ST") for c in codes("--ignore", "structure"))
    assert "SF001" not in codes("--ignore", "SF001,ST005")


def test_exit_zero_and_fail_on(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", BAD)
    assert cli("check", "--exit-zero", str(path)).returncode == 0
    assert cli("check", "--fail-on", "error", "--select", "SF", str(path)).returncode == 0
    assert cli("check", "--fail-on", "warning", "--select", "SF", str(path)).returncode == 1


def test_stdin(cli) -> None:
    result = cli("check", "--format", "json", "-", input=BAD)
    data = json.loads(result.stdout)
    assert data["files"][0]["path"] == "-" and data["files"][0]["findings"]
    result = cli("check", "--format", "json", "--stdin-filename", "mail.html", "-", input="<p>Hi!!! there</p>")
    assert json.loads(result.stdout)["files"][0]["path"] == "mail.html"


def test_lang_override(cli, tmp_path) -> None:
    path = write(tmp_path, "d.txt", "Subject: Hi\n\nHallo, wir sind ein Start-up.\n")
    data = json.loads(cli("check", "--format", "json", "--lang", "en", str(path)).stdout)
    assert data["files"][0]["language"] == "en"


def test_config_file_and_pyproject(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD)
    write(tmp_path, ".outreach-lint.toml", 'ignore = ["structure"]\n')
    data = json.loads(cli("check", "--format", "json", "draft.txt", cwd=tmp_path).stdout)
    assert not any(f["category"] == "structure" for f in data["files"][0]["findings"])
    other = tmp_path / "project"
    other.mkdir()
    write(other, "draft.txt", BAD)
    write(other, "pyproject.toml", '[tool.outreach-lint]\nselect = ["SF001"]\n')
    data = json.loads(cli("check", "--format", "json", "draft.txt", cwd=other).stdout)
    assert {f["code"] for f in data["files"][0]["findings"]} == {"SF001"}
    explicit = write(tmp_path, "team.toml", 'select = ["ST005"]\n')
    data = json.loads(cli("check", "--format", "json", "--config", str(explicit), "draft.txt", cwd=other).stdout)
    assert {f["code"] for f in data["files"][0]["findings"]} == {"ST005"}


def test_bad_config_exits_2(cli, tmp_path) -> None:
    write(tmp_path, ".outreach-lint.toml", "selekt = []\n")
    write(tmp_path, "d.txt", CLEAN)
    result = cli("check", "d.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert b"unknown option" in result.stderr
    assert cli("check", "--config", str(tmp_path / "missing.toml"), "d.txt", cwd=tmp_path).returncode == 2


def test_rules_and_explain(cli) -> None:
    listing = json.loads(cli("rules", "--format", "json").stdout)
    codes = {r["code"] for r in listing}
    assert {"SF001", "ST001", "ST009"} <= codes
    assert all(r["category"] and r["message"] for r in listing)
    table = cli("rules").stdout.decode()
    assert "SF001" in table
    explained = cli("explain", "SF002").stdout.decode()
    assert "Why" in explained and "Rewrite" in explained and "Fires on" in explained and "Sie/Ihnen" in explained
    assert cli("explain", "opens-with-self").returncode == 0
    assert cli("explain", "XX999").returncode == 2


def test_fix_writes_atomically_and_diff_does_not_write(cli, tmp_path) -> None:
    path = write(tmp_path, "draft.txt", "Subject: Fuel\n\nHi Jana,\n\nThis ends Friday!!! Worth a look?\n")
    before = path.read_text()
    diff = cli("check", "--diff", str(path))
    assert b"-This ends Friday!!! Worth a look?" in diff.stdout
    assert path.read_text() == before
    cli("check", "--fix", str(path))
    assert path.read_text() == "Subject: Fuel\n\nHi Jana,\n\nThis ends Friday. Worth a look?\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
