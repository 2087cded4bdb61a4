"""What the persona says at set moments fits the meeting: lengths are filled in, the greeting is
to the visitor, a strict professional leaves when time is well past, and the thank-you draft reads
as a person wrote it."""

from __future__ import annotations

import asyncio
import json

import pytest

from coffeechat.core.followup import thank_you_draft
from coffeechat.core.session import Session, SessionSettings
from coffeechat.engines.offline import OfflineEngine
from coffeechat.store.personas import load_library

from conftest import copy_builtin


@pytest.mark.parametrize("greeting, said", [
    ("Hi there. I've got twenty minutes, so let's make them count.", "twenty minutes"),
    ("Hi there. I have about half an hour today.", "half an hour"),
    ("Hello! I only have 30 min today, sorry.", "30 min"),
])
def test_validate_rejects_a_fixed_length_in_the_greeting(user_personas, cli, greeting, said):
    path = copy_builtin("software-engineer", user_personas / "mine.toml")
    text = path.read_text(encoding="utf-8")
    start = text.index("greeting = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + f"greeting = {json.dumps(greeting)}" + text[end:], encoding="utf-8")
    result = cli("personas", "validate", str(path))
    assert result.code == 2
    assert f"'{said}'" in result.err and "{minutes}" in result.err and "Traceback" not in result.err
    first = result.err.strip().splitlines()[0]
    assert f"'{said}'" in first and "mine.toml" in first  # what, where and how to fix, on one line


def test_validate_rejects_a_greeting_that_names_the_persona(user_personas, cli):
    path = copy_builtin("management-consultant", user_personas / "mine.toml")
    text = path.read_text(encoding="utf-8")
    start = text.index("greeting = ")
    end = text.index("\n", start)
    path.write_text(text[:start] + 'greeting = "Hi, Daniel. I have a hard stop at {minutes}."' + text[end:], encoding="utf-8")
    result = cli("personas", "validate", str(path))
    assert result.code == 2 and "greets Daniel" in result.err


def test_validate_rejects_an_unknown_placeholder(user_personas, cli):
    path = copy_builtin("software-engineer", user_personas / "mine.toml")
    text = path.read_text(encoding="utf-8").replace("{minutes}", "{length}", 1)
    path.write_text(text, encoding="utf-8")
    result = cli("personas", "validate", str(path))
    assert result.code == 2 and "{length}" in result.err


@pytest.mark.parametrize("minutes, words", [(20, "twenty minutes"), (45, "forty-five minutes"), (60, "sixty minutes")])
def test_every_builtin_greeting_fills_in_the_agreed_length(minutes, words):
    for loaded in load_library().personas.values():
        p = loaded.persona
        line = p.lines.say("greeting", minutes)
        assert "{" not in line and "}" not in line, p.id
        assert not line.lower().startswith(f"hi, {p.first_name.lower()}"), p.id
        if "{minutes}" in p.lines.greeting:
            assert words in line, (p.id, line)


def test_personas_new_will_not_hide_a_builtin_persona_without_force(home, cli):
    result = cli("personas", "new", "software-engineer")
    assert result.code == 2 and "built-in persona" in result.err and "--force" in result.err
    assert not (home / "personas" / "software-engineer.toml").exists()
    assert cli("personas", "new", "software-engineer", "--force").code == 0


def _interview(persona_id: str, lines: list[str], minutes: int | None = None, your_name: str = "") -> Session:
    persona = load_library().get(persona_id).persona
    settings = SessionSettings(agreed_minutes=minutes or persona.manner.default_minutes, goal="decide between consulting and policy work",
                               your_name=your_name)

    async def go() -> Session:
        session = Session.start(persona, OfflineEngine(), settings, "test")
        for line in lines:
            if session.they_left:
                break
            await session.ask(line)
        return session

    return asyncio.run(go())


QUESTIONS = [
    "Hi Daniel, thanks so much for meeting me. I'm Sam, a junior studying economics, and I'm curious how consultants spend their weeks.",
    "How did you get into consulting?",
    "Can you tell me about a time a project went badly?",
    "How did that turn out?",
    "What do you look for in an associate's first year?",
    "Is there anyone else you think I should talk to?",
    "Thank you so much, this was really helpful!",
]


def test_thank_you_draft_names_what_they_said_and_is_signed_with_the_name_from_the_introduction():
    session = _interview("management-consultant", QUESTIONS, minutes=60)
    draft = thank_you_draft(session.transcript)
    assert draft.startswith("Hi Daniel,\n")
    assert draft.rstrip().endswith("Best wishes,\nSam")
    assert "[" not in draft and "Your name" not in draft
    told = [s for s in session.persona.stories if s.text[:80] in "\n".join(t.text for t in session.transcript.replies())]
    assert told, "the persona told no story in seven turns"
    assert "your story of" in draft
    referred = next(r.name for r in session.persona.referrals if r.name in "\n".join(t.text for t in session.transcript.replies()))
    assert f"I'll reach out to {referred}" in draft
    assert "It helped me a lot to decide between consulting and policy work." in draft


@pytest.mark.parametrize("intro, name", [
    ("Hi, I'm José, a senior at UT Austin.", "José"),
    ("hello! my name is Zoë and I study biology", "Zoë"),
    ("Hi, I’m Priyanka — thanks for making time.", "Priyanka"),
    ("Hi, I'm really excited to meet you.", ""),
    ("Hi, I'm a student at Ohio State.", ""),
])
def test_the_draft_finds_your_name_in_your_introduction(intro, name):
    draft = thank_you_draft(_interview("software-engineer", [intro, "How did you get into this?"]).transcript)
    assert draft.rstrip().endswith("Best wishes," + (f"\n{name}" if name else ""))


def test_thank_you_draft_signs_with_the_name_given_when_preparing():
    lines = ["Hi! Thanks for meeting me, I'm a student.", "How did you get into consulting?"]
    draft = thank_you_draft(_interview("management-consultant", lines, your_name="Ana María").transcript)
    assert draft.rstrip().endswith("Best wishes,\nAna María")
    unsigned = thank_you_draft(_interview("management-consultant", lines).transcript)
    assert unsigned.rstrip().endswith("Best wishes,") and "[" not in unsigned


def test_a_strict_professional_leaves_and_the_headless_rehearsal_says_how_much_was_unsaid(home, cli, tmp_path):
    script = tmp_path / "long.txt"
    questions = QUESTIONS[:3] + [f"What else should I know about {t}?" for t in
                                 ("travel", "the hours", "staffing", "case work", "partners", "clients", "exits",
                                  "training", "reviews", "pay", "the firm", "the industry")]
    script.write_text("\n".join(questions) + "\n", encoding="utf-8")
    result = cli("rehearse", "--persona", "management-consultant", "--script", str(script), "--minutes", "5", "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["they_left"] is True and 0 < summary["lines_unsaid"] < len(questions)
    text = cli("rehearse", "--persona", "management-consultant", "--script", str(script), "--minutes", "5")
    assert text.code == 0
    assert "Daniel had to leave: the meeting ended with" in text.out and "of the script unsaid" in text.out


def test_the_draft_quotes_a_lesson_only_if_they_said_it():
    told = _interview("management-consultant", QUESTIONS[:3], minutes=60)  # a story, but not "how did it turn out?"
    said = "\n".join(t.text for t in told.transcript.replies())
    story = next(s for s in told.persona.stories if s.text[:80] in said)
    draft = thank_you_draft(told.transcript)
    assert ("what you took from it" in draft) == (story.lesson[:60] in said)
    asked = _interview("management-consultant", QUESTIONS[:4], minutes=60)
    assert "what you took from it" in thank_you_draft(asked.transcript)


def _consultant(**changes):
    import copy
    import tomllib

    from coffeechat.core.persona import Persona
    from coffeechat.store.paths import builtin_dir

    data = tomllib.loads((builtin_dir("personas") / "management-consultant.toml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    for where, value in changes.items():
        section, _, key = where.rpartition("__")
        (data[section] if section else data)[key] = value
    return Persona.model_validate(data)


@pytest.mark.parametrize("greeting", ["I only have 1 hr today.", "We have 2 hrs.", "I've got 45min.", "I have a half hour.",
                                      "A quarter hour is all I have.", "I have sixteen minutes.", "I have 20\u00a0minutes."])
def test_fixed_lengths_written_any_way_are_caught(greeting):
    with pytest.raises(ValueError, match="a fixed length"):
        _consultant(lines__greeting=greeting)


@pytest.mark.parametrize("greeting", ["Hiya Daniel, hi.", "Morning, Daniel!", "Welcome, Daniel!", "Hi Dan, good to see you.",
                                      "Hi Mr. Okafor, hello."])
def test_a_greeting_that_greets_the_persona_in_any_form_is_caught(greeting):
    with pytest.raises(ValueError, match="greets Daniel"):
        _consultant(lines__greeting=greeting)


def test_a_title_is_not_a_first_name_and_a_visitor_with_a_similar_name_can_be_greeted():
    p = _consultant(name="Dr. Daniel Okafor", lines__greeting="Hey Danielle, nice to meet you.")
    assert p.first_name == "Daniel"
    with pytest.raises(ValueError, match="greets Daniel"):
        _consultant(name="Dr. Daniel Okafor", lines__greeting="Hi Daniel, welcome.")


@pytest.mark.parametrize("line", ["That's our {{minutes}}.", "We're at {minutes today.", "We're at minutes}."])
def test_stray_braces_in_lines_are_caught(line):
    with pytest.raises(ValueError, match="brace"):
        _consultant(lines__time_up=line)


def test_placeholders_in_passages_are_caught_rather_than_said_literally():
    topics = _consultant().topics.model_dump()
    topics["advice"] = topics["advice"] + ["Use the {minutes} well, whatever the length of the meeting."]
    with pytest.raises(ValueError, match="only in \\[lines\\]"):
        _consultant(topics=topics)


@pytest.mark.parametrize("name", ["Daniel\nOkafor", "\u200b\u200b"])
def test_a_name_on_two_lines_or_with_nothing_visible_is_refused(name):
    with pytest.raises(ValueError, match="name"):
        _consultant(name=name)


@pytest.mark.parametrize(("pronouns", "subject", "obj"), [("she/they", "she", "her"), ("they/them/theirs", "they", "them"),
                                                          ("HE/HIM", "he", "him"), ("it/its", "it", "it"), ("xe/xem", "xe", "xem")])
def test_referral_pronouns_give_a_subject_and_an_object(pronouns, subject, obj):
    from coffeechat.core.persona import Referral

    r = Referral(name="Ana Ruiz", pronouns=pronouns, role="Manager", why="She knows the work.")
    assert (r.subject, r.object) == (subject, obj)


def test_lines_say_lengths_that_fit_any_sentence():
    p = _consultant()
    assert p.lines.say("time_up", 30) == "That's our thirty minutes. I have to drop for my client call now."
    assert "an hour" not in p.lines.say("time_up", 60)


def test_the_draft_names_the_colleague_they_suggested_and_their_story_in_your_words():
    from coffeechat.core.followup import _their

    assert _their("the session I stopped") == "the session you stopped"
    assert _their("the Atlanta deal that changed my mind") == "the Atlanta deal that changed your mind"
    session = _interview("software-engineer", ["Hi Priya, I'm Sam, a junior.", "How did you get into this?",
                                               "Is there anyone else you think I should talk to?", "Thanks so much!"])
    said = "\n".join(t.text for t in session.transcript.replies())
    suggested = next(r for r in session.persona.referrals if f"talk to {r.name}" in said)
    draft = thank_you_draft(session.transcript)
    assert f"I'll reach out to {suggested.name}" in draft
    others = [r.name for r in session.persona.referrals if r is not suggested]
    assert not any(f"reach out to {name}" in draft for name in others)
