"""Home: pick a persona (filterable), see recent sessions, resume an unfinished one."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from coffeechat.errors import CoffeechatError
from coffeechat.store.index import Summary
from coffeechat.tui.tables import RowTable


class HomeScreen(Screen):
    BINDINGS = [
        Binding("/", "filter", "Filter"),
        Binding("h", "app.history", "History"),
        Binding("n", "app.new_from_profile", "New from a profile"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home"):
            yield Static(Text("Who would you like to talk to?"), classes="section-title")
            yield Input(placeholder="Filter by name, role, employer, temperament…", id="filter")
            yield RowTable(id="personas", cursor_type="row", zebra_stripes=True)
            yield Static(Text("Recent sessions"), classes="section-title")
            yield RowTable(id="recent", classes="opens-chat", cursor_type="row")
            yield Static(id="home-problems")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.fill_personas("")
        problems = [str(p) for p in self.app.library.problems]
        if problems:
            self.query_one("#home-problems", Static).update(Text("Skipped broken persona files: " + "; ".join(problems)))
        self.query_one("#personas", DataTable).focus()
        self.load_recent()

    def on_screen_resume(self) -> None:
        self.load_recent()

    def on_resize(self) -> None:
        self.fill_personas(self.query_one("#filter", Input).value)

    def fill_personas(self, query: str) -> None:
        """The persona table, with role and employer cut to fit the width so nothing scrolls sideways."""
        table = self.query_one("#personas", RowTable)
        cursor = table.cursor_row
        words = query.lower().split()
        rows = []
        for persona_id in self.app.library.ids():
            loaded = self.app.library.personas[persona_id]
            p = loaded.persona
            haystack = " ".join([p.id, p.name, p.role, p.employer.name, p.industry, p.manner.temperament]).lower()
            if all(word in haystack for word in words):
                rows.append((persona_id, loaded))
        # two personas with one name (a second draft of the same person) are told apart by their ids
        names = Counter(loaded.persona.name for _, loaded in rows)
        labels = {}
        for persona_id, loaded in rows:
            name = labels[persona_id] = Text(loaded.persona.name)
            marks = (["yours"] if loaded.source == "user" else []) + ([persona_id] if names[loaded.persona.name] > 1 else [])
            if marks:
                name.append(f" ({' · '.join(marks)})", style="dim")
        name_width = max([len(label.plain) for label in labels.values()] + [4])
        room = max(16, (self.size.width or 80) - name_width - 8 - 3 - 12)
        cells = []
        for persona_id, loaded in rows:
            p = loaded.persona
            name = labels[persona_id]
            role = f"{p.role} · {p.employer.name}"
            if len(role) > room:
                role = role[: room - 1] + "…"
            cells.append(([name, Text(role), Text(p.manner.temperament), Text(str(p.manner.default_minutes))], persona_id))
        table.set_rows(("Name", "Role · employer", "Manner", "Min"), cells)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    @work(thread=True, exclusive=True, group="recent")
    def load_recent(self) -> None:
        try:
            transcripts, problems = self.app.store.summaries()
        except CoffeechatError as exc:  # the folder itself cannot be read: say so, list nothing
            self.app.call_from_thread(self.show_recent, [], 0)
            self.app.call_from_thread(self.notify, str(exc), title="Transcripts", severity="error", timeout=15,
                                      markup=False)
            return
        self.app.call_from_thread(self.show_recent, transcripts[:20], len(problems))

    def show_recent(self, transcripts: list[Summary], broken: int) -> None:
        rows = [([Text(f"{t.created_at:%Y-%m-%d %H:%M}"), Text(t.persona_name),
                  Text("finished" if t.finished else "resume ▶"),
                  Text(str(t.overall) if t.overall is not None else "–")], t.id) for t in transcripts]
        if not rows:
            rows = [([Text("No sessions yet"), Text("pick a persona above"), Text(""), Text("")], "")]
        self.query_one("#recent", RowTable).set_rows(("When (UTC)", "With", "Status", "Score"), rows)
        if broken:
            self.notify(f"{broken} transcript file(s) could not be read; see: coffeechat transcripts list",
                        severity="warning", markup=False)

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.fill_personas(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """Enter in the filter opens the persona at the top of what it left (one Enter, as in a search box)."""
        table = self.query_one("#personas", RowTable)
        table.focus()
        if table.row_count:
            table.action_select_cursor()

    def on_key(self, event) -> None:
        # down from the filter goes to what it left, as from a search box
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            event.stop()
            self.query_one("#personas", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # in the filter box "/" is text (Textual cannot tell that the box takes it, so say it here)
        return not (action == "filter" and isinstance(self.focused, Input))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filt = self.query_one("#filter", Input)
        filt.value = ""
        self.query_one("#personas", DataTable).focus()

    @on(DataTable.RowSelected, "#personas")
    def _persona_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_prepare(event.row_key.value)

    @on(DataTable.RowSelected, "#recent")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_transcript(event.row_key.value)
