"""`coffeechat models`: what the configured server offers, against the local fake server."""

from __future__ import annotations

import json


def test_models_lists_what_the_server_offers_and_marks_the_one_in_use(home, cli, fake_server):
    fake_server.models = ["llama3.2", "qwen2.5:7b", "smollm2"]
    result = cli("models", "--base-url", fake_server.base_url, "--model", "qwen2.5:7b")
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["llama3.2", "qwen2.5:7b  (in use)", "smollm2"]
    as_json = cli("models", "--base-url", fake_server.base_url, "--json")
    assert json.loads(as_json.out) == ["llama3.2", "qwen2.5:7b", "smollm2"]


def test_hostile_model_ids_are_cleaned(home, cli, fake_server):
    fake_server.models = ["evil\x1b]52;c;SGVsbG8=\x07model", "ok"]
    result = cli("models", "--base-url", fake_server.base_url)
    assert result.code == 0 and "\x1b" not in result.out and "evilmodel" in result.out


def test_without_a_server_or_with_one_that_is_down_it_is_one_line(home, cli):
    result = cli("models")
    assert result.code == 2 and "no model server is configured" in result.err and result.err.count("\n") == 1
    down = cli("models", "--base-url", "http://127.0.0.1:9/v1")
    assert down.code == 2 and "cannot reach" in down.err and "Traceback" not in down.err
