"""The offline engine: the professional answers the question asked, at the length a real one would."""

from __future__ import annotations

import asyncio
import re
import statistics

import pytest

from coffeechat.core.engine import ReplyRequest
from coffeechat.core.persona import TOPIC_TITLES
from coffeechat.core.session import Session
from coffeechat.core.transcript import SessionSettings
from coffeechat.engines.offline import CLARIFY, OfflineEngine, first_sentence
from coffeechat.engines import offline
from coffeechat.errors import CoffeechatError
from coffeechat.store.personas import load_library

LIBRARY = load_library()
PERSONAS = [LIBRARY.personas[i].persona for i in LIBRARY.ids()]
INTRO = "Hi, thanks so much for making the time. I'm Sam, a junior studying economics, and I wanted to learn about your work."


def run(persona, lines, minutes=None):
    async def go():
        session = Session.start(persona, OfflineEngine(), SessionSettings(
            agreed_minutes=minutes or persona.manner.default_minutes), "test")
        replies = []
        for line in lines:
            if session.they_left:
                break
            await session.ask(line)
            replies.append(session.transcript.turns[-1].text)
        return session, replies

    return asyncio.run(go())


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


def topics_of(persona, reply: str) -> set[str]:
    """The topics whose passages or stories a reply drew on (a whole sentence of one is in it)."""
    found = {key for key in TOPIC_TITLES if any(s in reply for p in persona.topic(key) for s in _sentences(p))}
    return found | {s.topic for s in persona.stories if any(x in reply for x in _sentences(s.text))}


def script_for(p):
    """Varied turns: topic questions in different phrasings, social moves, with what each should get."""
    return [
        (INTRO, "welcome"),
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
        ("How do people in your field think about salary?", "compensation"),
        ("Is there anyone else you'd suggest I talk to?", "referral"),
        ("Thank you so much for your time, this was really helpful!", "goodbye"),
    ]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_the_meeting_opens_with_their_greeting_for_the_agreed_length(persona):
    session, _ = run(persona, [], minutes=25)
    (greeting,) = session.transcript.turns
    assert greeting.speaker == "persona" and greeting.text == persona.lines.say("greeting", 25)
    assert "{" not in greeting.text and not re.search(rf"^\W*(hi|hello|hey)\W+{persona.first_name}\b", greeting.text, re.I)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_a_full_rehearsal_answers_each_question_from_its_topic_and_never_repeats(persona):
    script = script_for(persona)
    _, replies = run(persona, [line for line, _ in script], minutes=120)
    for (line, expected), reply in zip(script, replies):
        assert reply.strip(), line
        if expected == "welcome":
            assert reply.startswith("Nice to meet you, Sam."), reply
        elif expected == "referral":
            assert any(r.name in reply for r in persona.referrals), reply
        elif expected == "goodbye":
            assert persona.lines.say("goodbye", 120) in reply
        else:
            assert expected in topics_of(persona, reply), f"{line!r} -> {reply!r} is not about {expected}"
    told = [s for reply in replies for s in re.split(r"(?<=[.!?])\s+", reply) if len(s.split()) > 6]
    assert len(set(told)) == len(told), "a sentence was said twice"
    others = [p.name for p in PERSONAS if p.id != persona.id]
    assert not any(name in reply for name in others for reply in replies), "spoke as someone else"


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_open_answers_run_one_to_two_minutes_and_closed_ones_a_sentence_or_two(persona):
    script = [line for line, kind in script_for(persona) if kind in TOPIC_TITLES]
    _, replies = run(persona, [INTRO, *script], minutes=120)
    words = [len(r.split()) for r in replies[1:]]
    assert 100 <= statistics.median(words) <= 300, words
    _, short = run(persona, [INTRO, "Do you travel much for work?", "Do you enjoy your job?"])
    assert all(len(r.split()) <= 60 for r in short[1:]), short


def test_talkativeness_changes_how_long_they_talk():
    by_level = {}
    for p in PERSONAS:
        script = [line for line, kind in script_for(p) if kind in TOPIC_TITLES]
        _, replies = run(p, [INTRO, *script], minutes=120)
        by_level.setdefault(p.manner.talkativeness, []).append(statistics.mean(len(r.split()) for r in replies[1:]))
    means = {level: statistics.mean(values) for level, values in by_level.items()}
    assert means["low"] < means["medium"] < means["high"], means


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p.id)
def test_joined_passages_read_as_speech(persona):
    _, replies = run(persona, [line for line, _ in script_for(persona)], minutes=120)
    for reply in replies:
        assert not re.search(r"\b(And|Also|Plus) [A-Z][a-z]", reply.replace("And I ", "and I ")), reply
        assert ": Right now" not in reply and "  " not in reply


@pytest.mark.parametrize(
    ("question", "topic"),
    [("Do u travel a lot", {"typical_day", "challenges", "culture"}),
     ("What do you look for in an associate's first year?", {"skills", "preparation", "advice"}),
     ("Can you tell me about a time a project went badly?", {"challenges"}),
     ("How do you keep up with friends and family with all the travel?", {"challenges", "culture", "typical_day"}),
     ("what made u leave ur old job?", {"career_path"}),
     ("wat do u like most abt it", {"rewarding"})],
)
def test_real_questions_land_on_their_topic_not_the_fallback(question, topic):
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, question])
    assert replies[1] not in CLARIFY.values()
    assert topics_of(persona, replies[1]) & topic, replies[1]


def test_a_question_about_a_time_something_happened_gets_a_story():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "Can you tell me about a time a project went badly?"])
    assert any(first_sentence(s.text) in replies[1] for s in persona.stories_on("challenges")), replies[1]


def test_offices_are_a_quick_search_answered_in_a_line_with_his_reaction():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "What offices does Harlow & Pike have?"])
    assert "19 offices" in replies[1] and "website" in replies[1]


def test_a_follow_up_goes_deeper_on_what_they_mentioned():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, [INTRO, "What does a typical week look like for you?"], minutes=60)
    week = replies[1]
    mentioned = max(re.findall(r"\b[a-z]+ reviews?\b|\bon-call\b|\bstandup\b|\bdeploys?\b", week.lower()) or ["standup"],
                    key=len)
    _, replies = run(persona, [INTRO, "What does a typical week look like for you?",
                               f"You mentioned {mentioned} - what is that like in practice?"], minutes=60)
    follow = replies[2]
    assert follow not in CLARIFY.values()
    assert topics_of(persona, follow) & topics_of(persona, week), (week, follow)
    assert not set(re.split(r"(?<=[.!?])\s+", follow)) & set(re.split(r"(?<=[.!?])\s+", week))


def test_how_did_that_turn_out_after_a_story_gets_what_they_took_from_it():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "Can you tell me about a time a project went badly?", "Wow. How did that turn out?"])
    story = next(s for s in persona.stories if first_sentence(s.text) in replies[1])
    assert story.lesson and story.lesson in replies[2]


def test_a_question_it_is_unsure_of_is_answered_with_a_hedge_and_nonsense_gets_a_question_back():
    persona = LIBRARY.get("registered-nurse").persona
    _, replies = run(persona, [INTRO, "What is the airspeed velocity of an unladen swallow?", "zxq blorf?"])
    assert replies[2] in CLARIFY.values() or replies[2].startswith(("Do you mean", "If you mean"))


def test_referrals_carry_their_own_pronouns():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, [INTRO, "Is there anyone else you think I should talk to?"])
    referral = persona.referrals[0]
    assert referral.name in replies[1] and f"Tell {referral.object} I sent you" in replies[1]
    assert referral.pronouns == "he/him" and "Tell him" in replies[1]


def test_time_lines_follow_the_agreed_length():
    persona = LIBRARY.get("management-consultant").persona
    questions = ["What does a typical week look like?", "How did you get into consulting?", "What is hard about it?",
                 "What skills matter most?", "How should I prepare?", "What trends do you see?"]
    session, replies = run(persona, [INTRO, *questions], minutes=6)
    said = " ".join(replies)
    assert "six minutes" in said or "That's our six minutes" in said or "about" in said
    assert "twenty minutes" not in said and "half an hour" not in said


def test_time_is_signalled_once_when_nearly_up_and_when_up():
    persona = LIBRARY.get("environmental-policy").persona
    questions = ["What does a typical week look like?", "How did you get into policy?", "What's most rewarding?",
                 "What is hardest about the work?", "What skills matter most?", "What trends do you see?",
                 "What's the culture like?", "What advice would you give me?"]
    session, replies = run(persona, [INTRO, *questions], minutes=6)
    nearly = [r for r in replies if persona.lines.pattern("time_nearly_up").search(r)]
    up = [r for r in replies if persona.lines.pattern("time_up").search(r)]
    assert len(nearly) == 1 and len(up) == 1
    assert replies.index(nearly[0]) < replies.index(up[0])


def test_a_strict_professional_leaves_and_the_meeting_is_over():
    persona = LIBRARY.get("management-consultant").persona
    questions = ["What does a typical week look like?", "How did you get into consulting?", "What's rewarding?",
                 "What is hard?", "What skills matter?", "How do I prepare?", "What trends matter?",
                 "What is the culture like?", "Why Harlow & Pike?", "Any advice?", "What else is hard?"]
    session, replies = run(persona, [INTRO, *questions], minutes=3)
    assert session.they_left
    assert "I really do have to go now" in replies[-1]
    assert sum("I really do have to go now" in r for r in replies) == 1, "the goodbye is said once, not to every message"
    with pytest.raises(CoffeechatError, match="has left"):
        session.add_user_turn("One more question?")


def test_the_same_transcript_always_gets_the_same_reply():
    persona = LIBRARY.get("ux-researcher").persona
    a = run(persona, [line for line, _ in script_for(persona)])[1]
    b = run(persona, [line for line, _ in script_for(persona)])[1]
    assert a == b


def test_replies_stream_in_pieces_that_join_to_the_full_text():
    persona = LIBRARY.get("software-engineer").persona
    session = Session.start(persona, OfflineEngine(), SessionSettings(agreed_minutes=30), "x")
    session.add_user_turn("What does a typical day look like?")
    t = session.transcript
    request = ReplyRequest(persona=persona, settings=t.settings, turns=tuple(t.turns), clock=t.clock_state())

    async def collect():
        return [chunk async for chunk in OfflineEngine().stream_reply(request)]

    chunks = asyncio.run(collect())
    assert len(chunks) > 10 and "typical_day" in topics_of(persona, "".join(chunks))


def test_a_job_request_gets_the_persona_reaction_not_a_job():
    for persona in PERSONAS:
        _, replies = run(persona, [INTRO, "Are you hiring? Could you pass my resume along to your recruiter?"])
        assert persona.lines.say("on_job_request", 20) in replies[1]


@pytest.mark.parametrize(("persona_id", "question", "said"), [
    ("data-scientist", "Do you work remotely?", "hybrid"),
    ("software-engineer", "Are you on call?", "on call"),
    ("ux-researcher", "Do you travel a lot?", "trips a year"),
])
def test_a_closed_question_gets_the_sentence_that_answers_it_in_other_words(persona_id, question, said):
    _, replies = run(LIBRARY.get(persona_id).persona, [INTRO, question])
    assert said in replies[1] and len(replies[1].split()) <= 80, replies[1]


def test_a_question_after_you_mentioned_is_answered_about_what_it_asks():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "What does a typical week look like?",
                               "You mentioned being at the client Monday to Thursday. How do you manage that travel long-term?"], minutes=60)
    assert "challenges" in topics_of(persona, replies[2]), replies[2]


@pytest.mark.parametrize("question", ["How much time do we have left?", "do you have a few more minutes?",
                                      "We've got a few minutes left, right?", "How are we doing on time?"])
def test_a_question_about_the_time_gets_the_time(question):
    persona = LIBRARY.get("nonprofit-program-manager").persona
    _, replies = run(persona, [INTRO, question], minutes=25)
    assert replies[1].startswith("We're fine, we have about twenty-"), replies[1]


def test_asking_to_keep_in_touch_gets_a_yes_and_with_thanks_a_goodbye():
    persona = LIBRARY.get("data-scientist").persona
    _, replies = run(persona, [INTRO, "How did you get into this?", "Can I send you a quick update after my interviews?",
                               "Thank you so much, Kenji! Would it be ok if I kept in touch?"], minutes=60)
    assert replies[2].startswith("Yes, that's fine.") and persona.lines.goodbye not in replies[2]
    assert replies[3].startswith("Yes, that's fine.") and persona.lines.goodbye in replies[3]


def test_a_strict_professional_asked_for_one_more_after_time_is_up_does_not_repeat_the_time_line():
    persona = LIBRARY.get("product-manager").persona
    session, replies = run(persona, [INTRO, "How did you get into this?", "What's hard?", "What do you like?",
                                     "What skills matter?", "How much time do we have left?", "Can I ask one more?"], minutes=5)
    time_up = persona.lines.say("time_up", 5)
    assert sum(time_up in r for r in replies) <= 1


def test_you_mentioned_something_never_said_is_pointed_out_not_played_along():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, [INTRO, "What does a typical day look like for you?",
                               "You mentioned your time at NASA, what was that like?", "How did that turn out?"])
    assert replies[2].startswith("I don't think I mentioned my time at NASA")
    assert replies[3] == "Sorry, which part do you mean?"


def test_you_mentioned_x_with_a_question_of_no_words_of_its_own_is_about_x():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, [INTRO, "What does a typical day look like for you?", "You mentioned PostGIS, what is it used for?"])
    assert "PostGIS" in replies[1] and "PostGIS" in replies[2].split(". ", 1)[1], replies[2]


def test_the_same_question_a_third_time_is_not_answered_with_old_passages_again():
    persona = LIBRARY.get("software-engineer").persona
    _, replies = run(persona, [INTRO] + ["What does a typical week look like for you?"] * 4, minutes=60)
    assert replies[3] in offline.COVERED.values() and replies[4] in offline.COVERED.values()
    assert replies[1] != replies[2] and replies[2] not in offline.COVERED.values()


def test_quoting_an_earlier_answer_keeps_names_capitalised():
    assert offline._lower_first("Tidewater is remote-first.") == "Tidewater is remote-first."
    assert offline._lower_first("Monday to Thursday I fly.") == "Monday to Thursday I fly."
    assert offline._lower_first("A project starts small.") == "a project starts small."
    assert offline._lower_first("The tools are standard.") == "the tools are standard."


@pytest.mark.parametrize("strict_id, minutes", [("management-consultant", 5), ("software-engineer", 5)])
def test_every_professional_leaves_at_last_the_strict_ones_first(strict_id, minutes):
    persona = LIBRARY.get(strict_id).persona
    session, replies = run(persona, [INTRO] + [f"What else should I know about {t}?" for t in
                                               ("travel", "hours", "teams", "clients", "pay", "training", "reviews",
                                                "tools", "mentors", "the industry", "growth", "stress", "culture",
                                                "schools", "exits", "projects", "juniors", "managers", "AI", "remote work",
                                                "offices", "promotion", "feedback", "mistakes", "weekends")] * 2,
                           minutes=minutes)
    assert session.they_left
    over = session.clock.elapsed_minutes - minutes
    assert over < (6 if persona.manner.strict_about_time else 16), over


def test_a_referral_ask_with_a_wish_gets_the_colleague_who_fits_it():
    persona = LIBRARY.get("high-school-teacher").persona
    _, replies = run(persona, [INTRO, "Is there anyone you'd suggest I talk to, maybe someone who did alt licensure too?"])
    fits = next(r for r in persona.referrals if "licensure" in r.why)
    assert replies[1].startswith(f"You should talk to {fits.name}")


def test_a_time_a_client_pushed_back_gets_a_story_of_something_hard():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "Can you tell me about a time a client pushed back on your recommendation?"])
    told = [s for s in persona.stories if first_sentence(s.text) in replies[1]]
    assert told and told[0].topic == "challenges", replies[1][:200]


def test_how_did_the_named_project_turn_out_gets_what_they_took_from_that_story():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "Can you tell me about a time a project went badly?", "What's the hardest part of the job?",
                               "How did the warehouse project turn out in the end?"], minutes=60)
    story = next(s for s in persona.stories if first_sentence(s.text) in replies[1])
    assert story.lesson in replies[3] and ", ." not in replies[3]


def test_keeping_in_touch_inside_a_real_question_is_not_a_goodbye_and_a_goodbye_is_not_said_twice():
    persona = LIBRARY.get("management-consultant").persona
    _, replies = run(persona, [INTRO, "How did you get into consulting?", "Do you still keep in touch with your old team?",
                               "Thanks so much!", "Can I keep in touch?"], minutes=60)
    assert persona.lines.goodbye not in replies[2] and not replies[2].startswith(tuple(offline.STAY_IN_TOUCH_YES.values()))
    assert persona.lines.goodbye in replies[3]
    assert persona.lines.goodbye not in replies[4] and replies[4].startswith(offline.STAY_IN_TOUCH_YES["busy"])


def test_near_the_end_an_open_answer_is_short():
    persona = LIBRARY.get("software-engineer").persona
    session, replies = run(persona, [INTRO] + ["How did you get into this?", "What's a typical week like?", "What's hard about it?",
                                               "What skills matter?", "How should I prepare?", "Where is the field going?",
                                               "What's the culture like?", "Why Tidewater?"], minutes=8)
    late = [r for r, turn in zip(replies, session.transcript.replies()) if turn.spoken_start / 60 > 8 - 2]
    assert late and all(len(r.split()) <= 160 for r in late), [len(r.split()) for r in late]


def test_a_fact_their_profile_states_is_answered_from_the_line_that_states_it(home, cli, tmp_path):
    script = tmp_path / "q.txt"
    script.write_text("Hi Priya, I'm Sam, a CS junior.\nDid you work at PNC Bank before this?\n", encoding="utf-8")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert result.code == 0, result.err
    assert "Priya: Yes. It's all on my LinkedIn, but happy to say it: Software Engineer at PNC Bank, 2016-2019." in result.out


def test_a_claim_of_something_never_said_is_set_straight_in_plain_words():
    persona = LIBRARY.get("software-engineer").persona
    for claim, answer in (("You mentioned the bridge collapse study - how did it change you?", "the bridge collapse study"),
                          ("You mentioned your time at NASA - what was that like?", "my time at NASA"),
                          ("You mentioned you grew up in Chile - how did that shape you?", "that")):
        _, replies = run(persona, [INTRO, claim])
        assert replies[1].startswith(f"I don't think I mentioned {answer}, actually."), replies[1]
