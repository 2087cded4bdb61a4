"""Against a local fake OpenAI-compatible server that misbehaves on purpose: retries as specified,
a clear message on giving up, the transcript intact, the app responsive."""

from __future__ import annotations

import json
import time

import pytest
from textual.widgets import Input

from coffeechat.store.transcripts import TranscriptStore

from fake_openai import Reply

KEY = "sk-fault-test-0123456789abcdef"
LINES = ["Hi, I'm a student exploring data science.", "What does a typical week look like for you?",
         "What advice would you give me?"]


@pytest.fixture
def setup(home, tmp_path, monkeypatch, fake_server):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    (home / "config.toml").write_text(f'base_url = "{fake_server.base_url}"\nmodel = "fake-model"\nrequest_timeout = 0.6\n')
    script = tmp_path / "script.txt"
    script.write_text("\n".join(LINES) + "\n")
    return fake_server, script


def transcript(home):
    (t,) = TranscriptStore(home / "transcripts").load_all()[0]
    return t


def rehearse(cli, script, *extra):
    return cli("rehearse", "--persona", "data-scientist", "--script", str(script), *extra)


@pytest.mark.parametrize(
    "failure",
    [Reply(status=429, headers={"retry-after": "0"}), Reply(status=500, headers={"retry-after": "0"}),
     Reply(status=502, headers={"retry-after": "0"}), Reply(status=503, headers={"retry-after": "0"})],
    ids=["429", "500", "502", "503"],
)
def test_transient_statuses_are_retried_and_the_rehearsal_completes(home, cli, setup, failure):
    server, script = setup
    server.queue(failure, failure)
    result = rehearse(cli, script)
    assert result.code == 0, result.err
    assert len(server.requests) == len(LINES) + 2 + 1  # the retries, and their side asked once it ended
    t = transcript(home)
    assert t.status == "finished" and len(t.turns) == 2 * len(LINES) + 1  # and the greeting that opened it
    assert all(turn.status == "complete" for turn in t.turns)


def test_retry_after_is_honoured(home, cli, setup):
    server, script = setup
    server.queue(Reply(status=429, headers={"retry-after": "1"}))
    started = time.monotonic()
    assert rehearse(cli, script).code == 0
    assert time.monotonic() - started >= 1.0


def test_a_first_byte_slower_than_the_timeout_is_retried(home, cli, setup):
    server, script = setup
    server.queue(Reply(first_byte_delay=3.0))  # past twice request_timeout: the wait for the first words
    result = rehearse(cli, script)
    assert result.code == 0, result.err
    assert len(server.requests) == len(LINES) + 1 + 1  # the retry, and their side asked once it ended


def test_giving_up_prints_one_clear_message_and_keeps_the_transcript_resumable(home, cli, setup):
    server, script = setup
    server.queue(Reply(), *[Reply(status=503, headers={"retry-after": "0"})] * 4)
    result = rehearse(cli, script)
    assert result.code == 2
    assert "kept failing (HTTP 503" in result.err and "after 4 attempts" in result.err
    assert "resume with: coffeechat resume" in result.err
    assert "Traceback" not in result.err
    t = transcript(home)
    assert t.status == "in_progress" and [x.text for x in t.user_turns()] == LINES[:2]
    assert t.replies()[0].status == "complete"


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Reply(text="I start most days with the claims data " * 3, drop_after_chunks=4), "broke off midway"),
        (Reply(text="I start most days with the claims data " * 3, malformed_after_chunks=3), "not a valid streamed"),
    ],
    ids=["dropped-connection", "malformed-chunk"],
)
def test_a_reply_broken_midway_keeps_its_part_and_every_user_word(home, cli, setup, fault, expected):
    server, script = setup
    server.queue(Reply(), fault)
    result = rehearse(cli, script)
    assert result.code == 2 and expected in result.err
    t = transcript(home)
    partial = t.replies()[1]
    assert partial.status == "interrupted" and partial.text.startswith("I start") and expected in partial.note
    assert [x.text for x in t.user_turns()] == LINES[:2]


def test_chunks_with_empty_choices_are_ignored(home, cli, setup):
    server, script = setup
    server.queue(Reply(text="Mostly claims data.", empty_choices_first=True))
    assert rehearse(cli, script).code == 0
    assert transcript(home).replies()[0].text == "Mostly claims data."


def test_a_reply_that_never_ends_is_stopped_and_kept(home, cli, setup):
    server, script = setup
    server.queue(Reply(text="and then some more", endless=True))
    result = rehearse(cli, script)
    assert result.code == 2 and "did not end" in result.err
    partial = transcript(home).replies()[0]
    assert partial.status == "interrupted" and 12_000 <= len(partial.text) < 13_000


def test_the_key_never_appears_in_output_or_files_even_when_the_server_echoes_it(home, cli, setup):
    server, script = setup
    server.queue(Reply(status=401, error_body={"error": {"message": f"Incorrect API key provided: {KEY}"}}))
    result = rehearse(cli, script)
    assert result.code == 2 and "rejected the API key" in result.err
    written = "".join(p.read_text(errors="replace") for p in home.rglob("*") if p.is_file())
    assert KEY not in result.out + result.err + written
    assert KEY[:12] not in result.out + result.err + written


async def test_the_app_stays_responsive_while_the_server_stalls_and_esc_cancels(home, setup):
    server, _ = setup
    server.queue(Reply(first_byte_delay=0.4, text="Sure. " * 1000, chunk_delay=0.01))  # ten seconds, cut short by esc
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(load_settings({"home": str(home)}), start_persona="data-scientist", offline_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        ask = app.screen.query_one("#ask", Input)
        ask.value = "What does a typical week look like?"
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.screen.streaming
        # keystrokes are handled while the reply is pending and streaming
        await pilot.press("h", "i")
        assert ask.value == "hi" and app.screen.streaming  # typed while the reply was still coming
        await pilot.pause(0.8)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        t = app.screen.session.transcript
        assert t.turns[-1].status == "cut_off" and t.turns[-1].text.startswith("Sure.")
        assert ask.value == "hi"  # what the user was typing is untouched


async def test_the_app_shows_a_notice_when_the_server_gives_up_and_keeps_the_question(home, setup):
    server, _ = setup
    server.queue(*[Reply(status=500, headers={"retry-after": "0"})] * 4, Reply(text="Happy to help."))
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(load_settings({"home": str(home)}), start_persona="data-scientist", offline_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#ask", Input).value = "How did you get into data science?"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("kept failing" in n.message for n in app._notifications)
        session = app.screen.session
        assert session.transcript.turns[-1].text == "How did you get into data science?"
        await pilot.press("ctrl+r")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert session.transcript.turns[-1].text == "Happy to help."
    app.saver.flush()
    saved = json.loads((home / "transcripts" / f"{session.transcript.id}.json").read_text())
    assert [turn["text"] for turn in saved["turns"]][1:] == ["How did you get into data science?", "Happy to help."]
