"""Widgets shared by the screens. Model and user text is never interpreted as markup: it reaches
the screen as rich ``Text`` or through the Markdown widget."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Markdown, Static

from coffeechat.core.clock import ClockState
from coffeechat.core.transcript import EngineInfo, Turn

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
        yield Markdown(self._text, open_links=False)
        yield Static("", classes="status")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    def mark(self, note: str) -> None:
        status = self.query_one(".status", Static)
        status.update(Text(note))
        self.add_class("interrupted")


def turn_widget(turn: Turn, persona_name: str, number: int) -> Static | PersonaMessage:
    if turn.speaker == "user":
        return UserMessage(turn.text, number, id=f"turn-{number}", classes="message user")
    widget = PersonaMessage(persona_name, turn.text, number, id=f"turn-{number}", classes="message persona")
    return widget
