"""Better phrasings to suggest: the same advice in the live lint, the prepare screen and the report."""

from __future__ import annotations

import re
from collections.abc import Collection

from coffeechat.core.rubric.classify import Classification

OPEN_REWRITES: dict[str, str] = {
    "typical_day": "What does a typical week look like for you?",
    "career_path": "How did you get into this work?",
    "rewarding": "What do you find most rewarding about your work?",
    "challenges": "What makes the work challenging, and how do you handle it?",
    "skills": "Which skills have mattered most in your role, and why?",
    "preparation": "What experiences would best prepare someone for a role like yours?",
    "trends": "How do you see the field changing over the next few years?",
    "culture": "How would you describe the culture on your team?",
    "why_employer": "What drew you to your employer?",
    "advice": "What advice would you give someone in my position?",
    "compensation": "How do people in your field think about pay when they compare offers?",
}
GENERIC_OPEN = "What has surprised you most about this work?"
INSTEAD_OF_JOB_ASK = "What would make someone a strong candidate for roles like yours?"

# The same question, opened: "Do you like it?" -> "What do you like most about it?"
_REOPEN: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^(?:do|did) you (like|enjoy|love|miss|mind|dislike|hate) (.+)$", r"What do you \1 most about \2?"),
    (r"^is (it|that|this|the (?:work|job|role)) (?:ever |very |really |so |too )?"
     r"(stressful|hard|difficult|tough|fun|rewarding|boring|busy|worth it|competitive|lonely|flexible|demanding|challenging)$",
     r"What makes \1 \2, and how do you handle it?"),
    (r"^was (it|that|this|the (?:work|job|role|switch|move|transition|change|first year)) (?:ever |very |really |so |too )?"
     r"(stressful|hard|difficult|tough|fun|rewarding|boring|busy|worth it|scary|lonely|demanding|challenging)$",
     r"What made \1 \2, and how did you handle it?"),
    (r"^are you (happy|satisfied|fulfilled|busy|stressed|tired|glad|excited)(?: (?:with|in|about) (.+))?$", r"What makes you \1 in this work?"),
    (r"^would you (?:do it|do this|choose it|choose this|make the (?:same )?(?:switch|move|choice)) again$",
     "What would you do differently if you made that choice again?"),
))


def _reopened(c: Classification) -> str | None:
    text = c.questions[-1].text if c.questions else ""
    text = re.sub(r"^(?:so|and|but|okay|ok|um|uh),?\s+", "", text.strip().rstrip("?!. "))
    for pattern, replacement in _REOPEN:
        m = pattern.match(text)
        if m:
            return pattern.sub(replacement, text, count=1).replace(" ?", "?")
    return None


def open_rewrite(c: Classification, avoid: Collection[str] = ()) -> str:
    """An open question for a closed one: the same question opened when its form allows, else a
    core question on its topic; never one in ``avoid`` (questions already asked, normalised)."""
    taken = {_key(q) for q in avoid}
    options = [_reopened(c)] + [OPEN_REWRITES[t] for t in c.topics if t in OPEN_REWRITES] + [GENERIC_OPEN]
    options += [q for q in OPEN_REWRITES.values()]
    return next((q for q in options if q and _key(q) not in taken), GENERIC_OPEN)


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def lint(c: Classification) -> tuple[str, str]:
    """(verdict, advice) for one thing the user is about to say: the live lint under the input."""
    if c.has("job_request"):
        return "job request", f'Asking for a job closes doors in a coffee chat; try "{INSTEAD_OF_JOB_ASK}"'
    if c.has("googleable") and c.is_question:
        if c.profile_line:
            return "googleable", f'Their profile says "{c.profile_line}"; ask what it meant for them instead.'
        return "googleable", "A quick search answers this; look it up and ask what it means for them."
    if c.kind == "closed":
        if c.has("referral_request"):
            return "referral ask", "Good near the end of the conversation."
        return "closed", f'Invites a short answer; try "{open_rewrite(c)}"'
    if c.kind == "open":
        return "open", "Open question: invites a story."
    if c.has("introduction"):
        return "introduction", "Keep it to a sentence or two, then ask your first question."
    if c.has("gratitude"):
        return "thanks", "Good; a specific thank-you is even better."
    return "statement", "Not a question."
