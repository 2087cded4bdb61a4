"""Help: ? or F1 on every screen shows the keys that work there (read from the screen's bindings)
and how each criterion is scored (from the same guide as the README); esc closes it. In a text box
? is a question mark."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from coffeechat.core.rubric.guide import GUIDE
from coffeechat.tui.screens.help import HelpScreen, key_name
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.interview import ConfirmEnd, InterviewScreen
from coffeechat.tui.screens.prepare import PrepareScreen
from coffeechat.tui.screens.review import ReviewScreen

from tui_helpers import open_recent, seed_history, settle, shown, walk_app

SIZE = (100, 30)


@pytest.fixture
def seeded(home):
    seed_history(home)
    return home


def listed_keys(help_screen: HelpScreen) -> dict[str, str]:
    """What the help says each key does: {"ctrl+o": "Export", "?, f1": "Help", …}."""
    return {keys: what for keys, what, _ in help_screen.keys}


async def open_help(pilot, key: str) -> HelpScreen:
    below = pilot.app.screen
    await pilot.press(key)
    await pilot.pause()
    help_screen = pilot.app.screen
    assert isinstance(help_screen, HelpScreen), f"{key} on {type(below).__name__} opened {help_screen!r}"
    return help_screen


async def close_help(pilot, below) -> None:
    focused = below.focused
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is below and below.focused is focused


async def test_question_mark_opens_the_help_for_home_and_esc_closes_it(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        help_screen = await open_help(pilot, "question_mark")
        assert shown(help_screen.query_one("#help-title")) == "Help · Home"
        keys = listed_keys(help_screen)
        assert keys["enter"] == "Open" and keys["/"] == "Filter" and keys["h"] == "History"
        assert keys["?, f1"] == "Help" and keys["ctrl+q"] == "Quit"
        await close_help(pilot, home)


async def test_the_help_lists_exactly_the_screens_active_bindings(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_recent(pilot, 1)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        expected = {key_name(key) for key, active in review.active_bindings.items()
                    if (active.binding.tooltip or active.binding.description)
                    and (active.node in (review, app) or active.binding.show)}
        help_screen = await open_help(pilot, "f1")
        listed = {key for keys, _, _ in help_screen.keys for key in keys.split(", ")}
        assert listed == expected
        keys = listed_keys(help_screen)
        assert keys["1"] == "Score tab" and keys["4"] == "Thank-you note tab"
        assert keys["ctrl+o"] == "Export" and keys["ctrl+n"] == "Next tab" and keys["enter"] == "Evidence"
        await close_help(pilot, review)


async def test_the_help_explains_every_criterion_from_the_guide(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        help_screen = await open_help(pilot, "f1")
        for key, guide in GUIDE.items():
            text = shown(help_screen.query_one(f"#help-{key}"))
            assert text.startswith(f"{guide.name}  weight {guide.weight:g}\n"), key
            body = guide.scores.replace("**", "")
            assert text.endswith(body[1:]) and text.split("\n", 1)[1][0] == body[0].upper(), key
        assert "not scored" in shown(help_screen.query_one(".help-note"))


async def test_the_help_opens_on_every_screen(seeded):
    app = walk_app(seeded)
    visited = []

    async def round_trip(kind: type, key: str) -> HelpScreen:
        below = app.screen
        assert isinstance(below, kind)
        help_screen = await open_help(pilot, key)
        assert help_screen.title_text and help_screen.keys
        await close_help(pilot, below)
        visited.append(kind.__name__)
        return help_screen

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await round_trip(HomeScreen, "question_mark")
        await pilot.press("enter")  # the first persona
        await pilot.pause()
        await round_trip(PrepareScreen, "f1")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await settle(pilot)
        await round_trip(HistoryScreen, "question_mark")
        await pilot.press("escape")
        await settle(pilot)
        await open_recent(pilot, 1)
        await round_trip(ReviewScreen, "question_mark")
        await pilot.press("escape")
        await settle(pilot)
        await open_recent(pilot, 0)
        await round_trip(InterviewScreen, "f1")
        await pilot.press("ctrl+g")
        await pilot.pause()
        confirm = await round_trip(ConfirmEnd, "question_mark")
        keys = listed_keys(confirm)  # enter presses the button that has the focus, as each button says
        assert keys["esc"] == "Keep talking" and keys["ctrl+q"] == "Quit" and keys["?, f1"] == "Help"
    assert visited == ["HomeScreen", "PrepareScreen", "HistoryScreen", "ReviewScreen", "InterviewScreen", "ConfirmEnd"]


async def test_a_question_mark_in_a_text_box_is_typed_and_f1_still_opens_the_help(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the interview's question box
        await open_recent(pilot, 0)
        interview = app.screen
        ask = interview.query_one("#ask", Input)
        assert interview.focused is ask
        await pilot.press("W", "h", "y", "question_mark")
        assert ask.value == "Why?" and app.screen is interview
        help_screen = await open_help(pilot, "f1")
        assert listed_keys(help_screen)["f1"] == "Help"  # ? is not listed: here it types
        assert "?, f1" not in listed_keys(help_screen)
        await close_help(pilot, interview)
        assert ask.value == "Why?"


async def test_a_question_mark_in_a_reflection_box_is_typed(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await open_recent(pilot, 1)
        review = app.screen
        await pilot.press("3")
        box = review.query_one("#reflect-fit", TextArea)
        assert review.focused is box
        await pilot.press("question_mark")
        assert box.text == "?" and app.screen is review
        await open_help(pilot, "f1")
        await close_help(pilot, review)


async def test_a_question_mark_or_f1_on_the_help_closes_it(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        for key in ("question_mark", "f1"):
            await open_help(pilot, "f1")
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is home


async def test_the_help_scrolls_with_the_keys(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        help_screen = await open_help(pilot, "f1")
        body = help_screen.query_one("#help-body")
        assert help_screen.focused is body and body.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


def test_the_help_names_the_screen_in_words():
    from coffeechat.tui.screens.help import screen_title

    assert [screen_title(n) for n in ("HomeScreen", "ReviewScreen", "CommandPalette")] == ["Home", "Review", "Command palette"]


async def test_f1_in_the_command_palette_opens_the_help_for_the_palette(seeded):
    from textual.command import CommandPalette

    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.press("question_mark")  # typed into the search box
        assert app.screen is palette and palette.query_one(Input).value == "?"
        help_screen = await open_help(pilot, "f1")
        assert help_screen.title_text == "Command palette"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is palette


async def test_the_help_is_a_command_in_the_palette(seeded):
    app = walk_app(seeded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        home = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await pilot.press("H", "e", "l", "p")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and app.screen.title_text == "Home"
        await close_help(pilot, home)
