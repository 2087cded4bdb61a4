"""History: past sessions with scores, a trend per criterion on one 0–100 scale, open any transcript."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from coffeechat.core.rubric.guide import GUIDE
from coffeechat.errors import CoffeechatError
from coffeechat.store.index import Summary
from coffeechat.tui.trend import TrendBars, change, recent
from coffeechat.tui.tables import RowTable

SESSION_COLUMNS = ("When (UTC)", "With", "Questions", "Minutes", "Score", "Status")
TRENDS = {"overall": "Overall", **{key: g.name for key, g in GUIDE.items()}}


def trend_values(sessions: list[Summary], key: str) -> list[float | None]:
    """One criterion's scores across the scored sessions, oldest first; None where it was not scored."""
    return [s.score_of(key) for s in sessions if s.overall is not None]


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Static(Text("Your sessions"), classes="section-title")
            yield RowTable(id="sessions", classes="opens-chat", cursor_type="row", zebra_stripes=True)
            yield Static(Text("Trends on one 0–100 scale, oldest → newest scored session (· and – not scored)"),
                         classes="section-title")
            with Grid(id="trends"):
                for key, name in TRENDS.items():
                    yield Label(name, classes="trend-name")
                    yield TrendBars(id=f"trend-{key}", classes="trend")
                    yield Label("", id=f"recent-{key}", classes="trend-recent")
                    yield Label("", id=f"change-{key}", classes="trend-change")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "History"
        self.query_one("#sessions", RowTable).focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        try:
            transcripts, _ = self.app.store.summaries()
        except CoffeechatError as exc:  # the folder itself cannot be read: say so, show nothing
            transcripts = []
            self.app.call_from_thread(self.notify, str(exc), title="Transcripts", severity="error", timeout=15,
                                      markup=False)
        self.app.call_from_thread(self.show, transcripts)

    def show(self, transcripts: list[Summary]) -> None:
        rows = [([Text(f"{t.created_at:%Y-%m-%d %H:%M}"), Text(t.persona_name), Text(str(t.questions)),
                  Text(f"{t.elapsed_minutes:.0f}/{t.agreed_minutes:g}"),
                  Text(str(t.overall) if t.overall is not None else "–"),
                  Text("finished" if t.finished else "resumable")], t.id)
                for t in transcripts]
        if not rows:
            rows = [([Text("No sessions yet"), Text(""), Text(""), Text(""), Text(""), Text("")], "")]
        self.query_one("#sessions", RowTable).set_rows(SESSION_COLUMNS, rows)
        oldest_first = list(reversed(transcripts))
        for key in TRENDS:
            values = trend_values(oldest_first, key)
            self.query_one(f"#trend-{key}", TrendBars).values = tuple(values)
            self.query_one(f"#recent-{key}", Label).update(recent(values))
            self.query_one(f"#change-{key}", Label).update(change(values))

    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_transcript(event.row_key.value)
