"""The app, driven as a person would with Textual's pilot."""

from __future__ import annotations


import httpx
import respx
from textual.widgets import DataTable, Input, Markdown, OptionList, TabbedContent, TextArea

from coffeechat.engines.openai_compat import OpenAICompatEngine, RetryPolicy
from coffeechat.store.config import Settings
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.tui.screens.history import HistoryScreen
from coffeechat.tui.screens.home import HomeScreen
from coffeechat.tui.screens.interview import InterviewScreen
from coffeechat.tui.screens.prepare import PrepareScreen
from coffeechat.tui.screens.review import ReviewScreen
from coffeechat.tui.trend import TrendBars

from fake_openai import sse_body
from tui_helpers import ScriptedEngine, make_app, open_recent, screen_text, seed_history, type_text


async def ask(pilot, text: str) -> None:
    pilot.app.screen.query_one("#ask", Input).value = text
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def saved(home):
    pilot_store = TranscriptStore(home / "transcripts")
    transcripts, problems = pilot_store.load_all()
    assert not problems
    return transcripts


async def test_a_whole_interview_with_the_offline_engine(home):
    app = make_app(home)
    async with app.run_test(size=(100, 34)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        # pick: filter the personas and open one
        await pilot.press("slash")
        await type_text(pilot, "nurse")
        table = app.screen.query_one("#personas", DataTable)
        assert table.row_count == 1
        await pilot.press("down")  # from the filter to what it left, as from a search box
        assert app.focused is table
        await pilot.press("slash", "enter")  # one Enter in the filter opens the match
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen) and app.screen.persona.id == "registered-nurse"
        # prepare: goal, minutes, questions linted live
        app.screen.query_one("#goal", Input).value = "Decide whether critical care is for me"
        questions = app.screen.query_one("#questions", TextArea)
        questions.text = "What does a typical night shift look like for you?\nDo you like your job?\nAre you hiring?"
        await pilot.pause(0.3)
        shown = screen_text(app).replace(" ", "")
        assert "✓1.open" in shown and "!2.closed" in shown and "!3.jobrequest" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert "OFFLINE" in str(app.screen.query_one("#engine").render())
        # ask, stream, the reply lands in the log
        await ask(pilot, "Hi Grace, I'm a nursing student exploring critical care. Thanks for your time!")
        await ask(pilot, "What does a typical night shift look like for you?")
        session = app.screen.session
        assert session.transcript.turns[-1].speaker == "persona"
        reply = session.transcript.turns[-1].text
        nurse = session.persona
        said = [x[:50] for x in nurse.topic("typical_day") + [s.text for s in nurse.stories_on("typical_day")] if x[:50] in reply]
        assert said, f"the answer to a typical-night question is not about her nights: {reply[:200]}"
        assert len(reply.split()) >= 100, "an open question gets a full answer"
        assert "✓ 1/3 prepared" in str(app.screen.query_one("#qcount").render())
        # cancel: a slow reply stopped with Esc keeps its part, marked
        app.screen.session.engine.delay = 0.05
        app.screen.query_one("#ask", Input).value = "How did you end up in the ICU?"
        await pilot.press("enter")
        for _ in range(100):  # until the reply has started streaming
            await pilot.pause(0.02)
            live = app.screen.query(".persona").last()
            if app.screen.streaming and live.markdown.source:
                break
        assert app.screen.streaming
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        cut = session.transcript.turns[-1]
        assert cut.status == "cut_off" and 0 < len(cut.text) < 300
        app.screen.session.engine.delay = 0
        await ask(pilot, "Is there anyone else you'd suggest I talk to?")
        await ask(pilot, "Thank you so much, this was really helpful!")
        # end: confirm, then the review
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen
        assert review.transcript.status == "finished" and review.transcript.score is not None
        assert review.query_one("#criteria", OptionList).option_count == 8
        # evidence jumps to its turn
        await pilot.press("enter")  # from criteria to its evidence
        await pilot.press("enter")  # jump
        await pilot.pause(0.2)
        assert review.query_one("#review-tabs", TabbedContent).active == "transcript"
        assert len(review.query(".highlight")) == 1
        # reflection, saved
        review.query_one("#review-tabs", TabbedContent).active = "reflection"
        await pilot.pause()
        review.query_one("#reflect-fit", TextArea).text = "Yes, if I can handle nights."
        await pilot.pause(0.6)
        app.saver.flush()
        (t,) = saved(home)
        assert t.reflection["fit"] == "Yes, if I can handle nights."
        assert t.status == "finished" and t.score is not None
        assert "Grace" in t.thank_you_draft and "Hi Grace" in t.thank_you_draft
        # history shows it
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        sessions = app.screen.query_one("#sessions", DataTable)
        assert sessions.row_count == 1
        assert app.screen.query_one("#trend-overall", TrendBars).values == (float(t.score.overall),)


async def test_an_interview_with_a_mocked_streaming_server_and_a_retry_after_an_error(home):
    settings = Settings(api_key="sk-tui-test-000000", base_url="https://llm.test/v1", model="gpt-4o-mini")

    def engine():
        return OpenAICompatEngine(settings, retry=RetryPolicy(attempts=2, max_seconds=5, initial_delay=0, max_delay=0))

    app = make_app(home, start_persona="data-scientist", engine_factory=engine)
    with respx.mock(base_url="https://llm.test/v1") as mock:
        route = mock.post("/chat/completions")
        route.side_effect = [
            httpx.Response(200, headers={"content-type": "text/event-stream"},
                           content=sse_body("Most of my time goes into **getting the data right**.")),
            httpx.Response(500, json={"error": {"message": "overloaded"}}),
            httpx.Response(500, json={"error": {"message": "overloaded"}}),
            httpx.Response(200, headers={"content-type": "text/event-stream"},
                           content=sse_body("I left the PhD after three years.")),
        ]
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, PrepareScreen)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, InterviewScreen)
            assert "gpt-4o-mini" in str(app.screen.query_one("#engine").render())
            await ask(pilot, "What does a typical week look like for you?")
            session = app.screen.session
            assert session.transcript.turns[-1].text == "Most of my time goes into **getting the data right**."
            await ask(pilot, "How did you get into data science?")
            assert session.transcript.awaiting_reply
            assert session.transcript.turns[-1].text == "How did you get into data science?"
            assert any("kept failing" in n.message for n in app._notifications)
            await pilot.press("ctrl+r")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert session.transcript.turns[-1].text == "I left the PhD after three years."
            assert route.call_count == 4


async def test_markup_like_replies_show_literally_and_never_crash(home):
    reply = "Use [/] to close. [bold red]x and [link=http://x]y[/link] and [@click=app.quit]bye[/] and **bold**."
    app = make_app(home, start_persona="software-engineer", engine_factory=lambda: ScriptedEngine([reply]))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await ask(pilot, "What is [/] in your [bold]world[/bold]?")
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        markdown = screen.query(Markdown).last()
        assert markdown.source == reply
        shown = screen_text(app)
        assert "Use [/] to close." in shown and "[bold red]x" in shown and "[@click=app.quit]bye[/]" in shown
        assert "**bold**" not in shown and "bold." in shown  # Markdown is rendered as Markdown
        assert "[bold]world[/bold]" in shown
        assert app.is_running


async def test_home_lists_recent_sessions_and_resumes_an_unfinished_one(home):
    seed_history(home)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#recent", DataTable).row_count == 4
        await open_recent(pilot, 0)  # newest first: the unfinished one (21 November)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.session.transcript.id == "20261121-100000-software-engineer"
        assert len(app.screen.query(".message")) == 10


async def test_the_command_palette_offers_the_main_actions(home):
    app = make_app(home, start_persona="software-engineer")
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Home", "History", "End interview", "Stop reply", "Ask again", "Rehearse with Priya Raman"):
            assert title in titles


async def test_an_unknown_start_persona_is_a_notice_not_a_crash(home):
    app = make_app(home, start_persona="astronaut")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("no persona 'astronaut'" in n.message for n in app._notifications)


async def test_review_tabs_by_key_thank_you_draft_and_markdown_export(home):
    seed_history(home)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 1)  # the strong, finished interview of 20 November
        assert isinstance(app.screen, ReviewScreen)
        tabs = app.screen.query_one("#review-tabs", TabbedContent)
        await pilot.press("2")
        assert tabs.active == "transcript"
        await pilot.press("3")
        assert tabs.active == "reflection"
        await pilot.press("ctrl+n")  # digits now type into the reflection; ctrl+n still moves on
        assert tabs.active == "thanks"
        draft = app.screen.query_one("#thank-you", TextArea).text
        assert draft.startswith("Hi Priya,") and "Marcus Bell" in draft and '"' in draft
        assert "24–48 hours" in screen_text(app)
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        export = home / "exports" / "20261120-100000-software-engineer.md"
        assert export.read_text(encoding="utf-8").startswith("# Coffee chat with Priya Raman")


async def test_viewing_an_old_session_leaves_its_file_as_it_was(home):
    seed_history(home)
    path = home / "transcripts" / "20261120-100000-software-engineer.json"
    # the seeded file already has its score; give it a thank-you draft too, so nothing is missing
    from coffeechat.store.transcripts import TranscriptStore as Store

    store = Store(home / "transcripts")
    t = store.load("20261120-100000-software-engineer")
    t.thank_you_draft = "Hi Priya, thank you."
    store.save(t)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_recent(pilot, 1)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
    app.saver.flush()
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


async def test_the_outreach_message_drafted_in_prepare_is_kept_with_the_transcript(home):
    app = make_app(home, start_persona="software-engineer")
    message = "Hi Priya, I'm Sam, a CS junior at Pitt. Could I have 20 minutes of your time, any day next week?"
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        app.screen.query_one("#outreach", TextArea).text = message
        await pilot.press("ctrl+s")
        await pilot.pause()
        await ask(pilot, "What does a typical week look like for you?")
        transcript = app.screen.session.transcript
        assert transcript.settings.outreach == message
    app.saver.flush()
    stored = TranscriptStore(home / "transcripts").load(transcript.id)
    assert stored.settings.outreach == message
    from coffeechat.core.export import to_markdown

    assert f"## Outreach message\n\n{message}" in to_markdown(stored)


async def test_the_meeting_opens_with_their_greeting_and_ends_when_a_strict_professional_leaves(home):
    """The log is never blank: the greeting is on screen with a hint to introduce yourself. When a
    strict professional has to go, the app says so and offers the review; a new message is not
    answered again, and leaving without a word saves nothing."""
    app = make_app(home, start_persona="management-consultant")
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#minutes", Input).value = "4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        shown = screen_text(app)
        greeting = app.screen.session.persona.lines.say("greeting", 4)
        assert greeting[:40] in " ".join(shown.split()) and "Hi, Daniel" not in shown
        assert "four minutes" in greeting
        assert "Introduce yourself" in shown
        lines = ["Hi Daniel, I'm Sam, a junior studying economics, and I'm curious how consultants spend their weeks.",
                 "How did you get into consulting?", "What does a typical week look like?",
                 "What's the hardest part of the job?", "What skills matter most?", "How is the field changing?",
                 "What advice would you give me?", "What's the culture like?", "Why did you pick your firm?"]
        assert "I'm" in app.screen.query_one("#ask", Input).placeholder
        for line in lines:
            await ask(pilot, line)
            if line == lines[0]:
                assert app.screen.query_one("#ask", Input).placeholder.startswith("Ask a question")
            if app.screen.__class__.__name__ == "TheyLeft":
                break
        assert app.screen.__class__.__name__ == "TheyLeft", "a strict professional stayed far past the time"
        assert "Daniel had to leave" in screen_text(app)
        await pilot.press("escape")  # stay and read the conversation
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        interview = app.screen
        turns = len(interview.session.transcript.turns)
        await ask(pilot, "Wait, one more question?")
        assert len(interview.session.transcript.turns) == turns, "a message after they left was answered"
        assert app.screen.__class__.__name__ == "TheyLeft"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    (t,) = saved(home)
    assert t.persona_id == "management-consultant" and t.user_turns()[0].text == lines[0]

    app = make_app(home, start_persona="software-engineer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("ctrl+q")
    assert len(saved(home)) == 1, "an interview left before a word was said was saved"


async def test_a_model_is_picked_from_what_the_server_offers_for_the_next_interview(home, fake_server):
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp
    from coffeechat.tui.screens.models import ModelPicker

    fake_server.models = ["llama3.2", "qwen2.5:7b", "\x1b[31mred\x1b[0m"]
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": fake_server.base_url, "model": "llama3.2"}, env={}),
                        start_persona="software-engineer")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.choose_model()
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, ModelPicker):
                break
        assert isinstance(app.screen, ModelPicker)
        await pilot.pause()
        options = app.screen.query_one("#models", OptionList)
        listed = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert listed == ["llama3.2  ✓", "qwen2.5:7b", "red"]  # the escapes were cleaned out
        assert options.highlighted == 0
        await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert app.model_in_use() == "qwen2.5:7b"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen) and app.screen.session.engine.info.model == "qwen2.5:7b"
        await ask(pilot, "What does a typical week look like for you?")
    assert fake_server.requests[-1]["model"] == "qwen2.5:7b"


async def test_under_each_reply_the_app_says_how_it_ended(home, fake_server):
    """Cut at its budget, stopped with Esc, and asked again into an error with nothing said: the
    line under each reply follows its record, and a reply that brought nothing is not left on screen."""
    from fake_openai import Reply

    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp
    from coffeechat.tui.screens.interview import CUT_FOR_LENGTH, STATUS_NOTES

    fake_server.queue(Reply(text="Mondays are planning. Then I review code and then I", finish_reason="length"),
                      Reply(text="word " * 300, chunk_delay=0.01), Reply(status=400))
    app = CoffeechatApp(load_settings({"home": str(home), "base_url": fake_server.base_url, "model": "llama3.2"}, env={}),
                        start_persona="software-engineer")

    def endings() -> list[str]:
        return [str(m.query_one(".status").render()) for m in app.screen.query(".persona")]

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await ask(pilot, "What does a typical week look like for you?")
        assert app.screen.session.transcript.turns[-1].text == "Mondays are planning."
        assert endings()[-1] == CUT_FOR_LENGTH
        app.screen.query_one("#ask", Input).value = "How did you get into engineering?"
        await pilot.press("enter")
        for _ in range(200):
            await pilot.pause(0.02)
            if "word" in app.screen.query(".persona").last().markdown.source:
                break
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert endings()[-1] == STATUS_NOTES["cut_off"]
        replies = len(app.screen.query(".persona"))
        await pilot.press("ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.screen.query(".persona")) == replies  # the failed ask left no empty reply
        assert endings()[-2:] == [CUT_FOR_LENGTH, STATUS_NOTES["cut_off"]]


async def test_two_personas_with_one_name_are_told_apart_on_home(home):
    """A second draft of the same person: each row says its id, and the filter finds them by it."""
    from pathlib import Path

    builtin = (Path(__file__).parent.parent / "personas" / "software-engineer.toml").read_text(encoding="utf-8")
    (home / "personas").mkdir(parents=True, exist_ok=True)
    for persona_id in ("priya", "priya-2"):
        (home / "personas" / f"{persona_id}.toml").write_text(builtin, encoding="utf-8")
    app = make_app(home)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#personas", DataTable)
        names = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert {"Priya Raman (yours · priya)", "Priya Raman (yours · priya-2)", "Priya Raman (software-engineer)"} <= names
        await pilot.press("slash")
        await type_text(pilot, "priya-2")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen) and app.screen.persona.id == "priya-2"


async def test_stop_and_ask_again_are_offered_only_when_they_can_be_done(home):
    app = make_app(home, start_persona="software-engineer", offline_delay=0.03)

    def enabled(key: str) -> bool:
        return bool(app.screen.active_bindings[key].enabled)

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert not enabled("escape") and not enabled("ctrl+r")  # the greeting is done: nothing to stop or ask again
        app.screen.query_one("#ask", Input).value = "What does a typical week look like for you?"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.screen.streaming and enabled("escape") and not enabled("ctrl+r")
        await pilot.press("escape")
        for _ in range(100):
            if not app.screen.streaming:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.1)
        assert not enabled("escape") and enabled("ctrl+r")  # stopped: it can be asked again
