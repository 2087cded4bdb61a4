"""The utterance classifier against hand-labelled career-conversation questions, and its behaviours."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from coffeechat.core.rubric.classify import FLAG_NAMES, classify

DATA = Path(__file__).parent / "data"


def load(name: str) -> list[tuple[str, set[str], str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, flags, text = line.split("\t")
        rows.append((kind, set() if flags == "-" else set(flags.split(",")), text))
    return rows


LABELLED = load("questions.tsv") + load("questions_holdout.tsv")


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> float:
    counts = Counter(pairs)
    scores = []
    for label in labels:
        tp = counts[(label, label)]
        fp = sum(counts[(other, label)] for other in labels if other != label)
        fn = sum(counts[(label, other)] for other in labels if other != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def test_the_labelled_set_is_large_and_balanced():
    kinds = Counter(kind for kind, _, _ in LABELLED)
    assert len(LABELLED) >= 300
    assert kinds["open"] >= 100 and kinds["closed"] >= 100 and kinds["none"] >= 30
    assert len({text for _, _, text in LABELLED}) == len(LABELLED), "duplicate utterances"


def test_open_closed_none_accuracy_and_macro_f1():
    pairs = [(kind, classify(text).kind) for kind, _, text in LABELLED]
    accuracy = sum(a == b for a, b in pairs) / len(pairs)
    assert accuracy >= 0.95
    assert macro_f1(pairs, ["open", "closed", "none"]) >= 0.95


def test_open_versus_closed_macro_f1_on_questions():
    pairs = [(kind, classify(text).kind) for kind, _, text in LABELLED if kind != "none"]
    assert macro_f1(pairs, ["open", "closed"]) >= 0.95


@pytest.mark.parametrize("flag", FLAG_NAMES)
def test_each_flag_is_found_where_labelled_and_not_elsewhere(flag):
    expected = [flag in flags for _, flags, _ in LABELLED]
    found = [classify(text).has(flag) for _, _, text in LABELLED]
    tp = sum(e and f for e, f in zip(expected, found))
    fp = sum(f and not e for e, f in zip(expected, found))
    fn = sum(e and not f for e, f in zip(expected, found))
    assert tp >= 5
    assert tp / (tp + fp) >= 0.9 and tp / (tp + fn) >= 0.9, (flag, tp, fp, fn)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Can you tell me about how you moved into policy?", "open"),
        ("How many years have you been there?", "closed"),
        ("Is it remote or in office?", "closed"),
        ("Do you like it?", "closed"),
        ("What does a typical week look like for you?", "open"),
    ],
)
def test_the_definition_examples(text, kind):
    assert classify(text).kind == kind


def test_several_questions_in_one_turn_are_open_when_any_is_and_each_is_reported():
    c = classify("Do you like it? What do you like most about it?")
    assert [q.kind for q in c.questions] == ["closed", "open"] and c.kind == "open"
    c = classify("Where do you see yourself in five years? Is there room for advancement?")
    assert c.kind == "open" and "2 questions in one turn: one of them is open, so the turn invites a wide answer" in c.signals
    c = classify("Do you like it? Is it stressful?")
    assert c.kind == "closed" and "2 questions in one turn: all closed" in c.signals
    c = classify("how did you get into this and what do you enjoy most about it")
    assert len(c.questions) == 2 and c.kind == "open"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("what do you like most about your job", "open"),  # no capital, no question mark
        ("do u like it", "closed"),  # texting shorthand
        ("wat r the hardest parts", "open"),  # typos
        ("How'd you end up in consulting?", "open"),  # contraction
        ("So, I was wondering, what's the culture like?", "open"),  # filler and lead-in
        ("I'm curious whether you ever regret it.", "closed"),  # embedded yes/no
        ("Um, okay, so, is the pay good?", "closed"),
        ("Tell me about your first year.", "open"),  # a request, no question mark
    ],
)
def test_robust_to_how_people_actually_type(text, kind):
    assert classify(text).kind == kind


def test_signals_explain_the_decision():
    c = classify("Could you walk me through your career path?")
    assert any("open request" in s for s in c.signals)
    c = classify("How many people are on your team?")
    assert any("amount" in s for s in c.signals)


def test_a_follow_up_is_noticed_from_the_professionals_own_words():
    reply = "The most satisfying thing was a change to how we batch route calculations for a customer."
    c = classify("How did the batch calculation change come about?", previous_reply=reply)
    assert c.has("follow_up") and "batch" in c.builds_on
    assert not classify("How did you get into engineering?", previous_reply=reply).has("follow_up")


def test_statements_are_not_questions():
    for text in ("Thanks so much for your time today.", "That makes a lot of sense.", "What a great story!"):
        c = classify(text)
        assert not c.is_question and c.kind == "none"


def test_json_form_has_exactly_the_documented_keys():
    data = classify("Are you hiring?").as_json()
    assert set(data) == {"text", "is_question", "kind", "flags"}
    assert json.loads(json.dumps(data))["flags"] == ["job_request"]


@pytest.mark.parametrize(
    "text",
    [
        "You mentioned PostGIS - what kinds of problems does it let you solve?",
        "One more: what would you do differently if you started again?",
        "You said you wanted to see the business side — what surprised you most?",
        "Earlier you talked about on-call – how has that changed the way you review code?",
    ],
)
def test_a_question_after_a_dash_or_colon_is_read_as_the_question(text):
    c = classify(text)
    assert c.kind == "open", c.signals
    assert any(s.startswith("context before the question") for s in c.signals)


@pytest.mark.parametrize(
    "text",
    ["What do you like best about your work? Least?", "How did you get into this type of work? This job?",
     "What has surprised you most about consulting? Or about Harlow & Pike?"],
)
def test_a_fragment_continues_the_question_before_it_and_takes_its_kind(text):
    c = classify(text)
    assert c.kind == "open" and len(c.questions) == 1
    assert any("continues the question before it" in s for s in c.signals)


def test_a_fragment_after_a_closed_question_stays_closed():
    assert classify("Do you travel a lot? Every week?").kind == "closed"


@pytest.mark.parametrize(
    "text",
    ["What are the major responsibilities of your position?", "What-what might be some benefits of that?",
     "So, so how did you, um, how did you pick this team?", "what do you, what do you like about it?",
     "{F uh, } what do you think about it? /", "Where would you like to go from here?",
     "[laughs] How did you get into this?", "(smiles) What keeps you in the job?", "What u like most abt it?",
     "Where do you think data science in insurance is heading in the next five years?"],
)
def test_plain_open_questions_read_through_stutters_restarts_and_transcript_markup(text):
    assert classify(text).kind == "open", classify(text).signals


@pytest.mark.parametrize(
    "text", ["do you, uh, do you have any pets? /", "[ is it, + is it ] a big house?", "On a scale of zero to ten, how important is it to you?"],
)
def test_yes_no_and_scale_questions_stay_closed_through_the_same_noise(text):
    assert classify(text).kind == "closed", classify(text).signals


def test_small_talk_is_only_small_talk_when_it_is_the_whole_question():
    assert classify("How are you doing today?").pleasantry
    c = classify("How are you feeling about the move to management?")
    assert not c.pleasantry and c.kind == "open"


JOB_ASKS = [
        "Are you guys hiring business analysts this fall?", "Is Harlow & Pike hiring this year?",
        "Is your team growing? I'd love to be part of it.", "Would you be open to forwarding my resume?",
        "Do you think I'd be a good fit for your team?", "Can I list you as a reference?", "Do you know anyone who is hiring?",
        "Could you introduce me to someone on the hiring team?", "Who's the hiring manager for the open role?",
        "Who would be the right person to talk to about openings?", "Would you mind if I applied and mentioned your name?",
        "Hiring?", "jobs??",
        'Can you pass my CV to your recruiting team?',
        'How do I get hired here and will you be my mentor?',
        'Would you keep me in mind if anything opens up?',
        'Could you refer me?',
        'Are you hiring?',
        'Is your team hiring right now?',
        'Do you have any openings?',
        'Any open roles on your team?',
        'Could you refer me for the analyst role?',
        'Would you be willing to refer me?',
        'Can I use you as a referral?',
        'Could you pass my resume along?',
        'Can I send you my resume?',
        'Would you forward my application to the hiring manager?',
        'Can you get me an interview?',
        'How can I get a job at your company?',
        'What would it take for me to get hired at Tidewater?',
        'Is there any way you could help me get my foot in the door at your firm?',
        'Would you hire me?',
        'Can I work for you?',
        'Do you need an intern?',
        'Is there a spot for me on your team?',
        'Could you put in a good word for me?',
        'Can you introduce me to your hiring manager?',
        'Who should I send my resume to?',
        'I applied for the data analyst position, could you check on my application?',
        'Would you keep me in mind for any openings?',
        "I'm looking for a job, can you help?",
        'Do you know of any jobs I could apply for?',
        'Can you let me know if anything opens up?',
        'Could you recommend me to your recruiter?',
        'Will you be my referral?',
        'Can you refer me to HR?',
        'Is there an opening on your team?',
        'Do you think I could get a job there?',
        'Could you help me get hired?',
        'Can I apply to your team?',
        'Would your team take me on as an intern?',
        'Could I get an internship with you this summer?',
        'Can you connect me with your recruiter about a role?',
        'Do you have a job for me?',
        'Would you be my reference?',
        'Can you tell me if there are positions open at Tidewater?',
        'Are there any vacancies?',
    ]
NOT_JOB_ASKS = [
        "Is AI hiring slowing down?",
        "Are you hiring more juniors than before, and how has that changed mentoring?", "Is your team growing?",
        "What's the hiring team looking for in juniors?", "Who would be the right person to talk to about data engineering?",
        "Do you mind if I use your name when I reach out to them?",
        "May I mention that you suggested I contact her?",
        'How did you get a job here?',
        'What would make someone a strong candidate for a role like yours?',
        'How do people usually get hired into this field?',
        'Are there many openings in this field right now?',
        'How did you get hired?',
        'What do recruiters look for?',
        "What's the hiring process like in this field?",
        'Does your company hire summer interns or co-ops?',
        'How do people usually find jobs in this field?',
        'What made you apply?',
        'Would you mind taking a look at my resume?',
        'Can you introduce me to someone on the data team?',
        'What should a strong resume for this role show?',
        'How did you land your first job?',
        'What do hiring managers in this field care about?',
        'Is there anyone else you think I should talk to?',
        'What kinds of roles do new graduates usually start in?',
        'How competitive is it to get hired?',
    ]


@pytest.mark.parametrize("text", JOB_ASKS)
def test_job_asks_in_every_form_are_caught(text):
    assert classify(text).has("job_request")


@pytest.mark.parametrize("text", NOT_JOB_ASKS)
def test_asking_how_people_get_in_is_not_a_job_ask(text):
    assert not classify(text).has("job_request")


PRIYA = ("Most of my week goes to the routing service. We moved the map data into PostGIS last spring, which "
         "let us answer 'which depots are within an hour' in one query instead of a nightly batch job.")


def test_a_follow_up_needs_something_specific_to_their_answer():
    c = classify("What else does PostGIS let you do that was hard before?", previous_reply=PRIYA)
    assert c.has("follow_up") and "postgis" in c.builds_on
    c = classify("How did the nightly batch job work before that?", previous_reply=PRIYA)
    assert c.has("follow_up")


@pytest.mark.parametrize(
    "question", ["What skills matter most on your team?", "What does a typical week look like for you?",
                 "Which projects are you most proud of?"],
)
def test_sharing_a_common_word_of_the_field_is_not_a_follow_up(question):
    c = classify(question, previous_reply=PRIYA + " The team writes a lot of code and most projects start with data.")
    assert not c.has("follow_up"), c.builds_on


def test_words_the_asker_used_first_are_not_picked_up_from_the_answer():
    c = classify("So how does the routing service handle depots?", previous_reply=PRIYA,
                 earlier="I'm curious about the routing service and depots.")
    assert not c.has("follow_up"), c.builds_on


@pytest.mark.parametrize(
    ("text", "kind"),
    [("Which part of the job do you find most meaningful, and why?", "open"), ("Is grad school worth it, and why or why not?", "open"),
     ("You said estimating is hard; why is that?", "open"), ("And then what happened?", "open"), ("Could you give an example?", "open"),
     ("For example?", "open"), ("Anything you wish you'd known?", "open"), ("Your biggest challenge?", "open"),
     ("Do you have a sense of what skills will matter most in five years?", "open"),
     ("When was Tidewater founded, and how has the culture changed since you joined?", "open"),
     ("My friend said 'never go into consulting.' What do you think?", "open"), ("- What does a typical week look like?", "open"),
     ("\u200bWhat does a typical week look like for you?", "open"), ("How much does networking matter?", "open"),
     ("wut r the hardest parts of ur job", "open"),
     ("you mentioned the route-optimisation service what was the hardest part of working on it", "open"),
     ("I'm applying for the analyst role next week — anything I should know?", "open"),
     ("If you were an econ junior today what would you do to prep for case interviews?", "open"),
     ("whats the culture like at harlow & pike, is it really up or out", "open"),
     ("What do you like most — the people or the pay?", "closed"), ("Sorry, what?", "closed"), ("What's the dress code?", "closed"),
     ("What kind of car do you drive?", "closed"), ("What medications are you taking right now?", "closed")],
)
def test_questions_a_coach_reads_one_way_are_read_that_way(text, kind):
    assert classify(text).kind == kind, classify(text).signals


def test_an_introduction_is_not_a_question_and_is_flagged_as_one():
    c = classify("Hi Priya, I'm Sam, a CS junior, and I'm curious about backend work.")
    assert not c.is_question and c.has("introduction")
    assert classify("I'm curious about your path into nursing.").kind == "open"


@pytest.mark.parametrize("text", ["¿Cómo empezaste en este campo?", "Wie sieht ein typischer Tag aus?"])
def test_a_question_in_another_language_is_not_judged(text):
    c = classify(text)
    assert not c.is_question and "not read: the rubric reads English only" in c.signals


@pytest.mark.parametrize(
    ("text", "googleable"),
    [("What does your company do differently from competitors that made you stay?", False),
     ("What does Tidewater do that made you want to work there?", False),
     ("How do you feel about being headquartered in Pittsburgh?", False),
     ("What did you study, and how much of it do you use now?", False),
     ("When did you join Tidewater?", True), ("How long have you been a senior engineer?", True), ("Who founded the company?", True),
     ("What's the company's mission?", True), ("What does Tidewater do?", True), ("Where did you go to undergrad?", True),
     ("how many ppl work at harlow and pike", True), ("What offices do you have?", True)],
)
def test_googleable_means_a_quick_search_answers_the_whole_question(text, googleable):
    assert classify(text).has("googleable") == googleable, classify(text).signals


@pytest.mark.parametrize(
    ("text", "flag", "expected"),
    [("I know we're at time — thank you so much, I'll keep you posted.", "time_ack", True),
     ("We have about five minutes left, is that okay?", "time_ack", True),
     ("Thanks for nothing.", "gratitude", False), ("No thanks, I'm good.", "gratitude", False), ("Thanks but no thanks.", "gratitude", False),
     ("Cheers, this was super helpful.", "gratitude", True), ("ty!!", "gratitude", True),
     ("Is there someone on your team I should meet?", "referral_request", True),
     ("How do you feel about that?", "follow_up", True), ("What did you learn from that?", "follow_up", True),
     ("How can I make myself a stronger candidate for roles like this?", "follow_up", False)],
)
def test_social_moves_in_other_words(text, flag, expected):
    assert classify(text).has(flag) == expected, classify(text).flags
