"""A persona drafted offline from a real person's pasted profile: what lands where, which built-in
voice is chosen, what is marked as invented or generic, and that hostile text changes nothing of that.

The profiles in ``tests/data/profiles`` are fictional people written for these tests.
"""

from __future__ import annotations

import datetime
import json
import re
import time
import tomllib
from pathlib import Path

import pytest

from coffeechat.core.persona import TOPIC_TITLES, Persona
from coffeechat.core.profile_facts import ProfileFacts, read_profile
from coffeechat.core.profile_persona import (
    FROM_PROFILE,
    GENERIC,
    INVENTED,
    INVENTED_NAME,
    PersonaDraft,
    closest_builtin,
    draft_offline,
)
from coffeechat.errors import CoffeechatError
from coffeechat.store.personas import load_library

PROFILES = Path(__file__).parent / "data" / "profiles"
TODAY = datetime.date(2025, 6, 1)
KINDS = (FROM_PROFILE, INVENTED, GENERIC)


@pytest.fixture(scope="module")
def library():
    return load_library()


def text_of(file: str) -> str:
    return (PROFILES / file).read_text(encoding="utf-8")


def facts_of(file: str, **kwargs) -> ProfileFacts:
    return read_profile(text_of(file), today=TODAY, **kwargs)


def draft_of(file: str, library, **kwargs) -> PersonaDraft:
    return draft_offline(text_of(file), library, today=TODAY, **kwargs)


def draft_of_text(text: str, library, **kwargs) -> PersonaDraft:
    return draft_offline(text, library, today=TODAY, **kwargs)


def everything(draft: PersonaDraft) -> str:
    return json.dumps([draft.data, draft.notes], ensure_ascii=False)


def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def has(items: list[str], *words: str) -> bool:
    """Whether one of ``items`` holds every one of ``words`` (case-insensitive)."""
    return any(all(w.lower() in item.lower() for w in words) for item in items)


# -- what lands where ---------------------------------------------------------------------------------

def test_a_linkedin_paste_gives_the_current_job_the_past_ones_and_the_school():
    facts = facts_of("linkedin_data_analyst.txt")
    assert facts.name == "Maya Okonkwo"
    assert facts.pronouns == "she/her"
    assert facts.role == "Senior Data Analyst"
    assert facts.employer == "Northwind Health Partners"
    assert facts.location == "Columbus, Ohio, United States"
    assert facts.education == ["BS in Statistics, The Ohio State University, 2018"]
    assert "Data Analyst at Buckeye Insight Group, 2018-2021" in facts.past_jobs
    assert has(facts.past_jobs, "Patient Services Coordinator", "Riverbend Pediatrics")
    assert has(facts.other, "Tableau Desktop Specialist", "2020")
    # both counted from the dates to today: since Mar 2021 (the pasted "3 yrs 4 mos" is as of the paste)
    assert facts.years_in_role == 4
    assert facts.years_in_field == 7  # full-time since Jun 2018; the part-time clinic job is not the field
    assert not has(facts.past_jobs, "Northwind")  # the current job is not a past one


def test_a_team_page_bio_in_the_third_person(library):
    facts = facts_of("team_page_nurse_manager.txt")
    assert facts.name == "Denise Alvarado"  # without "MSN, RN, CCRN"
    assert facts.pronouns == "she/her"
    assert facts.role.lower() == "nurse manager"
    assert facts.employer == "St. Brendan Regional Medical Center"
    assert "BSN, University of New Mexico" in facts.education
    assert "MSN in Nursing Leadership, Regis University" in facts.education
    assert has(facts.past_jobs, "Lakeview Community Hospital")
    assert has(facts.past_jobs, "Staff nurse", "2012")  # "joined St. Brendan in 2012 as a staff nurse"
    assert has(facts.other, "Credentials", "CCRN")
    assert facts.years_in_role == 5  # "moving into her current role in 2020"
    assert facts.years_in_field == 18  # joined in 2012, five years at Lakeview before that
    draft = draft_of("team_page_nurse_manager.txt", library)
    employer = draft.data["employer"]
    assert (employer["founded"], employer["size"], employer["headquarters"]) == (1931, "420 beds", "Santa Fe, New Mexico")
    for path in ("employer.founded", "employer.size", "employer.headquarters", "employer.description"):
        assert draft.notes[path].startswith(FROM_PROFILE)
    assert has(employer["public_facts"], "420-bed teaching hospital")


def test_a_first_person_bio(library):
    facts = facts_of("first_person_policy_researcher.txt")
    assert facts.name == "Tomás Rivera-Lindgren"
    assert facts.pronouns is None  # "I" says nothing about how others refer to them
    assert facts.role.lower() == "climate policy researcher"
    assert facts.employer == "Greenfield Institute for Energy Policy"
    assert facts.location == "Denver, Colorado"
    assert facts.education == ["MPP, University of Michigan, 2018", "BA in Environmental Studies, Colorado College, 2014"]
    assert has(facts.past_jobs, "Legislative aide", "Colorado General Assembly")
    assert has(facts.past_jobs, "Mountain West Conservation League")
    assert has(facts.other, "Who Pays for the Grid?")
    assert facts.years_in_role == 4  # "at Greenfield since 2021"
    draft = draft_of("first_person_policy_researcher.txt", library)
    assert draft.data["pronouns"] == "they/them" and draft.notes["pronouns"].startswith(INVENTED)


def test_a_sparse_profile_still_drafts_and_marks_what_it_made_up(library):
    facts = facts_of("sparse_teacher.txt")
    assert (facts.name, facts.role, facts.employer) == ("Jordan Ellis", "High School Math Teacher",
                                                        "Lincoln Park High School")
    assert facts.education == [] and facts.past_jobs == [] and facts.years_in_role is None
    draft = draft_of("sparse_teacher.txt", library)
    assert draft.based_on == "high-school-teacher"
    for path in ("employer.founded", "employer.size", "employer.headquarters", "years_in_role", "years_in_field",
                 "pronouns", "employer.description"):
        assert draft.notes[path].startswith(INVENTED), path
    for path in ("manner", "lines", "topics", "stories"):
        assert draft.notes[path].startswith(GENERIC), path
    assert draft.notes["referrals"].startswith(INVENTED) and "Lincoln Park High School" in draft.notes["referrals"]
    assert "high-school-teacher" in draft.notes["topics"] and "Jordan" in draft.notes["topics"]
    assert draft.notes["public_profile"].startswith(FROM_PROFILE) and draft.data["public_profile"] == []


def test_a_long_profile_with_several_roles_at_one_employer_talks_and_awards():
    facts = facts_of("long_ux_researcher.txt")  # how fast: benchmarks/profile_extraction.py and run.py
    assert (facts.name, facts.role, facts.employer) == ("Priyanka Deshmukh", "Principal UX Researcher",
                                                        "Harborview Software")
    assert facts.past_jobs[:3] == ["Senior UX Researcher at Harborview Software, 2019-2021",
                                   "UX Researcher at Civic Bridge Lab, 2016-2019",
                                   "Research Assistant at University of Washington, 2012-2016"]
    assert facts.education == ["MA in Sociology, University of Washington, 2016",
                               "BA in Anthropology, Western Washington University, 2011"]
    assert has(facts.other, "Talk:", "The Second Question")
    assert has(facts.other, "Publication:", "Paying Participants Fairly", "2023")
    assert has(facts.other, "Award:", "UXPA Pacific Northwest Practitioner Award")
    assert facts.years_in_field == 12  # "more than twelve years", more than the dated full-time jobs say
    assert facts.years_in_role == 3


def test_a_profile_in_japanese_keeps_the_name_line_and_lines_verbatim(library):
    facts = facts_of("japanese_engineer.txt")
    assert facts.name == "佐藤 美咲"
    assert facts.role == "ソフトウェアエンジニア"
    assert facts.employer == "株式会社ミドリ物流"
    assert has(facts.education, "東京工業大学")
    assert has(facts.past_jobs, "株式会社ヒカリ銀行")
    draft = draft_of("japanese_engineer.txt", library)
    assert draft.based_on == "software-engineer"
    assert draft.data["name"] == "佐藤 美咲"


def test_a_profile_in_russian(library):
    facts = facts_of("russian_analyst.txt")
    assert (facts.name, facts.role, facts.employer) == ("Анна Смирнова", "Ведущий аналитик данных",
                                                        "ООО «Северный Ритейл»")
    assert has(facts.past_jobs, "Аналитик", "Балтийский Банк", "2016-2020")
    assert has(facts.education, "Санкт-Петербургский государственный университет")
    assert draft_of("russian_analyst.txt", library).based_on == "data-scientist"


def test_a_profile_without_a_name_gets_a_marked_invented_one(library):
    facts = facts_of("no_name_consultant.txt")
    assert facts.name is None
    assert facts.role == "engagement manager"
    assert facts.employer == "Brightwater Partners"
    assert facts.education == ["BS in Industrial Engineering, University of Minnesota"]
    assert has(facts.past_jobs, "Business analyst", "Brightwater", "2017")
    assert has(facts.past_jobs, "Intern", "General Mills")
    draft = draft_of("no_name_consultant.txt", library)
    assert draft.data["name"] == INVENTED_NAME
    assert draft.notes["name"].startswith(INVENTED) and "write theirs" in draft.notes["name"]
    assert draft.data["role"] == "Engagement manager"
    assert draft.data["employer"]["description"].startswith("Brightwater Partners is a strategy consulting firm")


def test_explicit_name_role_and_employer_win_over_the_text(library):
    facts = facts_of("no_name_consultant.txt", name="Riley Chen", role="Principal", employer="Brightwater")
    assert (facts.name, facts.role, facts.employer) == ("Riley Chen", "Principal", "Brightwater")
    draft = draft_of("no_name_consultant.txt", library, name="Riley Chen", role="Principal", employer="Brightwater")
    assert (draft.data["name"], draft.data["role"], draft.data["employer"]["name"]) == ("Riley Chen", "Principal",
                                                                                       "Brightwater")
    assert draft.notes["name"].startswith(FROM_PROFILE) and "you gave" in draft.notes["name"]


def test_contact_details_never_reach_the_draft(library):
    facts = facts_of("contact_details_consultant.txt")
    assert (facts.name, facts.role, facts.employer) == ("Elena Vasquez-Moore", "Management Consultant",
                                                        "Kestrel Advisory Group")
    assert facts.education == ["MBA, University of Chicago Booth School of Business"]
    assert has(facts.past_jobs, "Financial analyst", "Northern Trust")
    draft = draft_of("contact_details_consultant.txt", library)
    assert draft.based_on == "management-consultant"
    for found in (everything(draft), repr(facts)):
        for contact in ("@", "555", "0187", "linkedin", "calendly", "kestreladvisory.com", "elenavm", "http", "www."):
            assert contact not in found.lower(), contact


def test_hostile_text_leaves_no_escape_markup_or_control_and_does_not_hang(library):
    text = text_of("hostile_engineer.txt") + "\ud800 lone halves \udfff\n" + "A" * 200_000 + "\nMore text after it."
    # a bound against a pattern that backtracks without end; the speed itself is measured in benchmarks
    assert _timed(lambda: read_profile(text, today=TODAY)) < 10
    facts = read_profile(text, today=TODAY)
    assert (facts.name, facts.role, facts.employer) == ("Sam Whitaker", "Backend Software Engineer", "Quarry Labs")
    assert facts.education == ["BS in Computer Science, Oregon State University"]
    assert has(facts.past_jobs, "Tern Systems")
    draft = draft_offline(text, library, today=TODAY)
    Persona.model_validate(draft.data)
    for value in strings([draft.data, draft.notes, facts.__dict__]):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]", value), value
        assert "[bold" not in value and "[/" not in value and "[link" not in value and "pwned" not in value


def test_only_the_first_fifty_thousand_characters_are_read():
    late = "x" * 60_000 + "\nMaria Chen is a nurse manager at Mercy General Hospital."
    facts = read_profile(late, today=TODAY)
    assert facts.name is None and facts.employer is None


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


# -- the voice ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("profile", "expected"), [
    ("linkedin_data_analyst.txt", "data-scientist"),
    ("team_page_nurse_manager.txt", "registered-nurse"),
    ("first_person_policy_researcher.txt", "environmental-policy"),
    ("sparse_teacher.txt", "high-school-teacher"),
    ("long_ux_researcher.txt", "ux-researcher"),
    ("no_name_consultant.txt", "management-consultant"),
    ("contact_details_consultant.txt", "management-consultant"),
    ("hostile_engineer.txt", "software-engineer"),
])
def test_the_closest_builtin_voice_is_chosen(profile, expected, library):
    draft = draft_of(profile, library)
    assert draft.based_on == expected and not draft.general


# what a built-in persona's own work sounds like, which must not reach someone in another field
_OTHER_FIELDS = re.compile(r"\b(?:code|coding|deploy|pytest|on call|pull requests?|patients|shifts?|students?|"
                           r"classroom|clients?|engagements?|USAJOBS|grants?|usability|roadmap|SQL)\b", re.I)


@pytest.mark.parametrize(("text", "industry"), [
    (None, "Transportation engineering"),  # transportation_engineer.txt: "Engineer" is every engineer's
    ("Lucía Fernández\nLandscape Architect at Greenline Studio\nPortland, Oregon\n\nEducation\n"
     "BA in Environmental Studies, Whitman College, 2014\nMaster of Landscape Architecture, University of Oregon, 2017",
     "Landscape architecture"),
    ("Dana Kim\nClinical Pharmacist at Mercy General Hospital\nPharmD, University of Michigan, 2016", None),
    # an ICU and a hospital, but no nurse; insurance and statistics, but no data scientist
    ("Tamsin Reyes\nEmergency & Critical Care Veterinary Technician at Cascade Veterinary Referral Center\n"
     "I lead the ICU team on nights, caring for critical patients and training new techs.", None),
    ("Desmond Achterberg, FSA\nPricing Actuary at Great Plains Mutual\nI price personal auto insurance and file rates"
     " with state regulators; the statistics behind a rate filing are most of my week.", None),
])
def test_someone_in_a_field_no_builtin_is_in_gets_general_passages_not_another_fields(text, industry, library):
    text = text or text_of("transportation_engineer.txt")
    draft = draft_of_text(text, library)
    assert draft.general
    persona = Persona.model_validate(draft.data)
    said = " ".join([persona.manner.speaking_style, *persona.manner.pet_peeves, *persona.lines.model_dump().values(),
                     *(p for key in TOPIC_TITLES for p in persona.topic(key)), *(s.text for s in persona.stories),
                     *(f"{r.role} {r.why}" for r in persona.referrals)])
    assert not _OTHER_FIELDS.search(said), _OTHER_FIELDS.search(said)
    if industry:
        assert persona.industry == industry
    assert "general" in draft.notes["topics"] and draft.notes["topics"].startswith(GENERIC)


def test_no_draft_borrows_a_builtin_persona_s_colleagues(library):
    """Their names and reasons ("We met at a Python meetup") are that person's life."""
    builtin = {r.name for lp in library.personas.values() for r in lp.persona.referrals}
    for file in sorted(p.name for p in PROFILES.glob("*.txt")):
        persona = Persona.model_validate(draft_of(file, library).data)
        assert not {r.name for r in persona.referrals} & builtin, file
        assert all(persona.employer.name in r.role or "," in r.role for r in persona.referrals), file


def test_a_degree_written_on_one_line_is_its_own_entry():
    facts = facts_of("transportation_engineer.txt")
    assert facts.education == ["MS in Civil Engineering, Carnegie Mellon University, 2015",
                               "BS in Civil Engineering, Penn State University, 2013"]


@pytest.mark.parametrize(("headline", "expected"), [
    ("Backend Developer at Ferrous Labs", "software-engineer"),
    ("SWE II at Ferrous Labs", "software-engineer"),
    ("RN, Emergency Department at Mercy General Hospital", "registered-nurse"),
    ("Strategy Consultant at Alder & Finch", "management-consultant"),
    ("UX Designer at Ferrous Labs", "ux-researcher"),
    ("Sustainability Manager at Oakline Foods", "environmental-policy"),
    ("Economist at the U.S. Department of Labor", "government-analyst"),
    ("Statistician at the Census Bureau", "data-scientist"),
    ("Machine Learning Engineer at Ferrous Labs", "data-scientist"),
    ("Product Manager at Ferrous Labs", "product-manager"),
    ("Middle School Teacher at Hawthorne Academy", "high-school-teacher"),
    ("Program Officer at the Linden Family Foundation", "nonprofit-program-manager"),
    ("Investment Banking Associate at Sterling Row", "finance-to-tech"),
])
def test_field_words_and_synonyms_pick_the_voice(headline, expected, library):
    text = f"Casey Nguyen\n{headline}\n"
    facts = read_profile(text, today=TODAY)
    voices = {i: lp.persona for i, lp in library.personas.items() if lp.source == "built-in"}
    assert closest_builtin(facts, voices, text) == expected


def test_passages_speak_of_the_new_person_and_employer_not_the_builtins(library):
    draft = draft_of("team_page_nurse_manager.txt", library)
    dump = everything(draft)
    nurse = library.get("registered-nurse").persona
    assert nurse.name not in dump and "Chesapeake" not in dump
    assert "St. Brendan Regional Medical Center" in json.dumps(draft.data["topics"])
    assert draft.data["lines"]["greeting"].startswith("Hi, I'm Denise.")


def test_the_greeting_never_greets_the_person_themselves(library):
    # the engineer voice says "Hi! Nice to meet you.": with a person called Nice it would greet them
    draft = draft_offline("Nice Okafor\nSoftware Engineer at Ferrous Labs\n", library, today=TODAY)
    assert draft.based_on == "software-engineer"
    persona = Persona.model_validate(draft.data)
    assert not re.match(r"^\W*hi\W+nice\b", persona.lines.greeting, re.I)


def test_without_an_employer_the_voices_made_up_one_is_kept_and_marked(library):
    draft = draft_offline("Robin Achebe\nRegistered Nurse\n", library, today=TODAY)
    nurse = library.get("registered-nurse").persona
    assert draft.based_on == "registered-nurse"
    assert draft.data["employer"]["name"] == nurse.employer.name  # the passages still agree with it
    for path in ("employer.name", "employer.description", "employer.public_facts", "location"):
        assert draft.notes[path].startswith(INVENTED), path
    assert draft.data["role"] == "Registered Nurse" and draft.notes["role"].startswith(FROM_PROFILE)


def test_without_a_title_the_voices_is_used_and_marked_generic(library):
    draft = draft_offline("Robin Achebe\nNorthwind Health Partners\nColumbus, Ohio\n", library, today=TODAY)
    assert draft.notes["role"].startswith(GENERIC) and draft.based_on in draft.notes["role"]
    Persona.model_validate(draft.data)


def test_minutes_set_the_meeting_length(library):
    draft = draft_of("sparse_teacher.txt", library, minutes=15)
    assert draft.data["manner"]["default_minutes"] == 15
    assert draft.notes["manner.default_minutes"].startswith(FROM_PROFILE)
    with pytest.raises(CoffeechatError, match="5 to 120 minutes"):
        draft_of("sparse_teacher.txt", library, minutes=300)


# -- every draft --------------------------------------------------------------------------------------

ALL = sorted(p.name for p in PROFILES.glob("*.txt"))


@pytest.mark.parametrize("profile", ALL)
def test_every_draft_validates_and_every_note_says_what_it_is(profile, library):
    draft = draft_of(profile, library)
    persona = Persona.model_validate(draft.data)
    assert set(draft.data) == set(Persona.model_fields) - {"id"}
    assert persona.years_in_role <= persona.years_in_field
    assert draft.based_on in library.ids()
    for path, note in draft.notes.items():
        assert sum(note.startswith(kind) for kind in KINDS) == 1, (path, note)
        top, _, sub = path.partition(".")
        assert top in draft.data and (not sub or sub in draft.data[top]), path
    for path in ("name", "role", "employer.name", "employer.founded", "employer.size", "employer.headquarters",
                 "public_profile", "employer.public_facts", "manner", "lines", "topics", "stories", "referrals"):
        assert path in draft.notes, path


@pytest.mark.parametrize("profile", ALL)
def test_the_same_input_gives_the_same_output(profile, library):
    first, second = draft_of(profile, library), draft_of(profile, library)
    assert json.dumps(first.data, sort_keys=True) == json.dumps(second.data, sort_keys=True)
    assert first.notes == second.notes and first.based_on == second.based_on
    assert facts_of(profile) == facts_of(profile)


def test_the_drafted_file_reads_back_as_the_same_persona(library):
    persona_toml = pytest.importorskip("coffeechat.store.persona_toml")
    draft = draft_of("linkedin_data_analyst.txt", library)
    text = persona_toml.render_persona_toml(draft.data, draft.notes, ["Maya Okonkwo, drafted offline"])
    assert Persona.model_validate(tomllib.loads(text)) == Persona.model_validate(draft.data)
    assert "# invented: " in text and "# generic: " in text and "# from the profile: " in text


@pytest.mark.parametrize("text", ["", "   \n\t", "12345 — 2019 – 2020 · +1 (555) 010-0199", "\x1b[2J\x07"])
def test_text_with_nothing_in_it_is_refused_in_one_line(text, library):
    with pytest.raises(CoffeechatError) as raised:
        draft_offline(text, library, today=TODAY)
    assert "\n" not in str(raised.value) and "paste" in str(raised.value)


def test_text_with_letters_but_no_facts_is_refused(library):
    with pytest.raises(CoffeechatError, match="states no name, role, employer, school or field"):
        draft_offline("lorem ipsum dolor sit amet", library, today=TODAY)


def test_a_name_for_the_persona_id_comes_from_the_text_alone():
    """The app suggests the file name from ``read_profile(text).name``; it must not be invented."""
    assert read_profile(text_of("no_name_consultant.txt")).name is None
    assert read_profile(text_of("linkedin_data_analyst.txt")).name == "Maya Okonkwo"


def test_random_edits_of_the_profiles_still_draft_or_say_why(library):
    import random

    rng = random.Random(20250601)
    pieces = ["\x1b[1m", "{minutes}", "}", "’", " at ", " is the ", "BS in ", "\u202e", "佐", "@", "2019 - Present", "\n"]
    texts = [text_of(name) for name in ALL]
    for _ in range(40):
        base = rng.choice(texts)
        cut = rng.randrange(len(base) + 1)
        text = base[:cut] + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) + base[cut:]
        try:
            draft = draft_offline(text, library, today=TODAY)
        except CoffeechatError:
            continue
        Persona.model_validate(draft.data)


# -- what a new user noticed ---------------------------------------------------------------------------

def borrowed(draft: PersonaDraft) -> str:
    data = draft.data
    return json.dumps([data["topics"], data["stories"], data["manner"]["pet_peeves"]], ensure_ascii=False)


def test_career_path_is_told_from_the_profile_not_the_built_in_life(library):
    draft = draft_of("linkedin_hospital_analyst.txt", library)
    assert draft.based_on == "data-scientist"
    career = draft.data["topics"]["career_path"]
    assert len(career) >= 2
    first = career[0]
    assert first.startswith("I did a BS in Statistics at University of Illinois")
    assert "four years as a data analyst at Walgreens" in first
    assert "joined Lakeshore Health Partners in 2021 as a senior data analyst" in first
    assert draft.notes["topics.career_path"].startswith(FROM_PROFILE)
    assert "add why each move happened" in draft.notes["topics.career_path"]
    text = borrowed(draft)
    for fact in ("Madison", "Michigan", "physics at", "February 2020", "2020", "actuar", "claims", "policyholder",
                 "mutual", "Barbara", "Emily", "Milwaukee"):
        assert fact not in text, fact
    assert Persona.model_validate(draft.data)


def test_every_topic_still_has_passages_and_thin_ones_are_generic(library):
    draft = draft_of("linkedin_hospital_analyst.txt", library)
    for key, passages in draft.data["topics"].items():
        assert len(passages) >= 2 and all(len(p) >= 20 for p in passages), key
    for path, note in draft.notes.items():
        if path.startswith("topics.") and path != "topics.career_path":
            assert note.startswith(GENERIC)


def test_a_former_teacher_gets_none_of_the_built_in_researchers_biography(library):
    draft = draft_of("team_page_ux_researcher.txt", library)
    assert draft.based_on == "ux-researcher"
    text = borrowed(draft)
    for fact in ("Macalester", "anthropolog", "Target", "Minneapolis", "St. Paul", "Civic Form", "Lena", "2015"):
        assert fact not in text, fact
    career = " ".join(draft.data["topics"]["career_path"])
    assert "middle school science teacher at Oakland Unified School District" in career
    assert "I spoke at UXPA 2022 about running remote interviews with older adults" in career
    assert all(r["name"].split()[0] != "Lena" for r in draft.data["referrals"])


def test_pronouns_in_borrowed_manner_follow_a_they_them_person(library):
    draft = draft_of("linkedin_hospital_analyst.txt", library)
    assert draft.data["pronouns"] == "they/them"
    manner = json.dumps(draft.data["manner"])
    assert "Asking them to refer you" in manner
    assert not re.search(r"\b(?:him|his|he)\b", manner)


def test_employer_facts_the_profile_states_are_used(library):
    for kwargs in ({}, {"employer": "Brightpath Health"}):
        draft = draft_of("team_page_ux_researcher.txt", library, **kwargs)
        employer = draft.data["employer"]
        assert employer["name"] == "Brightpath Health"
        assert employer["description"].startswith("Brightpath Health is a digital health company")
        assert (employer["founded"], employer["headquarters"]) == (2014, "San Francisco")
        assert draft.data["industry"] == "Digital health"
        for path in ("industry", "employer.description", "employer.founded", "employer.headquarters"):
            assert draft.notes[path].startswith(FROM_PROFILE), path


def test_a_past_job_in_third_person_prose_and_a_talk_that_is_not_a_job():
    facts = facts_of("team_page_ux_researcher.txt")
    assert has(facts.past_jobs, "Middle school science teacher at Oakland Unified School District")
    assert not has(facts.past_jobs, "UXPA")
    assert has(facts.other, "UXPA 2022", "running remote interviews with older adults")
    assert "UXPA" not in facts.summary


def test_linkedin_page_furniture_is_not_read_as_facts(library):
    facts = facts_of("linkedin_hospital_analyst.txt")
    assert facts.education == ["BS in Statistics, University of Illinois Urbana-Champaign, 2017"]
    assert "Research Intern at Abbott, 2016" in facts.past_jobs
    draft = draft_of("linkedin_hospital_analyst.txt", library)
    shown = json.dumps([draft.data["public_profile"], draft.data["summary"], facts.other, facts.past_jobs])
    for chrome in ("logo", "Internship", "3rd", "Show all", "see more", "See more", "Show credential", "Endorsed"):
        assert chrome not in shown, chrome


def test_years_in_role_and_in_field_come_from_the_same_dates():
    facts = facts_of("linkedin_hospital_analyst.txt")
    assert facts.years_in_role == 4  # Apr 2021 to Jun 2025
    assert facts.years_in_field == 8  # Jun 2017 (the internship is not the field)
    early = read_profile(text_of("linkedin_hospital_analyst.txt"), today=datetime.date(2025, 3, 1))
    assert (early.years_in_role, early.years_in_field) == (3, 7)  # neither anniversary has come round yet


TEAM_PAGE_PM = """Marcus Oyelaran, Product Manager
Marcus leads the clinician dashboard team at Tidewell. Before Tidewell, he was an associate product manager at
Zocdoc, and before that he taught high-school math with Teach For America. He holds an MBA from Wharton.
Tidewell builds remote monitoring software that helps cardiology practices track patients with heart failure.
"""


def test_a_borrowed_voice_does_not_bring_its_own_start_or_numbers(library):
    draft = draft_offline(TEAM_PAGE_PM, library, today=TODAY)
    assert draft.based_on == "product-manager"
    said = " ".join(p for topic in draft.data["topics"].values() for p in topic)
    for theirs in ("That's how I started", "three thousand", "Readers email me", "this early", "She'd kept"):
        assert theirs not in said, theirs


def test_what_the_employer_does_comes_from_the_sentence_that_says_it(library):
    draft = draft_offline(TEAM_PAGE_PM, library, today=TODAY)
    assert draft.data["employer"]["description"].startswith("Tidewell builds remote monitoring software")
    assert draft.notes["employer.description"].startswith(FROM_PROFILE)
    sparse = draft_offline("Priya Raman\nSenior Product Manager at Lumen Health\n", library, today=TODAY)
    assert "where Priya works" not in sparse.data["employer"]["description"]


def test_the_job_they_hold_now_is_not_also_a_past_one_when_its_dates_are_out_of_date():
    facts = read_profile("Maya Chen\nData Scientist at Riverbend Health\nExperience\n"
                         "Data Scientist, Riverbend Health, 2019-2024\nAnalyst, Riverbend Health, 2016-2019")
    assert facts.past_jobs == ["Analyst at Riverbend Health, 2016-2019"]
    assert facts.summary == "Data Scientist at Riverbend Health; before that Analyst at Riverbend Health"


@pytest.mark.parametrize(("written", "expected"), [
    ("Being asked for a referral before the person has asked her anything about the work.",
     "Being asked for a referral before the person has asked them anything about the work."),
    ("She sleeps during the day and has a shift tonight.", "They sleep during the day and have a shift tonight."),
    ("She loves her team and is proud of her work.", "They love their team and are proud of their work."),
])
def test_a_they_them_person_is_spoken_of_in_grammatical_english(written, expected):
    from coffeechat.core.profile_persona import _swap_pronouns

    assert _swap_pronouns(written, "she/her", "they/them") == expected


def test_a_promotion_is_told_as_one_and_the_degrees_in_the_order_they_came(library):
    draft = draft_of("transportation_engineer.txt", library)
    first, step, earlier = draft.data["topics"]["career_path"]
    assert first.startswith("I did a BS in Civil Engineering at Penn State University and an MS in Civil Engineering")
    assert first.endswith("before I became a senior transportation engineer there in 2021.")
    assert step.startswith("The step that mattered most was becoming a senior transportation engineer")
    assert "why I made the change" not in step
    assert earlier.startswith("Earlier on, I went from traffic engineer at PennDOT District 11")
