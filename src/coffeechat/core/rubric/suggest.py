"""Better phrasings to suggest: the same advice in the live lint, the prepare screen and the report."""

from __future__ import annotations

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
GENERIC_OPEN = "Can you tell me about your experience with that?"
INSTEAD_OF_JOB_ASK = "What would make someone a strong candidate for roles like yours?"


def open_rewrite(c: Classification) -> str:
    for topic in c.topics:
        if topic in OPEN_REWRITES:
            return OPEN_REWRITES[topic]
    return GENERIC_OPEN


def lint(c: Classification) -> tuple[str, str]:
    """(verdict, advice) for one thing the user is about to say: the live lint under the input."""
    if c.has("job_request"):
        return "job request", f'Asking for a job closes doors in a coffee chat; try "{INSTEAD_OF_JOB_ASK}"'
    if c.has("googleable") and c.is_question:
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
