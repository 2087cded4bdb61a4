"""A model server's engine is built beside the chat, never before it: a saved chat shows and takes
typing while openai is still being imported, and the first reply waits for the engine."""

from __future__ import annotations

import asyncio
import threading

import httpx
import respx
from textual.widgets import Input

from coffeechat.core.engine import EngineError
from coffeechat.engines import build_engine
from coffeechat.engines import openai_compat
from coffeechat.store.config import Settings, load_settings
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.app import CoffeechatApp
from coffeechat.tui.screens.interview import InterviewScreen

import golden
from fake_openai import sse_body

BASE = "https://llm.test/v1"


def held_build(monkeypatch, fail: Exception | None = None) -> threading.Event:
    """Make building the engine wait until the returned event is set (a slow import), or fail."""
    release = threading.Event()
    real = openai_compat.OpenAICompatEngine.__init__

    def slow_init(self, *args, **kwargs):
        assert release.wait(20), "the test never released the build"
        if fail is not None:
            raise fail
        real(self, *args, **kwargs)

    monkeypatch.setattr(openai_compat.OpenAICompatEngine, "__init__", slow_init)
    return release


def saved_chat(home) -> str:
    t = golden.abrupt()
    t.status = "in_progress"
    t.id = "20261121-100000-software-engineer"
    TranscriptStore(home / "transcripts").save(t)
    return t.id


def server_app(home) -> CoffeechatApp:
    resolved = load_settings({"home": str(home), "base_url": BASE, "model": "llama3.2", "api_key": "sk-deferred-00000000"},
                             env={})
    return CoffeechatApp(resolved)


async def until(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def test_a_saved_chat_opens_and_takes_typing_while_the_engine_is_still_being_built(home, monkeypatch):
    chat = saved_chat(home)
    release = held_build(monkeypatch)
    app = server_app(home)
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        mock.post("/chat/completions").mock(return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, content=sse_body("Mostly pairing and reviews.")))
        mock.get(url__regex=r".*").mock(return_value=httpx.Response(404))
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.open_transcript(chat)
            await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
            screen = app.screen
            await pilot.press(*"What surprised you most?")  # typed the moment the chat shows
            await until(pilot, lambda: screen.query(".persona"))
            assert "llama3.2" in str(screen.query_one("#engine").render())
            assert screen.query_one("#ask", Input).value == "What surprised you most?"
            await pilot.press("enter")
            await pilot.pause(0.2)
            session = screen.session
            assert session.transcript.awaiting_reply, "no reply before the engine exists"
            assert session.transcript.turns[-1].text == "What surprised you most?"
            release.set()
            await until(pilot, lambda: not session.transcript.awaiting_reply)
            await app.workers.wait_for_complete()
            assert session.transcript.turns[-1].text == "Mostly pairing and reviews."
            assert session.transcript.turns[-1].status == "complete"


async def test_an_engine_that_cannot_be_built_is_one_clear_error_and_the_question_is_kept(home, monkeypatch):
    chat = saved_chat(home)
    release = held_build(monkeypatch, fail=EngineError("the openai package is damaged; reinstall coffeechat"))
    release.set()
    app = server_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_transcript(chat)
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen))
        await pilot.press(*"What surprised you most?", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        session = app.screen.session
        assert session.transcript.turns[-1].text == "What surprised you most?" and session.transcript.awaiting_reply
        assert any("reinstall coffeechat" in n.message for n in app._notifications)
    saved = TranscriptStore(home / "transcripts").load(chat)
    assert saved.turns[-1].text == "What surprised you most?"


def test_a_missing_key_is_said_at_once_not_at_the_first_reply():
    try:
        build_engine(Settings(engine="openai", model="gpt-4o-mini"), deferred=True)
    except EngineError as exc:
        assert "needs an API key" in str(exc)
    else:
        raise AssertionError("no error for a missing key")


def test_stopping_the_first_reply_while_it_waits_never_cancels_the_build(monkeypatch):
    release = held_build(monkeypatch)
    engine = build_engine(Settings(base_url="http://127.0.0.1:9/v1", model="llama3.2"), deferred=True)

    async def main():
        waiting = asyncio.ensure_future(engine.ready())
        await asyncio.sleep(0.05)
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        release.set()
        return await asyncio.wait_for(engine.ready(), 10)

    built = asyncio.run(main())
    assert isinstance(built, openai_compat.OpenAICompatEngine) and engine.built is built


def test_asking_again_after_a_failed_build_builds_again(monkeypatch):
    fixed = threading.Event()  # the certificates are put right after the first failure
    real = openai_compat.OpenAICompatEngine.__init__

    def flaky(self, *args, **kwargs):
        if not fixed.is_set():
            raise EngineError("cannot read the TLS certificates (SSL_CERT_FILE=/tmp/bad.pem: SSLError)")
        real(self, *args, **kwargs)

    monkeypatch.setattr(openai_compat.OpenAICompatEngine, "__init__", flaky)
    engine = build_engine(Settings(base_url="http://127.0.0.1:9/v1", model="llama3.2"), deferred=True)

    async def main():
        try:
            await engine.ready()
        except EngineError as exc:
            assert "TLS certificates" in str(exc)
        else:
            raise AssertionError("the first build should fail")
        fixed.set()
        return await engine.ready()

    assert isinstance(asyncio.run(main()), openai_compat.OpenAICompatEngine)


async def test_what_is_typed_the_moment_a_saved_chat_is_chosen_lands_in_its_question_box(home, monkeypatch):
    """Enter on a recent session, then typing at once: the keys that arrive before the chat is on
    screen are kept for its question box, in order, with those after."""
    from textual.widgets import DataTable

    from coffeechat.tui.screens.home import HomeScreen

    chat = saved_chat(home)
    release = held_build(monkeypatch)
    release.set()
    app = server_app(home)
    opening = app.store.open_for_writing

    def slow_disk(transcript_id):  # a slow disk: the chat takes half a second to read
        import time

        time.sleep(0.5)
        return opening(transcript_id)

    monkeypatch.setattr(app.store, "open_for_writing", slow_disk)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.query_one("#recent", DataTable).row_count)
        recent = app.screen.query_one("#recent", DataTable)
        recent.focus()
        await pilot.pause()
        from textual import events

        # as a terminal delivers them: no waiting between keys (a pilot's press waits for the app)
        app.post_message(events.Key("enter", None))
        for c in "You mentioned teamwork":
            app.post_message(events.Key("space" if c == " " else c, c))
        await until(pilot, lambda: isinstance(app.screen, InterviewScreen) and app.screen.query(".persona"))
        await pilot.press(*" - how do")
        assert app.screen.query_one("#ask", Input).value == "You mentioned teamwork - how do"
        assert app.screen.session.transcript.id == chat
