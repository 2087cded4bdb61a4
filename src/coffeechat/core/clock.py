"""The conversation clock.

A typed rehearsal is slower than speech, so the clock that matters is an estimate of how long
the same words would take to *say*: each speaker's words divided by their speaking rate, plus a
short pause per turn. Wall time is recorded beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Phase = Literal["on_time", "nearly_up", "up", "over"]
Speaker = Literal["user", "persona"]

_WORD = re.compile(r"[\w'’-]+")

GRACE_MINUTES = 2.0


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class ClockSettings:
    user_wpm: float = 150.0
    persona_wpm: float = 150.0
    pause_seconds: float = 2.0

    def turn_seconds(self, speaker: Speaker, text: str) -> float:
        """How long saying ``text`` would take, with the pause before the next speaker."""
        wpm = self.user_wpm if speaker == "user" else self.persona_wpm
        return count_words(text) / wpm * 60.0 + self.pause_seconds


def nearly_up_minutes(agreed_minutes: float) -> float:
    """How close to the end counts as 'nearly up': a fifth of the meeting, between 2 and 5 minutes."""
    return max(2.0, min(5.0, agreed_minutes * 0.2))


def minutes_over_before_leaving(agreed_minutes: float, strict: bool) -> float:
    """How far past the agreed time a professional stays: the grace minutes if they are strict about
    time; otherwise half the agreed length again, and at least ten minutes (nobody stays for ever)."""
    return GRACE_MINUTES if strict else max(10.0, agreed_minutes * 0.5)


@dataclass(frozen=True)
class ClockState:
    """Where the conversation stands against the agreed time."""

    elapsed_seconds: float
    agreed_minutes: float

    @property
    def elapsed_minutes(self) -> float:
        return self.elapsed_seconds / 60.0

    @property
    def remaining_minutes(self) -> float:
        return self.agreed_minutes - self.elapsed_minutes

    @property
    def phase(self) -> Phase:
        remaining = self.remaining_minutes
        if remaining <= -GRACE_MINUTES:
            return "over"
        if remaining <= 0:
            return "up"
        if remaining <= nearly_up_minutes(self.agreed_minutes):
            return "nearly_up"
        return "on_time"

    def past_leaving(self, strict: bool) -> bool:
        """Whether the meeting has run so far over that this professional would leave."""
        return self.remaining_minutes <= -minutes_over_before_leaving(self.agreed_minutes, strict)

    def describe(self) -> str:
        """A short plain-English statement of the time, e.g. for the model or a status line."""
        used = self.elapsed_minutes
        remaining = self.remaining_minutes
        head = f"{used:.0f} of {self.agreed_minutes:g} agreed minutes used"
        if remaining > 0:
            left = max(1, round(remaining))
            # the minutes used and left add up to the agreed length: "4 of 5 used; about 1 left", not "5 of 5 … 1 left"
            head = f"{max(0.0, self.agreed_minutes - left):g} of {self.agreed_minutes:g} agreed minutes used"
            return f"{head}; about {left} minute{'s' if left != 1 else ''} left"
        over = round(-remaining)
        if over < 1:
            return f"{head}; the agreed time is up"
        return f"{head}; {over} minute{'s' if over != 1 else ''} over the agreed time"
