"""A data folder that cannot be written (read-only) or that is in the way (a file where the transcripts
folder goes) is one clear line naming the folder and what to do, exit code 2, and a notice in the app."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from coffeechat.store.transcripts import TranscriptStore

import golden

SCRIPT = "Hi, I'm a student exploring backend work.\nWhat does a typical week look like for you?\n"


@pytest.fixture
def script(tmp_path) -> Path:
    path = tmp_path / "q.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def read_only(home, monkeypatch):
    """Nothing can be created under the home folder, as on a read-only file system."""
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self == home or home in self.parents:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    return home


@pytest.fixture
def transcripts_is_a_file(home) -> Path:
    path = home / "transcripts"
    path.write_text("my notes\n")
    return path


def one_clear_line(result, *words):
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "unexpected error" not in result.err and "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def test_rehearse_on_a_read_only_home_names_the_folder(read_only, script, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    one_clear_line(result, f"cannot create the folder {read_only / 'transcripts'}", "Read-only file system",
                   "COFFEECHAT_HOME")


def test_listing_a_read_only_home_with_no_transcripts_is_still_fine(read_only, cli):
    result = cli("transcripts", "list")
    assert result.code == 0 and "no transcripts yet" in result.out


def test_rehearse_with_a_file_where_the_transcripts_folder_goes(transcripts_is_a_file, script, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    one_clear_line(result, f"{transcripts_is_a_file} is a file, not a folder", "move or rename")
    assert transcripts_is_a_file.read_text() == "my notes\n"


@pytest.mark.parametrize("argv", [("transcripts", "list"), ("transcripts", "show", "2026"),
                                  ("transcripts", "export", "2026"), ("score", "2026")])
def test_reading_transcripts_with_a_file_where_their_folder_goes(transcripts_is_a_file, cli, argv):
    result = cli(*argv)
    one_clear_line(result, f"{transcripts_is_a_file} is a file, not a folder", "move or rename")
    assert "no transcripts yet" not in result.out
    assert transcripts_is_a_file.read_text() == "my notes\n"


def test_resume_with_a_file_where_the_transcripts_folder_goes(transcripts_is_a_file, script, cli):
    one_clear_line(cli("resume", "2026", "--script", str(script)), f"{transcripts_is_a_file} is a file, not a folder")


def test_resume_on_a_read_only_home_names_the_folder(home, script, cli, monkeypatch):
    t = golden.abrupt()
    t.id = "20261121-100000-software-engineer"
    t.status = "in_progress"
    store = TranscriptStore(home / "transcripts")
    path = store.save(t)
    (home / "transcripts" / ".locks" / f"{t.id}.lock").unlink()
    (home / "transcripts" / ".locks").rmdir()
    before = path.read_bytes()
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if home in self.parents:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    one_clear_line(cli("resume", t.id, "--script", str(script)), "cannot create the folder", ".locks",
                   "Read-only file system")
    assert path.read_bytes() == before


async def test_the_app_says_so_and_keeps_running(transcripts_is_a_file):
    from textual.widgets import DataTable

    from coffeechat.tui.screens.history import HistoryScreen
    from coffeechat.tui.screens.home import HomeScreen
    from coffeechat.tui.screens.prepare import PrepareScreen

    from tui_helpers import make_app

    app = make_app(transcripts_is_a_file.parent)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("is a file, not a folder" in n.message for n in app._notifications)
        app.screen.query_one("#personas", DataTable).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen), "no interview starts where it cannot be saved"
        assert any(n.title == "Cannot start" and "is a file, not a folder" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert app.return_code in (None, 0)
    assert transcripts_is_a_file.read_text() == "my notes\n"
