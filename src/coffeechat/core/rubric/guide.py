"""What each criterion rewards, in words for people: one source for the app's help and the README.

Per criterion key: the name the report uses, the weight the rubric gives it and what scores. The
README's criteria table is ``criteria_table()`` (a test keeps the two the same), so the help in
the app and the documentation never disagree. ``**…**`` marks the words to stress.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffeechat.core.clock import GRACE_MINUTES
from coffeechat.core.rubric.report import CriterionScore
from coffeechat.core.rubric.score import JOB_ASK_CAP, WEIGHTS

NOT_SCORED = "not scored"


@dataclass(frozen=True)
class CriterionGuide:
    key: str
    name: str
    weight: float
    scores: str  # what earns and costs points


_GUIDE: tuple[tuple[str, str, str], ...] = (
    ("open_questions", "Open questions",
     'the share of your questions that are open. Open questions invite a wide range of answers ("What does a typical'
     ' week look like for you?", "Can you tell me about how you moved into policy?"); closed ones ask for yes/no, a'
     ' choice or one fact ("Do you like it?", "Is it remote or in office?"). Anchors from motivational-interviewing'
     " coding (MITI 3.1.1): 50 % open is fair (60 points), 70 % is good (85), all open is 100. A turn with several"
     " questions is open when any of them is. Referral asks, time checks, job asks and asks to stay in touch are left"
     " out of the share: they are closed by nature and judged elsewhere."),
    ("insight", "Insight",
     "the share of your questions that ask for their own experience, judgement and advice (an open question about"
     " the work, or one about them); questions a quick search answers (what the employer does, its size, founding"
     " year, headquarters, offices; their school, title or start date from their public profile) cost 10 points"
     " each; job and referral asks are left out: they are never insight"),
    ("coverage", "Coverage",
     "seven core areas: their day-to-day, their path, what prepares someone, what is hard and rewarding, where the"
     " field is going, culture and why their employer, advice; a question a quick search answers covers none. Six of"
     " seven is full marks."),
    ("listening", "Listening",
     'follow-ups that build on their last answer: an explicit back-reference ("you mentioned…", "earlier you said…",'
     ' "what do you mean by…") or a name, term or phrase specific to their answer — not a common word of the field,'
     " not a question you prepared beforehand, nor one that picks up something they never said or that they had to"
     " set straight (\"I don't think I mentioned…\") —"
     " about one for every five questions (at least one, two from six);"
     " and your share of the words:"
     " 20–30 % is the aim, above 35 % is a warning"),
    ("opening", "Opening",
     "who you are (50) and why you asked to talk (50), in either order, in your first two turns; 20 for each if it"
     " comes in the two turns after"),
    ("closing", "Closing",
     "asking who else to talk to (40), thanking them at the end (40), offering to stay in touch (20)"),
    ("no_job_ask", "No job ask",
     "100 without one; asking for a job, an interview, a referral for a position or to pass on your CV gives 20 (0"
     f" for two), and **caps the overall score at {JOB_ASK_CAP}**"),
    ("time_keeping", "Time-keeping",
     f"on the spoken clock: finishing within the agreed minutes plus {GRACE_MINUTES:g} minutes' grace (40), naming"
     " the time yourself near the end (20), starting to wrap up before the time is up (20), and not asking more than"
     " one more question once they signal the time (20). Acknowledging the time counts only before the time is up or"
     " in answer to their signal, while they are still there; when the clock never came near the end and they never"
     " signalled it, time-keeping is not scored and is left out of the overall"),
)

GUIDE: dict[str, CriterionGuide] = {key: CriterionGuide(key, name, WEIGHTS[key], text) for key, name, text in _GUIDE}
assert list(GUIDE) == list(WEIGHTS), "every criterion the rubric scores has a description, in the report's order"


def criteria_table() -> str:
    """The README's table of criteria, as Markdown."""
    lines = ["| criterion | weight | what scores |", "| --- | --- | --- |"]
    lines += [f"| {g.name} | {g.weight:g} | {g.scores} |" for g in GUIDE.values()]
    return "\n".join(lines) + "\n"


def score_text(c: CriterionScore) -> str:
    """A criterion's score as a person should read it: the number, or "–" when it was not tested."""
    return str(c.score) if c.assessed else "–"
