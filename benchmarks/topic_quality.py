"""Does the offline professional answer the question asked? Measured on questions nobody here wrote.

    python benchmarks/topic_quality.py [--split dev|test|all] [--errors] [--persona ID]

The questions are the outside sets in benchmarks/data/ (career-centre pages and guides); their
topics are an annotator's (topic_annotations.tsv), given from the topic definitions without
seeing coffeechat's detection. Each question is asked, as the first question after a short
introduction, of every built-in persona (or one), and the reply is read back: which topics its
passages and stories came from, and whether it was the generic fallback. Split by source, as in
rubric_quality.py: read the development half's misses, quote the test half.

Also: the detector alone (no persona), its accuracy on its own bank (leave-one-out), the median
length of open answers, and the spoken minutes of a twelve-question rehearsal of real questions.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rubric_quality import DATA, rows, split_of  # noqa: E402

from coffeechat.core.persona import TOPIC_TITLES  # noqa: E402
from coffeechat.core.session import Session  # noqa: E402
from coffeechat.core.topics import guess  # noqa: E402
from coffeechat.core.transcript import SessionSettings  # noqa: E402
from coffeechat.engines.offline import ACKNOWLEDGE, CLARIFY, OfflineEngine  # noqa: E402
from coffeechat.store.personas import load_library  # noqa: E402

INTRO = "Hi, thanks for making the time. I'm Sam, a junior, and I reached out to learn about your work."
SKIP = {"none", "referral"}


def labelled(split: str) -> list[tuple[set[str], str]]:
    """(acceptable topics, question) for the annotated questions of the chosen half."""
    url_of: dict[str, str] = {}
    for kind, topic, heading, url, text in rows(DATA / "career_questions.tsv", 5):
        url_of.setdefault(text, url)
    for topic, heading, url, text in rows(DATA / "career_topics.tsv", 4):
        url_of.setdefault(text, url)
    out = []
    for file, topic, text in rows(DATA / "topic_annotations.tsv", 3):
        topics = set(topic.split("|"))
        if topics & SKIP:
            continue
        if split != "all" and split_of(url_of[text]) != split:
            continue
        out.append((topics, text))
    return out


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]


def drawn_from(persona, reply: str) -> set[str]:
    """The topics whose passages or stories a reply used (a whole sentence of one is in it)."""
    found = {key for key in TOPIC_TITLES if any(s in reply for p in persona.topic(key) for s in _sentences(p))}
    found |= {s.topic for s in persona.stories if any(x in reply for x in _sentences(s.text))}
    return found


def ask(persona, question: str, minutes: float | None = None) -> str:
    async def go() -> str:
        session = Session.start(persona, OfflineEngine(), SessionSettings(
            agreed_minutes=minutes or persona.manner.default_minutes), "bench")
        await session.ask(INTRO)
        await session.ask(question)
        return session.transcript.turns[-1].text

    return asyncio.run(go())


FALLBACKS = set(CLARIFY.values()) | set(ACKNOWLEDGE.values())


def evaluate(split: str, persona_ids: list[str], show_errors: bool) -> dict[str, object]:
    library = load_library()
    items = labelled(split)
    right = fallback = total = 0
    errors = []
    words: list[int] = []
    for pid in persona_ids:
        persona = library.get(pid).persona
        for topics, question in items:
            reply = ask(persona, question)
            total += 1
            if any(f in reply for f in FALLBACKS):
                fallback += 1
                errors.append(f"{pid:26} FALLBACK want {'|'.join(sorted(topics)):22} {question}")
                continue
            got = drawn_from(persona, reply)
            if got & topics:
                right += 1
            else:
                errors.append(f"{pid:26} want {'|'.join(sorted(topics)):22} got {','.join(sorted(got)) or '-':22} {question}")
            words.append(len(reply.split()))
    detector = sum(guess(q).topic in t for t, q in items)
    report = {
        "split": split, "questions": len(items), "personas": len(persona_ids),
        "right_topic": round(right / max(1, total), 3), "fallback": round(fallback / max(1, total), 3),
        "detector_alone_right": round(detector / max(1, len(items)), 3),
        "median_reply_words": statistics.median(words) if words else 0,
    }
    if show_errors:
        print("\n".join(errors))
    return report


def twelve_questions(persona_id: str) -> dict[str, object]:
    """A rehearsal of twelve real questions (the first twelve of the test half, one per source in
    turn) with the persona's own agreed minutes: how much of the meeting they fill."""
    library = load_library()
    persona = library.get(persona_id).persona
    seen: set[str] = set()
    picked: list[str] = []
    for topics, question in labelled("test"):
        key = next(iter(sorted(topics)))
        if key not in seen or len(seen) >= 8:
            picked.append(question)
            seen.add(key)
        if len(picked) == 12:
            break
    minutes = persona.manner.default_minutes

    async def go():
        session = Session.start(persona, OfflineEngine(), SessionSettings(agreed_minutes=20), "bench")
        await session.ask(INTRO)
        opened = []
        for q in picked:
            if session.they_left:
                break
            await session.ask(q)
            opened.append(len(session.transcript.turns[-1].text.split()))
        return session, opened

    session, lengths = asyncio.run(go())
    spoken = session.transcript.clock_state().elapsed_minutes
    return {"persona": persona_id, "agreed_minutes": 20, "persona_default_minutes": minutes, "spoken_minutes": round(spoken, 1),
            "share_of_20_minutes": round(spoken / 20, 2), "median_reply_words": statistics.median(lengths)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--persona", action="append")
    args = parser.parse_args()
    ids = args.persona or load_library().ids()
    print(evaluate(args.split, ids, args.errors))
    for pid in ids[:3] if not args.persona else ids:
        print(twelve_questions(pid))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
