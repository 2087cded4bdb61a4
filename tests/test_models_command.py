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


def test_a_model_in_use_that_the_server_does_not_list_is_said(home, cli, fake_server):
    fake_server.models = ["smollm2"]
    result = cli("models", "--base-url", fake_server.base_url)
    assert result.code == 0 and result.out.splitlines() == ["smollm2"]
    assert "is not on this list: pass --model" in result.err


def test_a_model_list_nested_thousands_deep_is_one_line(home, cli):
    import httpx
    import respx

    with respx.mock(base_url="http://127.0.0.1:9/v1") as mock:
        mock.get("/models").mock(return_value=httpx.Response(
            200, content=b'{"data":' + b"[" * 50_000 + b"]" * 50_000 + b"}", headers={"content-type": "application/json"}))
        result = cli("models", "--base-url", "http://127.0.0.1:9/v1")
    assert result.code == 2 and "did not answer with a list of models" in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_certificates_that_cannot_be_read_are_one_clear_line(home, cli, tmp_path, monkeypatch):
    from coffeechat.engines import openai_compat

    bad = tmp_path / "bad.pem"
    bad.write_text("not a certificate\n")
    monkeypatch.setenv("SSL_CERT_FILE", str(bad))
    openai_compat._tls.cache_clear()
    try:
        result = cli("models", "--base-url", "http://127.0.0.1:9/v1")
    finally:
        monkeypatch.delenv("SSL_CERT_FILE")
        openai_compat._tls.cache_clear()
    assert result.code == 2 and "cannot read the TLS certificates" in result.err and "SSL_CERT_FILE" in result.err
    assert result.err.count("\n") == 1
