"""Review: the score with evidence (selecting evidence jumps to the turn) and tips, the four
reflection questions, a thank-you note draft, their side of the coffee (the professional's
private impression, its moments jumping to their turns), export to Markdown."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, OptionList, Static, TabbedContent, TabPane, Tabs, TextArea
from textual.widgets.option_list import Option

from coffeechat.core.followup import SEND_WITHIN, thank_you_draft
from coffeechat.core.rubric.guide import NOT_SCORED, score_text
from coffeechat.core.rubric.report import CriterionScore
from coffeechat.core.safe_text import clean
from coffeechat.core.rubric.score import score_transcript
from coffeechat.core.their_side import offline_their_side
from coffeechat.core.transcript import REFLECTION_QUESTIONS, Transcript
from coffeechat.errors import CoffeechatError
from coffeechat.tui.widgets import PersonaMessage, score_style, turn_widget


def criterion_style(c: CriterionScore) -> str:
    return score_style(c.score) if c.assessed else "dim"


def criterion_heading(c: CriterionScore) -> Text:
    """"Listening: 70/100  (weight 10)", or, for a criterion the conversation never tested,
    "Time-keeping: not scored  (weight 15; left out of the overall)"."""
    text = Text()
    if c.assessed:
        text.append(f"{c.name}: {c.score}/100", style=f"bold {criterion_style(c)}")
        text.append(f"  (weight {c.weight:g})", style="dim")
    else:
        text.append(f"{c.name}: {NOT_SCORED}", style="bold")
        text.append(f"  (weight {c.weight:g}; left out of the overall)", style="dim")
    return text


class CriteriaList(OptionList):
    """The criteria with their scores; enter moves to the evidence of the one highlighted."""

    BINDINGS = [Binding("enter", "select", "Evidence")]


class EvidenceList(OptionList):
    """The evidence for one criterion; enter shows that turn in the transcript."""

    BINDINGS = [Binding("enter", "select", "Show turn")]


class MomentList(OptionList):
    """The moments that shaped their impression; enter shows that turn in the transcript."""

    BINDINGS = [Binding("enter", "select", "Show turn")]


def their_side_text(t: Transcript, asking: str | None = None) -> Text:
    """Their private impression, the two decisions and how it was made; or that it is being asked for."""
    first = t.persona.first_name
    text = Text()
    text.append(f"{first}'s side of the coffee", style="bold")
    who = t.persona.pronouns.split("/")[0].strip().lower()
    who = who if who in ("she", "he", "they") else "they"
    text.append(f"  what {who} thought and would not tell you; it never changes the score\n\n", style="dim")
    side = t.their_side
    if side is None:
        text.append(asking or "Nothing said yet, so no impression to give.", style="italic")
        return text
    text.append(side.impression + "\n\n")
    for label, value in (("Another meeting", side.another_meeting),
                         (f"Would introduce you to {side.colleague or 'a colleague'}", side.introduce)):
        text.append(f"{label}: ")
        text.append("yes" if value else "no", style="bold green" if value else "bold red")
        text.append("\n")
    how = ("Written in character by the model." if side.source == "model" else
           f"Made offline from the rubric's evidence and {first}'s temperament and pet peeves.")
    text.append(how + (f" ({side.note})" if side.note else ""), style="dim")
    return text


class ReviewTabs(TabbedContent):
    """Tabs that follow the focus into a pane only while the focus is still there. After quick
    switches (1-4, ctrl+n, faster than the screen updates) the note that the focus entered an earlier
    pane arrives late, and would pull the tabs back to a pane the focus has already left."""

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        # Textual calls this handler and then TabbedContent's own, which switches to the pane
        focused = self.screen.focused
        if focused is None or event.tab_pane not in focused.ancestors_with_self:
            event.prevent_default()
            event.stop()


class ReviewScreen(Screen):
    BINDINGS = [
        Binding("ctrl+o", "export", "Export"),
        Binding("ctrl+s", "save", "Save", show=False),  # saved as you type: ctrl+s is for peace of mind
        Binding("escape", "app.go_home", "Home"),
        # Tab switches are handled before the next key is passed on, so what is typed straight after
        # lands in the tab just shown; in a text box a digit is text (Textual leaves it to the box).
        Binding("ctrl+n", "next_tab", "Next tab", priority=True),
        # the footer shows the five digits as one entry, "1-5 Tabs"; the help lists each one
        Binding("1", "tab('score')", "Tabs", key_display="1-5", tooltip="Score tab", priority=True),
        Binding("2", "tab('transcript')", "Transcript tab", show=False, priority=True),
        Binding("3", "tab('reflection')", "Reflection tab", show=False, priority=True),
        Binding("4", "tab('thanks')", "Thank-you note tab", show=False, priority=True),
        Binding("5", "tab('their-side')", "Their side tab", show=False, priority=True),
    ]

    def __init__(self, transcript: Transcript, writable: bool = True, just_finished: bool = False) -> None:
        super().__init__()
        self.transcript = transcript
        # A writable review holds the transcript's lock (released when it closes); a read-only one
        # (the session is open elsewhere) shows everything and writes nothing.
        self.writable = writable
        self._evidence_turns: list[int] = []
        self._moment_turns: list[int] = []
        # Only what changes here is written back: viewing an old session leaves its file as it was.
        self._unsaved = False
        if transcript.score is None and transcript.turns:
            transcript.score = score_transcript(transcript)
            self._unsaved = True
        # Their side: a chat with a model that has just ended is given its side by the model (a
        # worker) and keeps it; any other is given the offline one, which is made again each time it
        # is needed (the same every time), so viewing an old session writes nothing.
        self._ask_model_for_side = False
        if transcript.their_side is None and any(turn.speaker == "user" for turn in transcript.turns):
            if just_finished and writable and transcript.engine.kind == "openai" and self._app_has_model():
                self._ask_model_for_side = True
            else:
                transcript.their_side = offline_their_side(transcript, transcript.score)  # scored just above
                self._unsaved = self._unsaved or just_finished
        if not transcript.thank_you_draft:
            transcript.thank_you_draft = thank_you_draft(transcript)
            self._unsaved = True
        self._save_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        t = self.transcript
        report = t.score
        yield Header()
        with ReviewTabs(id="review-tabs", initial="score"):
            with TabPane("Score", id="score"):
                headline = Text()
                headline.append(report.headline if report else "Nothing to score yet.", style="bold")
                if report and t.status != "finished":
                    headline.append("  (scored so far: this interview is not finished)", style="dim")
                yield Static(headline, id="headline")
                with Horizontal(id="score-panes"):
                    yield CriteriaList(*self._criteria_options(), id="criteria")
                    with Vertical(id="criterion-pane"):
                        yield Static(id="criterion-detail")
                        yield EvidenceList(id="evidence")
            with TabPane("Transcript", id="transcript"):
                yield VerticalScroll(id="review-log")
            with TabPane("Reflection", id="reflection"):
                # not a focus stop itself: every tab lands in a text box, and what is typed shows up
                with VerticalScroll(id="reflection-form", can_focus=False):
                    for key, question in REFLECTION_QUESTIONS.items():
                        yield Label(question)
                        yield TextArea(t.reflection.get(key, ""), id=f"reflect-{key}", soft_wrap=True, classes="reflect",
                                       read_only=not self.writable)
            with TabPane("Thank-you note", id="thanks"):
                with Vertical(id="thanks-pane"):
                    yield Static(Text(f"A draft naming something specific {t.persona.first_name} said. {SEND_WITHIN}"),
                                 classes="hint")
                    yield TextArea(t.thank_you_draft, id="thank-you", soft_wrap=True, read_only=not self.writable)
            with TabPane("Their side", id="their-side"):
                with VerticalScroll(id="their-side-pane"):
                    yield Static(id="their-side-text")
                    yield MomentList(id="moments")
        yield Footer(compact=True)

    def _criteria_options(self) -> list[Option]:
        report = self.transcript.score
        if report is None:
            return []
        options = []
        for c in report.criteria:
            label = Text()
            label.append(f"{score_text(c):>3} ", style=criterion_style(c))
            label.append(c.name, style="" if c.assessed else "dim")
            options.append(Option(label, id=c.key))
        return options

    async def on_mount(self) -> None:
        t = self.transcript
        self.sub_title = f"Review · {t.persona.name} · {t.created_at:%Y-%m-%d %H:%M}" + \
            ("" if self.writable else " · read-only")
        # the tabs change with 1-4 and ctrl+n (or a click): a focus stop on the tab strip would
        # swallow what is typed on the way round the text boxes
        self.query_one("#review-tabs").query_one(Tabs).can_focus = False
        self.query_one("#criteria", OptionList).border_title = "Criteria"
        self.query_one("#evidence", OptionList).border_title = "Evidence"
        log = self.query_one("#review-log", VerticalScroll)
        log.border_title = "Transcript"
        for number, turn in enumerate(t.turns, 1):
            widget = turn_widget(turn, t.persona.first_name, number)
            await log.mount(widget)
            if isinstance(widget, PersonaMessage) and turn.status != "complete":
                widget.mark("— stopped here" if turn.status == "cut_off" else "— broke off")
        criteria = self.query_one("#criteria", OptionList)
        if criteria.option_count:
            criteria.highlighted = 0
            self.show_criterion(0)
        else:  # nothing said, nothing scored: no evidence to stop on either
            self.query_one("#evidence", OptionList).can_focus = False
        criteria.focus()
        self.show_their_side()
        if self._ask_model_for_side:
            self.ask_for_their_side()
        if self._unsaved:
            self.save()

    # -- score and evidence ---------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#criteria")
    def _criterion(self, event: OptionList.OptionHighlighted) -> None:
        self.show_criterion(event.option_index)

    def show_criterion(self, index: int) -> None:
        report = self.transcript.score
        if report is None:
            return
        c = report.criteria[index]
        detail = criterion_heading(c)
        detail.append("\n" + c.summary + "\n\n")
        detail.append("Tip: ", style="bold")
        detail.append(c.tip)
        self.query_one("#criterion-detail", Static).update(detail)
        evidence = self.query_one("#evidence", OptionList)
        evidence.border_subtitle = "enter shows the turn" if c.evidence else "none for this criterion"
        evidence.clear_options()
        # one turn can hold several pieces of evidence ("I'm Sam… and I reached out because…"), so
        # options are numbered in order and the turn each one points at is kept beside them
        self._evidence_turns = [e.turn for e in c.evidence]
        for e in c.evidence:
            line = Text()
            line.append(f"#{e.turn} ", style="bold")
            line.append(f"“{e.quote}”")
            line.append(f" — {e.note}", style="dim")
            evidence.add_option(Option(line))
        evidence.can_focus = bool(c.evidence)  # an empty list is no place to stop on the way round
        if c.evidence:
            evidence.highlighted = 0  # enter works as soon as the list has the focus

    @on(OptionList.OptionSelected, "#evidence")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self._evidence_turns):
            self.jump_to(f"turn-{self._evidence_turns[event.option_index]}")

    @on(OptionList.OptionSelected, "#criteria")
    def _focus_evidence(self) -> None:
        evidence = self.query_one("#evidence", OptionList)
        if evidence.option_count:
            evidence.highlighted = 0
            self.set_focus(evidence)  # at once: the keys after enter are for the evidence

    # -- their side ----------------------------------------------------------------------------

    def _app_has_model(self) -> bool:
        resolved = getattr(self.app, "resolved", None)
        return resolved is not None and (resolved.settings.resolved_engine == "openai"
                                         or getattr(self.app, "_engine_factory", None) is not None)

    def show_their_side(self, asking: str | None = None) -> None:
        t = self.transcript
        self.query_one("#their-side-text", Static).update(their_side_text(t, asking))
        moments = self.query_one("#moments", MomentList)
        moments.clear_options()
        side = t.their_side
        self._moment_turns = []
        if side is not None:
            for title, style, items in (("stood out", "green", side.stood_out), ("put them off", "red", side.put_off)):
                for m in items:
                    line = Text()
                    line.append(f"{title:<13}", style=style)
                    line.append(f"#{m.turn} ", style="bold")
                    line.append(f"“{m.quote}”")
                    line.append(f" — {m.note}", style="dim")
                    moments.add_option(Option(line))
                    self._moment_turns.append(m.turn)
        moments.border_title = "Moments"
        moments.border_subtitle = "enter shows the turn" if self._moment_turns else "none"
        moments.can_focus = bool(self._moment_turns)
        if self._moment_turns:
            moments.highlighted = 0

    @work(group="their-side", exclusive=True)
    async def ask_for_their_side(self) -> None:
        from coffeechat.engines.their_side import instead_of_model, their_side_with_model

        t = self.transcript
        self.show_their_side(f"Asking {t.engine.model or 'the model'} for {t.persona.first_name}'s side of the coffee…")
        try:
            engine = self.app.new_engine()
        except CoffeechatError as exc:  # no engine to ask (a key that cannot be sent): the offline side, saying why
            side = instead_of_model(t, t.score or score_transcript(t), exc)
        else:
            try:
                side = await their_side_with_model(engine, t)
            finally:
                await engine.aclose()
        if not self.is_mounted:
            return
        t.their_side = side
        self.show_their_side()
        self.save()

    @on(OptionList.OptionSelected, "#moments")
    def _jump_to_moment(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self._moment_turns):
            self.jump_to(f"turn-{self._moment_turns[event.option_index]}")

    def show_tab(self, tab: str) -> None:
        """Switch tab and move the focus into it (a focused widget left in a hidden tab would pull
        the tabs back to itself)."""
        self.query_one("#review-tabs", TabbedContent).active = tab
        target = {"score": "#criteria", "transcript": "#review-log", "reflection": "#reflect-fit",
                  "thanks": "#thank-you", "their-side": "#moments"}[tab]
        if tab == "their-side" and not self.query_one("#moments", MomentList).can_focus:
            target = "#their-side-pane"  # nothing to select: the impression itself, to scroll
        # at once, not after the keys already waiting; it is at the top of its tab, in sight
        self.set_focus(self.query_one(target), scroll_visible=False)

    def jump_to(self, widget_id: str) -> None:
        self.show_tab("transcript")
        for widget in self.query(".message"):
            widget.remove_class("highlight")
        found = self.query(f"#{widget_id}")
        if not found:
            self.notify("That turn is not in this transcript.", severity="warning", markup=False)
            return
        target = found.first()
        target.add_class("highlight")
        log = self.query_one("#review-log", VerticalScroll)

        def scroll(tries: int = 50) -> None:
            """The tab has just been shown: scroll as soon as the screen has laid it out."""
            if log.size.height or not tries:
                log.scroll_to_widget(target, top=True, animate=False)
            else:
                self.set_timer(0.02, lambda: scroll(tries - 1))

        self.call_after_refresh(scroll)

    def action_tab(self, tab: str) -> None:
        self.show_tab(tab)

    def action_next_tab(self) -> None:
        order = ["score", "transcript", "reflection", "thanks", "their-side"]
        current = self.query_one("#review-tabs", TabbedContent).active
        self.show_tab(order[(order.index(current) + 1) % len(order)] if current in order else "score")

    # -- reflection and thank-you ---------------------------------------------------------------

    @on(TextArea.Changed)
    def _edited(self, event: TextArea.Changed) -> None:
        widget_id = event.text_area.id or ""
        if not self.writable:
            return
        if widget_id.startswith("reflect-"):
            self.transcript.reflection[widget_id.removeprefix("reflect-")] = clean(event.text_area.text)
        elif widget_id == "thank-you":
            self.transcript.thank_you_draft = clean(event.text_area.text)
        self._unsaved = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(0.4, self.save)

    def save(self) -> None:
        if not self.writable:
            return
        self.app.saver(self.transcript)
        self._unsaved = False

    def action_save(self) -> None:
        if not self.writable:
            self.notify("This session is open in another window; it is read-only here.", markup=False)
            return
        self.save()
        self.notify("Saved.", markup=False)

    def save_for_crash(self) -> None:
        self.save()

    def on_unmount(self) -> None:
        if not self.writable:
            return
        if self._unsaved:
            self.save()
        self.writable = False
        self.app.release_transcript(self.transcript.id)

    def action_export(self) -> None:
        self.save()
        self.app.export_markdown(self.transcript)
