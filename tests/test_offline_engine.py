"""The offline engine: a rehearsal worth doing without any network."""

from __future__ import annotations

import asyncio

import pytest

from coffeechat.core.engine import ReplyRequest
from coffeechat.core.session import Session
from coffeechat.core.transcript import SessionSettings
from coffeechat.engines.offline import OfflineEngine, first_sentence
from coffeechat.store.personas import load_library

LIBRARY = load_library()
PERSONAS = [LIBRARY.personas[i].persona for i in LIBRARY.ids()]


def run(persona, lines, minutes=None):
    async def go():
        session = Session.start(persona, OfflineEngine(), SessionSettings(
            agreed_minutes=minutes or persona.manner.default_minutes), "test")
        replies = []
        for line in lines:
            await session.ask(line)
            replies.append(session.transcript.turns[-1].text)
        return session, replies

    return asyncio.run(go())


def script_for(p):
    """Fifteen varied turns (topic questions in different phrasings, social moves) with what each should get."""
    return [
        (f"Hi {p.first_name}, thanks so much for taking the time to meet with me. I'm a recent graduate exploring"
         f" careers in {p.industry.lower()}.", "greeting"),
        ("What does a typical week look like for you?", "typical_day"),
        ("how did you get into this line of work", "career_path"),
        ("I'm curious, what do you find most rewarding about the job?", "rewarding"),
        ("whats the hardest part of the role", "challenges"),
        ("Which skills matter most for doing this well?", "skills"),
        ("What experiences would best prepare someone for a role like yours?", "preparation"),
        ("How do you see the field changing over the next five years?", "trends"),
        ("So, what's the culture like where you work?", "culture"),
        ("What drew you to your current employer?", "why_employer"),
        ("If you were starting out today, what advice would you give yourself?", "advice"),
        ("Could you say more about that?", "advice"),
        ("How do people in your field think about salary?", "compensation"),
        ("Is there anyone else you'd suggest I talk to?", "referral"),
        ("Thank you so much for your time, this was really helpful!", "goodbye"),
    ]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_a_full_offline_rehearsal_is_in_character_on_topic_and_never_repeats(persona):
    script = script_for(persona)
    _, replies = run(persona, [line for line, _ in script])
    used_passages = []
    for (line, expected), reply in zip(script, replies):
        assert reply.strip(), line
        if expected == "greeting":
            assert persona.lines.greeting in reply
        elif expected == "referral":
            assert any(r.name in reply for r in persona.referrals), reply
        elif expected == "goodbye":
            assert persona.lines.goodbye in reply
        else:
            hits = [p for p in persona.topic(expected) if first_sentence(p) in reply]
            assert hits, f"{line!r} -> {reply!r} is not about {expected}"
            used_passages += hits
    assert len(set(used_passages)) == len(used_passages), "a passage was repeated"
    assert len(set(replies)) == len(replies), "a reply was repeated word for word"
    others = [p.name for p in PERSONAS if p.id != persona.id]
    assert not any(name in reply for name in others for reply in replies), "spoke as someone else"


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_a_job_request_gets_the_persona_reaction_not_a_job(persona):
    _, replies = run(persona, ["Hello!", "Are you hiring? Could you pass my resume along to your recruiter?"])
    assert persona.lines.on_job_request in replies[1]


def test_asking_the_same_question_again_gets_the_next_passage_then_says_so():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, ["What does a typical day look like?"] * 4)
    passages = persona.topic("typical_day")
    for reply, passage in zip(replies[:3], passages):
        assert first_sentence(passage) in reply
    assert replies[3].startswith("Like I said earlier")


def test_closed_questions_get_brief_answers_and_open_ones_full_answers():
    persona = LIBRARY.get("data-scientist").persona
    _, replies = run(persona, ["Do you enjoy your job?", "What do you find most rewarding about your work?"])
    closed, open_ = replies
    assert len(closed.split()) < 35
    assert len(open_.split()) > len(closed.split())


def test_googleable_questions_get_one_line_and_a_nudge():
    persona = LIBRARY.get("product-manager").persona
    _, replies = run(persona, ["What does your company do?", "How many employees does Cadence have?"])
    assert persona.employer.description in replies[0] and "website" in replies[0]
    assert persona.employer.size in replies[1]


def test_public_profile_questions_are_answered_from_the_profile():
    persona = LIBRARY.get("government-analyst").persona
    _, replies = run(persona, ["Where did you go to school?"])
    assert "University of Colorado Boulder" in replies[0] and "profile" in replies[0]


def test_time_is_signalled_once_when_nearly_up_and_when_up():
    persona = LIBRARY.get("environmental-policy").persona  # talkative: the clock moves fast
    questions = [
        "What does a typical week look like?", "How did you get into policy?", "What's most rewarding?",
        "What is hardest about the work?", "What skills matter most?", "What trends do you see?",
        "What's the culture like?", "What advice would you give me?", "Why Clearwater?", "How should I prepare?",
        "What else is rewarding?", "What else is hard?",
    ]
    session, replies = run(persona, questions, minutes=4)
    nearly = [r for r in replies if persona.lines.time_nearly_up in r]
    up = [r for r in replies if persona.lines.time_up in r]
    assert len(nearly) == 1 and len(up) == 1
    assert replies.index(nearly[0]) < replies.index(up[0])
    assert session.clock.phase in ("up", "over")


def test_a_strict_persona_leaves_once_well_over_time():
    persona = LIBRARY.get("management-consultant").persona
    questions = ["What does a typical week look like?", "How did you get into consulting?", "What's rewarding?",
                 "What is hard?", "What skills matter?", "How do I prepare?", "What trends matter?",
                 "What is the culture like?", "Why Harlow & Pike?", "Any advice?", "What else is hard?",
                 "What else is rewarding?", "What else should I prepare?"]
    session, replies = run(persona, questions, minutes=1.5)
    assert session.clock.phase == "over"
    assert "I really do have to go now" in replies[-1]


def test_an_unrecognised_question_asks_for_clarification_in_character():
    persona = LIBRARY.get("registered-nurse").persona
    _, replies = run(persona, ["Hi!", "What is the airspeed velocity of an unladen swallow?"])
    assert "more specific" in replies[1]


def test_the_same_transcript_always_gets_the_same_reply():
    persona = LIBRARY.get("ux-researcher").persona
    a = run(persona, [line for line, _ in script_for(persona)])[1]
    b = run(persona, [line for line, _ in script_for(persona)])[1]
    assert a == b


def test_replies_stream_in_pieces_that_join_to_the_full_text():
    persona = LIBRARY.get("software-engineer").persona
    from coffeechat.core.transcript import Transcript, Turn

    turns = [Turn(speaker="user", text="What does a typical day look like?", spoken_start=0, spoken_seconds=4)]
    transcript = Transcript(id="x", persona=persona, persona_id=persona.id,
                            engine=OfflineEngine().info, settings=SessionSettings(agreed_minutes=30), turns=turns)
    request = ReplyRequest(persona=persona, settings=transcript.settings, turns=turns, clock=transcript.clock_state())

    async def collect():
        return [chunk async for chunk in OfflineEngine().stream_reply(request)]

    chunks = asyncio.run(collect())
    assert len(chunks) > 10
    assert first_sentence(persona.topic("typical_day")[0]) in "".join(chunks)
