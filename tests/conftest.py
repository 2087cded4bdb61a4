from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.store.paths import builtin_dir

ENV_VARS = ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COFFEECHAT_MODEL", "COFFEECHAT_HOME", "OPENAI_MODEL")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's own key, server or folders."""
    for var in ENV_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh COFFEECHAT_HOME: config, personas and transcripts live here."""
    root = tmp_path / "home"
    root.mkdir()
    monkeypatch.setenv("COFFEECHAT_HOME", str(root))
    return root


@pytest.fixture
def user_personas(home: Path) -> Path:
    folder = home / "personas"
    folder.mkdir()
    return folder


def builtin_persona_path(persona_id: str) -> Path:
    return builtin_dir("personas") / f"{persona_id}.toml"


def copy_builtin(persona_id: str, dest: Path) -> Path:
    shutil.copy(builtin_persona_path(persona_id), dest)
    return dest


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the coffeechat command in-process and capture what it prints."""

    def run(*argv: str) -> Result:
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 0
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def fake_server():
    from fake_openai import FakeOpenAI

    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def no_secrets_between_tests():
    """Secrets are registered per process; each test starts with none."""
    from coffeechat.core import safe_text

    safe_text.forget_secrets()
    yield
    safe_text.forget_secrets()
