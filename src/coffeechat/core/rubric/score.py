"""Score a conversation, criterion by criterion, with evidence and a tip for each.

Deterministic: the same transcript always gets the same report. Every point is traced to
turns (1-based positions in the transcript) and short quotes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from dataclasses import dataclass, replace
from functools import cached_property

from coffeechat.core import cues
from coffeechat.core.clock import GRACE_MINUTES, count_words, nearly_up_minutes
from coffeechat.core.rubric.classify import _WORD, Classification, _ordinary, classify, stem, user_stems
from coffeechat.core.rubric.profile import for_persona
from coffeechat.core.rubric.report import RUBRIC_VERSION, CriterionScore, Evidence, ScoreReport
from coffeechat.core.rubric.suggest import INSTEAD_OF_JOB_ASK, open_rewrite
from coffeechat.core.transcript import Transcript, Turn

WEIGHTS: dict[str, float] = {
    "open_questions": 20,
    "insight": 15,
    "coverage": 10,
    "listening": 10,
    "opening": 10,
    "closing": 10,
    "no_job_ask": 10,
    "time_keeping": 15,
}
JOB_ASK_CAP = 65  # a job ask in a coffee chat caps the overall score, whatever else went well

# Core areas of an informational interview and the topics that count for each.
CORE_AREAS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "day_to_day": ("their day-to-day", ("typical_day",), "What does a typical week look like for you?"),
    "path": ("their path into the role", ("career_path",), "How did you get into this line of work?"),
    "preparation": ("what prepares someone", ("preparation", "skills"), "What experiences would best prepare someone for a role like yours?"),
    "highs_and_lows": ("what is hard and what is rewarding", ("challenges", "rewarding"), "What's the most challenging part of your work, and what makes it worth it?"),
    "trends": ("where the field is going", ("trends",), "How do you see the field changing over the next few years?"),
    "culture": ("culture and why their employer", ("culture", "why_employer"), "What drew you to your employer, and what's the culture like?"),
    "advice": ("advice for someone like you", ("advice",), "If you were in my position, what would you focus on first?"),
}
PERSONA_TIME_SIGNAL = re.compile(
    r"\b(minutes? (left|to go)|(at|out of|over|past) (our )?time|time (is )?(up|nearly up|check)|(have|need|got) to (go|run|jump|drop|get back)|"
    r"wrap (up|this up)|hard stop|heads-up|almost (at )?time|right at time|keeping an eye on the clock)\b",
    re.I,
)


def quote(text: str, limit: int = 90) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


@dataclass(frozen=True)
class _UserTurn:
    number: int  # 1-based position in the transcript
    turn: Turn
    c: Classification
    at_start: bool = False  # one of the first two things the user said
    after_reply: bool = False  # the professional had said something before it
    unfounded: bool = False  # picks up something they never said, or their answer corrected it

    @property
    def asks(self) -> bool:
        """A question the rubric counts: small talk ("How are you?") only at the very start is not one."""
        return self.c.is_question and not (self.c.pleasantry and self.at_start)

    @property
    def follows_up(self) -> bool:
        """Picks up their last answer, and they did not have to say it picked up something never said;
        a question their profile or a quick search answers listens to nobody, whatever words it shares."""
        return self.after_reply and self.c.has("follow_up") and not self.unfounded and not self.c.has("googleable")

    @cached_property
    def stays_in_touch(self) -> bool:
        """Offers or asks to stay in touch ("Would it be all right if I kept you posted?")."""
        return bool(cues.STAY_IN_TOUCH.search(cues.normalise(self.turn.text)))

    @property
    def asks_for_something(self) -> bool:
        """A job ask or a referral ask: judged by closing and no-job-ask, never as insight."""
        return self.c.has("job_request") or self.c.has("referral_request")


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


# The professional corrects a question that claimed they said something, or cannot tell what it refers to.
SET_STRAIGHT = re.compile(
    r"\b(?:I (?:don't|do not) (?:think|believe|recall|remember)(?: that)? I(?:'ve| have)? (?:ever |actually |really )?"
    r"(?:mentioned|mention|said|talked about|brought up|mentioning|saying|talking about)|"
    r"I (?:didn't|did not|never|haven't|have not) (?:actually |really |ever )?"
    r"(?:mention|mentioned|say|said|talk about|talked about|bring up|brought up)|"
    r"I (?:don't|do not) (?:remember|recall) (?:ever )?(?:mentioning|saying|talking about|bringing up)|"
    r"(?:that's |that is |it's |it is )?not something I (?:said|mentioned|talked about)|I wasn't talking about|"
    r"which part do you mean|I'm not sure (?:I follow|what you mean|which part you mean|I (?:mentioned|said)))", re.I)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})


def set_straight(reply: str) -> bool:
    """``reply`` corrects the question before it, in its first two sentences ("Nice to meet you.
    I don't think I mentioned NASA"): it picked up nothing they had said."""
    head = " ".join(re.split(r"(?<=[.!?])\s+", reply.translate(_QUOTES).strip())[:2])
    return bool(SET_STRAIGHT.search(head))


# "You mentioned X - how…", "Earlier you said X, …": what the question says they said
_CLAIM = re.compile(
    r"\b(?:you (?:mentioned|said|talked about|brought up|described)|earlier you (?:said|mentioned|talked about))"
    r"\s+(?:(?:that|earlier|before|how)\s+)?(?P<what>.+?)"
    r"(?:\s+[-–—]+\s*|[-–—]{2,}|[,;:?!.]|\s+(?:how|what|why|when|where|who|which|and|but|so|could|can|would|do|does|did)\b|$)",
    re.I)


def claims_unsaid(question: str, said: Set[str]) -> bool:
    """The question says they said something (``_CLAIM``) whose words, for the most part, are not in
    ``said`` (the stems of everything they had said): "You mentioned your time at NASA" to someone
    who never spoke of NASA. A claim about "that" or "it" leans on their last answer and stands."""
    return _claim(question, said) is False


def _claim(question: str, said: Set[str]) -> bool | None:
    """Whether what the question says they said was said (True), was not (False), or cannot be
    checked: no claim, or one about "that" (None)."""
    m = _CLAIM.search(question)
    if not m:
        return None
    # the first dozen words of the claim are enough to judge it, and keep a long turn cheap
    stems = set(list(dict.fromkeys(stem(w) for w in _WORD.findall(m.group("what")[:400])
                                   if len(w) >= 4 and not _ordinary(w)))[:12])
    if not stems:
        return None

    def heard(w: str) -> bool:  # the same word, or one that begins the same ("burn" and "burnout")
        return w in said or (len(w) >= 4 and any(len(t) >= 4 and (t.startswith(w) or w.startswith(t)) for t in said))

    missing = [w for w in stems if not heard(w)]
    return len(missing) * 2 <= len(stems)


_NON_ANSWER = re.compile(r"\b(?:i'?m not sure (?:i (?:follow|understand)|what you(?:'re| are) asking)|could you (?:put that another way|rephrase)|"
                         r"can you be more specific|what else would you like to (?:know|ask)|what's your next question)\b", re.I)


def _substantive(reply: str) -> bool:
    """A reply that said something to follow up: not only a question back ("Could you put that another way?")."""
    if _NON_ANSWER.search(reply):
        return False
    statements = [s for s in re.split(r"(?<=[.!?])\s+", reply.strip()) if s and not s.endswith("?")]
    return count_words(" ".join(statements)) >= 12


def _field_stems(t: Transcript) -> frozenset[str]:
    """Stems that run through the whole conversation — the field's own words (in their role and
    industry, or in three or more of their replies): sharing one is not picking up this answer."""
    words = {stem(w) for w in re.findall(r"[A-Za-z][\w'-]*", f"{t.persona.role} {t.persona.industry} {t.persona.employer.name}")}
    seen: dict[str, int] = {}
    for turn in t.turns:
        if turn.speaker == "persona":
            for s in {stem(w) for w in re.findall(r"[A-Za-z][\w'-]*", turn.text)}:
                seen[s] = seen.get(s, 0) + 1
    return frozenset(words | {s for s, n in seen.items() if n >= 3})


class _Context:
    def __init__(self, t: Transcript) -> None:
        self.t = t
        self.users: list[_UserTurn] = []
        previous_reply: str | None = None
        said: frozenset[str] = frozenset()  # stems of everything the user has said so far
        familiar = _field_stems(t)
        prepared = {_key(q) for q in t.settings.prepared_questions}
        theirs: set[str] = set()  # stems of everything they have said so far
        founded: dict[int, bool] = {}  # user turns whose claim of what they said checks out
        for number, turn in enumerate(t.turns, 1):
            if turn.speaker == "user":
                # a question written before the meeting shares words with an answer only by chance
                reply = None if _key(turn.text) in prepared else previous_reply
                c = for_persona(classify(turn.text, reply, earlier=said, familiar=familiar), t.persona)
                claim = _claim(turn.text, theirs)
                self.users.append(_UserTurn(number, turn, c, at_start=len(self.users) < 2,
                                            after_reply=previous_reply is not None and _substantive(previous_reply),
                                            unfounded=c.has("follow_up") and claim is False))
                founded[number] = claim is True
                said = said | user_stems(turn.text)
            else:
                previous_reply = turn.text
                theirs |= user_stems(turn.text)
        # their answer corrected it — unless the question's claim checks out against what they had
        # said ("I never said it was easy, but yes, the dispatch platform…" answers a real follow-up)
        self.users = [replace(u, unfounded=True) if not founded.get(u.number) and set_straight(_answer_to(t, u.number))
                      else u for u in self.users]
        self.questions = [u for u in self.users if u.asks]
        self.user_words = sum(count_words(u.turn.text) for u in self.users)
        self.persona_words = sum(count_words(t.text) for t in t.turns if t.speaker == "persona")
        # The professional signals the time with their own lines, or in other words once the end is near
        # (a "heads-up" in the greeting about a hard stop is not a signal that time is running out).
        lines = t.persona.lines
        nearly_up, time_up, goodbye = (lines.pattern(f) for f in ("time_nearly_up", "time_up", "goodbye"))
        near_end = max(0.0, (t.settings.agreed_minutes - nearly_up_minutes(t.settings.agreed_minutes)) * 60)
        self.persona_time_signals = [
            n for n, turn in enumerate(t.turns, 1)
            if turn.speaker == "persona" and n > 2 and (
                nearly_up.search(turn.text) or time_up.search(turn.text)
                or (turn.spoken_start >= near_end and PERSONA_TIME_SIGNAL.search(turn.text))
            )
        ]
        # The professional has left: their time-up line or a goodbye once the end is near, and no
        # answer after it (one who says the time is up and goes on answering is still there).
        def leaves(turn: Turn) -> bool:
            return bool(time_up.search(turn.text) or goodbye.search(turn.text)
                        or (turn.spoken_start >= near_end and cues.FAREWELL.search(cues.normalise(turn.text))
                            and not turn.text.rstrip().endswith("?")))

        said = [(n, turn) for n, turn in enumerate(t.turns, 1) if turn.speaker == "persona"]
        last_answer = next((i for i in range(len(said) - 1, -1, -1)  # read from the end: a few turns at most
                            if not leaves(said[i][1]) and _substantive(said[i][1].text)), -1)
        self.persona_left = next((n for n, turn in said[last_answer + 1:] if n > 2 and leaves(turn)), None)

    def ev(self, u: _UserTurn, note: str) -> Evidence:
        return Evidence(turn=u.number, quote=quote(u.turn.text), note=note)


def _answer_to(t: Transcript, number: int) -> str:
    """Their answer to user turn ``number``: the first full one before the next question (a reply
    the visitor stopped and asked again is not the answer)."""
    replies = []
    for turn in t.turns[number:]:
        if turn.speaker == "user":
            break
        replies.append(turn)
    answer = next((turn for turn in replies if turn.status == "complete"), replies[0] if replies else None)
    return answer.text if answer is not None else ""


def unfounded_follow_ups(t: Transcript, report: ScoreReport | None = None) -> set[int]:
    """The user turns that claim to pick up something they never said, or that their answer set
    straight: no follow-up, and no moment to praise (their side, the thank-you note)."""
    report = report or (t.score if t.score is not None and t.score.rubric_version == RUBRIC_VERSION else None)
    if report is not None:
        return set(report.unfounded)
    return {u.number for u in _Context(t).users if u.unfounded}


def _criterion(key: str, name: str, score: float, summary: str, evidence: list[Evidence], tip: str, assessed: bool = True) -> CriterionScore:
    return CriterionScore(key=key, name=name, score=max(0, min(100, round(score))), weight=WEIGHTS[key],
                          summary=summary, evidence=evidence[:8], tip=tip, assessed=assessed)


# -- criteria -------------------------------------------------------------------------------------


def _courtesy(u: _UserTurn) -> bool:
    """A closing courtesy put as a question: "Would it be all right if I kept you posted?", "Can I
    connect with you on LinkedIn?" — judged under Closing, never a question about the work."""
    return not u.c.topics and u.stays_in_touch


def _counts_for_open_share(u: _UserTurn) -> bool:
    """Referral asks, time checks, job asks and asks to stay in touch are closed by nature and judged elsewhere."""
    return not (u.c.has("referral_request") or u.c.has("job_request") or (u.c.has("time_ack") and not u.c.topics)
                or _courtesy(u))


def open_questions(x: _Context) -> CriterionScore:
    qs = [u for u in x.questions if _counts_for_open_share(u)]
    name = "Open questions"
    if not qs:
        return _criterion("open_questions", name, 0, "No questions asked.", [],
                          'Ask open questions that invite a story, e.g. "What does a typical week look like for you?"')
    opened = [u for u in qs if u.c.kind == "open"]
    closed = [u for u in qs if u.c.kind == "closed"]
    share = len(opened) / len(qs)
    if share >= 0.7:
        score = 85 + (share - 0.7) / 0.3 * 15
    elif share >= 0.5:
        score = 60 + (share - 0.5) / 0.2 * 25
    else:
        score = share / 0.5 * 60
    level = "good (70 % or more)" if share >= 0.7 else "fair (50 % or more)" if share >= 0.5 else "below fair (under 50 %)"
    evidence = [x.ev(u, "closed: invites a yes/no or one fact") for u in closed[:5]]
    evidence += [x.ev(u, "open: invites a wide answer") for u in opened[:3]]
    if closed:
        # the most instructive one to rewrite: about a core topic, and not a fact they could look up
        worst = next((u for u in closed if u.c.topics and not u.c.has("googleable")), closed[0])
        asked = [u.turn.text for u in x.users]
        tip = f'Turn {worst.number}: instead of "{quote(worst.turn.text, 70)}", try "{open_rewrite(worst.c, asked)}"'
    else:
        tip = "Keep it up: open questions let them tell stories; follow one with \"What was that like?\""
    left_out = len(x.questions) - len(qs)
    aside = f" ({left_out} referral, time, job or keep-in-touch ask{'s' if left_out != 1 else ''} left out)" if left_out else ""
    summary = f"{len(opened)} of {len(qs)} questions were open ({share:.0%}): {level}{aside}."
    return _criterion("open_questions", name, score, summary, evidence, tip)


def insight(x: _Context) -> CriterionScore:
    qs = [u for u in x.questions if _counts_for_open_share(u) and not u.c.pleasantry]
    name = "Insight"
    if not qs:
        return _criterion("insight", name, 0, "No questions asked.", [],
                          'Ask about their own experience and judgement, e.g. "What surprised you most in your first year?"')
    googleable = [u for u in qs if u.c.has("googleable")]
    # their experience and judgement: an open question about the work, or one that asks about them
    personal = [u for u in qs if not u.c.has("googleable") and (u.c.kind == "open" or re.search(r"\b(you|your|yourself)\b", u.c.text, re.I))]
    score = 100 * len(personal) / len(qs) - 10 * len(googleable)
    if len(personal) >= 4 and not googleable:
        score = max(score, 90)
    evidence = [x.ev(u, f'their public profile says "{quote(u.c.profile_line, 70)}"' if u.c.profile_line
                     else "a quick search answers this") for u in googleable]
    evidence += [x.ev(u, "asks about their own experience") for u in personal[:3]]
    if googleable:
        g = googleable[0]
        employer = x.t.persona.employer.name
        if g.c.profile_line:
            tip = (f'Turn {g.number}: "{quote(g.turn.text, 60)}" — their public profile already says "{quote(g.c.profile_line, 70)}";'
                   ' ask what it meant for them instead, e.g. "How has your background shaped the way you do this work?"')
        elif g.c.public_profile:
            tip = (f'Turn {g.number}: "{quote(g.turn.text, 60)}" is on their public profile; read it beforehand and ask'
                   ' what it meant for them instead, e.g. "How has your background shaped the way you do this work?"')
        else:
            tip = (f'Turn {g.number}: "{quote(g.turn.text, 60)}" is on the web; look it up beforehand and ask what it means'
                   f' for them instead, e.g. "How does working at {employer} shape what your days look like?"')
    elif len(personal) < len(qs):
        factual = next(u for u in qs if u not in personal)
        tip = (f'Turn {factual.number}: "{quote(factual.turn.text, 60)}" asks for a fact; ask for their judgement instead, e.g.'
               ' "What do you know now that you wish you had known at the start?"')
    else:
        tip = 'Every question asked for their own view; next time, ask what they would do in your place.'
    asks = sum(1 for u in x.questions if u.asks_for_something)
    aside = f"; {asks} asked them for something (a referral or a job), left out here" if asks else ""
    summary = (f"{len(personal)} of {len(qs)} questions asked about their own experience; "
               f"{len(googleable)} could be answered by a quick search{aside}.")
    return _criterion("insight", name, score, summary, evidence, tip)


def coverage(x: _Context) -> CriterionScore:
    covered: dict[str, _UserTurn] = {}
    for u in x.questions:
        if u.c.has("googleable"):  # "Where did you go to grad school?": a fact off their profile, not the area
            continue
        for area, (_, topics, _) in CORE_AREAS.items():
            # "Who else would you recommend I talk to?" is a referral ask, not a question about advice
            asked = [t for t in u.c.topics if not (t == "advice" and u.c.has("referral_request"))]
            if area not in covered and any(t in topics for t in asked):
                covered[area] = u
    score = min(100, len(covered) / 6 * 100)
    evidence = [x.ev(u, f"covers {CORE_AREAS[area][0]}") for area, u in covered.items()]
    missing = [area for area in CORE_AREAS if area not in covered]
    if missing:
        label, _, example = CORE_AREAS[missing[0]]
        tip = f'Nothing yet on {label}; try "{example}"'
        summary = f"Covered {len(covered)} of {len(CORE_AREAS)} core areas; missing: " + ", ".join(CORE_AREAS[a][0] for a in missing) + "."
    else:
        tip = "Every core area came up; next time go deeper on the one that interested you most."
        summary = f"Covered all {len(CORE_AREAS)} core areas."
    return _criterion("coverage", "Coverage", score, summary, evidence, tip)


def listening(x: _Context) -> CriterionScore:
    if not x.questions:
        return _criterion("listening", "Listening", 0, "No questions asked, so nothing to follow up.", [],
                          'Ask a question, then pick up something from the answer: "You mentioned…, what was that like?"')
    follow_ups = [u for u in x.questions if u.follows_up]
    # about one follow-up for every five questions (at least one, two from six questions, at most six)
    expected = max(1, min(6, round(len(x.questions) / 5)))
    follow_score = 100 if len(follow_ups) >= expected else 30 + 70 * len(follow_ups) / expected
    total = x.user_words + x.persona_words
    share = x.user_words / total if total else 0.0
    if share <= 0.30:
        share_score = 100.0
    elif share <= 0.35:
        share_score = 100 - (share - 0.30) / 0.05 * 20
    elif share <= 0.50:
        share_score = 80 - (share - 0.35) / 0.15 * 50
    else:
        share_score = 20.0
    score = 0.6 * follow_score + 0.4 * share_score
    evidence = []
    for u in follow_ups[:4]:
        why = f"picks up what they said: {', '.join(u.c.builds_on)}" if u.c.builds_on else "refers back to their answer"
        evidence.append(x.ev(u, why))
    for u in [u for u in x.questions if u.unfounded and u.after_reply and u.c.has("follow_up")][:2]:
        evidence.append(x.ev(u, "not counted: they had not said that"))
    if share > 0.35:
        longest = max(x.users, key=lambda u: count_words(u.turn.text))
        evidence.append(x.ev(longest, f"your longest turn ({count_words(longest.turn.text)} words)"))
    warn = " — above 35 %: let them talk more" if share > 0.35 else " (coaches aim for 20–30 %)"
    summary = f"{len(follow_ups)} follow-up question{'s' if len(follow_ups) != 1 else ''}; you spoke {share:.0%} of the words{warn}."
    # a detail worth picking up: from the longest real answer that the next question did not follow up
    lines = x.t.persona.lines
    set_lines = [lines.pattern(f) for f in ("greeting", "goodbye", "time_up", "time_nearly_up", "on_job_request")]
    followed = {u.number - 1 for u in follow_ups}  # the replies they did pick up
    replies = [t for n, t in enumerate(x.t.turns, 1) if t.speaker == "persona" and t.status == "complete"
               and n not in followed and _substantive(t.text) and not any(line.search(t.text) for line in set_lines)]
    if len(follow_ups) < expected and replies:
        sentences = re.split(r"(?<=[.!?])\s+", max(replies, key=lambda t: count_words(t.text)).text.strip())
        detail = max(sentences, key=lambda sentence: (count_words(sentence) >= 8, -sentences.index(sentence)))
        tip = f'Pick up a detail they gave, e.g. they said "{quote(detail, 60)}": ask "What was that like?" or "How did that turn out?"'
    elif share > 0.35:
        tip = 'Shorten your turns to one question each, e.g. "What was that like for you?", and let them do the talking.'
    else:
        tip = "Good listening: keep building each question on something they just said."
    return _criterion("listening", "Listening", score, summary, evidence, tip)


def opening(x: _Context) -> CriterionScore:
    early = x.users[:2]
    later = x.users[2:4]
    identity = next((u for u in early if cues.says_who(u.turn.text)), None)
    purpose = next((u for u in early if cues.PURPOSE.search(cues.normalise(u.turn.text))), None)
    score = (50 if identity else 0) + (50 if purpose else 0)
    late_identity = None if identity else next((u for u in later if cues.says_who(u.turn.text)), None)
    late_purpose = None if purpose else next((u for u in later if cues.PURPOSE.search(cues.normalise(u.turn.text))), None)
    score += (20 if late_identity else 0) + (20 if late_purpose else 0)
    evidence = []
    for u, note in ((identity, "introduces yourself"), (purpose, "says why you asked to talk"),
                    (late_identity, "introduces yourself, but late"), (late_purpose, "says why, but late")):
        if u is not None and all(e.turn != u.number or e.note != note for e in evidence):
            evidence.append(x.ev(u, note))
    if not x.users:
        return _criterion("opening", "Opening", 0, "Nothing said.", [], "Start by thanking them and saying who you are and why you asked.")
    if identity and purpose:
        summary = "You introduced yourself and your purpose at the start."
        said = " ".join(u.turn.text for u in {identity.number: identity, purpose.number: purpose}.values())
        tip = ("A clear, short opening: keep it that way so they can start talking sooner." if count_words(said) <= 60
               else f"Your opening ran to {count_words(said)} words; two sentences are enough, so they can start talking sooner.")
    else:
        missing = " and ".join(part for part, ok in (("who you are", identity), ("why you asked to talk", purpose)) if not ok)
        late = [f"{part} only at turn {u.number}" for part, u in (("who you are", late_identity), ("why", late_purpose)) if u]
        summary = f"The opening did not say {missing}" + (f"; you said {' and '.join(late)}." if late else ".")
        tip = ('Open with "Thanks for making the time. I\'m a [your situation], and I\'m exploring '
               f'{x.t.persona.industry.lower()}; I\'d love to hear how you got where you are."')
    return _criterion("opening", "Opening", score, summary, evidence, tip)


def closing(x: _Context) -> CriterionScore:
    tail = x.users[-3:]
    left = x.persona_left
    referral = next((u for u in x.users if u.c.has("referral_request") and (left is None or u.number < left)), None)
    thanks = next((u for u in reversed(tail) if u.c.has("gratitude")), None)
    touch = next((u for u in reversed(x.users) if u.stays_in_touch), None)
    score = (40 if referral else 0) + (40 if thanks else 0) + (20 if touch else 0)
    evidence = []
    if referral:
        evidence.append(x.ev(referral, "asks who else to talk to"))
    if thanks:
        evidence.append(x.ev(thanks, "thanks them at the end"))
    if touch:
        evidence.append(x.ev(touch, "offers to stay in touch"))
    if x.users and not thanks:
        evidence.append(x.ev(x.users[-1], "your last words: no thanks"))
    missing = [(not referral, '"Is there anyone else you think I should talk to?"'),
               (not thanks, '"Thank you so much for your time, this was really helpful."'),
               (not touch, '"Would it be all right if I kept you posted on how it goes?"')]
    todo = [phrase for needed, phrase in missing if needed]
    tip = ("Before the time is up, say " + "; then " .join(todo)) if todo else "A complete close: now send the thank-you note within 24–48 hours."
    parts = [name for name, ok in (("a referral ask", referral), ("thanks", thanks), ("staying in touch", touch)) if ok]
    summary = ("Closed with " + ", ".join(parts) + ".") if parts else "The conversation ended without a referral ask, thanks or a way to stay in touch."
    return _criterion("closing", "Closing", score, summary, evidence, tip)


def no_job_ask(x: _Context) -> CriterionScore:
    asks = [u for u in x.users if u.c.has("job_request")]
    score = 100 if not asks else 20 if len(asks) == 1 else 0
    evidence = [x.ev(u, "asks for a job, an interview or to pass on a CV") for u in asks]
    if asks:
        summary = f"You asked for a job {len(asks)} time{'s' if len(asks) != 1 else ''}; in a coffee chat that closes doors."
        tip = (f'Ask about the path instead: "{INSTEAD_OF_JOB_ASK}" '
               "A referral, if it comes, follows from a good conversation.")
    else:
        summary = "No job ask: the conversation stayed about their work."
        tip = "Keep it that way; if a role interests you, ask what makes candidates stand out."
    return _criterion("no_job_ask", "No job ask", score, summary, evidence, tip)


def _wraps_up(u: _UserTurn) -> bool:
    c = u.c
    return (c.has("referral_request") or c.has("gratitude") or c.farewell or c.has("time_ack")
            or u.stays_in_touch)


def _closing_stretch(x: _Context, still_there: Callable[[_UserTurn], bool]) -> _UserTurn | None:
    """The turn that starts the close: a wrap-up move (a referral ask, thanks, naming the time, a
    goodbye) followed by no more than one other question, while they are still there."""
    start: _UserTurn | None = None
    others = 0
    for u in reversed(x.users):
        if _wraps_up(u):
            if still_there(u) and not u.at_start:
                start, others = u, 0 if start is None else others
            elif start is None:
                continue  # words after they left are not part of the close
        elif u.asks:
            others += 1
            if others > 1:
                break
    return start


def time_keeping(x: _Context) -> CriterionScore:
    t = x.t
    name = "Time-keeping"
    agreed = t.settings.agreed_minutes
    elapsed = t.spoken_seconds / 60
    over = elapsed - agreed
    near_end = (agreed - nearly_up_minutes(agreed)) * 60
    spent = f"Spoken estimate {elapsed:.1f} of {agreed:g} agreed minutes"
    if elapsed * 60 < near_end and not x.persona_time_signals:
        # The end never came near and they never mentioned the time: nothing here was tested.
        return _criterion(
            "time_keeping", name, 0,
            f"Not scored: the clock never came into play ({spent.lower()[0]}{spent[1:]}; the last "
            f"{nearly_up_minutes(agreed):g} minutes are where time-keeping is tested).", [],
            f"Rehearse to the agreed length ({agreed:g} minutes) to practise wrapping up on time, or agree fewer minutes.",
            assessed=False)
    evidence: list[Evidence] = []
    within = 40.0 if over <= GRACE_MINUTES else max(0.0, 40 - 10 * (over - GRACE_MINUTES))

    def still_there(u: _UserTurn) -> bool:
        return x.persona_left is None or u.number < x.persona_left

    def acknowledges(u: _UserTurn) -> bool:
        """Naming the time counts before the time is up, or in answer to their signal, while they are still there."""
        if not u.c.has("time_ack") or not still_there(u):
            return False
        before_end = u.turn.spoken_start <= agreed * 60
        answers_signal = any(n < u.number for n in x.persona_time_signals)
        near = u.turn.spoken_start >= near_end * 0.8 or (u in x.users[-3:] and not u.at_start)
        return (before_end and near) or answers_signal
    ack = next((u for u in x.users if acknowledges(u)), None)
    late_ack = next((u for u in x.users if u.c.has("time_ack") and not acknowledges(u) and not still_there(u)), None)
    ack_score = 20.0 if ack else 0.0
    if ack:
        evidence.append(x.ev(ack, "acknowledges the time"))
    elif late_ack:
        evidence.append(x.ev(late_ack, "mentions the time only after they had left"))
    # wrap-up started before the agreed time ran out: the start of the closing stretch, after which
    # at most one more question comes that is not itself part of the close
    wrap = _closing_stretch(x, still_there)
    wrap_in_time = wrap is not None and wrap.turn.spoken_start <= agreed * 60
    wrap_score = 20.0 if wrap_in_time else 0.0
    if wrap is not None:
        evidence.append(x.ev(wrap, "starts to wrap up" + ("" if wrap_in_time else ", after the agreed time")))
    # no over-running once the professional signals the time
    over_run: list[_UserTurn] = []
    if x.persona_time_signals:
        first_signal = x.persona_time_signals[0]
        after = [u for u in x.questions if u.number > first_signal
                 and not (u.c.has("referral_request") or u.c.has("gratitude") or (u.c.has("time_ack") and not u.c.topics)
                          or _courtesy(u))]
        over_run = after[1:]  # one last question is fine
        signal_turn = t.turns[first_signal - 1]
        evidence.append(Evidence(turn=first_signal, quote=quote(signal_turn.text), note="they signal the time"))
        evidence += [x.ev(u, "another question after they signalled the time") for u in over_run[:3]]
    overrun_score = max(0.0, 20 - 10 * len(over_run))
    score = within + ack_score + wrap_score + overrun_score
    summary = (spent + (f" ({over:.1f} over)." if over > 0 else ".")
               + (" You kept asking after they signalled the time." if over_run else ""))
    if over > GRACE_MINUTES:
        tip = f'You ran {over:.0f} minutes over. Around minute {max(1, agreed - nearly_up_minutes(agreed)):g}, say "I want to be mindful of your time — one last question."'
    elif not ack:
        tip = 'Near the end, before the time is up, name it yourself: "I know we\'re almost at time, so one last question."'
    elif over_run:
        tip = "When they say time is nearly up, ask one last question at most, then thank them."
    elif not wrap_in_time:
        tip = "Start the wrap-up (thanks, who else to talk to) before the agreed time runs out."
    else:
        tip = "Well kept: you named the time near the end and wrapped up before it ran out."
    return _criterion("time_keeping", name, score, summary, evidence, tip)


CRITERIA: tuple[Callable[[_Context], CriterionScore], ...] = (
    open_questions, insight, coverage, listening, opening, closing, no_job_ask, time_keeping,
)


def score_transcript(t: Transcript) -> ScoreReport:
    x = _Context(t)
    criteria = [criterion(x) for criterion in CRITERIA]
    assessed = [c for c in criteria if c.assessed]
    total_weight = sum(c.weight for c in assessed)
    overall = round(sum(c.score * c.weight for c in assessed) / total_weight)
    capped = False
    if any(u.c.has("job_request") for u in x.users) and overall > JOB_ASK_CAP:
        overall, capped = JOB_ASK_CAP, True
    # what the reader sees: the highest score is the strongest, the lowest the one to work on (the heavier on a tie)
    best = max(assessed, key=lambda c: (c.score, c.weight))
    worst = min(assessed, key=lambda c: (c.score, -c.weight))
    if worst.score >= 100:
        headline = f"{overall}/100. Full marks on every criterion scored."
    else:
        headline = f"{overall}/100. Strongest: {best.name.lower()} ({best.score}). Work on: {worst.name.lower()} ({worst.score})."
    untested = [c.name.lower() for c in criteria if not c.assessed]
    if untested:
        headline += f" Not scored: {', '.join(untested)}."
    if capped:
        headline += f" Capped at {JOB_ASK_CAP} because of the job ask."
    counted = [u for u in x.questions if _counts_for_open_share(u)]
    open_count = sum(1 for u in counted if u.c.kind == "open")
    total_words = x.user_words + x.persona_words
    stats = {
        "questions": float(len(x.questions)),
        "open_questions": float(open_count),
        "open_share": round(open_count / len(counted), 3) if counted else 0.0,
        "user_word_share": round(x.user_words / total_words, 3) if total_words else 0.0,
        "spoken_minutes": round(t.spoken_seconds / 60, 2),
        "agreed_minutes": float(t.settings.agreed_minutes),
    }
    return ScoreReport(overall=overall, headline=headline, criteria=criteria, stats=stats,
                       unfounded=[u.number for u in x.users if u.unfounded])


def question_count(t: Transcript) -> int:
    """How many questions the user asked, as the rubric counts them (one definition everywhere)."""
    if t.score is not None and "questions" in t.score.stats:
        return int(t.score.stats["questions"])
    return len(_Context(t).questions)
