"""Their side of the coffee from a model (the local fake server): in character, stored, shown, and
never trusted further than the transcript it quotes."""

from __future__ import annotations

import json

import pytest
from fake_openai import Reply

from coffeechat.store.transcripts import TranscriptStore

LINES = ["Hi Priya, I'm Sam, a junior in CS; I reached out because I'm curious about backend work.",
         "What does a typical week look like for you?",
         "Are you hiring right now?",
         "Thank you so much, this was really helpful!"]


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "script.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def model(fake_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-side-test-key-0123456789")
    return ["--base-url", fake_server.base_url, "--model", "llama3.2"]


def impression(**changes) -> Reply:
    data = {"another_meeting": True, "introduce": False, "colleague": "Marcus Bell",
            "impression": "Sam was easy to talk to and asked about my real week. Then came the hiring question, which"
                          " made me wary. I'd meet again, but I wouldn't pass them to anyone yet.",
            "stood_out": [{"turn": 4, "quote": "typical week", "note": "A good first question."}],
            "put_off": [{"turn": 6, "quote": "invented words", "note": "Asked me for a job."},
                        {"turn": 5, "quote": "my own reply", "note": "Not the visitor's turn."},
                        {"turn": 99, "quote": "nothing", "note": "No such turn."}]}
    data.update(changes)
    return Reply(text=json.dumps(data))


def rehearse(cli, script, model):
    return cli("rehearse", "--persona", "software-engineer", "--script", str(script), *model)


def saved(home):
    [t], _ = TranscriptStore(home / "transcripts").load_all()
    return t


def queue_meeting(fake_server, *after):
    fake_server.queue(*[Reply(text=f"Reply number {i}. It's a good question.") for i in range(len(LINES))], *after)


def test_the_model_gives_its_side_in_character_and_it_is_stored_with_the_transcript(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression())
    result = rehearse(cli, script, model)
    assert result.code == 0, result.err
    side = saved(home).their_side
    assert side.source == "model" and side.another_meeting and not side.introduce
    assert "hiring question" in side.impression
    assert "Their side (Priya's private impression" in result.out and "hiring question" in result.out
    request = fake_server.requests[-1]
    assert request["response_format"]["json_schema"]["name"] == "their_side"
    assert "4. Visitor: What does a typical week look like for you?" in request["messages"][1]["content"]


def test_moments_quote_the_visitors_own_words_and_made_up_turns_are_dropped(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression())
    assert rehearse(cli, script, model).code == 0
    t = saved(home)
    side = t.their_side
    assert [m.turn for m in side.stood_out] == [4] and [m.turn for m in side.put_off] == [6]
    assert side.put_off[0].quote == "Are you hiring right now?"  # the transcript's words, not the model's
    assert all(t.turns[m.turn - 1].speaker == "user" for m in side.moments())


def test_a_model_that_fails_gives_the_offline_side_and_says_so(home, cli, fake_server, script, model):
    queue_meeting(fake_server, Reply(text="I thought it went well, honestly!"))
    result = rehearse(cli, script, model)
    assert result.code == 0, result.err
    side = saved(home).their_side
    assert side.source == "offline" and "could not be had" in side.note
    assert side.impression


def test_the_json_summary_carries_their_side(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression())
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script), *model, "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    assert out["their_side"]["source"] == "model" and out["their_side"]["put_off"][0]["turn"] == 6


def test_their_side_command_shows_the_stored_one_and_makes_it_again_on_request(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression())
    assert rehearse(cli, script, model).code == 0
    t = saved(home)
    shown = cli("their-side", t.id[:12])
    assert shown.code == 0 and "hiring question" in shown.out
    asked = len(fake_server.requests)
    offline = cli("their-side", t.id, "--again", "--engine", "offline", "--json")
    assert offline.code == 0, offline.err
    assert json.loads(offline.out)["source"] == "offline" and len(fake_server.requests) == asked
    assert saved(home).their_side.source == "offline"


def test_the_export_has_their_side_section(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression())
    assert rehearse(cli, script, model).code == 0
    md = cli("transcripts", "show", saved(home).id).out
    assert "## Their side (Priya's private impression)" in md
    assert '- turn 6: "Are you hiring right now?" — Asked me for a job.' in md
    assert "- Would introduce you to Marcus Bell: no" in md


def test_hostile_impression_text_is_cleaned_before_it_is_stored_or_shown(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression(impression="\x1b[2J\x1b]0;pwned\x07Fine chat [bold]really[/bold]. Key: sk-side-test-key-0123456789."))
    result = rehearse(cli, script, model)
    assert result.code == 0
    side = saved(home).their_side
    assert "\x1b" not in side.impression and "sk-side-test-key" not in side.impression + result.out


def test_a_colleague_who_is_not_one_of_theirs_is_not_named(home, cli, fake_server, script, model):
    queue_meeting(fake_server, impression(colleague="Dr. Evil (not a colleague)", introduce="yes"))
    assert rehearse(cli, script, model).code == 0
    side = saved(home).their_side
    assert side.colleague is None and side.introduce


def test_asking_again_when_the_model_fails_keeps_the_saved_impression_and_says_so(home, cli, fake_server, script, model,
                                                                                  monkeypatch):
    queue_meeting(fake_server, impression())
    assert rehearse(cli, script, model).code == 0
    before = saved(home).their_side
    assert before.source == "model"
    fake_server.queue(*[Reply(status=500, headers={"retry-after": "0"})] * 6)
    again = cli("their-side", saved(home).id, "--again", *model)
    assert again.code != 0
    line = [ln for ln in again.err.splitlines() if ln.startswith("coffeechat:")]
    assert len(line) == 1 and "the impression saved before is kept" in line[0] and "your question" not in line[0]
    assert saved(home).their_side == before
