"""Golden transcripts get the scores a career coach would give, with evidence at the right turns."""

from __future__ import annotations

import re
from pathlib import Path

import golden
import pytest
from coffeechat.core.rubric.score import JOB_ASK_CAP, WEIGHTS, score_transcript


README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
README_SCRIPT = re.search(r"cat > questions.txt <<'END'\n(.*?)\nEND", README, re.S).group(1).splitlines()


def turns_cited(report, key):
    return {e.turn for e in report.criterion(key).evidence}


def test_a_strong_interview_scores_high_on_every_criterion():
    report = score_transcript(golden.strong())
    assert report.overall >= 85
    assert all(c.score >= 80 for c in report.criteria), [(c.key, c.score) for c in report.criteria]
    assert turns_cited(report, "opening") == {1}
    assert {5, 13} <= turns_cited(report, "listening")  # the two follow-ups
    assert {19, 21} <= turns_cited(report, "closing")  # referral ask, then thanks
    assert 17 in turns_cited(report, "time_keeping")  # "I know we're almost at time"


def test_closed_and_googleable_questions_score_low_and_are_pointed_out():
    report = score_transcript(golden.closed_and_googleable())
    assert report.overall <= 45
    assert report.criterion("open_questions").score < 40
    assert report.criterion("insight").score < 30
    googleable_turns = {e.turn for e in report.criterion("insight").evidence if "search" in e.note}
    assert googleable_turns == {3, 5, 7, 15}
    tip = report.criterion("open_questions").tip
    assert tip.startswith("Turn 9:") and '"What do you like most about your job?"' in tip


def test_a_job_ask_zeroes_that_criterion_caps_the_overall_and_cites_the_asks():
    report = score_transcript(golden.job_asker())
    assert report.criterion("no_job_ask").score == 0
    assert turns_cited(report, "no_job_ask") == {7, 11}
    assert report.overall <= JOB_ASK_CAP and "job ask" in report.headline


def test_an_over_runner_loses_time_keeping_for_each_question_after_the_signal():
    report = score_transcript(golden.over_runner())
    strong = score_transcript(golden.strong())
    time = report.criterion("time_keeping")
    assert time.score <= 40
    assert "over" in time.summary and "signalled the time" in time.summary
    assert {10, 15, 17} <= turns_cited(report, "time_keeping")
    assert "Work on: time-keeping" in report.headline
    assert report.overall <= strong.overall - 15


def test_stopping_abruptly_without_thanks_scores_zero_on_closing():
    report = score_transcript(golden.abrupt())
    closing = report.criterion("closing")
    assert closing.score == 0
    assert turns_cited(report, "closing") == {9}
    assert "Is there anyone else you think I should talk to?" in closing.tip and "Thank you" in closing.tip


def test_every_criterion_has_a_tip_that_quotes_a_better_phrasing():
    for build in (golden.strong, golden.closed_and_googleable, golden.job_asker, golden.over_runner, golden.abrupt):
        for c in score_transcript(build()).criteria:
            assert c.tip and c.summary
            if c.score < 80 and c.assessed:
                assert '"' in c.tip, (c.key, c.tip)


def test_the_same_transcript_always_gets_the_same_report():
    assert score_transcript(golden.strong()) == score_transcript(golden.strong())


def test_weights_sum_to_one_hundred_and_overall_is_their_weighted_mean():
    assert sum(WEIGHTS.values()) == 100
    report = score_transcript(golden.strong())
    assert all(c.assessed for c in report.criteria)
    assert report.overall == round(sum(c.score * c.weight for c in report.criteria) / 100)


def test_a_criterion_the_conversation_never_tested_is_left_out_of_the_overall():
    report = score_transcript(golden.abrupt())  # a few questions, far from the agreed end
    time = report.criterion("time_keeping")
    assert not time.assessed and time.summary.startswith("Not scored: the clock never came into play")
    assessed = [c for c in report.criteria if c.assessed]
    assert report.overall == round(sum(c.score * c.weight for c in assessed) / sum(c.weight for c in assessed))
    assert "Not scored: time-keeping" in report.headline


def test_an_empty_conversation_scores_zero_without_crashing():
    empty = golden.build("software-engineer", 20, [])
    report = score_transcript(empty)
    assert report.overall <= 40 and report.criterion("open_questions").score == 0


def _first_turns(*user_lines: str):
    return golden.build("management-consultant", 20, [(line, "Hi. Happy to help. Go ahead.") for line in user_lines])


@pytest.mark.parametrize(
    "line",
    ["Hi Daniel, thanks for meeting me. I'm Sam, a junior studying economics, and I reached out because I'm curious how"
     " consultants spend their weeks.",
     "Thanks for making time. I am a student exploring product management, and I hoped to hear how you got into it.",
     README_SCRIPT[0],
     "Hi, I'm Sam. Jamal from the Pitt alumni network said you'd be a great person to ask about backend roles.",
     "Hi Priya — Sam here, we met at the Pittsburgh Python meetup, and I wanted to hear more about your work.",
     "Thanks for making the time. As a self-taught developer, I'd really value hearing how you think about backend careers.",
     "Hello, my name is Sam Lee. I'm a nurse thinking of moving into health tech, and Marcus suggested I talk to you."],
)
def test_an_opening_that_says_who_and_why_in_any_order_gets_full_marks(line):
    opening = score_transcript(_first_turns(line, "What does a typical week look like for you?")).criterion("opening")
    assert opening.score == 100, opening.summary


def test_the_tip_never_asks_to_drop_an_open_follow_up():
    reply = golden._p(golden.SE, "typical_day", 0, 1)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", "Hi! Ask away."),
        ("What does a typical week look like for you?", reply),
        ("You said you wanted to see the business side - what surprised you most about it?", reply),
        ("Do you like it?", "Yes."),
    ])
    report = score_transcript(t)
    assert "business side" not in report.criterion("open_questions").tip
    assert report.criterion("open_questions").tip.startswith("Turn 7:")


def test_a_prepared_question_that_shares_a_word_with_the_answer_is_not_a_follow_up():
    prepared = ["What does code review look like on your team?", "How do you pick which project to work on next?"]
    reply = "Mostly I review code for the routing project and write code for the depot project."
    t = golden.build(golden.SE, 30, prepared=prepared, exchanges=[
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", reply),
        (prepared[0], reply), (prepared[1], reply),
    ])
    listening = score_transcript(t).criterion("listening")
    assert listening.summary.startswith("0 follow-up questions"), listening.evidence


def test_job_and_referral_asks_never_count_as_insight():
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", "Hi!"),
        ("What surprised you most in your first year?", golden._p(golden.SE, "challenges", 0)),
        ("Can you pass my CV to your recruiting team?", "I'd rather not."),
        ("How do I get hired here and will you be my mentor?", "Let's keep talking about the work."),
    ])
    insight = score_transcript(t).criterion("insight")
    assert insight.summary.startswith("1 of 1 questions asked about their own experience")
    assert "2 asked them for something (a referral or a job), left out here" in insight.summary
    assert all(e.turn == 3 for e in insight.evidence)
    assert {e.turn for e in score_transcript(t).criterion("no_job_ask").evidence} == {5, 7}


def test_time_keeping_is_not_praised_when_the_clock_never_came_into_play():
    report = score_transcript(golden.abrupt())
    time = report.criterion("time_keeping")
    assert not time.assessed and "Well kept" not in time.tip and not time.evidence


def test_naming_the_time_after_they_have_left_is_not_acknowledging_it():
    persona = golden.LIBRARY.get("management-consultant").persona
    long_reply = golden._p("management-consultant", "career_path", 0, 1, 2) * 3
    t = golden.build("management-consultant", 5, [
        ("Hi Daniel, I'm an economics junior exploring consulting, and I hoped to hear how you got into it.", "Go ahead."),
        ("How did you get into consulting?", long_reply),
        ("What does a typical week look like?", long_reply + " " + persona.lines.time_up),
        ("Thanks so much for your time.", persona.lines.goodbye),
    ], trailing_user="Wait, one more question?")
    time = score_transcript(t).criterion("time_keeping")
    assert time.assessed
    notes = {e.turn: e.note for e in time.evidence}
    assert notes.get(9) == "mentions the time only after they had left"
    assert "acknowledges the time" not in notes.values()


@pytest.mark.parametrize(
    ("closed", "opened"),
    [("Do you like your job?", "What do you like most about your job?"),
     ("Is it stressful?", "What makes it stressful, and how do you handle it?"),
     ("Was the switch hard?", "What made the switch hard, and how did you handle it?"),
     ("Are you happy?", "What makes you happy in this work?")],
)
def test_the_open_rewrite_keeps_the_question_the_user_asked(closed, opened):
    from coffeechat.core.rubric.classify import classify
    from coffeechat.core.rubric.suggest import open_rewrite

    assert open_rewrite(classify(closed)) == opened


def test_the_tip_never_suggests_a_question_already_asked():
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", "Hi!"),
        ("What does a typical week look like for you?", golden._p(golden.SE, "typical_day", 0)),
        ("Who do you work with day to day?", "Mostly my team of five."),
    ])
    tip = score_transcript(t).criterion("open_questions").tip
    assert tip.startswith("Turn 5:") and "What does a typical week look like for you?" not in tip


def test_the_listening_tip_quotes_a_real_answer_not_a_request_to_rephrase():
    persona = golden.LIBRARY.get(golden.SE).persona
    confused = "Hmm, I'm not sure I follow. Could you put that another way? I'm happy to talk about my day-to-day, how I got here."
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", "Hi!"),
        ("Blorp?", confused), ("Why?", confused),
        ("What does a typical week look like for you?", golden._p(golden.SE, "typical_day", 0)),
        ("How did you get into software engineering?", golden._p(golden.SE, "career_path", 0)),
        ("Thanks so much!", persona.lines.goodbye),
    ])
    listening = score_transcript(t).criterion("listening")
    assert listening.summary.startswith("0 follow-up questions")  # "Why?" after a request to rephrase picks up nothing
    assert "not sure I follow" not in listening.tip and persona.lines.goodbye[:30] not in listening.tip


def test_a_non_introduction_is_not_credited_as_one():
    opening = score_transcript(_first_turns("My name is not important. What does Harlow & Pike do?")).criterion("opening")
    assert opening.score == 0


def test_a_referral_ask_mid_conversation_does_not_count_as_wrapping_up():
    persona = golden.LIBRARY.get("management-consultant").persona
    reply = golden._p("management-consultant", "career_path", 0, 1, 2)
    exchanges = [("Hi Daniel, I'm an economics junior exploring consulting, and I hoped to hear how you got into it.", "Go ahead."),
                 ("Is there anyone else you think I should talk to?", "Talk to my colleague Lena."),
                 ("I know we only have a few minutes, so I'll keep an eye on the time.", "Good.")]
    exchanges += [(q, reply) for q in ("How did you get into consulting?", "What does a typical week look like?",
                                        "What is the hardest part?", "What skills matter most?", "What would you tell me to read?")]
    exchanges += [("Thank you so much for your time.", persona.lines.goodbye)]
    time = score_transcript(golden.build("management-consultant", 5, exchanges)).criterion("time_keeping")
    wrap = [e for e in time.evidence if e.note.startswith("starts to wrap up")]
    assert [e.turn for e in wrap] == [17]  # the thanks at the end, not the early referral ask or time remark


def test_a_referral_ask_after_they_have_left_does_not_count_for_the_close():
    persona = golden.LIBRARY.get("management-consultant").persona
    long_reply = golden._p("management-consultant", "career_path", 0, 1, 2) * 3
    t = golden.build("management-consultant", 5, [
        ("Hi Daniel, I'm an economics junior exploring consulting, and I hoped to hear how you got into it.", "Go ahead."),
        ("How did you get into consulting?", long_reply + " " + persona.lines.time_up),
        ("What does a typical week look like?", persona.lines.goodbye),
        ("Is there anyone else you think I should talk to?", persona.lines.goodbye),
    ])
    closing = score_transcript(t).criterion("closing")
    assert "asks who else to talk to" not in [e.note for e in closing.evidence]


def test_full_marks_are_said_as_such_not_as_something_to_work_on():
    report = score_transcript(golden.strong())
    if all(c.score == 100 for c in report.criteria if c.assessed):
        assert "Work on" not in report.headline and "Full marks" in report.headline


def test_a_long_run_of_questions_needs_more_than_two_follow_ups():
    reply = golden._p(golden.SE, "typical_day", 0, 1)
    questions = [f"What was month {i} of your first year like?" for i in range(1, 26)]
    t = golden.build(golden.SE, 60, [("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend"
                                      " your days.", "Hi!")] + [(q, reply) for q in questions[:23]]
                     + [("You mentioned the standup with your five-person team - what happens in it?", reply)] * 2)
    listening = score_transcript(t).criterion("listening")
    assert listening.summary.startswith("2 follow-up questions") and listening.score < 80


def test_a_prepared_question_is_ticked_only_by_a_question_that_asks_it():
    from coffeechat.core.prepare import asked

    prepared = ["Do you like consulting?", "How did you get into consulting?"]
    said = ["Hi Daniel, I'm Maya, an econ junior, trying to figure out whether consulting is right for me.",
            "So how did you get into consulting?"]
    assert asked(prepared, said) == {1}


def test_an_opening_with_a_full_name_says_who_you_are_and_keeping_in_touch_counts():
    t = golden.build("nonprofit-program-manager", 25, [
        ("Hi Jamal! I'm Tasha Greene, I just finished AmeriCorps and I'm exploring youth workforce programs.", "Nice to meet you."),
        ("How did you get into this work?", "It's a long story."),
        ("Thank you so much! Would it be ok if I kept in touch?", "Of course.")])
    report = score_transcript(t)
    assert report.criterion("opening").score == 100
    assert "staying in touch" in report.criterion("closing").summary


@pytest.mark.parametrize("correction", [
    "I don't think I mentioned my time at NASA, actually. What would you like to know about my work?",  # the offline professional
    "Hmm, I didn't actually mention NASA - I've never worked there. Happy to tell you about my path, though.",
    "Sorry, which part do you mean?",
    "I don\u2019t think I mentioned that, actually.",  # a model's curly apostrophe
    "Good question! I don't think I've mentioned NASA at all.",
    "Hmm, I don't believe I ever mentioned that.",
    "*laughs* That's not something I said, but I'm happy to talk about my first job.",
    "Nice to meet you, Sam. I don't think I mentioned my time at NASA, actually.",
])
def test_a_follow_up_they_had_to_set_straight_is_not_counted_as_listening(correction):
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        ("You mentioned your time at NASA - what was that like?", correction),
        ("What surprised you most in your first year?", golden._p(golden.SE, "challenges", 0)),
    ])
    listening = score_transcript(t).criterion("listening")
    assert listening.summary.startswith("0 follow-up questions"), listening.evidence
    assert any(e.turn == 3 and "had not said that" in e.note for e in listening.evidence)
    assert listening.tip.startswith("Pick up a detail they gave")


def test_a_follow_up_they_answer_still_counts():
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        ("You mentioned PostGIS - what was that like to learn?", "Hard at first, then fun once the maps made sense. " + answer),
    ])
    assert score_transcript(t).criterion("listening").summary.startswith("1 follow-up question;")


def test_every_phrase_the_closing_tip_recommends_is_credited_when_said():
    answer = golden._p(golden.SE, "typical_day", 0)
    opening = ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer)
    tip = score_transcript(golden.build(golden.SE, 30, [opening])).criterion("closing").tip
    phrases = re.findall(r'"([^"]+)"', tip)
    assert len(phrases) == 3, tip
    t = golden.build(golden.SE, 30, [opening] + [(p, "Of course, happy to.") for p in phrases])
    closing = score_transcript(t).criterion("closing")
    assert closing.score == 100, closing.evidence
    assert closing.tip.startswith("A complete close")


def test_an_ask_to_stay_in_touch_is_a_courtesy_not_a_closed_question_to_rewrite():
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        ("What surprised you most in your first year?", golden._p(golden.SE, "challenges", 0)),
        ("Thank you so much, Priya. Would it be all right if I kept you posted on how it goes?", "Of course, please do."),
    ])
    report = score_transcript(t)
    open_q = report.criterion("open_questions")
    assert open_q.score == 100 and "keep-in-touch ask left out" in open_q.summary
    assert 5 not in turns_cited(report, "open_questions") and 5 not in turns_cited(report, "insight")
    assert 5 in turns_cited(report, "closing")


@pytest.mark.parametrize(("question", "counted"), [
    ("You mentioned your time at NASA - what was that like?", False),
    ("You mentioned you worked on a bridge collapse investigation early on - how did that change you?", False),
    ("You mentioned PostGIS - how long did it take to learn?", True),
    ("You said you protect two hours for real coding, how do you keep them free?", True),
    ("You mentioned that - how did it feel?", True),  # "that": their last answer
])
def test_a_follow_up_counts_only_when_they_had_said_what_it_picks_up(question, counted):
    """Whatever the professional answers: a real model may play along with something it never said."""
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        (question, golden._p(golden.SE, "challenges", 0)),
    ])
    listening = score_transcript(t).criterion("listening")
    assert listening.summary.startswith("1 follow-up question;" if counted else "0 follow-up questions"), listening.evidence


def test_a_professional_who_says_the_time_is_up_and_goes_on_answering_has_not_left():
    """A warm professional names the time and stays: what is asked after it is judged as asked to them."""
    persona = golden.LIBRARY.get(golden.SE).persona
    time_up = persona.lines.say("time_up", 6)
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 6, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        ("What surprised you most in your first year?", golden._p(golden.SE, "challenges", 0)),
        ("What would you focus on if you were me?", golden._p(golden.SE, "advice", 0) + " " + time_up),
        ("I know we're at time, so I'll wrap up - is there anyone else you'd suggest I talk to?",
         "You should talk to Marcus Bell; he's an engineering manager at Tidewater Freight. He moved from engineer to"
         " manager two years ago and is very open about what that switch is like."),
        ("Thank you so much, this was really helpful!", persona.lines.goodbye),
    ])
    report = score_transcript(t)
    assert 7 in turns_cited(report, "closing")  # the referral ask counts
    assert not any("after they had left" in e.note for e in report.criterion("time_keeping").evidence)


def test_a_question_a_quick_search_answers_does_not_cover_an_area():
    answer = golden._p(golden.SE, "typical_day", 0)
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.", answer),
        ("What degree do you have?", "A BS in Computer Science, from Pitt."),
    ])
    report = score_transcript(t)
    assert 3 in turns_cited(report, "insight")  # docked there
    assert 3 not in turns_cited(report, "coverage")


@pytest.mark.parametrize("answer", [
    "I never said it was easy, and it isn't. But yes, PostGIS took me a while; the spatial indexes were the hard part.",
    "I didn't say much about it, so fair question. PostGIS is what lets us ask where a truck is relative to a depot.",
    "I didn't mention its name, but you guessed right: PostGIS is the extension we use for every map query.",
])
def test_a_real_follow_up_is_counted_whatever_words_the_answer_begins_with(answer):
    """The question picks up what they had said; an answer that starts "I never said…" is no correction of it."""
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.",
         golden._p(golden.SE, "typical_day", 0)),
        ("You mentioned PostGIS - how hard was it to learn?", answer),
    ])
    assert score_transcript(t).criterion("listening").summary.startswith("1 follow-up question;")


def test_the_answer_to_a_question_asked_again_is_the_one_that_counts():
    """Stopped ("Hmm, let me think."), asked again, then set straight: not a follow-up."""
    from coffeechat.core.transcript import Turn

    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.",
         golden._p(golden.SE, "typical_day", 0)),
        ("What do you mean by that?", "Hmm, let me think."),
    ])
    t.turns[-1] = t.turns[-1].model_copy(update={"status": "cut_off"})
    t.turns.append(Turn(speaker="persona", text="I don't think I mentioned anything to mean, actually.",
                        spoken_start=t.turns[-1].spoken_start + 2, spoken_seconds=3))
    assert score_transcript(t).criterion("listening").summary.startswith("0 follow-up questions")


def test_a_question_their_profile_answers_is_not_listening_whatever_words_it_shares():
    """"Did you study at the University of Pittsburgh?" after they named it: on their profile, not a follow-up."""
    t = golden.build(golden.SE, 30, [
        ("Hi Priya, I'm a CS junior exploring backend work, and I wanted to learn how you spend your days.",
         "I studied computer science at the University of Pittsburgh, then joined PNC Bank's payments team for three"
         " years before I moved here to work on routing."),
        ("Did you study computer science at the University of Pittsburgh?", "Yes, that's right."),
    ])
    report = score_transcript(t)
    assert report.criterion("listening").summary.startswith("0 follow-up questions")
    assert 3 in turns_cited(report, "insight")
