"""Replies that end like speech, and the app's notes never shown as the persona's words."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import respx

from coffeechat.core.clock import ClockState
from coffeechat.engines import prompting
from coffeechat.engines.shaping import ReplyShaper, strip_notes

from fake_openai import sse_chunk
from test_openai_engine import BASE, PERSONA, make_engine, new_session, sent

CLOCK_NOTE = prompting.clock_note(ClockState(120, 20), strict=True)
OMITTED_NOTE = prompting.omitted_note(6, ["How did you start?", "What is hard?"])


def shaped(chunks: list[str], budget: int | None = None, length: bool = False) -> tuple[str, ReplyShaper]:
    shaper = ReplyShaper(budget)
    out = "".join(shaper.feed(c) for c in chunks) + shaper.finish(stopped_for_length=length)
    return out, shaper


def pieces(text: str, size: int) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


def rehearse_one_question(cli, tmp_path, server):
    """A headless rehearsal of one question against the local fake server (its replies queued)."""
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like?\n", encoding="utf-8")
    return cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--base-url", server.base_url,
               "--model", "llama3.2")


@pytest.mark.parametrize("size", [1, 3, 17, 1000])
def test_an_echoed_clock_note_is_dropped_however_it_is_split(size):
    out, shaper = shaped(pieces(CLOCK_NOTE + "\n\nSure! Most weeks I'm at the client.", size))
    assert out == "Sure! Most weeks I'm at the client." and shaper.dropped_notes == 1


def test_a_note_in_the_middle_or_the_omitted_note_is_dropped_and_other_brackets_stay():
    out, _ = shaped(pieces(f"Well, [as I said] it varies. {OMITTED_NOTE} Mondays I fly out.", 7))
    assert out == "Well, [as I said] it varies.  Mondays I fly out."
    assert strip_notes(f"{CLOCK_NOTE}\nHello there.") == "Hello there."
    assert "Clock note" not in strip_notes(f"Hi. {CLOCK_NOTE}")


def test_an_unclosed_bracket_is_text_not_a_note():
    text = "I keep a list [of everyone I've managed, " + "and where they went " * 40
    out, _ = shaped(pieces(text, 9))
    assert out == text


def test_a_reply_stopped_for_length_ends_at_its_last_full_sentence():
    text = ("I fly out on Monday mornings. The client site is usually a plant in the Midwest. "
            "Thursday nights I come home, and Friday is for the office and catching")
    words = [w + " " for w in text.split(" ")]
    out, shaper = shaped(words, budget=20, length=True)
    assert out.endswith("usually a plant in the Midwest.") and shaper.cut
    whole, shaper = shaped(words, budget=20, length=False)
    assert whole.strip() == text and not shaper.cut  # a reply that ended on its own keeps every word


def test_text_with_no_sentence_end_is_not_held_back_for_ever():
    words = ["and then some more "] * 200
    shaper = ReplyShaper(50)
    shown = "".join(shaper.feed(w) for w in words)
    assert len(shown) > 3000  # shown as it comes, apart from the last few hundred characters
    assert shown + shaper.flush() == "".join(words)


def stream(chunks: list[str], finish: str) -> httpx.Response:
    body = b"".join(sse_chunk(c) for c in chunks) + sse_chunk(finish=finish) + b"data: [DONE]\n\n"
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


@respx.mock(base_url=BASE, assert_all_called=False)
def test_the_reply_budget_follows_talkativeness_and_the_setting(respx_mock):
    route = respx_mock.post("/chat/completions").mock(side_effect=lambda request: stream(["Sure."], "stop"))
    asyncio.run(new_session(make_engine()).ask("How did you get into consulting?"))
    assert sent(route)["max_tokens"] == prompting.REPLY_TOKENS[PERSONA.manner.talkativeness]
    asyncio.run(new_session(make_engine(reply_tokens=90)).ask("How did you get into consulting?"))
    assert sent(route)["max_tokens"] == 90
    asyncio.run(new_session(make_engine(reply_tokens=0)).ask("How did you get into consulting?"))
    assert "max_tokens" not in sent(route)


@respx.mock(base_url=BASE, assert_all_called=False)
def test_a_reply_cut_at_its_budget_is_stored_to_its_last_sentence_with_a_note(respx_mock):
    text = ("I started at Dow as a process engineer. " * 6) + "Then in 2019 I went to business school and"
    chunks = [w + " " for w in text.split(" ")]
    respx_mock.post("/chat/completions").mock(return_value=stream(chunks, "length"))
    saves = []
    session = new_session(make_engine(reply_tokens=60), saves)
    asyncio.run(session.ask("How did you get into consulting?"))
    reply = session.transcript.turns[-1]
    assert reply.status == "complete" and reply.text.endswith("process engineer.")
    assert "budget of 60 tokens" in reply.note
    assert json.loads(saves[-1].model_dump_json())["turns"][-1]["text"] == reply.text


@respx.mock(base_url=BASE, assert_all_called=False)
def test_an_echoed_note_never_reaches_the_transcript(respx_mock):
    chunks = pieces(CLOCK_NOTE + " Honestly, the travel is the hard part.", 5)
    respx_mock.post("/chat/completions").mock(return_value=stream(chunks, "stop"))
    session = new_session(make_engine())
    asyncio.run(session.ask("What's the hardest part?"))
    assert session.transcript.turns[-1].text == "Honestly, the travel is the hard part."


def test_a_sentence_that_speaks_of_the_note_is_not_kept_and_ordinary_words_are():
    assert strip_notes("It's just a clock note, I'm happy to say. Thanks again.") == "Thanks again."
    assert strip_notes("I took notes in class. My clock radio broke.") == "I took notes in class. My clock radio broke."


@respx.mock(base_url=BASE, assert_all_called=False)
def test_a_note_the_model_speaks_of_in_its_own_words_is_not_stored(respx_mock):
    chunks = [w + " " for w in "It's just a clock note, I'm happy to say. Honestly, the travel is the hard part.".split()]
    respx_mock.post("/chat/completions").mock(return_value=stream(chunks, "stop"))
    session = new_session(make_engine())
    asyncio.run(session.ask("What's the hardest part?"))
    assert session.transcript.turns[-1].text == "Honestly, the travel is the hard part."


LOCAL = "http://127.0.0.1:8080/v1"


def local_engine(**overrides):
    from coffeechat.engines.openai_compat import OpenAICompatEngine
    from coffeechat.store.config import Settings

    return OpenAICompatEngine(Settings(base_url=LOCAL, model=overrides.pop("model", "my-local-model"), **overrides))


@respx.mock(assert_all_called=False)
def test_the_window_is_asked_of_a_llama_cpp_server(respx_mock):
    respx_mock.get("http://127.0.0.1:8080/props").mock(
        return_value=httpx.Response(200, json={"default_generation_settings": {"n_ctx": 16384}}))
    engine = local_engine()
    assert asyncio.run(engine.discover_window()) == 16384


@respx.mock(assert_all_called=False)
def test_the_window_is_asked_of_ollama_and_its_num_ctx_counts(respx_mock):
    respx_mock.get("http://127.0.0.1:8080/props").mock(return_value=httpx.Response(404))
    respx_mock.post("http://127.0.0.1:8080/api/show").mock(return_value=httpx.Response(
        200, json={"parameters": "stop \"<|eot_id|>\"\nnum_ctx 8192", "model_info": {"llama.context_length": 131072}}))
    assert asyncio.run(local_engine().discover_window()) == 8192


@respx.mock(assert_all_called=False)
def test_a_smaller_window_than_the_default_or_a_slow_server_keeps_the_default(respx_mock):
    respx_mock.get("http://127.0.0.1:8080/props").mock(
        return_value=httpx.Response(200, json={"default_generation_settings": {"n_ctx": 2048}}))
    assert asyncio.run(local_engine().discover_window()) == 4096

    async def slow(request):
        await asyncio.sleep(30)

    respx_mock.get("http://127.0.0.1:8080/props").mock(side_effect=slow)
    started = asyncio.get_event_loop_policy().new_event_loop()
    import time

    t0 = time.monotonic()
    assert started.run_until_complete(local_engine().discover_window()) == 4096
    started.close()
    assert time.monotonic() - t0 < 3


@respx.mock(assert_all_called=False)
def test_a_server_that_does_not_say_or_answers_nonsense_keeps_the_default(respx_mock):
    respx_mock.get("http://127.0.0.1:8080/props").mock(return_value=httpx.Response(200, text="<html>"))
    respx_mock.post("http://127.0.0.1:8080/api/show").mock(return_value=httpx.Response(200, json={"n_ctx": "lots"}))
    assert asyncio.run(local_engine().discover_window()) == 4096
    configured = local_engine(context_window=32768)
    assert asyncio.run(configured.discover_window()) == 32768 and not respx_mock.calls[2:]


def test_unclosed_parenthesised_and_partly_matching_notes():
    out, _ = shaped(pieces("Sure. [Clock note from the app, not said by the visitor: 2 of 20 agreed minutes used. "
                           "Mostly code review, and some on-call.", 6))
    assert out == "Sure. Mostly code review, and some on-call."
    assert strip_notes("(Clock note from the app, not said by the visitor: 1 minute left.) Mostly code review.") == "Mostly code review."
    assert strip_notes("[App note: 29 of 30 minutes used, 1 minute left] Sure.") == "Sure."
    assert strip_notes("Oh, no need to mention it! Mostly code review, honestly.") == "Oh, no need to mention it! Mostly code review, honestly."


def test_the_omitted_note_carries_no_bracket_of_the_visitors_own():
    note = prompting.omitted_note(4, ["What does [queue] mean to you?"])
    assert note.count("[") == 1 and note.count("]") == 1 and "(queue)" in note


@respx.mock(base_url=BASE, assert_all_called=False)
def test_a_reasoning_model_gets_no_max_tokens_and_a_length_stop_mid_sentence_is_kept_to_its_sentence(respx_mock):
    route = respx_mock.post("/chat/completions").mock(
        side_effect=lambda request: stream(["Mostly code review. ", "Then I pair with the new gradu"], "length"))
    session = new_session(make_engine(model="o4-mini"))
    asyncio.run(session.ask("What is a typical day?"))
    assert "max_tokens" not in sent(route) and "max_completion_tokens" not in sent(route)
    reply = session.transcript.turns[-1]
    assert reply.text == "Mostly code review." and "stopped it for length" in reply.note


def test_a_headless_rehearsal_prints_what_is_kept_the_note_in_its_own_words_too(home, cli, tmp_path, fake_server):
    """What rehearse prints as the reply streams is what the transcript keeps: a sentence that speaks
    of the app's note is not printed, and a reply cut at its budget says so under it."""
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    spoken = "Mostly reviews. It's just a clock note, I'm happy to say. Then planning on Fridays."
    fake_server.queue(Reply(chunks=[spoken[i:i + 5] for i in range(0, len(spoken), 5)]))
    result = rehearse_one_question(cli, tmp_path, fake_server)
    assert result.code == 0, result.err
    assert "clock note" not in result.out
    assert "Priya: Mostly reviews. Then planning on Fridays.\n" in result.out
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    assert t.replies()[0].text == "Mostly reviews. Then planning on Fridays."


def test_a_reply_cut_at_its_budget_says_so_when_printed_shown_and_exported(home, cli, tmp_path, fake_server):
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    fake_server.queue(Reply(text="I plan on Mondays. Then I review code and then I", finish_reason="length"))
    result = rehearse_one_question(cli, tmp_path, fake_server)
    assert result.code == 0, result.err
    assert "Priya: I plan on Mondays.\n  (ended at its last full sentence: " in result.out
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    assert t.replies()[0].text == "I plan on Mondays." and t.replies()[0].cut_for_length
    shown = cli("transcripts", "show", t.id)
    assert "Priya** [" in shown.out and "(ended at its last full sentence)" in shown.out


def test_text_for_printing_is_split_after_sentences_and_lines_and_never_held_for_ever():
    from coffeechat.engines.shaping import split_after_last_sentence

    assert split_after_last_sentence("I plan. Then I") == ("I plan.", " Then I")
    assert split_after_last_sentence("- one\n- two") == ("- one\n", "- two")
    assert split_after_last_sentence("no end yet") == ("", "no end yet")
    endless = "word " * 200
    assert split_after_last_sentence(endless) == (endless, "")


@pytest.mark.parametrize("size", [1, 4, 9, 1000])
def test_a_reply_printed_a_sentence_at_a_time_keeps_its_spaces_and_line_breaks(size, capsys):
    from coffeechat.cli.rehearse import _Printer

    reply = "Two things.\n\n- planning on Mondays\n- reviews after lunch\n\nThat's it. (Clock note from the app: 3 of 20 minutes used.) Really!"
    printer = _Printer(False, "Priya")
    printer.start_reply()
    for piece in pieces(reply, size):
        printer.chunk(piece)
    printer.end_reply()
    assert capsys.readouterr().out == ("Priya: Two things.\n\n- planning on Mondays\n- reviews after lunch\n\n"
                                       "That's it. Really!\n")


def test_a_long_reply_cut_near_its_budget_prints_the_same_last_sentence_it_keeps(home, cli, tmp_path, fake_server):
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    text = "".join(f"This is sentence number {n}. " for n in range(1, 120)) + "And the last one is cu"
    fake_server.queue(Reply(text=text, finish_reason="length"))
    result = rehearse_one_question(cli, tmp_path, fake_server)
    assert result.code == 0, result.err
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    kept = t.replies()[0].text
    assert kept.endswith(".") and f"Priya: {kept}\n  (ended at its last full sentence" in result.out


def test_a_reply_cut_before_any_sentence_ended_does_not_claim_it_ended_at_one(home, cli, tmp_path, fake_server):
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    fake_server.queue(Reply(text="No sentence end at all and cut mid wo", finish_reason="length"))
    result = rehearse_one_question(cli, tmp_path, fake_server)
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    reply = t.replies()[0]
    assert reply.text == "No sentence end at all and cut mid wo" and not reply.cut_for_length
    assert "stopped before a sentence ended" in reply.note and "last full sentence" not in result.out


@pytest.mark.parametrize("reply", [
    {"chunks": ["Complete sentence here. But then the serv"], "finish_reason": None},
    {"text": "", "finish_reason": "stop"},
    {"chunks": [CLOCK_NOTE], "finish_reason": "stop"},
], ids=["no-finish", "empty", "only-the-note"])
def test_a_reply_that_broke_off_or_said_nothing_is_an_error_and_the_question_is_kept(home, cli, tmp_path, fake_server, reply):
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    fake_server.queue(*[Reply(**reply)] * 4)
    result = rehearse_one_question(cli, tmp_path, fake_server)
    assert result.code == 2 and "resume with: coffeechat resume" in result.err
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    assert t.status == "in_progress" and all(r.status != "complete" for r in t.replies()[1:])
    assert t.user_turns()[-1].text == "What does a typical week look like?"


def test_one_huge_chunk_is_cut_at_the_reply_bound(home, cli, tmp_path, fake_server):
    from fake_openai import Reply

    from coffeechat.store.transcripts import TranscriptStore

    fake_server.queue(Reply(chunks=["word " * 400_000]))
    result = rehearse_one_question(cli, tmp_path, fake_server)
    assert result.code == 2 and "did not end" in result.err
    (t,), _ = TranscriptStore(home / "transcripts").load_all()
    assert len(t.replies()[-1].text) <= 12_000 and len(result.out) < 20_000


@pytest.mark.parametrize("said, kept", [
    ("It is a load-balancing system for our industry. [Mentor in front of the audience: 20 minutes left]; no need to"
     " mention it.] It was fun.", "It is a load-balancing system for our industry. It was fun."),
    ("Rewarding as this career path. [Mentor on screen: 30 minutes left]; another two hours left.]",
     "Rewarding as this career path."),
    ("Well [first [Clock note from the app: 3 of 20 minutes used.]] then.", "Well then."),
    ("I keep notes [in a notebook] and a clock on my desk.", "I keep notes [in a notebook] and a clock on my desk."),
    ("I had 20 minutes left on the exam and finished.", "I had 20 minutes left on the exam and finished."),
], ids=["reworded", "reworded-tail", "nested", "ordinary-brackets", "ordinary-minutes"])
def test_a_reworded_or_nested_echo_of_the_note_is_dropped_and_ordinary_words_stay(said, kept):
    assert strip_notes(said) == kept
