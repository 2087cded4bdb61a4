"""Interview: the chat, the persona's reply streaming in, the spoken clock, prepared questions and
live lint. Esc stops a reply; ctrl+g ends the interview; ctrl+r asks again after an error or a stopped reply."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Markdown, Static
from textual.worker import Worker

from coffeechat.core.engine import EngineError
from coffeechat.core.prepare import asked
from coffeechat.core.rubric.classify import classify
from coffeechat.core.rubric.profile import for_persona
from coffeechat.core.rubric.suggest import lint
from coffeechat.core.session import Session
from coffeechat.core.transcript import Turn
from coffeechat.errors import CoffeechatError
from coffeechat.tui.widgets import (
    ClockDisplay,
    CoalescingWriter,
    PersonaMessage,
    UserMessage,
    engine_label,
    turn_widget,
)

LINT_STYLE = {"open": "green", "referral ask": "green", "thanks": "green", "introduction": "green",
              "closed": "yellow", "googleable": "yellow", "job request": "bold red", "statement": "dim"}
STATUS_NOTES = {"cut_off": "— stopped here", "interrupted": "— broke off: ctrl+r asks again"}
WAITING = "…"  # under a reply that has not begun
CUT_FOR_LENGTH = "— ended at its last full sentence (its reply budget, reply_tokens in the config)"
# The log shows the latest turns only, so a long interview stays as quick as a short one (every
# message is a widget Textual lays out again on each update). The whole conversation is always in
# the transcript and in the review.
LOG_WINDOW = 50  # messages kept on screen as the conversation goes on
OPEN_WINDOW = 16  # messages drawn when a saved chat opens


def show_ending(widget: PersonaMessage, turn: Turn) -> None:
    """The line under a reply that says how it ended, as its record has it (none when said in full)."""
    if turn.status in STATUS_NOTES:
        widget.mark(STATUS_NOTES[turn.status])
    else:
        widget.mark(CUT_FOR_LENGTH if turn.cut_for_length else "", broke_off=False)


class _Choice(ModalScreen[bool]):
    """A question with two answers: the first (enter) dismisses with True, the second (esc) with False."""

    QUESTION = ""
    YES = NO = ""

    def question(self) -> str:
        return self.QUESTION

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(Text(self.question()))
            with Horizontal():
                yield Button(f"{self.YES}  (enter)", id="end", variant="primary")
                yield Button(f"{self.NO}  (esc)", id="keep")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "end")


class ConfirmEnd(_Choice):
    HELP_TITLE = "End the interview?"
    BINDINGS = [Binding("escape", "dismiss(False)", "Keep talking"), Binding("enter", "dismiss(True)", "End")]
    QUESTION, YES, NO = "End the interview and see your review?", "End", "Keep talking"


ASK_PLACEHOLDER = "Ask a question… (enter sends)"
OPENING_HINT = "Introduce yourself in a sentence or two: who you are and why you asked to talk."


class TheyLeft(_Choice):
    """The professional had to go: the meeting is over, and the review is what comes next."""

    HELP_TITLE = "The meeting is over"
    BINDINGS = [Binding("enter", "dismiss(True)", "See the review"), Binding("escape", "dismiss(False)", "Stay here")]
    YES, NO = "Review", "Stay here"

    def __init__(self, first_name: str) -> None:
        super().__init__()
        self.first_name = first_name

    def question(self) -> str:
        return f"{self.first_name} had to leave: the meeting is over. See your review?"


class InterviewScreen(Screen):
    BINDINGS = [
        Binding("escape", "stop", "Stop reply"),
        Binding("ctrl+g", "end", "End"),
        Binding("ctrl+r", "retry", "Retry"),
        Binding("ctrl+t", "toggle_questions", "Questions"),
    ]
    AUTO_FOCUS = "#ask"  # focused as the screen shows, before the conversation is drawn: no key is lost

    def __init__(self, session: Session, typed: str = "") -> None:
        super().__init__()
        self.session = session
        self._typed = typed  # what was typed while the chat was opening
        self.reply_worker: Worker | None = None
        self._lint_serial = 0
        self._side_chosen: bool | None = None  # the user's ctrl+t choice wins over the automatic one
        self.owns_lock = True  # this screen holds the transcript's lock until it hands it to the review

    @property
    def streaming(self) -> bool:
        return self.reply_worker is not None and self.reply_worker.is_running

    def compose(self) -> ComposeResult:
        p = self.session.persona
        with Horizontal(id="topbar"):
            yield Static(Text(f"{p.name} · {p.role}, {p.employer.name}", no_wrap=True, overflow="ellipsis"), id="who")
            yield Static(id="qcount")
            yield Static(engine_label(self.session.transcript.engine), id="engine",
                         classes="offline" if self.session.transcript.engine.kind == "offline" else "online")
            yield ClockDisplay(id="clock")
        with Horizontal(id="main"):
            yield VerticalScroll(Static(id="earlier"), id="log")  # there from the first frame
            with Vertical(id="side"):
                yield Static(Text("Prepared questions"), classes="section-title")
                yield Static(id="prepared")
        yield Static(id="lint")
        yield Input(placeholder=ASK_PLACEHOLDER, id="ask")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self.query_one("#clock", ClockDisplay).show(self.session.clock)
        log = self.query_one("#log", VerticalScroll)
        t = self.session.transcript
        # a chat opens on its latest exchanges (drawing a long reply takes Textual milliseconds, and
        # fifty of them would hold the chat back); the whole conversation is in the Review
        first = max(0, len(t.turns) - OPEN_WINDOW)
        widgets = [turn_widget(turn, t.persona.first_name, number)
                   for number, turn in enumerate(t.turns[first:], first + 1)]
        await log.mount_all(widgets)
        for widget, turn in zip(widgets, t.turns[first:]):
            if isinstance(widget, PersonaMessage) and (turn.status in STATUS_NOTES or turn.cut_for_length):
                show_ending(widget, turn)
        self.update_earlier()
        log.anchor()
        self.place_side_panel()
        self.refresh_prepared()
        ask = self.query_one("#ask", Input)
        ask.focus()
        if self._typed:
            ask.value = self._typed + ask.value
            ask.cursor_position = len(ask.value)
        if not self.session.has_spoken:
            self.query_one("#lint", Static).update(Text(OPENING_HINT, style="italic"))
            ask.placeholder = "Hi … I'm …, and I reached out because … (enter sends)"
        if self.session.they_left:
            self.offer_review()
        elif t.awaiting_reply:
            self.notify("This interview stopped before the last reply; ctrl+r asks again.", markup=False)

    # -- typing ---------------------------------------------------------------------------------

    @on(Input.Changed, "#ask")
    def _lint(self, event: Input.Changed) -> None:
        self._lint_serial += 1
        serial = self._lint_serial
        text = event.value
        self.set_timer(0.08, lambda: self.show_lint(text, serial))

    def show_lint(self, text: str, serial: int) -> None:
        if serial != self._lint_serial:
            return
        widget = self.query_one("#lint", Static)
        if not text.strip():
            widget.update("")
            return
        last_reply = next((t.text for t in reversed(self.session.transcript.turns) if t.speaker == "persona"), None)
        verdict, advice = lint(for_persona(classify(text, last_reply), self.session.transcript.persona))
        line = Text()
        line.append(f"{verdict}: ", style=LINT_STYLE.get(verdict, ""))
        line.append(advice)
        widget.update(line)

    @on(Input.Submitted, "#ask")
    async def _send(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        if self.streaming:
            self.notify("They are still answering: wait, or press Esc to stop the reply.", markup=False)
            return
        if self.session.they_left:
            self.offer_review()
            return
        try:
            turn = self.session.add_user_turn(text)
        except CoffeechatError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        event.input.value = ""
        event.input.placeholder = ASK_PLACEHOLDER  # the opening hint has done its job
        self.query_one("#lint", Static).update("")
        number = len(self.session.transcript.turns)
        # shown as stored: what was pasted passes the same guard as everything else
        await self.add_message(UserMessage(turn.text, number, id=f"turn-{number}", classes="message user"))
        self.after_turn()
        self.start_reply()

    # -- the reply ------------------------------------------------------------------------------

    def start_reply(self, again: bool = False) -> None:
        self.reply_worker = self.stream_reply(again)
        self.refresh_bindings()

    @work(exclusive=True, group="reply")
    async def stream_reply(self, again: bool = False) -> None:
        log = self.query_one("#log", VerticalScroll)
        number = len(self.session.transcript.turns) + 1
        message = PersonaMessage(self.session.persona.first_name, "", number, id=f"turn-{number}-live",
                                 classes="message persona")
        await self.add_message(message)
        log.anchor()
        stream = CoalescingWriter(Markdown.get_stream(message.markdown))
        message.mark(WAITING, broke_off=False)  # a slow local model may take a while to begin
        turns = self.session.transcript.turns
        before = len(turns)  # a turn more once the reply is recorded (none when nothing arrived)
        waiting = True

        async def show(chunk: str) -> None:
            nonlocal waiting
            if waiting:
                waiting = False
                message.mark("", broke_off=False)
            await stream.write(chunk)

        try:
            await self.session.reply(show, again=again)
        except asyncio.CancelledError:
            message.mark(STATUS_NOTES["cut_off"])  # also when it was stopped before its first word
            raise
        except EngineError as exc:
            if len(turns) == before:  # nothing arrived: there is no reply to show
                await message.remove()
            self.notify(f"{exc} — your question is kept; ctrl+r asks again.", title="The reply failed",
                        severity="error", timeout=12, markup=False)
        finally:
            await stream.close()
            if len(turns) > before and message.is_mounted and self.is_attached:
                kept = turns[-1]
                try:
                    if message.markdown.source.strip() != kept.text:
                        await message.markdown.update(kept.text)  # shown as kept (an echoed app note is not)
                    show_ending(message, kept)
                except NoMatches:  # the app is closing (ctrl+q mid-reply) and took the reply's parts first
                    pass
            self.after_turn()
        if self.session.they_left:
            self.offer_review()

    async def add_message(self, widget) -> None:
        log = self.query_one("#log", VerticalScroll)
        await log.mount(widget)
        messages = list(log.query_children(".message"))
        if len(messages) > LOG_WINDOW:
            await log.remove_children(messages[: len(messages) - LOG_WINDOW])
            self.update_earlier()

    def update_earlier(self) -> None:
        shown = len(self.query_one("#log", VerticalScroll).query_children(".message"))
        hidden = len(self.session.transcript.turns) - shown
        earlier = self.query_one("#earlier", Static)
        earlier.display = hidden > 0
        if hidden > 0:
            earlier.update(Text(f"{hidden} earlier turns are in the transcript; the review shows them all.",
                                style="dim italic"))

    def after_turn(self) -> None:
        if not self.is_attached:  # the app is closing (ctrl+q mid-reply): nothing left to update
            return
        self.call_after_refresh(self.refresh_bindings)  # once the reply's worker has finished
        self.query_one("#clock", ClockDisplay).show(self.session.clock)
        self.refresh_prepared()

    def refresh_prepared(self) -> None:
        prepared = self.session.transcript.settings.prepared_questions
        said = [turn.text for turn in self.session.transcript.turns if turn.speaker == "user"]
        done = asked(prepared, said)
        text = Text()
        for i, question in enumerate(prepared):
            text.append("✓ " if i in done else "· ", style="green" if i in done else "dim")
            text.append(question + "\n", style="dim" if i in done else "")
        self.query_one("#prepared", Static).update(text)
        self.query_one("#qcount", Static).update(
            Text(f"✓ {len(done)}/{len(prepared)} prepared", style="dim") if prepared else Text(""))

    # -- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """What cannot be done now is shown dimmed (in the footer and the help): stopping when no
        reply is coming, asking again when the last question has its full answer."""
        if action == "stop":
            return True if self.streaming else None
        if action == "retry":
            return True if not self.streaming and self.session.can_ask_again else None
        return True

    def action_stop(self) -> None:
        if self.streaming and self.reply_worker is not None:
            self.reply_worker.cancel()

    def action_retry(self) -> None:
        if self.streaming:
            return
        if not self.session.can_ask_again:
            self.notify("Nothing to ask again: the last question was answered.", markup=False)
            return
        self.start_reply(again=True)

    def on_resize(self) -> None:
        self.place_side_panel()

    def place_side_panel(self) -> None:
        """Show prepared questions beside the chat when there are some and room for them (or when asked)."""
        has_questions = bool(self.session.transcript.settings.prepared_questions)
        wide = self.size.width >= 100
        show = self._side_chosen if self._side_chosen is not None else wide
        self.query_one("#side").display = has_questions and show

    def action_toggle_questions(self) -> None:
        side = self.query_one("#side")
        self._side_chosen = not side.display
        self.place_side_panel()

    def offer_review(self) -> None:
        """They have gone: say so, and offer the review (new messages would only get the goodbye again)."""
        ask = self.query_one("#ask", Input)
        ask.placeholder = f"{self.session.persona.first_name} has left: ctrl+g ends the interview and shows your review"
        self.query_one("#lint", Static).update(Text(f"{self.session.persona.first_name} had to leave; the meeting is over.",
                                                    style="bold"))

        def chosen(review: bool | None) -> None:
            if review:
                self.run_worker(self.end_interview(), group="end")

        if not isinstance(self.app.screen, TheyLeft):
            self.app.push_screen(TheyLeft(self.session.persona.first_name), chosen)

    def action_end(self) -> None:
        def finish(confirmed: bool | None) -> None:
            if confirmed:
                self.run_worker(self.end_interview(), group="end")

        self.app.push_screen(ConfirmEnd(), finish)

    async def end_interview(self) -> None:
        """Stop any reply (its part is kept), score, save and show the review."""
        worker = self.reply_worker
        if worker is not None and worker.is_running:
            worker.cancel()
            try:
                await worker.wait()
            except Exception:
                pass
        if not self.session.has_spoken:
            # nothing was said: no interview to keep or review
            self.app.action_go_home()
            return
        self.session.finish()
        self.owns_lock = False  # the review goes on writing (reflection, thank-you note) under the same lock
        self.app.show_review(self.session.transcript, replace=True, just_finished=True)

    def save_for_crash(self) -> None:
        self.app.saver(self.session.transcript)

    def on_unmount(self) -> None:
        if self.owns_lock:
            self.owns_lock = False
            self.app.release_transcript(self.session.transcript.id)
