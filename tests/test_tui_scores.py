"""Scores as the app shows them: a criterion the conversation never tested reads "not scored", never
0; History draws every trend on one 0–100 scale with its numbers and counts questions as the rubric does."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, OptionList

from coffeechat.core.rubric.score import question_count
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.review import ReviewScreen
from coffeechat.tui.trend import TrendBars, block

from tui_helpers import open_recent, screen_text, seed_history, settle, shown, walk_app

SIZE = (110, 32)
JOB_ASKER = "20261119-100000-software-engineer"  # row 2 on Home: two minutes of twenty, time-keeping not scored


@pytest.fixture
def seeded(home):
    seed_history(home)
    return home


def sessions(home):
    """The seeded sessions, newest first (as History lists them)."""
    transcripts, problems = TranscriptStore(home / "transcripts").load_all()
    assert not problems
    return transcripts


async def open_history(pilot) -> HistoryScreen:
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return pilot.app.screen


# -- Review -----------------------------------------------------------------------------------------


async def test_review_lists_an_untested_criterion_with_a_dash_and_explains_it(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_recent(pilot, 2)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.transcript.id == JOB_ASKER
        report = review.transcript.score
        index = [c.key for c in report.criteria].index("time_keeping")
        timing = report.criteria[index]
        assert not timing.assessed
        criteria = review.query_one("#criteria", OptionList)
        assert str(criteria.get_option_at_index(index).prompt).split() == ["–", "Time-keeping"]
        await pilot.press(*["down"] * index)
        detail = shown(review.query_one("#criterion-detail"))
        assert detail.startswith("Time-keeping: not scored  (weight 15; left out of the overall)\n")
        assert timing.summary in detail and "0/100" not in detail
        assert "Not scored: time-keeping." in screen_text(app)  # the headline says so too


async def test_review_shows_a_real_zero_as_a_zero(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_recent(pilot, 2)
        review = app.screen
        index = [c.key for c in review.transcript.score.criteria].index("no_job_ask")
        assert str(review.query_one("#criteria", OptionList).get_option_at_index(index).prompt).split() == ["0", "No", "job", "ask"]
        await pilot.press(*["down"] * index)
        assert shown(review.query_one("#criterion-detail")).startswith("No job ask: 0/100")


# -- History ----------------------------------------------------------------------------------------


async def test_history_counts_questions_as_the_rubric_does(seeded):
    expected = {t.id: question_count(t) for t in sessions(seeded)}
    assert any(count != len(t.user_turns()) for t, count in zip(sessions(seeded), expected.values()))
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one("#sessions", DataTable)
        shown_counts = {key.value: str(table.get_row(key)[2]) for key in table.rows}
        assert shown_counts == {tid: str(count) for tid, count in expected.items()}


async def test_history_draws_every_trend_on_one_0_to_100_scale(seeded):
    scored = [t for t in reversed(sessions(seeded)) if t.score]  # oldest first
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        overall = [float(t.score.overall) for t in scored]
        assert shown(history.query_one("#trend-overall", TrendBars)) == " ".join(block(v) * 2 for v in overall)
        # a criterion at 100 in every scored session is a row of full bars; one at 0 a row of the lowest
        opening = [t.score.criterion("opening").score for t in scored]
        assert shown(history.query_one("#trend-opening", TrendBars)).split() == [block(v) * 2 for v in opening]
        assert "██" in shown(history.query_one("#trend-opening", TrendBars))


async def test_history_shows_the_recent_scores_and_the_change(seeded):
    scored = [t for t in reversed(sessions(seeded)) if t.score]
    overall = [t.score.overall for t in scored]
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        assert shown(history.query_one("#recent-overall")).split() == [str(v) for v in overall]
        step = overall[-1] - overall[-2]
        assert shown(history.query_one("#change-overall")) == f"{'▲+' if step > 0 else '▼−'}{abs(step)}"


async def test_history_leaves_a_gap_where_a_criterion_was_not_scored(seeded):
    scored = [t for t in reversed(sessions(seeded)) if t.score]
    timing = [t.score.criterion("time_keeping") for t in scored]
    assert [c.assessed for c in timing] == [False, False, True]
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        assert shown(history.query_one("#trend-time_keeping", TrendBars)) == f"·· ·· {block(timing[-1].score) * 2}"
        assert shown(history.query_one("#recent-time_keeping")).split() == ["–", "–", str(timing[-1].score)]
        assert shown(history.query_one("#change-time_keeping")) == ""  # no change from a gap


async def test_history_columns_fit_their_widest_cell_from_the_first_frame(seeded):
    """A table sizes automatic columns only when it is next idle; a frame drawn before then would
    stay cut to the headers' widths ("Priy", "resuma"), so the widths are set with the rows."""
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(pilot)
        table = history.query_one("#sessions", DataTable)
        from coffeechat.store.index import summarize

        history.show([summarize(t) for t in sessions(seeded)])  # no pause: not idle yet
        widths = {str(c.label): c.width for c in table.ordered_columns}
        assert widths["With"] == len("Priya Raman") and widths["Status"] == len("resumable")
        assert widths["When (UTC)"] == len("2026-11-21 10:00")
