"""Headless rehearsal from the command line: offline, against a local fake server, resumed, listed, exported."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coffeechat.store.transcripts import TranscriptStore

from fake_openai import Reply

QUESTIONS = [
    "Hi Priya, thanks for taking the time! I'm a junior studying CS and curious about backend work.",
    "What does a typical week look like for you?",
    "How did you get into software engineering?",
    "What advice would you give me?",
    "Is there anyone else you think I should talk to?",
    "Thank you so much, this was really helpful!",
]


@pytest.fixture
def script(tmp_path) -> Path:
    path = tmp_path / "questions.txt"
    path.write_text("\n".join(QUESTIONS[:3]) + "\n\n   \n" + "\n".join(QUESTIONS[3:]) + "\n", encoding="utf-8")
    return path


def transcripts(home: Path):
    return TranscriptStore(home / "transcripts").load_all()[0]


def test_offline_rehearsal_streams_replies_and_saves_the_transcript(home, script, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert result.code == 0, result.err
    assert result.out.count("\nYou: ") == 6 and result.out.count("\nPriya: ") == 7  # the greeting and six replies
    assert "Marcus Bell" in result.out
    (t,) = transcripts(home)
    assert [turn.text for turn in t.user_turns()] == QUESTIONS
    assert t.status == "finished" and len(t.turns) == 13  # six exchanges and the greeting
    assert f"transcript saved: {home / 'transcripts' / (t.id + '.json')}" in result.out
    assert "agreed minutes used" in result.out


def test_json_output_is_one_object_with_the_path(home, script, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--json", "--minutes", "15")
    assert result.code == 0
    summary = json.loads(result.out)
    assert Path(summary["path"]).exists() and summary["persona"] == "software-engineer"
    assert summary["turns"] == 13 and summary["agreed_minutes"] == 15 and summary["status"] == "finished"
    assert "score" in summary


def test_the_script_can_come_from_standard_input(home, cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Hi!\nWhat is hard about the job?\n".encode())))
    result = cli("rehearse", "--persona", "data-scientist", "--script", "-")
    assert result.code == 0
    assert [t.text for t in transcripts(home)[0].user_turns()] == ["Hi!", "What is hard about the job?"]


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda p: None, "no such script file"),
        (lambda p: p.write_text("\n  \n"), "has no lines to say"),
        (lambda p: p.write_bytes(b"caf\xe9?\n"), "not UTF-8"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
    ids=["missing", "empty", "latin-1", "folder"],
)
def test_a_bad_script_is_a_clear_error_and_saves_nothing(home, tmp_path, cli, setup, expected):
    path = tmp_path / "script.txt"
    setup(path)
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(path))
    assert result.code == 2 and expected in result.err and result.err.count("\n") == 1
    assert not (home / "transcripts").exists()


def test_one_physical_line_is_one_turn_whatever_separators_it_holds(home, tmp_path, cli):
    path = tmp_path / "script.txt"
    path.write_text("Hi, I'm a student.\u2028Thanks for the time!\n"
                    "What does a typical\x0cweek look like?\x85And a month?\r\n"
                    "How did you start?\rWhat is hard about it?\u2029Really?\x0b\x1cOK\n", encoding="utf-8", newline="")
    assert cli("rehearse", "--persona", "software-engineer", "--script", str(path)).code == 0
    assert [t.text for t in transcripts(home)[0].user_turns()] == [
        "Hi, I'm a student. Thanks for the time!",
        "What does a typical week look like? And a month?",
        "How did you start?",
        "What is hard about it? Really?  OK",
    ]


def test_a_line_with_nothing_left_once_cleaned_is_skipped_like_a_blank_one(home, tmp_path, cli):
    path = tmp_path / "script.txt"
    path.write_text("Hi!\n\x00\x00\n\x1b[31m\x1b[0m\n \x07 \u2028 \n\x1b[1mWhat is hard about it?\x1b[0m\n", encoding="utf-8")
    assert cli("rehearse", "--persona", "software-engineer", "--script", str(path)).code == 0
    assert [t.text for t in transcripts(home)[0].user_turns()] == ["Hi!", "What is hard about it?"]
    only_noise = tmp_path / "noise.txt"
    only_noise.write_text("\x00\n\x1b[31m\x1b[0m\n", encoding="utf-8")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(only_noise))
    assert result.code == 2 and "has no lines to say" in result.err


def test_an_unknown_persona_is_a_clear_error(home, script, cli):
    result = cli("rehearse", "--persona", "astronaut", "--script", str(script))
    assert result.code == 2 and "no persona 'astronaut'" in result.err


def test_bad_minutes_are_refused(home, script, cli):
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--minutes", "0")
    assert result.code == 2 and "--minutes" in result.err


def test_rehearsal_against_a_local_server_then_resume_after_it_fails(home, script, cli, fake_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test-key-123456")
    fake_server.queue(Reply(text="Glad to meet you."), Reply(text="Mornings are code review."),
                      *[Reply(status=500, headers={"retry-after": "0"})] * 4)
    args = ["--base-url", fake_server.base_url, "--model", "llama3.2"]
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), *args)
    assert result.code == 2
    assert "kept failing" in result.err and "resume with: coffeechat resume" in result.err
    assert "sk-local-test-key" not in result.out + result.err
    (t,) = transcripts(home)
    assert t.status == "in_progress" and t.awaiting_reply
    assert [turn.text for turn in t.turns][1:5] == [QUESTIONS[0], "Glad to meet you.", QUESTIONS[1],
                                                   "Mornings are code review."]
    assert t.turns[-1].text == QUESTIONS[2]
    assert t.engine.base_url == fake_server.base_url and t.engine.model == "llama3.2"
    assert "sk-local" not in (home / "transcripts" / f"{t.id}.json").read_text()

    more = script.parent / "more.txt"
    more.write_text("What is the culture like?\nThanks so much!\n")
    resumed = cli("resume", t.id[:15], "--script", str(more), *args)
    assert resumed.code == 0, resumed.err
    (t,) = transcripts(home)
    assert t.status == "finished"
    texts = [turn.text for turn in t.turns]
    assert texts[5] == QUESTIONS[2] and texts[6] == fake_server.default.text
    assert texts[-2] == "Thanks so much!" and len(texts) == 11

    again = cli("resume", t.id, "--script", str(more))
    assert again.code == 2 and "is finished" in again.err


def test_transcripts_list_show_and_export(home, script, cli, tmp_path):
    assert "no transcripts yet" in cli("transcripts", "list").out
    cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    (t,) = transcripts(home)
    listing = cli("transcripts", "list")
    assert t.id in listing.out and "Priya Raman" in listing.out and "finished" in listing.out
    shown = cli("transcripts", "show", t.id)
    assert shown.out.startswith("# Coffee chat with Priya Raman") and QUESTIONS[1] in shown.out
    exported = cli("transcripts", "export", t.id, "--format", "json")
    assert json.loads(exported.out)["id"] == t.id
    target = tmp_path / "chat.md"
    assert cli("transcripts", "export", t.id, "--format", "md", "-o", str(target)).code == 0
    assert target.read_text().startswith("# Coffee chat with Priya Raman")
    missing = cli("transcripts", "show", "nope")
    assert missing.code == 2 and "no transcript 'nope'" in missing.err


def test_a_killed_rehearsal_keeps_every_completed_turn(home, tmp_path, fake_server):
    """SIGKILL in the middle of a slowly streamed reply: the saved transcript holds every completed turn."""
    fake_server.default = Reply(text="Well, " + "it depends on the week and the client " * 8, chunk_delay=0.02)
    lines = [f"Question {i}: what was month {i} like?" for i in range(1, 9)]
    script = tmp_path / "slow.txt"
    script.write_text("\n".join(lines))
    env = {**os.environ, "COFFEECHAT_HOME": str(home), "OPENAI_API_KEY": "sk-kill-test-0000000"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "coffeechat", "rehearse", "--persona", "management-consultant", "--script", str(script),
         "--base-url", fake_server.base_url, "--model", "gpt-4o-mini"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    folder = home / "transcripts"
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if len(fake_server.requests) >= 3 and folder.exists() and list(folder.glob("*.json")):
                break
            time.sleep(0.02)
        time.sleep(0.15)  # well inside the third reply's stream
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    (t,) = transcripts(home)
    completed = [turn for turn in t.turns if turn.speaker == "persona"]
    assert len(completed) >= 2 and all(turn.status == "complete" for turn in completed)
    assert [turn.text for turn in t.user_turns()] == lines[: len(t.user_turns())]
    assert len(t.user_turns()) >= 3
    assert t.status == "in_progress"


def test_speaking_pace_from_the_config_file_drives_the_spoken_clock(home, script, cli):
    (home / "config.toml").write_text("user_wpm = 100\npersona_wpm = 200\npause_seconds = 0\n")
    assert cli("rehearse", "--persona", "software-engineer", "--script", str(script)).code == 0
    (t,) = transcripts(home)
    assert (t.settings.user_wpm, t.settings.persona_wpm, t.settings.pause_seconds) == (100, 200, 0)
    words = len(QUESTIONS[1].split())
    assert t.turns[3].spoken_seconds == pytest.approx(words / 100 * 60)
