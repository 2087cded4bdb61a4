"""The built-in library: every persona is valid, distinct and rich enough to play well."""

from __future__ import annotations

import itertools
import re

import pytest

from coffeechat.core.persona import TOPIC_TITLES
from coffeechat.store.paths import builtin_dir
from coffeechat.store.personas import load_library, load_persona_file, persona_files

BUILTIN_FILES = persona_files(builtin_dir("personas"))
REQUIRED_IDS = {
    "software-engineer",
    "management-consultant",
    "environmental-policy",
    "government-analyst",
    "product-manager",
    "data-scientist",
    "ux-researcher",
    "registered-nurse",
    "finance-to-tech",
}


def test_the_library_holds_at_least_ten_personas_covering_the_required_roles():
    library = load_library()
    assert not library.problems
    assert len(library.personas) >= 10
    assert REQUIRED_IDS <= set(library.personas)
    assert {"high-school-teacher", "nonprofit-program-manager"} & set(library.personas)


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_builtin_persona_validates(path):
    persona = load_persona_file(path)
    assert persona.id == path.stem


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_builtin_persona_has_several_distinct_passages_per_topic(path):
    persona = load_persona_file(path)
    passages = []
    for key in TOPIC_TITLES:
        topic = persona.topic(key)
        assert len(topic) >= 4, f"{key}: {len(topic)} passages; the offline persona needs four to sound like a person"
        passages += topic
    assert len(set(passages)) == len(passages), "a passage is repeated"


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_builtin_persona_has_stories_with_names_and_numbers(path):
    persona = load_persona_file(path)
    assert len(persona.stories) >= 8
    assert len({s.topic for s in persona.stories}) >= 8, "stories on only a few topics"
    for story in persona.stories:
        assert re.search(r"\d|\b[A-Z][a-z]+\b.*\b[A-Z][a-z]+\b", story.text), f"{story.title!r}: nothing specific"


def test_the_readme_persona_example_validates_once_its_topics_are_filled_in(tmp_path):
    """The example in 'Writing your own persona' is a real file: with the omitted topics filled
    in, it passes the validator (so its placeholders, story and referral fields are right)."""
    import tomllib
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Writing your own persona"):]
    block = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    data = tomllib.loads(block)
    for key in TOPIC_TITLES:
        data["topics"].setdefault(key, [f"A first passage about {key}, long enough.", f"A second passage about {key}, also fine."])
    from coffeechat.core.persona import Persona

    persona = Persona.model_validate(data)
    assert "{" not in persona.lines.say("greeting", 25)
    assert persona.lines.say("greeting", 25) == "Hi! I've got about twenty-five minutes. What would be most useful?"
    assert persona.lines.say("time_nearly_up", 25, 4.6).startswith("Just a heads-up, we've got about five minutes left")
    assert persona.referrals[0].subject == "she"


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.stem)
def test_builtin_persona_is_specific_not_filler(path):
    """Concrete details: numbers and named things appear in the persona's own story."""
    persona = load_persona_file(path)
    story = " ".join(passage for key in TOPIC_TITLES for passage in persona.topic(key))
    figures = re.findall(r"\b(?:\d[\d,.]*|one|two|three|four|five|six|eight|ten|twelve|twenty|thirty|forty|hundred)\b", story)
    assert len(figures) >= 5, "hardly any numbers, dates or figures in the persona's story"
    assert persona.public_profile, "no public profile facts"
    assert persona.employer.public_facts, "no public facts about the employer"


def test_personas_are_distinct_people():
    personas = list(load_library().personas.values())
    names = [loaded.persona.name for loaded in personas]
    employers = [loaded.persona.employer.name for loaded in personas]
    assert len(set(names)) == len(names)
    assert len(set(employers)) == len(employers)
    for a, b in itertools.combinations(personas, 2):
        assert a.persona.lines.greeting != b.persona.lines.greeting


def test_temperaments_vary_and_at_least_two_busy_personas_keep_strict_time():
    personas = [loaded.persona for loaded in load_library().personas.values()]
    assert {p.manner.temperament for p in personas} == {"warm", "busy", "reserved"}
    busy_and_strict = [p for p in personas if p.manner.temperament == "busy" and p.manner.strict_about_time]
    assert len(busy_and_strict) >= 2
    assert len({p.manner.default_minutes for p in personas}) >= 2


def test_consultant_talks_about_long_hours_and_travel():
    consultant = load_persona_file(builtin_dir("personas") / "management-consultant.toml")
    day = " ".join(consultant.topic("typical_day") + consultant.topic("challenges")).lower()
    assert "travel" in day or "fly" in day
    assert "hour" in day
