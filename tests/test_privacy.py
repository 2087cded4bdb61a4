"""Private data: the API key never appears anywhere coffeechat writes or prints; files are owner-only;
credentials in a base URL are redacted wherever it is stored or shown."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import Input

from coffeechat.store.config import redact_url
from coffeechat.store.transcripts import TranscriptStore

from fake_openai import Reply

KEY = "sk-privacy-SECRET-9f8e7d6c5b4a"
PASSWORD = "hunter2-secret"


@pytest.fixture
def fresh_home(tmp_path, monkeypatch):
    """A home folder coffeechat has to create itself."""
    root = tmp_path / "fresh" / "coffeechat-home"
    monkeypatch.setenv("COFFEECHAT_HOME", str(root))
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    return root


def everything_written(root) -> str:
    return "".join(p.read_text(errors="replace") for p in root.rglob("*") if p.is_file())


def test_the_key_and_url_credentials_never_appear_in_anything_written_or_printed(fresh_home, cli, tmp_path, fake_server):
    url = fake_server.base_url.replace("http://", f"http://alice:{PASSWORD}@")
    fake_server.queue(Reply(), Reply(), Reply(status=401, error_body={"error": {"message": f"bad key {KEY}"}}))
    script = tmp_path / "q.txt"
    script.write_text("Hi, I'm exploring consulting.\nWhat does a typical week look like?\nWhat is hard about it?\n")
    outputs = []
    for argv in (["rehearse", "--persona", "management-consultant", "--script", str(script), "--base-url", url],
                 ["config", "show", "--base-url", url], ["--base-url", url], ["transcripts", "list"]):
        result = cli(*argv)
        outputs += [result.out, result.err]
    (t,) = TranscriptStore(fresh_home / "transcripts").load_all()[0]
    for argv in (["transcripts", "export", t.id], ["transcripts", "export", t.id, "--format", "json"],
                 ["transcripts", "export", t.id, "-o", str(fresh_home / "chat.md")], ["score", t.id, "--json"]):
        result = cli(*argv)
        outputs += [result.out, result.err]
    shown = "".join(outputs) + everything_written(fresh_home)
    assert "rejected the API key" in shown  # the failure path ran
    for secret in (KEY, KEY[-12:], PASSWORD):
        assert secret not in shown
    assert t.engine.base_url == fake_server.base_url.replace("http://", "http://***@")


async def test_the_app_never_shows_or_stores_the_key(fresh_home, fake_server):
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    url = fake_server.base_url.replace("http://", f"http://alice:{PASSWORD}@")
    fake_server.queue(Reply(status=401, error_body={"error": {"message": f"Incorrect API key provided: {KEY}"}}))
    app = CoffeechatApp(load_settings({"base_url": url}), start_persona="product-manager", offline_delay=0)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#ask", Input).value = "What does a typical week look like?"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.export_screenshot()
        notices = " ".join(n.message for n in app._notifications)
    assert "rejected the API key" in notices
    for secret in (KEY, PASSWORD):
        assert secret not in screen and secret not in notices
    assert KEY not in everything_written(fresh_home) and PASSWORD not in everything_written(fresh_home)


def test_files_are_owner_only_and_created_folders_private(fresh_home, cli, tmp_path):
    script = tmp_path / "q.txt"
    script.write_text("Hi!\nWhat does a typical week look like?\n")
    assert cli("rehearse", "--persona", "software-engineer", "--script", str(script), "--engine", "offline").code == 0
    assert cli("personas", "new", "my-mentor").code == 0
    (t,) = TranscriptStore(fresh_home / "transcripts").load_all()[0]
    assert cli("transcripts", "export", t.id, "-o", str(fresh_home / "exports" / "chat.md")).code == 0
    paths = list(fresh_home.rglob("*"))
    assert any(p.suffix == ".json" for p in paths) and any(p.suffix == ".toml" for p in paths)
    for path in paths:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), f"{path}: {oct(mode)}"
    assert stat.S_IMODE(fresh_home.stat().st_mode) == 0o700
    assert stat.S_IMODE(fresh_home.parent.stat().st_mode) == 0o700, "missing parents are created private too"


def test_folders_that_already_exist_keep_their_permissions(tmp_path, monkeypatch, cli):
    home = tmp_path / "shared-home"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    monkeypatch.setenv("COFFEECHAT_HOME", str(home))
    assert cli("personas", "new", "my-mentor").code == 0
    assert stat.S_IMODE(home.stat().st_mode) == 0o755
    assert stat.S_IMODE((home / "personas").stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://bob:pw@llm.example.test/v1", "https://***@llm.example.test/v1"),
        ("https://bob@llm.example.test:8443/v1", "https://***@llm.example.test:8443/v1"),
        ("https://llm.example.test/v1?api-key=abc123&region=eu", "https://llm.example.test/v1?api-key=***&region=eu"),
        ("http://localhost:11434/v1", "http://localhost:11434/v1"),
    ],
)
def test_base_url_credentials_are_redacted(url, shown):
    assert redact_url(url) == shown
