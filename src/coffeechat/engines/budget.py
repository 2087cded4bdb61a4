"""Fitting a conversation into a model's context window.

The system prompt and the latest turns are always kept; the oldest turns are dropped (and named
in a short note) when the history is too long. The cut only ever moves forward within a
conversation, in steps, so the start of each request repeats the previous one for as long as
possible (prompt caching).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from coffeechat.core.tokens import TokenCounter
from coffeechat.core.transcript import Turn
from coffeechat.errors import CoffeechatError

# (prefix of the model name, context window in tokens); first match wins
CONTEXT_WINDOWS: tuple[tuple[str, int], ...] = (
    ("gpt-4.1", 1_047_576),
    ("gpt-5", 400_000),
    ("gpt-4o", 128_000),
    ("chatgpt-4o", 128_000),
    ("gpt-4-turbo", 128_000),
    ("gpt-4-32k", 32_768),
    ("gpt-4", 8_192),
    ("gpt-3.5-turbo", 16_385),
    ("o1", 200_000),
    ("o3", 200_000),
    ("o4", 200_000),
)
# Local servers often run small windows (Ollama's default is 4,096), so unknown models get one too.
UNKNOWN_MODEL_WINDOW = 4_096
REPLY_RESERVE = 1_000
TRIM_TARGET = 0.7  # when trimming, cut down to this share of the budget, so the cut moves rarely
MIN_KEPT_TURNS = 2


def context_window_for(model: str, configured: int | None = None) -> int:
    if configured:
        return configured
    name = model.lower().split("/")[-1]
    for prefix, window in CONTEXT_WINDOWS:
        if name.startswith(prefix):
            return window
    return UNKNOWN_MODEL_WINDOW


def reply_reserve(window: int) -> int:
    return min(REPLY_RESERVE, window // 4)


@dataclass(frozen=True)
class Fitted:
    messages: list[dict[str, str]]
    dropped_turns: int
    prompt_tokens: int


def _message(turn: Turn) -> dict[str, str]:
    return {"role": "user" if turn.speaker == "user" else "assistant", "content": turn.text}


def _merge_same_role(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """Some chat templates insist on alternating roles: join consecutive messages of one speaker."""
    merged: list[dict[str, str]] = []
    for message in messages:
        if merged and merged[-1]["role"] == message["role"]:
            merged[-1] = {"role": message["role"], "content": merged[-1]["content"] + "\n\n" + message["content"]}
        else:
            merged.append(dict(message))
    return merged


def build_messages(system: str, turns: Sequence[Turn], start: int, last_note: str, omitted: str | None) -> list[dict[str, str]]:
    kept = [_message(t) for t in turns[start:]]
    if omitted and kept:
        kept[0] = {"role": kept[0]["role"], "content": f"{omitted}\n\n{kept[0]['content']}"}
    if kept and last_note:
        kept[-1] = {"role": kept[-1]["role"], "content": f"{kept[-1]['content']}\n\n{last_note}"}
    return [{"role": "system", "content": system}, *_merge_same_role(kept)]


@lru_cache(maxsize=8192)
def _turn_cost(counter: TokenCounter, speaker: str, text: str) -> int:
    """Tokens one turn costs in a request (reply priming is counted once, with the system prompt).
    Cached: every request re-sends the same history, and a turn never changes once said."""
    role = "user" if speaker == "user" else "assistant"
    return counter.count_messages([{"role": role, "content": text}]) - 3


def _first_user_at_or_after(turns: Sequence[Turn], index: int) -> int:
    while index < len(turns) and turns[index].speaker != "user":
        index += 1
    return index


def fit(
    system: str,
    turns: Sequence[Turn],
    last_note: str,
    counter: TokenCounter,
    window: int,
    previous_start: int = 0,
    omitted_note: Callable[[int, list[str]], str] | None = None,
) -> tuple[Fitted, int]:
    """Messages for a request that fits ``window`` (minus the reply reserve), and the start index used.

    ``previous_start`` is the cut used for the previous request of this conversation: the cut never
    moves back, and when it must move it goes far enough (to TRIM_TARGET of the budget) that the
    next several requests share their start.
    """
    budget = window - reply_reserve(window)
    floor = max(0, len(turns) - MIN_KEPT_TURNS)  # the latest turns are never dropped
    per_turn = [_turn_cost(counter, t.speaker, t.text) for t in turns]
    fixed = counter.count_messages([{"role": "system", "content": system}]) + counter.count(last_note) + 8

    def note_for(start: int) -> str | None:
        if not start or omitted_note is None:
            return None
        return omitted_note(start, [t.text for t in turns[:start] if t.speaker == "user"])

    def total(start: int) -> int:
        note = note_for(start)
        return fixed + sum(per_turn[start:]) + (counter.count(note) if note else 0)

    start = _first_user_at_or_after(turns, min(previous_start, floor)) if previous_start else 0
    start = min(start, floor)
    if total(start) > budget:
        target = int(budget * TRIM_TARGET)
        while start < floor and total(start) > target:
            start += 1
        start = min(_first_user_at_or_after(turns, start), floor)
    if total(start) > budget:
        raise CoffeechatError(
            f"the conversation does not fit the model's context window ({window:,} tokens) even with only the"
            " latest turns; shorten your message, or set a larger context_window if the model allows it"
        )
    messages = build_messages(system, turns, start, last_note, note_for(start))
    return Fitted(messages, start, counter.count_messages(messages)), start
