"""Built-in personas plus the user's own folder; user files override built-ins by id."""

from __future__ import annotations

import json

import pytest

from coffeechat.store.config import load_settings
from coffeechat.store.personas import load_library, load_persona_file

from conftest import copy_builtin


def test_user_file_with_a_builtin_id_overrides_it(user_personas, cli):
    mine = copy_builtin("software-engineer", user_personas / "software-engineer.toml")
    mine.write_text(mine.read_text(encoding="utf-8").replace('name = "Priya Raman"', 'name = "Ada Lovelace"'),
                    encoding="utf-8")
    library = load_library(load_settings().paths)
    loaded = library.get("software-engineer")
    assert loaded.persona.name == "Ada Lovelace"
    assert loaded.source == "user" and loaded.path == mine

    listing = cli("personas", "list", "--json")
    row = next(r for r in json.loads(listing.out) if r["id"] == "software-engineer")
    assert row["name"] == "Ada Lovelace" and row["source"] == "user"
    assert sum(r["id"] == "software-engineer" for r in json.loads(listing.out)) == 1


def test_user_persona_appears_beside_the_builtins(user_personas, cli):
    copy_builtin("registered-nurse", user_personas / "night-nurse.toml")
    result = cli("personas", "list")
    assert result.code == 0
    line = next(l for l in result.out.splitlines() if l.startswith("night-nurse "))
    assert "Grace Adeyemi" in line and line.rstrip().endswith("user")


def test_personas_new_writes_a_template_that_validates(home, cli):
    result = cli("personas", "new", "city-planner")
    path = home / "personas" / "city-planner.toml"
    assert result.code == 0 and str(path) in result.out
    persona = load_persona_file(path)
    assert persona.id == "city-planner"
    assert "#" in path.read_text(encoding="utf-8"), "the template explains its fields in comments"
    assert cli("personas", "validate", str(path)).code == 0
    assert "city-planner" in cli("personas", "list").out


def test_personas_new_never_overwrites_without_force(home, cli):
    assert cli("personas", "new", "mentor").code == 0
    path = home / "personas" / "mentor.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sam Rivera", "Jo March"), encoding="utf-8")
    again = cli("personas", "new", "mentor")
    assert again.code == 2 and "already exists" in again.err
    assert "Jo March" in path.read_text(encoding="utf-8")
    assert cli("personas", "new", "mentor", "--force").code == 0
    assert "Sam Rivera" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("persona_id", ["My Mentor", "abc\n", "abc\r", "a--b", "abc-"])
def test_personas_new_rejects_an_id_that_is_not_lowercase_hyphenated(home, cli, persona_id):
    result = cli("personas", "new", persona_id)
    assert result.code == 2
    assert "lowercase letters, digits and hyphens" in result.err
    assert not (home / "personas").exists()


def test_show_prints_the_persona_and_its_file(cli):
    result = cli("personas", "show", "registered-nurse")
    assert result.code == 0
    assert "Grace Adeyemi" in result.out and "20 minutes" in result.out and "strict about time" in result.out
    assert "registered-nurse.toml (built-in)" in result.out


def test_show_full_prints_every_passage(cli):
    short = cli("personas", "show", "data-scientist").out
    full = cli("personas", "show", "data-scientist", "--full").out
    assert "Leaving was the hardest decision" in short
    assert "route is underrated" not in short and "route is underrated" in full


def test_show_of_an_unknown_id_suggests_a_close_one(cli):
    result = cli("personas", "show", "nurse")
    assert result.code == 2
    assert "no persona 'nurse'" in result.err and "did you mean 'registered-nurse'" in result.err


def _broken_override(user_personas):
    mine = copy_builtin("software-engineer", user_personas / "software-engineer.toml")
    mine.write_text(mine.read_text(encoding="utf-8").replace('temperament = "warm"', 'temperament = "grumpy"'),
                    encoding="utf-8")
    return mine


def test_a_broken_user_file_with_a_builtin_id_is_reported_not_replaced_by_the_builtin(user_personas, cli, tmp_path):
    mine = _broken_override(user_personas)
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like for you?\n")
    for argv in (("personas", "show", "software-engineer"),
                 ("rehearse", "--persona", "software-engineer", "--script", str(script)),
                 ("--persona", "software-engineer")):
        result = cli(*argv)
        assert result.code == 2, argv
        assert result.err.count("\n") == 1 and str(mine) in result.err and "temperament" in result.err, result.err
        assert "Priya" not in result.out
    assert not (user_personas.parent / "transcripts").exists()


def test_listing_with_a_broken_override_lists_what_loads_and_reports_the_file(user_personas, cli):
    mine = _broken_override(user_personas)
    listing = cli("personas", "list", "--json")
    assert listing.code == 2
    ids = [r["id"] for r in json.loads(listing.out)]
    assert "registered-nurse" in ids and "software-engineer" not in ids
    assert f"skipped a broken persona file: {mine}" in listing.err


async def test_home_shows_a_broken_override_and_keeps_running(user_personas):
    from tui_helpers import make_app, screen_text

    from coffeechat.tui.screens.home import HomeScreen

    mine = _broken_override(user_personas)
    app = make_app(user_personas.parent, start_persona="software-engineer")
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Skipped broken persona files" in screen_text(app) and mine.name in screen_text(app)
        assert "Priya Raman" not in screen_text(app)
        assert any(str(mine) in n.message and "temperament" in n.message for n in app._notifications)


def test_an_empty_persona_id_says_it_is_empty(cli):
    for argv in (("personas", "show", ""), ("personas", "show", "  "), ("rehearse", "--persona", "", "--script", "-")):
        result = cli(*argv)
        assert result.code == 2
        assert "persona id is empty" in result.err and "coffeechat personas list" in result.err
        assert "did you mean" not in result.err


def test_parsed_personas_are_cached_by_content_so_an_edit_is_seen_at_once(user_personas, home):
    mine = copy_builtin("software-engineer", user_personas / "mentor.toml")
    paths = load_settings().paths
    assert load_library(paths).get("mentor").persona.name == "Priya Raman"
    cached = list((home / "cache").glob("*.json"))
    assert len(cached) == 11  # one per content: the copy of a built-in shares its entry
    assert all(p.stat().st_mode & 0o077 == 0 for p in cached)
    mine.write_text(mine.read_text(encoding="utf-8").replace('name = "Priya Raman"', 'name = "Ada Lovelace"'), encoding="utf-8")
    assert load_library(paths).get("mentor").persona.name == "Ada Lovelace"
    for p in (home / "cache").glob("*.json"):  # a damaged cache is passed over, never trusted
        p.write_text("{not json", encoding="utf-8")
    library = load_library(paths)
    assert not library.problems and library.get("mentor").persona.name == "Ada Lovelace"


def test_a_persona_id_too_long_for_a_file_name_is_one_clear_error(home, cli):
    result = cli("personas", "new", "a" * 300)
    assert result.code == 2 and "keep it to 64 or fewer" in result.err and "Traceback" not in result.err
