"""The spoken clock: words at speaking pace plus a pause per turn, against the agreed minutes."""

from __future__ import annotations

import pytest

from coffeechat.core.clock import ClockSettings, ClockState, count_words


def test_a_turn_lasts_its_words_at_speaking_pace_plus_a_pause():
    clock = ClockSettings(user_wpm=150, persona_wpm=120, pause_seconds=2)
    words = " ".join(["word"] * 150)
    assert clock.turn_seconds("user", words) == pytest.approx(62.0)
    assert clock.turn_seconds("persona", words) == pytest.approx(77.0)


def test_contractions_and_hyphenated_words_count_once():
    assert count_words("I'm a twelve-hour-shift nurse, aren't I?") == 6


@pytest.mark.parametrize(
    ("elapsed_minutes", "agreed", "phase"),
    [(10, 30, "on_time"), (25.5, 30, "nearly_up"), (16.5, 20, "nearly_up"), (15.5, 20, "on_time"),
     (30, 30, "up"), (31.5, 30, "up"), (32.5, 30, "over"), (8.5, 10, "nearly_up")],
)
def test_phase_against_the_agreed_time(elapsed_minutes, agreed, phase):
    assert ClockState(elapsed_minutes * 60, agreed).phase == phase


def test_the_clock_describes_itself_in_plain_words():
    assert ClockState(12 * 60, 20).describe() == "12 of 20 agreed minutes used; about 8 minutes left"
    assert ClockState(20 * 60, 20).describe() == "20 of 20 agreed minutes used; the agreed time is up"
    assert ClockState(23 * 60, 20).describe() == "23 of 20 agreed minutes used; 3 minutes over the agreed time"


def test_minutes_used_and_left_add_up_to_the_agreed_length():
    from coffeechat.core.clock import ClockState

    assert ClockState(4.63 * 60, 5).describe() == "4 of 5 agreed minutes used; about 1 minute left"
    assert ClockState(2.6 * 60, 6).describe() == "3 of 6 agreed minutes used; about 3 minutes left"
    assert ClockState(0.2 * 60, 20).describe().endswith("about 20 minutes left")
