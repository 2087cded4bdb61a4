"""``coffeechat transcripts …``: list, show and export saved rehearsals."""

from __future__ import annotations

import argparse
import sys

from coffeechat.core.export import to_markdown
from coffeechat.core.safe_text import clean
from coffeechat.store.atomic import write_atomic
from coffeechat.store.export_target import export_destination
from coffeechat.store.paths import UserPaths
from coffeechat.store.transcripts import TranscriptStore
from coffeechat.cli.tables import print_table


def _store(paths: UserPaths) -> TranscriptStore:
    return TranscriptStore(paths.transcripts_dir, index=paths.transcript_index)


def cmd_list(args: argparse.Namespace, paths: UserPaths) -> int:
    summaries, problems = _store(paths).summaries()
    rows = []
    for t in summaries:
        rows.append([
            t.id,
            t.persona_name,
            f"{t.created_at:%Y-%m-%d %H:%M}",
            str(t.questions),
            f"{t.elapsed_minutes:.0f}/{t.agreed_minutes:g}",
            "finished" if t.finished else "resumable",
            "-" if t.overall is None else str(t.overall),
        ])
    if rows:
        print_table(["id", "persona", "date (UTC)", "questions", "minutes", "status", "score"], rows, keep=frozenset({0}))
    else:
        print("no transcripts yet; rehearse with: coffeechat rehearse --persona ID --script FILE")
    for problem in problems:
        print(f"coffeechat: error: skipped an unreadable transcript: {problem}", file=sys.stderr)
    return 2 if problems else 0


def cmd_show(args: argparse.Namespace, paths: UserPaths) -> int:
    print(to_markdown(_store(paths).load(args.id)), end="")
    return 0


def cmd_export(args: argparse.Namespace, paths: UserPaths) -> int:
    store = _store(paths)
    source = store.resolve(args.id)
    transcript = store.load_file(source)
    text = to_markdown(transcript) if args.format == "md" else clean(transcript.model_dump_json(indent=2)) + "\n"
    if args.output in (None, "-"):
        print(text, end="")
        return 0
    target = export_destination(args.output, paths, source)
    write_atomic(target, text.encode("utf-8"), what="export")
    print(f"wrote {args.output}")
    return 0
