"""Nothing is lost: SIGKILL at random moments, Ctrl-C, a full disk or a read-only folder."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from textual.widgets import Input

from coffeechat.store import atomic
from coffeechat.store.transcripts import TranscriptStore

import golden
from fake_openai import Reply
from tui_helpers import make_app, start_and_ask

REPLY = "Well, it depends on the week, but most of it is spent with the team on the client work"
LINES = [f"Question {i}: what was month {i} like for you?" for i in range(1, 11)]
TRIALS = 8


def start_rehearsal(home, script, server) -> subprocess.Popen:
    """The rehearsal as a person starts it from a terminal: Ctrl-C interrupts it even when these
    tests were started in the background, where SIGINT is ignored and a child inherits that."""
    env = {**os.environ, "COFFEECHAT_HOME": str(home), "OPENAI_API_KEY": "sk-crash-test-000000"}
    args = ["rehearse", "--persona", "management-consultant", "--script", str(script), "--base-url", server.base_url,
            "--model", "gpt-4o-mini"]
    launch = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler);"
              f" sys.argv = ['coffeechat', *{args!r}]; runpy.run_module('coffeechat', run_name='__main__')")
    return subprocess.Popen([sys.executable, "-c", launch], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL)


def test_sigkill_at_random_moments_never_loses_a_completed_turn(tmp_path, fake_server):
    fake_server.default = Reply(text=REPLY, chunk_delay=0.004)  # about a tenth of a second a reply
    script = tmp_path / "script.txt"
    script.write_text("\n".join(LINES))
    seed = int(os.environ.get("COFFEECHAT_KILL_SEED", "20261122"))
    rng = random.Random(seed)
    deadline = time.monotonic() + 300
    outcomes = []
    for trial in range(TRIALS):
        assert time.monotonic() < deadline, "the kill trials took too long"
        home = tmp_path / f"home-{trial}"
        # the moment is picked by progress, not by the clock, so a slow or busy machine gets the same
        # spread: while reply k is coming or just after it (k = 0: before anything is said)
        target = rng.randrange(len(LINES) + 1)
        asked = len(fake_server.requests)
        proc = start_rehearsal(home, script, fake_server)
        while len(fake_server.requests) - asked < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0.0, 0.15))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        transcripts, problems = TranscriptStore(home / "transcripts").load_all()
        assert not problems, f"trial {trial} (seed {seed}): {problems[0]}"
        if not transcripts:  # killed before the first turn was said
            outcomes.append(0)
            continue
        (t,) = transcripts
        users = [turn.text for turn in t.user_turns()]
        assert users == LINES[: len(users)], f"trial {trial} (seed {seed})"
        replies = t.replies()
        assert all(turn.text == REPLY and turn.status == "complete" for turn in replies), f"trial {trial} (seed {seed})"
        assert len(users) - len(replies) in (0, 1)
        outcomes.append(len(replies))
    assert len(set(outcomes)) >= 3, f"kills landed at too few moments: {outcomes}"


def test_ctrl_c_saves_the_part_said_and_leaves_the_interview_resumable(tmp_path, fake_server):
    fake_server.default = Reply(text="word " * 400, chunk_delay=0.01)
    script = tmp_path / "script.txt"
    script.write_text("\n".join(LINES))
    home = tmp_path / "home"
    proc = start_rehearsal(home, script, fake_server)
    deadline = time.monotonic() + 30
    while not fake_server.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.6)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"interrupted; transcript saved" in err and b"Traceback" not in err
    (t,) = TranscriptStore(home / "transcripts").load_all()[0]
    assert t.status == "in_progress"
    assert t.user_turns()[0].text == LINES[0]
    assert t.replies()[0].status == "cut_off" and t.replies()[0].text.startswith("word")
    assert f"coffeechat resume {t.id}".encode() in err


@pytest.mark.parametrize(
    ("where", "error", "expected"),
    [("write", errno.ENOSPC, "No space left on device"), ("open", errno.EROFS, "Read-only file system")],
    ids=["full-disk", "read-only"],
)
def test_a_full_disk_or_read_only_folder_is_a_clear_error_and_old_transcripts_are_untouched(
        home, cli, tmp_path, monkeypatch, where, error, expected):
    store = TranscriptStore(home / "transcripts")
    old = golden.strong()
    store.save(old)
    before = store.path_for(old.id).read_bytes()

    real = getattr(os, where)

    def refuse(*args, **kwargs):
        if where == "open" and not args[1] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            return real(*args, **kwargs)  # a read-only file system still reads
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(atomic.os, where, refuse)
    script = tmp_path / "q.txt"
    script.write_text("Hi!\nWhat does a typical week look like?\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert result.code == 2
    assert "cannot save the transcript" in result.err and expected in result.err and result.err.count("\n") == 1
    monkeypatch.undo()
    assert store.path_for(old.id).read_bytes() == before
    # nothing but the old transcript (and the folder of lock files beside it)
    assert sorted(p.name for p in (home / "transcripts").iterdir() if p.name != ".locks") == [f"{old.id}.json"]


async def test_quitting_the_app_mid_reply_saves_the_part_said_and_keeps_it_resumable(home):
    app = make_app(home, start_persona="software-engineer", offline_delay=0.03)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_and_ask(pilot)
        transcript_id = app.screen.session.transcript.id
        await pilot.press("ctrl+q")
    t = TranscriptStore(home / "transcripts").load(transcript_id)
    assert t.status == "in_progress"
    assert t.user_turns()[0].text == "What does a typical week look like for you?"
    assert t.replies()[0].status == "cut_off" and len(t.replies()[0].text.split()) >= 3


async def test_a_reply_whose_parts_the_closing_app_took_first_ends_without_a_crash(home):
    """Closing takes a widget's children before the widget: the reply's last update finds its
    Markdown gone (seen on a loaded machine as a crash report on quitting mid-reply)."""
    from coffeechat.tui.widgets import PersonaMessage
    from textual.widgets import Markdown

    app = make_app(home, start_persona="software-engineer", offline_delay=0.03)
    async with app.run_test(size=(100, 30)) as pilot:
        await start_and_ask(pilot)
        live = app.screen.query_one("#log").query(PersonaMessage).last()
        await live.query_one(Markdown).remove()
        await live.query_one(".status").remove()
        transcript_id = app.screen.session.transcript.id
        worker = app.screen.reply_worker
        worker.cancel()
        for _ in range(100):
            if worker.is_finished:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert not getattr(app, "crash_message", None)
    assert app.return_code in (None, 0)
    assert TranscriptStore(home / "transcripts").load(transcript_id).replies()[0].status == "cut_off"


async def test_the_app_says_when_it_cannot_save_and_keeps_the_conversation(home, monkeypatch):
    app = make_app(home, start_persona="software-engineer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "write", full)
        app.screen.query_one("#ask", Input).value = "What does a typical week look like for you?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        app.saver.flush()
        await pilot.pause(0.2)
        assert any("No space left on device" in n.message for n in app._notifications)
        assert app.screen.session.transcript.user_turns()[0].text == "What does a typical week look like for you?"
        monkeypatch.undo()
        app.screen.query_one("#ask", Input).value = "And what is hardest?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        transcript_id = app.screen.session.transcript.id
    t = TranscriptStore(home / "transcripts").load(transcript_id)
    assert len(t.turns) == 5, "their greeting and two exchanges: once there is space again, the next save writes everything"


def test_ctrl_c_between_the_last_reply_and_the_report_still_says_how_to_resume(home, cli, tmp_path, monkeypatch):
    from coffeechat.core.session import Session

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "finish", interrupted)
    script = tmp_path / "q.txt"
    script.write_text("Hi!\nWhat does a typical week look like?\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert result.code == 130
    (t,) = TranscriptStore(home / "transcripts").load_all()[0]
    assert "interrupted; transcript saved" in result.err and f"coffeechat resume {t.id}" in result.err
    assert [turn.text for turn in t.user_turns()] == ["Hi!", "What does a typical week look like?"]
