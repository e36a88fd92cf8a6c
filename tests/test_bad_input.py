"""Bad input: one clear line each, the other files still checked, nothing written, exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_cli import BAD, write


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p): (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_every_kind_of_bad_input_is_reported_and_others_still_checked(cli, tmp_path) -> None:
    good = write(tmp_path, "good.txt", BAD)
    empty = write(tmp_path, "empty.txt", "  \n")
    binary = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    latin = write(tmp_path, "latin1.txt", "Grüße aus Köln".encode("latin-1"))
    huge = write(tmp_path, "huge.txt", ("Hi there. " * 2_000_000).encode())
    broken_eml = write(tmp_path, "broken.eml", "this is not a message at all")
    broken_html = write(tmp_path, "broken.html", "<p>Hi <b>Jana<div><<>>!!! <p")
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "notes.pdf").write_bytes(b"%PDF")
    before = snapshot(tmp_path)
    paths = [good, empty, binary, latin, huge, broken_eml, broken_html, tmp_path / "missing.txt", nothing]
    result = cli("check", "--format", "json", *map(str, paths))
    assert result.returncode == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["good.txt"]["findings"]
    assert "empty" in files["empty.txt"]["error"]
    assert "binary" in files["image.txt"]["error"]
    assert "UTF-8" in files["latin1.txt"]["error"] and "line 1" in files["latin1.txt"]["error"]
    assert "larger than" in files["huge.txt"]["error"]
    assert "malformed" in files["broken.eml"]["error"] or "no headers" in files["broken.eml"]["error"]
    assert files["broken.html"]["error"] is None
    assert "no such file" in files["missing.txt"]["error"]
    assert "no lintable files" in files["nothing"]["error"]
    for name, item in files.items():
        if item["error"]:
            assert "\n" not in item["error"] and not item["findings"], name
    assert snapshot(tmp_path) == before


def test_errors_are_one_line_on_stderr_in_full_format(cli, tmp_path) -> None:
    write(tmp_path, "good.txt", BAD)
    result = cli("check", "good.txt", "missing.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == ["missing.txt: error: no such file or directory"]
    assert b"good.txt:1:10" in result.stdout


def test_directory_is_recursed_over_known_extensions(cli, tmp_path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    write(tmp_path / "a", "one.txt", BAD)
    write(tmp_path / "a" / "b", "two.md", BAD)
    write(tmp_path / "a" / "b", "skip.py", "print('hi')")
    (tmp_path / "a" / ".git").mkdir()
    write(tmp_path / "a" / ".git", "COMMIT_EDITMSG.txt", BAD)
    data = json.loads(cli("check", "--format", "json", str(tmp_path / "a")).stdout)
    assert sorted(Path(f["path"]).name for f in data["files"]) == ["one.txt", "two.md"]
