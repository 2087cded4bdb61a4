"""coffeechat benchmarks: each figure is measured here, on this machine, and reported as a ratio to
its limit (ratio <= 1.0 meets the target). Prints a table and writes JSON.

    python benchmarks/run.py [--json PATH] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


@dataclass
class Result:
    name: str
    value: float
    unit: str
    limit: float
    better: str  # "lower" or "higher"
    note: str = ""

    @property
    def ratio(self) -> float:
        """value/limit for lower-is-better, limit/value for higher-is-better: <= 1.0 meets the target."""
        if self.better == "lower":
            return self.value / self.limit
        return self.limit / self.value if self.value else float("inf")


def median_seconds(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def labelled_utterances() -> list[str]:
    texts = []
    for name in ("questions.tsv", "questions_holdout.tsv"):
        for line in (ROOT / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                texts.append(line.split("\t")[2])
    return texts


def long_offline_transcript(user_turns: int):
    """A real conversation with the offline engine: varied questions, replies from the persona file."""
    from coffeechat.core.session import Session
    from coffeechat.core.transcript import SessionSettings
    from coffeechat.engines.offline import OfflineEngine
    from coffeechat.store.personas import load_library

    persona = load_library().get("software-engineer").persona
    questions = [t for t in labelled_utterances() if "?" in t]
    session = Session.start(persona, OfflineEngine(), SessionSettings(agreed_minutes=30), "bench")

    async def run():
        for i in range(user_turns):
            await session.ask(questions[i % len(questions)])

    asyncio.run(run())
    return session.transcript


def bench_classification(quick: bool) -> Result:
    from coffeechat.core.rubric.classify import classify

    texts = labelled_utterances()
    rounds = 5 if quick else 20

    def run():
        for _ in range(rounds):
            for text in texts:
                classify(text)

    seconds = median_seconds(run, 3)
    rate = rounds * len(texts) / seconds
    return Result("classification throughput", rate, "utterances/s", 10_000, "higher",
                  f"{len(texts)} labelled utterances x {rounds}")


def bench_scoring(quick: bool) -> Result:
    from coffeechat.core.rubric.score import score_transcript

    transcript = long_offline_transcript(250)
    assert len(transcript.turns) == 500
    seconds = median_seconds(lambda: score_transcript(transcript), 5 if quick else 15)
    return Result("score a 500-turn transcript", seconds * 1000, "ms", 50, "lower", "offline-engine conversation")


BENCHES = [bench_classification, bench_scoring]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"), help="where to write the JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    started = time.perf_counter()
    results = []
    for bench in BENCHES:
        result = bench(args.quick)
        results.append(result)
        status = "ok" if result.ratio <= 1 else "SLOW"
        print(f"{result.name:<34} {result.value:>12,.1f} {result.unit:<14} limit {result.limit:>9,g}  "
              f"ratio {result.ratio:5.2f}  {status}", flush=True)
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": __import__("os").cpu_count()},
        "seconds": round(time.perf_counter() - started, 1),
        "results": [{**asdict(r), "ratio": round(r.ratio, 3)} for r in results],
    }
    Path(args.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json} ({report['seconds']} s)")
    return 0 if all(r.ratio <= 1 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
