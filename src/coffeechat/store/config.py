"""Settings: command-line flags > environment variables > config file > defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError, field_validator

from coffeechat.core import safe_text
from coffeechat.errors import CoffeechatError
from coffeechat.store.paths import UserPaths, user_paths
from coffeechat.store.tomlfile import describe_error, load_model, read_toml

EngineChoice = Literal["auto", "offline", "openai"]

DEFAULT_MODEL = "gpt-4.1-mini"

# setting name -> environment variable that sets it
ENV_VARS: dict[str, str] = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "COFFEECHAT_MODEL",
}


def check_base_url(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    example = "like http://localhost:11434/v1"
    try:
        parts = urlsplit(value)
        port = parts.port  # raises for a port that is not a number from 0 to 65535
    except ValueError:
        raise ValueError(f"is not a valid address (check the host and the port, a number from 1 to 65535), {example}") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or not parts.hostname:
        raise ValueError(f"must be an http:// or https:// address, {example}")
    if port == 0:
        raise ValueError(f"has port 0; give the port the server listens on, {example}")
    if any(ch.isspace() or ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in value):
        raise ValueError(f"contains spaces or control characters; {example}")
    return value.rstrip("/")




def redact_url(url: str) -> str:
    """A base URL fit to show or store: a user name or password in it becomes ***, and so does the
    value of any query parameter that looks like a secret (api-key=…, token=…)."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.netloc.rpartition("@")[2]
        parts = parts._replace(netloc=f"***@{host}")
    if parts.query:
        pairs = [pair.partition("=") for pair in parts.query.split("&")]
        parts = parts._replace(query="&".join(
            f"{name}{eq}{'***' if eq and safe_text.SECRET_PARAM.search(name) else value}" for name, eq, value in pairs))
    return parts.geturl()


class Settings(BaseModel):
    """Every setting, as the config file spells it. Unknown keys in the file are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    engine: EngineChoice = Field(
        "auto", description="offline, openai, or auto (openai when a key or base URL is set, else offline)"
    )
    model: str = Field(DEFAULT_MODEL, min_length=1, description="model name for the OpenAI-compatible engine")
    base_url: str | None = Field(None, description="OpenAI-compatible server, e.g. http://localhost:11434/v1")
    api_key: str | None = Field(None, min_length=1, description="API key (prefer the OPENAI_API_KEY variable)")
    context_window: int | None = Field(
        None, ge=1024, le=10_000_000, description="tokens the model accepts; unset uses a default for the model"
    )
    request_timeout: float = Field(60.0, gt=0, le=3600, description="seconds to wait for the server")
    reply_tokens: StrictInt | None = Field(
        None, ge=0, le=100_000,
        description="most tokens a reply may take (max_tokens); unset: from the persona's talkativeness; 0: no limit",
    )
    retries: int = Field(3, ge=0, le=10, description="retries of rate limits, server errors and time-outs")
    user_wpm: float = Field(150.0, ge=50, le=400, description="your speaking pace for the spoken clock")
    persona_wpm: float = Field(150.0, ge=50, le=400, description="the professional's speaking pace")
    pause_seconds: float = Field(2.0, ge=0, le=30, description="pause added to the spoken clock per turn")
    your_name: str | None = Field(None, min_length=1, max_length=100, description="your name, to sign thank-you notes")

    @field_validator("base_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return check_base_url(value)

    @property
    def resolved_engine(self) -> Literal["offline", "openai"]:
        if self.engine == "auto":
            return "openai" if (self.api_key or self.base_url) else "offline"
        return self.engine


class ResolvedSettings(BaseModel):
    """Settings plus where each value came from and the user's folders."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    settings: Settings
    sources: dict[str, str]
    paths: UserPaths

    def describe(self) -> list[tuple[str, str, str]]:
        """(name, shown value, source) rows; the API key is never shown."""
        rows = []
        for name in Settings.model_fields:
            value = getattr(self.settings, name)
            if name == "api_key":
                shown = "(set)" if value else "(not set)"
            elif value is None:
                shown = "(not set)"
            elif name == "base_url":
                shown = redact_url(value)
            else:
                shown = str(value)
            rows.append((name, shown, self.sources.get(name, "default")))
        rows.append(("engine in use", self.settings.resolved_engine, "derived"))
        rows.append(("config file", str(self.paths.config_file), "folder"))
        rows.append(("your personas", str(self.paths.personas_dir), "folder"))
        rows.append(("transcripts", str(self.paths.transcripts_dir), "folder"))
        return rows


def _register(api_key: Any = None, base_url: Any = None) -> None:
    """Every key and URL credential given anywhere is a secret, whether or not its layer wins."""
    safe_text.register_secret(api_key if isinstance(api_key, str) else None)
    safe_text.register_url(base_url if isinstance(base_url, str) else None)


def register_known_secrets(paths: UserPaths, env: Mapping[str, str] | None = None) -> None:
    """Register every key and URL credential the user has set anywhere (environment, config file)
    as a secret to redact, even for commands that never read the settings: an old transcript may
    quote one. A config file that cannot be read is skipped here; the commands that need it say so."""
    env = os.environ if env is None else env
    _register(env.get("OPENAI_API_KEY", "").strip(), env.get("OPENAI_BASE_URL"))
    try:
        data = read_toml(paths.config_file) if paths.config_file.exists() else {}
    except CoffeechatError:
        return
    _register(data.get("api_key"), data.get("base_url"))


def load_settings(flags: Mapping[str, Any] | None = None, env: Mapping[str, str] | None = None) -> ResolvedSettings:
    """Merge the layers. ``flags`` holds only options given on the command line (plus ``home``)."""
    flags = dict(flags or {})
    env = os.environ if env is None else env
    paths = user_paths(flags.pop("home", None), env)

    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    config_file = paths.config_file
    if config_file.exists():
        file_settings = load_model(Settings, config_file, hint="see the settings table in the README")
        for name in file_settings.model_fields_set:
            values[name] = getattr(file_settings, name)
            sources[name] = str(config_file)
        _register(file_settings.api_key, file_settings.base_url)

    _register(env.get(ENV_VARS["api_key"], "").strip(), env.get(ENV_VARS["base_url"]))
    for name, var in ENV_VARS.items():
        raw = env.get(var)
        if raw is not None and raw.strip():
            values[name] = raw.strip()
            sources[name] = f"${var}"

    for name, value in flags.items():
        if value is None:
            continue
        if name not in Settings.model_fields:
            raise CoffeechatError(f"unknown setting {name!r}")
        values[name] = value
        sources[name] = "--" + name.replace("_", "-")

    _register(base_url=flags.get("base_url"))
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        name = str(err["loc"][0]) if err.get("loc") else "?"
        where = sources.get(name, "settings")
        raise CoffeechatError(f"{where}: {describe_error(Settings, err)}") from None
    return ResolvedSettings(settings=settings, sources=sources, paths=paths)

