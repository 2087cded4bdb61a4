"""Trend bars and numbers: one fixed 0–100 scale for every row, gaps where nothing was scored."""

from __future__ import annotations

from coffeechat.tui.trend import BAR_WIDTH, GAP, bars, block, change, recent


def test_the_scale_is_fixed_from_0_to_100():
    assert block(100) == "█" and block(95) == "█"
    assert block(0) == "▁" and block(12) == "▁"
    assert block(50) == "▅"
    assert block(20) == "▂"


def test_a_row_of_high_scores_and_a_row_of_low_scores_look_different():
    assert bars([100.0, 100.0], 20).plain != bars([20.0, 20.0], 20).plain
    assert bars([20.0, 100.0], 20).plain == "▂▂ ██"


def test_a_single_session_is_one_bar_not_a_full_line():
    assert bars([40.0], 30).plain == block(40) * BAR_WIDTH


def test_a_session_where_the_criterion_was_not_scored_is_a_gap_not_a_zero():
    row = bars([80.0, None, 0.0], 30).plain
    assert row == f"{block(80) * 2} {GAP * 2} {block(0) * 2}"
    assert recent([80.0, None, 0.0]).plain == "  80   –   0"


def test_only_the_newest_sessions_that_fit_are_drawn():
    values = [float(v) for v in range(0, 100, 10)]  # ten sessions
    assert bars(values, 8).plain == f"{block(70) * 2} {block(80) * 2} {block(90) * 2}"


def test_the_numbers_are_the_last_four_scores_the_newest_in_bold():
    numbers = recent([10.0, 20.0, 30.0, 40.0, 50.0])
    assert numbers.plain == "  20  30  40  50"
    (bold,) = [numbers.plain[span.start:span.end] for span in numbers.spans if "bold" in str(span.style)]
    assert bold.strip() == "50"


def test_the_change_is_from_the_score_before_to_the_newest():
    assert change([60.0, 72.0]).plain == "▲+12"
    assert change([72.0, 60.0]).plain == "▼−12"
    assert change([60.0, 60.0]).plain == "="
    assert change([60.0]).plain == ""


def test_the_change_skips_sessions_that_were_not_scored():
    assert change([60.0, None, 90.0]).plain == "▲+30"
    assert change([60.0, 90.0, None]).plain == "▲+30"
    assert change([None, None]).plain == "" and change([]).plain == ""
