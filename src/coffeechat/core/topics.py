"""Which topic a question is about, in words nobody wrote a rule for.

Three kinds of evidence, each with its signal for ``--explain``:
- the cue patterns (``cues.TOPIC_PATTERNS``): precise, for the phrasings they know;
- the nearest questions in a bank of labelled example questions (``data/topic_questions.tsv``),
  compared as TF-IDF vectors of word stems and stem pairs: a nearest-neighbour model, trained by
  reading the bank once, on first use (a few milliseconds), with no weights to go stale;
- for a given persona, the nearest of their own passages and stories: the question "Do you
  travel a lot?" lands on the passage that talks about flying out on Mondays.

Pure Python, deterministic, fast enough to run on every keystroke of the live lint.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from coffeechat.core import cues
from coffeechat.core.persona import TOPIC_TITLES, Persona

TOPICS = tuple(TOPIC_TITLES)

# Words that carry no topic: dropped before comparing (the question words stay: "how did you…"
# and "what do you like…" tell topics apart).
_STOP = frozenset("""a an the and or but so of to in on at for with by from as is are was were be been being it its this
    that these those i me my we our you your yours he she they them their his her there here um uh like just really
    very also then than too can could would will should do does did done have has had having get got am if about
    into over any some more most much many one ones well okay ok so yeah hi hello hey please thanks thank""".split())
_WORD = re.compile(r"[a-z][a-z'-]*")


def _stem(word: str) -> str:
    from coffeechat.core.rubric.classify import stem  # one stemmer for the rubric and the topics

    return stem(word)


# Words that mean something else in a phrase: "pay attention" is not about pay.
_IDIOM_WORDS = {"pay attention": "attention", "pays attention": "attention", "paying attention": "attention", "pay off": "payoff",
                "pays off": "payoff", "paid off": "payoff", "pay it forward": "give back"}
_IDIOMS = re.compile("|".join(sorted(map(re.escape, _IDIOM_WORDS), key=len, reverse=True)))


@lru_cache(maxsize=4096)
def features(text: str) -> tuple[str, ...]:
    """Stems of the content words, and adjacent pairs of them (with the question words kept)."""
    norm = cues.normalise(text)
    if "pay" in norm:
        norm = _IDIOMS.sub(lambda m: _IDIOM_WORDS[m.group(0)], norm)
    words = [w.strip("'-") for w in _WORD.findall(norm)]
    stems = [_stem(w) for w in words if w and w not in _STOP]
    return tuple(stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:])])


def model_features(text: str) -> tuple[str, ...]:
    """``features`` plus character n-grams (3 to 5) of each word: typos and new word forms still
    share most of their pieces ("enginering", "engineers")."""
    norm = cues.normalise(text)
    grams = []
    for word in _WORD.findall(norm):
        w = f"#{word.strip(chr(39) + '-')}#"
        for n in (3, 4, 5):
            grams += [f"c:{w[i:i + n]}" for i in range(max(0, len(w) - n + 1))]
    return features(text) + tuple(grams)


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, list[float]], list[float]] | None:
    """The trained topic model (scripts/train_topics.py), or None if it is missing or unreadable:
    topic detection then goes on with the other evidence."""
    import json

    try:
        data = json.loads(resources.files("coffeechat.data").joinpath("topic_model.json").read_text(encoding="utf-8"))
        if data["topics"] != list(TOPICS):
            return None
        scale = float(data.get("scale", 1))
        weights = {f: [w / scale for w in ws] for f, ws in data["weights"].items()}
        return data["idf"], weights, [data["bias"][t] for t in TOPICS]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def model_probabilities(text: str) -> dict[str, float]:
    """P(topic | text) from the trained model ({} without one, or for text with no word it knows)."""
    model = _model()
    if model is None:
        return {}
    idf, weights, bias = model
    counts = Counter(f for f in model_features(text) if f in idf)
    if not any(not f.startswith("c:") for f in counts):
        return {}  # not one known word: pieces of words alone would make a topic out of nonsense
    vec = {f: (1 + math.log(k)) * idf[f] for f, k in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    scores = list(bias)
    for f, v in vec.items():
        for i, w in enumerate(weights[f]):
            scores[i] += w * v / norm
    top = max(scores)
    exps = [math.exp(x - top) for x in scores]
    z = sum(exps)
    return {t: e / z for t, e in zip(TOPICS, exps)}


class _Index:
    """TF-IDF vectors of labelled texts, with an inverted index for fast cosine similarity."""

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.labels = [label for label, _ in items]
        self.texts = [text for _, text in items]
        counts = [Counter(features(text)) for text in self.texts]
        df = Counter(term for c in counts for term in c)
        n = len(items)
        self.idf = {term: math.log((1 + n) / (1 + d)) + 1 for term, d in df.items()}
        self.vectors: list[dict[str, float]] = []
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, c in enumerate(counts):
            vec = {t: (1 + math.log(k)) * self.idf[t] for t, k in c.items()}
            norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
            vec = {t: v / norm for t, v in vec.items()}
            self.vectors.append(vec)
            for t, v in vec.items():
                self.postings[t].append((i, v))

    def query(self, text: str) -> dict[int, float]:
        """Cosine similarity of ``text`` with every item that shares a term with it."""
        c = Counter(features(text))
        vec = {t: (1 + math.log(k)) * self.idf[t] for t, k in c.items() if t in self.idf}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        if not norm:
            return {}
        sims: dict[int, float] = defaultdict(float)
        for t, v in vec.items():
            for i, w in self.postings[t]:
                sims[i] += v / norm * w
        return sims


@lru_cache(maxsize=1)
def _bank() -> _Index:
    text = resources.files("coffeechat.data").joinpath("topic_questions.tsv").read_text(encoding="utf-8")
    items = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            topic, question = line.split("\t", 1)
            items.append((topic.strip(), question.strip()))
    return _Index(items)


@dataclass(frozen=True)
class PersonaText:
    """One passage or story of a persona, found for a question."""

    topic: str
    text: str
    kind: str  # "passage" or "story"
    similarity: float


class PersonaIndex:
    """A persona's passages and stories, searchable by a question."""

    def __init__(self, persona: Persona) -> None:
        items: list[tuple[str, str]] = []
        self.kinds: list[str] = []
        for topic in TOPICS:
            for passage in persona.topic(topic):
                items.append((topic, passage))
                self.kinds.append("passage")
        for story in persona.stories:
            items.append((story.topic, f"{story.title}. {story.text}"))
            self.kinds.append("story")
        self.index = _Index(items)

    def search(self, question: str, topic: str | None = None) -> list[PersonaText]:
        sims = self.index.query(question)
        found = [PersonaText(self.index.labels[i], self.index.texts[i], self.kinds[i], s) for i, s in sims.items()
                 if topic is None or self.index.labels[i] == topic]
        return sorted(found, key=lambda p: -p.similarity)


_PERSONA_INDEXES: dict[int, PersonaIndex] = {}  # keyed by what the persona says


def persona_index(persona: Persona) -> PersonaIndex:
    """The index of a persona, built once per persona (personas are immutable)."""
    key = hash((persona.id, *(p for t in TOPICS for p in persona.topic(t)), *(s.text for s in persona.stories)))
    index = _PERSONA_INDEXES.get(key)
    if index is None:
        if len(_PERSONA_INDEXES) > 64:
            _PERSONA_INDEXES.clear()
        index = _PERSONA_INDEXES[key] = PersonaIndex(persona)
    return index


@dataclass(frozen=True)
class TopicGuess:
    topic: str | None
    confidence: float  # 0..1: how sure; under SURE a person would check what was meant
    runner_up: str | None
    signals: tuple[str, ...]


SURE = 0.45  # below this a person would check: "If you mean the day-to-day…"
AT_ALL = 0.18  # below this there is nothing to go on
_NEIGHBOURS = 3
MODEL_WEIGHT = 0.5  # the trained model's probability, beside the rules' and neighbours' votes


def warm() -> None:
    """Load the question bank and the topic model now (about 0.2 s), so the first question does not."""
    _bank()
    _model()


def guess(question: str, persona: Persona | None = None) -> TopicGuess:
    """The topic ``question`` is most likely about, with how sure that is and why."""
    norm = cues.normalise(question)
    scores: dict[str, float] = defaultdict(float)
    signals: list[str] = []
    ruled = cues.topics_in_normalised(norm)
    for rank, topic in enumerate(ruled):
        scores[topic] += 0.6 if rank == 0 else 0.35
    if ruled:
        signals.append("cue words: " + ", ".join(ruled))
    bank = _bank()
    by_topic: dict[str, list[float]] = defaultdict(list)
    for i, sim in bank.query(question).items():
        by_topic[bank.labels[i]].append(sim)
    for topic, sims in by_topic.items():
        top = sorted(sims, reverse=True)[:_NEIGHBOURS]
        scores[topic] += sum(top) / _NEIGHBOURS
    if persona is not None:
        best: dict[str, float] = {}
        for found in persona_index(persona).search(question):
            best.setdefault(found.topic, found.similarity)
        for topic, sim in best.items():
            scores[topic] += 0.5 * sim
    learned = model_probabilities(question)
    for topic, p in learned.items():
        if p >= 0.05:
            scores[topic] += MODEL_WEIGHT * p
    if learned:
        best_learned = max(learned, key=learned.get)
        if learned[best_learned] >= 0.3:
            signals.append(f"learned model: {best_learned} ({learned[best_learned]:.2f})")
    if not scores:
        return TopicGuess(None, 0.0, None, ("no topic words",))
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], TOPICS.index(kv[0])))
    (topic, top), second = ranked[0], (ranked[1] if len(ranked) > 1 else (None, 0.0))
    confidence = max(0.0, min(1.0, top * 0.8 + (top - second[1]) * 0.6))
    signals.append(f"nearest topic: {topic} ({confidence:.2f})" + (f", then {second[0]}" if second[0] else ""))
    return TopicGuess(topic if top > 0 else None, confidence, second[0], tuple(signals))
