"""The index of transcript summaries: listings read it where it is current and the files where it is
not; a stale, damaged or deleted index, or one that cannot be written, never changes what is listed."""

from __future__ import annotations

import os
import sqlite3

import pytest

from coffeechat.store.transcripts import TranscriptStore

from tui_helpers import seed_history


@pytest.fixture
def seeded(home):
    seed_history(home)
    return home


def listing(cli) -> list[str]:
    result = cli("transcripts", "list")
    assert result.code == 0, result.err
    return result.out.splitlines()


def test_the_first_listing_builds_the_index_and_the_next_reads_it_without_opening_a_file(seeded, cli, monkeypatch):
    first = listing(cli)
    index = seeded / "cache" / "transcripts.sqlite"
    assert index.exists() and index.stat().st_mode & 0o077 == 0
    rows = sqlite3.connect(index).execute("SELECT COUNT(*) FROM summaries").fetchone()[0]
    assert rows == 4

    def no_reading(self, path):
        raise AssertionError(f"read {path} although its summary is current")

    monkeypatch.setattr(TranscriptStore, "load_file", no_reading)
    assert listing(cli) == first


def test_a_changed_file_is_read_again_and_a_deleted_one_is_dropped(seeded, cli):
    listing(cli)
    store = TranscriptStore(seeded / "transcripts")
    unfinished = store.load("20261121-100000-software-engineer")
    unfinished.status = "finished"
    store.save(unfinished)
    os.utime(store.path_for(unfinished.id), ns=(1, 1))  # a different time, whatever the clock's resolution
    line = next(line for line in listing(cli) if line.startswith("20261121"))
    assert "finished" in line and "resumable" not in line
    store.path_for("20261119-100000-software-engineer").unlink()
    assert not any(line.startswith("20261119") for line in listing(cli))
    index = seeded / "cache" / "transcripts.sqlite"
    names = {n for (n,) in sqlite3.connect(index).execute("SELECT name FROM summaries")}
    assert "20261119-100000-software-engineer.json" not in names


@pytest.mark.parametrize("damage", ["garbage", "deleted", "wrong table", "locked folder"])
def test_a_damaged_deleted_or_unwritable_index_changes_nothing_listed(seeded, cli, damage, monkeypatch):
    first = listing(cli)
    index = seeded / "cache" / "transcripts.sqlite"
    if damage == "garbage":
        index.write_bytes(b"this is not a database" * 100)
    elif damage == "deleted":
        index.unlink()
    elif damage == "wrong table":
        db = sqlite3.connect(index)
        db.execute("DROP TABLE summaries")
        db.execute("CREATE TABLE summaries (x)")
        db.commit()
        db.close()
    else:
        import coffeechat.store.index as index_module

        def refuse(*args, **kwargs):
            raise sqlite3.OperationalError("unable to open database file")

        monkeypatch.setattr(index_module.sqlite3, "connect", refuse)
    assert listing(cli) == first
    assert listing(cli) == first


def test_a_broken_transcript_is_reported_from_the_index_too(seeded, cli):
    (seeded / "transcripts" / "20261122-100000-software-engineer.json").write_text("{broken", encoding="utf-8")
    for _ in range(2):
        result = cli("transcripts", "list")
        assert result.code == 2 and "skipped an unreadable transcript" in result.err
        assert sum(line.startswith("2026112") or line.startswith("2026111") for line in result.out.splitlines()) == 4


def test_a_link_in_place_of_the_index_is_never_written_through(seeded, cli, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours", encoding="utf-8")
    victim.chmod(0o644)
    index = seeded / "cache" / "transcripts.sqlite"
    index.parent.mkdir(parents=True, exist_ok=True)
    index.symlink_to(victim)
    lines = listing(cli)
    assert victim.read_text(encoding="utf-8") == "not yours" and victim.stat().st_mode & 0o777 == 0o644
    assert not index.is_symlink() and index.stat().st_mode & 0o077 == 0
    assert len([line for line in lines if line.startswith("2026")]) == 4


def test_a_locked_index_is_left_alone_and_a_hand_edited_row_is_read_from_the_file(seeded, cli):
    first = listing(cli)
    index = seeded / "cache" / "transcripts.sqlite"
    holder = sqlite3.connect(index, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert listing(cli) == first
    finally:
        holder.execute("COMMIT")
        holder.close()
    assert index.exists()
    db = sqlite3.connect(index)
    db.execute("UPDATE summaries SET summary = replace(summary, '\"elapsed_minutes\": ', '\"elapsed_minutes\": \"x\", \"was\": ')")
    db.execute("UPDATE summaries SET summary = replace(summary, '+00:00', '')")
    db.commit()
    db.close()
    assert listing(cli) == first
