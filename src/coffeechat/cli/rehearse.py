"""``coffeechat rehearse`` and ``coffeechat resume``: an interview driven by a script, headless."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from pathlib import Path

from coffeechat.core.engine import EngineError
from coffeechat.core.safe_text import strip_controls
from coffeechat.core.session import MAX_USER_TURN_CHARS, Session
from coffeechat.core.transcript import SessionSettings, now
from coffeechat.engines import build_engine
from coffeechat.engines.shaping import (CUT_NOTE, has_full_sentence, last_full_sentence, split_after_last_sentence,
                                        strip_notes)
from coffeechat.errors import CoffeechatError
from coffeechat.store.config import ResolvedSettings
from coffeechat.store.personas import load_library
from coffeechat.store.transcripts import TranscriptStore

MAX_SCRIPT_BYTES = 4 * 1024 * 1024
_LINE_END = re.compile(r"\r\n|\r|\n")
# what str.splitlines() also takes for the end of a line; in a script they are spaces
_OTHER_SEPARATORS = re.compile(r"[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def read_script(source: str) -> list[str]:
    """Each non-empty line is one user turn; ``-`` reads standard input."""
    from coffeechat.store.reading import read_named_text

    where = "standard input" if source == "-" else source
    text = read_named_text(source, MAX_SCRIPT_BYTES, "script", "a script of a few questions, one per line,",
                           "give a text file with one question per line")
    lines = []
    for number, line in enumerate(_LINE_END.split(text), 1):
        # one physical line is one turn: a form feed or a Unicode line separator inside it is a space,
        # and a line with nothing left once escapes and control characters are gone is a blank line
        line = strip_controls(_OTHER_SEPARATORS.sub(" ", line)).strip()
        if not line:
            continue
        if len(line) > MAX_USER_TURN_CHARS:
            raise CoffeechatError(
                f"{where}, line {number}: {len(line):,} characters; keep one turn under {MAX_USER_TURN_CHARS:,}"
                " (a question in a coffee chat is a sentence or two)"
            )
        lines.append(line)
    if not lines:
        raise CoffeechatError(f"{where}: has no lines to say; write one question or remark per line")
    return lines


class _Printer:
    """Streams the conversation to stdout (or stays quiet for --json).

    A reply is printed a sentence at a time, each passed through the same note stripping as the
    transcript (``strip_notes``): a model that speaks of the app's note in its own words ("It's
    just a clock note…") is not printed saying it, just as it is not stored saying it."""

    def __init__(self, quiet: bool, persona_name: str) -> None:
        self.quiet = quiet
        self.name = persona_name
        self._said = ""  # the reply's sentence in progress
        self._printed = False
        self._gap = ""  # the blanks after the last text printed
        self._open = False  # a reply is being printed

    def header(self, session: Session) -> None:
        if self.quiet:
            return
        p, t = session.persona, session.transcript
        engine = "offline engine (scripted persona, no network)" if t.engine.kind == "offline" else t.engine.label()
        print(f"Coffee chat with {p.name}, {p.role} at {p.employer.name}")
        print(f"{t.settings.agreed_minutes:g} agreed minutes · {engine}", flush=True)

    def greeting(self, text: str) -> None:
        if not self.quiet:
            print(f"\n{self.name}: {text}", flush=True)

    def user(self, text: str) -> None:
        if not self.quiet:
            print(f"\nYou: {text}", flush=True)

    def start_reply(self) -> None:
        self._said, self._printed, self._gap, self._open = "", False, "", True
        if not self.quiet:
            print(f"{self.name}: ", end="", flush=True)

    def chunk(self, text: str) -> None:
        if self.quiet:
            return
        done, self._said = split_after_last_sentence(self._said + text)
        self._write(done)

    def _write(self, sentences: str) -> None:
        kept = strip_notes(sentences)  # which trims the ends: the spaces and line breaks between are put back
        if kept:
            lead = self._gap + sentences[: len(sentences) - len(sentences.lstrip())] if self._printed else ""
            sys.stdout.write(lead + kept)
            sys.stdout.flush()
            self._printed = True
            self._gap = sentences[len(sentences.rstrip()):]
        elif not sentences.strip():
            self._gap += sentences  # a line break on its own

    def end_reply(self, note: str | None = None) -> None:
        if self.quiet or not self._open:
            return
        self._open = False
        cut = bool(note and note.startswith(CUT_NOTE))
        rest, self._said = self._said, ""
        if cut and self._printed:  # kept, and printed, to its last full sentence (which may be held here)
            rest = last_full_sentence(rest) if has_full_sentence(rest) else ""
        self._write(rest)
        print(flush=True)
        if cut:
            print(f"  ({note})", flush=True)


async def _meeting(session: Session, lines: list[str], printer: _Printer) -> int:
    """The conversation, then (once it is scored) their private impression; the engine is closed
    after both, whatever happens."""
    try:
        unsaid = await _drive(session, lines, printer)
        session.finish()
        await session.their_side()
        return unsaid
    finally:
        await session.engine.aclose()


async def _drive(session: Session, lines: list[str], printer: _Printer) -> int:
    """Say each line and stream each reply; the number of lines left unsaid because they left."""
    if not session.has_spoken and session.transcript.turns:
        printer.greeting(session.transcript.turns[0].text)
    if session.transcript.awaiting_reply:
        printer.user(session.transcript.turns[-1 if session.transcript.turns[-1].speaker == "user" else -2].text)
        printer.start_reply()
        turn = await session.reply(printer.chunk)
        printer.end_reply(turn.note if turn else None)
    for done, line in enumerate(lines):
        if session.they_left:
            return len(lines) - done
        printer.user(line)
        session.add_user_turn(line)
        printer.start_reply()
        turn = await session.reply(printer.chunk)
        printer.end_reply(turn.note if turn else None)
    return 0


def _run(session: Session, lines: list[str], args: argparse.Namespace, store: TranscriptStore, script: str) -> int:
    printer = _Printer(args.json, session.persona.first_name)
    path = store.path_for(session.transcript.id)
    resume_hint = f"coffeechat resume {session.transcript.id} --script FILE"
    try:
        return _converse(session, lines, args, printer, path, resume_hint)
    except KeyboardInterrupt:  # at any moment: in a reply, between replies, while scoring or printing
        printer.end_reply()  # the sentence it was in when stopped: kept in the transcript too
        session.save()
        hint = "" if session.transcript.status == "finished" else f"\nresume with: {resume_hint}"
        print(f"\ncoffeechat: interrupted; transcript saved: {path}{hint}", file=sys.stderr)
        return 130


def _converse(session: Session, lines: list[str], args: argparse.Namespace, printer: _Printer, path: Path,
              resume_hint: str) -> int:
    printer.header(session)
    try:
        unsaid = asyncio.run(_meeting(session, lines, printer))
    except EngineError as exc:
        printer.end_reply()
        print(f"coffeechat: error: {exc}", file=sys.stderr)
        print(f"transcript saved (unfinished): {path}\nresume with: {resume_hint}", file=sys.stderr)
        if args.json:
            _print_summary(session, path, error=str(exc))
        return exc.exit_code
    side = session.transcript.their_side
    if unsaid:
        name = session.persona.first_name
        note = f"{name} had to leave: the meeting ended with {unsaid} line{'s' if unsaid != 1 else ''} of the script unsaid."
        if not args.json:
            print(f"\n— {note}")
    if args.json:
        _print_summary(session, path, unsaid=unsaid)
    else:
        from coffeechat.cli.rubric import render_report

        state = session.clock
        print(f"\n— {state.describe()} (spoken estimate)\n")
        if session.transcript.score is not None:
            print(render_report(session.transcript.score))
        if side is not None:
            from coffeechat.cli.their_side import render_their_side

            print(render_their_side(session.transcript))
        print(f"transcript saved: {path}")
    return 0


def _print_summary(session: Session, path: Path, error: str | None = None, unsaid: int = 0) -> None:
    t = session.transcript
    summary = {
        "transcript_id": t.id,
        "path": str(path),
        "persona": t.persona_id,
        "engine": t.engine.model_dump(),
        "status": t.status,
        "turns": len(t.turns),
        "spoken_minutes": round(t.clock_state().elapsed_minutes, 2),
        "agreed_minutes": t.settings.agreed_minutes,
        "score": t.score.model_dump() if t.score else None,
        "their_side": t.their_side.model_dump() if t.their_side else None,
    }
    if unsaid:
        summary["they_left"] = True
        summary["lines_unsaid"] = unsaid
    if error:
        summary["error"] = error
    print(json.dumps(summary, ensure_ascii=False))


def cmd_rehearse(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
    persona = load_library(resolved.paths).get(args.persona).persona
    lines = read_script(args.script)
    minutes = args.minutes if args.minutes is not None else persona.manner.default_minutes
    if not 1 <= minutes <= 240:
        raise CoffeechatError(f"--minutes {minutes:g}: give the agreed meeting length, between 1 and 240 minutes")
    pace = resolved.settings
    settings = SessionSettings(agreed_minutes=minutes, goal=args.goal or "", user_wpm=pace.user_wpm,
                               persona_wpm=pace.persona_wpm, pause_seconds=pace.pause_seconds,
                               your_name=pace.your_name or "")
    engine = build_engine(resolved.settings)
    store = TranscriptStore(resolved.paths.transcripts_dir)
    started = now()
    try:
        session = Session.start(persona, engine, settings, store.claim_new_id(persona.id, started), saver=store.save,
                                created_at=started)
        return _run(session, lines, args, store, args.script)
    finally:
        store.release_all()


def cmd_resume(args: argparse.Namespace, resolved: ResolvedSettings) -> int:
    store = TranscriptStore(resolved.paths.transcripts_dir)
    lines = read_script(args.script)
    transcript = store.open_for_writing(args.id)  # one writer at a time: a second resume is refused here
    try:
        if transcript.status == "finished":
            raise CoffeechatError(
                f"transcript {transcript.id} is finished; start a new rehearsal with: coffeechat rehearse --persona"
                f" {transcript.persona_id} --script FILE"
            )
        engine = build_engine(resolved.settings)
        transcript.engine = engine.info
        session = Session(transcript, engine, saver=store.save)
        return _run(session, lines, args, store, args.script)
    finally:
        store.release_all()
