"""A broken persona file gets one clear line naming the file, the field and the problem."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coffeechat.store.personas import load_persona_file
from coffeechat.store.tomlfile import FileProblem

from conftest import builtin_persona_path, copy_builtin


def broken(dest_folder, name, edit):
    path = copy_builtin("data-scientist", dest_folder / name)
    text = path.read_text(encoding="utf-8")
    new = edit(text)
    assert new != text, "the edit did not change the file"
    path.write_text(new, encoding="utf-8")
    return path


def problem_of(path) -> str:
    with pytest.raises(FileProblem) as info:
        load_persona_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_missing_field_is_named(tmp_path):
    path = broken(tmp_path, "no-summary.toml", lambda t: "\n".join(l for l in t.splitlines() if not l.startswith("summary")))
    assert "summary: required field is missing" in problem_of(path)


def test_missing_nested_field_names_its_full_path(tmp_path):
    path = broken(tmp_path, "no-peeves.toml", lambda t: t.replace("pet_peeves = [", "ignored_peeves = [", 1))
    message = problem_of(path)
    assert "manner.pet_peeves: required field is missing" in message
    assert "manner.ignored_peeves: unknown field" in message


def test_wrong_type_says_what_was_expected_and_what_was_found(tmp_path):
    path = broken(tmp_path, "wrong-type.toml", lambda t: t.replace("years_in_role = 2", 'years_in_role = "two"'))
    message = problem_of(path)
    assert "years_in_role:" in message
    assert "integer" in message and "'two'" in message


def test_unknown_field_suggests_the_right_spelling(tmp_path):
    path = broken(tmp_path, "typo.toml", lambda t: t.replace("typical_day = [", "tpyical_day = [", 1))
    message = problem_of(path)
    assert "topics.tpyical_day: unknown field (did you mean 'typical_day'?)" in message


def test_invalid_choice_lists_the_allowed_values(tmp_path):
    path = broken(tmp_path, "grumpy.toml", lambda t: t.replace('temperament = "reserved"', 'temperament = "grumpy"'))
    message = problem_of(path)
    assert "manner.temperament:" in message and "'warm', 'busy' or 'reserved'" in message


def test_a_topic_with_one_passage_is_rejected(tmp_path):
    def one_passage(text):
        start = text.index("compensation = [")
        end = text.index("]", start)
        return text[:start] + 'compensation = ["I would rather not talk numbers, but ranges are public."]' + text[end + 1:]

    message = problem_of(broken(tmp_path, "thin.toml", one_passage))
    assert "topics.compensation:" in message and "at least 2" in message


def test_bad_toml_names_the_line(tmp_path):
    path = broken(tmp_path, "bad-syntax.toml", lambda t: t.replace('role = "Data Scientist II"', 'role = "Data Scientist II'))
    message = problem_of(path)
    assert "invalid TOML" in message and "line 3" in message


def test_years_in_role_cannot_exceed_years_in_field(tmp_path):
    path = broken(tmp_path, "years.toml", lambda t: t.replace("years_in_role = 2", "years_in_role = 9"))
    assert "years_in_role (9) is more than years_in_field (5)" in problem_of(path)


def test_file_name_must_be_a_valid_id(tmp_path):
    path = copy_builtin("data-scientist", tmp_path / "My Scientist.toml")
    assert "rename it to my-scientist.toml" in problem_of(path)


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes(builtin_persona_path("data-scientist").read_bytes().replace(b"Kenji", b"K\xe9nji"))
    assert "not UTF-8" in problem_of(path)


def test_validate_reports_every_problem_and_exits_2(cli, tmp_path):
    good = copy_builtin("software-engineer", tmp_path / "good.toml")
    bad = broken(tmp_path, "bad.toml", lambda t: t.replace("years_in_role = 2", 'years_in_role = "two"'))
    result = cli("personas", "validate", str(good), str(bad))
    assert result.code == 2
    assert f"ok  {good}" in result.out
    assert f"{bad}: years_in_role:" in result.err
    assert "1 of 2 persona files have problems" in result.err


def test_validate_of_a_missing_file_is_a_clear_error(cli, tmp_path):
    result = cli("personas", "validate", str(tmp_path / "nowhere.toml"))
    assert result.code == 2
    assert "nowhere.toml: no such file" in result.err


def test_list_still_shows_the_good_personas_and_reports_the_broken_one(cli, user_personas):
    bad = broken(user_personas, "broken-one.toml", lambda t: t.replace("years_in_role = 2", 'years_in_role = "two"'))
    result = cli("personas", "list")
    assert result.code == 2
    assert "software-engineer" in result.out and "registered-nurse" in result.out
    assert "broken-one" not in result.out
    assert f"skipped a broken persona file: {bad}: years_in_role:" in result.err


def test_show_of_a_broken_persona_names_the_file(cli, user_personas):
    bad = broken(user_personas, "broken-one.toml", lambda t: t.replace("typical_day = [", "tpyical_day = [", 1))
    result = cli("personas", "show", "broken-one")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert str(bad) in result.err and "did you mean 'typical_day'" in result.err


def test_a_broken_persona_never_prints_a_traceback(tmp_path):
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "junk.toml").write_bytes(b"\x00\xff[[[not toml")
    env = {"COFFEECHAT_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for args in (["personas", "list"], ["personas", "show", "junk"], ["personas", "validate", str(folder / "junk.toml")]):
        done = subprocess.run([sys.executable, "-m", "coffeechat", *args], capture_output=True, text=True, env=env,
                              timeout=60)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr
        assert "junk.toml" in done.stderr
