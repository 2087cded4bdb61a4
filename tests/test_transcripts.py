"""Transcripts on disk: atomic, private, readable as Markdown; a damaged file is reported and left alone."""

from __future__ import annotations

import asyncio
import json
import stat

import pytest

from coffeechat.core.export import to_markdown
from coffeechat.core.session import Session
from coffeechat.core.transcript import SessionSettings
from coffeechat.engines.offline import OfflineEngine
from coffeechat.errors import CoffeechatError
from coffeechat.store.personas import load_library
from coffeechat.store.transcripts import TranscriptProblem, TranscriptStore, load_transcript_file

PERSONA = load_library().get("registered-nurse").persona


@pytest.fixture
def store(tmp_path):
    return TranscriptStore(tmp_path / "transcripts")


def rehearse(store, lines, transcript_id="20261122-090000-registered-nurse"):
    session = Session.start(PERSONA, OfflineEngine(), SessionSettings(agreed_minutes=20, goal="Decide on ICU"),
                            transcript_id, saver=store.save)

    async def go():
        for line in lines:
            await session.ask(line)

    asyncio.run(go())
    return session


def test_a_saved_transcript_loads_back_identical(store):
    session = rehearse(store, ["Hi Grace!", "What does a typical night look like?"])
    loaded = store.load(session.transcript.id)
    assert loaded == session.transcript
    assert loaded.persona.id == "registered-nurse"


def test_saving_leaves_no_temporary_files_and_is_owner_only(store):
    session = rehearse(store, ["Hi Grace!"])
    files = [p for p in store.folder.iterdir() if p.name != ".locks"]
    assert [p.name for p in files] == [f"{session.transcript.id}.json"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    locks = list((store.folder / ".locks").iterdir())
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 and p.stat().st_size < 32 for p in locks)
    assert stat.S_IMODE((store.folder / ".locks").stat().st_mode) == 0o700


def test_the_transcript_never_holds_an_api_key(store):
    session = rehearse(store, ["Hi!"])
    raw = store.path_for(session.transcript.id).read_text()
    assert "api_key" not in raw


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "is not valid JSON"),
        (b'{"hello": "world"}', "not a coffeechat transcript"),
        (b"[1, 2, 3]", "not a coffeechat transcript"),
        (b'{"schema_version": 99, "turns": []}', "newer coffeechat"),
        (b'{"schema_version": 1, "turns": "nope"}', "is damaged"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
    ],
)
def test_a_corrupt_or_foreign_file_gets_a_clear_error_and_is_left_untouched(store, content, expected):
    store.folder.mkdir(parents=True)
    path = store.folder / "broken.json"
    path.write_bytes(content)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(TranscriptProblem) as info:
        store.load("broken")
    message = str(info.value)
    assert str(path) in message and expected in message and "left untouched" in message
    assert "\n" not in message
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_listing_skips_damaged_files_and_reports_them(store):
    rehearse(store, ["Hi!"])
    (store.folder / "junk.json").write_text("{}")
    good, bad = store.load_all()
    assert [t.persona_id for t in good] == ["registered-nurse"]
    assert len(bad) == 1 and "junk.json" in str(bad[0])


def test_a_transcript_can_be_found_by_a_unique_start_of_its_id(store):
    rehearse(store, ["Hi!"], "20261122-090000-registered-nurse")
    rehearse(store, ["Hi!"], "20261123-090000-registered-nurse")
    assert store.load("20261123").id == "20261123-090000-registered-nurse"
    with pytest.raises(CoffeechatError, match="matches 2 transcripts"):
        store.load("2026112")
    with pytest.raises(CoffeechatError, match="no transcript 'nope'"):
        store.load("nope")


def test_new_ids_never_collide(store):
    rehearse(store, ["Hi!"], "20261122-090000-registered-nurse")
    from datetime import datetime

    assert store.claim_new_id("registered-nurse", datetime(2026, 11, 22, 9, 0, 0)) == "20261122-090000-registered-nurse-2"


def test_markdown_export_reads_as_a_conversation(store):
    session = rehearse(store, ["Hi Grace, thanks for your time!", "What does a typical night look like?"])
    md = to_markdown(session.transcript)
    assert md.startswith("# Coffee chat with Grace Adeyemi")
    assert "**1. Grace** [0:00]" in md and "**2. You**" in md and "**3. Grace**" in md
    assert "What does a typical night look like?" in md
    assert "Goal: Decide on ICU" in md
    assert session.transcript.turns[-1].text in md


def test_a_full_disk_is_a_clear_error_and_keeps_the_old_file(store, monkeypatch):
    import errno

    from coffeechat.store import atomic

    session = rehearse(store, ["Hi!"])
    path = store.path_for(session.transcript.id)
    before = path.read_bytes()

    def full(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)
    session.transcript.turns[0].text = "changed"
    with pytest.raises(CoffeechatError, match="cannot save the transcript .*No space left on device"):
        store.save(session.transcript)
    assert path.read_bytes() == before
    assert [p.name for p in store.folder.iterdir() if p.name != ".locks"] == [path.name], "a temporary file was left behind"


def test_json_round_trip_keeps_every_field(store):
    session = rehearse(store, ["Hi!"])
    data = json.loads(store.path_for(session.transcript.id).read_text())
    assert data["schema_version"] == 1 and data["status"] == "in_progress"
    assert data["engine"] == {"kind": "offline", "model": None, "base_url": None}
    assert {"spoken_start", "spoken_seconds", "wall_time", "status"} <= set(data["turns"][0])
    assert load_transcript_file(store.path_for(session.transcript.id)).settings.goal == "Decide on ICU"
