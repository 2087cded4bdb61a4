"""History: past sessions with scores, a trend per criterion, open any transcript."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static

from coffeechat.core.rubric.score import WEIGHTS
from coffeechat.core.transcript import Transcript

CRITERION_NAMES = {
    "overall": "Overall", "open_questions": "Open questions", "insight": "Insight", "coverage": "Coverage",
    "listening": "Listening", "opening": "Opening", "closing": "Closing", "no_job_ask": "No job ask",
    "time_keeping": "Time-keeping",
}


class HistoryScreen(Screen):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history"):
            yield Static(Text("Your sessions"), classes="section-title")
            yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
            yield Static(Text("Trends (oldest → newest scored session)"), classes="section-title")
            with Grid(id="trends"):
                for key, name in CRITERION_NAMES.items():
                    yield Label(name, classes="trend-name")
                    yield Sparkline([], id=f"spark-{key}", classes="trend")
                    yield Label("–", id=f"last-{key}", classes="trend-last")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        table = self.query_one("#sessions", DataTable)
        table.add_columns("When (UTC)", "With", "Questions", "Minutes", "Score", "Status")
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        transcripts, _ = self.app.store.load_all()
        self.app.call_from_thread(self.show, transcripts)

    def show(self, transcripts: list[Transcript]) -> None:
        table = self.query_one("#sessions", DataTable)
        table.clear()
        for t in transcripts:
            table.add_row(
                Text(f"{t.created_at:%Y-%m-%d %H:%M}"), Text(t.persona.name), Text(str(len(t.user_turns()))),
                Text(f"{t.clock_state().elapsed_minutes:.0f}/{t.settings.agreed_minutes:g}"),
                Text(str(t.score.overall) if t.score else "–"),
                Text("finished" if t.status == "finished" else "resumable"), key=t.id,
            )
        if not transcripts:
            table.add_row(Text("No sessions yet"), Text(""), Text(""), Text(""), Text(""), Text(""), key="")
        scored = [t for t in reversed(transcripts) if t.score is not None]
        for key in CRITERION_NAMES:
            values = [float(t.score.overall if key == "overall" else t.score.criterion(key).score) for t in scored]
            self.query_one(f"#spark-{key}", Sparkline).data = values
            last = self.query_one(f"#last-{key}", Label)
            if values:
                trend = "" if len(values) < 2 else " ▲" if values[-1] > values[-2] else " ▼" if values[-1] < values[-2] else " ="
                last.update(Text(f"{values[-1]:.0f}{trend}"))
            else:
                last.update("–")

    @on(DataTable.RowSelected, "#sessions")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_transcript(event.row_key.value)


assert set(CRITERION_NAMES) - {"overall"} == set(WEIGHTS)
