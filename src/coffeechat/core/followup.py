"""After the conversation: a thank-you note draft that reads as a person wrote it, names something
specific they said (a story they told, or a short line of theirs), and is signed with your name."""

from __future__ import annotations

import re

from coffeechat.core import cues
from coffeechat.core.clock import count_words
from coffeechat.core.persona import Referral
from coffeechat.core.rubric.classify import classify
from coffeechat.core.rubric.score import quote
from coffeechat.core.transcript import Transcript

SEND_WITHIN = "Send it within 24–48 hours, while the conversation is fresh."

# What they talked about, as you would put it in a note.
ABOUT = {
    "career_path": "how you found your way into the work",
    "typical_day": "what your weeks actually look like",
    "rewarding": "what makes the work worth it for you",
    "challenges": "the hard parts of the job",
    "skills": "the skills that matter most",
    "preparation": "how to prepare for this path",
    "trends": "where the field is heading",
    "culture": "the culture at {employer}",
    "why_employer": "why you chose {employer}",
    "advice": "your advice for someone in my position",
    "compensation": "how to think about pay",
}
_INFINITIVE_GOAL = re.compile(r"^(?:to )?(decide|understand|figure out|learn|find out|see|work out|explore|choose|compare|"
                              r"get a sense of|get|know|hear|test|check|confirm|discover|weigh|plan)\b", re.I)


def your_name(t: Transcript) -> str:
    """The name to sign with: the one given when preparing, else the one said in the introduction."""
    if t.settings.your_name.strip():
        return t.settings.your_name.strip()
    first = next((turn.text for turn in t.turns if turn.speaker == "user"), "")
    return cues.introduced_name(first) or ""


def _told_story(t: Transcript):
    """A story they told, if any: the most specific thing to name."""
    said = "\n".join(turn.text for turn in t.turns if turn.speaker == "persona")
    told = [s for s in t.persona.stories if s.text[:80] in said]
    # the one they told you what they took from, if any: you asked about it
    return next((s for s in told if s.lesson and s.lesson[:60] in said), told[0] if told else None)


def _longest_answer(t: Transcript) -> tuple[str | None, str | None]:
    """(topic, a short line worth quoting back) from their most substantial answer: the line is
    specific (a number or a name) and under twenty words."""
    replies = [turn for turn in t.turns if turn.speaker == "persona" and count_words(turn.text) >= 25]
    if not replies:
        return None, None
    best = max(replies, key=lambda turn: count_words(turn.text)).text
    p = t.persona
    topic = next((key for key in ABOUT if any(passage[:60] in best for passage in p.topic(key))), None)
    lines = [s.rstrip(".!") for s in re.split(r"(?<=[.!?])\s+", best) if 6 <= count_words(s) <= 20 and not s.endswith("?")]
    specific = [s for s in lines if re.search(r"\d|\b[A-Z][a-z]+\b", s[1:])]
    # only a line with something of theirs in it: "There's another side to it, too" is worth no quote
    return topic, (specific or [None])[0]


_FIRST_PERSON = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
                 "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we": "you", "our": "your", "us": "you"}


def _their(title: str) -> str:
    """A story title in their words, as the visitor writes of it: "the session I stopped" → "the
    session you stopped", "the deal that changed my mind" → "… changed your mind"."""
    return re.sub(r"\b(?:I'm|I've|I'd|I'll|I|me|my|mine|myself|we|our|us)\b",
                  lambda m: _FIRST_PERSON[m.group(0).lower()], title)


def _lower_first(text: str) -> str:
    text = text.strip().rstrip(".!? ")
    if not text:
        return text
    first = text.split()[0]
    keep = first == "I" or first.startswith("I'") or (len(first) > 1 and first[1:].lower() != first[1:])  # I, PhD, UX
    return text if keep else text[0].lower() + text[1:]


def _goal_sentence(goal: str) -> str | None:
    goal = " ".join(goal.split())
    if not goal:
        return None
    phrase = _lower_first(goal)
    if _INFINITIVE_GOAL.match(phrase):
        return f"It helped me a lot {'' if phrase.lower().startswith('to ') else 'to '}{phrase}."
    return f"It helped me a lot with what I came to you with: {phrase}."


def suggested_colleague(t: Transcript) -> Referral | None:
    """The colleague they suggested talking to ("You should talk to …"), not one who came up in a story."""
    said = [turn.text for turn in t.turns if turn.speaker == "persona"]
    for r in t.persona.referrals:
        suggested = re.compile(rf"\b(?:talk|speak|reach out) to {re.escape(r.name)}\b|\b{re.escape(r.name)}, {re.escape(r.role)}")
        if any(r.name in text and suggested.search(text) for text in said):
            return r
    return None


_QUESTION_CLAUSE = re.compile(r"(?:\s[-–—]+\s|:\s|\.\s|;\s)(?=[^-–—:.;]*\?\s*$)")


def _asked(text: str) -> str:
    """The question itself, as you asked it: "How do you change something like that safely?" from
    "You mentioned the scheduler - how do you change something like that safely?"."""
    text = " ".join(text.split())
    question = next((s for s in re.split(r"(?<=[.!?])\s+", text) if s.endswith("?")), text)
    parts = _QUESTION_CLAUSE.split(question)
    asked = parts[-1].strip() if len(parts[-1].split()) >= 3 else question
    return asked[0].upper() + asked[1:] if asked else asked


def _appreciated(t: Transcript, told: str | None, body_topic: str | None, body: str) -> str | None:
    """One sentence on the moment they remembered best, when their side has one that is a follow-up
    or a specific question: "I especially appreciated hearing about …, when I asked …". Left out when
    it would name what the note already names (the same story or topic)."""
    from coffeechat.core.their_side_offline import picked_up  # it reads this module's colleague finder

    if t.their_side is None:
        return None
    from coffeechat.core.rubric.score import unfounded_follow_ups

    employer = t.persona.employer.name
    corrected = unfounded_follow_ups(t)  # "You mentioned X" when they had not: nothing to thank them for
    for moment in t.their_side.stood_out:
        if not (1 <= moment.turn <= len(t.turns)) or t.turns[moment.turn - 1].speaker != "user" or moment.turn in corrected:
            continue
        text = t.turns[moment.turn - 1].text
        reply_before = next((turn.text for turn in reversed(t.turns[: moment.turn - 1]) if turn.speaker == "persona"), None)
        reply_after = next((turn.text for turn in t.turns[moment.turn:] if turn.speaker == "persona"), "")
        c = classify(text, reply_before)
        if not c.is_question or c.pleasantry or any(c.has(flag) for flag in ("job_request", "referral_request", "googleable", "gratitude")):
            continue
        if c.has("time_ack") and not c.topics:
            continue
        story = next((s for s in t.persona.stories if s.text[:80] in reply_after), None)
        about = None
        if c.has("follow_up"):
            about = picked_up(text, reply_before)
        if about is None and story is not None and story.title != told:
            about = f"your story of {_their(_lower_first(story.title))}"
        if about is None and c.kind == "open":
            topic = next((key for key in c.topics if key != body_topic and key in ABOUT), None)
            about = ABOUT[topic].format(employer=employer) if topic else None
        if about is None or about.lower() in body.lower():
            continue
        return f'I especially appreciated hearing about {about}, when I asked, "{quote(_asked(text), 160)}"'
    return None


def thank_you_draft(t: Transcript) -> str:
    p = t.persona
    employer = p.employer.name
    lines = [f"Hi {p.first_name},", ""]
    first = f"Thank you for taking the time to talk with me on {t.created_at:%A}."
    story = _told_story(t)
    topic, line = _longest_answer(t)
    if story is not None:
        said = "\n".join(turn.text for turn in t.turns if turn.speaker == "persona")
        told_lesson = story.lesson and story.lesson[:60] in said  # only what they said, not what the file holds
        body = (f"I keep thinking about your story of {_their(_lower_first(story.title))}"
                + (f", and what you took from it: {_lower_first(story.lesson)}." if told_lesson else "."))
    elif topic is not None:
        about = ABOUT[topic].format(employer=employer)
        body = (f"What you said about {about} stayed with me, especially when you said \"{line}.\"" if line
                else f"What you said about {about} stayed with me.")
    else:
        body = "I really appreciated how openly you shared your experience."
    paragraph = [first, body]
    appreciated = _appreciated(t, story.title if story is not None else None, topic, body)
    if appreciated:
        paragraph.append(appreciated)
    r = suggested_colleague(t)
    if r is not None:
        paragraph.append(f"I'll reach out to {r.name} as you suggested, and I'll mention that we spoke.")
    goal = _goal_sentence(t.settings.goal)
    if goal:
        paragraph.append(goal)
    paragraph.append("I'll keep you posted on how things go.")
    lines.append(" ".join(paragraph))
    lines += ["", "Best wishes,"]
    name = your_name(t)
    if name:
        lines.append(name)
    return "\n".join(lines)
