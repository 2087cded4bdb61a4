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
        assert len(topic) >= 2, key
        passages += topic
    assert len(set(passages)) == len(passages), "a passage is repeated"


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
