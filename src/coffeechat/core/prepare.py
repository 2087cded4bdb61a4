"""Preparation: lint for prepared questions, feedback on an outreach message, and which prepared
questions have been asked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffeechat.core import cues
from coffeechat.core.clock import count_words
from coffeechat.core.persona import Persona
from coffeechat.core.rubric.classify import classify
from coffeechat.core.rubric.profile import for_persona
from coffeechat.core.rubric.suggest import lint

SMALL_ASK = re.compile(
    r"\b((\d{1,2}|fifteen|twenty|thirty|ten)[- ]?(minutes?|mins?)|quick (call|chat|coffee|conversation)|brief (call|chat|conversation)|"
    r"short (call|chat|conversation|meeting)|(a|one) (coffee|cup of coffee)|virtual coffee|informational interview)\b"
)
FLEXIBLE = re.compile(
    r"\b(whenever|at your convenience|your (schedule|calendar)|works (best )?for you|flexible|any ?time|around your|suits you|"
    r"convenient for you|if (you'?re|you are) (open|available|willing)|happy to (work|fit|adjust)|no rush)\b"
)
SPECIFIC = re.compile(r"\b(i (read|saw|heard|watched|listened)|your (talk|post|article|work on|project|team'?s|newsletter|panel|presentation|podcast))\b")
MAX_WORDS = 150


@dataclass(frozen=True)
class Check:
    ok: bool
    label: str
    advice: str


@dataclass(frozen=True)
class QuestionLint:
    text: str
    verdict: str
    advice: str


def lint_questions(text: str, persona: Persona | None = None) -> list[QuestionLint]:
    """One verdict per non-empty line of prepared questions; with ``persona``, a question their
    public profile answers is googleable, naming the line."""
    out = []
    for line in text.splitlines():
        line = line.strip().lstrip("-*0123456789.) ").strip()
        if not line:
            continue
        verdict, advice = lint(for_persona(classify(line), persona))
        out.append(QuestionLint(line, verdict, advice))
    return out


def outreach_feedback(message: str, persona: Persona) -> list[Check]:
    """Checks of a short outreach message: personal, concise, a clear small ask, flexible, no job request."""
    norm = cues.normalise(message)
    words = count_words(message)
    names = {persona.first_name.lower(), persona.name.split()[-1].lower(), persona.employer.name.split(",")[0].lower()}
    personal = any(n and n in norm for n in names) or bool(SPECIFIC.search(norm))
    job = any(classify(sentence).has("job_request") for sentence in re.split(r"(?<=[.?!])\s+", message) if sentence.strip())
    return [
        Check(personal, "personal",
              "Mentions them or something specific." if personal else
              f"Name them and something specific: their work at {persona.employer.name}, a talk or a post."),
        Check(0 < words <= MAX_WORDS, "concise",
              f"{words} words." if 0 < words <= MAX_WORDS else f"{words} words; keep it under {MAX_WORDS}."),
        Check(bool(SMALL_ASK.search(norm)), "clear small ask",
              "Asks for a little time." if SMALL_ASK.search(norm) else 'Ask for something small and specific: "a 20-minute call".'),
        Check(bool(FLEXIBLE.search(norm)), "flexible on time",
              "Leaves the timing to them." if FLEXIBLE.search(norm) else 'Leave the timing to them: "whenever suits your schedule".'),
        Check(not job, "no job request",
              "Asks to learn, not for a job." if not job else "Asking for a job or referral in outreach puts people off; ask to learn."),
    ]


# Words that say nothing about which question it is; the question words and verbs stay, so "Do you
# like consulting?" is not taken for "How did you get into consulting?"
_STOP = {"your", "you", "the", "and", "for", "are", "with", "that", "this", "from", "into", "is", "it", "of", "to", "in",
         "a", "an", "me", "my", "i", "on", "be", "at", "or", "so", "any", "some", "there", "their", "they", "um", "uh"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", cues.normalise(text)) if w not in _STOP and len(w) > 1}


def asked(prepared: list[str], said: list[str]) -> set[int]:
    """Indexes of prepared questions that a question the user asked covers (most of its words; an
    introduction that happens to name the field asks nothing)."""
    said_words = [_words(s) for s in said if classify(s).is_question]
    done = set()
    for i, question in enumerate(prepared):
        words = _words(question)
        if not words:
            continue
        if any(len(words & s) / len(words) >= 0.6 for s in said_words):
            done.add(i)
    return done
