"""``coffeechat classify`` and ``coffeechat score``, and the text form of a score report."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from coffeechat.core.rubric.classify import classify
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


def cmd_classify(args: argparse.Namespace, paths: UserPaths) -> int:
    out = sys.stdout
    for raw in sys.stdin:
        line = raw.rstrip("\r\n")
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
        print(render_report(report), end="")
    return 0
