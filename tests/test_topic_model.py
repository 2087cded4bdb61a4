"""The trained topic model ships with the bank it was trained on, and topic detection survives without it."""

from __future__ import annotations

import hashlib
import json
from importlib import resources

from coffeechat.core import topics

BANK = resources.files("coffeechat.data").joinpath("topic_questions.tsv")
MODEL = resources.files("coffeechat.data").joinpath("topic_model.json")


def test_the_model_was_trained_on_the_bank_as_it_is_now():
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    assert model["bank_sha256"] == hashlib.sha256(BANK.read_bytes()).hexdigest()[:16], (
        "topic_questions.tsv changed since the model was trained: run python scripts/train_topics.py")
    assert model["topics"] == list(topics.TOPICS)
    assert len(MODEL.read_bytes()) < 1_000_000, "the model file has grown past a megabyte"


def test_the_model_reads_phrasings_by_their_pieces():
    p = topics.model_probabilities("wat does ur avrage workday look like")  # misspelt: character n-grams still match
    assert max(p, key=p.get) == "typical_day"
    assert abs(sum(p.values()) - 1) < 1e-9
    assert topics.model_probabilities("") == {}
    assert topics.model_probabilities("zzzz qqqq") == {} or max(topics.model_probabilities("zzzz qqqq").values()) < 0.5


def test_without_the_model_file_detection_goes_on_with_the_other_evidence(monkeypatch):
    monkeypatch.setattr(topics, "_model", lambda: None)
    assert topics.model_probabilities("How did you get into this field?") == {}
    assert topics.guess("How did you get into this field?").topic == "career_path"


def test_a_broken_model_file_is_ignored_not_a_crash(monkeypatch, tmp_path):
    topics._bank()  # the bank is read before the model file breaks
    topics._model.cache_clear()
    real = resources.files

    class Broken:
        def joinpath(self, name):
            return self

        def read_text(self, encoding=None):
            return '{"topics": ["career_path"], "idf": {}'

    monkeypatch.setattr(topics.resources, "files", lambda pkg: Broken() if pkg == "coffeechat.data" else real(pkg))
    try:
        assert topics._model() is None
        assert topics.guess("What's a typical day like?").topic == "typical_day"
    finally:
        monkeypatch.undo()
        topics._model.cache_clear()
