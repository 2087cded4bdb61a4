"""The offline persona engine: a deterministic, scripted professional that needs no network.

It answers from the persona file: it recognises what a question is about, answers open
questions with one of the persona's passages and closed ones briefly, responds in character
to greetings, introductions, thanks, job requests, referral requests and time checks, never
repeats a passage while another on the topic is left, and signals the time like the LLM engine.
Everything it says is derived from the persona and the transcript, so a resumed interview
carries on exactly where it left off.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence

from coffeechat.core.clock import ClockState
from coffeechat.core.engine import ReplyRequest
from coffeechat.core.rubric.classify import Classification, classify
from coffeechat.core.persona import TOPIC_TITLES, Persona
from coffeechat.core.transcript import EngineInfo, Turn

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

OPENERS = {
    "warm": ["Good question.", "Oh, I like that question.", "Hmm, let me think.", "Sure."],
    "busy": ["Okay.", "Short version:", "Right.", "Sure."],
    "reserved": ["Hm.", "Well,", "Let me think.", "Okay."],
}
ACKNOWLEDGE = {
    "warm": "Mm, I hear you. What else would you like to know?",
    "busy": "Got it. What's your next question?",
    "reserved": "I see. What else would you like to ask?",
}
CLARIFY = {
    "warm": "Hmm, I'm not sure I follow. Could you put that another way? I'm happy to talk about my day-to-day, how I got here, or what I'd do in your shoes.",
    "busy": "I'm not sure what you're asking. Can you be more specific? Day-to-day, my path, advice: pick one.",
    "reserved": "I'm not sure I understand the question. Could you rephrase it?",
}
GOOGLEABLE_NUDGE = {
    "warm": "That's all on our website, though. I'd rather spend our time on what it's actually like.",
    "busy": "That's on the website. Let's use the time for things you can't look up.",
    "reserved": "That's public, on the website.",
}
PROFILE_NUDGE = {
    "warm": "It's all on my LinkedIn, but happy to say it:",
    "busy": "That's on my profile:",
    "reserved": "It's on my profile:",
}
FOLLOW_UP_LEADS = ["Sure. ", "Yes, so ", "Right. ", ""]
SCHOOL_WORDS = re.compile(r"\b(university|college|school|ba|bs|bsn|ms|mba|phd|master|bachelor|degree)\b", re.I)


def first_sentence(passage: str) -> str:
    return _SENTENCE_END.split(passage.strip(), maxsplit=1)[0]


def _said(previous: Sequence[str], passage: str) -> bool:
    head = first_sentence(passage)
    return any(head in text for text in previous)


def _topic_of(persona: Persona, text: str) -> str | None:
    """Which topic a past reply drew on (for 'tell me more')."""
    for key in TOPIC_TITLES:
        if any(first_sentence(p) in text for p in persona.topic(key)):
            return key
    return None


class OfflineEngine:
    """Scripted persona. ``delay`` (seconds between words) makes streaming visible in the TUI."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.info = EngineInfo(kind="offline")

    async def aclose(self) -> None:
        return None

    async def stream_reply(self, request: ReplyRequest) -> AsyncIterator[str]:
        text = compose_reply(request)
        words = text.split(" ")
        for i, word in enumerate(words):
            yield word if i == len(words) - 1 else word + " "
            if self.delay:
                await asyncio.sleep(self.delay)
            elif i % 64 == 63:
                await asyncio.sleep(0)  # let the event loop breathe on long replies


def compose_reply(request: ReplyRequest) -> str:
    return _Reply(request).compose()


class _Reply:
    def __init__(self, request: ReplyRequest) -> None:
        self.persona = request.persona
        self.clock: ClockState = request.clock
        self.turns: Sequence[Turn] = request.turns
        self.previous = [t.text for t in self.turns if t.speaker == "persona"]
        self.user_turns = [t for t in self.turns if t.speaker == "user"]
        previous_reply = self.previous[-1] if self.previous else None
        self.cues: Classification = classify(self.user_turns[-1].text if self.user_turns else "", previous_reply)
        self.temperament = self.persona.manner.temperament
        self.lines = self.persona.lines
        self.used: list[str] = []  # passages chosen for this reply

    # -- building blocks ---------------------------------------------------------------------------

    def _next_passage(self, topic: str) -> str | None:
        for passage in self.persona.topic(topic):
            if not _said(self.previous, passage) and passage not in self.used:
                self.used.append(passage)
                return passage
        return None

    def _answer_topic(self, topic: str, closed: bool, lead: str = "") -> str:
        passage = self._next_passage(topic)
        if passage is None:
            passages = self.persona.topic(topic)
            again = passages[len(self.previous) % len(passages)]
            return f"Like I said earlier: {first_sentence(again)}"
        if closed:
            return lead + first_sentence(passage)
        if self.persona.manner.talkativeness == "high":
            more = self._next_passage(topic)
            if more is not None:
                return f"{lead}{passage} {more}"
        return lead + passage

    def _opener(self) -> str:
        options = OPENERS[self.temperament]
        n = len(self.user_turns)
        return options[n % len(options)] + " " if n % 2 == 0 else ""

    def _referral(self) -> str:
        referrals = self.persona.referrals
        fresh = [r for r in referrals if not any(r.name in text for text in self.previous)]
        if not fresh:
            names = " or ".join(r.name for r in referrals)
            return f"Besides {names}, I'd look at the professional association in the field; their events are a good place to meet people."
        pick = fresh[0]
        return f"You should talk to {pick.name}, {pick.role}. {pick.why} Tell them I sent you, and I'll give them a heads-up."

    def _employer_fact(self, which: str) -> str:
        employer = self.persona.employer
        facts = {
            "description": employer.description,
            "size": f"We're {employer.size}.",
            "founded": f"It was founded in {employer.founded}.",
            "headquarters": f"Headquarters is {employer.headquarters}.",
            "public_facts": (employer.public_facts[0] + ".") if employer.public_facts else employer.description,
        }
        return f"{facts[which]} {GOOGLEABLE_NUDGE[self.temperament]}"

    def _public_profile(self) -> str:
        profile = self.persona.public_profile
        if not profile:
            return f"I've been in the role {self.persona.years_in_role} years and in the field {self.persona.years_in_field}."
        norm = self.cues.text.lower()
        if re.search(r"school|study|studied|degree|major|college|university|graduate", norm):
            picks = [f for f in profile if SCHOOL_WORDS.search(f)] or profile[:1]
        else:
            picks = [f for f in profile if not SCHOOL_WORDS.search(f)][-2:] or profile[-1:]
        return f"{PROFILE_NUDGE[self.temperament]} {'; '.join(picks)}."

    def _time_answer(self) -> str:
        phase = self.clock.phase
        if phase == "on_time":
            left = max(1, round(self.clock.remaining_minutes))
            return f"We're fine, we have about {left} minutes."
        if phase == "nearly_up":
            return self.lines.time_nearly_up
        return self.lines.time_up

    def _time_signal(self) -> str | None:
        """The persona's own time remark, once per threshold, like a real person watching the clock."""
        phase = self.clock.phase
        said = " ".join(self.previous)
        if phase == "nearly_up" and self.lines.time_nearly_up not in said:
            return self.lines.time_nearly_up
        if phase in ("up", "over") and self.lines.time_up not in said:
            return self.lines.time_up
        return None

    # -- the reply ---------------------------------------------------------------------------------

    def compose(self) -> str:
        c = self.cues
        job, referral = c.has("job_request"), c.has("referral_request")
        closed = c.kind == "closed"
        strict = self.persona.manner.strict_about_time
        if self.clock.phase == "over" and strict and self.lines.time_up in " ".join(self.previous):
            return f"I'm sorry, I really do have to go now. {self.lines.goodbye}"

        parts: list[str] = []
        first_turn = len(self.user_turns) == 1
        if first_turn and (c.greeting or c.has("introduction")):
            parts.append(self.lines.greeting if not (c.is_question and (c.topics or c.employer_fact)) else "Nice to meet you.")

        answered = False
        if job:
            parts.append(self.lines.on_job_request)
            answered = True
        if referral:
            parts.append(self._referral())
            answered = True
        topics = [t for t in c.topics if not (referral and t == "advice")]
        if c.public_profile and not topics:
            parts.append(self._public_profile())
            answered = True
        elif c.employer_fact and not topics:
            parts.append(self._employer_fact(c.employer_fact))
            answered = True
        elif topics and not (job and not c.is_question):
            opener = self._opener() if not parts else ""
            for i, topic in enumerate(topics[:2]):
                parts.append(self._answer_topic(topic, closed, lead=opener if i == 0 else "And "))
            answered = True
        elif c.has("follow_up") and self.previous:
            topic = _topic_of(self.persona, self.previous[-1])
            if topic:
                lead = FOLLOW_UP_LEADS[len(self.user_turns) % len(FOLLOW_UP_LEADS)]
                parts.append(self._answer_topic(topic, closed=False, lead=lead))
                answered = True
        thanks = c.has("gratitude")
        if not answered and c.has("time_ack") and not (thanks or c.farewell):
            parts.append(self._time_answer())
            answered = True
        if not answered and (thanks or c.farewell) and not first_turn:
            parts.append(self.lines.goodbye)
            answered = True
        if not answered and not parts:
            parts.append(CLARIFY[self.temperament] if c.is_question else ACKNOWLEDGE[self.temperament])

        closing = (thanks or c.farewell) and not c.is_question
        signal = self._time_signal()
        if signal and signal not in parts and not closing:
            parts.append(signal)
        return " ".join(p.strip() for p in parts if p.strip())
