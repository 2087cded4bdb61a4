"""``coffeechat classify`` and ``coffeechat score``, and the text form of a score report."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from coffeechat.core.rubric.classify import classify
from coffeechat.core.safe_text import clean
from coffeechat.errors import CoffeechatError
from coffeechat.core.rubric.guide import NOT_SCORED
from coffeechat.core.rubric.report import ScoreReport
from coffeechat.core.rubric.score import score_transcript
from coffeechat.store.paths import UserPaths
from coffeechat.store.transcripts import TranscriptStore


def render_report(report: ScoreReport, width: int = 88) -> str:
    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [f"Score {report.headline}", ""]
    for c in report.criteria:
        if c.assessed:
            lines.append(f"  {c.name:<26} {c.score:>3}/100  (weight {c.weight:g})")
        else:
            lines.append(f"  {c.name:<26} {NOT_SCORED}  (weight {c.weight:g}; left out of the overall)")
        lines.append(wrap.fill(c.summary))
        for e in c.evidence:
            lines.append(wrap.fill(f'turn {e.turn}: "{e.quote}" — {e.note}'))
        lines.append(wrap.fill(f"Tip: {c.tip}"))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _stdin_lines() -> Iterator[str]:
    """Standard input line by line, strictly UTF-8, cleaned like every text from outside."""
    stream = getattr(sys.stdin, "buffer", None)
    for number, raw in enumerate(stream if stream is not None else sys.stdin, 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise CoffeechatError(f"standard input, line {number}: is not UTF-8 text (bad byte at offset {exc.start});"
                                      " save it as UTF-8") from None
        yield clean(raw.rstrip("\r\n"))


def cmd_classify(args: argparse.Namespace, paths: UserPaths) -> int:
    out = sys.stdout
    for line in _stdin_lines():
        if not line.strip():
            continue
        c = classify(line)
        if args.json:
            out.write(json.dumps(c.as_json(), ensure_ascii=False) + "\n")
        else:
            flags = ",".join(c.flags) or "-"
            out.write(f"{c.kind:<6}  {flags:<24}  {line}\n")
            if args.explain:
                out.write(f"        signals: {'; '.join(c.signals) or 'none'}\n")
    return 0


def cmd_score(args: argparse.Namespace, paths: UserPaths) -> int:
    transcript = TranscriptStore(paths.transcripts_dir).load(args.transcript)
    report = score_transcript(transcript)
    if args.json:
        print(report.model_dump_json(indent=2))
    else:
        if transcript.status != "finished":
            print("Scored so far: this interview is not finished (coffeechat resume continues it).\n")
        print(render_report(report), end="")
    return 0

