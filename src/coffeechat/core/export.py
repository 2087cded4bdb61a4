"""Markdown export of a transcript, for reading and for writing the thank-you note."""

from __future__ import annotations

from coffeechat.core.rubric.guide import NOT_SCORED
from coffeechat.core.rubric.score import question_count
from coffeechat.core.transcript import REFLECTION_QUESTIONS, Transcript

STATUS_NOTES = {"cut_off": "(stopped here)", "interrupted": "(reply broke off)"}


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def to_markdown(t: Transcript) -> str:
    p = t.persona
    state = t.clock_state()
    lines = [
        f"# Coffee chat with {p.name}",
        "",
        f"*{p.role}, {p.employer.name}* · {t.created_at:%Y-%m-%d %H:%M} UTC · {t.engine.label()}",
        "",
        f"- Agreed time: {t.settings.agreed_minutes:g} minutes; spoken estimate {state.elapsed_minutes:.1f} minutes"
        f" ({state.describe()})",
        f"- Status: {'finished' if t.status == 'finished' else 'in progress (can be resumed)'}",
        f"- Questions asked: {question_count(t)}",
    ]
    if t.settings.goal:
        lines.append(f"- Goal: {t.settings.goal}")
    if t.settings.prepared_questions:
        lines += ["", "## Prepared questions", ""] + [f"{i}. {q}" for i, q in enumerate(t.settings.prepared_questions, 1)]
    if t.settings.outreach.strip():
        lines += ["", "## Outreach message", "", t.settings.outreach.strip()]
    lines += ["", "## Conversation", ""]
    start = 0.0
    for number, turn in enumerate(t.turns, 1):
        who = "You" if turn.speaker == "user" else p.first_name
        note = f" {STATUS_NOTES[turn.status]}" if turn.status in STATUS_NOTES else ""
        lines.append(f"**{number}. {who}** [{_clock(start)}]{note}")
        lines.append("")
        lines.append(turn.text.strip() or "_(nothing)_")
        lines.append("")
        start += turn.spoken_seconds
    if t.score:
        lines += ["## Score", "", f"**{t.score.headline}**", ""]
        for c in t.score.criteria:
            head = f"**{c.name}: {c.score}**" if c.assessed else f"**{c.name}: {NOT_SCORED}** (left out of the overall)"
            lines.append(f"- {head} — {c.summary} Tip: {c.tip}")
        lines.append("")
    answered = {k: v for k, v in t.reflection.items() if v.strip()}
    if answered:
        lines += ["## Reflection", ""]
        for key, question in REFLECTION_QUESTIONS.items():
            if key in answered:
                lines += [f"**{question}**", "", answered[key].strip(), ""]
    if t.thank_you_draft.strip():
        lines += ["## Thank-you note (draft)", "", t.thank_you_draft.strip(), ""]
    if t.notes.strip():
        lines += ["## Notes", "", t.notes.strip(), ""]
    return "\n".join(lines).rstrip() + "\n"
