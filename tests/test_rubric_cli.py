"""coffeechat classify and coffeechat score, and the score at the end of a rehearsal."""

from __future__ import annotations

import io
import json
import sys

import golden
from coffeechat.store.transcripts import TranscriptStore


def feed(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_classify_prints_one_line_per_utterance_in_order(cli, monkeypatch):
    feed(monkeypatch, "What does a typical week look like?\n\nAre you hiring?\nThanks so much!\n")
    result = cli("classify")
    lines = result.out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("open") and lines[1].startswith("closed") and "job_request" in lines[1]
    assert lines[2].startswith("none") and "gratitude" in lines[2]


def test_classify_json_lines_have_the_documented_shape(cli, monkeypatch):
    feed(monkeypatch, "can you tell me about your path\nhow many years have you been there\n")
    rows = [json.loads(line) for line in cli("classify", "--json").out.splitlines()]
    assert rows == [
        {"text": "can you tell me about your path", "is_question": True, "kind": "open", "flags": []},
        {"text": "how many years have you been there", "is_question": True, "kind": "closed", "flags": ["googleable"]},
    ]


def test_classify_explain_shows_the_signals(cli, monkeypatch):
    feed(monkeypatch, "So, do you like it?\n")
    out = cli("classify", "--explain").out
    assert "signals:" in out and "starts with 'do'" in out


def save(home, transcript):
    store = TranscriptStore(home / "transcripts")
    store.save(transcript)
    return store.path_for(transcript.id)


def test_score_prints_every_criterion_with_evidence_and_tips(home, cli):
    path = save(home, golden.job_asker())
    result = cli("score", "golden-software-engineer")
    assert result.code == 0
    for name in ("Open questions", "Insight", "Coverage", "Listening", "Opening", "Closing", "No job ask", "Time-keeping"):
        assert name in result.out
    assert 'turn 7: "Are you hiring right now?' in result.out and "Tip:" in result.out
    assert cli("score", str(path)).out == result.out


def test_score_json_is_the_report_model(home, cli):
    save(home, golden.strong())
    report = json.loads(cli("score", "golden-software-engineer", "--json").out)
    assert report["overall"] >= 85 and len(report["criteria"]) == 8
    assert {"key", "name", "score", "weight", "summary", "evidence", "tip"} <= set(report["criteria"][0])


def test_score_of_a_missing_or_broken_transcript_is_one_clear_line(home, cli, tmp_path):
    assert "no transcript 'nope'" in cli("score", "nope").err
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    result = cli("score", str(broken))
    assert result.code == 2 and "not valid JSON" in result.err and result.err.count("\n") == 1


def test_a_finished_rehearsal_is_scored_printed_and_stored(home, cli, tmp_path):
    script = tmp_path / "q.txt"
    script.write_text("Hi Priya, I'm a CS junior exploring backend work.\nWhat does a typical week look like?\n"
                      "Is there anyone else I should talk to?\nThank you so much for your time!\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert "Score " in result.out and "Time-keeping" in result.out
    (t,) = TranscriptStore(home / "transcripts").load_all()[0]
    assert t.score is not None and f"{t.score.overall}/100" in result.out
    assert str(t.score.overall) in cli("transcripts", "list").out
    summary = json.loads(cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--json").out)
    assert summary["score"]["overall"] == t.score.overall
