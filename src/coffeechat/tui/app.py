"""The coffeechat Textual app: Home → Prepare → Interview → Review, and History."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from typing import TYPE_CHECKING

from coffeechat.errors import CoffeechatError
from coffeechat.store.background import BackgroundSaver
from coffeechat.store.config import ResolvedSettings
from coffeechat.store.personas import PersonaLibrary, load_library
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.screens.home import HomeScreen

if TYPE_CHECKING:  # the other screens (and the rubric, engines, export) load when first used: start-up stays quick
    from coffeechat.core.engine import Engine
    from coffeechat.core.persona import Persona
    from coffeechat.core.transcript import Transcript


class CoffeechatApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "coffeechat"
    SUB_TITLE = "rehearse an informational interview"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # on every screen, modal ones too; "?" is left to a text box that has the focus, F1 never is
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("f1", "help", "Help", priority=True),
        # handled before the next key is passed on, so a burst of typing ("a", tab, "b") lands box by box
        Binding("tab", "focus_next", "Next field or list", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field or list", show=False, priority=True),
    ]

    def __init__(
        self,
        resolved: ResolvedSettings,
        start_persona: str | None = None,
        engine_factory: Callable[[], Engine] | None = None,
        offline_delay: float = 0.012,
        library: PersonaLibrary | None = None,
    ) -> None:
        super().__init__()
        self.resolved = resolved
        self.start_persona = start_persona
        self.library = library if library is not None else load_library(resolved.paths)
        self.store = TranscriptStore(resolved.paths.transcripts_dir, index=resolved.paths.transcript_index)
        self.saver = BackgroundSaver(self.store, on_error=self._save_failed)
        self._engine_factory = engine_factory
        self.crash_message: str | None = None
        self.offline_delay = offline_delay
        self.exports_dir = resolved.paths.data_dir / "exports"

    # -- lifecycle ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.push_screen(HomeScreen())
        if self.start_persona:
            self.open_prepare(self.start_persona)
        # once Home is on screen: what the engine needs, loaded out of the way (see warm_engine)
        self.set_timer(0.4, self.warm_engine)

    @work(thread=True, exclusive=True, group="warm")
    def warm_engine(self) -> None:
        """Import what the engine needs before it is needed, off the UI thread: the openai package
        and its chat resources (about a second) for a model server, the question bank and topic
        model for the offline professional. Opening or starting a chat then costs only the engine's
        own few milliseconds, and no keystroke waits on an import."""
        if self._engine_factory is not None or self._engine_built:
            return  # an interview began first: it imported what it needed; no second import beside its reply
        try:
            if self.resolved.settings.resolved_engine == "openai":
                self.warm_engine_now()
            else:
                from coffeechat.core import topics

                topics.warm()
        except Exception:  # warming is only ever a head start; the real import reports any problem
            pass

    def on_unmount(self) -> None:
        self.saver.close()
        self.store.release_all()

    def _handle_exception(self, error: Exception) -> None:
        """An error nobody expected: keep what the user wrote, write a full report to the data folder,
        and leave with one line and a non-zero status instead of a traceback."""
        from coffeechat.store.crash_report import crash_line, write_crash_report

        saved = "everything said so far is saved"
        try:
            for screen in self.screen_stack:
                keep = getattr(screen, "save_for_crash", None)
                if keep is not None:
                    keep()
            if not self.saver.flush(timeout=5) or self.saver.last_error:
                saved = "some of it could not be saved"
        except Exception:
            saved = "some of it could not be saved"
        where = f"on the {type(self.screen_stack[-1]).__name__}" if self.screen_stack else "while closing"
        report = write_crash_report(self.resolved.paths.data_dir, error, where)
        self.crash_message = crash_line(error, report, saved)
        self._return_code = 1
        if self._exception is None:  # lets a test driving the app see the error
            self._exception = error
            self._exception_event.set()
        from rich.text import Text

        self._exit_renderables.append(Text(self.crash_message))
        self._close_messages_no_wait()

    def release_transcript(self, transcript_id: str) -> None:
        """Let other writers in once every snapshot of this transcript is on disk."""
        self.saver.flush()
        self.store.release(transcript_id)

    def _save_failed(self, message: str) -> None:
        try:
            self.call_from_thread(self.notify, message, title="Not saved", severity="error", timeout=15, markup=False)
        except Exception:  # the app has gone; the saver keeps last_error
            pass

    def new_engine(self) -> Engine:
        if self._engine_factory is not None:
            return self._engine_factory()
        from coffeechat.engines import build_engine

        self._engine_built = True
        settings = self.resolved.settings
        if self.model_choice:
            settings = settings.model_copy(update={"model": self.model_choice})
        # a model server's engine is built in a thread: the chat shows at once, the first reply waits
        return build_engine(settings, offline_delay=self.offline_delay, deferred=True)

    # -- models ---------------------------------------------------------------------------------

    model_choice: str | None = None  # chosen in the app for the interviews started from now on
    _engine_built = False  # an engine was made (what it needs is imported): no warming any more

    def model_in_use(self) -> str:
        return self.model_choice or self.resolved.settings.model

    def _server_name(self) -> str:
        from coffeechat.store.config import redact_url

        base = self.resolved.settings.base_url
        return redact_url(base) if base else "api.openai.com"

    @work(thread=True, exclusive=True, group="models")
    def choose_model(self) -> None:
        """Ask the server for its models (off the UI thread), then let the user pick one."""
        import asyncio

        from coffeechat.engines.openai_compat import OpenAICompatEngine

        self.call_from_thread(self.notify, f"Asking {self._server_name()} for its models…", title="Models", timeout=4,
                              markup=False)

        try:
            models = asyncio.run(OpenAICompatEngine.models_of(self.resolved.settings))
        except CoffeechatError as exc:
            self.call_from_thread(self.notify, str(exc), title="Models", severity="error", timeout=12, markup=False)
            return
        except Exception as exc:  # whatever the server sent, the picker never takes the app down
            from coffeechat.core.safe_text import clean

            self.call_from_thread(self.notify, f"{self._server_name()} did not answer with a list of models"
                                  f" ({type(exc).__name__}: {clean(str(exc))[:200]})", title="Models",
                                  severity="error", timeout=12, markup=False)
            return
        if not models:
            self.call_from_thread(self.notify, f"{self._server_name()} lists no models.", title="Models", markup=False)
            return
        self.call_from_thread(self._show_models, models)

    def _show_models(self, models: list[str]) -> None:
        from coffeechat.tui.screens.models import ModelPicker

        def chosen(model: str | None) -> None:
            if model:
                self.model_choice = model
                self.notify(f"Interviews you start now use {model}.", title="Model", markup=False)

        self.push_screen(ModelPicker(models, self.model_in_use()), chosen)

    # -- navigation -----------------------------------------------------------------------------

    def open_prepare(self, persona_id: str) -> None:
        from coffeechat.tui.screens.prepare import PrepareScreen

        try:
            persona = self.library.get(persona_id).persona
        except CoffeechatError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.push_screen(PrepareScreen(persona))

    def reload_library(self) -> None:
        """Read the personas again (one was just written), and show them on Home."""
        self.library = load_library(self.resolved.paths)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.fill_personas(screen.query_one("#filter").value)

    def action_new_from_profile(self) -> None:
        from coffeechat.tui.screens.from_profile import FromProfileScreen

        if not isinstance(self.screen, FromProfileScreen):
            self.push_screen(FromProfileScreen())

    def your_name(self) -> str:
        """The visitor's name: from the config file, else as given for the latest session."""
        if self.resolved.settings.your_name:
            return self.resolved.settings.your_name
        return self.store.latest_name() or ""

    def start_interview(self, persona: Persona, minutes: int, goal: str, questions: list[str], outreach: str = "",
                        your_name: str = "") -> None:
        from coffeechat.core.session import Session
        from coffeechat.core.transcript import SessionSettings, now
        from coffeechat.tui.screens.interview import InterviewScreen

        try:
            engine = self.new_engine()
        except CoffeechatError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", timeout=15, markup=False)
            return
        pace = self.resolved.settings
        settings = SessionSettings(agreed_minutes=minutes, goal=goal, prepared_questions=questions, outreach=outreach,
                                   your_name=your_name,
                                   user_wpm=pace.user_wpm, persona_wpm=pace.persona_wpm, pause_seconds=pace.pause_seconds)
        started = now()
        try:
            transcript_id = self.store.claim_new_id(persona.id, started)
        except CoffeechatError as exc:
            self.notify(str(exc), title="Cannot start", severity="error", timeout=15, markup=False)
            return
        session = Session.start(persona, engine, settings, transcript_id, saver=self.saver, created_at=started)
        self.switch_screen(InterviewScreen(session))

    _typeahead: list[str] | None = None  # typed while a chat opens: it goes into the chat's question box
    _typeahead_since = 0.0
    TYPEAHEAD_SECONDS = 5.0  # never longer: a chat that does not open gives the keys back

    def _start_typeahead(self) -> None:
        import time

        self._typeahead, self._typeahead_since = [], time.monotonic()

    def open_transcript(self, transcript_id: str) -> None:
        if self._typeahead is None:
            self._start_typeahead()
        self.load_transcript(transcript_id)

    async def on_event(self, event: events.Event) -> None:
        """While a saved chat is opening, what is typed is kept for its question box, not lost on
        the screen it was chosen from. Keys reach the app before any screen, and the ones typed
        right after Enter arrive before the table has said which row was chosen: Enter on a list
        that opens chats starts keeping them."""
        if isinstance(event, events.Key) and not event.is_forwarded:  # as typed, before any widget has it
            if not self._screen_stacks.get(self._current_mode):
                return  # the app is closing and its screens are gone: a key typed now has nowhere to go
            import time

            if self._typeahead is not None and time.monotonic() - self._typeahead_since > self.TYPEAHEAD_SECONDS:
                self._typeahead = None
            if self._typeahead is not None and event.is_printable and event.character:
                self._typeahead.append(event.character)
                return
            if self._typeahead is not None and event.key == "enter":
                return  # the chat is opening: a second Enter would open it again
            focused = self.focused
            if event.key == "enter" and focused is not None and focused.has_class("opens-chat") \
                    and getattr(focused, "row_count", 0):  # an empty list opens nothing
                self._start_typeahead()
        await super().on_event(event)

    def take_typeahead(self) -> str:
        typed, self._typeahead = "".join(self._typeahead or ()), None
        return typed

    @work(thread=True, group="open")
    def load_transcript(self, transcript_id: str) -> None:
        self._load_transcript(transcript_id)

    def warm_engine_now(self) -> None:
        """In a worker thread: make sure what the engine imports is imported (a no-op once it is)."""
        if self._engine_factory is None and self.resolved.settings.resolved_engine == "openai":
            try:
                from coffeechat.core.tokens import counter_for
                from coffeechat.engines.openai_compat import warm_imports

                warm_imports()
                counter_for(self.resolved.settings.model)  # the tokenizer's tables: half a second
            except Exception:
                pass

    def _load_transcript(self, transcript_id: str) -> None:
        """Open a transcript to continue or review it: locked for this window, or read-only (and
        said so) when another window or process is writing it."""
        from coffeechat.store.locks import TranscriptBusy

        self.saver.flush()
        busy: str | None = None
        try:
            try:
                transcript = self.store.open_for_writing(transcript_id)
            except TranscriptBusy as exc:
                busy = exc.holder
                transcript = self.store.load(transcript_id)
        except CoffeechatError as exc:
            self.call_from_thread(self.take_typeahead)
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        engine: Engine | CoffeechatError | None = None
        if busy is None and transcript.status != "finished":
            try:
                engine = self.new_engine()
            except CoffeechatError as exc:
                engine = exc
        self.call_from_thread(self._show_transcript, transcript, busy, engine)

    def _show_transcript(self, transcript: Transcript, busy: str | None = None,
                         engine: Engine | CoffeechatError | None = None) -> None:
        from coffeechat.core.session import Session
        from coffeechat.tui.screens.interview import InterviewScreen

        typed = self.take_typeahead()  # kept for a chat's question box; a review has none
        if busy is not None:
            self.notify(f"This session is open in {busy}, so it is shown here read-only; close it there to"
                        " continue or edit it.", title="Read-only", severity="warning", timeout=12, markup=False)
            self.show_review(transcript, writable=False)
            return
        if transcript.status == "finished":
            self.show_review(transcript)
            return
        try:
            if isinstance(engine, CoffeechatError):
                raise engine
            engine = engine or self.new_engine()
        except CoffeechatError as exc:
            self.release_transcript(transcript.id)
            self.notify(str(exc), title="Cannot resume", severity="error", timeout=15, markup=False)
            return
        transcript.engine = engine.info
        self.push_screen(InterviewScreen(Session(transcript, engine, saver=self.saver), typed=typed))

    def show_review(self, transcript: Transcript, replace: bool = False, writable: bool = True,
                    just_finished: bool = False) -> None:
        """Review a transcript. A writable review holds the transcript's lock and releases it on leaving."""
        from coffeechat.tui.screens.review import ReviewScreen

        screen = ReviewScreen(transcript, writable=writable, just_finished=just_finished)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.switch_screen(HomeScreen())

    def action_history(self) -> None:
        from coffeechat.tui.screens.history import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_help(self) -> None:
        """Open the help for the screen in front (or close the help when it is open)."""
        from coffeechat.tui.screens.help import HelpScreen, screen_keys, screen_title

        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
            return
        title = getattr(screen, "HELP_TITLE", "") or screen_title(type(screen).__name__)
        self.push_screen(HelpScreen(title, screen_keys(screen)))

    # -- export ---------------------------------------------------------------------------------

    @work(thread=True, group="export")
    def export_markdown(self, transcript: Transcript) -> None:
        from coffeechat.core.export import to_markdown
        from coffeechat.store.atomic import write_atomic
        from coffeechat.store.export_target import check_replaceable

        target = self.exports_dir / f"{transcript.id}.md"
        try:
            check_replaceable(target)
            write_atomic(target, to_markdown(transcript).encode("utf-8"), what="export")
        except CoffeechatError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Exported to {target}", title="Markdown export", markup=False)

    # -- command palette ------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from coffeechat.tui.screens.interview import InterviewScreen
        from coffeechat.tui.screens.review import ReviewScreen

        yield from super().get_system_commands(screen)
        yield SystemCommand("Home", "Personas and recent sessions", self.action_go_home)
        yield SystemCommand("History", "Past sessions and trends per criterion", self.action_history)
        yield SystemCommand("New persona from a profile…", "Paste the public profile of the person you will meet",
                            self.action_new_from_profile)
        yield SystemCommand("Help", "The keys on this screen and how each criterion is scored (? or F1)", self.action_help)
        if isinstance(screen, InterviewScreen):
            yield SystemCommand("End interview", "Finish, score and review this interview", screen.action_end)
            yield SystemCommand("Stop reply", "Stop the reply that is streaming (Esc)", screen.action_stop)
            yield SystemCommand("Ask again", "Retry the last question after an error (ctrl+r)", screen.action_retry)
            yield SystemCommand("Toggle prepared questions", "Show or hide the questions panel", screen.action_toggle_questions)
        if isinstance(screen, ReviewScreen):
            yield SystemCommand("Export to Markdown", "Write this transcript as a Markdown file", screen.action_export)
        if self.resolved.settings.resolved_engine == "openai" and self._engine_factory is None:
            yield SystemCommand("Choose a model…", f"The models {self._server_name()} offers; now {self.model_in_use()}",
                                self.choose_model)
        for persona_id in self.library.ids():
            p = self.library.personas[persona_id].persona
            yield SystemCommand(f"Rehearse with {p.name}", f"{p.role}, {p.employer.name}",
                                lambda persona_id=persona_id: self.open_prepare(persona_id))
