"""The session: every word is saved before a reply is asked for; stopped or broken replies are kept, marked."""

from __future__ import annotations

import asyncio

import pytest

from coffeechat.core.engine import EngineError
from coffeechat.core.session import Session
from coffeechat.core.transcript import EngineInfo, SessionSettings
from coffeechat.errors import CoffeechatError
from coffeechat.store.personas import load_library

PERSONA = load_library().get("software-engineer").persona


class ScriptedEngine:
    """Streams the given chunks; optionally fails or stalls after some of them."""

    def __init__(self, chunks, fail_after=None, stall_after=None):
        self.chunks = chunks
        self.fail_after = fail_after
        self.stall_after = stall_after
        self.requests = []
        self.info = EngineInfo(kind="openai", model="scripted")

    async def aclose(self):
        pass

    async def stream_reply(self, request):
        self.requests.append(request)
        for i, chunk in enumerate(self.chunks):
            if self.fail_after is not None and i == self.fail_after:
                raise EngineError("the connection dropped")
            if self.stall_after is not None and i == self.stall_after:
                await asyncio.sleep(3600)
            yield chunk


def new_session(engine, saves):
    return Session.start(PERSONA, engine, SessionSettings(agreed_minutes=30), "s1",
                         saver=lambda t: saves.append(t.model_copy(deep=True)))


def test_the_user_turn_is_saved_before_the_reply_is_requested():
    saves = []
    engine = ScriptedEngine(["Hello ", "there."])
    session = new_session(engine, saves)
    session.add_user_turn("What does a typical day look like?")
    assert saves[-1].turns[-1].text == "What does a typical day look like?"
    asyncio.run(session.reply())
    assert saves[-1].turns[-1].text == "Hello there." and saves[-1].turns[-1].status == "complete"


def test_chunks_reach_the_front_end_as_they_arrive_sync_or_async():
    seen = []

    async def async_handler(chunk):
        seen.append(("async", chunk))

    session = new_session(ScriptedEngine(["a ", "b ", "c"]), [])
    asyncio.run(session.ask("Hi?", on_chunk=lambda c: seen.append(("sync", c))))
    asyncio.run(session.ask("And?", on_chunk=async_handler))
    assert [c for _, c in seen] == ["a ", "b ", "c", "a ", "b ", "c"]


async def ask_and_stop(session, question: str) -> None:
    """Ask, and stop the reply while it streams (as Esc does)."""
    task = asyncio.create_task(session.ask(question))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


def test_cancelling_a_reply_keeps_the_part_received_marked_cut_off():
    saves = []
    session = new_session(ScriptedEngine(["Most ", "mornings ", "I ", "never-sent"], stall_after=3), saves)

    asyncio.run(ask_and_stop(session, "What is your day like?"))
    last = saves[-1].turns[-1]
    assert last.speaker == "persona" and last.status == "cut_off"
    assert last.text == "Most mornings I"
    assert saves[-1].turns[-2].text == "What is your day like?"


def test_a_broken_reply_keeps_its_part_and_the_question_and_can_be_asked_again():
    saves = []
    engine = ScriptedEngine(["Part ", "one ", "part two."], fail_after=2)
    session = new_session(engine, saves)
    with pytest.raises(EngineError):
        asyncio.run(session.ask("How did you start?"))
    broken = saves[-1].turns[-1]
    assert broken.status == "interrupted" and broken.text == "Part one" and "dropped" in broken.note
    assert session.transcript.awaiting_reply

    engine.fail_after = None
    asyncio.run(session.reply())
    assert session.transcript.turns[-1].text == "Part one part two." and session.transcript.turns[-1].status == "complete"
    # the retry asked about the user's question, not about the broken-off fragment
    assert engine.requests[-1].turns[-1].text == "How did you start?"


def test_a_failure_before_any_text_adds_no_empty_reply():
    session = new_session(ScriptedEngine(["x"], fail_after=0), [])
    with pytest.raises(EngineError):
        asyncio.run(session.ask("Hello?"))
    assert [t.speaker for t in session.transcript.turns] == ["persona", "user"]  # their greeting, then the question


def test_an_unexpected_engine_bug_still_keeps_the_conversation():
    class Buggy(ScriptedEngine):
        async def stream_reply(self, request):
            yield "Half "
            raise ZeroDivisionError("oops")

    session = new_session(Buggy([]), [])
    with pytest.raises(EngineError, match="ZeroDivisionError"):
        asyncio.run(session.ask("Hi?"))
    assert session.transcript.turns[-1].text == "Half" and session.transcript.turns[-1].status == "interrupted"


def test_the_clock_advances_with_each_turn_and_reaches_the_engine():
    engine = ScriptedEngine(["word " * 149 + "word"])
    session = new_session(engine, [])
    asyncio.run(session.ask("What does a typical day look like for you?"))
    greeting, user, reply = session.transcript.turns
    assert user.spoken_start == pytest.approx(greeting.spoken_seconds)
    assert reply.spoken_start == pytest.approx(greeting.spoken_seconds + user.spoken_seconds)
    assert session.clock.elapsed_seconds == pytest.approx(greeting.spoken_seconds + user.spoken_seconds + 62.0)
    assert engine.requests[0].clock.elapsed_seconds == pytest.approx(greeting.spoken_seconds + user.spoken_seconds)


def test_empty_and_oversized_messages_are_refused_with_a_reason():
    session = new_session(ScriptedEngine([]), [])
    for nothing in ("   ", "\x00\x00", "\x1b[31m\x1b[0m"):
        with pytest.raises(CoffeechatError, match="empty"):
            session.add_user_turn(nothing)
    with pytest.raises(CoffeechatError, match="characters"):
        session.add_user_turn("why " * 10_000)
    assert [t.speaker for t in session.transcript.turns] == ["persona"]  # only their greeting


def test_a_finished_session_takes_no_more_turns():
    session = new_session(ScriptedEngine([]), [])
    session.finish()
    with pytest.raises(CoffeechatError, match="finished"):
        session.add_user_turn("One more thing?")


def test_a_stopped_reply_can_be_asked_again_and_stays_in_the_record():
    engine = ScriptedEngine(["A long ", "answer ", "that was stopped."], stall_after=2)
    session = new_session(engine, [])

    async def stop_then_ask_again():
        await ask_and_stop(session, "How did you start?")
        assert session.transcript.turns[-1].status == "cut_off" and session.can_ask_again
        assert not session.transcript.awaiting_reply  # a new question may follow instead
        engine.stall_after = None
        engine.chunks = ["A second ", "answer."]
        await session.reply(again=True)

    asyncio.run(stop_then_ask_again())
    *_, stopped, again = session.transcript.turns
    assert stopped.status == "cut_off" and stopped.text == "A long answer"
    assert again.status == "complete" and again.text == "A second answer."
    assert engine.requests[-1].turns[-1].text == "How did you start?"  # the stopped part is not sent
    assert not session.can_ask_again


def test_asking_the_offline_professional_again_after_stopping_gets_another_answer():
    from coffeechat.engines.offline import OfflineEngine

    session = new_session(OfflineEngine(delay=0.005), [])
    heard: list[str] = []

    async def stop_then_ask_again():
        task = asyncio.create_task(session.ask("What does a typical week look like for you?", heard.append))
        for _ in range(2000):  # until a good part of the first answer has come, however slow the machine
            if len("".join(heard)) >= 80:
                break
            await asyncio.sleep(0.005)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await session.reply(again=True)

    asyncio.run(stop_then_ask_again())
    *_, stopped, again = session.transcript.turns
    assert stopped.status == "cut_off" and len(stopped.text) >= 60
    assert again.status == "complete"
    assert stopped.text[20:60] not in again.text  # not the same answer word for word
