"""Widgets shared by the screens. Model and user text is never interpreted as markup: it reaches
the screen as rich ``Text`` or through the Markdown widget."""

from __future__ import annotations

import asyncio
import time

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.widgets import Markdown, Static

from coffeechat.core.clock import ClockState
from coffeechat.core.transcript import EngineInfo, Turn

def score_style(score: float) -> str:
    """The colour of a score: green from 80, yellow from 60, red below."""
    return "green" if score >= 80 else "yellow" if score >= 60 else "red"


PHASE_CLASS = {"on_time": "", "nearly_up": "clock-warning", "up": "clock-over", "over": "clock-over"}


def clock_text(state: ClockState) -> Text:
    used = int(state.elapsed_seconds)
    agreed = int(state.agreed_minutes * 60)
    text = Text(f"⏱ {used // 60}:{used % 60:02d} / {agreed // 60}:{agreed % 60:02d}")
    phase = state.phase
    label = {"on_time": "", "nearly_up": " nearly up", "up": " time's up", "over": " over time"}[phase]
    if label:
        text.append(label)
    return text


class ClockDisplay(Static):
    """The spoken clock against the agreed minutes, coloured as the end nears."""

    def show(self, state: ClockState) -> None:
        self.update(clock_text(state))
        for cls in ("clock-warning", "clock-over"):
            self.remove_class(cls)
        if PHASE_CLASS[state.phase]:
            self.add_class(PHASE_CLASS[state.phase])


def engine_label(info: EngineInfo) -> Text:
    if info.kind == "offline":
        return Text("OFFLINE engine")
    return Text(f"{info.model} @ {info.base_url or 'api.openai.com'}", no_wrap=True, overflow="ellipsis")


class UserMessage(Static):
    """Something the user said: shown literally."""

    def __init__(self, text: str, number: int | None = None, **kwargs) -> None:
        label = Text()
        label.append("You", style="bold")
        if number is not None:
            label.append(f"  #{number}", style="dim")
        label.append("\n")
        label.append(text)
        super().__init__(label, **kwargs)


_PARSER = None


def shared_parser():
    """One Markdown parser for every message: building one costs more than parsing a chunk."""
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("gfm-like")
    return _PARSER


class PersonaMessage(Vertical):
    """The professional's reply: Markdown, streamed in as it arrives."""

    def __init__(self, name: str, text: str = "", number: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._name = name
        self._text = text
        self._number = number

    def compose(self) -> ComposeResult:
        label = Text()
        label.append(self._name, style="bold")
        if self._number is not None:
            label.append(f"  #{self._number}", style="dim")
        yield Static(label, classes="speaker")
        yield Markdown(self._text, open_links=False, parser_factory=shared_parser)
        yield Static("", classes="status")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    def mark(self, note: str, broke_off: bool = True) -> None:
        """A line under the reply: how it ended when not in full (``broke_off``), or a plain remark."""
        try:
            status = self.query_one(".status", Static)
        except NoMatches:  # the app is closing and took the reply's parts first: nothing to mark
            return
        status.update(Text(note))
        if broke_off:
            self.add_class("interrupted")


def turn_widget(turn: Turn, persona_name: str, number: int) -> Static | PersonaMessage:
    if turn.speaker == "user":
        return UserMessage(turn.text, number, id=f"turn-{number}", classes="message user")
    widget = PersonaMessage(persona_name, turn.text, number, id=f"turn-{number}", classes="message persona")
    return widget


class CoalescingWriter:
    """Feeds streamed chunks to a ``MarkdownStream`` in batches.

    Chunks can arrive far faster than a screen refresh; writing each one would re-render the reply
    per token. Every chunk is buffered at once; one flush at a time hands the whole buffer to the
    Markdown stream, and the pause before the next flush grows with how long the last render took,
    so drawing never takes more than about a fifth of the time. The event loop gets a turn every few
    milliseconds, so keystrokes stay responsive however fast the chunks come.
    """

    MIN_INTERVAL = 0.2  # five updates a second: each re-lays out the log, which costs far more than a chunk
    YIELD_EVERY = 0.004  # seconds of uninterrupted chunk handling before letting the UI run

    def __init__(self, stream) -> None:
        self._clock = time.perf_counter
        self._stream = stream
        self._pending: list[str] = []
        self._wake = asyncio.Event()
        self._closed = asyncio.Event()
        self._closing = False
        self._last_yield = self._clock()
        self._task = asyncio.create_task(self._run())

    async def write(self, chunk: str) -> None:
        self._pending.append(chunk)
        self._wake.set()
        now = self._clock()
        if now - self._last_yield >= self.YIELD_EVERY:
            self._last_yield = now
            await asyncio.sleep(0)

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            spent = 0.0
            if self._pending:
                text = "".join(self._pending)
                self._pending.clear()
                started = self._clock()
                await self._stream.write(text)
                spent = self._clock() - started
            if self._closing and not self._pending:
                return
            if not self._closing:  # pause between renders, but end the pause at once when the reply is done
                try:  # asyncio.timeout: a stop never lost to wait_for's race on 3.11
                    async with asyncio.timeout(max(self.MIN_INTERVAL, spent * 4)):
                        await self._closed.wait()
                except TimeoutError:
                    pass

    async def close(self) -> None:
        """Flush what is left and stop the Markdown stream."""
        self._closing = True
        self._closed.set()
        self._wake.set()
        try:
            await self._task
        finally:
            await self._stream.stop()
