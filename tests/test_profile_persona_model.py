"""A persona drafted by a model from a profile, against the local fake server: a valid draft, an
invalid one repaired, one that stays invalid, a server without structured output, hostile answers."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from fake_openai import Reply

from coffeechat.core.persona import Persona
from coffeechat.store.paths import builtin_dir
from coffeechat.store.personas import load_persona_file

PROFILES = Path(__file__).parent / "data" / "profiles"
PROFILE = """Jordan Lee
Staff Software Engineer at Brightline Robotics
Pittsburgh, Pennsylvania

About
I build the motion-planning services that keep our warehouse robots from bumping into each other.

Experience
Staff Software Engineer — Brightline Robotics — 2021 – Present
Software Engineer — Duolingo — 2016 – 2021

Education
Carnegie Mellon University — BS, Computer Science — 2012 – 2016
"""


def drafted(**changes) -> dict:
    """A complete persona as a model would send it: a built-in's voice, Jordan's facts, and what it invented."""
    with open(builtin_dir("personas") / "software-engineer.toml", "rb") as handle:
        data = tomllib.load(handle)
    data.update(name="Jordan Lee", pronouns="they/them", role="Staff Software Engineer",
                public_profile=["BS in Computer Science, Carnegie Mellon University, 2016",
                                "Software Engineer at Duolingo, 2016-2021",
                                "Staff Software Engineer at Brightline Robotics since 2021"])
    data["employer"] = {**data["employer"], "name": "Brightline Robotics", "founded": 2015}
    data["invented"] = ["employer.founded", "employer.size", "topics.challenges", "stories", "referrals"]
    data.update(changes)
    return data


def answer(data: dict) -> Reply:
    return Reply(text=json.dumps(data))


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "jordan.txt"
    path.write_text(PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def model(fake_server, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-draft-test-key-0123456789")
    return ["--base-url", fake_server.base_url, "--model", "llama3.2"]


def new(cli, profile_file, model, *extra):
    return cli("personas", "new", "jordan-lee", "--from-profile", str(profile_file), *model, *extra)


def test_a_valid_draft_is_written_as_a_commented_file_that_validates(home, cli, fake_server, profile_file, model):
    fake_server.queue(answer(drafted()))
    result = new(cli, profile_file, model)
    assert result.code == 0, result.err
    path = home / "personas" / "jordan-lee.toml"
    assert f"wrote {path}" in result.out and "invented (check these): employer.founded" in result.out
    persona = load_persona_file(path)
    assert (persona.name, persona.employer.name) == ("Jordan Lee", "Brightline Robotics")
    text = path.read_text(encoding="utf-8")
    assert "invented by the model" in text and "drafted by llama3.2" in text.lower()
    assert cli("personas", "validate", str(path)).code == 0
    [request] = fake_server.requests
    schema = request["response_format"]["json_schema"]["schema"]
    assert request["stream"] is True and {"topics", "lines", "invented"} <= set(schema["properties"])
    assert "id" not in schema["properties"]
    assert "Carnegie Mellon University" in request["messages"][1]["content"]


@pytest.mark.parametrize("profile", sorted(p.name for p in PROFILES.glob("*.txt")))
def test_every_written_profile_reaches_the_model_as_plain_text_and_its_draft_is_written(home, cli, fake_server, model,
                                                                                     profile):
    fake_server.queue(answer(drafted()))
    result = cli("personas", "new", "them", "--from-profile", str(PROFILES / profile), *model)
    assert result.code == 0, result.err
    assert load_persona_file(home / "personas" / "them.toml").name == "Jordan Lee"
    sent = fake_server.requests[0]["messages"][1]["content"]
    assert "\x1b" not in sent and not re.search(r"[\w.+-]+@[\w-]+\.\w+", sent)  # no escapes, no e-mail addresses
    assert "555-01" not in sent  # the fictional profiles' phone numbers


def test_an_invalid_draft_goes_back_with_its_problems_and_the_repair_is_written(home, cli, fake_server, profile_file, model):
    bad = drafted()
    bad["topics"] = {**bad["topics"], "advice": ["Just one."]}
    fake_server.queue(answer(bad), answer(drafted()))
    result = new(cli, profile_file, model, "--json")
    assert result.code == 0, result.err
    out = json.loads(result.out)
    assert out["repairs"] == 1 and out["name"] == "Jordan Lee"
    second = fake_server.requests[1]["messages"]
    assert second[-2]["role"] == "assistant" and "topics.advice" in second[-1]["content"]
    assert (home / "personas" / "jordan-lee.toml").exists()


def test_a_draft_that_stays_invalid_is_one_clear_error_and_no_file(home, cli, fake_server, profile_file, model):
    bad = drafted(years_in_role=12, years_in_field=3)
    fake_server.queue(answer(bad), answer(bad), answer(bad))
    result = new(cli, profile_file, model)
    assert result.code == 2
    assert "still not valid after 2 rounds" in result.err and "nothing was written" in result.err
    *progress, error = result.err.strip().splitlines()
    assert "Traceback" not in result.err and error.startswith("coffeechat: error: the model's persona")
    assert progress[1:] == ["Drafting…", "Correcting (1 of 2)…", "Correcting (2 of 2)…"]
    assert len(fake_server.requests) == 3
    assert not (home / "personas" / "jordan-lee.toml").exists()


def test_what_the_user_says_wins_over_the_model(home, cli, fake_server, profile_file, model):
    fake_server.queue(answer(drafted()))
    result = new(cli, profile_file, model, "--name", "Jordan A. Lee", "--employer", "Brightline", "--minutes", "20")
    assert result.code == 0, result.err
    persona = load_persona_file(home / "personas" / "jordan-lee.toml")
    assert (persona.name, persona.employer.name, persona.manner.default_minutes) == ("Jordan A. Lee", "Brightline", 20)


def test_a_server_without_structured_output_is_asked_again_without_it(home, cli, fake_server, profile_file, model):
    refused = Reply(status=400, error_body={"error": {"message": "response_format is not supported"}})
    fake_server.queue(refused, Reply(status=422, error_body={"detail": "type: json_schema"}), answer(drafted()))
    result = new(cli, profile_file, model)
    assert result.code == 0, result.err
    first, second, third = fake_server.requests
    assert first["response_format"]["type"] == "json_schema"
    assert second["response_format"]["type"] == "json_object" and "topics" in second["response_format"]["schema"]["properties"]
    assert "response_format" not in third


def test_a_server_error_that_names_response_format_is_a_refusal_not_a_failure_to_retry(home, cli, fake_server, profile_file, model):
    # llama-cpp-python answers an unknown response_format type with HTTP 500 and a validation message
    refused = Reply(status=500, error_body={"error": {"message": "1 validation error: ('body', 'response_format', 'type')"}})
    fake_server.queue(refused, answer(drafted()))
    result = new(cli, profile_file, model)
    assert result.code == 0, result.err
    assert [r["response_format"]["type"] for r in fake_server.requests] == ["json_schema", "json_object"]


def test_hostile_text_in_the_answer_is_not_written(home, cli, fake_server, profile_file, model):
    data = drafted(summary="\x1b]52;c;ZWNobyBoaQ==\x07Builds [@click=app.quit]robot[/] planners \x1b[31mfast\x1b[0m.")
    fake_server.queue(Reply(text="```json\n" + json.dumps(data) + "\n```"))
    assert new(cli, profile_file, model).code == 0
    text = (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x07" not in text
    assert load_persona_file(home / "personas" / "jordan-lee.toml").summary.startswith("Builds [@click=app.quit]robot")  # words, not markup


@pytest.mark.parametrize("body", ["[" * 100_000 + "]" * 100_000, "not json at all", json.dumps(["a", "list"])],
                         ids=["nested-deep", "not-json", "a-list"])
def test_an_answer_that_is_no_persona_at_all_fails_cleanly(home, cli, fake_server, profile_file, model, body):
    fake_server.queue(*[Reply(chunks=[body])] * 3)
    result = new(cli, profile_file, model)
    assert result.code == 2 and "Traceback" not in result.err
    assert not (home / "personas" / "jordan-lee.toml").exists()


def test_an_existing_persona_is_refused_before_the_model_is_asked(home, cli, fake_server, profile_file, model):
    folder = home / "personas"
    folder.mkdir()
    (folder / "jordan-lee.toml").write_text("# mine\n", encoding="utf-8")
    result = new(cli, profile_file, model)
    assert result.code == 2 and "already exists" in result.err
    assert fake_server.requests == [] and (folder / "jordan-lee.toml").read_text() == "# mine\n"


def test_the_key_never_reaches_the_file_even_when_the_model_echoes_it(home, cli, fake_server, profile_file, model):
    fake_server.queue(answer(drafted(summary="My key is sk-draft-test-key-0123456789, don't tell.")))
    assert new(cli, profile_file, model).code == 0
    text = (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")
    assert "sk-draft-test-key" not in text


def test_the_drafted_file_round_trips_to_the_same_persona(home, cli, fake_server, profile_file, model):
    fake_server.queue(answer(drafted()))
    assert new(cli, profile_file, model).code == 0
    written = load_persona_file(home / "personas" / "jordan-lee.toml")
    expected = Persona.model_validate({k: v for k, v in drafted().items() if k != "invented"})
    assert written.model_dump(exclude={"id"}) == expected.model_dump(exclude={"id"})


def test_a_key_written_with_a_json_escape_is_still_redacted_once_read(home, cli, fake_server, profile_file, model):
    body = json.dumps(drafted(summary="My key is KEYHERE, shh.")).replace("KEYHERE", "\\u0073k-draft-test-key-0123456789")
    fake_server.queue(Reply(chunks=[body]))
    assert new(cli, profile_file, model).code == 0
    text = (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")
    assert "draft-test-key" not in text


def test_contact_details_the_model_writes_are_not_kept(home, cli, fake_server, profile_file, model):
    data = drafted(public_profile=["BS in Computer Science, Carnegie Mellon University, 2016", "Email jordan.lee@example.com",
                                   "Phone +1 614 555 0192", "https://linkedin.com/in/jordan-lee"])
    data["referrals"][0]["why"] = "Write to him at marcus@example.com; he knows the routing side best."
    fake_server.queue(answer(data))
    assert new(cli, profile_file, model).code == 0
    text = (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")
    assert "@example.com" not in text and "555" not in text and "linkedin.com" not in text
    assert "BS in Computer Science, Carnegie Mellon University, 2016" in text


def test_a_fenced_answer_with_a_brace_in_the_words_after_it_is_read(home, cli, fake_server, profile_file, model):
    fake_server.queue(Reply(chunks=["Here it is:\n```json\n" + json.dumps(drafted()) + "\n```\nNote: the {invented} list is above."]))
    assert new(cli, profile_file, model).code == 0
    assert len(fake_server.requests) == 1


def test_lists_the_model_left_null_are_empty(home, cli, fake_server, profile_file, model):
    data = drafted(stories=None)
    data["employer"]["public_facts"] = None
    fake_server.queue(answer(data))
    assert new(cli, profile_file, model).code == 0
    assert len(fake_server.requests) == 1


def test_a_file_name_with_an_escape_in_it_is_cleaned_in_the_header(home, cli, fake_server, model, tmp_path):
    odd = tmp_path / "bio\x1b[1m.txt"
    odd.write_text(PROFILE, encoding="utf-8")
    fake_server.queue(answer(drafted()))
    result = cli("personas", "new", "jordan-lee", "--from-profile", str(odd), *model)
    assert result.code == 0, result.err
    assert "\x1b" not in (home / "personas" / "jordan-lee.toml").read_text(encoding="utf-8")


def test_an_answer_that_never_ends_says_nothing_was_written(home, cli, fake_server, profile_file, model, monkeypatch):
    fake_server.queue(Reply(text="{\"name\": \"Jordan", endless=True))
    result = new(cli, profile_file, model)
    assert result.code == 2 and result.err.rstrip().endswith("nothing was written")
    assert "kept as far as it got" not in result.err
    assert not (home / "personas" / "jordan-lee.toml").exists()


@pytest.mark.parametrize("key", ["sk-caf\u00e9key123", "sk-abc\u200bdef456", "sk-abc def456"])
def test_a_key_that_cannot_be_sent_is_one_clear_line_and_no_request(home, cli, fake_server, profile_file, key,
                                                                      monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", key)
    for argv in (["personas", "new", "jordan-lee", "--from-profile", str(profile_file)],
                 ["models"]):
        result = cli(*argv, "--base-url", fake_server.base_url, *(["--model", "llama3.2"] if argv[0] == "personas" else []))
        assert result.code == 2, result.err
        line = [ln for ln in result.err.splitlines() if ln.startswith("coffeechat:")]
        assert len(line) == 1 and "cannot be sent" in line[0] and key not in result.err
        assert "Traceback" not in result.err
    assert not fake_server.requests and not (home / "personas" / "jordan-lee.toml").exists()


def test_on_a_terminal_the_progress_is_one_line_kept_up_to_date(home, fake_server, profile_file, tmp_path):
    """The line is rewritten in place (\\r and clear-to-end pass the output guard; nothing else does)."""
    import os
    import pty
    import subprocess
    import sys

    text = json.dumps(drafted())
    fake_server.queue(Reply(chunks=[text[i:i + 400] for i in range(0, len(text), 400)], chunk_delay=0.02))
    leader, follower = pty.openpty()
    env = {**os.environ, "COFFEECHAT_HOME": str(home), "OPENAI_API_KEY": "sk-draft-test-key-0123456789"}
    proc = subprocess.Popen([sys.executable, "-m", "coffeechat", "personas", "new", "jordan-lee", "--from-profile",
                             str(profile_file), "--base-url", fake_server.base_url, "--model", "llama3.2"],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(leader)
    assert proc.returncode == 0, err
    said = err.decode("utf-8", "replace")
    assert "\r\x1b[KDrafting… " in said and "charactersDrafting" not in said
    assert said.count("\x1b") == said.count("\r\x1b[K")  # no other escape reaches the terminal
    assert b"wrote " in out


def test_the_draft_and_its_corrections_share_one_deadline(home, cli, fake_server, profile_file, model, monkeypatch):
    from coffeechat.engines import profile_draft

    clock = iter([0.0, 0.0])  # then the first answer has taken almost all of the fifteen minutes
    monkeypatch.setattr(profile_draft, "_now", lambda: next(clock, 890.0))
    fake_server.queue(Reply(text="{\"name\": \"Jordan Lee\"}"))  # not a whole persona: a correction would follow
    result = new(cli, profile_file, model)
    assert result.code == 2
    assert "took its 15 minutes without a valid persona (last: " in result.err and len(fake_server.requests) == 1
    assert not (home / "personas" / "jordan-lee.toml").exists()
