"""Settings precedence: flags > environment > config file > defaults; bad config is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.errors import CoffeechatError
from coffeechat.store.config import DEFAULT_MODEL, load_settings


def write_config(home: Path, text: str) -> Path:
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_configuration(home):
    resolved = load_settings()
    assert resolved.settings.model == DEFAULT_MODEL
    assert resolved.settings.base_url is None and resolved.settings.api_key is None
    assert resolved.settings.resolved_engine == "offline"
    assert resolved.sources == {}


def test_config_file_beats_defaults(home):
    path = write_config(home, 'model = "llama3.2"\nbase_url = "http://localhost:11434/v1/"\n')
    resolved = load_settings()
    assert resolved.settings.model == "llama3.2"
    assert resolved.settings.base_url == "http://localhost:11434/v1"
    assert resolved.sources["model"] == str(path)
    assert resolved.settings.resolved_engine == "openai"


def test_environment_beats_config_file(home, monkeypatch):
    write_config(home, 'model = "llama3.2"\n')
    monkeypatch.setenv("COFFEECHAT_MODEL", "qwen2.5")
    resolved = load_settings()
    assert resolved.settings.model == "qwen2.5"
    assert resolved.sources["model"] == "$COFFEECHAT_MODEL"


def test_flags_beat_environment_and_file(home, monkeypatch):
    write_config(home, 'model = "llama3.2"\nengine = "openai"\n')
    monkeypatch.setenv("COFFEECHAT_MODEL", "qwen2.5")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:8000/v1")
    resolved = load_settings({"model": "gpt-4o", "base_url": "http://127.0.0.1:9000/v1", "engine": "offline"})
    assert resolved.settings.model == "gpt-4o"
    assert resolved.settings.base_url == "http://127.0.0.1:9000/v1"
    assert resolved.settings.resolved_engine == "offline"
    assert resolved.sources["model"] == "--model" and resolved.sources["base_url"] == "--base-url"


def test_api_key_from_environment_selects_the_openai_engine(home, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-123")
    resolved = load_settings()
    assert resolved.settings.api_key == "sk-test-123"
    assert resolved.settings.resolved_engine == "openai"


def test_empty_environment_variable_counts_as_unset(home, monkeypatch):
    write_config(home, 'model = "llama3.2"\n')
    monkeypatch.setenv("COFFEECHAT_MODEL", "  ")
    monkeypatch.setenv("OPENAI_API_KEY", "")
    resolved = load_settings()
    assert resolved.settings.model == "llama3.2"
    assert resolved.settings.resolved_engine == "offline"


def test_home_flag_beats_coffeechat_home(home, tmp_path):
    other = tmp_path / "elsewhere"
    resolved = load_settings({"home": str(other)})
    assert resolved.paths.config_file == other / "config.toml"
    assert resolved.paths.personas_dir == other / "personas"
    assert resolved.paths.transcripts_dir == other / "transcripts"


def test_coffeechat_home_holds_config_personas_and_transcripts(home):
    paths = load_settings().paths
    assert paths.config_file == home / "config.toml"
    assert paths.personas_dir == home / "personas"
    assert paths.transcripts_dir == home / "transcripts"


def test_without_coffeechat_home_the_platform_folders_are_used(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    paths = load_settings().paths
    assert paths.config_file == tmp_path / "cfg" / "coffeechat" / "config.toml"
    assert paths.transcripts_dir == tmp_path / "data" / "coffeechat" / "transcripts"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('model = "llama3.2"\nengine = \n', "invalid TOML"),
        ('temperature = 0.3\n', "temperature: unknown field"),
        ('engne = "offline"\n', "did you mean 'engine'"),
        ('engine = "turbo"\n', "engine: input should be 'auto', 'offline' or 'openai'"),
        ('base_url = "localhost:11434"\n', "base_url: must be an http:// or https:// address"),
        ('request_timeout = -1\n', "request_timeout:"),
        ('context_window = "big"\n', "context_window:"),
    ],
)
def test_malformed_config_file_is_a_clear_error_naming_the_file(home, text, expected):
    path = write_config(home, text)
    with pytest.raises(CoffeechatError) as info:
        load_settings()
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert expected in message
    assert "\n" not in message


def test_bad_environment_value_names_the_variable(home, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "localhost:11434")
    with pytest.raises(CoffeechatError, match=r"^\$OPENAI_BASE_URL: base_url: must be an http"):
        load_settings()


def test_config_show_never_prints_the_api_key(home, monkeypatch, cli):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-key")
    result = cli("config", "show")
    assert result.code == 0
    assert "sk-very-secret-key" not in result.out + result.err
    assert "(set)" in result.out and "$OPENAI_API_KEY" in result.out


def test_config_show_names_where_each_value_came_from(home, cli):
    write_config(home, 'model = "llama3.2"\n')
    result = cli("config", "show", "--engine", "offline")
    model_line = next(l for l in result.out.splitlines() if l.startswith("model "))
    engine_line = next(l for l in result.out.splitlines() if l.startswith("engine "))
    assert "llama3.2" in model_line and "config.toml" in model_line
    assert "--engine" in engine_line


def test_broken_config_stops_the_commands_that_need_it_with_one_line(home, cli, tmp_path):
    write_config(home, "engine = [\n")
    script = tmp_path / "q.txt"
    script.write_text("What does a typical week look like for you?\n")
    for argv in (("config", "show"), ("rehearse", "--persona", "software-engineer", "--script", str(script)), ()):
        result = cli(*argv)
        assert result.code == 2, argv
        assert result.out == ""
        assert result.err.startswith("coffeechat: error: ") and result.err.count("\n") == 1
        assert "config.toml" in result.err


def test_a_broken_config_never_stops_the_commands_that_do_not_need_it(home, cli):
    write_config(home, "engine = [\n")
    assert cli("config", "path").out.strip().endswith("config.toml")
    listing = cli("personas", "list")
    assert listing.code == 0 and "software-engineer" in listing.out
    assert cli("transcripts", "list").code == 0


def test_credentials_inside_a_base_url_are_never_shown(home, monkeypatch, cli):
    monkeypatch.setenv("OPENAI_BASE_URL", "https://alice:s3cret@llm.example.test:8443/v1")
    for result in (cli("config", "show"), cli()):
        assert "s3cret" not in result.out + result.err and "alice" not in result.out + result.err
        assert "https://***@llm.example.test:8443/v1" in result.out
