"""Tables of rows to open (personas, sessions), shared by Home and History. Kept apart from the
chat widgets so that Home, the first screen, loads quickly."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable


class RowTable(DataTable):
    """A table whose rows open something: enter opens the row under the cursor, and the footer says so
    (DataTable's own enter binding is hidden from the footer)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open")]

    def set_rows(self, columns: Sequence[str], rows: Sequence[tuple[Sequence[Text], str]]) -> None:
        """Replace the table with these columns and (cells, key) rows, each column as wide as its widest
        cell. A DataTable sizes automatic columns only when it is next idle, and a frame drawn before
        that stays cached with every cell cut to its header's width."""
        widths = [len(name) for name in columns]
        for cells, _ in rows:
            widths = [max(width, cell.cell_len) for width, cell in zip(widths, cells)]
        self.clear(columns=True)
        for name, width in zip(columns, widths):
            self.add_column(name, width=width)
        for cells, key in rows:
            self.add_row(*cells, key=key)
