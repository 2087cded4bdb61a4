"""What this professional's own public profile says is googleable for them, with the line as evidence."""

from __future__ import annotations

import golden
import pytest
from coffeechat.core.prepare import lint_questions
from coffeechat.core.rubric.classify import classify
from coffeechat.core.rubric.profile import for_persona
from coffeechat.core.rubric.score import score_transcript
from coffeechat.store.personas import load_library

LIBRARY = load_library()
ENGINEER = LIBRARY.get("software-engineer").persona  # BS in Computer Science, University of Pittsburgh, 2016; PNC Bank …
CONSULTANT = LIBRARY.get("management-consultant").persona  # BS in Chemical Engineering, Georgia Tech, 2014 …


def read(text, persona):
    return for_persona(classify(text), persona)


def test_asking_where_they_studied_names_the_line_of_their_profile_that_says_it():
    c = read("Where did you study?", CONSULTANT)
    assert c.has("googleable")
    assert c.profile_line == "BS in Chemical Engineering, Georgia Tech, 2014"


def test_a_yes_no_check_of_a_school_on_their_profile_is_googleable_for_them_only():
    assert read("Did you go to Georgia Tech?", CONSULTANT).profile_line == "BS in Chemical Engineering, Georgia Tech, 2014"
    assert not read("Did you go to Georgia Tech?", ENGINEER).has("googleable")


@pytest.mark.parametrize(("question", "line"), [
    ("Did you work at PNC Bank before this?", "Software Engineer at PNC Bank, 2016-2019"),
    ("Did you speak at PyCon?", "Speaker at PyCon US 2024 on testing geospatial code"),
    ("Is Tidewater Dispatch your main product?", "Main product is the Tidewater Dispatch platform"),
    ("How long have you been at Tidewater?", "Software Engineer, then Senior Software Engineer, at Tidewater Freight since 2019"),
    ("Where did you work before?", "Software Engineer at PNC Bank, 2016-2019"),
])
def test_facts_their_profile_and_employer_state_are_found_by_the_line_that_states_them(question, line):
    assert read(question, ENGINEER).profile_line == line


@pytest.mark.parametrize("question", [
    "Did you enjoy your time at PNC?",
    "What was it like to move from PNC to Tidewater?",
    "How did your talk at PyCon come about?",
    "Where did you study, and how much of it do you use now?",
    "Do you use Python every day?",
])
def test_questions_about_their_experience_of_a_profile_fact_are_not_googleable(question):
    assert not read(question, ENGINEER).has("googleable")


def test_a_profile_question_their_profile_does_not_answer_is_a_fair_one():
    sparse = ENGINEER.model_copy(update={"public_profile": ["Speaker at PyCon US 2024 on testing geospatial code"]})
    assert classify("Where did you go to college?").has("googleable")
    c = read("Where did you go to college?", sparse)
    assert not c.has("googleable") and "does not say" in c.signals[-1]


def test_the_insight_evidence_and_tip_quote_the_profile_line():
    t = golden.build("management-consultant", 30, exchanges=[
        ("Hi Daniel, I'm Ana, a chemical engineering junior thinking about consulting.", "Great to meet you."),
        ("Where did you go to undergrad?", "Georgia Tech, chemical engineering."),
        ("What does a typical week on an engagement look like for you?", "It varies a lot by client."),
    ])
    insight = score_transcript(t).criterion("insight")
    note = next(e.note for e in insight.evidence if e.turn == 3)
    assert "BS in Chemical Engineering, Georgia Tech, 2014" in note
    assert "Georgia Tech" in insight.tip and insight.tip.startswith("Turn 3:")


def test_the_prepare_lint_names_the_profile_line_as_you_type():
    [item] = lint_questions("Did you go to Georgia Tech?", CONSULTANT)
    assert item.verdict == "googleable" and "Georgia Tech, 2014" in item.advice
    [plain] = lint_questions("Did you go to Georgia Tech?")
    assert plain.verdict == "closed"


def test_a_school_is_found_by_its_short_name_too():
    persona = ENGINEER.model_copy(update={"public_profile": ["BS in Statistics, The Ohio State University, 2017"]})
    assert read("Were you at Ohio State?", persona).profile_line == "BS in Statistics, The Ohio State University, 2017"
    assert not read("Did you like Ohio State?", persona).has("googleable")


def test_the_field_in_their_title_is_not_a_fact_to_check():
    researcher = LIBRARY.get("ux-researcher").persona  # Senior UX Researcher, Civic Form
    assert not read("Did you teach middle school before going into UX?", researcher).has("googleable")


@pytest.mark.parametrize("question", [
    "How long have you been doing forecasting work, and what got you into it?",
    "What did you study in your spare time to get good at SQL?",
    "What did you major in, and would you choose it again?",
    "When did you move to management, and why?",
    "How many years have you been mentoring junior analysts?",
    "Is the Pittsburgh computer science program a good path into backend work?",
    "Are there other PNC Bank alumni on your team?",
    "Do you still keep in touch with people from PNC Bank?",
    "Is PostGIS still the main tool on your team?",
])
def test_good_questions_that_name_something_on_their_profile_are_not_googleable(question):
    assert not read(question, ENGINEER).has("googleable")
