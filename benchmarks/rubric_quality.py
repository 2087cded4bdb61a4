"""How well the rubric's classifier reads questions nobody on the project wrote.

    python benchmarks/rubric_quality.py [--split dev|test|all] [--errors] [--json PATH]

Reads the sets in benchmarks/data/ (real questions copied from public guides, each with its source
URL; see benchmarks/data/README.md) and, for comparison, the hand-written sets in tests/data/.

Each external set is split by source, not by item: a source's URL decides once, by a stable hash,
whether all its items are in the development half (read while improving the rules) or the test
half (only ever scored). The figures to quote are the test half's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from coffeechat.core.rubric.classify import classify  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
TESTS = ROOT / "tests" / "data"


def rows(path: Path, columns: int) -> list[list[str]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != columns:
            raise SystemExit(f"{path.name}:{number}: expected {columns} tab-separated columns, found {len(parts)}")
        out.append(parts)
    return out


def split_of(url: str) -> str:
    """Half the sources (by site and path) are for development, half for testing, fixed forever."""
    parts = urlsplit(url)
    key = f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}"
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "test"


def macro_f1(pairs: list[tuple[str, str]], labels: list[str]) -> float:
    counts = Counter(pairs)
    scores = []
    for label in labels:
        tp = counts[(label, label)]
        fp = sum(counts[(other, label)] for other in set(l for _, l in pairs) if other != label)
        fn = sum(counts[(label, other)] for other in set(p for _, p in pairs) | set(labels) if other != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def keep(url: str, split: str) -> bool:
    return split == "all" or split_of(url) == split


def evaluate(split: str, show_errors: bool) -> dict[str, object]:
    report: dict[str, object] = {"split": split}
    errors: list[str] = []

    # open vs closed examples from communication-skills and counselling training material
    path = DATA / "open_closed.tsv"
    if path.exists():
        items = [(kind, url, text) for kind, url, text in rows(path, 3) if keep(url, split)]
        pairs = []
        for kind, url, text in items:
            got = classify(text).kind
            pairs.append((kind, got))
            if got != kind:
                errors.append(f"open_closed  want {kind:<6} got {got:<6} {text}")
        report["open_closed"] = {"items": len(items), "macro_f1": round(macro_f1(pairs, ["open", "closed"]), 3),
                                 "accuracy": round(sum(a == b for a, b in pairs) / max(1, len(pairs)), 3)}

    # good informational-interview questions from career centres: open, and never flagged
    path = DATA / "career_questions.tsv"
    if path.exists():
        items = [r for r in rows(path, 5) if keep(r[3], split)]
        called = Counter()
        total = Counter()
        flagged = 0
        for kind, topic, heading, url, text in items:
            c = classify(text)
            total[kind] += 1
            called[kind] += c.kind == "open"
            bad_flags = [f for f in ("googleable", "job_request") if c.has(f)]
            flagged += bool(bad_flags)
            if c.kind != "open" or bad_flags:
                errors.append(f"career       {kind:<11} got {c.kind:<6} {','.join(bad_flags) or '':<11} {text}")
        all_items = sum(total.values())
        report["career_questions"] = {
            "items": all_items, "called_open": round(sum(called.values()) / max(1, all_items), 3),
            "called_open_of_wh_and_requests": round(called["open"] / max(1, total["open"]), 3),
            "called_open_of_yes_no_form": round(called["closed-form"] / max(1, total["closed-form"]), 3),
            "flagged_googleable_or_job_ask": flagged}

    # what guides say never to ask: job asks and questions a quick search answers
    path = DATA / "job_asks.tsv"
    if path.exists():
        items = [r for r in rows(path, 3) if keep(r[1], split)]
        found = Counter()
        total = Counter(label for label, _, _ in items)
        for label, url, text in items:
            c = classify(text)
            if c.has(label):
                found[label] += 1
            else:
                errors.append(f"job_asks     want {label:<11} got {','.join(c.flags) or '-':<11} {text}")
        report["job_asks"] = {label: {"items": total[label], "caught": round(found[label] / total[label], 3)} for label in sorted(total)}

    report["errors"] = errors if show_errors else len(errors)
    return report


def written_here() -> dict[str, object]:
    """The hand-written sets in tests/data, for comparison: these are the examples the rules were written against."""
    items = []
    for name in ("questions.tsv", "questions_holdout.tsv"):
        items += rows(TESTS / name, 3)
    pairs = [(kind, classify(text).kind) for kind, _, text in items if kind != "none"]
    return {"items": len(pairs), "macro_f1_open_closed": round(macro_f1(pairs, ["open", "closed"]), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--errors", action="store_true", help="list every miss (use with --split dev)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = evaluate(args.split, args.errors)
    report["tests_data"] = written_here()
    errors = report.pop("errors")
    print(json.dumps(report, indent=2))
    if args.errors:
        print("\n".join(errors))
    if args.json:
        args.json.write_text(json.dumps({**report, "errors": errors}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
