"""Started as a fresh process by run.py: prints 'ready' once Home shows the personas (headless)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


async def main() -> None:
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp
    from coffeechat.tui.screens.home import HomeScreen

    app = CoffeechatApp(load_settings())
    async with app.run_test(size=(100, 30)) as pilot:
        while not (isinstance(app.screen, HomeScreen) and app.screen.query_one("#personas").row_count):
            await pilot.pause(0.001)
        print("ready", flush=True)


asyncio.run(main())
