"""Help (? or F1 on any screen): the keys that work on the screen below, read from its active
bindings when the help opens, and how each criterion of the rubric is scored."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coffeechat.core.rubric.guide import GUIDE

KEY_NAMES = {"enter": "enter", "escape": "esc", "up": "↑", "down": "↓", "left": "←", "right": "→"}


def screen_title(class_name: str) -> str:
    """"HomeScreen" -> "Home", "CommandPalette" -> "Command palette"."""
    words = re.findall(r"[A-Z][a-z]*", class_name.removesuffix("Screen")) or [class_name]
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def key_name(key: str) -> str:
    """How a person types the key: "ctrl+o", "?", "enter", "shift+tab"."""
    *modifiers, last = key.split("+")
    return "+".join([*modifiers, KEY_NAMES.get(last) or format_key(last)])


def _priority_bindings(screen: Screen) -> Iterator[tuple[str, DOMNode, Binding]]:
    """The app's priority bindings, which work on a modal screen too (its active bindings stop at it)."""
    for node, bindings in screen._binding_chain:
        for key, binding in bindings:
            if binding.priority:
                yield key, node, binding


def screen_keys(screen: Screen) -> list[tuple[str, str, bool]]:
    """(keys, what they do, enabled) for every key that works on ``screen`` now: the bindings of the
    screen and the app, and those the focused widget puts in the footer. Keys for the same action
    share a row ("?, f1")."""
    found = [(key, active.node, active.binding, active.enabled) for key, active in screen.active_bindings.items()]
    known = {key for key, *_ in found}
    found += [(key, node, binding, True) for key, node, binding in _priority_bindings(screen) if key not in known]
    rows: dict[tuple[str, str], list[str]] = {}
    enabled: dict[tuple[str, str], bool] = {}
    for key, node, binding, on in found:
        what = binding.tooltip or binding.description
        if not what or not (node is screen or node is screen.app or binding.show):
            continue
        row = (binding.action, what)
        rows.setdefault(row, []).append(key_name(key))
        enabled[row] = enabled.get(row, False) or on
    return [(", ".join(keys), what, enabled[(action, what)]) for (action, what), keys in rows.items()]


def _stressed(text: str) -> Text:
    """Text with its ``**…**`` parts in bold (the guide's only markup; nothing else is interpreted)."""
    out = Text()
    for i, part in enumerate(text.split("**")):
        out.append(part, style="bold" if i % 2 else "")
    return out


def keys_table(keys: list[tuple[str, str, bool]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for key, what, enabled in keys:
        table.add_row(Text(key), Text(what, style="" if enabled else "dim"))
    return table


def criterion_text(key: str) -> Text:
    g = GUIDE[key]
    text = Text()
    text.append(g.name, style="bold")
    text.append(f"  weight {g.weight:g}\n", style="dim")
    text.append_text(_stressed(g.scores[:1].upper() + g.scores[1:]))
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, title: str, keys: list[tuple[str, str, bool]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(Text(f"Help · {self.title_text}", style="bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(Text("Keys on this screen"), classes="section-title")
                yield Static(keys_table(self.keys), id="help-keys")
                yield Static(Text("How your rehearsal is scored"), classes="section-title")
                yield Static(Text("Each criterion scores 0–100; the overall score is their weighted mean. A criterion"
                                  " the conversation never tested shows – (not scored) and is left out of the overall."),
                             classes="help-note")
                for key in GUIDE:
                    yield Static(criterion_text(key), id=f"help-{key}", classes="help-criterion")
            yield Static(Text("esc, ? or f1 closes · ↑↓ pgup pgdn scroll", style="dim"), id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
