"""Where the clock note goes in a request, measured against a real small model (SmolLM2-135M
behind llama.cpp, as benchmarks/real_model.py starts it): how often each placement's note comes back
in the raw reply (before coffeechat strips it), and the share of each request repeated from the
previous one (what a server's prompt cache reuses).

Placements: ``end`` (after the visitor's latest words, as coffeechat sent it before), ``start``
(before them), ``system`` (a system message of its own after them). The questions are the first
24 open questions of benchmarks/data/career_questions.tsv (career-centre guides), each asked as the
first question of a session and as the fourth, after three exchanges.

    python benchmarks/note_placement.py [--questions N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from real_model import with_real_server  # noqa: E402

PLACEMENTS = ("end", "start", "system")
EARLIER = [
    ("How did you get into this field?", "I started in support, moved to QA, and then into engineering."),
    ("What does a typical week look like?", "Mondays are planning, then mostly focused work and reviews."),
    ("What do you enjoy most?", "Seeing something I built used by people every day."),
]


def questions(count: int) -> list[str]:
    rows = [line.rstrip("\n").split("\t") for line in (ROOT / "benchmarks" / "data" / "career_questions.tsv").open()
            if line.strip() and not line.startswith("#")]
    return [row[4] for row in rows if row[0] == "open"][:count]


def placed(messages: list[dict[str, str]], note: str, where: str) -> list[dict[str, str]]:
    """coffeechat's messages (the note at the end of the latest visitor message) with the note moved."""
    *head, last = messages
    words = last["content"].removesuffix("\n\n" + note)
    if where == "end":
        return messages
    if where == "start":
        return [*head, {"role": "user", "content": f"{note}\n\n{words}"}]
    return [*head, {"role": "user", "content": words}, {"role": "system", "content": note}]


def echoed(reply: str, note: str) -> bool:
    """The reply repeats the note: four of its words in a row, or its bracketed label."""
    words = re.findall(r"[a-z0-9']+", note.lower())
    text = " ".join(re.findall(r"[a-z0-9']+", reply.lower()))
    grams = {" ".join(words[i:i + 4]) for i in range(len(words) - 3)}
    return any(g in text for g in grams) or bool(re.search(r"clock note|note from the app", reply, re.I))


def shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


async def measure(base_url: str, count: int) -> dict[str, object]:
    import openai

    from coffeechat.core.engine import ReplyRequest
    from coffeechat.core.session import Session
    from coffeechat.core.tokens import counter_for
    from coffeechat.core.transcript import SessionSettings
    from coffeechat.engines import prompting
    from coffeechat.engines.openai_compat import OpenAICompatEngine
    from coffeechat.store.config import Settings
    from coffeechat.store.personas import load_library

    persona = load_library().get("software-engineer").persona
    engine = OpenAICompatEngine(Settings(base_url=base_url, model="smollm2"))
    await engine.discover_window()
    client = openai.AsyncOpenAI(api_key="sk-no-key-needed", base_url=base_url, max_retries=0)
    counter = counter_for("smollm2")
    results: dict[str, dict[str, list]] = {p: {"echoes": [], "prefix": [], "examples": []} for p in PLACEMENTS}

    def request_for(turns: list[tuple[str, str]], question: str) -> tuple[list[dict[str, str]], str]:
        session = Session.start(persona, engine, SessionSettings(agreed_minutes=20), "placement", saver=lambda t: None)
        for q, a in turns:
            session.add_user_turn(q)
            session.transcript.turns.append(session.transcript.turns[-1].model_copy(
                update={"speaker": "persona", "text": a}))
        session.add_user_turn(question)
        request = ReplyRequest(persona=persona, settings=session.transcript.settings,
                               turns=tuple(session.transcript.turns), clock=session.clock,
                               conversation_id=f"placement-{len(turns)}-{question}")
        note = prompting.clock_note(session.clock, persona.manner.strict_about_time)
        return engine.build_request(request), note

    def flat(messages: list[dict[str, str]]) -> str:
        return "".join(f"<{m['role']}>{m['content']}" for m in messages)

    for question in questions(count):
        for turns in ([], EARLIER):
            before, _ = request_for(turns[:-1], turns[-1][0]) if turns else (None, None)
            messages, note = request_for(turns, question)
            for where in PLACEMENTS:
                sent = placed(messages, note, where)
                if before is not None:  # the previous request of the same conversation, placed alike
                    prior = flat(placed(before, before[-1]["content"].split("\n\n")[-1], where))
                    now = flat(sent)
                    results[where]["prefix"].append(counter.count(now[: shared_prefix(prior, now)]) / counter.count(now))
                try:
                    reply = await client.chat.completions.create(model="smollm2", messages=sent, max_tokens=120)
                    text = reply.choices[0].message.content or ""
                except openai.APIError as exc:  # a template that refuses a later system message
                    text = f"<refused: {type(exc).__name__}>"
                results[where]["echoes"].append(echoed(text, note))
                if results[where]["echoes"][-1]:
                    results[where]["examples"].append(" ".join(text.split())[:240])
    await client.close()
    await engine.aclose()
    return {where: {"requests": len(r["echoes"]), "echoed": sum(r["echoes"]),
                    "echo_rate": round(sum(r["echoes"]) / len(r["echoes"]), 3),
                    "prefix_share_median": round(statistics.median(r["prefix"]), 3) if r["prefix"] else None,
                    "echo_examples": r["examples"]}
            for where, r in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=24)
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "note_placement.json"))
    args = parser.parse_args()
    result = with_real_server("note_placement.py", lambda base_url: measure(base_url, args.questions))
    if result is None:
        return 1
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for where, r in result.items():
        print(f"{where:<7} note echoed in {r['echoed']:>3} of {r['requests']} replies ({r['echo_rate']:.0%});"
              f" request repeated from the previous: {r['prefix_share_median']:.1%} (median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
