"""Persona engines. ``build_engine`` picks one from the settings; openai is imported only when used."""

from __future__ import annotations

from coffeechat.core.engine import Engine, EngineError
from coffeechat.core.transcript import EngineInfo
from coffeechat.store.config import Settings, redact_url


def require_credentials(settings: Settings) -> None:
    """A model server is reachable only with an API key or a base URL of its own."""
    if not settings.api_key and not settings.base_url:
        raise EngineError(
            "the openai engine needs an API key: set OPENAI_API_KEY, or point --base-url at a local"
            " OpenAI-compatible server, or use --engine offline",
            retryable=False,
        )
    key = settings.api_key or ""
    odd = next(((i, ch) for i, ch in enumerate(key, 1) if not (ch.isascii() and ch.isprintable()) or ch == " "), None)
    if odd is not None:  # an HTTP header cannot carry it: say so, never the key itself
        i, ch = odd
        what = "a space" if ch == " " else f"{ch!r}" if ch.isprintable() else f"an invisible character (U+{ord(ch):04X})"
        raise EngineError(
            f"the API key has {what} at character {i} of {len(key)}, which cannot be sent: copy the key again from"
            " your provider (OPENAI_API_KEY or api_key in config.toml), with no quotes, spaces or accents",
            retryable=False,
        )


def engine_info(settings: Settings) -> EngineInfo:
    """What a transcript records of the model-server engine (the URL without credentials)."""
    return EngineInfo(kind="openai", model=settings.model,
                      base_url=redact_url(settings.base_url) if settings.base_url else None)


def build_engine(settings: Settings, offline_delay: float = 0.0, deferred: bool = False) -> Engine:
    """The engine the settings choose. ``deferred``: a model-server engine is built in a thread and
    returned at once (``DeferredEngine``), so a screen never waits for openai's import."""
    if settings.resolved_engine == "offline":
        from coffeechat.engines.offline import OfflineEngine

        return OfflineEngine(delay=offline_delay)
    if deferred:
        from coffeechat.core import safe_text
        from coffeechat.engines.deferred import DeferredEngine

        require_credentials(settings)
        safe_text.register_secret(settings.api_key)  # masked from the first moment, not once built
        safe_text.register_url(settings.base_url)

        def build() -> Engine:
            from coffeechat.engines.openai_compat import OpenAICompatEngine, warm_imports

            warm_imports()  # here, not in the first reply
            return OpenAICompatEngine(settings)

        return DeferredEngine(build, engine_info(settings))
    from coffeechat.engines.openai_compat import OpenAICompatEngine

    return OpenAICompatEngine(settings)
