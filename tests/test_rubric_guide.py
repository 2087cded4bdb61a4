"""The guide to the criteria: one source for the app's help and the README's table."""

from __future__ import annotations

from pathlib import Path

import golden
from coffeechat.core.rubric.guide import GUIDE, NOT_SCORED, criteria_table, score_text
from coffeechat.core.rubric.score import JOB_ASK_CAP, WEIGHTS, score_transcript

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_criteria_table() -> str:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| criterion | weight | what scores |")
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[start:end]) + "\n"


def test_the_readme_criteria_table_is_the_one_the_guide_renders():
    assert readme_criteria_table() == criteria_table(), (
        "README.md's criteria table differs from coffeechat.core.rubric.guide: change the guide and paste"
        " criteria_table() into the README")


def test_the_guide_names_every_criterion_as_the_report_does_with_the_rubric_weight():
    report = score_transcript(golden.strong())
    assert [(c.key, c.name, c.weight) for c in report.criteria] == [(g.key, g.name, g.weight) for g in GUIDE.values()]
    assert {g.key: g.weight for g in GUIDE.values()} == WEIGHTS


def test_the_table_has_one_row_per_criterion_with_its_weight():
    rows = criteria_table().splitlines()[2:]
    assert [row.split(" | ")[:2] for row in rows] == [[f"| {g.name}", f"{g.weight:g}"] for g in GUIDE.values()]


def test_the_guide_says_what_today_s_rubric_does():
    assert "not a question you prepared beforehand" in GUIDE["listening"].scores
    assert "in either order" in GUIDE["opening"].scores
    assert "job and referral asks are left out: they are never insight" in GUIDE["insight"].scores
    assert f"caps the overall score at {JOB_ASK_CAP}" in GUIDE["no_job_ask"].scores
    assert "time-keeping is not scored and is left out of the overall" in GUIDE["time_keeping"].scores


def test_a_criterion_the_conversation_never_tested_reads_as_a_dash_not_a_zero():
    report = score_transcript(golden.job_asker())
    timing = report.criterion("time_keeping")
    assert not timing.assessed and timing.score == 0
    assert score_text(timing) == "–" and NOT_SCORED == "not scored"
    assert score_text(report.criterion("no_job_ask")) == "0"
