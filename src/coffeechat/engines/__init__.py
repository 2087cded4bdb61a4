"""Persona engines. ``build_engine`` picks one from the settings; openai is imported only when used."""

from __future__ import annotations

from coffeechat.core.engine import Engine
from coffeechat.store.config import Settings


def build_engine(settings: Settings, offline_delay: float = 0.0) -> Engine:
    if settings.resolved_engine == "offline":
        from coffeechat.engines.offline import OfflineEngine

        return OfflineEngine(delay=offline_delay)
    from coffeechat.engines.openai_compat import OpenAICompatEngine

    return OpenAICompatEngine(settings)
