"""New persona from a profile: paste what is public about the person you will meet (their bio,
LinkedIn About and experience, a team page), and a persona of them is drafted — by the model when
one is configured, else offline — written to your persona folder, and opened in Prepare."""

from __future__ import annotations

import re
import time
import unicodedata

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static, TextArea

from coffeechat.core.safe_text import clean
from coffeechat.errors import CoffeechatError

PASTE_HINT = ("Paste their public bio, LinkedIn About and experience, or team page here. Name, role, employer, schools"
              " and past jobs are taken from it; what it does not say is drafted and marked, for you to correct.")


def _in_app_words(message: str) -> str:
    """A message written for the command line, said for this screen (there is no --force here)."""
    return (message.replace("; edit it, or pick another id (--force overwrites it)", ": pick another id, or edit that file")
            .replace(", or add --force to replace it with your own", ""))


def suggest_id(name: str) -> str:
    """A persona id from a name: "José Ortiz-Lee" → "jose-ortiz-lee" (empty when nothing is Latin)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:60].strip("-")


class FromProfileScreen(Screen):
    BINDINGS = [
        Binding("ctrl+s", "create", "Create persona"),
        Binding("escape", "app.pop_screen", "Back"),
    ]
    HELP_TITLE = "New persona from a profile"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="from-profile", can_focus=False):
            yield Static(Text("Rehearse with the person you'll meet"), classes="section-title")
            yield Static(Text(self._engine_line()), id="draft-engine", classes="hint")
            yield TextArea("", id="profile-text", soft_wrap=True, placeholder=PASTE_HINT)
            with Horizontal(classes="field"):
                yield Label("Id")
                yield Input(placeholder="their-name (the file name; from their name if left empty)", id="new-id",
                            max_length=60)
                yield Label("Minutes", id="new-minutes-label")
                yield Input(placeholder="30", type="integer", max_length=3, id="new-minutes")
            with Horizontal(classes="field"):
                yield Label("Name")
                yield Input(placeholder="if the text does not say it", id="new-name", max_length=100)
            with Horizontal(classes="field"):
                yield Label("Role")
                yield Input(placeholder="their current role (optional)", id="new-role", max_length=120)
                yield Label("Employer", id="new-employer-label")
                yield Input(placeholder="optional", id="new-employer", max_length=120)
            yield Static(id="draft-status")
            yield Button("Create persona  (ctrl+s)", id="create", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "New persona from a profile"
        # the box has the focus, and the explanation above it stays in sight on a small terminal
        self.set_focus(self.query_one("#profile-text", TextArea), scroll_visible=False)
        self.call_after_refresh(lambda: self.query_one("#from-profile", VerticalScroll).scroll_home(animate=False))

    def _engine_line(self) -> str:
        settings = self.app.resolved.settings
        if settings.resolved_engine == "offline":
            return ("Offline: the facts come from the text; the voice and passages from the closest built-in persona"
                    " (general ones when none is in their field), marked as generic in the file.")
        model = getattr(self.app, "model_in_use", lambda: settings.model)()
        return f"Drafted by {model}; what the profile does not say is invented and marked, for you to correct."

    def _status(self, text: str, style: str = "italic") -> None:
        self.query_one("#draft-status", Static).update(Text(text, style=style))

    def _problem(self, text: str) -> None:
        """What is wrong, in this screen's words, brought into view with the button under it (below
        the fold on a small terminal); progress lines are left where they are."""
        self._status(_in_app_words(text), "bold red")
        self.call_after_refresh(lambda: self.query_one("#create", Button).scroll_visible(animate=False))

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if self.query_one("#create", Button).disabled:
            return  # one draft at a time
        profile = self.query_one("#profile-text", TextArea).text
        if not any(ch.isalpha() for ch in profile):
            self._problem("Paste their profile first: a bio, a LinkedIn About and experience, or a team page.")
            self.query_one("#profile-text", TextArea).focus()
            return
        value = {key: " ".join(clean(self.query_one(f"#new-{key}", Input).value).split()) or None
                 for key in ("id", "name", "role", "employer", "minutes")}
        minutes = None
        if value["minutes"]:
            if not value["minutes"].isdigit() or not 5 <= int(value["minutes"]) <= 120:
                self._problem("Minutes: a whole number from 5 to 120 (20 or 30 is usual).")
                self.query_one("#new-minutes", Input).focus()
                return
            minutes = int(value["minutes"])
        persona_id = value["id"] or ""
        if not persona_id:
            from coffeechat.core.profile_facts import read_profile

            persona_id = suggest_id(value["name"] or read_profile(profile).name or "")
            if not persona_id:
                self._problem("Give the persona an id (letters, digits and hyphens, like jordan-lee): the text does not"
                              " say a name it can be made from.")
                self.query_one("#new-id", Input).focus()
                return
            self.query_one("#new-id", Input).value = persona_id
        from coffeechat.store.personas import new_persona_target

        try:  # a bad or taken id is said before any drafting, beside the box to fix
            new_persona_target(self.app.resolved.paths, persona_id)
        except CoffeechatError as exc:
            better = suggest_id(persona_id)
            hint = f"; try '{better}'" if better and better != persona_id and "not a valid" in str(exc) else ""
            self._problem(str(exc) + hint)
            self.query_one("#new-id", Input).focus()
            return
        self.query_one("#create", Button).disabled = True
        self._status("Drafting…")
        self.draft(persona_id, clean(profile), value["name"], value["role"], value["employer"], minutes)

    @work(group="draft", exclusive=True)
    async def draft(self, persona_id: str, profile: str, name: str | None, role: str | None, employer: str | None,
                    minutes: int | None) -> None:
        from coffeechat.store.drafted_persona import create_from_profile

        settings = self.app.resolved.settings
        if getattr(self.app, "model_choice", None):
            settings = settings.model_copy(update={"model": self.app.model_choice})

        shown = {"stage": "", "at": 0.0}

        def progress(stage: str, chars: int) -> None:
            now = time.monotonic()  # a few times a second is enough to see it move
            if stage != shown["stage"] or now - shown["at"] >= 0.15:
                shown.update(stage=stage, at=now)
                self._status(f"{stage.capitalize()}… {chars:,} characters")

        try:
            result = await create_from_profile(self.app.resolved.paths, settings, persona_id, profile, "the pasted text",
                                               name=name, role=role, employer=employer, minutes=minutes,
                                               progress=progress)
        except CoffeechatError as exc:  # the text stays as it is: fix and try again
            self._problem(str(exc))
            self.query_one("#create", Button).disabled = False
            return
        self.app.reload_library()
        invented = f"; invented, to check: {', '.join(result.invented[:6])}" if result.invented else ""
        if result.based_on and result.general:
            invented += "; no built-in persona is in this field, so the passages about the work are general"
        elif result.based_on:
            invented += f"; voice and passages from the built-in {result.based_on}"
        self.app.notify(f"Wrote {result.path}{invented}", title=f"New persona: {result.persona.name}", timeout=12,
                        markup=False)
        self.app.pop_screen()
        self.app.open_prepare(persona_id)
