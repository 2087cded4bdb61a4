"""Prepare: goal, agreed minutes, prepared questions (linted live) and an optional outreach message."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Collapsible, Footer, Header, Input, Label, Static, TextArea

from coffeechat.core.persona import Persona
from coffeechat.core.prepare import lint_questions, outreach_feedback

VERDICT_STYLE = {"open": "green", "closed": "yellow", "googleable": "yellow", "job request": "red",
                 "statement": "red", "referral ask": "green", "thanks": "green", "introduction": "green"}
QUESTIONS_HINT = ("What does a typical week look like for you?\nHow did you get into this work?\n"
                  "What experiences would best prepare someone for a role like yours?")


def persona_card(p: Persona) -> Text:
    text = Text()
    text.append(p.name, style="bold")
    text.append(f" ({p.pronouns}) — {p.role}, {p.employer.name}\n")
    text.append(f"{p.industry} · {p.location} · {p.manner.temperament}, {p.manner.talkativeness} talkativeness"
                f" · {p.manner.default_minutes} min" + (" · strict about time" if p.manner.strict_about_time else "") + "\n",
                style="dim")
    text.append(p.summary)
    return text


def _grid() -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    return grid


def lint_text(text: str, persona: Persona | None = None) -> Table | Text:
    items = lint_questions(text, persona)
    if not items:
        return Text("Write about ten questions, one per line; each is checked as you type.", style="dim")
    grid = _grid()
    for i, item in enumerate(items, 1):
        style = VERDICT_STYLE.get(item.verdict, "")
        good = style == "green"
        grid.add_row(Text(f"{'✓' if good else '!'} {i:>2}.", style=style), Text(item.verdict, style=style),
                     Text("" if good else item.advice))
    count = len(items)
    if count < 8:
        grid.add_row(Text(""), Text(""), Text(f"{count} question{'s' if count != 1 else ''} so far; about ten gives you"
                                              " room to follow the conversation.", style="dim"))
    return grid


class PrepareScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "start", "Start interview"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, persona: Persona) -> None:
        super().__init__()
        self.persona = persona
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        p = self.persona
        yield Header()
        with VerticalScroll(id="prepare", can_focus=False):  # the fields are the stops; it scrolls to each
            yield Static(persona_card(p), id="persona-card")
            with Horizontal(classes="field"):
                yield Label("You")
                yield Input(self.app.your_name(), placeholder="Your name, to sign the thank-you note", id="your-name",
                            max_length=100)
            with Horizontal(classes="field"):
                yield Label("Goal")
                yield Input(placeholder="What do you want to learn from this conversation?", id="goal")
                yield Label("Minutes", id="minutes-label")
                yield Input(str(p.manner.default_minutes), type="integer", max_length=3, id="minutes")
            yield Static(Text("Prepared questions — one per line"), classes="section-title")
            yield TextArea("", id="questions", soft_wrap=True, placeholder=QUESTIONS_HINT)
            yield Static(lint_text(""), id="question-lint")
            with Collapsible(title="Outreach message (optional): feedback before you send it", id="outreach-box"):
                yield TextArea("", id="outreach", soft_wrap=True,
                               placeholder=f"Hi {p.first_name}, I'm … I'd love 20 minutes of your time to hear about …")
                yield Static(id="outreach-feedback")
            yield Button("Start interview  (ctrl+s)", id="start", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        # the first box on screen, until your name is known: then the goal
        name = self.query_one("#your-name", Input)
        (self.query_one("#goal", Input) if name.value.strip() else name).focus()
        self.sub_title = f"Prepare · {self.persona.name}"

    @on(TextArea.Changed)
    def _changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.15, self.refresh_feedback)

    def refresh_feedback(self) -> None:
        self.query_one("#question-lint", Static).update(lint_text(self.query_one("#questions", TextArea).text, self.persona))
        message = self.query_one("#outreach", TextArea).text
        feedback: Table | Text = Text("")
        if message.strip():
            feedback = _grid()
            for check in outreach_feedback(message, self.persona):
                style = "green" if check.ok else "yellow"
                feedback.add_row(Text("✓" if check.ok else "!", style=style), Text(check.label, style=style),
                                 Text(check.advice))
        self.query_one("#outreach-feedback", Static).update(feedback)

    def prepared_questions(self) -> list[str]:
        return [item.text for item in lint_questions(self.query_one("#questions", TextArea).text)]

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        raw = self.query_one("#minutes", Input).value.strip() or str(self.persona.manner.default_minutes)
        minutes = int(raw) if raw.isdigit() else 0
        if not 1 <= minutes <= 240:
            self.notify("Agreed minutes must be a whole number from 1 to 240.", severity="error", markup=False)
            self.query_one("#minutes", Input).focus()
            return
        goal = self.query_one("#goal", Input).value.strip()
        outreach = self.query_one("#outreach", TextArea).text.strip()
        name = " ".join(self.query_one("#your-name", Input).value.split())
        self.app.start_interview(self.persona, minutes, goal, self.prepared_questions(), outreach, your_name=name)
