"""The one interface every persona engine implements, and the request it answers.

Lives in core so the session (and every front end) can drive any engine without knowing which.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from coffeechat.core.clock import ClockState
from coffeechat.core.persona import Persona
from coffeechat.core.transcript import EngineInfo, SessionSettings, Turn
from coffeechat.errors import CoffeechatError


@dataclass(frozen=True)
class ReplyRequest:
    """Everything an engine needs for the persona's next reply.

    ``turns`` is the conversation so far, ending with the user's latest turn; ``clock`` is the
    spoken clock after that turn.
    """

    persona: Persona
    settings: SessionSettings
    turns: Sequence[Turn]
    clock: ClockState
    conversation_id: str = ""
    stopped: str = ""  # asking again after the visitor stopped a reply: that reply, for one that differs


class Engine(Protocol):
    info: EngineInfo

    def stream_reply(self, request: ReplyRequest) -> AsyncIterator[str]:
        """Yield the reply as text chunks as they arrive. Raise EngineError on failure."""
        ...

    async def aclose(self) -> None: ...


class EngineError(CoffeechatError):
    """The engine could not produce (all of) a reply. ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable
