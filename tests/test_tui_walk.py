"""Walk the whole app with realistic data: every list item, every tab and every screen.

Where tests/test_tui.py follows one path through each screen, these tests go through every row,
every criterion and every piece of evidence, the way a person exploring the app would.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList, Static, TabbedContent, TextArea

from coffeechat.core.rubric.score import score_transcript
from coffeechat.core.transcript import REFLECTION_QUESTIONS, Transcript
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.interview import ConfirmEnd, InterviewScreen
from coffeechat.tui.screens.prepare import PrepareScreen
from coffeechat.tui.screens.review import ReviewScreen

import golden
from golden import MC, _p
from tui_helpers import open_recent, screen_text, seed_history, settle, shown, type_text, walk_app

SIZE = (110, 32)
UNFINISHED = "20261121-100000-software-engineer"
SEEDED_FINISHED = {  # row in Home's recent table (newest first) -> transcript id
    1: "20261120-100000-software-engineer",
    2: "20261119-100000-software-engineer",
    3: "20261118-100000-software-engineer",
}

SAM_FIRST = ("Hi Daniel, thanks for meeting me. I'm Sam, a junior studying economics, and I reached out because "
             "I'm curious how consultants spend their weeks.")
SAM_LAST = "Thank you so much, this was really helpful, and I'd love to keep you posted on how it goes."


def sam_with_the_consultant() -> Transcript:
    """A finished chat whose opening and closing each make several points in one turn (the closing
    criterion then has two pieces of evidence from the same turn)."""
    return golden.build(MC, 20, [
        (SAM_FIRST, "Hi Sam. Happy to help, ask me anything."),
        ("What does a typical week look like for you?", _p(MC, "typical_day", 0, 1)),
        ("How did you move into consulting?", _p(MC, "career_path", 0, 1)),
        ("What has been the hardest part of the job?", _p(MC, "challenges", 0, 1)),
        ("What would you focus on if you were in my position?", _p(MC, "advice", 0, 1)),
        ("Is there anyone else you think I should talk to?", "Talk to my colleague Ana; I'll introduce you."),
        (SAM_LAST, "Good luck, Sam. Keep me posted."),
    ])


REVIEWED = {
    "strong": golden.strong,
    "closed_and_googleable": golden.closed_and_googleable,
    "job_asker": golden.job_asker,
    "over_runner": golden.over_runner,
    "sam": sam_with_the_consultant,
}


# -- helpers --------------------------------------------------------------------------------------


def save_finished(home: Path, name: str, day: int) -> Transcript:
    """Store one golden transcript as a finished, scored session created on ``day`` November 2026."""
    t = REVIEWED[name]()
    t.id = f"202611{day:02d}-100000-{t.persona_id}"
    t.created_at = datetime(2026, 11, day, 10, 0, tzinfo=timezone.utc)
    t.score = score_transcript(t)
    TranscriptStore(home / "transcripts").save(t)
    return t


def load(home: Path, transcript_id: str) -> Transcript:
    return TranscriptStore(home / "transcripts").load(transcript_id)


async def go_history(pilot) -> HistoryScreen:
    assert isinstance(pilot.app.screen, HomeScreen)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def open_history_row(pilot, row: int) -> str:
    """On History, put the cursor on ``row`` with the arrow keys, press enter; return the row's id."""
    await settle(pilot)
    table = pilot.app.screen.query_one("#sessions", DataTable)
    assert pilot.app.screen.focused is table
    while table.cursor_row < row:
        await pilot.press("down")
    assert table.cursor_row == row
    key = table.coordinate_to_cell_key((row, 0)).row_key.value
    await pilot.press("enter")
    await settle(pilot)
    return key


async def open_from_history(pilot, transcript_id: str) -> ReviewScreen:
    await go_history(pilot)
    table = pilot.app.screen.query_one("#sessions", DataTable)
    row = table.get_row_index(transcript_id)
    assert await open_history_row(pilot, row) == transcript_id
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen) and screen.transcript.id == transcript_id
    return screen


async def run_palette(pilot, command: str) -> None:
    """Open the command palette, type a command's name and run it."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.1)
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, command)
    await pilot.pause(0.2)
    await pilot.press("enter")
    await settle(pilot)


def highlighted_turn_ids(review: ReviewScreen) -> list[str]:
    return [w.id for w in review.query(".highlight")]


def active_tab(review: ReviewScreen) -> str:
    return review.query_one("#review-tabs", TabbedContent).active


# -- Review: every criterion, every piece of evidence ---------------------------------------------


async def jump_to_evidence(pilot, review: ReviewScreen, index: int, position: int, back: tuple[str, ...]) -> None:
    """From the criterion ``index`` (focused, on the Score tab): enter its evidence, arrow down to the
    piece at ``position``, enter; check the Transcript tab shows that turn highlighted; go back with
    ``back`` and check the Score tab is as it was."""
    piece = review.transcript.score.criteria[index].evidence[position]
    criteria = review.query_one("#criteria", OptionList)
    evidence = review.query_one("#evidence", OptionList)
    log = review.query_one("#review-log")
    await pilot.press("enter", *["down"] * position, "enter")
    where = (review.transcript.score.criteria[index].key, position, piece.turn)
    assert evidence.highlighted == position, where
    assert active_tab(review) == "transcript", where
    assert highlighted_turn_ids(review) == [f"turn-{piece.turn}"], where
    target = review.query_one(f"#turn-{piece.turn}")
    for _ in range(30):  # the scroll to the turn runs once the tab is laid out
        if log.region.overlaps(target.region):
            break
        await pilot.pause(0.01)
    assert log.region.overlaps(target.region), f"turn {piece.turn} is scrolled out of sight"
    await pilot.press(*back)
    assert active_tab(review) == "score", where
    assert review.focused is criteria and criteria.highlighted == index, where
    name = review.transcript.score.criteria[index].name
    assert shown(review.query_one("#criterion-detail")).startswith(f"{name}: "), where


async def walk_criteria(pilot, review: ReviewScreen, every_piece: bool) -> int:
    """Press down through every criterion, checking what the detail and evidence panes show; jump to
    every piece of evidence (or, when not ``every_piece``, to the last piece of the longest evidence
    list, the furthest down a person can go). Returns the number of jumps."""
    report = review.transcript.score
    longest = max(range(len(report.criteria)), key=lambda i: len(report.criteria[i].evidence))
    criteria = review.query_one("#criteria", OptionList)
    evidence = review.query_one("#evidence", OptionList)
    detail = review.query_one("#criterion-detail", Static)
    assert criteria.option_count == len(report.criteria) == 8
    assert review.focused is criteria and criteria.highlighted == 0
    jumps = 0
    for index, c in enumerate(report.criteria):
        if index:
            await pilot.press("down")
        assert criteria.highlighted == index
        label = str(criteria.get_option_at_index(index).prompt)
        assert c.name in label and label.split()[0] == (str(c.score) if c.assessed else "–"), label
        heading = f"{c.name}: {c.score}/100" if c.assessed else f"{c.name}: not scored"
        assert shown(detail).startswith(heading), (index, shown(detail))
        assert c.summary in shown(detail) and c.tip in shown(detail)
        assert evidence.option_count == len(c.evidence), c.key
        for position, piece in enumerate(c.evidence):
            assert str(evidence.get_option_at_index(position).prompt).startswith(f"#{piece.turn} "), (c.key, position)
        positions = range(len(c.evidence)) if every_piece else range(len(c.evidence))[-1:] if index == longest else []
        for position in positions:
            # back to the score tab with ctrl+n all the way round the first time, with 1 after that
            back = ("ctrl+n",) * 4 if jumps == 0 else ("1",)
            await jump_to_evidence(pilot, review, index, position, back)
            jumps += 1
    return jumps


@pytest.mark.parametrize("name", ["sam", "strong"])
async def test_review_walks_every_criterion_and_jumps_to_every_piece_of_evidence(home, name):
    t = save_finished(home, name, 22)
    report = t.score
    # both hold the case that once crashed: a criterion with two pieces of evidence from one turn
    assert any(len({e.turn for e in c.evidence}) < len(c.evidence) for c in report.criteria)
    if name == "sam":
        assert t.user_turns()[0].text == SAM_FIRST and t.user_turns()[-1].text == SAM_LAST
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_from_history(pilot, t.id)
        # every criterion and every evidence line is read in both; a jump from every piece in one (sam's:
        # the jumps are what take the time), from the furthest piece down in the other
        every = name == "sam"
        jumps = await walk_criteria(pilot, review, every_piece=every)
        assert jumps == (sum(len(c.evidence) for c in report.criteria) if every else 1)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    app.saver.flush()
    on_disk = load(home, t.id)  # looking changes nothing but the thank-you draft it wrote
    assert on_disk.turns == t.turns and on_disk.score == t.score and on_disk.status == "finished"
    assert on_disk.reflection == {} and on_disk.thank_you_draft.startswith(f"Hi {t.persona.first_name},")


async def test_review_walks_every_criterion_of_the_other_golden_sessions(home):
    """The rest of the golden sessions, one after the other from History: every criterion and its
    evidence list, and a jump from the end of the longest list (evidence is not always in turn order)."""
    sessions = [save_finished(home, name, day)
                for day, name in ((23, "closed_and_googleable"), (24, "job_asker"), (25, "over_runner"))]
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for t in sessions:
            review = await open_from_history(pilot, t.id)
            assert t.score.headline in shown(review.query_one("#headline"))
            jumps = await walk_criteria(pilot, review, every_piece=False)
            assert jumps == 1
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)


# -- Review: every tab, by ctrl+n and by digit; every text box saved --------------------------------


async def test_review_visits_every_tab_and_saves_what_is_typed_in_each_box(home):
    t = save_finished(home, "sam", 22)
    first = t.persona.first_name
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_from_history(pilot, t.id)
        tabs = review.query_one("#review-tabs", TabbedContent)

        async def expect(tab: str, focused_id: str, visible: str) -> None:
            await pilot.pause()
            assert tabs.active == tab
            assert review.focused is not None and review.focused.id == focused_id, (tab, review.focused)
            assert visible in screen_text(app), (tab, visible)

        await expect("score", "criteria", t.score.criteria[0].name)
        # ctrl+n goes round all five and back to the start
        await pilot.press("ctrl+n")
        await expect("transcript", "review-log", t.turns[0].text[:30])
        await pilot.press("ctrl+n")
        await expect("reflection", "reflect-fit", REFLECTION_QUESTIONS["fit"])
        await pilot.press("ctrl+n")
        await expect("thanks", "thank-you", "24–48 hours")
        await pilot.press("ctrl+n")
        await expect("their-side", "moments", f"{first}'s side of the coffee")
        await pilot.press("ctrl+n")
        await expect("score", "criteria", t.score.headline[:30])
        # the digits, from outside a text box
        await pilot.press("2")
        await expect("transcript", "review-log", t.turns[0].text[:30])
        await pilot.press("1")
        await expect("score", "criteria", t.score.headline[:30])
        await pilot.press("4")
        await expect("thanks", "thank-you", f"Hi {first},")
        await pilot.press("ctrl+n")
        await pilot.press("5")
        await expect("their-side", "moments", "Another meeting:")
        await pilot.press("2")
        await pilot.press("3")
        await expect("reflection", "reflect-fit", REFLECTION_QUESTIONS["employer"])
        # inside a text box a digit is text, not a tab switch
        typed = {"fit": "1 yes", "employer": "2 clients", "prepare": "3 cases", "next_steps": "4 email Ana"}
        assert list(typed) == list(REFLECTION_QUESTIONS)
        for key in REFLECTION_QUESTIONS:
            assert review.focused.id == f"reflect-{key}"
            await type_text(pilot, typed[key])
            assert tabs.active == "reflection"
            assert review.query_one(f"#reflect-{key}", TextArea).text == typed[key]
            await pilot.press("tab")
        # tab goes round the text boxes only, so nothing typed is lost on the way
        assert review.focused.id == "reflect-fit"
        # the thank-you note: add a line at its end
        await pilot.press("ctrl+n")
        await expect("thanks", "thank-you", f"Hi {first},")
        note = review.query_one("#thank-you", TextArea)
        draft = note.text
        await pilot.press("pagedown", "pagedown", "pagedown", "end")
        assert note.cursor_location == note.document.end
        await pilot.press("enter")
        await type_text(pilot, "PS 2 tips")
        assert note.text == draft + "\nPS 2 tips"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    app.saver.flush()
    on_disk = load(home, t.id)
    assert on_disk.reflection == typed
    assert on_disk.thank_you_draft == draft + "\nPS 2 tips"
    assert on_disk.status == "finished" and on_disk.score == t.score


@pytest.mark.parametrize("name", ["sam", "strong", "closed_and_googleable", "job_asker", "over_runner"])
async def test_their_side_shows_the_impression_and_every_moment_jumps_to_its_turn(home, name):
    t = save_finished(home, name, 22)
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        review = await open_from_history(pilot, t.id)
        await pilot.press("5")
        await pilot.pause()
        side = review.transcript.their_side
        assert active_tab(review) == "their-side" and side is not None
        text = shown(review.query_one("#their-side-text"))
        assert side.impression[:60] in " ".join(text.split())
        assert ("Another meeting: yes" if side.another_meeting else "Another meeting: no") in text
        moments = review.query_one("#moments", OptionList)
        assert moments.option_count == len(side.moments())
        for position, m in enumerate(side.moments()):
            assert review.focused is moments
            await pilot.press(*["down"] * position, "enter")
            assert active_tab(review) == "transcript", (position, m.turn)
            assert highlighted_turn_ids(review) == [f"turn-{m.turn}"]
            assert review.transcript.turns[m.turn - 1].speaker == "user"
            await pilot.press("5")
            await pilot.pause()
            await pilot.press("home")
        await pilot.press("escape")
        await settle(pilot)
    app.saver.flush()
    assert load(home, t.id).their_side is None or load(home, t.id).their_side == side  # viewing writes at most the draft


# -- Home: every persona, every recent session -----------------------------------------------------


async def test_home_opens_prepare_for_every_persona_in_turn(home):
    app = walk_app(home)
    ids = app.library.ids()
    assert len(ids) == 11
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#personas", DataTable)
        assert table.row_count == 11 and app.screen.focused is table
        for row, persona_id in enumerate(ids):
            if row:
                await pilot.press("down")
            assert table.cursor_row == row
            assert table.coordinate_to_cell_key((row, 0)).row_key.value == persona_id
            persona = app.library.get(persona_id).persona
            await pilot.press("enter")
            await pilot.pause()
            prepare = app.screen
            assert isinstance(prepare, PrepareScreen) and prepare.persona.id == persona_id
            assert persona.name in shown(prepare.query_one("#persona-card"))
            assert persona.name in screen_text(app)
            assert prepare.query_one("#minutes", Input).value == str(persona.manner.default_minutes)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # back where it was: the cursor stays on the persona just looked at
            assert app.screen.focused is table and table.cursor_row == row
        await pilot.press("down")
        assert table.cursor_row == 10  # the last row stays the last


async def test_home_opens_every_recent_session_and_comes_back(home):
    seed_history(home)
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        recent = app.screen.query_one("#recent", DataTable)
        assert recent.row_count == 4
        # the unfinished one resumes the interview
        await open_recent(pilot, 0)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.session.transcript.id == UNFINISHED
        assert "Priya Raman" in shown(app.screen.query_one("#who"))
        await run_palette(pilot, "Home")
        assert isinstance(app.screen, HomeScreen)
        # every finished one opens its review
        for row, transcript_id in SEEDED_FINISHED.items():
            await open_recent(pilot, row)
            review = app.screen
            assert isinstance(review, ReviewScreen), row
            assert review.transcript.id == transcript_id
            assert review.query_one("#criteria", OptionList).option_count == 8
            assert review.transcript.score.headline[:30] in screen_text(app)
            await pilot.press("escape")
            await settle(pilot)
            assert isinstance(app.screen, HomeScreen)
            assert app.screen.query_one("#recent", DataTable).row_count == 4


# -- History: every row -----------------------------------------------------------------------------


async def test_history_opens_every_session(home):
    seed_history(home)
    expected = [UNFINISHED, *SEEDED_FINISHED.values()]
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for row, transcript_id in enumerate(expected):
            history = await go_history(pilot)
            table = history.query_one("#sessions", DataTable)
            assert table.row_count == len(expected)
            newest = str(score_transcript(golden.strong()).overall)  # the newest scored session
            assert shown(history.query_one("#recent-overall")).split()[-1] == newest
            assert await open_history_row(pilot, row) == transcript_id
            screen = app.screen
            if transcript_id == UNFINISHED:
                assert isinstance(screen, InterviewScreen) and screen.session.transcript.id == transcript_id
                await run_palette(pilot, "Home")
            else:
                assert isinstance(screen, ReviewScreen) and screen.transcript.id == transcript_id
                assert screen.transcript.persona.name in screen.sub_title
                await pilot.press("escape")
                await settle(pilot)
            assert isinstance(app.screen, HomeScreen)


# -- Interview: the unfinished seeded session, to its review -----------------------------------------


async def test_interview_resumes_asks_a_prepared_question_and_ends_in_the_review(home):
    seed_history(home)
    app = walk_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await open_recent(pilot, 0)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert "OFFLINE" in shown(screen.query_one("#engine"))
        side = screen.query_one("#side")
        prepared = screen.query_one("#prepared", Static)
        assert side.display  # wide enough: beside the chat
        assert "✓ What does a typical week look like for you?" in shown(prepared)
        assert "· What advice would you give me?" in shown(prepared)
        assert "✓ 1/2 prepared" in shown(screen.query_one("#qcount"))
        assert "Prepared questions" in screen_text(app) and "· What advice would you give" in screen_text(app)
        await pilot.press("ctrl+t")
        assert not side.display
        assert "Prepared questions" not in screen_text(app) and "What advice" not in screen_text(app)
        await pilot.press("ctrl+t")
        assert side.display and "· What advice would you give" in screen_text(app)
        # ask the other prepared question, typing it as a person would
        ask = screen.query_one("#ask", Input)
        assert screen.focused is ask
        await type_text(pilot, "What advice would you give me?")
        await pilot.pause(0.2)
        assert shown(screen.query_one("#lint")).startswith("open")
        await pilot.press("enter")
        await settle(pilot, 0.1)
        turns = screen.session.transcript.turns
        assert len(turns) == 12 and turns[-1].speaker == "persona" and turns[-1].text
        assert turns[-2].text == "What advice would you give me?"
        assert ask.value == ""
        assert "What advice would you give me?" in shown(screen.query_one("#turn-11"))
        assert screen.query(".persona").last().markdown.source == turns[-1].text  # the reply, shown in full
        assert "✓ What advice would you give me?" in shown(prepared)
        assert "✓ What advice would you give" in screen_text(app)
        assert "✓ 2/2 prepared" in shown(screen.query_one("#qcount"))
        # end it
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmEnd)
        await pilot.press("enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.transcript.id == UNFINISHED
        assert review.query_one("#criteria", OptionList).option_count == 8
        assert len(review.query("#review-log .message")) == 12
    app.saver.flush()
    on_disk = load(home, UNFINISHED)
    assert on_disk.status == "finished" and on_disk.score is not None and len(on_disk.turns) == 12


# -- the command palette on every screen ---------------------------------------------------------------


async def test_the_command_palette_opens_and_closes_on_every_screen(home):
    seed_history(home)
    app = walk_app(home)
    visited: list[str] = []

    async def palette_round_trip(pilot, kind: type) -> None:
        screen = app.screen
        assert isinstance(screen, kind)
        focused = screen.focused
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).has_focus  # ready to type a command
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.focused is focused
        visited.append(kind.__name__)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await palette_round_trip(pilot, HomeScreen)
        await pilot.press("enter")  # the first persona
        await pilot.pause()
        await palette_round_trip(pilot, PrepareScreen)
        await pilot.press("escape")
        await pilot.pause()
        await go_history(pilot)
        await palette_round_trip(pilot, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        await open_recent(pilot, 1)
        await palette_round_trip(pilot, ReviewScreen)
        await pilot.press("3")  # with the focus in a reflection box, too
        assert app.screen.focused.id == "reflect-fit"
        await palette_round_trip(pilot, ReviewScreen)
        assert app.screen.query_one("#reflect-fit", TextArea).text == ""  # nothing typed by the way in or out
        await pilot.press("escape")
        await settle(pilot)
        await open_recent(pilot, 0)
        await palette_round_trip(pilot, InterviewScreen)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await palette_round_trip(pilot, ConfirmEnd)
        await pilot.press("escape")  # keep talking
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert len(app.screen.session.transcript.turns) == 10 and app.screen.session.transcript.status != "finished"
    assert visited == ["HomeScreen", "PrepareScreen", "HistoryScreen", "ReviewScreen", "ReviewScreen",
                       "InterviewScreen", "ConfirmEnd"]
