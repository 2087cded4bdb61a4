"""An engine built in a thread while its chat is already on screen.

Building the model-server engine imports openai (about a second on a small laptop) and reads the
system's certificates; a chat that waited for that before it showed would freeze on open. The
deferred engine answers at once with what the chat shows (``info``) and builds the real one beside
it; the first reply waits for the build, not the screen.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import AsyncIterator, Callable

from coffeechat.core.engine import Engine, EngineError, ReplyRequest
from coffeechat.core.transcript import EngineInfo
from coffeechat.errors import CoffeechatError


class DeferredEngine:
    def __init__(self, build: Callable[[], Engine], info: EngineInfo) -> None:
        self.info = info
        self._make = build
        self._future = self._start()

    def _start(self) -> concurrent.futures.Future[Engine]:
        future: concurrent.futures.Future[Engine] = concurrent.futures.Future()
        future.set_running_or_notify_cancel()  # a stopped first reply never cancels the build
        threading.Thread(target=self._build, args=(future,), name="coffeechat-engine", daemon=True).start()
        return future

    def _build(self, future: concurrent.futures.Future[Engine]) -> None:
        try:
            future.set_result(self._make())
        except BaseException as exc:  # handed to whoever waits: the first reply says what went wrong
            future.set_exception(exc)

    @property
    def built(self) -> Engine | None:
        """The real engine once it is built (None before, or when building failed)."""
        if self._future.done() and self._future.exception() is None:
            return self._future.result()
        return None

    @property
    def reply_note(self) -> str | None:
        return getattr(self.built, "reply_note", None)

    async def ready(self) -> Engine:
        if self._future.done() and self._future.exception() is not None:
            self._future = self._start()  # asking again tries again (the certificates may be fixed)
        try:
            return await asyncio.wrap_future(self._future)
        except CoffeechatError as exc:
            raise EngineError(str(exc), retryable=False) from None
        except Exception as exc:
            raise EngineError(f"the engine could not be made ({type(exc).__name__}: {exc})", retryable=False) from None

    async def stream_reply(self, request: ReplyRequest) -> AsyncIterator[str]:
        engine = await self.ready()
        async for chunk in engine.stream_reply(request):
            yield chunk

    async def aclose(self) -> None:
        engine = self.built
        if engine is not None:
            await engine.aclose()
