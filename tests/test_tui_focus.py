"""Focus and footers: every focus stop shows that it has the focus and does something with keys,
what is typed always lands in a text box, and the footer lists the keys that work there."""

from __future__ import annotations

import pytest
from textual.containers import ScrollableContainer
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, TabbedContent, TextArea

from coffeechat.core.transcript import REFLECTION_QUESTIONS
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.interview import InterviewScreen
from coffeechat.tui.screens.prepare import PrepareScreen
from coffeechat.tui.screens.review import ReviewScreen

from tui_helpers import open_recent, screen_text, seed_history, settle, type_text, walk_app

SIZE = (100, 30)
TABS = ("score", "transcript", "reflection", "thanks")


def looks(widget) -> list[list[tuple]]:
    """How the widget itself is drawn (border, background, text and their styles)."""
    region = Region(0, 0, widget.outer_size.width, widget.outer_size.height)
    return [[(segment.text, segment.style) for segment in line] for line in widget.render_lines(region)]


async def shows_focus(pilot, widget) -> bool:
    """Whether the widget, which has the focus, is drawn differently without it."""
    screen = pilot.app.screen
    assert screen.focused is widget
    focused = looks(widget)
    screen.set_focus(None)
    await pilot.pause()
    blurred = looks(widget)
    widget.focus()
    await pilot.pause()
    return focused != blurred


def uses_keys(widget) -> bool:
    """A text box takes typing, a list or table with items takes the arrows and enter, a container
    that has more than fits takes the scroll keys, a button or a title that opens a section takes enter."""
    if isinstance(widget, (TextArea, Input)):
        return True
    if isinstance(widget, OptionList):
        return widget.option_count > 0
    if isinstance(widget, DataTable):
        return widget.row_count > 0
    if isinstance(widget, ScrollableContainer):
        return widget.max_scroll_y > 0
    return "enter" in widget._bindings.key_to_bindings


async def focus_stops(pilot, screen) -> list:
    """Every widget the tab key stops on, in order, from the one focused now until it comes round."""
    stops = [screen.focused]
    for _ in range(20):
        await pilot.press("tab")
        if screen.focused is stops[0]:
            return stops
        stops.append(screen.focused)
    raise AssertionError(f"tab never came back round: {stops}")


async def check_every_stop(pilot, where: str, within=None) -> list[str]:
    """Tab round the screen's focus stops (all ``within`` that widget, if given), checking each as it
    gets the focus; their ids."""
    screen = pilot.app.screen
    stops = await focus_stops(pilot, screen)
    for position, widget in enumerate(stops):
        if position:
            await pilot.press("tab")
        assert screen.focused is widget, (where, widget)
        assert within is None or widget in within.walk_children(), (where, widget)
        assert widget.region.area > 0, (where, widget)
        assert await shows_focus(pilot, widget), f"{where}, {widget}: the focus is invisible"
        assert uses_keys(widget), f"{where}, {widget}: a focus stop that does nothing with keys"
    return [w.id or type(w).__name__ for w in stops]


async def open_review(pilot, row: int = 2) -> ReviewScreen:
    """Row 2 of the seeded sessions: a finished chat with a criterion that was not scored."""
    await open_recent(pilot, row)
    review = pilot.app.screen
    assert isinstance(review, ReviewScreen)
    return review


@pytest.fixture
def seeded(home):
    seed_history(home)
    return home


async def test_every_focus_stop_on_every_review_tab_shows_focus_and_uses_keys(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        tabs = review.query_one("#review-tabs", TabbedContent)
        seen: dict[str, list[str]] = {}
        for index, tab in enumerate(TABS):
            if index:
                await pilot.press("ctrl+n")
                await pilot.pause()
            assert tabs.active == tab
            # on the tab shown: not on the tab strip, nor on a hidden tab
            seen[tab] = await check_every_stop(pilot, tab, within=review.query_one(f"#{tab}"))
        assert seen == {
            "score": ["criteria", "evidence"],
            "transcript": ["review-log"],
            "reflection": [f"reflect-{key}" for key in REFLECTION_QUESTIONS],
            "thanks": ["thank-you"],
        }


async def test_every_focus_stop_on_the_other_screens_shows_focus_and_uses_keys(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert await check_every_stop(pilot, "home") == ["personas", "recent", "filter"]
        app.screen.query_one("#personas").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        assert await check_every_stop(pilot, "prepare") == ["your-name", "goal", "minutes", "questions", "CollapsibleTitle", "start"]
        await pilot.press("escape")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert await check_every_stop(pilot, "history") == ["sessions"]
        await pilot.press("escape")
        await open_recent(pilot, 0)
        assert isinstance(app.screen, InterviewScreen)
        assert await check_every_stop(pilot, "interview") == ["ask", "log"]


async def test_tab_skips_the_evidence_list_when_a_criterion_has_none(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        criteria = review.query_one("#criteria", OptionList)
        index = [c.key for c in review.transcript.score.criteria].index("time_keeping")
        assert not review.transcript.score.criteria[index].evidence
        await pilot.press(*["down"] * index)
        assert criteria.highlighted == index
        await pilot.press("tab")
        assert review.focused is criteria  # nothing else to stop on
        assert "none for this criterion" in screen_text(app)


async def test_typing_on_the_reflection_tab_always_lands_in_a_text_box(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        await pilot.press("3")
        boxes = {key: review.query_one(f"#reflect-{key}", TextArea) for key in REFLECTION_QUESTIONS}
        # round the boxes twice, typing a word at each stop, forwards and then backwards
        for turn, step in ((1, "tab"), (2, "shift+tab")):
            for _ in range(len(boxes)):
                focused = review.focused
                assert isinstance(focused, TextArea) and focused in boxes.values(), focused
                before = focused.text
                await type_text(pilot, f"w{turn} ")
                assert focused.text == before + f"w{turn} ", focused.id
                await pilot.press(step)
        assert all(box.text.count("w1 ") == 1 and box.text.count("w2 ") == 1 for box in boxes.values())
        assert review.query_one("#review-tabs", TabbedContent).active == "reflection"


async def test_the_focused_review_list_is_drawn_in_the_accent_colour(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        criteria = review.query_one("#criteria", OptionList)
        evidence = review.query_one("#evidence", OptionList)
        accent = app.theme_variables["accent"]
        assert review.focused is criteria
        assert criteria.styles.border_top[1].hex.lower() == accent.lower()
        assert evidence.styles.border_top[1].hex.lower() != accent.lower()
        await pilot.press("enter")  # to the evidence
        assert review.focused is evidence
        assert evidence.styles.border_top[1].hex.lower() == accent.lower()
        assert criteria.styles.border_top[1].hex.lower() != accent.lower()


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_home_footer_says_enter_opens_the_row(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "⏎ Open" in footer_line(app)
        await pilot.press("tab")  # the recent sessions
        assert app.screen.focused.id == "recent" and "⏎ Open" in footer_line(app)


async def test_the_history_footer_says_enter_opens_the_row(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "⏎ Open" in footer_line(app) and "esc Back" in footer_line(app)


async def test_the_review_footer_shows_the_tab_digits_as_one_entry_only_outside_a_text_box(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await open_review(pilot)
        footer = footer_line(app)
        assert "1-5 Tabs" in footer and "^n Next tab" in footer and "⏎ Evidence" in footer
        assert "^p palette" in footer  # everything fits at 80 columns
        await pilot.press("3")
        assert isinstance(review.focused, TextArea)
        await pilot.pause()
        footer = footer_line(app)
        assert "1-5" not in footer and "^n Next tab" in footer  # a digit is text here


async def test_in_the_home_filter_box_the_footer_does_not_offer_slash(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "/ Filter" in footer_line(app)
        await pilot.press("slash")
        filter_box = app.screen.query_one("#filter", Input)
        assert app.screen.focused is filter_box
        await pilot.press("a", "slash", "b")
        await pilot.pause()
        assert filter_box.value == "a/b"  # typed, not a shortcut
        assert "/ Filter" not in footer_line(app) and "f1 Help" in footer_line(app)


async def test_keys_typed_faster_than_the_screen_updates_still_land_box_by_box(seeded):
    """A burst (a paste of keystrokes, a fast typist, a script): the tab switch and each tab to the next
    box happen before the keys after them are passed on."""
    from textual import events

    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        burst = ["3", "a", "1", "tab", "b", "tab", "c", "shift+tab", "d", "ctrl+n", "ctrl+n", "ctrl+n", "e"]
        burst += ["ctrl+n"]  # thanks, their side, round to score, then transcript: the last key has been handled
        for key in burst:  # all queued at once, nothing waits for the screen
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        tabs = review.query_one("#review-tabs", TabbedContent)
        for _ in range(200):  # however slow the machine, until the last key has been handled
            if tabs.active == "transcript":
                break
            await pilot.pause(0.05)
        await pilot.pause()
        boxes = [review.query_one(f"#reflect-{key}", TextArea).text for key in REFLECTION_QUESTIONS]
        assert boxes == ["a1", "bd", "c", ""]
        assert tabs.active == "transcript"
        assert review.focused.id == "review-log"
        assert review.query_one("#thank-you", TextArea).text.startswith("Hi ")  # "e" went nowhere it should not


async def test_a_key_typed_while_the_app_closes_is_dropped_not_a_crash(seeded):
    """The screens go before the last keys are read (a key held down as the app quits)."""
    from textual import events

    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        while app._screen_stack:  # what closing does, then keys still in the queue
            app._screen_stack.pop()
        await app.on_event(events.Key("e", "e"))
    assert app.return_code in (None, 0)
    assert not getattr(app, "crash_message", None)
