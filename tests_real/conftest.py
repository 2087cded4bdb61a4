"""The real-model tier (make test-real): a real small model behind llama.cpp's OpenAI-compatible
server, started on 127.0.0.1 for the session and stopped after it. Not part of the default run."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests_real"))
REPORT = ROOT / "tests_real" / "report.json"

from real_figures import FIGURES  # noqa: E402


def _suite_fixtures():
    """The main suite's fixtures (a fresh home, the command line in-process, a clean environment)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("coffeechat_suite_conftest", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up while it is being defined
    spec.loader.exec_module(module)
    return module


_suite = _suite_fixtures()
clean_env, home, cli, no_secrets_between_tests = _suite.clean_env, _suite.home, _suite.cli, _suite.no_secrets_between_tests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def real_server():
    script = ROOT / "scripts" / "real_model.sh"
    setup = subprocess.run(["bash", str(script), "setup"], capture_output=True, text=True, timeout=3600)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    port = free_port()
    started = subprocess.run(["bash", str(script), "serve", str(port)], capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stdout + started.stderr
    pid = int(started.stdout.strip().splitlines()[-1])
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        os.kill(pid, signal.SIGTERM)


@pytest.fixture(scope="session", autouse=True)
def figures():
    yield FIGURES
    REPORT.write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")
    print("\nreal-model figures:", json.dumps(FIGURES, indent=2))
