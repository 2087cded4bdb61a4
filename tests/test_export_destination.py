"""`transcripts export -o FILE` writes a regular file in a folder that exists, and never replaces a
pipe, a device, a folder or anything coffeechat keeps."""

from __future__ import annotations

import os
import stat

import pytest

from coffeechat.store.transcripts import TranscriptStore

import golden

ID = "20261120-100000-software-engineer"


@pytest.fixture
def saved(home):
    t = golden.strong()
    t.id = ID
    path = TranscriptStore(home / "transcripts").save(t)
    return path


def refused(result, *words):
    assert result.code == 2, result
    assert result.out == "" and result.err.count("\n") == 1 and "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def test_a_fifo_at_the_destination_is_refused_and_left_a_fifo(saved, cli, tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    refused(cli("transcripts", "export", ID, "-o", str(fifo)), str(fifo), "not a regular file", "-o -")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_link_to_a_fifo_is_refused_and_both_are_left_as_they_were(saved, cli, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "chat.md"
    link.symlink_to(fifo)
    refused(cli("transcripts", "export", ID, "-o", str(link)), "not a regular file")
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_at_the_destination_is_refused(saved, cli, tmp_path):
    refused(cli("transcripts", "export", ID, "-o", str(tmp_path)), "is a folder", "give a file name")


def test_a_missing_folder_is_not_created(saved, cli, tmp_path):
    target = tmp_path / "no" / "such" / "chat.md"
    refused(cli("transcripts", "export", ID, "-o", str(target)), f"folder {target.parent} does not exist",
            "create it first")
    assert not (tmp_path / "no").exists()


def test_the_transcript_itself_is_never_the_destination(saved, cli):
    before = saved.read_bytes()
    refused(cli("transcripts", "export", ID, "--format", "md", "-o", str(saved)), "transcript being exported")
    assert saved.read_bytes() == before


def test_a_link_to_the_transcript_is_refused(saved, cli, tmp_path):
    before = saved.read_bytes()
    link = tmp_path / "chat.md"
    link.symlink_to(saved)
    refused(cli("transcripts", "export", ID, "-o", str(link)), "transcript being exported")
    assert saved.read_bytes() == before and link.is_symlink()


def test_a_transcript_given_by_its_path_is_not_overwritten_by_its_export(home, cli, tmp_path):
    t = golden.strong()
    elsewhere = tmp_path / "copy.json"
    elsewhere.write_text(t.model_dump_json(indent=1), encoding="utf-8")
    before = elsewhere.read_bytes()
    refused(cli("transcripts", "export", str(elsewhere), "-o", str(elsewhere)), "transcript being exported")
    assert elsewhere.read_bytes() == before


def test_nothing_is_written_into_the_transcripts_folder(saved, cli, home):
    other = golden.job_asker()
    other.id = "20261119-100000-software-engineer"
    other_path = TranscriptStore(home / "transcripts").save(other)
    before = other_path.read_bytes()
    for dest in (other_path, home / "transcripts" / "notes.md", home / "transcripts" / ".locks" / f"{ID}.lock"):
        refused(cli("transcripts", "export", ID, "-o", str(dest)), "your transcripts folder")
    assert other_path.read_bytes() == before
    assert not (home / "transcripts" / "notes.md").exists()


def test_the_transcripts_folder_is_recognised_through_a_link(saved, cli, tmp_path):
    before = saved.read_bytes()
    alias = tmp_path / "alias"
    alias.symlink_to(saved.parent, target_is_directory=True)
    refused(cli("transcripts", "export", ID, "-o", str(alias / saved.name)), "transcript being exported")
    refused(cli("transcripts", "export", ID, "-o", str(alias / "x.md")), "your transcripts folder")
    assert saved.read_bytes() == before


def test_persona_files_and_the_config_file_are_never_overwritten(saved, cli, home):
    persona = home / "personas" / "mine.toml"
    persona.parent.mkdir()
    persona.write_text("# mine\n")
    config = home / "config.toml"
    config.write_text("engine = \"offline\"\n")
    refused(cli("transcripts", "export", ID, "-o", str(persona)), "persona folder")
    refused(cli("transcripts", "export", ID, "-o", str(config)), "config file")
    assert persona.read_text() == "# mine\n" and config.read_text() == "engine = \"offline\"\n"


def test_an_existing_regular_file_is_replaced_and_a_link_to_one_is_written_through(saved, cli, tmp_path):
    target = tmp_path / "chat.md"
    target.write_text("old")
    assert cli("transcripts", "export", ID, "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("# Coffee chat with Priya Raman")
    link = tmp_path / "latest.json"
    real = tmp_path / "real.json"
    real.write_text("old")
    link.symlink_to(real)
    assert cli("transcripts", "export", ID, "--format", "json", "-o", str(link)).code == 0
    assert link.is_symlink() and f'"id": "{ID}"' in real.read_text(encoding="utf-8")


def test_the_exports_folder_is_created_when_missing(saved, cli, home):
    target = home / "exports" / "chat.md"
    assert cli("transcripts", "export", ID, "-o", str(target)).code == 0
    assert target.read_text(encoding="utf-8").startswith("# Coffee chat with")


async def test_the_apps_export_writes_to_the_exports_folder_and_never_replaces_a_fifo(home):
    from tui_helpers import make_app, open_recent, seed_history

    from coffeechat.tui.screens.review import ReviewScreen

    seed_history(home)
    exports = home / "exports"
    exports.mkdir()
    fifo = exports / "20261120-100000-software-engineer.md"
    os.mkfifo(fifo)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 1)  # the strong, finished interview of 20 November
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("not a regular file" in n.message for n in app._notifications)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        fifo.unlink()
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert fifo.read_text(encoding="utf-8").startswith("# Coffee chat with Priya Raman")
