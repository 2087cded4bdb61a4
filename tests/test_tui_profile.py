"""In the app: a persona from a pasted profile (offline and by a model), and their side of the
coffee asked of the model when a chat with one ends."""

from __future__ import annotations

import json

from fake_openai import Reply
from textual.widgets import Button, Input, OptionList, Static, TextArea

from coffeechat.store.config import load_settings
from coffeechat.store.personas import load_persona_file
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.app import CoffeechatApp
from coffeechat.tui.screens.from_profile import FromProfileScreen, suggest_id
from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.interview import InterviewScreen
from coffeechat.tui.screens.prepare import PrepareScreen
from coffeechat.tui.screens.review import ReviewScreen
from test_profile_persona_model import PROFILE, drafted
from tui_helpers import make_app, screen_text, type_text


async def wait_for(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            await pilot.pause()  # and the screen it waited for is composed
            return
        await pilot.pause(0.02)
    assert condition()


async def open_from_profile(pilot, app) -> FromProfileScreen:
    """From Home, the screen for a new persona from a profile, composed."""
    await pilot.pause()
    app.action_new_from_profile()
    await wait_for(pilot, lambda: isinstance(app.screen, FromProfileScreen))
    return app.screen


def paste(screen, text: str) -> None:
    screen.query_one("#profile-text", TextArea).text = text


def shown(widget: Static) -> str:
    return str(widget.render())


def test_an_id_is_made_from_a_name_in_any_spelling():
    assert suggest_id("José Ortiz-Lee") == "jose-ortiz-lee"
    assert suggest_id("Dr. Anna  O'Brien") == "dr-anna-o-brien"
    assert suggest_id("山田 太郎") == ""


async def test_n_on_home_opens_the_screen_and_a_paste_becomes_a_persona_opened_in_prepare(home):
    app = make_app(home)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, FromProfileScreen))
        screen = app.screen
        assert "Offline" in shown(screen.query_one("#draft-engine"))
        assert screen.focused is screen.query_one("#profile-text")
        paste(screen, PROFILE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PrepareScreen))
        assert app.screen.persona.name == "Jordan Lee"
        assert "Jordan Lee" in screen_text(app)
    persona = load_persona_file(home / "personas" / "jordan-lee.toml")
    assert persona.employer.name == "Brightline Robotics"
    assert "jordan-lee" in app.library.ids()


async def test_a_profile_with_no_name_asks_for_an_id_and_keeps_the_text(home):
    app = make_app(home)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_from_profile(pilot, app)
        text = "Senior data analyst at a regional hospital network. Loves SQL and dashboards."
        paste(screen, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Give the persona an id" in shown(screen.query_one("#draft-status"))
        assert screen.focused is screen.query_one("#new-id", Input)
        await type_text(pilot, "my-analyst")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PrepareScreen))
    assert load_persona_file(home / "personas" / "my-analyst.toml").role


async def test_an_id_that_is_taken_is_said_on_the_screen_and_nothing_is_lost(home):
    app = make_app(home)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_from_profile(pilot, app)
        paste(screen, PROFILE)
        screen.query_one("#new-id", Input).value = "software-engineer"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "built-in persona" in shown(screen.query_one("#draft-status")))
        assert isinstance(app.screen, FromProfileScreen)
        assert screen.query_one("#profile-text", TextArea).text == PROFILE
        assert not screen.query_one("#create", Button).disabled
    assert not (home / "personas" / "software-engineer.toml").exists()


async def test_with_a_model_the_draft_is_the_models_and_shows_its_progress(home, fake_server, monkeypatch):
    said: list[str] = []
    status = FromProfileScreen._status
    monkeypatch.setattr(FromProfileScreen, "_status", lambda self, text, style="": (said.append(text), status(self, text, style)))
    fake_server.queue(Reply(text=json.dumps(drafted()), chunk_delay=0.0005))
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": fake_server.base_url, "model": "llama3.2"}, env={}))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_from_profile(pilot, app)
        assert "Drafted by llama3.2" in shown(screen.query_one("#draft-engine"))
        paste(screen, PROFILE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, PrepareScreen)
                       or "characters" in shown(screen.query_one("#draft-status")))
        await wait_for(pilot, lambda: isinstance(app.screen, PrepareScreen), tries=1000)
    assert fake_server.requests[0]["response_format"]["type"] == "json_schema"
    assert said[0] == "Drafting…" and any(line.startswith("Drafting… ") and line.endswith(" characters") for line in said)
    text = (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")
    assert "invented by the model" in text


async def test_a_chat_with_a_model_gets_its_side_from_the_model_in_review(home, fake_server):
    side = {"another_meeting": True, "introduce": True, "colleague": "Marcus Bell",
            "impression": "A thoughtful visitor who listened. I'd happily meet again and introduce them to Marcus.",
            "stood_out": [{"turn": 2, "quote": "x", "note": "Asked about my real week."}], "put_off": []}
    fake_server.queue(Reply(text="Glad to meet you."), Reply(text=json.dumps(side), chunk_delay=0.01))
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": fake_server.base_url, "model": "llama3.2"}, env={}),
                        start_persona="software-engineer")
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))
        ask = app.screen.query_one("#ask", Input)
        ask.value = "What does a typical week look like for you?"
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.screen.session.transcript.turns) >= 3, tries=500)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("enter")  # yes, end it
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        review = app.screen
        await pilot.press("5")
        await wait_for(pilot, lambda: review.transcript.their_side is not None, tries=500)
        await pilot.pause()
        text = shown(review.query_one("#their-side-text"))
        assert "A thoughtful visitor" in text and "Written in character by the model" in text
        moments = review.query_one("#moments", OptionList)
        assert moments.option_count == 1 and review.focused is not None
    app.saver.flush()
    [t], _ = TranscriptStore(home / "transcripts").load_all()
    assert t.their_side.source == "model" and t.their_side.colleague == "Marcus Bell"
    assert fake_server.requests[-1]["response_format"]["json_schema"]["name"] == "their_side"


async def test_a_bad_or_taken_id_is_said_in_full_in_sight_before_any_drafting(home):
    """At 100×30 the status line sits below the fold; its words are the app's (no --force here)."""
    (home / "personas").mkdir(parents=True, exist_ok=True)
    (home / "personas" / "jordan-lee.toml").write_text("# not touched\n", encoding="utf-8")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_profile(pilot, app)
        paste(screen, PROFILE)
        for typed, expected in (("Jordan Lee", "use lowercase letters, digits and hyphens, like 'data-scientist'; try 'jordan-lee'"),
                                ("jordan-lee", "pick another id, or edit that file")):
            screen.query_one("#new-id", Input).value = typed
            await pilot.press("ctrl+s")
            await pilot.pause(0.1)
            status = screen.query_one("#draft-status", Static)
            said = shown(status)
            assert expected in said and "--force" not in said and said.rstrip().endswith((".", "'", "file"))
            assert status.region.bottom <= screen.region.bottom and status.region.y >= 0  # on screen, not cut off
            assert f"{expected.split()[0]}" in screen_text(app)
            assert app.focused is screen.query_one("#new-id", Input)
        assert (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8") == "# not touched\n"
        assert isinstance(app.screen, FromProfileScreen)


async def test_a_key_that_cannot_be_sent_is_one_line_on_the_screen_and_the_paste_is_kept(home, fake_server):
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": fake_server.base_url, "model": "llama3.2"},
                                      env={"OPENAI_API_KEY": "sk-caf\u00e9key123"}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_from_profile(pilot, app)
        paste(screen, PROFILE)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "cannot be sent" in shown(screen.query_one("#draft-status", Static)))
        assert app.is_running and isinstance(app.screen, FromProfileScreen)
        assert screen.query_one("#profile-text", TextArea).text == PROFILE
        assert "caf\u00e9key" not in screen_text(app)
    assert not fake_server.requests
