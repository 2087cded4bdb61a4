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
    """The last ``count`` scores as numbers, the newest in bold, "–" where it was not scored."""
    text = Text(no_wrap=True)
    shown = values[-count:]
    for i, value in enumerate(shown):
        if value is None:
            text.append(f"{'–':>4}", style="dim")
        else:
            newest = i == len(shown) - 1
            text.append(f"{value:>4.0f}", style=f"bold {score_style(value)}" if newest else "")
    return text


def change(values: Values) -> Text:
    """How the newest score differs from the one before it ("▲+8", "▼−5", "="), scored sessions
    only; nothing until there are two."""
    scored = [round(v) for v in values if v is not None]
    if len(scored) < 2:
        return Text("")
    step = scored[-1] - scored[-2]
    return Text(f"▲+{step}" if step > 0 else f"▼−{-step}" if step < 0 else "=",
                style="green" if step > 0 else "red" if step < 0 else "dim")


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
