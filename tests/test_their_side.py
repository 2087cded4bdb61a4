"""Their side of the coffee, offline: what the professional privately made of the meeting, tied to
the turns that caused it, in their voice, and the same every time for the same transcript."""

from __future__ import annotations

import asyncio
import re

import golden
import pytest

from coffeechat.core.followup import thank_you_draft
from coffeechat.core.rubric.score import score_transcript
from coffeechat.core.session import Session
from coffeechat.core.their_side import TheirSide, offline_their_side
from coffeechat.core.their_side_offline import NOTES, peeve_in_first_person
from coffeechat.core.transcript import SessionSettings, Transcript
from coffeechat.engines.offline import OfflineEngine

LIBRARY = golden.LIBRARY


def rehearse(persona_id: str, lines: list[str], minutes: float | None = None) -> Transcript:
    """A meeting with the offline engine, as ``coffeechat rehearse`` runs it, ended and scored."""
    persona = LIBRARY.get(persona_id).persona

    async def go() -> Session:
        session = Session.start(persona, OfflineEngine(), SessionSettings(agreed_minutes=minutes or persona.manner.default_minutes), "t")
        for line in lines:
            if session.they_left:
                break
            await session.ask(line)
        return session

    session = asyncio.run(go())
    session.finish()
    return session.transcript


def their_side(t: Transcript) -> TheirSide:
    return offline_their_side(t, t.score or score_transcript(t))


def sentences(text: str) -> list[str]:
    """Sentences as a reader counts them: punctuation inside a quote, or after "Dr", ends none."""
    unquoted = re.sub(r'"[^"]*"', "Q", text).replace("Dr.", "Dr")
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", unquoted.strip()) if s]


def late_questions(t: Transcript) -> set[int]:
    return {e.turn for e in t.score.criterion("time_keeping").evidence if e.note.startswith("another question after")}


SCHEDULER = [
    "Hi Priya, thanks so much for making the time. I'm a junior studying computer science at Pitt, and I'm trying to figure"
    " out whether backend engineering is right for me.",
    "What does a typical week look like for you?",
    "What's been the hardest part of the work?",
    "You mentioned the scheduler module that nobody fully understands - how do you change something like that safely?",
    "How did you get into software engineering?",
    "If you were in my position, what would you focus on this year?",
    "I know we're almost at time, so one last question: is there anyone else you think I should talk to?",
    "Thank you so much for your time, this was really helpful. I'll keep you posted on how it goes.",
]

OVER_RUN = [
    "Hi Daniel, thanks for meeting. I'm an engineering senior exploring consulting, and I hoped to hear about your path.",
    "How did you move from engineering into consulting?",
    "What does a typical week look like for you?",
    "You mentioned the Indiana box plant - what was the hardest part of that project?",
    "What skills matter most?",
    "What trends are you seeing in your clients' industries?",
    "What is the culture like at Harlow & Pike?",
    "And how should I prepare for case interviews?",
    "What advice would you give me?",
    "What's the most rewarding part?",
    "Why did you choose Harlow & Pike?",
    "Thanks so much, this was great.",
]


def job_asker(persona_id: str) -> Transcript:
    p = LIBRARY.get(persona_id).persona
    return rehearse(persona_id, [
        f"Hi {p.first_name}, I'm Sam, a senior at Ohio State, and I wanted to hear how you got into {p.industry.lower()}.",
        "How did you get into this work?",
        "What's the hardest part of your job?",
        "Are you hiring right now? Could you pass my resume along to your recruiter?",
        "What skills matter most on your team?",
        "Thank you so much for your time.",
    ], minutes=30)


def average(persona_id: str) -> Transcript:
    p = LIBRARY.get(persona_id).persona
    return rehearse(persona_id, [f"Hi {p.first_name}, I'm a student.", f"What does {p.employer.name} do?", "Do you like your job?",
                                 "How did you get into this work?", "Is it stressful?", "What skills matter most?",
                                 "Thanks for your time!"])


# -- what a visitor would notice -----------------------------------------------------------------


def test_a_busy_strict_professional_minds_the_over_run_and_quotes_the_question_asked_after_the_signal():
    t = rehearse("management-consultant", OVER_RUN, minutes=6)
    side = their_side(t)
    late = late_questions(t)
    assert late, "the conversation was meant to run on after the time signal"
    over_run = [m for m in side.put_off if m.turn in late]
    assert over_run and "flagged the time" in over_run[0].note
    asked_late = [m.quote for m in side.put_off if m.turn > min(late) - 2]
    assert any(f'"{q.rstrip(".")}"' in side.impression for q in asked_late), side.impression
    assert re.search(r"\bover\b|\bleft\b|flagged the time", side.impression)
    assert side.introduce is False  # walking a strict professional out of the room costs the introduction


def test_the_golden_over_runner_has_them_leave_and_say_so():
    t = golden.over_runner()
    t.score = score_transcript(t)
    side = their_side(t)
    assert "so I left" in side.impression or "had to" in side.impression
    assert {m.turn for m in side.put_off} & late_questions(t)
    assert not side.introduce


def test_a_googleable_question_their_peeve_names_is_mentioned_and_quoted():
    t = average("environmental-policy")  # peeve: asking what Clearwater does when it's on the front page of the website
    side = their_side(t)
    asked = next(n for n, turn in enumerate(t.turns, 1) if turn.text.startswith("What does Clearwater"))
    moment = next(m for m in side.put_off if m.turn == asked)
    assert "front page of the website" in moment.note
    assert '"What does Clearwater Alliance do?"' in side.impression and "front page of the website" in side.impression


def test_a_peeve_is_matched_by_its_words_even_when_the_rubric_does_not_flag_the_question():
    # "Questions about what the firm does or which offices it has, which the careers page answers."
    t = rehearse("management-consultant", ["Hi Daniel, I'm Sam, an economics junior exploring consulting.",
                                           "Which offices do you have?", "What does a typical week look like for you?",
                                           "Thanks so much for your time."], minutes=20)
    side = their_side(t)
    moment = next(m for m in side.put_off if m.quote == "Which offices do you have?")
    assert "careers page" in moment.note and t.turns[moment.turn - 1].text == "Which offices do you have?"


def test_a_referral_ask_before_any_question_about_the_work_touches_that_peeve():
    # Priya: "Being asked for a referral before the person has asked her anything about the work."
    t = rehearse("software-engineer", ["Hi Priya, I'm Sam, a CS junior.", "Could you refer me to anyone on your team?",
                                       "What does a typical week look like for you?", "Thanks for your time!"], minutes=30)
    side = their_side(t)
    early = next(m for m in side.put_off if m.turn == 4)
    assert "before" in early.note or "pet peeve" in early.note.lower()
    assert not side.introduce


@pytest.mark.parametrize("persona_id", ["software-engineer", "management-consultant", "data-scientist"])  # warm, busy, reserved
def test_a_job_ask_costs_the_introduction_and_is_put_off_at_its_turn(persona_id):
    t = job_asker(persona_id)
    side = their_side(t)
    ask = next(n for n, turn in enumerate(t.turns, 1) if turn.speaker == "user" and "hiring" in turn.text)
    assert side.introduce is False
    moment = next(m for m in side.put_off if m.turn == ask)
    assert moment.quote == "Are you hiring right now?"
    assert moment.note.startswith(NOTES[t.persona.manner.temperament]["job"])
    assert '"Are you hiring right now?"' in side.impression


def test_each_temperament_says_the_job_ask_in_its_own_way():
    notes = {their_side(job_asker(pid)).put_off[0].note.split(".")[0] for pid in
             ("software-engineer", "management-consultant", "data-scientist")}
    assert len(notes) == 3, notes
    warm = their_side(job_asker("software-engineer")).impression
    busy = their_side(job_asker("management-consultant")).impression
    assert max(len(s) for s in sentences(busy)) < max(len(s) for s in sentences(warm))  # brisk, short sentences


def test_a_good_conversation_names_the_colleague_they_suggested_and_would_meet_again():
    t = rehearse("software-engineer", SCHEDULER, minutes=12)
    side = their_side(t)
    assert side.another_meeting and side.introduce
    assert side.colleague == "Marcus Bell" and "Marcus Bell" in side.impression
    follow_up = side.stood_out[0]
    assert follow_up.turn == 8 and "scheduler module" in follow_up.note
    assert "scheduler module" in side.impression
    assert not side.put_off


def test_the_colleague_is_none_unless_they_named_one_or_would_introduce():
    side = their_side(job_asker("software-engineer"))
    assert side.colleague is None  # nobody was named, and no introduction
    strong = their_side(golden.strong())
    assert strong.colleague == "Marcus Bell"  # named in the conversation ("You should talk to Marcus Bell")


def test_thanks_and_a_referral_ask_at_the_end_count_for_the_introduction():
    base = SCHEDULER[:3] + SCHEDULER[4:6]
    plain = their_side(rehearse("data-scientist", base, minutes=30))
    closed = their_side(rehearse("data-scientist", base + SCHEDULER[6:], minutes=30))
    assert not plain.introduce and closed.introduce
    assert closed.colleague in [r.name for r in LIBRARY.get("data-scientist").persona.referrals]


# -- the moments point at the words they quote ------------------------------------------------------


def _conversations() -> list[Transcript]:
    found = [rehearse("software-engineer", SCHEDULER, 12), rehearse("management-consultant", OVER_RUN, 6)]
    found += [golden.strong(), golden.closed_and_googleable(), golden.job_asker(), golden.over_runner(), golden.abrupt()]
    found += [average(pid) for pid in LIBRARY.personas]
    return found


CONVERSATIONS = _conversations()


@pytest.mark.parametrize("t", CONVERSATIONS, ids=lambda t: f"{t.persona_id}-{len(t.turns)}")
def test_every_moment_is_the_visitors_turn_whose_words_it_quotes(t):
    side = their_side(t)
    assert len(side.stood_out) <= 4 and len(side.put_off) <= 4
    for m in side.moments():
        turn = t.turns[m.turn - 1]
        assert turn.speaker == "user", (m.turn, m.quote)
        assert len(m.quote) <= 120
        assert m.quote.rstrip("…") in " ".join(turn.text.split()), (m.quote, turn.text)


@pytest.mark.parametrize("t", CONVERSATIONS, ids=lambda t: f"{t.persona_id}-{len(t.turns)}")
def test_the_impression_is_three_or_four_sentences_in_the_first_person(t):
    impression = their_side(t).impression
    assert 3 <= len(sentences(impression)) <= 4, impression
    assert re.search(r"\b(?:I|I'd|I'll|I'm|me|my)\b", impression)
    assert "{" not in impression and "  " not in impression


def test_the_same_transcript_always_gives_the_same_their_side():
    t = rehearse("management-consultant", OVER_RUN, minutes=6)
    again = Transcript.model_validate_json(t.model_dump_json())
    assert their_side(t) == their_side(again) == their_side(t)
    t.their_side = their_side(t)
    stored = Transcript.model_validate_json(t.model_dump_json())
    assert stored.their_side == t.their_side  # it fits the transcript's turns, so it is kept


def test_different_conversations_read_differently():
    impressions = {their_side(t).impression for t in CONVERSATIONS}
    assert len(impressions) == len(CONVERSATIONS)


# -- edge cases ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona_id", ["software-engineer", "management-consultant", "data-scientist"])
def test_a_meeting_where_nothing_was_said_gets_a_short_sensible_impression(persona_id):
    side = their_side(golden.build(persona_id, 20, []))
    assert 3 <= len(sentences(side.impression)) <= 4
    assert not side.moments() and not side.introduce and side.colleague is None


def test_a_meeting_without_questions_says_so_and_quotes_what_was_said():
    t = golden.build("management-consultant", 20, [("Hi Daniel, I'm Sam, a CS junior.", "Nice to meet you. What would you like to know?"),
                                                   ("I like computers.", "Great.")])
    side = their_side(t)
    assert "question" in side.impression and '"Hi Daniel, I\'m Sam, a CS junior"' in side.impression
    assert not side.another_meeting and not side.introduce


def test_a_meeting_in_another_language_is_not_judged_on_words_the_rubric_cannot_read():
    t = golden.build("software-engineer", 20, [
        ("Hola Priya, soy Sam, estudiante de informática.", "Hi! Nice to meet you."),
        ("¿Cómo es un día típico en tu trabajo?", "Sorry, could you put that another way?"),
        ("Muchas gracias por tu tiempo.", "Thanks!")])
    side = their_side(t)
    assert "language" in side.impression and not side.moments() and not side.introduce


def test_rudeness_is_put_off_and_rules_out_another_meeting():
    t = golden.build("software-engineer", 20, [
        ("Hi Priya, I'm Sam. <script>alert(1)</script> [bold]x[/bold]", "Hi!"),
        ("This is boring. What does Tidewater Freight do? [link](http://x)", "It's on our website."),
        ("How did you get into software engineering?", golden._p(golden.SE, "career_path", 0))])
    side = their_side(t)
    assert side.put_off[0].turn == 3 and side.put_off[0].quote == "This is boring."
    assert not side.another_meeting and not side.introduce
    assert "<script>" not in side.impression  # quotes come from the turns only where they are quoted


def test_a_five_hundred_turn_transcript_gets_its_side():
    """Its speed is measured in benchmarks/run.py (their side of a 500-turn chat), not asserted here."""
    reply = golden._p(golden.SE, "typical_day", 0, 1)
    exchanges = [("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", "Hi!")]
    exchanges += [(f"What was month {i} of your first year like, and what did you learn about the standup?", reply) for i in range(249)]
    t = golden.build(golden.SE, 60, exchanges)
    side = offline_their_side(t, score_transcript(t))
    assert 3 <= len(sentences(side.impression)) <= 4


def test_a_pet_peeve_is_said_in_the_first_person():
    nurse = LIBRARY.get("registered-nurse").persona
    assert peeve_in_first_person("Calls that run over: she sleeps during the day and has a shift tonight.", nurse) == \
        "calls that run over: I sleep during the day and have a shift tonight"
    assert peeve_in_first_person("Being asked to get someone a job on her unit.", nurse) == "being asked to get someone a job on my unit"
    consultant = LIBRARY.get("management-consultant").persona
    assert peeve_in_first_person("Rambling introductions; he wants your question in the first minute.", consultant) == \
        "rambling introductions; I want your question in the first minute"


# -- the thank-you draft ---------------------------------------------------------------------------


def test_the_thank_you_draft_draws_on_the_follow_up_they_remembered():
    t = rehearse("software-engineer", SCHEDULER, minutes=12)
    before = thank_you_draft(t)
    t.their_side = their_side(t)
    after = thank_you_draft(t)
    sentence = ('I especially appreciated hearing about the scheduler module, when I asked, '
                '"How do you change something like that safely?"')
    assert sentence in after and sentence not in before
    assert after.replace(" " + sentence, "") == before  # one sentence added, nothing else changed
    assert after.count("Marcus Bell") == before.count("Marcus Bell") == 1


def test_a_persona_of_your_own_with_long_peeves_and_names_still_fits_the_model():
    base = LIBRARY.get("software-engineer").persona
    peeve = "Being asked for a job before " + " ".join(["the person has asked anything at all about the work itself"] * 14) + "."
    referral = base.referrals[0].model_copy(update={"name": "Marcus " + "Bellweather-" * 20 + "Bell", "role": "Engineering Manager, " * 12})
    persona = base.model_copy(update={"manner": base.manner.model_copy(update={"pet_peeves": [peeve]}), "referrals": [referral]})
    t = golden.build(golden.SE, 20, [
        ("Hi Priya, I'm Sam, a CS junior, and I wanted to learn how you got into backend work.", "Hi!"),
        ("What's the hardest part of your work?", golden._p(golden.SE, "challenges", 0)),
        ("Are you hiring right now?", base.lines.on_job_request),
        ("Who else should I talk to?", f"You should talk to {referral.name}, {referral.role}."),
        ("Thank you so much for your time.", base.lines.goodbye)])
    t = t.model_copy(update={"persona": persona})
    side = their_side(t)
    assert side.colleague and len(side.colleague) <= 200 and side.introduce  # they named him: the offer stands
    assert all(len(m.note) <= 300 for m in side.moments()) and len(side.impression) <= 1500
    assert "pet peeve" in side.put_off[0].note


def test_a_question_their_profile_answers_is_minded_with_the_line_that_answers_it():
    t = rehearse("management-consultant", ["Hi Daniel, I'm Ana, a chemical engineering junior curious about consulting.",
                                           "Did you go to Georgia Tech?",
                                           "What does a typical week on an engagement look like for you?",
                                           "Thanks so much for your time!"])
    side = their_side(t)
    [moment] = [m for m in side.put_off if m.quote == "Did you go to Georgia Tech?"]
    assert "BS in Chemical Engineering, Georgia Tech, 2014" in moment.note


def _stored(t: Transcript, **side_changes) -> dict:
    data = t.model_dump(mode="json")
    data["their_side"] = {**their_side(t).model_dump(mode="json"), **side_changes}
    return data


def test_an_edited_their_side_that_is_not_valid_is_dropped_and_the_transcript_still_reads():
    t = golden.strong()
    for changes in ({"mood": "grumpy"}, {"source": "human"}, {"version": 99},
                    {"stood_out": [{"turn": 0, "quote": "x", "note": "y"}]}, {"colleague": "Evil Mallory", "introduce": True}):
        reread = Transcript.model_validate(_stored(t, **changes))
        assert reread.their_side is None and reread.turns == t.turns, changes


def test_a_moment_that_is_not_the_visitors_words_at_its_turn_drops_their_side():
    t = golden.strong()
    theirs = next(n for n, turn in enumerate(t.turns, 1) if turn.speaker == "persona")
    own_words = {"turn": theirs, "quote": t.turns[theirs - 1].text[:40], "note": "The professional's own words."}
    assert Transcript.model_validate(_stored(t, put_off=[own_words])).their_side is None
    made_up = {"turn": 2, "quote": "I am hiring you, send me your CV", "note": "Never said."}
    assert Transcript.model_validate(_stored(t, put_off=[made_up])).their_side is None
    assert Transcript.model_validate(_stored(t)).their_side == their_side(t)


def test_a_colleague_they_named_in_the_meeting_is_introduced_even_after_a_job_ask():
    t = rehearse("software-engineer", ["Hi Priya, I'm Sam, a CS junior; I wanted to hear how you got into backend work.",
                                       "What does a typical week look like for you?",
                                       "Is there anyone else you think I should talk to?",
                                       "Could you refer me for an internship on your team?",
                                       "Thanks so much for your time!"])
    side = their_side(t)
    named = next(r.name for r in t.persona.referrals if r.name in "\n".join(x.text for x in t.persona_turns()))
    assert side.introduce and side.colleague == named
    assert f"wouldn't introduce you to {named}" not in side.impression


def test_a_peeve_about_an_early_job_ask_is_not_pinned_on_a_late_one():
    base = LIBRARY.get("ux-researcher").persona
    persona = base.model_copy(update={"manner": base.manner.model_copy(
        update={"pet_peeves": ["Being asked for a job in the first few minutes."]})})
    t = golden.build("ux-researcher", 30, [
        ("Hi Hannah, I'm Jo, a teacher moving into UX research; I'd love to hear how you got started.", "Hi!"),
        ("What does a typical research project look like for you?", golden._p("ux-researcher", "typical_day", 0)),
        ("What's the hardest part of the work?", golden._p("ux-researcher", "challenges", 0)),
        ("What advice would you give someone switching from teaching?", golden._p("ux-researcher", "advice", 0)),
        ("If a junior role opens up, would you be willing to refer me?", base.lines.on_job_request),
        ("Thank you so much for your time.", base.lines.goodbye)])
    t = t.model_copy(update={"persona": persona})
    side = their_side(t)
    assert not any("first few minutes" in m.note for m in side.moments())


def test_a_follow_up_they_had_to_set_straight_is_not_praised():
    t = rehearse("software-engineer", ["Hi Priya, I'm Sam, a CS junior; I wanted to hear how you got into backend work.",
                                       "What does a typical week look like for you?",
                                       "You mentioned your time at NASA - what was that like?",
                                       "Thanks so much for your time!"])
    nasa = next(n for n, turn in enumerate(t.turns, 1) if "NASA" in turn.text and turn.speaker == "user")
    assert t.turns[nasa].text.startswith("I don't think I mentioned")
    assert nasa not in {m.turn for m in their_side(t).stood_out}


def test_the_thank_you_note_quotes_nothing_rather_than_a_linking_phrase():
    from coffeechat.core.followup import _longest_answer

    answer = ("a typical week is a mix of focused work and meetings with the people i work with, most of it at my desk. "
              "There's another side to it, too. a fair part of the job is coordination: checking in with the people"
              " who depend on my work and making sure nothing falls between two desks.")
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
    ])
    assert _longest_answer(t)[1] is None  # nothing specific of theirs to quote: no quote at all
