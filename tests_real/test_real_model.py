"""coffeechat against a real model (SmolLM2-135M behind llama.cpp): a weak actor, here to test the
plumbing — real tokenisation, chat templates, stop handling and timing — not persona quality."""

from __future__ import annotations

import json
import re
import statistics
import time

from textual.widgets import Input

from coffeechat.engines import prompting
from coffeechat.store.config import load_settings
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.app import CoffeechatApp
from coffeechat.tui.screens.interview import InterviewScreen

from real_figures import FIGURES

LINES = [
    "Hi Priya, I'm Sam, a junior studying CS, and I'm curious about backend work.",
    "What does a typical week look like for you?",
    "How did you get into software engineering?",
    "What's the hardest part of the job?",
    "Is there anyone else you think I should talk to?",
    "Thank you so much, this was really helpful!",
]
NOTE_WORDS = re.compile(r"clock note|note from the app|not said by the visitor|agreed minutes used", re.I)


def saved(home):
    transcripts, problems = TranscriptStore(home / "transcripts").load_all()
    assert not problems
    return transcripts


def test_a_headless_rehearsal_gets_replies_that_end_and_never_echo_the_app(home, cli, tmp_path, real_server):
    script = tmp_path / "q.txt"
    script.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--base-url", real_server,
                 "--model", "smollm2", "--json")
    took = time.monotonic() - started
    assert result.code == 0, result.err
    assert json.loads(result.out)["status"] == "finished"
    (t,) = saved(home)
    replies = t.replies()
    assert len(replies) == len(LINES)
    budget = prompting.REPLY_TOKENS["medium"]
    for reply in replies:
        assert reply.text and not NOTE_WORDS.search(reply.text), reply.text[:200]
        assert len(reply.text.split()) <= budget  # a reply budget in tokens is fewer words than that
        if reply.note and "budget" in reply.note:
            assert reply.text.rstrip()[-1] in ".!?…\"')", reply.text[-80:]
    side = t.their_side  # asked of the model once the meeting ended; the offline one, saying why, if it failed
    assert side is not None and side.impression
    assert all(t.turns[m.turn - 1].speaker == "user" for m in side.moments())
    FIGURES["their_side"] = {"source": side.source, "note": side.note, "moments": len(side.moments()),
                             "impression_words": len(side.impression.split()), "impression": side.impression[:400]}
    words = [len(r.text.split()) for r in replies]
    FIGURES["headless"] = {
        "replies": len(replies), "words_per_reply": words, "median_words": statistics.median(words),
        "seconds_per_reply": [round(r.wall_seconds, 1) for r in replies], "total_seconds": round(took, 1),
        "cut_at_budget": sum(bool(r.note and "budget" in r.note) for r in replies),
    }


async def test_the_app_streams_stops_with_esc_asks_again_and_the_chat_resumes(home, cli, tmp_path, real_server):
    resolved = load_settings({"home": str(home), "base_url": real_server, "model": "smollm2"}, env={})
    app = CoffeechatApp(resolved, start_persona="software-engineer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        screen.query_one("#ask", Input).value = LINES[0]
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        first = screen.session.transcript.turns[-1]
        assert first.speaker == "persona" and first.status == "complete" and first.text
        # a reply stopped with Esc keeps its part; ctrl+r asks again
        screen.query_one("#ask", Input).value = LINES[1]
        asked = time.monotonic()
        await pilot.press("enter")
        first_token = None
        for _ in range(3000):
            await pilot.pause(0.01)
            live = screen.query(".persona").last()
            if screen.streaming and live.markdown.source:
                first_token = time.monotonic() - asked
                break
        assert screen.streaming, "the reply never started streaming"
        await pilot.pause(0.5)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        stopped = screen.session.transcript.turns[-1]
        assert stopped.status == "cut_off" and stopped.text
        await pilot.press("ctrl+r")
        await pilot.pause()
        await app.workers.wait_for_complete()
        again = screen.session.transcript.turns[-1]
        assert again.status == "complete" and again.text and not NOTE_WORDS.search(again.text)
        transcript_id = screen.session.transcript.id
        await pilot.press("ctrl+q")
    FIGURES["tui"] = {"seconds_to_first_token": round(first_token or -1, 2), "stopped_part_words": len(stopped.text.split()),
                      "retry_words": len(again.text.split())}
    more = tmp_path / "more.txt"
    more.write_text("\n".join(LINES[2:4]) + "\n", encoding="utf-8")
    import asyncio

    # the command line runs its own event loop: from this test's loop, in a thread
    resumed = await asyncio.to_thread(cli, "resume", transcript_id, "--script", str(more), "--base-url", real_server,
                                      "--model", "smollm2")
    assert resumed.code == 0, resumed.err
    t = TranscriptStore(home / "transcripts").load(transcript_id)
    assert [u.text for u in t.user_turns()][-2:] == LINES[2:4]
    assert t.turns[-1].speaker == "persona" and t.turns[-1].text
