"""Crafted and odd files: an id that names a path, nesting thousands deep, Infinity, a FIFO, a link to
/dev/zero, a backup copy with the same id. Each is one line beside the good files, never a hang, a
traceback or a write outside the transcripts folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from coffeechat.core.rubric.score import score_transcript
from coffeechat.store.transcripts import TranscriptStore

import golden
from tui_helpers import make_app

DEEP = "[" * 2000 + "]" * 2000


def good_transcript(home, tid="20261118-100000-software-engineer", status="finished"):
    t = golden.strong()
    t.id, t.status = tid, status
    t.score = score_transcript(t)
    store = TranscriptStore(home / "transcripts")
    store.save(t)
    return store.path_for(tid)


def run(home, *argv, timeout=30):
    """The real command in its own process: a hang fails the test instead of stalling it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COFFEECHAT_"))}
    env["COFFEECHAT_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "coffeechat", *argv], env=env, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def one_line(err: str) -> bool:
    return all(line.startswith("coffeechat: error: ") for line in err.splitlines()) and "Traceback" not in err


@pytest.mark.parametrize("evil", ["/tmp/coffeechat-evil", "../../coffeechat-evil", "sub/dir", ".hidden", ""])
def test_a_transcript_whose_id_names_a_path_is_refused_and_nothing_is_written_outside(home, cli, tmp_path, evil):
    path = good_transcript(home, status="in_progress")
    data = json.loads(path.read_text())
    data["id"] = evil
    path.write_text(json.dumps(data))
    script = tmp_path / "q.txt"
    script.write_text("What do you enjoy most?\n")
    before = sorted(p for p in tmp_path.rglob("*"))
    result = cli("resume", path.stem, "--script", str(script), "--engine", "offline")
    assert result.code == 2 and one_line(result.err) and "not a transcript id" in result.err
    assert sorted(p for p in tmp_path.rglob("*")) == before
    assert not os.path.exists("/tmp/coffeechat-evil.json")


def test_a_copy_of_a_transcript_is_a_transcript_of_its_own_and_the_app_starts(home, cli):
    path = good_transcript(home)
    (path.parent / "backup.json").write_bytes(path.read_bytes())
    listing = cli("transcripts", "list")
    assert listing.code == 0 and "backup" in listing.out and path.stem in listing.out
    assert TranscriptStore(home / "transcripts").load("backup").id == "backup"


async def test_home_starts_with_a_backup_copy_beside_the_original(home):
    path = good_transcript(home)
    (path.parent / "backup.json").write_bytes(path.read_bytes())
    from textual.widgets import DataTable

    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#recent", DataTable).row_count == 2


@pytest.mark.parametrize("what", ["transcript", "persona", "config"])
def test_nesting_thousands_deep_is_one_line_and_never_hides_the_good_files(home, what):
    good_transcript(home)
    if what == "transcript":
        (home / "transcripts" / "deep.json").write_text(DEEP)
    elif what == "persona":
        (home / "personas").mkdir()
        (home / "personas" / "deep.toml").write_text(f"topics = {DEEP}\n")
    else:
        (home / "config.toml").write_text(f"model = {DEEP}\n")
    for argv in (("transcripts", "list"), ("transcripts", "show", "2026"), ("score", "2026"), ("personas", "list"),
                 ("config", "path"), ("classify",), ("config", "show"), ()):
        result = run(home, *argv)
        assert "Traceback" not in result.stderr and one_line(result.stderr), (what, argv, result.stderr)
        needs_it = argv in {"transcript": [("transcripts", "list")], "persona": [("personas", "list"), ()],
                            "config": [("config", "show"), ()]}[what]
        assert result.returncode == (2 if needs_it else 0), (what, argv, result.stderr)
        if needs_it:
            assert f"deep.{'json' if what == 'transcript' else 'toml'}" in result.stderr or "config.toml" in result.stderr
    assert "software-engineer" in run(home, "personas", "list").stdout
    assert "20261118" in run(home, "transcripts", "list").stdout


def test_infinity_or_nan_in_a_transcript_is_refused_with_one_line(home, cli):
    path = good_transcript(home)
    for constant in ("Infinity", "NaN", "-Infinity", "1e999"):
        text = path.read_text()
        start = text.index('"spoken_seconds": ') + len('"spoken_seconds": ')
        end = text.index(",", start)
        (path.parent / "odd.json").write_text(text[:start] + constant + text[end:])
        for argv in (("transcripts", "show", "odd"), ("transcripts", "export", "odd"), ("score", "odd")):
            result = cli(*argv)
            assert result.code == 2 and one_line(result.err) and "odd.json" in result.err, (constant, argv)
        listing = cli("transcripts", "list")
        assert path.stem in listing.out and "odd.json" in listing.err and listing.code == 2


def test_a_huge_but_finite_time_is_refused_rather_than_overflowing(home, cli):
    path = good_transcript(home)
    data = json.loads(path.read_text())
    data["turns"][0]["spoken_seconds"] = 1e308
    data["turns"][1]["spoken_seconds"] = 1e308
    path.write_text(json.dumps(data))
    for argv in (("transcripts", "show", path.stem), ("transcripts", "list")):
        result = cli(*argv)
        assert result.code == 2 and one_line(result.err)


def test_fifos_and_devices_with_a_data_name_never_hang_a_command(home):
    good_transcript(home)
    (home / "personas").mkdir()
    os.mkfifo(home / "transcripts" / "pipe.json")
    os.mkfifo(home / "personas" / "pipe.toml")
    os.symlink("/dev/zero", home / "transcripts" / "zero.json")
    os.symlink("/dev/zero", home / "personas" / "zero.toml")
    for argv in (("transcripts", "list"), ("personas", "list")):
        result = run(home, *argv, timeout=20)
        assert result.returncode == 2 and one_line(result.stderr), argv
        assert "not a regular file" in result.stderr and "pipe." in result.stderr and "zero." in result.stderr
    assert "software-engineer" in run(home, "personas", "list").stdout
    assert "20261118" in run(home, "transcripts", "list").stdout
    os.mkfifo(home / "config.toml")
    result = run(home, "config", "show", timeout=20)
    assert result.returncode == 2 and "config.toml" in result.stderr and "not a regular file" in result.stderr


def test_a_link_to_dev_zero_as_a_script_is_refused_by_size(home, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", "/dev/zero", "--engine", "offline")
    assert result.code == 2 and one_line(result.err) and "MB" in result.err


@pytest.mark.parametrize("argv, expected", [
    (("--goal", "\udcff"), "--goal: is not valid UTF-8 text"),
    (("--model", "gpt\udcfe"), "--model: is not valid UTF-8 text"),
    (("--base-url", "http://u:p@127.0.0.1:99999/v1"), "--base-url"),
    (("--base-url", "http://127.0.0.1:abc/v1"), "--base-url"),
    (("--base-url", "http://127.0.0.1:0/v1"), "--base-url"),
])
def test_bad_bytes_and_bad_ports_on_the_command_line_are_one_line(home, cli, tmp_path, argv, expected):
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like?\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), *argv)
    assert result.code == 2 and one_line(result.err) and expected in result.err
    assert "u:p" not in result.err and ":p@" not in result.err


async def test_a_stored_score_that_points_at_missing_turns_is_computed_again(home):
    path = good_transcript(home)
    data = json.loads(path.read_text())
    data["score"]["criteria"][0]["evidence"].append({"turn": 999, "quote": "ghost", "note": "not here"})
    path.write_text(json.dumps(data))
    t = TranscriptStore(home / "transcripts").load(path.stem)
    assert t.score is None
    from tui_helpers import open_recent

    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 0)
        assert type(app.screen).__name__ == "ReviewScreen" and app.screen.transcript.score is not None


def test_short_url_credentials_never_rewrite_the_apps_own_data(home, cli, tmp_path, monkeypatch):
    good_transcript(home)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://user:2026@127.0.0.1:9/v1")
    listing = cli("transcripts", "list")
    assert listing.code == 0 and "Priya Raman" in listing.out
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like for you?\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--engine", "offline")
    assert result.code == 0, result.err
    assert len(TranscriptStore(home / "transcripts").load_all()[0]) == 2


def test_an_integer_thousands_of_digits_long_is_one_line(home, cli):
    good_transcript(home)
    (home / "transcripts" / "huge.json").write_text('{"schema_version": 1' + "0" * 5000 + ', "turns": []}')
    (home / "personas").mkdir()
    (home / "personas" / "huge.toml").write_text("years_in_role = 1" + "0" * 5000 + "\n")
    for argv, name in ((("transcripts", "list"), "huge.json"), (("personas", "list"), "huge.toml")):
        result = cli(*argv)
        assert result.code == 2 and one_line(result.err) and name in result.err


def test_a_time_written_without_a_zone_is_read_as_utc_and_lists(home, cli):
    path = good_transcript(home)
    data = json.loads(path.read_text())
    data["created_at"] = "2026-01-01T00:00:00"
    (path.parent / "naive.json").write_text(json.dumps(data))
    listing = cli("transcripts", "list")
    assert listing.code == 0 and "naive" in listing.out and "2026-01-01 00:00" in listing.out


def test_a_lock_file_replaced_by_a_link_never_writes_where_it_points(home, cli, tmp_path):
    path = good_transcript(home, status="in_progress")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    locks = home / "transcripts" / ".locks"
    locks.mkdir(exist_ok=True)
    (locks / f"{path.stem}.lock").unlink(missing_ok=True)
    (locks / f"{path.stem}.lock").symlink_to(victim)
    script = tmp_path / "q.txt"
    script.write_text("What do you enjoy most?\n")
    result = cli("resume", path.stem, "--script", str(script), "--engine", "offline")
    assert result.code == 2 and one_line(result.err)
    assert victim.read_text() == "precious"
