"""A persona written as commented TOML reads back as exactly the persona written."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.store.persona_toml import render_persona_toml, toml_string
from coffeechat.store.personas import load_library, load_persona_file

LIBRARY = load_library()


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_string_reads_back_as_itself(text):
    assert tomllib.loads(f"value = {toml_string(text)}\n")["value"] == text


@pytest.mark.parametrize("persona_id", LIBRARY.ids())
def test_every_built_in_persona_round_trips_through_the_file(persona_id, tmp_path):
    persona = LIBRARY.get(persona_id).persona
    data = persona.model_dump(exclude={"id"})
    text = render_persona_toml(data, {"name": "from the profile: their name", "topics.advice": "generic: change it"},
                               ["A header line", "and a second one"])
    assert tomllib.loads(text) == {k: v for k, v in data.items() if v is not None and v != []}
    path = tmp_path / f"{persona_id}.toml"
    path.write_text(text, encoding="utf-8")
    assert load_persona_file(path) == persona


def test_notes_sit_above_their_keys_and_the_header_on_top():
    data = LIBRARY.get("software-engineer").persona.model_dump(exclude={"id"})
    text = render_persona_toml(data, {"employer.founded": "invented: the profile does not say", "stories": "generic: theirs"},
                               ["Jordan Lee — drafted offline"])
    lines = text.splitlines()
    assert lines[0] == "# Jordan Lee — drafted offline"
    founded = next(i for i, line in enumerate(lines) if line.startswith("founded = "))
    assert lines[founded - 1] == "# invented: the profile does not say"
    first_story = lines.index("[[stories]]")
    assert lines[first_story - 1] == "# generic: theirs"


def test_quotes_backslashes_newlines_and_triple_quotes_survive():
    data = LIBRARY.get("software-engineer").persona.model_dump(exclude={"id"})
    data["summary"] = 'She said "ship it" \\ then\nleft """ for \t lunch \x7f.'
    assert tomllib.loads(render_persona_toml(data, {}, []))["summary"] == data["summary"]
