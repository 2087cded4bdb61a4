"""Train the topic model: multinomial logistic regression over word stems, stem pairs and character
n-grams, on the labelled example questions in src/coffeechat/data/topic_questions.tsv.

    python scripts/train_topics.py [--check]

Pure Python and deterministic (fixed order, no randomness), so the same bank always gives the same
weights. Writes src/coffeechat/data/topic_model.json: the features' IDF, the per-topic weights
(pruned to the features that matter) and a hash of the bank, which a test compares with the bank so
the weights cannot go stale. ``--check`` only reports ten-fold cross-validated accuracy.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from coffeechat.core.topics import TOPICS, model_features  # noqa: E402

BANK = ROOT / "src" / "coffeechat" / "data" / "topic_questions.tsv"
OUT = ROOT / "src" / "coffeechat" / "data" / "topic_model.json"
EPOCHS = 40
L2 = 1e-4
RATE = 0.5
SCALE = 100  # weights are stored as whole hundredths: a small file, and no measurable loss
MIN_DF_WORDS = 2  # a feature seen in only one question of the bank says more about that question than its topic
MIN_DF_GRAMS = 4


def bank() -> list[tuple[str, str]]:
    items = []
    for line in BANK.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            topic, question = line.split("\t", 1)
            items.append((topic.strip(), question.strip()))
    return items


def bank_hash() -> str:
    return hashlib.sha256(BANK.read_bytes()).hexdigest()[:16]


def vectorise(texts: list[str], idf: dict[str, float] | None = None) -> tuple[list[dict[str, float]], dict[str, float]]:
    counts = [Counter(model_features(t)) for t in texts]
    if idf is None:
        df = Counter(f for c in counts for f in c)
        n = len(texts)
        idf = {f: math.log((1 + n) / (1 + d)) + 1 for f, d in df.items() if d >= (MIN_DF_GRAMS if f.startswith("c:") else MIN_DF_WORDS)}
    vectors = []
    for c in counts:
        v = {f: (1 + math.log(k)) * idf[f] for f, k in c.items() if f in idf}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({f: x / norm for f, x in v.items()})
    return vectors, idf


def train(vectors: list[dict[str, float]], labels: list[str]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Softmax regression by AdaGrad, in the bank's order every epoch (deterministic)."""
    weights: dict[str, dict[str, float]] = {t: {} for t in TOPICS}
    bias = {t: 0.0 for t in TOPICS}
    g2: dict[tuple[str, str], float] = {}
    for _ in range(EPOCHS):
        for vec, label in zip(vectors, labels):
            scores = {t: bias[t] + sum(weights[t].get(f, 0.0) * x for f, x in vec.items()) for t in TOPICS}
            top = max(scores.values())
            exps = {t: math.exp(s - top) for t, s in scores.items()}
            z = sum(exps.values())
            for t in TOPICS:
                grad = exps[t] / z - (1.0 if t == label else 0.0)
                if abs(grad) < 1e-6:
                    continue
                bias[t] -= RATE * 0.1 * grad
                w = weights[t]
                for f, x in vec.items():
                    g = grad * x + L2 * w.get(f, 0.0)
                    key = (t, f)
                    acc = g2.get(key, 1e-8) + g * g
                    g2[key] = acc
                    w[f] = w.get(f, 0.0) - RATE * g / math.sqrt(acc)
    return weights, bias


def predict(weights, bias, vec: dict[str, float]) -> str:
    return max(TOPICS, key=lambda t: bias[t] + sum(weights[t].get(f, 0.0) * x for f, x in vec.items()))


def cross_validate(items: list[tuple[str, str]], folds: int = 10) -> float:
    right = 0
    for k in range(folds):
        train_items = [it for i, it in enumerate(items) if i % folds != k]
        test_items = [it for i, it in enumerate(items) if i % folds == k]
        vectors, idf = vectorise([q for _, q in train_items])
        weights, bias = train(vectors, [t for t, _ in train_items])
        test_vectors, _ = vectorise([q for _, q in test_items], idf)
        right += sum(predict(weights, bias, v) == t for v, (t, _) in zip(test_vectors, test_items))
    return right / len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report cross-validated accuracy, write nothing")
    args = parser.parse_args()
    items = bank()
    if args.check:
        print(f"10-fold cross-validated accuracy on {len(items)} questions: {cross_validate(items):.3f}")
        return 0
    vectors, idf = vectorise([q for _, q in items])
    weights, bias = train(vectors, [t for t, _ in items])
    kept = {f for t in TOPICS for f, w in weights[t].items() if round(abs(w) * SCALE) >= 1}
    model = {
        "about": "coffeechat topic model: softmax regression; see scripts/train_topics.py",
        "bank_sha256": bank_hash(),
        "topics": list(TOPICS),
        "scale": SCALE,
        "bias": {t: round(bias[t], 4) for t in TOPICS},
        "idf": {f: round(idf[f], 3) for f in sorted(kept)},
        "weights": {f: [round(weights[t].get(f, 0.0) * SCALE) for t in TOPICS] for f in sorted(kept)},
    }
    OUT.write_text(json.dumps(model, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(kept):,} features, {OUT.stat().st_size / 1024:.0f} KiB, from {len(items)} questions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
