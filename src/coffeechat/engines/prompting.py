"""Prompt text for LLM engines, rendered from the templates in prompts/.

The system prompt depends only on the persona and the agreed minutes, so it is byte-identical on
every turn of a conversation (providers cache such prefixes). Per-turn facts (the clock) travel at
the end of the latest user message.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from coffeechat.core.clock import ClockState, nearly_up_minutes
from coffeechat.core.persona import TOPIC_TITLES, Persona
from coffeechat.store.paths import builtin_dir

Detail = Literal["full", "compact", "minimal"]

ANSWER_WORDS = {"low": "60 to 90", "medium": "90 to 150", "high": "130 to 200"}
# The reply budget (max_tokens) for each: the longest answer asked for, at about 1.35 tokens a
# word, with room to finish a thought (a reply stopped for length ends at its last full sentence).
REPLY_TOKENS = {"low": 200, "medium": 320, "high": 440}

CLOCK_INSTRUCTIONS = {
    "on_time": "There is time; no need to mention it.",
    "nearly_up": "The agreed time is nearly up: if you have not said so yet, mention it once, briefly.",
    "up": "The agreed time is up: if you have not said so yet, say so, and help the visitor wrap up.",
    "over": "The conversation has run over the agreed time: keep your answer very short and move to close.",
}
STRICT_OVER = "The conversation has run over the agreed time and you must leave: close the conversation politely now."


@lru_cache(maxsize=8)
def template(name: str) -> str:
    return (builtin_dir("prompts") / f"{name}.txt").read_text(encoding="utf-8")


def render_profile(p: Persona, detail: Detail = "full") -> str:
    lines = [
        f"Name: {p.name} ({p.pronouns})",
        f"Role: {p.role} at {p.employer.name}; {p.industry}; based in {p.location}",
        f"Experience: {p.years_in_role} years in this role, {p.years_in_field} years in the field",
        f"Summary: {p.summary}",
        f"Employer (public information): {p.employer.description} Size: {p.employer.size}. Founded {p.employer.founded}."
        f" Headquarters: {p.employer.headquarters}." + "".join(f" {fact}." for fact in p.employer.public_facts),
    ]
    if p.public_profile:
        lines.append("Your public profile says: " + "; ".join(p.public_profile) + ".")
    if detail != "minimal":
        for key, title in TOPIC_TITLES.items():
            passages = p.topic(key) if detail == "full" else p.topic(key)[:1]
            lines.append(f"\n{title}, in your own words:")
            lines.extend(f"- {passage}" for passage in passages)
    lines.append("\nColleagues you could suggest, only if asked who else to talk to:")
    lines.extend(f"- {r.name}, {r.role}: {r.why}" for r in p.referrals)
    return "\n".join(lines)


def system_prompt(p: Persona, minutes: float, detail: Detail = "full") -> str:
    strict = (
        " You are strict about time: you end on the minute."
        if p.manner.strict_about_time
        else " You can allow a couple of extra minutes if the conversation is going well."
    )
    return template("system").format(
        name=p.name,
        role=p.role,
        employer=p.employer.name,
        answer_words=ANSWER_WORDS[p.manner.talkativeness],
        temperament=p.manner.temperament,
        talkativeness=p.manner.talkativeness,
        speaking_style=p.manner.speaking_style,
        on_job_request=p.lines.on_job_request,
        minutes=f"{minutes:g}",
        strict_rule=strict,
        time_nearly_up=p.lines.say("time_nearly_up", minutes, nearly_up_minutes(minutes)),
        time_up=p.lines.say("time_up", minutes),
        goodbye=p.lines.goodbye,
        pet_peeves="\n".join(f"- {peeve}" for peeve in p.manner.pet_peeves),
        profile=render_profile(p, detail),
    ).strip()


def clock_note(state: ClockState, strict: bool) -> str:
    instruction = STRICT_OVER if (strict and state.phase == "over") else CLOCK_INSTRUCTIONS[state.phase]
    return template("clock").format(clock=state.describe(), instruction=instruction).strip()


_NO_BRACKETS = str.maketrans("[]", "()")


def omitted_note(count: int, questions: list[str]) -> str:
    # the visitor's own brackets would end the note's bracket early (and an echo of it would show)
    shown = "; ".join(f'"{q[:100].translate(_NO_BRACKETS)}"' for q in questions[-12:]) or "(nothing)"
    return template("omitted").format(count=count, questions=shown).strip()
