"""Helpers for driving the app in tests: a fixed home folder, fixed transcripts, a scripted engine."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import datetime, timezone
from pathlib import Path

from coffeechat.core.engine import EngineError
from coffeechat.core.transcript import EngineInfo
from coffeechat.store.config import load_settings
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.app import CoffeechatApp

import golden


def make_app(home: Path, **kwargs) -> CoffeechatApp:
    resolved = load_settings({"home": str(home)}, env={})
    kwargs.setdefault("offline_delay", 0)
    return CoffeechatApp(resolved, **kwargs)


def seed_history(home: Path) -> None:
    """Three finished sessions and one unfinished, at fixed times (for stable screenshots)."""
    store = TranscriptStore(home / "transcripts")
    for day, build in ((18, golden.closed_and_googleable), (19, golden.job_asker), (20, golden.strong)):
        t = build()
        from coffeechat.core.rubric.score import score_transcript

        t.id = f"202611{day}-100000-{t.persona_id}"
        t.created_at = datetime(2026, 11, day, 10, 0, tzinfo=timezone.utc)
        t.score = score_transcript(t)
        store.save(t)
    unfinished = golden.abrupt()
    unfinished.id = "20261121-100000-software-engineer"
    unfinished.created_at = datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc)
    unfinished.status = "in_progress"
    unfinished.settings.prepared_questions = ["What does a typical week look like for you?",
                                              "What advice would you give me?"]
    store.save(unfinished)


class ScriptedEngine:
    """Streams prepared replies in small chunks; can fail once, or stall for Esc tests."""

    def __init__(self, replies: list[str], delay: float = 0.0, fail_first: bool = False) -> None:
        self.replies = list(replies)
        self.delay = delay
        self.fail_first = fail_first
        self.info = EngineInfo(kind="openai", model="scripted-model", base_url="http://127.0.0.1:9/v1")

    async def aclose(self) -> None:
        pass

    async def stream_reply(self, request):
        if self.fail_first:
            self.fail_first = False
            raise EngineError("the server kept failing (HTTP 503) after 4 attempts")
        text = self.replies.pop(0) if self.replies else "Thanks for asking."
        for i in range(0, len(text), 7):
            yield text[i:i + 7]
            await asyncio.sleep(self.delay)


async def open_recent(pilot, row: int) -> None:
    """On Home, open the recent session in ``row`` (newest first) and wait until its screen is up."""
    from textual.widgets import DataTable

    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    table = pilot.app.screen.query_one("#recent", DataTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.pause()
    assert table.cursor_row == row
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """What a person sees: the screenshot's text, one line per row (styled runs joined back up)."""
    rows: dict[str, list[str]] = {}
    for y, content in re.findall(r'<text[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', app.export_screenshot()):
        rows.setdefault(y, []).append(html.unescape(content).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(rows.items(), key=lambda kv: float(kv[0])))


def walk_app(home: Path):
    """The app as a person gets it, without the tab underline's slide: a walk of hundreds of tab
    switches would otherwise spend most of its time waiting for animations to finish."""
    app = make_app(home)
    app.animation_level = "none"
    return app


def shown(widget) -> str:
    return str(widget.render())


async def settle(pilot, seconds: float = 0.0) -> None:
    await pilot.pause(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_and_ask(pilot, question: str = "What does a typical week look like for you?", wait: float = 0.4) -> None:
    """From Prepare: start the interview, ask ``question``, and give the reply ``wait`` seconds (with
    a slow engine it is still coming then)."""
    from textual.widgets import Input

    await pilot.press("ctrl+s")
    await pilot.pause()
    pilot.app.screen.query_one("#ask", Input).value = question
    await pilot.press("enter")
    await pilot.pause(wait)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])
