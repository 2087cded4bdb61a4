"""The OpenAI-compatible engine against a mocked server (respx): streaming, prompt, budget, retries, errors."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import respx

from coffeechat.core.engine import EngineError
from coffeechat.core.session import Session
from coffeechat.core.transcript import SessionSettings
from coffeechat.engines.openai_compat import OpenAICompatEngine, RetryPolicy
from coffeechat.store.config import Settings
from coffeechat.store.personas import load_library

from fake_openai import sse_body, sse_chunk

BASE = "https://llm.test/v1"
KEY = "sk-test-SECRET-0123456789"
PERSONA = load_library().get("management-consultant").persona


def sse(text: str) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=sse_body(text))


def error(status: int, message: str = "boom", headers: dict | None = None, code: str | None = None) -> httpx.Response:
    body = {"error": {"message": message, "type": "error", "code": code}}
    return httpx.Response(status, json=body, headers=headers or {})


class Sleeps:
    def __init__(self):
        self.delays = []

    async def __call__(self, seconds):
        self.delays.append(seconds)


def make_engine(sleeps=None, **overrides):
    settings = Settings(api_key=KEY, base_url=BASE, model=overrides.pop("model", "gpt-4o-mini"), **overrides)
    return OpenAICompatEngine(settings, retry=RetryPolicy(attempts=4, max_seconds=30, initial_delay=0.5, max_delay=8),
                              sleep=sleeps or Sleeps())


def new_session(engine, saves=None, minutes=20):
    saves = [] if saves is None else saves
    return Session.start(PERSONA, engine, SessionSettings(agreed_minutes=minutes), "t1",
                         saver=lambda t: saves.append(t.model_copy(deep=True)))


def sent(route, index=-1):
    return json.loads(route.calls[index].request.content)


@respx.mock(base_url=BASE, assert_all_called=False)
def test_a_streamed_reply_is_assembled_in_order(respx_mock):
    respx_mock.post("/chat/completions").mock(return_value=sse("I fly out Monday at six and back Thursday night."))
    session = new_session(make_engine())
    chunks = []
    turn = asyncio.run(session.ask("What does a typical week look like?", on_chunk=chunks.append))
    assert turn.text == "I fly out Monday at six and back Thursday night."
    assert len(chunks) == 10
    assert session.transcript.engine.kind == "openai" and session.transcript.engine.model == "gpt-4o-mini"


@respx.mock(base_url=BASE)
def test_the_request_streams_with_the_key_and_model(respx_mock):
    route = respx_mock.post("/chat/completions").mock(return_value=sse("Sure."))
    asyncio.run(new_session(make_engine()).ask("Hi!"))
    request = route.calls[0].request
    assert request.headers["authorization"] == f"Bearer {KEY}"
    body = json.loads(request.content)
    assert body["stream"] is True and body["model"] == "gpt-4o-mini"


@respx.mock(base_url=BASE)
def test_the_system_prompt_holds_the_persona_and_the_rules(respx_mock):
    route = respx_mock.post("/chat/completions").mock(return_value=sse("Sure."))
    asyncio.run(new_session(make_engine()).ask("Hi!"))
    system = sent(route)["messages"][0]
    assert system["role"] == "system"
    text = system["content"]
    for fact in ("Daniel Okafor", "Engagement Manager", "Harlow & Pike", "Kellogg", "Monday to Thursday",
                 PERSONA.lines.on_job_request, "Sofia Lindgren"):
        assert fact in text, fact
    for rule in ("Stay in character", "Never offer the visitor a job", "Only when they ask who else",
                 "Answer closed questions (yes/no, a choice, one fact) briefly", "20 minutes", "strict about time",
                 "nearly up"):
        assert rule in text, rule


@respx.mock(base_url=BASE)
def test_the_clock_reaches_the_model_every_turn_and_the_system_prompt_never_changes(respx_mock):
    route = respx_mock.post("/chat/completions").mock(return_value=sse(" ".join(["word"] * 400)))
    session = new_session(make_engine(), minutes=6)

    async def go():
        for q in ("What does a typical week look like?", "What is hardest?", "What advice would you give?"):
            await session.ask(q)

    asyncio.run(go())
    bodies = [sent(route, i) for i in range(3)]
    assert len({b["messages"][0]["content"] for b in bodies}) == 1, "the system prompt changed between turns"
    notes = [b["messages"][-1]["content"] for b in bodies]
    assert "0 of 6 agreed minutes used" in notes[0]
    assert "3 of 6 agreed minutes used; about 3 minutes left" in notes[1]
    assert "nearly up" in notes[2]
    # earlier user turns go back without their old clock note: the start of each request repeats the last one
    assert bodies[2]["messages"][1]["role"] == "assistant"  # the greeting that opened the meeting
    assert bodies[2]["messages"][2]["content"] == "What does a typical week look like?"
    assert bodies[2]["messages"][:4] == bodies[1]["messages"][:3] + [{"role": "assistant", "content": " ".join(["word"] * 400)}]


@respx.mock(base_url=BASE)
def test_a_small_context_window_drops_the_oldest_turns_but_keeps_system_and_latest(respx_mock):
    long_answer = "I spend most of the week at the client site with the team. " * 30
    route = respx_mock.post("/chat/completions").mock(return_value=sse(long_answer.strip()))
    engine = make_engine(context_window=4096)
    session = new_session(engine)
    questions = [f"Question number {i}: what was week {i} like?" for i in range(1, 9)]

    async def go():
        for q in questions:
            await session.ask(q)

    asyncio.run(go())
    last = sent(route)["messages"]
    assert last[0]["role"] == "system" and "Daniel Okafor" in last[0]["content"]
    assert last[-1]["content"].startswith("Question number 8")
    assert last[-2]["role"] == "assistant"
    assert all("Question number 1:" not in m["content"].split("\n\n")[-1] for m in last[1:])
    assert "left out for length" in last[1]["content"] and "Question number 1" in last[1]["content"]
    assert engine.last_request.prompt_tokens <= 4096 - 1000
    assert engine.last_request.dropped_turns > 0


@pytest.mark.parametrize(
    "failure",
    [
        error(429, "slow down", headers={"retry-after": "3"}),
        error(500, "internal"),
        error(503, "overloaded"),
        httpx.ReadTimeout("timed out"),
        httpx.ConnectError("refused"),
    ],
    ids=["429", "500", "503", "timeout", "connect"],
)
def test_transient_failures_are_retried_then_succeed(failure):
    sleeps = Sleeps()
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/chat/completions").mock(side_effect=[failure, failure, sse("Sure, happy to.")])
        turn = asyncio.run(new_session(make_engine(sleeps)).ask("Hi!"))
    assert turn.text == "Sure, happy to."
    assert route.call_count == 3
    assert len(sleeps.delays) == 2
    if isinstance(failure, httpx.Response) and failure.status_code == 429:
        assert sleeps.delays == [3.0, 3.0], "Retry-After was not honoured"


@respx.mock(base_url=BASE)
def test_giving_up_after_the_bound_is_a_clear_error_and_keeps_the_question(respx_mock):
    route = respx_mock.post("/chat/completions").mock(return_value=error(500, "internal"))
    saves = []
    session = new_session(make_engine(), saves)
    with pytest.raises(EngineError) as info:
        asyncio.run(session.ask("What does a typical week look like?"))
    message = str(info.value)
    assert route.call_count == 4
    assert "kept failing" in message and "after 4 attempts" in message and "HTTP 500" in message
    assert saves[-1].turns[-1].text == "What does a typical week look like?"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "rejected the API key"), (403, "refused access"), (404, "model 'gpt-4o-mini' was not found"),
     (400, "rejected the request")],
)
def test_client_errors_fail_at_once_with_a_clear_message(status, expected):
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/chat/completions").mock(
            return_value=error(status, f"Incorrect API key provided: {KEY[:8]}...{KEY[-4:]} {KEY}"))
        with pytest.raises(EngineError) as info:
            asyncio.run(new_session(make_engine()).ask("Hi!"))
    assert route.call_count == 1
    assert expected in str(info.value)
    assert KEY not in str(info.value)
    assert not info.value.retryable


@respx.mock(base_url=BASE)
def test_an_exhausted_quota_is_not_retried(respx_mock):
    route = respx_mock.post("/chat/completions").mock(return_value=error(429, "quota", code="insufficient_quota"))
    with pytest.raises(EngineError, match="no quota left"):
        asyncio.run(new_session(make_engine()).ask("Hi!"))
    assert route.call_count == 1


class BreaksMidway(httpx.AsyncByteStream):
    def __init__(self, words):
        self.words = words

    async def __aiter__(self):
        for word in self.words:
            yield sse_chunk(word + " ")
        raise httpx.ReadError("connection reset by peer")


@respx.mock(base_url=BASE)
def test_a_stream_broken_midway_keeps_the_partial_reply_marked_and_loses_no_user_text(respx_mock):
    respx_mock.post("/chat/completions").mock(return_value=httpx.Response(
        200, headers={"content-type": "text/event-stream"}, stream=BreaksMidway(["I", "was", "a", "process"])))
    saves = []
    session = new_session(make_engine(), saves)
    with pytest.raises(EngineError, match="broke off midway"):
        asyncio.run(session.ask("How did you get into consulting?"))
    _greeting, user, partial = saves[-1].turns
    assert user.text == "How did you get into consulting?"
    assert partial.text == "I was a process" and partial.status == "interrupted"


@respx.mock(base_url=BASE)
def test_chunks_without_choices_are_skipped(respx_mock):
    body = sse_chunk(empty_choices=True) + sse_body("Fine, thanks.")
    respx_mock.post("/chat/completions").mock(
        return_value=httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body))
    assert asyncio.run(new_session(make_engine()).ask("Hi!")).text == "Fine, thanks."


def test_a_local_server_needs_no_key_and_a_missing_key_for_openai_is_a_clear_error():
    engine = OpenAICompatEngine(Settings(base_url="http://127.0.0.1:11434/v1", model="llama3.2"))
    assert engine.window == 4096 and engine.info.base_url == "http://127.0.0.1:11434/v1"
    with pytest.raises(EngineError, match="needs an API key"):
        OpenAICompatEngine(Settings(engine="openai"))


def test_credentials_in_a_base_url_never_reach_the_transcript():
    engine = OpenAICompatEngine(Settings(base_url="https://bob:hunter2@llm.test/v1", model="gpt-4o"))
    assert "hunter2" not in engine.info.model_dump_json() and "***@llm.test" in engine.info.base_url


class _ReadyChunks:
    """A stream whose every chunk is ready at once; at chunk ``stop_at`` the reply is stopped
    (as Ctrl-C or the stop key does) while that chunk is being handed over."""

    def __init__(self, stop, stop_at: int, total: int = 50):
        self.stop, self.stop_at, self.total, self.sent = stop, stop_at, total, 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.sent >= self.total:
            raise StopAsyncIteration
        await asyncio.sleep(0)  # the network: the task waits for each chunk
        self.sent += 1
        if self.sent == self.stop_at:
            self.stop()
        return json.loads(sse_chunk("word ")[len("data: "):].strip(), object_hook=_Obj)

    async def close(self):
        pass


class _Obj(dict):
    __getattr__ = dict.get


def test_a_reply_stopped_just_as_a_chunk_arrives_stops_there_and_keeps_what_came():
    engine = make_engine()
    engine._window_asked = True
    session = new_session(engine)
    session.add_user_turn("What does a typical week look like?")

    async def main():
        task = asyncio.current_task()
        chunks = _ReadyChunks(task.cancel, stop_at=3)

        async def opened(*args, **kwargs):
            return chunks

        engine._open_stream = opened
        with pytest.raises(asyncio.CancelledError):
            await session.reply()
        return chunks

    chunks = asyncio.run(main())
    assert chunks.sent <= 4, "the stop was lost: the reply went on to the end"
    reply = session.transcript.replies()[0]
    assert reply.status == "cut_off" and reply.text.startswith("word")


@respx.mock(base_url=BASE, assert_all_called=False)
def test_a_redirect_is_not_followed_and_the_conversation_goes_nowhere_else(respx_mock):
    elsewhere = respx_mock.post("https://other.test/v1/chat/completions").mock(return_value=sse("Stolen."))
    respx_mock.post("/chat/completions").mock(return_value=httpx.Response(
        307, headers={"location": "https://user:pw@other.test/v1/chat/completions"}))
    session = new_session(make_engine())
    with pytest.raises(EngineError) as caught:
        asyncio.run(session.ask("What does a typical week look like?"))
    message = str(caught.value)
    assert "redirected the request to https://***@other.test" in message and "does not follow redirects" in message
    assert "pw" not in message and not elsewhere.called
    assert session.transcript.turns[-1].text == "What does a typical week look like?"
