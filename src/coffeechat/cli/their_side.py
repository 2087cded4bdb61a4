"""``coffeechat their-side``: the professional's private impression of a saved interview."""

from __future__ import annotations

import argparse
import textwrap

from coffeechat.core.transcript import Transcript
from coffeechat.errors import CoffeechatError
from coffeechat.store.transcripts import TranscriptStore


def render_their_side(t: Transcript) -> str:
    """Their side as plain text for the terminal: the impression, the two decisions, the moments."""
    side = t.their_side
    first = t.persona.first_name
    wrap = textwrap.TextWrapper(width=88, initial_indent="  ", subsequent_indent="  ")
    item = textwrap.TextWrapper(width=88, initial_indent="    - ", subsequent_indent="      ")
    who = side.colleague or "a colleague"
    out = [f"Their side ({first}'s private impression; it never changes the score)", wrap.fill(side.impression), "",
           f"  Another meeting: {'yes' if side.another_meeting else 'no'} · would introduce you to {who}:"
           f" {'yes' if side.introduce else 'no'}"]
    for title, moments in (("What stood out", side.stood_out), ("What put them off", side.put_off)):
        if moments:
            out.append(f"  {title}:")
            out += [item.fill(f'turn {m.turn}: "{m.quote}" — {m.note}') for m in moments]
    if side.note:
        out.append(wrap.fill(f"({side.note})"))
    return "\n".join(out) + "\n"


def cmd_their_side(args: argparse.Namespace, resolved) -> int:
    """Their private impression of a saved interview: the one stored, or (none yet, or --again) one
    made now with the engine the settings choose, and saved under the transcript's lock."""
    import asyncio

    from coffeechat.core.session import Session
    from coffeechat.engines import build_engine

    store = TranscriptStore(resolved.paths.transcripts_dir)
    transcript = store.load(args.transcript)
    if not any(t.speaker == "user" for t in transcript.turns):
        raise CoffeechatError(f"transcript {transcript.id} has nothing you said in it; there is no impression to give")
    if transcript.their_side is None or args.again:
        transcript = store.open_for_writing(transcript.id)  # one writer at a time
        try:
            session = Session(transcript, build_engine(resolved.settings), saver=store.save)

            async def make() -> None:
                try:
                    await session.their_side()
                finally:
                    await session.engine.aclose()

            asyncio.run(make())
        finally:
            store.release_all()
    if args.json:
        print(transcript.their_side.model_dump_json(indent=2))
    else:
        print(render_their_side(transcript), end="")
    return 0
