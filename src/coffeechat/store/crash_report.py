"""What coffeechat leaves behind when something it did not expect goes wrong: one file with the
full report in the data folder (no key or URL credentials in it, no variables' values), so the
terminal gets one line instead of a traceback."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

from coffeechat import __version__
from coffeechat.core.safe_text import clean

CRASH_FOLDER = "crash-reports"


def crash_report_text(error: BaseException, context: str = "") -> str:
    lines = [
        f"coffeechat {__version__} crash report, {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%S} UTC",
        f"python {platform.python_version()} on {platform.platform()}",
        f"command: {' '.join(sys.argv[1:]) or '(the app)'}",
    ]
    if context:
        lines.append(f"while: {context}")
    lines += ["", *traceback.format_exception(type(error), error, error.__traceback__)]
    return clean("\n".join(line.rstrip("\n") for line in lines)) + "\n"


def write_crash_report(data_dir: Path, error: BaseException, context: str = "") -> Path | None:
    """Write the report; its path, or None if even that failed (the one line then says so)."""
    from coffeechat.store.atomic import write_atomic
    from coffeechat.errors import CoffeechatError

    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    target = Path(data_dir) / CRASH_FOLDER / f"crash-{stamp}-{os.getpid()}.txt"
    try:
        write_atomic(target, crash_report_text(error, context).encode("utf-8"), what="crash report")
    except (CoffeechatError, OSError, ValueError):
        return None
    return target


def crash_line(error: BaseException, report: Path | None, saved: str) -> str:
    """The one line a user sees: what happened, that their words are safe, where the report is."""
    what = clean(f"{type(error).__name__}: {error}")
    if len(what) > 160:
        what = what[:157] + "..."
    where = f"full report: {report}" if report else "no report could be written"
    return " ".join(f"coffeechat: unexpected error ({what}); {saved}; {where}".split())
