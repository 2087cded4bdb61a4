"""Started as a fresh process by run.py: opens a saved 100-exchange chat with the OpenAI-compatible
engine configured, as a person would a second or so after Home shows, and prints how long it took
from the key to the chat on screen (seconds). argv: the home folder, the transcript id, the wait."""

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
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.query_one("#personas").row_count):
            await pilot.pause(0.001)
        await asyncio.sleep(wait)  # reading Home
        start = time.perf_counter()
        app.open_transcript(transcript_id)
        while not (isinstance(app.screen, InterviewScreen) and app.screen.query(".persona")):
            await pilot.pause(0.001)
        await pilot.pause()
        print(f"{time.perf_counter() - start:.4f}", flush=True)
        app.exit()


asyncio.run(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
