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


# -- transcripts, scripts and command lines ---------------------------------------------------------

import io
import json
import sys
import tempfile

from coffeechat.cli import main
from coffeechat.store.transcripts import TranscriptProblem, load_transcript_file

import golden

VALID_TRANSCRIPT = json.loads(golden.strong().model_dump_json())


def _mutations():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                     st.text(max_size=30), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))
    return st.lists(st.tuples(st.sampled_from(["set", "drop"]), st.lists(st.integers(0, 40), min_size=1, max_size=4), leaf),
                    min_size=1, max_size=3)


def _mutate(data, path, action, value):
    node = data
    for i, step in enumerate(path):
        keys = list(node) if isinstance(node, dict) else list(range(len(node))) if isinstance(node, list) else []
        if not keys:
            return
        key = keys[step % len(keys)]
        if i == len(path) - 1 or not isinstance(node[key], (dict, list)):
            if action == "drop":
                del node[key]
            else:
                node[key] = value
            return
        node = node[key]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_mutations())
def test_an_edited_transcript_loads_or_fails_with_one_clear_line_and_is_not_changed(tmp_path, mutations):
    data = json.loads(json.dumps(VALID_TRANSCRIPT))
    for action, path, value in mutations:
        _mutate(data, path, action, value)
    path = tmp_path / "t.json"
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    try:
        load_transcript_file(path)
    except TranscriptProblem as problem:
        assert "\n" not in str(problem) and "left untouched" in str(problem)
    assert path.read_bytes() == before


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_transcript_fail_cleanly(tmp_path, raw):
    path = tmp_path / "t.json"
    path.write_bytes(raw)
    try:
        load_transcript_file(path)
    except TranscriptProblem as problem:
        assert "\n" not in str(problem)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=500))
def test_any_script_file_gives_lines_or_one_clear_error(tmp_path, raw):
    from coffeechat.cli.rehearse import read_script
    from coffeechat.errors import CoffeechatError

    path = tmp_path / "script.txt"
    path.write_bytes(raw)
    try:
        lines = read_script(str(path))
    except CoffeechatError as error:
        assert "\n" not in str(error) and str(path) in str(error)
    else:
        assert lines and all(line.strip() == line and line for line in lines)


TOKENS = ["personas", "list", "show", "validate", "new", "config", "path", "transcripts", "export", "score",
          "classify", "rehearse", "resume", "--json", "--full", "--force", "--format", "md", "json", "xml",
          "--persona", "software-engineer", "nope", "--minutes", "0", "30", "-5", "abc", "--script", "-",
          "--engine", "offline", "turbo", "--model", "", "--base-url", "localhost", "http://127.0.0.1:9/v1",
          "--home", "--goal", "x" * 300, "--explain", "-o", "ñandú", "[/]", "--", "-h"]


@settings(max_examples=int(__import__("os").environ.get("COFFEECHAT_FUZZ_EXAMPLES", "150")), deadline=None)
@given(argv=st.lists(st.sampled_from(TOKENS), max_size=7))
def test_any_command_line_ends_in_a_result_or_a_clear_error(argv):
    with tempfile.TemporaryDirectory() as home:
        argv = [a if a != "--home" else "--home" for a in argv]
        old_stdin, old_out, old_err = sys.stdin, sys.stdout, sys.stderr
        sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), io.StringIO(), io.StringIO()
        try:
            try:
                code = main(["--home", home, "--engine", "offline", *argv])
            except SystemExit as exc:  # argparse: usage errors (2) and --help (0)
                code = exc.code
            err = sys.stderr.getvalue()
        finally:
            sys.stdin, sys.stdout, sys.stderr = old_stdin, old_out, old_err
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err


# -- huge inputs ----------------------------------------------------------------------------------


def test_a_one_megabyte_question_is_refused_clearly(home, cli, tmp_path):
    script = tmp_path / "huge.txt"
    script.write_text("Hi!\n" + "why " * 250_000 + "\n")
    result = cli("rehearse", "--persona", "software-engineer", "--script", str(script))
    assert result.code == 2 and result.err.count("\n") == 1
    assert "huge.txt, line 2: 999,999 characters; keep one turn under 20,000" in result.err
    assert not (home / "transcripts").exists(), "nothing is started from a script that cannot be said"


def test_classifying_a_one_megabyte_line_finishes_and_says_what_it_read(cli, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("what " * 200_000 + "do you like most?\n"))
    result = cli("classify", "--json")
    row = json.loads(result.out)
    assert row["kind"] == "open"
    from coffeechat.core.rubric.classify import classify

    assert any("only its start and end" in s for s in classify("why " * 250_000).signals)


def test_a_ten_thousand_turn_transcript_loads_scores_lists_and_exports(home, cli):
    from coffeechat.store.transcripts import TranscriptStore

    t = golden.strong()
    t.turns = (t.turns * (10_000 // len(t.turns) + 1))[:10_000]
    store = TranscriptStore(home / "transcripts")
    store.save(t)
    assert cli("score", t.id, "--json").code == 0
    assert t.id in cli("transcripts", "list").out
    assert cli("transcripts", "export", t.id).out.count("**") >= 20_000


def test_a_five_megabyte_persona_file_is_refused_quickly_and_clearly(user_personas, cli):
    path = user_personas / "giant.toml"
    path.write_text('name = "Giant"\n' + "# padding\n" * 520_000)
    result = cli("personas", "validate", str(path))
    assert result.code == 2 and "MB" in result.err and "giant.toml" in result.err
    listing = cli("personas", "list")
    assert "software-engineer" in listing.out and "giant.toml" in listing.err
