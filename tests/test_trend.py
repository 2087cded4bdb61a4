"""Trend bars and numbers: one fixed 0–100 scale for every row, gaps where nothing was scored."""

from __future__ import annotations

from coffeechat.tui.trend import BAR_WIDTH, GAP, bars, block, latest, recent


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


def test_the_numbers_are_the_last_four_scores():
    assert recent([10.0, 20.0, 30.0, 40.0, 50.0]).plain == "  20  30  40  50"


def test_latest_is_the_newest_score_with_its_change_from_the_one_before():
    assert latest([60.0, 72.0]).plain == "72 ▲+12"
    assert latest([72.0, 60.0]).plain == "60 ▼−12"
    assert latest([60.0, 60.0]).plain == "60 ="
    assert latest([60.0]).plain == "60"


def test_latest_skips_sessions_that_were_not_scored():
    assert latest([60.0, 90.0, None]).plain == "90 ▲+30"
    assert latest([None, None]).plain == "–"
    assert latest([]).plain == "–"
