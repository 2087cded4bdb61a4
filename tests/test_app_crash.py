"""An error nobody expected: the user's words are saved, the terminal is restored, one line says what
happened and where the full report is (with no key in it), and the exit status is not 0."""

from __future__ import annotations

import os
import pty
import select
import struct
import sys
import time

import pytest
from textual.widgets import Input

from coffeechat.store.transcripts import TranscriptStore

from tui_helpers import make_app, start_and_ask

KEY = "sk-crash-report-0123456789abcdef"


def reports(home):
    return sorted((home / "crash-reports").glob("crash-*.txt")) if (home / "crash-reports").is_dir() else []


async def test_a_crash_in_the_app_saves_the_conversation_writes_a_report_and_exits_non_zero(home, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    from coffeechat.store.config import load_settings
    from coffeechat.tui.app import CoffeechatApp

    app = CoffeechatApp(load_settings({"home": str(home), "engine": "offline"}), start_persona="data-scientist",
                        offline_delay=0)

    def bug() -> None:
        raise RuntimeError(f"something broke near {KEY}")

    with pytest.raises(RuntimeError):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+s")
            await pilot.pause()
            app.screen.query_one("#ask", Input).value = "What does a typical week look like for you?"
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            transcript_id = app.screen.session.transcript.id
            app.call_later(bug)
            await pilot.pause(0.5)
    assert app.return_code == 1
    line = app.crash_message
    assert line.startswith("coffeechat: unexpected error (RuntimeError: something broke near ***)")
    assert "everything said so far is saved" in line and "\n" not in line
    (report,) = reports(home)
    assert str(report) in line
    text = report.read_text()
    assert "Traceback" in text and "RuntimeError" in text and KEY not in text
    saved = TranscriptStore(home / "transcripts").load(transcript_id)
    assert [t.speaker for t in saved.turns] == ["persona", "user", "persona"]  # greeting, question, reply


def test_a_crash_in_a_real_terminal_prints_one_line_restores_the_terminal_and_exits_1(home):
    code = ("import sys\n"
            "from coffeechat.tui.screens import home\n"
            "def broken(self):\n"
            "    raise ZeroDivisionError('a bug on the home screen')\n"
            "home.HomeScreen.on_mount = broken\n"
            "from coffeechat.cli import main\n"
            "sys.exit(main([]))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COFFEECHAT_"))}
    env.update(COFFEECHAT_HOME=str(home), TERM="xterm-256color", OPENAI_API_KEY=KEY)
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal of 100x30; it must never return into pytest
        try:
            import fcntl
            import termios

            fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.execve(sys.executable, [sys.executable, "-c", code], env)
        finally:
            os._exit(127)
    output = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            output += data
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    text = output.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 1
    assert "coffeechat: unexpected error (ZeroDivisionError: a bug on the home screen)" in text
    assert "Traceback" not in text and KEY not in text
    assert "\x1b[?1049l" in text  # the alternate screen was left: the terminal is the user's again
    (report,) = reports(home)
    assert "ZeroDivisionError" in report.read_text() and str(report) in text.replace("\r\n", "").replace("\n", "")


def test_a_bug_in_a_command_is_one_line_with_a_report_not_a_traceback(home, cli, monkeypatch):
    from coffeechat.cli import transcripts

    def broken(args, paths):
        raise KeyError("an unexpected key")

    monkeypatch.setattr(transcripts, "cmd_list", broken)
    result = cli("transcripts", "list")
    assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith("coffeechat: unexpected error (KeyError: 'an unexpected key')")
    (report,) = reports(home)
    assert "KeyError" in report.read_text() and str(report) in result.err


async def test_quitting_while_a_reply_streams_is_a_clean_exit(home):
    from tui_helpers import ScriptedEngine

    app = make_app(home, start_persona="software-engineer",
                   engine_factory=lambda: ScriptedEngine(["word " * 300], delay=0.02))
    async with app.run_test(size=(100, 30)) as pilot:
        await start_and_ask(pilot, wait=0.3)
        await pilot.press("ctrl+q")
        await pilot.pause(0.3)
    assert app.crash_message is None and not app.return_code
    assert not reports(home)
