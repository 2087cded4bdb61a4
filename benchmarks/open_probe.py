"""Started as a fresh process by run.py: opens a saved 100-exchange chat with the OpenAI-compatible
engine configured, as a person would a second or so after Home shows, and prints how long it took
from the key to the first frame that shows the chat (seconds). argv: the home folder, the
transcript id, the wait.

The frame is timed where Textual hands a screen update to the terminal (``App._display``), and is
rendered to terminal text there as a real terminal's would be; ``pilot.pause()`` would instead
wait for the whole process to go idle, imports in other threads included."""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


async def main(home: str, transcript_id: str, wait: float) -> None:
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp
    from coffeechat.tui.screens.home import HomeScreen
    from coffeechat.tui.screens.interview import InterviewScreen

    app = CoffeechatApp(load_settings({"home": home, "base_url": "http://127.0.0.1:9/v1", "model": "bench-model"}))
    shown: list[float] = []
    display = app._display

    def timed_display(screen, renderable) -> None:
        display(screen, renderable)
        if renderable is not None and isinstance(screen, InterviewScreen) and drawn(screen):
            renderable.render_segments(app.console)  # what a terminal would be sent
            shown.append(time.perf_counter())

    def drawn(screen) -> bool:  # the latest reply's words are in place, not only its name
        replies = screen.query(".persona")
        return bool(replies) and bool(replies.last().query("Markdown > *"))

    app._display = timed_display
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.query_one("#personas").row_count):
            await pilot.pause(0.001)
        await asyncio.sleep(wait)  # reading Home
        start = time.perf_counter()
        app.open_transcript(transcript_id)
        while not shown and time.perf_counter() - start < 30:
            await asyncio.sleep(0.001)
        print(f"{shown[0] - start:.4f}", flush=True)
        app.exit()


asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
