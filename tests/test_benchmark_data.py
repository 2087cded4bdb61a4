"""The outside evaluation sets stay well-formed: every item has a label, a source URL and its text."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "benchmarks" / "data"
SETS = {"career_questions.tsv": 5, "job_asks.tsv": 3, "open_closed.tsv": 3}
LABELS = {"career_questions.tsv": {"open", "closed-form"}, "job_asks.tsv": {"job_request", "googleable"},
          "open_closed.tsv": {"open", "closed"}}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_item_has_its_label_source_and_text(name):
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    items = [line.split("\t") for line in lines[1:] if line.strip()]
    assert items
    for parts in items:
        assert len(parts) == SETS[name], parts
        assert parts[0] in LABELS[name], parts
        assert parts[-2].startswith(("http://", "https://")), parts
        assert parts[-1].strip(), parts
    texts = [parts[-1].casefold() for parts in items]
    assert len(texts) == len(set(texts)), "duplicate items"


def test_the_readme_names_every_source():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    urls = {line.split("\t")[-2] for name in SETS for line in (DATA / name).read_text(encoding="utf-8").splitlines()[1:] if line.strip()}
    missing = [url for url in urls if url not in readme]
    assert not missing, missing[:5]
