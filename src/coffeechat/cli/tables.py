"""Plain-text tables for the command line (no colour, pipe-friendly)."""

from __future__ import annotations

import json
import shutil
import sys
from typing import Any

MIN_COLUMN = 10


def fit_widths(widths: list[int], limit: int, keep: frozenset[int] = frozenset(), gap: int = 2) -> list[int]:
    """Shrink the widest columns (never those in ``keep``) until the table fits in ``limit`` characters."""
    widths = list(widths)
    shrinkable = [i for i in range(len(widths)) if i not in keep]
    while shrinkable and sum(widths) + gap * (len(widths) - 1) > limit:
        widest = max(shrinkable, key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _cell(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_table(
    headers: list[str], rows: list[list[str]], max_width: int | None = None, keep: frozenset[int] = frozenset()
) -> None:
    """Print aligned columns; on a terminal, long cells are cut to fit its width (except columns in ``keep``)."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row)]
    if max_width is None and sys.stdout.isatty():
        max_width = shutil.get_terminal_size().columns
    if max_width:
        widths = fit_widths(widths, max_width, keep)
    for row in [[h.upper() for h in headers], *rows]:
        print("  ".join(_cell(cell, w).ljust(w) for cell, w in zip(row, widths)).rstrip())


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))
