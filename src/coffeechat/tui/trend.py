"""Score trends across sessions on one fixed 0–100 scale: a bar per session, and the numbers.

Every row uses the same scale, so 100 is a full bar and 20 a low one whatever else is in the row,
and a single session is one bar, not a full line. A session in which a criterion was not scored is
a gap (·, –), never a zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from coffeechat.tui.widgets import score_style

BLOCKS = "▁▂▃▄▅▆▇█"  # eighths of a cell: 0–12 is the lowest, 88–100 the full block
GAP = "·"
BAR_WIDTH = 2
RECENT = 4  # numbers shown per row

Values = Sequence[float | None]  # oldest first; None: not scored in that session


def block(value: float) -> str:
    """The bar for a score on the fixed 0–100 scale."""
    return BLOCKS[max(0, min(len(BLOCKS) - 1, int(value / 100 * len(BLOCKS))))]


def bars(values: Values, width: int) -> Text:
    """The newest sessions that fit in ``width`` cells, a bar each, oldest on the left."""
    fits = max(0, (width + 1) // (BAR_WIDTH + 1))
    text = Text(no_wrap=True, overflow="crop")
    for i, value in enumerate(values[-fits:] if fits else []):
        if i:
            text.append(" ")
        if value is None:
            text.append(GAP * BAR_WIDTH, style="dim")
        else:
            text.append(block(value) * BAR_WIDTH, style=score_style(value))
    return text


def recent(values: Values, count: int = RECENT) -> Text:
    """The last ``count`` scores as numbers, "–" where it was not scored."""
    text = Text(no_wrap=True)
    for value in values[-count:]:
        text.append(f"{'–' if value is None else f'{value:.0f}':>4}", style="dim" if value is None else "")
    return text


def latest(values: Values) -> Text:
    """The latest score and its change from the one before ("88 ▲+8"), scored sessions only."""
    scored = [v for v in values if v is not None]
    if not scored:
        return Text("–", style="dim")
    text = Text(f"{scored[-1]:.0f}", style=f"bold {score_style(scored[-1])}")
    if len(scored) >= 2:
        change = round(scored[-1]) - round(scored[-2])
        text.append(f" ▲+{change}" if change > 0 else f" ▼−{-change}" if change < 0 else " =")
    return text


class TrendBars(Widget):
    """One row of bars on the fixed 0–100 scale."""

    DEFAULT_CSS = """
    TrendBars {
        height: 1;
    }
    """

    values: reactive[tuple[float | None, ...]] = reactive(tuple)

    def render(self) -> Text:
        return bars(self.values, self.size.width)
