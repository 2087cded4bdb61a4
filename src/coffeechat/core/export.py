"""Markdown export of a transcript, for reading and for writing the thank-you note."""

from __future__ import annotations

import re

from coffeechat.core.rubric.guide import NOT_SCORED
from coffeechat.core.rubric.score import question_count
from coffeechat.core.transcript import CUT_NOTE, REFLECTION_QUESTIONS, Transcript

STATUS_NOTES = {"cut_off": "(stopped here)", "interrupted": "(reply broke off)"}


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data|file):", re.I)
# "[r]: javascript:…", a link's target defined on a line of its own
_UNSAFE_DEFINITION = re.compile(r"^(\s{0,3})\[(?=[^\]]+\]:\s*(?:javascript|vbscript|data|file):)", re.I | re.M)


def _plain(text: str) -> str:
    """No raw HTML, and no character reference either ("javascript&#58;…" is no way round the link check)."""
    return re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")  # "AT&T" stays as written


def md_block(text: str) -> str:
    """Someone's words as a Markdown block that stays inside its place: raw HTML is shown as text,
    a line cannot start a heading or a horizontal rule of the export's own, a code fence left open
    is closed, and links cannot run script."""
    out = []
    fences = 0
    for line in _plain(text).splitlines():
        if _FENCE.match(line):
            fences += 1
        elif not fences % 2:
            if line.lstrip().startswith("#"):
                line = line.replace("#", "\\#", 1)
            elif re.fullmatch(r"\s*([-*_])(\s*\1){2,}\s*", line):
                line = "\\" + line.strip()
        out.append(line)
    if fences % 2:
        out.append("```")
    return _UNSAFE_DEFINITION.sub(r"\1\\[", _UNSAFE_LINK.sub("](#", "\n".join(out)))


def md_inline(text: str) -> str:
    """Someone's words inside a line of the export: one line, no raw HTML, no script links."""
    return _UNSAFE_LINK.sub("](#", _plain(" ".join(text.split())))


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def to_markdown(t: Transcript) -> str:
    p = t.persona
    state = t.clock_state()
    # everything from the persona file (or the settings) is someone's words, escaped like the user's
    name, first_name = md_inline(p.name), md_inline(p.first_name)
    lines = [
        f"# Coffee chat with {name}",
        "",
        f"*{md_inline(p.role)}, {md_inline(p.employer.name)}* · {t.created_at:%Y-%m-%d %H:%M} UTC"
        f" · {md_inline(t.engine.label())}",
        "",
        f"- Agreed time: {t.settings.agreed_minutes:g} minutes; spoken estimate {state.elapsed_minutes:.1f} minutes"
        f" ({state.describe()})",
        f"- Status: {'finished' if t.status == 'finished' else 'in progress (can be resumed)'}",
        f"- Questions asked: {question_count(t)}",
    ]
    if t.settings.goal:
        lines.append(f"- Goal: {md_inline(t.settings.goal)}")
    if t.settings.prepared_questions:
        lines += ["", "## Prepared questions", ""] + [f"{i}. {md_inline(q)}" for i, q in enumerate(t.settings.prepared_questions, 1)]
    if t.settings.outreach.strip():
        lines += ["", "## Outreach message", "", md_block(t.settings.outreach.strip())]
    lines += ["", "## Conversation", ""]
    start = 0.0
    for number, turn in enumerate(t.turns, 1):
        who = "You" if turn.speaker == "user" else first_name
        note = (f" {STATUS_NOTES[turn.status]}" if turn.status in STATUS_NOTES
                else f" ({CUT_NOTE})" if turn.cut_for_length else "")
        lines.append(f"**{number}. {who}** [{_clock(start)}]{note}")
        lines.append("")
        lines.append(md_block(turn.text.strip()) or "_(nothing)_")
        lines.append("")
        start += turn.spoken_seconds
    if t.score:
        lines += ["## Score", "", f"**{md_inline(t.score.headline)}**", ""]
        for c in t.score.criteria:
            head = f"**{c.name}: {c.score}**" if c.assessed else f"**{c.name}: {NOT_SCORED}** (left out of the overall)"
            lines.append(f"- {head} — {md_inline(c.summary)} Tip: {md_inline(c.tip)}")
        lines.append("")
    if t.their_side is not None:
        lines += their_side_markdown(t)
    answered = {k: v for k, v in t.reflection.items() if v.strip()}
    if answered:
        lines += ["## Reflection", ""]
        for key, question in REFLECTION_QUESTIONS.items():
            if key in answered:
                lines += [f"**{question}**", "", md_block(answered[key].strip()), ""]
    if t.thank_you_draft.strip():
        lines += ["## Thank-you note (draft)", "", md_block(t.thank_you_draft.strip()), ""]
    if t.notes.strip():
        lines += ["## Notes", "", md_block(t.notes.strip()), ""]
    return "\n".join(lines).rstrip() + "\n"


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def their_side_markdown(t: Transcript) -> list[str]:
    """The professional's private impression as a section of the export."""
    side = t.their_side
    assert side is not None
    first = md_inline(t.persona.first_name)
    who = f"to {md_inline(side.colleague)}" if side.colleague else "to a colleague"
    lines = [f"## Their side ({first}'s private impression)", "", md_block(side.impression), "",
             f"- Another meeting: {_yes(side.another_meeting)}", f"- Would introduce you {who}: {_yes(side.introduce)}"]
    for title, moments in (("What stood out", side.stood_out), ("What put them off", side.put_off)):
        if moments:
            lines.append(f"- {title}:")
            lines += [f"  - turn {m.turn}: \"{md_inline(m.quote)}\" — {md_inline(m.note)}" for m in moments]
    how = ("written in character by the model" if side.source == "model"
           else f"made offline from the rubric's evidence and {first}'s temperament and pet peeves")
    lines += ["", f"*{how[0].upper() + how[1:]}; it never changes the score.*"
              + (f" *{md_inline(side.note)}.*" if side.note else ""), ""]
    return lines
