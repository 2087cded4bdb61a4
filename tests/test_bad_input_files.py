"""Whatever is in a persona or config file, the result is a persona or one clear error."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coffeechat.errors import CoffeechatError
from coffeechat.store.config import load_settings
from coffeechat.store.personas import load_persona_file
from coffeechat.store.tomlfile import FileProblem

from conftest import builtin_persona_path

VALID = builtin_persona_path("product-manager").read_text(encoding="utf-8")
LINES = VALID.splitlines()

edits = st.lists(
    st.tuples(st.integers(0, len(LINES) - 1), st.sampled_from(["drop", "dup", "garble", "cut"]), st.text(max_size=12)),
    min_size=1,
    max_size=4,
)


def apply(edit_list) -> str:
    lines = list(LINES)
    for index, kind, junk in edit_list:
        index %= len(lines)
        if kind == "drop":
            del lines[index]
        elif kind == "dup":
            lines.insert(index, lines[index])
        elif kind == "garble":
            lines[index] = lines[index][: len(lines[index]) // 2] + junk
        else:
            lines = lines[: index + 1]
        if not lines:
            lines = [junk]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edit_list=edits)
def test_an_edited_persona_file_loads_or_fails_with_one_clear_line(tmp_path: Path, edit_list):
    path = tmp_path / "edited.toml"
    path.write_text(apply(edit_list), encoding="utf-8")
    try:
        persona = load_persona_file(path)
    except FileProblem as problem:
        assert str(path) in str(problem) and "\n" not in str(problem)
        assert problem.problems
    else:
        assert persona.id == "edited"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_as_a_persona_file_fail_cleanly(tmp_path: Path, raw: bytes):
    path = tmp_path / "noise.toml"
    path.write_bytes(raw)
    try:
        load_persona_file(path)
    except FileProblem as problem:
        assert "\n" not in str(problem)


config_values = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(),
                          st.text(max_size=20), st.lists(st.integers(), max_size=3))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(["engine", "model", "base_url", "api_key", "context_window", "request_timeout", "x"]),
       value=config_values)
def test_any_config_value_loads_or_fails_with_one_clear_line(tmp_path: Path, key, value):
    import json

    home = tmp_path / "h"
    home.mkdir(exist_ok=True)
    rendered = json.dumps(value) if not isinstance(value, bool) else str(value).lower()
    (home / "config.toml").write_text(f"{key} = {rendered}\n", encoding="utf-8")
    try:
        load_settings({"home": str(home)}, env={})
    except CoffeechatError as error:
        assert str(error).startswith(str(home / "config.toml")) and "\n" not in str(error)
