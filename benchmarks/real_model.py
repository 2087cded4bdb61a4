"""Time to first token and tokens per second through coffeechat's engine against the raw openai
SDK, on the same request, against a real model (SmolLM2-135M behind llama.cpp's OpenAI-compatible
server on 127.0.0.1; `scripts/real_model.sh setup` first). Not part of run.py: the server takes
minutes to build once.

The request is the one coffeechat sends for the first question of a session (system prompt,
greeting, question, clock note, ``max_tokens`` from the persona). Rounds alternate which side goes
first; each side keeps one client (and coffeechat one engine) across rounds, as in a conversation;
after a warm-up, the server reuses its cache for the shared prompt on both sides alike.
Tokens are counted with one tokenizer on both sides, over the time from the first token to the last.

    python benchmarks/real_model.py [--rounds N] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

QUESTION = "What does a typical week look like for you?"
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_real_server(who: str, run: Callable[[str], Awaitable[T]]) -> T | None:
    """Start the real model's server on a free port of 127.0.0.1, run ``run(base_url)``, stop it;
    None (and a line saying why) when it does not start."""
    port = free_port()
    started = subprocess.run(["bash", str(ROOT / "scripts" / "real_model.sh"), "serve", str(port)],
                             capture_output=True, text=True, timeout=120)
    if started.returncode != 0:
        print(f"{who}: the model server did not start: {started.stdout.strip() or started.stderr.strip()}"
              " (run scripts/real_model.sh setup first)", file=sys.stderr)
        return None
    pid = int(started.stdout.strip().splitlines()[-1])
    try:
        return asyncio.run(run(f"http://127.0.0.1:{port}/v1"))
    finally:
        os.kill(pid, signal.SIGTERM)


async def measure(base_url: str, rounds: int) -> dict[str, object]:
    import openai

    from coffeechat.core.engine import ReplyRequest
    from coffeechat.core.session import Session
    from coffeechat.core.tokens import counter_for
    from coffeechat.core.transcript import SessionSettings
    from coffeechat.engines.openai_compat import OpenAICompatEngine
    from coffeechat.store.config import Settings
    from coffeechat.store.personas import load_library

    persona = load_library().get("software-engineer").persona
    settings = Settings(base_url=base_url, model="smollm2")
    counter = counter_for("smollm2")

    engine = OpenAICompatEngine(settings)  # one engine and one client on each side, as in a conversation
    client = openai.AsyncOpenAI(api_key="sk-no-key-needed", base_url=base_url, max_retries=0)

    def new_session() -> Session:
        session = Session.start(persona, engine, SessionSettings(agreed_minutes=20), "bench", saver=lambda t: None)
        session.add_user_turn(QUESTION)
        return session

    probe = new_session()
    await engine.discover_window()
    request = ReplyRequest(persona=persona, settings=probe.transcript.settings, turns=tuple(probe.transcript.turns),
                           clock=probe.clock, conversation_id="bench")
    messages = engine.build_request(request)
    max_tokens = engine.reply_budget(request)

    async def through_coffeechat() -> tuple[float, float, int]:
        session = new_session()
        marks: list[float] = []
        start = time.perf_counter()
        turn = await session.reply(lambda chunk: marks.append(time.perf_counter()))
        return marks[0] - start, marks[-1] - marks[0], counter.count(turn.text if turn else "")

    async def raw_sdk() -> tuple[float, float, int]:
        marks: list[float] = []
        parts: list[str] = []
        start = time.perf_counter()
        stream = await client.chat.completions.create(model="smollm2", messages=messages, max_tokens=max_tokens,
                                                      stream=True)
        async for chunk in stream:
            text = chunk.choices[0].delta.content if chunk.choices and chunk.choices[0].delta else None
            if text:
                marks.append(time.perf_counter())
                parts.append(text)
        return marks[0] - start, marks[-1] - marks[0], counter.count("".join(parts))

    await raw_sdk()  # warm-up: the server reads the shared prompt once
    sides: dict[str, list[tuple[float, float, int]]] = {"coffeechat": [], "raw SDK": []}
    for i in range(rounds):
        order = [("coffeechat", through_coffeechat), ("raw SDK", raw_sdk)]
        for name, run in (order if i % 2 == 0 else order[::-1]):
            sides[name].append(await run())

    def summary(runs: list[tuple[float, float, int]]) -> dict[str, float]:
        rates = [tokens / spent for _, spent, tokens in runs if spent > 0 and tokens > 1]
        return {"ttft_ms": round(statistics.median(r[0] for r in runs) * 1000, 1),
                "tokens_per_second": round(statistics.median(rates), 1) if rates else 0.0,
                "tokens_per_reply": statistics.median(r[2] for r in runs)}

    await engine.aclose()
    await client.close()
    out = {name: summary(runs) for name, runs in sides.items()}
    ours, raw = out["coffeechat"], out["raw SDK"]
    out["ttft_ratio"] = round(ours["ttft_ms"] / raw["ttft_ms"], 3)
    out["tokens_per_second_ratio"] = round(ours["tokens_per_second"] / raw["tokens_per_second"], 3) if raw["tokens_per_second"] else None
    out["prompt_tokens"] = counter.count(" ".join(m["content"] for m in messages))
    out["max_tokens"] = max_tokens
    out["rounds"] = rounds
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "real_results.json"))
    args = parser.parse_args()
    result = with_real_server("real_model.py", lambda base_url: measure(base_url, args.rounds))
    if result is None:
        return 1
    Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for name in ("coffeechat", "raw SDK"):
        r = result[name]
        print(f"{name:<11} first token {r['ttft_ms']:>8,.0f} ms   {r['tokens_per_second']:>6.1f} tokens/s"
              f"   {r['tokens_per_reply']:g} tokens a reply")
    print(f"coffeechat / raw SDK: first token {result['ttft_ratio']:.2f}x, tokens/s {result['tokens_per_second_ratio']}x"
          f" ({result['prompt_tokens']:,} prompt tokens, max_tokens {result['max_tokens']}, {args.rounds} rounds)")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
