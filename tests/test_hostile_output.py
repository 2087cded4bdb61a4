"""Model and server text is data: escapes, split surrogates, endless idle streams and echoed secrets
never reach the terminal, the transcript or an export, on every path (headless, replayed, the app)."""

from __future__ import annotations

import base64
import json
import time

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import Input

from coffeechat.store.transcripts import TranscriptStore

from fake_openai import Reply

KEY = "sk-hostile-test-0123456789abcdef"
CONTROL = [chr(c) for c in range(32) if chr(c) not in "\n"] + ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
ATTACK = ["Hello ", "\x1b]52;c;ZWNob", "yBwd25lZA==\x07there", "\x1b]2;owned\x07", "\x1b[2J, friend.\x9b31m"]


@pytest.fixture
def setup(home, tmp_path, monkeypatch, fake_server):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    (home / "config.toml").write_text(f'base_url = "{fake_server.base_url}"\nmodel = "fake-model"\nrequest_timeout = 0.5\n')
    script = tmp_path / "script.txt"
    script.write_text("What does a typical week look like for you?\nWhat advice would you give me?\n")
    return fake_server, script


def rehearse(cli, script):
    return cli("rehearse", "--persona", "data-scientist", "--script", str(script))


def only_transcript(home):
    (t,), problems = TranscriptStore(home / "transcripts").load_all()
    assert not problems
    return t


def assert_clean(text: str, where: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in CONTROL and c != "\t"})
    assert not found, f"control characters in {where}: {found}"


def written_files(home) -> str:
    """Everything coffeechat wrote (the user's own config file aside)."""
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in home.rglob("*")
                   if p.is_file() and p.name != "config.toml")


def test_escapes_in_a_reply_never_reach_the_terminal_the_transcript_or_the_exports(home, cli, setup, tmp_path):
    server, script = setup
    server.queue(Reply(chunks=ATTACK))
    result = rehearse(cli, script)
    assert result.code == 0, result.err
    assert "Hello there, friend." in result.out
    assert_clean(result.out + result.err, "rehearse output")
    t = only_transcript(home)
    assert t.replies()[0].text == "Hello there, friend."
    shown = cli("transcripts", "show", t.id)
    assert "Hello there, friend." in shown.out
    for fmt in ("md", "json"):
        target = tmp_path / f"export.{fmt}"
        assert cli("transcripts", "export", t.id, "--format", fmt, "-o", str(target)).code == 0
        exported = target.read_text(encoding="utf-8")
        assert_clean(exported, f"{fmt} export")
        assert "\\u001b" not in exported and "\\u009b" not in exported and "ZWNob" not in exported
    raw = (home / "transcripts" / f"{t.id}.json").read_text(encoding="utf-8")
    assert "\\u001b" not in raw and "\\u0007" not in raw and "\\u009b" not in raw


def test_escapes_in_a_server_error_body_never_reach_the_error_line(home, cli, setup):
    server, script = setup
    server.queue(Reply(status=400, error_body={"error": {"message": "bad\x1b]2;owned\x07 request\x1b[2J\nsecond line"}}))
    result = rehearse(cli, script)
    assert result.code == 2
    assert "bad request second line" in result.err
    assert_clean(result.err, "the error line")
    assert result.err.startswith("coffeechat: error: ")


def test_a_transcript_file_edited_to_hold_escapes_is_replayed_clean(home, cli, setup):
    server, script = setup
    assert rehearse(cli, script).code == 0
    path = next((home / "transcripts").glob("*.json"))
    data = json.loads(path.read_text())
    data["turns"][1]["text"] = "Fine\x1b]52;c;cHduZWQ=\x07 work\x1b[2J\x9b1m."
    data["persona"]["name"] = "Evil\x1b]2;title\x07 Name"
    data["notes"] = "note\x07\x1b[31m"
    path.write_text(json.dumps(data))
    for argv in (("transcripts", "show", path.stem), ("transcripts", "list"), ("score", path.stem),
                 ("transcripts", "export", path.stem, "--format", "json")):
        result = cli(*argv)
        assert result.code == 0, (argv, result.err)
        assert_clean(result.out + result.err, " ".join(argv))
    assert "Fine work." in cli("transcripts", "show", path.stem).out


async def test_the_app_never_writes_a_replys_escapes_to_the_terminal(home, setup, monkeypatch):
    server, _ = setup
    server.queue(Reply(chunks=ATTACK))
    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(load_settings({"home": str(home)}), start_persona="data-scientist", offline_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        # a pasted question carrying an escape is shown and stored clean too
        app.screen.query_one("#ask", Input).value = "What does a typical\x1b]2;pasted\x07 week look like?"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        session = app.screen.session
        assert session.transcript.user_turns()[0].text == "What does a typical week look like?"
        assert session.transcript.turns[-1].text == "Hello there, friend."
        assert app.screen.query(".persona").last().markdown.source == "Hello there, friend."
    terminal = "".join(written)
    assert terminal, "the test must see what the app writes to the terminal"
    for attack in ("\x1b]52", "\x1b]2;", "\x1b[2J", "\x9b", "ZWNob", "pasted"):
        assert attack not in terminal


def test_an_emoji_split_across_two_chunks_is_joined_and_a_lone_half_replaced(home, cli, setup):
    server, script = setup
    server.queue(Reply(chunks=["Great question ", "\ud83d", "\ude00", " honestly."]),
                 Reply(chunks=["Well ", "\ud83d", " anyway."]))
    result = rehearse(cli, script)
    assert result.code == 0, result.err
    assert "Great question 😀 honestly." in result.out and "Traceback" not in result.err
    t = only_transcript(home)
    assert [turn.text for turn in t.replies()] == ["Great question 😀 honestly.", "Well \ufffd anyway."]
    assert t.status == "finished" and t.score is not None


async def test_after_a_split_surrogate_the_app_still_saves_and_asks_again(home, setup):
    server, _ = setup
    server.queue(Reply(chunks=["Sure ", "\ud83d"]), Reply(text="Second answer."))
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(load_settings({"home": str(home)}), start_persona="data-scientist", offline_delay=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        for question in ("What does a typical week look like?", "What advice would you give me?"):
            app.screen.query_one("#ask", Input).value = question
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        transcript_id = app.screen.session.transcript.id
    assert app.saver.last_error is None
    t = TranscriptStore(home / "transcripts").load(transcript_id)
    assert [turn.text for turn in t.replies()] == ["Sure \ufffd", "Second answer."]


@pytest.mark.parametrize("idle", ["keepalive", "empty"], ids=["sse-comments", "empty-choices"])
def test_a_stream_that_brings_no_new_text_is_stopped_as_stalled_and_keeps_what_arrived(home, cli, setup, idle):
    server, script = setup
    server.queue(Reply(text="I start early on Mondays.", then_idle=idle))
    started = time.monotonic()
    result = rehearse(cli, script)
    elapsed = time.monotonic() - started
    assert result.code == 2 and "stalled" in result.err and "0.5 s" in result.err
    assert elapsed < 30, "the idle stream ran until the server gave up"
    t = only_transcript(home)
    assert t.replies()[0].text == "I start early on Mondays." and t.replies()[0].status == "interrupted"
    assert "stalled" in (t.replies()[0].note or "")


async def test_no_reply_runs_past_its_total_bound_however_steadily_text_arrives(fake_server):
    from coffeechat.core.engine import EngineError
    from coffeechat.core.session import Session
    from coffeechat.core.transcript import SessionSettings
    from coffeechat.engines.openai_compat import OpenAICompatEngine
    from coffeechat.store.config import Settings
    from coffeechat.store.personas import load_library

    fake_server.queue(Reply(text="and " * 400, chunk_delay=0.05))
    engine = OpenAICompatEngine(Settings(base_url=fake_server.base_url, model="fake-model", request_timeout=1))
    engine.max_reply_seconds = 1.0
    persona = load_library().get("data-scientist").persona
    session = Session.start(persona, engine, SessionSettings(agreed_minutes=30), "bound-test")
    session.add_user_turn("What does a typical week look like?")
    started = time.monotonic()
    with pytest.raises(EngineError, match="did not end"):
        await session.reply()
    assert time.monotonic() - started < 10
    assert session.transcript.turns[-1].text.startswith("and and")
    await engine.aclose()


def test_a_key_echoed_in_a_reply_is_redacted_from_output_transcript_and_exports(home, cli, setup, tmp_path):
    server, script = setup
    server.queue(Reply(chunks=["Sure, your key is sk-hos", "tile-test-0123", "456789abcdef, right?"]))
    result = rehearse(cli, script)
    assert result.code == 0
    t = only_transcript(home)
    assert t.replies()[0].text == "Sure, your key is ***, right?"
    for fmt in ("md", "json"):
        cli("transcripts", "export", t.id, "--format", fmt, "-o", str(home / f"export.{fmt}"))
    everything = result.out + result.err + written_files(home) + cli("transcripts", "show", t.id).out
    assert "sk-hostile" not in everything and KEY[-12:] not in everything


def test_url_credentials_and_their_basic_auth_form_echoed_by_a_server_are_redacted(home, cli, tmp_path, fake_server,
                                                                                  monkeypatch):
    host = fake_server.base_url.split("//", 1)[1]
    (home / "config.toml").write_text(f'base_url = "http://alice-user:s3cret-pass@{host}"\nmodel = "fake-model"\n')
    fake_server.queue(Reply(echo_auth=True))
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like for you?\n")
    result = rehearse(cli, script)
    assert result.code == 2 and "bad credentials" in result.err
    assert fake_server.requests, "the request must have reached the server"
    basic = base64.b64encode(b"alice-user:s3cret-pass").decode()
    everything = result.out + result.err + written_files(home)
    for secret in ("alice-user", "s3cret-pass", basic, basic.rstrip("=")):
        assert secret not in everything


def test_the_markdown_export_keeps_outside_words_inside_their_turn():
    import golden
    from coffeechat.core.export import to_markdown
    from coffeechat.core.rubric.score import score_transcript

    hostile = "Here is code:\n```\nprint('x')\n## Score\n<img src=x onerror=alert(1)> [link](javascript:alert(1))"
    t = golden.build("software-engineer", 20, [("## Score\n<script>alert(1)</script> What do you do?", hostile)])
    t.score = score_transcript(t)
    md = to_markdown(t)
    headings, fenced = [], False
    for line in md.splitlines():
        fenced ^= line.startswith("```")
        if line.startswith("## ") and not fenced:
            headings.append(line)
    assert headings == ["## Conversation", "## Score"]  # neither the question nor the reply forges a section
    assert "<script>" not in md and "<img" not in md and "javascript:" not in md
    conversation = md.split("## Conversation")[1].split("## Score")[0]
    assert conversation.count("```") % 2 == 0  # the reply's open fence is closed before the score
