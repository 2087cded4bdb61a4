"""One writer per transcript: two windows, two resumes, a crash while holding it, the same second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone

from textual.widgets import TextArea

from coffeechat.store.transcripts import TranscriptStore

import golden
from fake_openai import Reply
from tui_helpers import make_app, open_recent

TID = "20261120-100000-software-engineer"


def unfinished(home):
    """A resumable interview, stopped before it was finished."""
    t = golden.abrupt()
    t.id, t.status, t.score = TID, "in_progress", None
    t.created_at = datetime(2026, 11, 20, 10, 0, tzinfo=timezone.utc)
    store = TranscriptStore(home / "transcripts")
    store.save(t)
    return store, t


def coffeechat(home, *argv, server=None, wait=True):
    env = {**os.environ, "COFFEECHAT_HOME": str(home)}
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COFFEECHAT_MODEL"):
        env.pop(var, None)
    extra = ["--base-url", server.base_url, "--model", "fake-model"] if server else ["--engine", "offline"]
    proc = subprocess.Popen([sys.executable, "-m", "coffeechat", *argv, *extra], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if wait:
        out, err = proc.communicate(timeout=60)
        return proc.returncode, out, err
    return proc


def wait_for_request(server, count=1):
    deadline = time.monotonic() + 30
    while len(server.requests) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(server.requests) >= count


def script(tmp_path, *lines):
    path = tmp_path / f"script-{len(list(tmp_path.glob('script-*')))}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_second_resume_of_the_same_transcript_is_refused_and_the_first_keeps_every_turn(home, tmp_path, fake_server):
    store, t = unfinished(home)
    fake_server.default = Reply(text="Let me think about that one for a moment. " * 8, chunk_delay=0.02)
    first = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "What do you enjoy most?")),
                       server=fake_server, wait=False)
    wait_for_request(fake_server)
    code, _, err = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "Are you hiring?")))
    assert code == 2 and err.count("\n") == 1
    assert f"transcript {TID} is open in another coffeechat (process {first.pid})" in err
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    final = store.load(TID)
    assert [turn.text for turn in final.user_turns()][-1] == "What do you enjoy most?"
    assert "Are you hiring?" not in [turn.text for turn in final.turns]
    assert final.status == "finished" and final.score is not None
    assert len(final.turns) == len(t.turns) + 2  # one exchange, and only one


async def test_the_app_holds_the_transcript_it_resumes_and_a_headless_resume_is_refused(home, tmp_path):
    store, t = unfinished(home)
    before = store.path_for(TID).read_bytes()
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 0)
        assert app.screen.session.transcript.id == TID
        code, _, err = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "Are you hiring?")))
        assert code == 2 and "is open in another coffeechat" in err
        assert store.path_for(TID).read_bytes() == before
    code, _, err = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "What do you enjoy most?")))
    assert code == 0, err  # the app let go when it closed


async def test_while_a_headless_resume_writes_it_the_app_shows_the_transcript_read_only(home, tmp_path, fake_server):
    store, t = unfinished(home)
    fake_server.default = Reply(text="Well, it really depends on the week and the season. " * 6, chunk_delay=0.03)
    resume = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "What do you enjoy most?")),
                        server=fake_server, wait=False)
    wait_for_request(fake_server)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 0)
        screen = app.screen
        assert type(screen).__name__ == "ReviewScreen" and not screen.writable
        assert any("read-only" in n.message and f"process {resume.pid}" in n.message for n in app._notifications)
        assert screen.query_one("#reflect-fit", TextArea).read_only
        await pilot.press("ctrl+s")
        await pilot.press("escape")
        await pilot.pause()
    resume.communicate(timeout=60)
    assert resume.returncode == 0
    final = store.load(TID)
    assert final.status == "finished" and final.score is not None  # the app rolled nothing back
    assert final.user_turns()[-1].text == "What do you enjoy most?"


def test_rehearsals_started_in_the_same_second_get_different_ids(home):
    when = datetime(2026, 11, 25, 9, 30, tzinfo=timezone.utc)
    first, second = TranscriptStore(home / "transcripts"), TranscriptStore(home / "transcripts")  # two processes' stores
    ids = [first.claim_new_id("data-scientist", when), second.claim_new_id("data-scientist", when)]
    assert ids == ["20261125-093000-data-scientist", "20261125-093000-data-scientist-2"]
    first.release_all()
    assert second.claim_new_id("data-scientist", when) == "20261125-093000-data-scientist-3"  # ids are never reused


def test_parallel_rehearsals_all_keep_their_transcripts(home, tmp_path):
    lines = script(tmp_path, "Hi, I'm a student exploring data science.", "What does a typical week look like?")
    procs = [coffeechat(home, "rehearse", "--persona", "data-scientist", "--script", str(lines), wait=False)
             for _ in range(4)]
    for proc in procs:
        proc.communicate(timeout=60)
        assert proc.returncode == 0
    transcripts, problems = TranscriptStore(home / "transcripts").load_all()
    assert not problems and len(transcripts) == 4 and len({t.id for t in transcripts}) == 4
    assert all(len(t.turns) == 5 for t in transcripts)  # the greeting and two exchanges


def test_a_lock_dies_with_the_process_that_held_it(home, tmp_path, fake_server):
    store, _ = unfinished(home)
    fake_server.default = Reply(text="word " * 400, chunk_delay=0.02)
    holder = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "What do you enjoy most?")),
                        server=fake_server, wait=False)
    wait_for_request(fake_server)
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    code, _, err = coffeechat(home, "resume", TID, "--script", str(script(tmp_path, "What advice would you give me?")))
    assert code == 0, err
    assert store.load(TID).user_turns()[-1].text == "What advice would you give me?"
