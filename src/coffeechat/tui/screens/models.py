"""Pick one of the models the server offers, for the interviews started from now on."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coffeechat.core.safe_text import clean


class ModelPicker(ModalScreen[str | None]):
    HELP_TITLE = "Choose a model"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, models: list[str], current: str) -> None:
        super().__init__()
        self.models = [clean(m) for m in models]
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(f"Models the server offers (now: {self.current}). Enter picks one; Esc keeps it."))
            yield OptionList(*[Option(Text(m + ("  ✓" if m == self.current else "")), id=str(i))
                               for i, m in enumerate(self.models)], id="models")

    def on_mount(self) -> None:
        options = self.query_one("#models", OptionList)
        options.highlighted = self.models.index(self.current) if self.current in self.models else 0
        options.focus()

    @on(OptionList.OptionSelected, "#models")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.models[int(event.option.id or 0)])
