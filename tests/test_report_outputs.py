"""What the text report, the Markdown export and the transcript list say: a criterion the conversation
never tested is "not scored", never 0, and questions are counted as the rubric counts them."""

from __future__ import annotations

import re

import golden
from coffeechat.cli.rubric import render_report
from coffeechat.core.export import to_markdown
from coffeechat.core.rubric.score import question_count, score_transcript
from coffeechat.store.transcripts import TranscriptStore


def short_chat():
    """Two minutes of a twenty-minute chat: the clock never came into play, so time-keeping is not scored."""
    t = golden.job_asker()
    t.score = score_transcript(t)
    assert not t.score.criterion("time_keeping").assessed
    return t


def test_the_text_report_says_not_scored_instead_of_a_zero():
    report = short_chat().score
    lines = render_report(report).splitlines()
    (timing,) = [line for line in lines if line.strip().startswith("Time-keeping")]
    assert "not scored" in timing and "left out of the overall" in timing and "/100" not in timing
    assert "Not scored: the clock never came into play" in render_report(report)  # and why


def test_the_text_report_still_shows_a_real_zero():
    (no_job_ask,) = [line for line in render_report(short_chat().score).splitlines() if "No job ask" in line]
    assert "  0/100" in no_job_ask


def test_the_markdown_export_says_not_scored_and_why():
    text = to_markdown(short_chat())
    (timing,) = [line for line in text.splitlines() if line.startswith("- **Time-keeping")]
    assert timing.startswith("- **Time-keeping: not scored** (left out of the overall) — Not scored: the clock never")
    assert "- **No job ask: 0** —" in text


def test_the_markdown_export_counts_questions_as_the_rubric_does():
    t = short_chat()
    assert question_count(t) == 5 and len(t.user_turns()) == 7  # two of the seven turns are no question
    assert "- Questions asked: 5\n" in to_markdown(t)


def test_an_unscored_transcript_is_counted_the_same_way():
    t = golden.job_asker()
    assert t.score is None
    assert question_count(t) == 5 and "- Questions asked: 5\n" in to_markdown(t)


def test_transcripts_list_counts_questions_as_the_rubric_does(home, cli):
    TranscriptStore(home / "transcripts").save(short_chat())
    header, row = cli("transcripts", "list").out.splitlines()

    def cells(line: str) -> list[str]:
        return [cell.strip() for cell in line.split("  ") if cell.strip()]

    assert dict(zip(cells(header), cells(row)))["QUESTIONS"] == "5"


def test_the_markdown_export_escapes_every_persona_field_like_the_users_words():
    t = golden.strong()
    p = t.persona
    referral = p.referrals[0].model_copy(update={"name": "Marcus <img src=y onerror=alert(2)> Bell"})
    t.persona = p.model_copy(update={
        "name": "Priya <img src=x onerror=alert(1)> Raman",
        "role": "Engineer <script>alert(3)</script>",
        "employer": p.employer.model_copy(update={"name": "Tide<b>water</b> [site](javascript:alert(4))"}),
        "referrals": [referral, *p.referrals[1:]],
    })
    t.thank_you_draft = f"Hi Priya, I will write to {referral.name} this week."
    t.score = score_transcript(t)
    text = to_markdown(t)
    for raw in ("<img", "<script", "<b>", "javascript:"):
        assert raw not in text, raw
    head = text.splitlines()
    assert head[0] == "# Coffee chat with Priya &lt;img src=x onerror=alert(1)> Raman"
    assert head[2].startswith("*Engineer &lt;script>alert(3)&lt;/script>, Tide&lt;b>water&lt;/b> [site](#")
    assert "Marcus &lt;img src=y onerror=alert(2)> Bell" in text


def test_no_character_reference_or_link_definition_gets_a_script_link_into_the_export():
    """What a lenient renderer might decode: "javascript&#58;…", a "[r]: javascript:…" line."""
    import markdown_it

    from coffeechat.core.transcript import REFLECTION_QUESTIONS

    t = golden.strong()
    first = next(iter(REFLECTION_QUESTIONS))
    t.reflection = {**t.reflection, first: "[x](javascript&#58;alert(1)) and [y](java&#x73;cript:1)\n"
                    "[r]: javascript:alert(2)\nsee [r]; AT&T stays AT&T"}
    t.score = score_transcript(t)
    text = to_markdown(t)
    html = markdown_it.MarkdownIt("commonmark").render(text)
    assert not re.search(r'href="\s*(?:javascript|vbscript|data|file)\s*:', html, re.I), html
    assert "see [r]" in html  # the definition is text, so the reference is no link
    assert "&#58;" not in text.replace("&amp;#58;", "") and "\\[r]: javascript" in text
    assert "AT&T stays AT&T" in text
