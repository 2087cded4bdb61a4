"""SVG snapshots of every screen at 80x24 and 120x40 (pytest-textual-snapshot).

After an intended change to how a screen looks: make test PYTEST_ARGS="--snapshot-update" and
look at the new SVGs before committing them.
"""

from __future__ import annotations

import pytest

from tui_helpers import make_app, open_recent, seed_history

SIZES = [(80, 24), (120, 40)]


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await _steady_cursor(pilot)


async def _steady_cursor(pilot) -> None:
    """A blinking cursor would make a screenshot depend on the moment it is taken."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        widget.cursor_blink = False
    await pilot.pause()


async def _open_recent(pilot, row: int) -> None:
    await open_recent(pilot, row)
    await pilot.pause(0.2)
    await _steady_cursor(pilot)


@pytest.fixture
def seeded(home):
    seed_history(home)
    return home


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, seeded, size):
    assert snap_compare(make_app(seeded), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_prepare(snap_compare, seeded, size):
    async def fill(pilot):
        await _settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#goal").value = "Decide whether backend work is for me"
        screen.query_one("#questions").text = ("What does a typical week look like for you?\nDo you like your job?\n"
                                               "How many employees does Tidewater have?")
        await pilot.pause(0.3)
        screen.refresh_feedback()  # do not depend on the debounce timer under load
        await _steady_cursor(pilot)

    assert snap_compare(make_app(seeded, start_persona="software-engineer"), terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_interview(snap_compare, seeded, size):
    assert snap_compare(make_app(seeded), terminal_size=size, run_before=lambda pilot: _open_recent(pilot, 0))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review(snap_compare, seeded, size):
    assert snap_compare(make_app(seeded), terminal_size=size, run_before=lambda pilot: _open_recent(pilot, 1))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history(snap_compare, seeded, size):
    async def history(pilot):
        await _settle(pilot)
        await pilot.press("h")
        await pilot.pause(0.2)
        await _settle(pilot)

    assert snap_compare(make_app(seeded), terminal_size=size, run_before=history)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_with_a_criterion_not_scored(snap_compare, seeded, size):
    async def not_scored(pilot):
        await _open_recent(pilot, 2)  # two minutes of twenty: time-keeping was never tested
        await pilot.press("end")
        await pilot.pause()

    assert snap_compare(make_app(seeded), terminal_size=size, run_before=not_scored)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, seeded, size):
    async def help_on_review(pilot):
        await _open_recent(pilot, 1)
        await pilot.press("f1")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeded), terminal_size=size, run_before=help_on_review)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_their_side(snap_compare, seeded, size):
    async def their_side(pilot):
        await _open_recent(pilot, 2)  # the job asker: what put them off, and what stood out
        await pilot.press("5")
        await pilot.pause(0.2)

    assert snap_compare(make_app(seeded), terminal_size=size, run_before=their_side)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_new_persona_from_a_profile(snap_compare, seeded, size):
    async def pasted(pilot):
        await _settle(pilot)
        await pilot.press("n")
        await pilot.pause(0.2)
        screen = pilot.app.screen
        screen.query_one("#profile-text").text = ("Jordan Lee\nStaff Software Engineer at Brightline Robotics\n"
                                                  "Pittsburgh, Pennsylvania\n\nEducation\nCarnegie Mellon University"
                                                  " — BS, Computer Science — 2012 – 2016\n")
        screen.query_one("#new-minutes").value = "25"
        await _steady_cursor(pilot)

    assert snap_compare(make_app(seeded), terminal_size=size, run_before=pasted)
