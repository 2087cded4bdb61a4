"""Started as a fresh process by run.py: a person starts an interview with a model server
configured (the fake server at argv[1]), after reading the Prepare screen for argv[2] seconds, and
asks two questions. Prints, for each, the seconds from Enter to the first frame that shows words of
the reply, and to the frame that shows all of it.

Frames are timed where Textual hands a screen update to the terminal (``App._display``) and are
rendered to terminal text there, as a real terminal's would be."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


async def main(base_url: str, reading: float) -> None:
    from textual.widgets import Input

    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp
    from coffeechat.tui.screens.interview import InterviewScreen
    from coffeechat.tui.screens.prepare import PrepareScreen

    home = Path(sys.argv[3])
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": base_url, "model": "gpt-4o-mini",
                                       "api_key": "sk-bench"}), start_persona="software-engineer")
    frames: list[tuple[float, int]] = []  # (when, words of the reply being timed on screen)
    timed = {"id": ""}
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and isinstance(screen, InterviewScreen):
            renderable.render_segments(app.console)
            replies = screen.query(f"#{timed['id']}") if timed["id"] else []
            shown = " ".join(str(b.source or "") for b in replies[0].query("Markdown > *")) if replies else ""
            frames.append((time.perf_counter(), len(shown.split())))

    app._display = timed_display
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.screen, PrepareScreen):
            await pilot.pause(0.001)
        await asyncio.sleep(reading)
        await pilot.press("ctrl+s")
        while not (isinstance(app.screen, InterviewScreen) and app.screen.query(".persona")):
            await pilot.pause(0.001)
        await asyncio.sleep(0.3)  # the greeting is read, the question typed
        results = []
        for question in ("What does a typical week look like for you?", "What surprised you most when you started?"):
            session = app.screen.session
            replies_before = len(session.transcript.replies())
            timed["id"] = f"turn-{len(session.transcript.turns) + 2}-live"
            app.screen.query_one("#ask", Input).value = question
            start = time.perf_counter()
            await pilot.press("enter")
            while len(session.transcript.replies()) == replies_before and time.perf_counter() - start < 30:
                await asyncio.sleep(0.001)
            await asyncio.sleep(0.3)  # the last frames drawn
            reply_words = len(session.transcript.replies()[-1].text.split())
            mine = [(t - start, w) for t, w in frames if t > start]
            first = next(t for t, w in mine if 0 < w)
            whole = next(t for t, w in mine if w >= reply_words)
            results.append((first, whole))
            await asyncio.sleep(0.5)
        print(" ".join(f"{first:.4f} {whole:.4f}" for first, whole in results), flush=True)
        app.exit()


asyncio.run(main(sys.argv[1], float(sys.argv[2])))
