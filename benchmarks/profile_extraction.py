"""How well the offline profile reader finds a person's name, role, employer, schools and past
employers in real public bios it was not written on.

``benchmarks/data/profiles.jsonl`` holds public bios, each with what it states (null: it does not
say). The items are split in two halves by a hash of their URL: the reader's patterns were looked
at against the development half only; the held-out half is reported as it comes. Both are printed,
and written to ``benchmarks/profile_extraction.json``.

    python benchmarks/profile_extraction.py            # the figures
    python benchmarks/profile_extraction.py --misses   # and each miss of the development half

Scoring: name, role and employer are right when both are absent, or when one normalised value
contains the other (an expected list of names for one employer accepts any of them). Schools and
past employers are sets: recall is the share of expected items found in some extracted line,
precision the share of extracted lines that hold an expected item (every education line and every
past-job line counts, including a degree line that names no school).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from coffeechat.core.profile_facts import read_profile  # noqa: E402

DATA = HERE / "data" / "profiles.jsonl"
RESULTS = HERE / "profile_extraction.json"
TODAY = datetime.date(2025, 6, 1)  # fixed, so the figures do not move with the calendar
HALVES = {0: "development", 1: "held-out"}


def half_of(url: str) -> str:
    return HALVES[hashlib.sha1(url.encode("utf-8")).digest()[0] % 2]


def norm(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = plain.replace("'s ", " ").replace("’s ", " ")
    words = "".join(ch if ch.isalnum() else " " for ch in plain).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def contains(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def single_right(expected, got: str | None) -> bool:
    if expected is None or expected == []:
        return got is None
    if got is None:
        return False
    options = expected if isinstance(expected, list) else [expected]
    return any(contains(option, got) for option in options)


def set_scores(expected: list[str], got: list[str]) -> tuple[int, int, int, int]:
    """(expected found, expected, extracted right, extracted)."""
    found = sum(1 for e in expected if any(contains(e, g) or norm(e) in norm(g) for g in got))
    right = sum(1 for g in got if any(contains(e, g) or norm(e) in norm(g) for e in expected))
    return found, len(expected), right, len(got)


def load() -> list[dict]:
    with open(DATA, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def measure(items: list[dict], show_misses: bool = False) -> dict:
    singles = {k: [0, 0] for k in ("name", "role", "employer")}
    sets = {k: [0, 0, 0, 0] for k in ("schools", "past_employers")}
    slowest = 0.0
    for item in items:
        started = time.perf_counter()
        facts = read_profile(item["text"], today=TODAY)
        slowest = max(slowest, time.perf_counter() - started)
        expect = item["expect"]
        got = {"name": facts.name, "role": facts.role, "employer": facts.employer}
        for key in singles:
            ok = single_right(expect[key], got[key])
            singles[key][0] += ok
            singles[key][1] += 1
            if show_misses and not ok:
                print(f"  {key}: expected {expect[key]!r}, got {got[key]!r}   [{item['url']}]")
        for key, lines in (("schools", facts.education), ("past_employers", facts.past_jobs)):
            scores = set_scores(expect[key] or [], lines)
            for i, value in enumerate(scores):
                sets[key][i] += value
            if show_misses and (scores[0] < scores[1] or scores[2] < scores[3]):
                print(f"  {key}: expected {expect[key]!r}, got {lines!r}   [{item['url']}]")
    out: dict = {"items": len(items), "slowest_read_ms": round(slowest * 1000, 1)}
    for key, (right, total) in singles.items():
        out[key] = {"accuracy": round(right / total, 3) if total else None, "right": right, "of": total}
    for key, (found, expected, right, extracted) in sets.items():
        out[key] = {"recall": round(found / expected, 3) if expected else None, "found": found, "expected": expected,
                    "precision": round(right / extracted, 3) if extracted else None, "right": right,
                    "extracted": extracted}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print each miss of the development half")
    args = parser.parse_args()
    items = load()
    results = {}
    for half in HALVES.values():
        chosen = [i for i in items if half_of(i["url"]) == half]
        if args.misses and half == "development":
            print("misses, development half:")
        results[half] = measure(chosen, show_misses=args.misses and half == "development")
    for half, figures in results.items():
        print(f"\n{half} half: {figures['items']} bios (slowest read {figures['slowest_read_ms']} ms)")
        for key in ("name", "role", "employer"):
            f = figures[key]
            print(f"  {key:15} accuracy {f['accuracy']:.2f}  ({f['right']}/{f['of']})")
        for key in ("schools", "past_employers"):
            f = figures[key]
            recall = f"{f['recall']:.2f}" if f["recall"] is not None else " -  "
            precision = f"{f['precision']:.2f}" if f["precision"] is not None else " -  "
            print(f"  {key:15} recall {recall} ({f['found']}/{f['expected']})  precision {precision}"
                  f" ({f['right']}/{f['extracted']})")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
