"""After the conversation: a thank-you note draft that names something specific they said."""

from __future__ import annotations

import re

from coffeechat.core.clock import count_words
from coffeechat.core.persona import TOPIC_TITLES
from coffeechat.core.transcript import Transcript

SEND_WITHIN = "Send it within 24–48 hours, while the conversation is fresh."


def _specific(t: Transcript) -> tuple[str, str] | None:
    """(topic title, sentence) from the most substantial thing they said."""
    replies = [turn for turn in t.turns if turn.speaker == "persona" and count_words(turn.text) >= 25]
    if not replies:
        return None
    persona = t.persona
    best = max(replies, key=lambda turn: count_words(turn.text))
    topic = next((title for key, title in TOPIC_TITLES.items()
                  if any(passage[:60] in best.text for passage in persona.topic(key))), None)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", best.text) if 8 <= count_words(s) <= 35]
    if not sentences:
        return None
    sentence = max(sentences, key=lambda s: (bool(re.search(r"\d", s)), count_words(s)))
    return (topic or "your work"), sentence


def thank_you_draft(t: Transcript) -> str:
    p = t.persona
    lines = [f"Hi {p.first_name},", ""]
    lines.append(f"Thank you for taking the time to talk with me on {t.created_at:%A}. "
                 "I really appreciated how openly you shared your experience.")
    specific = _specific(t)
    if specific:
        topic, sentence = specific
        sentence = sentence.rstrip(".!?")
        lines.append(f"What stayed with me most was what you said about {topic.lower()}: \"{sentence}.\" "
                     "It gave me a much more concrete picture of the work.")
    referred = [r for r in p.referrals if any(r.name in turn.text for turn in t.turns if turn.speaker == "persona")]
    if referred:
        lines.append(f"I'll reach out to {referred[0].name} as you suggested, and I'll mention that we spoke.")
    if t.settings.goal:
        lines.append(f"Our conversation helped me a lot with my goal: {t.settings.goal.rstrip('.')}.")
    lines += ["I'll keep you posted on how things go.", "", "Best wishes,", "[Your name]"]
    return "\n".join(lines)
