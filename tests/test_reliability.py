"""Nothing is lost, nothing hangs, nothing crashes: fixes, odd files, paths, selectors, stdin and encodings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from outreach_lint import Linter
from outreach_lint.cli import main
from outreach_lint.fixes import FixSkipped, write_fixed
from tests.test_cli import BAD, CLEAN, write

SIGN_OFF_ENDINGS = ["\r\n", "\t\n", "  \n", " \t\r\n", "\n"]
MEETING = "Your Q3 report named dock delays at the Rotterdam hub. Do you have 15 minutes next week?"


def findings(result) -> list[dict]:
    return [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]


# -- 1. a fix never takes a line it does not own ---------------------------------------------------------------


@pytest.mark.parametrize("ending", SIGN_OFF_ENDINGS, ids=repr)
def test_fix_never_deletes_the_name_after_a_closing_line(cli, tmp_path, ending) -> None:
    newline = "\r\n" if ending.endswith("\r\n") else "\n"
    text = (
        f"Hi Sarah,{newline}{newline}{MEETING}{newline}{newline}"
        f"Looking forward to hearing from you,{ending}Brad{newline}"
    )
    draft = write(tmp_path, "t.txt", text.encode())
    result = cli("check", "--fix", str(draft))
    assert result.returncode in (0, 1), result.stderr
    fixed = draft.read_bytes().decode()
    assert "Brad" in fixed.splitlines()
    assert "Looking forward" not in fixed
    assert newline == "\n" or "\n" not in fixed.replace("\r\n", "")  # the newline style is kept


@pytest.mark.parametrize("signature", ["Brad\nHead of Sales\nRoutely GmbH", "Brad Miller\nRoutely"])
def test_unsafe_fixes_keep_every_signature_line(cli, tmp_path, signature) -> None:
    text = f"Hi Sarah,\n\n{MEETING}\n\nLooking forward to hearing from you,  \n{signature}\n"
    draft = write(tmp_path, "t.txt", text)
    cli("check", "--fix", "--unsafe-fixes", str(draft))
    lines = draft.read_text(encoding="utf-8").splitlines()
    for line in signature.splitlines():
        assert line in lines


def test_finding_span_stops_at_the_line_end(linter) -> None:
    text = f"Hi Sarah,\r\n\r\n{MEETING}\r\n\r\nLooking forward to hearing from you,\t\r\nBrad\r\n"
    report = linter.lint(text, "en")
    for finding in report.findings:
        assert "Brad" not in finding.text, finding


# -- 3. only regular files are read; nothing blocks -----------------------------------------------------------


def test_fifo_on_the_command_line_and_in_a_folder_is_an_error_line(cli, tmp_path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    good = write(folder, "good.txt", BAD)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "named.txt")
    result = cli("check", "--format", "json", str(tmp_path / "named.txt"), str(folder))
    assert result.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert "FIFO" in files["named.txt"]["error"] and "FIFO" in files["pipe.txt"]["error"]
    assert files["good.txt"]["findings"] and files["good.txt"]["error"] is None
    assert good.read_text(encoding="utf-8") == BAD


def test_devices_are_not_read(cli) -> None:
    result = cli("check", "--format", "concise", "/dev/zero")
    assert result.returncode == 2
    assert b"character device" in result.stderr


# -- 8. unreadable paths are one error line each; internal errors exit 2 --------------------------------------


def test_unreadable_paths_do_not_stop_the_other_files(cli, tmp_path) -> None:
    good = write(tmp_path, "good.txt", BAD)
    through_file = str(good) + "/child.txt"
    too_long = str(tmp_path / ("x" * 300 + ".txt"))
    paths = [through_file, too_long, str(good), str(tmp_path / "missing.txt")]
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        write(locked, "inside.txt", BAD)
        locked.chmod(0)
        paths.append(str(locked / "inside.txt"))
    result = cli("check", "--format", "json", *paths)
    assert result.returncode == 2
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert "not a directory" in files[through_file]["error"]
    assert "too long" in files[too_long]["error"]
    assert "no such file" in files[str(tmp_path / "missing.txt")]["error"]
    assert files[str(good)]["findings"]
    assert b"Traceback" not in result.stderr


def test_symlink_loop_is_named(cli, tmp_path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    result = cli("check", "--format", "json", str(tmp_path / "a.txt"))
    assert result.returncode == 2
    assert "symbolic link loop" in json.loads(result.stdout)["files"][0]["error"]


def test_internal_error_exits_2_with_one_line(monkeypatch, tmp_path) -> None:
    draft = write(tmp_path, "d.txt", BAD)

    def broken(*args, **kwargs):
        raise RuntimeError("something unexpected\nover two lines")

    monkeypatch.setattr(Linter, "check_paths", broken)
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2
    assert "internal error: RuntimeError: something unexpected over two lines" in result.output
    assert "Traceback" not in result.output


def test_a_crashing_check_is_that_files_error_only(monkeypatch, tmp_path) -> None:
    linter = Linter()
    original = Linter.check_document

    def flaky(self, document, *args, **kwargs):
        if "boom" in document.source.path:
            raise ValueError("bad state")
        return original(self, document, *args, **kwargs)

    monkeypatch.setattr(Linter, "check_document", flaky)
    boom = write(tmp_path, "boom.txt", BAD)
    good = write(tmp_path, "good.txt", BAD)
    report = linter.check_paths([str(boom), str(good)])
    errors = {Path(f.path).name: f.error for f in report.files}
    assert "internal error" in errors["boom.txt"] and "ValueError" in errors["boom.txt"]
    assert errors["good.txt"] is None


# -- 9. typos in selectors are errors, with the closest name ---------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "bogus"], "unknown selector 'bogus'"),
        (["--ignore", "generic-pitchh"], "did you mean 'generic-pitch'"),
        (["--extend-select", "OL0011"], "unknown selector 'OL0011'"),
        (["--select", "talking-dwn"], "did you mean 'talking-down'"),
    ],
)
def test_unknown_selectors_exit_2(cli, tmp_path, args, expected) -> None:
    draft = write(tmp_path, "d.txt", BAD)
    result = cli("check", *args, str(draft))
    assert result.returncode == 2
    assert expected in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def test_unknown_selector_in_config_exits_2(cli, tmp_path) -> None:
    write(tmp_path, ".outreach-lint.toml", 'select = ["generic-pitchh"]\n')
    draft = write(tmp_path, "d.txt", BAD)
    result = cli("check", str(draft), cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'generic-pitch'" in result.stderr.decode()


def test_unknown_category_for_rules_exits_2(cli) -> None:
    result = cli("rules", "--category", "nonsense")
    assert result.returncode == 2
    assert "unknown category 'nonsense'" in result.stderr.decode()
    close = cli("rules", "--category", "overpromse")
    assert close.returncode == 2 and "did you mean 'overpromise'" in close.stderr.decode()


def test_library_rejects_unknown_selectors() -> None:
    from outreach_lint.config import ConfigError

    with pytest.raises(ConfigError, match="unknown selector 'bogus'"):
        Linter(select=("bogus",))


# -- 10. stdin -------------------------------------------------------------------------------------------------


def test_fix_from_stdin_writes_only_the_email_to_stdout(cli) -> None:
    text = f"Hi Sarah,\n\n{MEETING}\n\nLooking forward to hearing from you,\nBrad\n"
    result = cli("check", "--fix", "-", input=text)
    out = result.stdout.decode()
    assert "Looking forward" not in out and "Brad" in out and MEETING in out
    assert "GP181" in result.stderr.decode()  # the report went to stderr
    assert "GP181" not in out


def test_no_paths_checks_the_current_folder_not_stdin(cli, tmp_path) -> None:
    write(tmp_path, "draft.txt", BAD)
    result = cli("check", "--format", "json", input="Subject: piped\n\nThis text must not be read.\n", cwd=tmp_path)
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == ["draft.txt"] or [Path(p).name for p in paths] == ["draft.txt"]


# -- 11. encodings ---------------------------------------------------------------------------------------------


def test_decode_error_offset_counts_the_bom(cli, tmp_path) -> None:
    data = b"\xef\xbb\xbfHi Jana,\nGr\xfc\xdfe\n"
    draft = write(tmp_path, "bom.txt", data)
    result = cli("check", "--format", "json", str(draft))
    error = json.loads(result.stdout)["files"][0]["error"]
    assert "line 2, column 3" in error
    offset = data.index(b"\xfc")
    assert f"byte offset {offset}" in error


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom_are_read_and_fixed_in_place(cli, tmp_path, encoding) -> None:
    text = f"Hi Sarah,\n\n{MEETING}\n\nLooking forward to hearing from you,\nBrad\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    draft = write(tmp_path, "wide.txt", data)
    result = cli("check", "--format", "json", str(draft))
    assert json.loads(result.stdout)["files"][0]["error"] is None
    assert any(f["code"] == "GP182" for f in findings(result))
    cli("check", "--fix", str(draft))
    fixed = draft.read_bytes()
    assert fixed[:2] == data[:2]  # the byte-order mark and its order are kept
    decoded = fixed.decode("utf-16" if encoding != "utf-32" else "utf-32")
    assert "Looking forward" not in decoded and "Brad" in decoded


def test_utf16_without_bom_is_called_binary_not_crashed(cli, tmp_path) -> None:
    draft = write(tmp_path, "wide.txt", "Hi Sarah".encode("utf-16-le"))
    result = cli("check", "--format", "json", str(draft))
    assert result.returncode == 2
    assert "binary" in json.loads(result.stdout)["files"][0]["error"]


# -- 6. --fix leaves protected files alone and keeps links ------------------------------------------------------

FIXABLE = f"Hi Sarah,\n\n{MEETING}\n\nLooking forward to hearing from you,\nBrad\n"


def test_read_only_file_is_not_rewritten(cli, tmp_path) -> None:
    draft = write(tmp_path, "ro.txt", FIXABLE)
    draft.chmod(0o444)
    result = cli("check", "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == FIXABLE
    assert "read-only" in result.stderr.decode()
    assert b"Traceback" not in result.stderr


def test_read_only_folder_is_not_written(cli, tmp_path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    draft = write(folder, "d.txt", FIXABLE)
    other = write(tmp_path, "other.txt", FIXABLE)
    folder.chmod(0o555)
    try:
        result = cli("check", "--fix", str(draft), str(other))
    finally:
        folder.chmod(0o755)
    assert draft.read_text(encoding="utf-8") == FIXABLE
    assert "read-only" in result.stderr.decode()
    assert "Looking forward" not in other.read_text(encoding="utf-8")  # the other file was still fixed
    assert sorted(p.name for p in folder.iterdir()) == ["d.txt"]  # no temporary file left behind


def test_symlink_is_kept_and_its_target_fixed(cli, tmp_path) -> None:
    target = write(tmp_path, "real.txt", FIXABLE)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    cli("check", "--fix", str(link))
    assert link.is_symlink()
    assert "Looking forward" not in target.read_text(encoding="utf-8")


def test_hard_linked_file_is_not_split(cli, tmp_path) -> None:
    draft = write(tmp_path, "d.txt", FIXABLE)
    twin = tmp_path / "twin.txt"
    os.link(draft, twin)
    result = cli("check", "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == FIXABLE
    assert os.stat(draft).st_ino == os.stat(twin).st_ino
    assert "hard links" in result.stderr.decode()


def test_an_edit_made_during_the_run_is_not_overwritten(tmp_path) -> None:
    draft = write(tmp_path, "d.txt", FIXABLE)
    original = draft.read_bytes()
    draft.write_text(FIXABLE + "P.S. added while linting\n", encoding="utf-8")
    with pytest.raises(FixSkipped, match="changed while it was checked"):
        write_fixed(draft, original, b"fixed")
    assert draft.read_text(encoding="utf-8").endswith("P.S. added while linting\n")
    assert [p.name for p in tmp_path.iterdir()] == ["d.txt"]


# -- 7. size limits come before reading --------------------------------------------------------------------------


def test_oversized_draft_is_rejected_unread(cli, tmp_path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)  # sparse: a size, no content
    result = cli("check", "--format", "json", str(big))
    assert result.returncode == 2
    assert "larger than" in json.loads(result.stdout)["files"][0]["error"]


def test_oversized_stdin_is_rejected(cli) -> None:
    result = cli("check", "--format", "json", "-", input=b"a " * 600_000)
    assert result.returncode == 2
    assert "larger than" in json.loads(result.stdout)["files"][0]["error"]


# -- the pre-commit face: exclusions, per-file settings, template mode ------------------------------------------


def test_folder_walk_skips_readme_licence_and_requirements(cli, tmp_path) -> None:
    for name in ("README.md", "LICENSE.txt", "requirements.txt", "CHANGELOG.md", "cold.md"):
        write(tmp_path, name, BAD)
    result = cli("check", "--format", "json", ".", cwd=tmp_path)
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["cold.md"]


def test_explicit_files_are_excluded_only_with_force_exclude(cli, tmp_path) -> None:
    write(tmp_path, ".outreach-lint.toml", 'extend-exclude = ["old/"]\n')
    (tmp_path / "old").mkdir()
    write(tmp_path / "old", "draft.txt", BAD)
    write(tmp_path, "README.md", BAD)
    named = cli("check", "--format", "json", "README.md", "old/draft.txt", cwd=tmp_path)
    assert len(json.loads(named.stdout)["files"]) == 2
    forced = cli("check", "--format", "json", "--force-exclude", "README.md", "old/draft.txt", cwd=tmp_path)
    assert json.loads(forced.stdout)["files"] == []
    walked = cli("check", "--format", "json", ".", cwd=tmp_path)
    assert "old" not in walked.stdout.decode()


def test_per_file_ignores_and_overrides(cli, tmp_path) -> None:
    write(
        tmp_path,
        ".outreach-lint.toml",
        '[per-file-ignores]\n"followups/*" = ["structure"]\n\n'
        '[[overrides]]\nfiles = ["templates/**"]\nmode = "template"\n',
    )
    for folder in ("followups", "templates", "drafts"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder, "a.txt", BAD.replace("Hi Jana", "Hi {{ first_name }}"))
    result = cli("check", "--format", "json", ".", cwd=tmp_path)
    by_folder = {Path(f["path"]).parent.name: f["findings"] for f in json.loads(result.stdout)["files"]}
    assert not any(f["category"] == "structure" for f in by_folder["followups"])
    assert any(f["category"] == "structure" for f in by_folder["drafts"])
    assert any(f["code"] == "MF001" for f in by_folder["drafts"])  # a placeholder in a draft
    assert not any(f["code"] == "MF001" for f in by_folder["templates"])  # expected in a template


def test_bad_overrides_table_is_a_config_error(cli, tmp_path) -> None:
    write(tmp_path, ".outreach-lint.toml", '[[overrides]]\nfiles = ["x/*"]\nmood = "template"\n')
    write(tmp_path, "d.txt", BAD)
    result = cli("check", "d.txt", cwd=tmp_path)
    assert result.returncode == 2 and "unknown option(s): mood" in result.stderr.decode()


def test_template_mode_without_merge_fields_is_a_draft(cli, tmp_path) -> None:
    generic = (
        "Subject: Routing\n\nHi Jana,\n\nWe help logistics teams like yours plan their delivery routes with less "
        "manual work and fewer empty kilometres every single week. Would that be worth a look?\n\nBest,\nTom\n"
    )
    plain = write(tmp_path, "plain.md", generic)
    templated = write(tmp_path, "templated.md", generic.replace("Hi Jana", "Hi {{ first_name }}"))
    result = cli("check", "--mode", "template", "--format", "json", str(plain), str(templated))
    codes = {Path(f["path"]).name: {x["code"] for x in f["findings"]} for f in json.loads(result.stdout)["files"]}
    assert "RS001" in codes["plain.md"]  # research is judged like a draft about to be sent
    assert "RS001" not in codes["templated.md"]


def test_clean_email_still_clean(cli, tmp_path) -> None:
    draft = write(tmp_path, "clean.txt", CLEAN)
    assert cli("check", str(draft)).returncode == 0
