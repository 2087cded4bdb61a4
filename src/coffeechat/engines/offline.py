"""The offline persona engine: a deterministic, scripted professional that needs no network.

It works out what a question is about (the cue patterns, the nearest questions in a labelled bank
and the nearest of the persona's own passages: ``core.topics``), then answers the way a person
would: an open question with a passage, an example or story and, from a talkative persona, more;
a closed question in a sentence or two; a follow-up ("you mentioned X", "how did that turn out?")
by going deeper on what was said, not by changing the subject; a question it is unsure of with a
hedge ("If you mean the day-to-day…"). It reacts in character to introductions, thanks, job and
referral requests, questions a quick search answers, and the clock, and never repeats a passage
while another is left. Everything it says comes from the persona and the transcript, so a resumed
interview carries on exactly where it left off.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence

from coffeechat.core import cues, spoken
from coffeechat.core.clock import ClockState
from coffeechat.core.engine import ReplyRequest
from coffeechat.core.persona import TOPIC_TITLES, Persona, Story
from coffeechat.core.rubric.profile import for_persona
from coffeechat.core.rubric.classify import Classification, classify
from coffeechat.core.topics import AT_ALL, SURE, PersonaText, TopicGuess, features, guess, persona_index
from coffeechat.core.transcript import EngineInfo, Turn

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

OPENERS = {
    "warm": ["Good question.", "Oh, I like that question.", "Hmm, let me think.", "Sure."],
    "busy": ["Okay.", "Short version:", "Right.", "Sure."],
    "reserved": ["Hm.", "Well,", "Let me think.", "Okay."],
}
# Said before a story, so it is heard as one.
STORY_LEADS = {
    "warm": ["Let me tell you about one time.", "Here's a story that sums it up.", "A concrete example:"],
    "busy": ["Example:", "One case:", "Concretely:"],
    "reserved": ["One example.", "To give you a concrete case:", "An example, maybe."],
}
MORE_LEADS = ["", "There's another side to it, too.", "", "And one more thing."]
HEDGES = {
    "career_path": "how I got into this", "typical_day": "the day-to-day", "rewarding": "what I enjoy about it",
    "challenges": "what's hard about it", "skills": "the skills that matter", "preparation": "how to prepare for it",
    "trends": "where the field is going", "culture": "the culture here", "why_employer": "why I chose my employer",
    "advice": "what I'd advise", "compensation": "pay",
}
QUESTIONS_BACK = {
    "career_path": "What's drawing you toward this field?",
    "typical_day": "Does that sound like the kind of week you'd want?",
    "rewarding": "What kind of work gives you that feeling?",
    "challenges": "Does that put you off, or is it the kind of hard you like?",
    "skills": "Which of those feels closest to what you're good at?",
    "preparation": "What have you tried so far?",
    "trends": "Is that part of what interests you?",
    "culture": "What kind of team do you work best in?",
    "why_employer": "What matters most to you in an employer?",
    "advice": "Where are you in that process right now?",
}
INVITE = {"warm": "Happy to help. Ask me anything.", "busy": "Go ahead.", "reserved": "What would you like to know?"}
_ASKS_FOR_STORY = re.compile(r"\b(?:a time (?:when|that|you)|a time\b|an example of|a story|tell me about when|ever (?:had|been|faced|made)|"
                             r"the (?:worst|best|hardest|toughest|biggest) (?:day|moment|mistake|project|decision|week)|"
                             r"a (?:project|moment|day|decision|mistake) (?:that|when|where))", re.I)
ACKNOWLEDGE = {
    "warm": "Mm, I hear you. What else would you like to know?",
    "busy": "Got it. What's your next question?",
    "reserved": "I see. What else would you like to ask?",
}
# For text with nothing to go on: no English words, or nothing about work at all.
# Words that answer each other in a short answer: a question about working remotely is answered by
# the sentence that says "hybrid" or "from home", one about travel by "flights" or "on the road".
_CONCEPTS = [frozenset(g.split()) for g in (
    "remote remotely hybrid home office in-person person wfh commute onsite site",
    "travel travelling traveling trip flight fly flying road client",
    "hour late evening even weekend overtime night nine five six seven eight",
    "call on-call pager weekend night",
    "team size people report manage manager")]
_COMMON_WORDS = frozenset("work job role day time thing people lot year way kind much really".split())
# Verbs any question has: "what happens when one comes in?" asks nothing of its own
_PLAIN_VERBS = frozenset("happen come go get make take look feel do say know think see use used like mean want "
                         "need try start find give keep put call handle deal what when how why where who which one".split())

CLARIFY = {
    "warm": "Hmm, I'm not sure I follow. Could you put that another way? I'm happy to talk about my day-to-day, how I got here, or what I'd do in your shoes.",
    "busy": "I didn't catch that. Ask me about my day-to-day, my path, or what I'd do in your place.",
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
LEAVING = "I'm sorry, I really do have to go now."
FOLLOW_UP_LEADS = ["Sure. ", "Mm. ", "Right. ", ""]
# Said after the goodbye has been said once.
AGAIN_GOODBYE = {
    "warm": ["Of course. Take care, and good luck!", "Good luck with everything!", "Take care!"],
    "busy": ["Good luck.", "Take care."],
    "reserved": ["Take care.", "All the best."],
}
# The visitor asking leave to stay in touch (not "do you keep in touch with your old team?")
_ASKS_TO_KEEP_IN_TOUCH = re.compile(
    r"\b(?:(?:can|could|may|should) i|(?:would|will) it be (?:ok|okay|alright|all right|fine)(?: with you)? if i|"
    r"is it (?:ok|okay|alright|all right|fine)(?: with you)? if i|(?:do you|would you) mind if i|"
    r"would you be (?:ok|okay|open|happy)(?: with me| to| if i)?|would you like (?:me )?to|ok if i)\b", re.I)
# The same question a third time.
COVERED = {
    "warm": "I think we've covered that one. Is there something else you'd like to know?",
    "busy": "We've been over that. Next question?",
    "reserved": "I believe I've answered that. Was there something else?",
}
# "Can I keep in touch?", "May I send you an update?": yes, as a person would say it.
STAY_IN_TOUCH_YES = {
    "warm": "Of course, please do. I'd love to hear how it goes.",
    "busy": "Sure, send me a short note when something changes.",
    "reserved": "Yes, that's fine. An email is best.",
}
# A question about the time itself: "How much time do we have left?", "Do you have a few more minutes?"
_ASKS_ABOUT_TIME = re.compile(
    r"\b(?:how much (?:more )?(?:time )?(?:do we (?:still )?have|have we got|is left|left)|how many (?:more )?minutes (?:do we have|have we got|are left|left)|"
    r"(?:do|would) you have (?:a few|a couple(?: of)?|five|two|ten|\d+|some|any|a bit of|a little|more)(?: more)? (?:minutes?|time)|"
    r"do you (?:need|have) to (?:go|run|leave|jump)|are we (?:out of|over|at|almost at|near) (?:the )?time|"
    r"how are we (?:doing )?on time|(?:we'?ve|we have|we) got (?:a few|a couple(?: of)?|\w+) (?:more )?minutes(?: left)?,? right|"
    r"is (?:it|this) (?:still )?(?:ok|okay|alright|fine) (?:if|to) (?:i|we) (?:ask|keep|go)|can i ask (?:one|a couple|a few) more)", re.I)
SCHOOL_WORDS = re.compile(r"\b(university|college|school|ba|bs|bsn|ms|mba|phd|master|bachelor|degree)\b", re.I)
# "You mentioned the steering committee - …", "what do you mean by 'so-what'?"
_REFERENCE = re.compile(
    r"\b(?:you (?:mentioned|said|talked about|brought up|described)|earlier you (?:said|mentioned)|what do you mean by|what did you mean by|"
    r"tell me more about|going back to|back to)\s+(?:that\s+|the\s+|your\s+|how\s+|about\s+)?(?P<what>[^,.;:?!—–-]{2,80})", re.I)
# "How did the pilot turn out?": what it asks about
_TURN_OUT_ABOUT = re.compile(r"\bhow did (?:the|your|that|this) (?P<what>[^?.!,]{3,60}?) (?:turn out|end up|end|go|work out)\b", re.I)
_TURN_OUT = re.compile(r"\b(?:how did (?:that|it|they|things) (?:turn out|end|go|work out)|how did (?:the|your|this) [^?.!,]{3,60}? (?:turn out|end up|work out)|what happened (?:next|then|after)|"
                       r"what did you (?:learn|take away)|what came (?:of|out of) (?:that|it)|and then what)\b", re.I)
_MORE = re.compile(r"\b(?:tell me more|say more|go on|for example|such as|like what|how so|why\??$|what was that like|"
                   r"can you give (?:me )?an example|elaborate|expand on)\b", re.I)


def first_sentence(passage: str) -> str:
    return _SENTENCE_END.split(passage.strip(), maxsplit=1)[0]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


class OfflineEngine:
    """Scripted persona. ``delay`` (seconds between words) makes streaming visible in the TUI."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.info = EngineInfo(kind="offline")

    async def aclose(self) -> None:
        return None

    async def stream_reply(self, request: ReplyRequest) -> AsyncIterator[str]:
        # Composed in a thread: the first reply loads the question bank and the topic model (about
        # 0.2 s), which must not hold up the keys typed meanwhile.
        text = await asyncio.to_thread(compose_reply, request)
        words = text.split(" ")
        for i, word in enumerate(words):
            yield word if i == len(words) - 1 else word + " "
            if self.delay:
                await asyncio.sleep(self.delay)
            elif i % 64 == 63:
                await asyncio.sleep(0)  # let the event loop breathe on long replies


def _lower_first(sentence: str) -> str:
    """"The tools…" → "the tools…" after "Like I said earlier,"; names, "I" and acronyms keep their
    capital (a word is taken as a name when it is capitalised where no sentence starts)."""
    first = sentence.split(" ", 1)[0]
    word = first.strip(".,;:!?'\"")
    if not word or word == "I" or word.startswith("I'") or (len(word) > 1 and not word[1:].islower()) or word.lower() not in _COMMON_STARTS:
        return sentence
    return sentence[0].lower() + sentence[1:]


# Words that start a sentence in lower case when it is quoted inside another one; anything else
# (Tidewater, Monday, Epic) is a name and keeps its capital.
_COMMON_STARTS = frozenset("""a an the my our we it its this that these those there here most much many some
    one two three four five six every each after before when while if on in at for from with without as
    what how why where who being getting working honestly really mostly usually right so but and or
    you your they their people nobody everyone something nothing pay hours travel""".split())


def _who(r) -> str:
    """"she's an associate actuary at Lakeshore Mutual", from the role "Associate Actuary, Lakeshore Mutual"."""
    title, _, org = r.role.partition(", ")
    words = [w if sum(ch.isupper() for ch in w) > 1 or not w[:1].isupper() else w.lower() for w in title.split()]
    title = " ".join(words)
    article = "an" if title[:1].lower() in "aeiou" else "a"
    subject = {"she": "she's", "he": "he's", "they": "they're"}.get(r.subject, f"{r.subject} is")
    return f"{subject} {article} {title}" + (f" at {org}" if org else "")


def compose_reply(request: ReplyRequest) -> str:
    return _Reply(request).compose()


class _Reply:
    def __init__(self, request: ReplyRequest) -> None:
        self.persona: Persona = request.persona
        self.clock: ClockState = request.clock
        self.agreed = request.settings.agreed_minutes
        self.turns: Sequence[Turn] = request.turns
        self.previous = [t.text for t in self.turns if t.speaker == "persona"]
        # asked again after stopping a reply: what it began with counts as said, so another comes
        self.stopped = request.stopped
        self.said = "\n".join(self.previous + ([request.stopped] if request.stopped else []))
        self.user_turns = [t for t in self.turns if t.speaker == "user"]
        self.question = self.user_turns[-1].text if self.user_turns else ""
        previous_reply = self.previous[-1] if self.previous else None
        # read as the rubric reads it for this person: what their own profile answers is a fact on it
        self.cues: Classification = for_persona(classify(self.question, previous_reply), self.persona)
        self.temperament = self.persona.manner.temperament
        self.talk = self.persona.manner.talkativeness
        self.lines = self.persona.lines
        self.index = persona_index(self.persona)
        self.used: list[str] = []  # passages and stories chosen for this reply
        self.n = len(self.user_turns)

    # -- what has been said ------------------------------------------------------------------------

    def _was_said(self, text: str) -> bool:
        return (first_sentence(text) in self.said or text in self.used
                or bool(self.stopped and text[:40].strip() and text[:40] in self.stopped))

    def say(self, field: str) -> str:
        return self.lines.say(field, self.agreed, self.clock.remaining_minutes)

    def _said_line(self, field: str) -> bool:
        return bool(self.lines.pattern(field).search(self.said))

    # -- choosing what to say ------------------------------------------------------------------------

    def _passages(self, topic: str, about: str) -> list[str]:
        """Unsaid passages of ``topic``, the ones closest to ``about`` first, then in the file's order."""
        ranked = {found.text: found.similarity for found in self.index.search(about, topic) if found.kind == "passage"}
        passages = [p for p in self.persona.topic(topic) if not self._was_said(p)]
        return sorted(passages, key=lambda p: -ranked.get(p, 0.0))

    def _stories(self, topic: str, about: str) -> list[Story]:
        ranked = {found.text: found.similarity for found in self.index.search(about, topic) if found.kind == "story"}
        stories = [s for s in self.persona.stories_on(topic) if not self._was_said(s.text)]
        return sorted(stories, key=lambda s: -ranked.get(f"{s.title}. {s.text}", 0.0))

    def _take(self, text: str) -> str:
        self.used.append(text)
        return text

    def _fresh(self, options: Sequence[str]) -> str:
        """The first of ``options`` not said yet in this conversation ("" once all have been)."""
        return next((o for o in options if o and o not in self.said and o not in self.used), "")

    def _story(self, story: Story) -> str:
        lead = self._fresh(STORY_LEADS[self.temperament])
        if lead:
            self.used.append(lead)
        return f"{lead} {self._take(story.text)}".strip()

    def _open_answer(self, topic: str, about: str, lead: str = "") -> str:
        """A spoken answer of realistic length: a passage, then an example or story, then (for a
        talkative person) more, and now and then a question back, as people do."""
        passages = self._passages(topic, about)
        stories = self._stories(topic, about)
        if self.clock.phase != "on_time" and (passages or stories):
            # the time is nearly up: one passage (or the story asked for), not the whole of it
            if stories and (_ASKS_FOR_STORY.search(self.question) or not passages):
                return lead + self._take(stories[0].text)
            return lead + self._take(passages[0])
        if not passages and not stories:
            again = self.persona.topic(topic)[self.n % len(self.persona.topic(topic))]
            return f"{lead}Like I said earlier, {_lower_first(first_sentence(again))}"
        if passages and lead and lead.split()[0].strip(".,:").lower() == passages[0].split()[0].strip(".,:").lower():
            lead = ""  # "Right. Right now I…" reads as a stutter
        if stories and _ASKS_FOR_STORY.search(self.question):
            # "Tell me about a time…": the story is the answer
            parts = [lead + self._take(stories.pop(0).text)]
            if self.talk == "high" and passages:
                parts.append(self._take(passages.pop(0)))
        else:
            parts = [lead + self._take(passages.pop(0))] if passages else []
            # low: the passage (and a story or another passage if it was short); medium: a passage
            # and a story, or two passages; high: two passages and a story
            if self.talk == "high" and passages:
                parts.append(self._more(passages.pop(0)))
            short = len(" ".join(parts).split()) < 120  # a person of few words still talks for a minute
            if stories and (self.talk != "low" or short):
                parts.append(self._story(stories.pop(0)))
            elif passages and (self.talk != "low" or short):
                parts.append(self._more(passages.pop(0)))
            if not parts and stories:
                parts.append(self._story(stories.pop(0)))
        if topic in QUESTIONS_BACK and (self.n % 3 == 0) and self.temperament != "busy" and QUESTIONS_BACK[topic] not in self.said:
            parts.append(QUESTIONS_BACK[topic])
        return " ".join(parts)

    def _more(self, passage: str) -> str:
        more = self._fresh(MORE_LEADS) if self.n % 2 else ""
        if more:
            self.used.append(more)
        return (more + " " if more else "") + self._take(passage)

    def _closed_answer(self, topic: str, about: str, lead: str = "") -> str:
        """A sentence or two: the closest sentence among the closest passages, and the one after it."""
        passages = (self._passages(topic, about) or self.persona.topic(topic))[:3]
        candidates = [(passage, i, s) for passage in passages for i, s in enumerate(sentences(passage))]
        passage, i, first = max(candidates, key=lambda c: (self._overlap(c[2], about), -passages.index(c[0]), -c[1]))
        self._take(passage)
        said = sentences(passage)
        keep = [first] + ([said[i + 1]] if self.talk != "low" and i + 1 < len(said) else [])
        return lead + " ".join(keep)

    @staticmethod
    def _overlap(sentence: str, about: str) -> float:
        """How much of the question the sentence speaks to: shared words, and words of the same
        concept ("remotely" is answered by "hybrid" or "from home"); the words every answer has
        count for little."""
        a, b = set(features(sentence)), set(features(about))
        if not b:
            return 0.0
        score = sum(0.25 if w in _COMMON_WORDS else 1.0 for w in a & b)
        for group in _CONCEPTS:
            if b & group and a & group and not (a & b & group):
                score += 1.0
        return score / len(b)

    def _answer(self, topic: str, about: str, closed: bool, lead: str = "") -> str:
        return self._closed_answer(topic, about, lead) if closed else self._open_answer(topic, about, lead)

    # -- follow-ups ---------------------------------------------------------------------------------

    def _referenced(self) -> tuple[PersonaText | None, str]:
        """What an explicit back-reference points at, among the things already said."""
        m = _REFERENCE.search(self.question)
        if not m:
            return None, ""
        what = re.sub(r"\s+(?:earlier|before|just now|a (?:moment|minute) ago|(?:earlier )?on)$", "", m.group("what").strip(), flags=re.I)
        if not self._mentioned(what):  # a passage said before that shares a word or two is not what they mean
            return None, what
        for found in self.index.search(what):
            if self._was_said(found.text.split(". ", 1)[-1] if found.kind == "story" else found.text):
                return found, what
        return None, what

    def _last_said(self) -> PersonaText | None:
        """The passage or story the last reply drew on (the last one in it)."""
        if not self.previous:
            return None
        last = self.previous[-1]
        hits = []

        def where(text: str) -> int:
            """Where the reply has a sentence of ``text`` (a closed answer says one from the middle)."""
            spots = [last.find(x) for x in sentences(text) if len(x.split()) >= 5]
            return max([i for i in spots if i >= 0], default=-1)

        for topic in TOPIC_TITLES:
            for p in self.persona.topic(topic):
                if (i := where(p)) >= 0:
                    hits.append((i, PersonaText(topic, p, "passage", 1.0)))
        for s in self.persona.stories:
            if (i := where(s.text)) >= 0:
                hits.append((i, PersonaText(s.topic, s.text, "story", 1.0)))
        return max(hits, key=lambda h: h[0])[1] if hits else None

    def _story_of(self, found: PersonaText) -> Story | None:
        return next((s for s in self.persona.stories if s.text == found.text or found.text.endswith(s.text)), None)

    def _follow_up(self) -> str | None:
        said = self._follow_up_text()
        if said and (m := re.match(r"(Right|Sure)(, [^.]{1,80}\. |\. )(\w+)", said)) and m.group(3) == m.group(1):
            said = ("Sure" if m.group(1) == "Right" else "Right") + said[len(m.group(1)):]  # not "Right, X. Right now…"
        return said

    def _follow_up_text(self) -> str | None:
        """Go deeper on what was said: the passage a back-reference points at, or the last answer."""
        q = self.question
        referenced, what = self._referenced()
        if referenced is None and (about := _TURN_OUT_ABOUT.search(q)):
            # "How did the early mobility project turn out?": the story or passage they told it in
            referenced = next((f for f in self.index.search(about.group("what"))[:6]
                               if self._was_said(f.text.split(". ", 1)[-1] if f.kind == "story" else f.text)), None)
        claims = bool(re.search(r"\b(?:you (?:mentioned|said|talked about|brought up|described)|earlier you|going back to)\b", q, re.I))
        if referenced is None and what and claims and not self._mentioned(what):
            # "You mentioned your time at NASA": they did not, and a person would say so
            mine = re.search(rf"\byour\s+{re.escape(what)}", q, re.I)
            the = re.search(rf"\bthe\s+{re.escape(what)}", q, re.I)
            # "You mentioned you grew up in Chile": not echoed back in the visitor's words
            said_as = "that" if re.match(r"(?:you|that|how|we|they|it)\b", what, re.I) or len(what.split()) > 6 else \
                f"{'my ' if mine else 'the ' if the else ''}{what}"
            return (f"I don't think I mentioned {said_as}, actually. "
                    + ("What would you like to know about my work?" if self.temperament != "busy" else "What's your question?"))
        generic = bool(_TURN_OUT.search(q) or _MORE.search(q)) or (self.cues.has("follow_up") and not self.cues.topics)
        if referenced is None and not generic:
            return None
        target = referenced or self._last_said()
        if target is None:
            # "how did that turn out?" after nothing that could turn out: ask which part
            return "Sorry, which part do you mean?" if _TURN_OUT.search(q) and self.previous else None
        lead = (f"Right, {what}. " if referenced and what and len(what.split()) <= 6 else
                FOLLOW_UP_LEADS[self.n % len(FOLLOW_UP_LEADS)])
        story = self._story_of(target) if target.kind == "story" else None
        if story is not None and _TURN_OUT.search(q) and story.lesson and story.lesson not in self.said:
            return f"{lead}Here's what I took from it. {self._take(story.lesson)}"
        about = f"{what} {q}" if what else f"{target.text} {q}"
        asked = self._asked_after_reference()
        if referenced is not None and asked:
            # "You mentioned the travel - how do you manage it long-term?": the question asked, about
            # what they mentioned, answered from whatever they have that speaks to both
            # a question with words of its own leads ("how do you manage that travel long-term?");
            # one without ("what is it used for?") is about what they mentioned
            topics = {target.topic} | self._topics_of(asked)
            own_words = {w for w in features(asked) if "_" not in w} - _COMMON_WORDS - _PLAIN_VERBS
            searches = [(asked, topics), (what, topics)] if len(own_words) >= 2 else []
            searches += [(what, {target.topic}), (what, set(TOPIC_TITLES)), (f"{what} {asked}", set(TOPIC_TITLES))]
            best = next((found for about_, where in searches if (found := self._nearest_unsaid(about_, where))), None)
            if best is not None:
                story = self._story_of(best) if best.kind == "story" else None
                return lead + (self._story(story) if story is not None else self._take(best.text))
        stories = self._stories(target.topic, about)
        if stories and (generic or target.kind == "passage"):
            return f"{lead}{self._story(stories[0])}"
        passages = self._passages(target.topic, about)
        if passages:
            return lead + self._take(passages[0])
        return None

    def _asked_before(self) -> int:
        """How often this very question was asked before in the conversation."""
        mine = " ".join(re.findall(r"[a-z0-9']+", cues.normalise(self.question)))
        return sum(1 for t in self.turns[:-1] if t.speaker == "user"
                   and " ".join(re.findall(r"[a-z0-9']+", cues.normalise(t.text))) == mine)

    def _mentioned(self, what: str) -> bool:
        """Whether anything said so far has the words of ``what`` (or most of them)."""
        words = {w for w in features(what.replace("-", " ")) if "_" not in w} - _COMMON_WORDS
        said = set(features(self.said.replace("-", " ")))
        return not words or len(words & said) * 2 >= len(words)

    def _asked_after_reference(self) -> str:
        """The question that follows a back-reference ("You mentioned X - <this>?"), if it is one."""
        m = _REFERENCE.search(self.question)
        if not m:
            return ""
        rest = self.question[m.end():].lstrip(" \t,.;:!?—–-")
        words = re.findall(r"[A-Za-z']{3,}", rest)
        return rest if len(words) >= 3 else ""

    def _topics_of(self, text: str) -> set[str]:
        g = guess(text, self.persona)
        if not g.topic or g.confidence < AT_ALL:
            return set()
        return {g.topic} | ({g.runner_up} if g.runner_up and g.confidence < SURE else set())

    def _nearest_unsaid(self, about: str, topics: set[str]) -> PersonaText | None:
        for found in self.index.search(about):
            if found.topic in topics and found.similarity >= 0.08:
                text = found.text.split(". ", 1)[-1] if found.kind == "story" else found.text
                if not self._was_said(text):
                    return found
        return None

    # -- social moves --------------------------------------------------------------------------------

    def _referral(self) -> str:
        referrals = self.persona.referrals
        fresh = [r for r in referrals if r.name not in self.said]
        if not fresh:
            names = " or ".join(r.name for r in referrals)
            return f"Besides {names}, I'd look at the professional association in the field; their events are a good place to meet people."
        # "someone who did alt licensure too": the one whose role and reason fit what was asked
        asked = set(features(self.question)) - _COMMON_WORDS - _PLAIN_VERBS
        fit = {r.name: len(asked & set(features(f"{r.role} {r.why}"))) for r in fresh}
        pick = max(fresh, key=lambda r: (fit[r.name], -fresh.index(r)))
        wish = re.search(r"\b(?:some|any)(?:one|body) (?:who|that|with|from|in)\b", self.question, re.I)
        if wish and fit[pick.name] == 0:
            # "someone who came in without a PhD", and nobody they know did: say so, then suggest
            return (f"Nobody comes to mind who fits that exactly, but you should talk to {pick.name}; {_who(pick)}. {pick.why}"
                    f" Tell {pick.object} I sent you, and I'll give {pick.object} a heads-up.")
        return (f"You should talk to {pick.name}; {_who(pick)}. {pick.why} Tell {pick.object} I sent you,"
                f" and I'll give {pick.object} a heads-up.")

    def _employer_fact(self, which: str) -> str:
        employer = self.persona.employer
        norm = cues.normalise(self.question)
        facts = {
            "description": employer.description,
            "size": f"We're {employer.size}.",
            "founded": f"It was founded in {employer.founded}.",
            "headquarters": f"Headquarters is {employer.headquarters}.",
            "public_facts": (employer.public_facts[0] + ".") if employer.public_facts else employer.description,
        }
        fact = facts[which]
        if "office" in norm:
            fact = f"We're {employer.size}, headquartered in {employer.headquarters}."
        peeve = any(re.search(r"website|careers page|look up|search|googl|public", p, re.I) for p in self.persona.manner.pet_peeves)
        nudge = GOOGLEABLE_NUDGE[self.temperament] if peeve or self.temperament != "warm" else GOOGLEABLE_NUDGE["warm"]
        return f"{fact} {nudge}"

    def _public_profile(self) -> str:
        profile = self.persona.public_profile
        if self.cues.profile_line:  # the line of their profile that answers it
            yes = "Yes. " if self.cues.kind == "closed" and re.match(r"(?i)\W*(?:so |and )?(?:did|were|was|have|are|is|do)\b",
                                                                      self.cues.text) else ""
            return f"{yes}{PROFILE_NUDGE[self.temperament]} {self.cues.profile_line.rstrip('.')}."
        if not profile:
            return f"I've been in the role {self.persona.years_in_role} years and in the field {self.persona.years_in_field}."
        norm = self.cues.text.lower()
        if re.search(r"school|study|studied|degree|major|college|university|graduate|undergrad", norm):
            picks = [f for f in profile if SCHOOL_WORDS.search(f)] or profile[:1]
        else:
            picks = [f for f in profile if not SCHOOL_WORDS.search(f)][-2:] or profile[-1:]
        return f"{PROFILE_NUDGE[self.temperament]} {'; '.join(picks)}."

    def _time_answer(self, asked: bool = False) -> str:
        phase = self.clock.phase
        if phase == "on_time":
            left = max(1, round(self.clock.remaining_minutes))
            fine = f"We're fine, we have about {spoken.minutes(left)}."
            return fine + (" Go ahead." if asked else "")
        if phase == "nearly_up" and asked and not self._said_line("time_nearly_up"):
            return self.say("time_nearly_up")
        if phase == "nearly_up" and asked:
            left = max(1, round(self.clock.remaining_minutes))
            return f"About {spoken.minutes(left)}, so one or two more questions."
        if phase != "nearly_up" and asked and self._said_line("time_up"):
            return "Make it a quick one." if self.persona.manner.strict_about_time else "Sure, one more is fine."
        if phase != "nearly_up" and asked and not self.persona.manner.strict_about_time:
            return f"{self.say('time_up')} But one more is fine."
        if phase == "nearly_up":
            return self.say("time_nearly_up")
        return self.say("time_up")

    def _goodbye(self) -> str:
        """Their goodbye line once; after that, a short one (nobody says the same farewell twice)."""
        line = self.say("goodbye")
        if line[:40] not in self.said:
            return line
        return self._fresh(AGAIN_GOODBYE[self.temperament]) or AGAIN_GOODBYE[self.temperament][-1]

    def _time_signal(self) -> str | None:
        """The persona's own time remark, once per threshold, like a real person watching the clock."""
        phase = self.clock.phase
        if phase == "nearly_up" and not self._said_line("time_nearly_up"):
            return self.say("time_nearly_up")
        if phase in ("up", "over") and not self._said_line("time_up"):
            return self.say("time_up")
        return None

    def _welcome(self) -> str:
        """The first reply: the greeting was said when the meeting opened, so this meets the visitor."""
        name = cues.introduced_name(self.question)
        if not any(t.speaker == "persona" for t in self.turns):  # an interview begun before greetings were said first
            return self.say("greeting")
        return f"Nice to meet you, {name}." if name else "Nice to meet you."

    # -- the reply ---------------------------------------------------------------------------------

    def compose(self) -> str:
        c = self.cues
        job, referral = c.has("job_request"), c.has("referral_request")
        closed = c.kind == "closed"
        strict = self.persona.manner.strict_about_time
        if self.clock.past_leaving(strict) and self._said_line("time_up"):
            return f"{LEAVING} {self.say('goodbye')}"

        parts: list[str] = []
        first_turn = self.n == 1
        if first_turn and (c.greeting or c.has("introduction")):
            parts.append(self._welcome())

        answered = False
        if job:
            parts.append(self.say("on_job_request"))
            answered = True
        if referral:
            parts.append(self._referral())
            answered = True
        if answered:
            pass
        elif c.public_profile:
            parts.append(self._public_profile())
            answered = True
        elif c.employer_fact:
            parts.append(self._employer_fact(c.employer_fact))
            answered = True
        elif c.is_question and _ASKS_ABOUT_TIME.search(self.question) and len(self.question.split()) <= 16:
            parts.append(self._time_answer(asked=True))
            answered = True
        elif c.is_question and _ASKS_TO_KEEP_IN_TOUCH.search(self.question) and cues.STAY_IN_TOUCH.search(cues.normalise(self.question)):
            parts.append(STAY_IN_TOUCH_YES[self.temperament])
            if c.has("gratitude") or c.farewell:
                parts.append(self._goodbye())
            answered = True
        elif c.is_question and self._asked_before() >= 2:
            parts.append(COVERED[self.temperament])
            answered = True
        elif c.is_question:
            follow = self._follow_up()
            if follow is not None:
                parts.append(follow)
                answered = True
            else:
                answered = self._answer_question(parts, closed)
        elif first_turn and c.has("introduction"):
            # an introduction that says what they are curious about gets an answer to that
            topic = guess(self.question, self.persona)
            if topic.topic and topic.confidence >= SURE and c.topics:
                parts.append(self._open_answer(topic.topic, self.question))
                answered = True
        thanks = c.has("gratitude")
        if not answered and c.has("time_ack") and not (thanks or c.farewell):
            parts.append(self._time_answer())
            answered = True
        if not answered and (thanks or (c.farewell and not c.is_question)) and not first_turn:
            parts.append(self._goodbye())
            answered = True
        if not answered and not parts:
            parts.append(ACKNOWLEDGE[self.temperament])
        elif not answered and first_turn and not c.is_question:
            parts.append(INVITE[self.temperament])

        closing = (thanks or c.farewell) and not c.is_question
        signal = self._time_signal()
        if signal and signal not in parts and not closing:
            parts.append(signal)
        return self._assemble(parts)

    def _assemble(self, parts: list[str]) -> str:
        """The reply as said: no sentence said twice (in this reply or earlier), and a question back
        to the visitor at the end, where a person would pause for the answer."""
        sentences_out: list[str] = []
        seen = {x.strip() for x in sentences(self.said) if len(x.split()) >= 6}
        for part in parts:
            for sentence in sentences(part.strip()):
                key = sentence.strip()
                if len(key.split()) >= 6 and key in seen:
                    continue
                seen.add(key)
                sentences_out.append(key)
        backs = [x for x in sentences_out if x in QUESTIONS_BACK.values()]
        body = [x for x in sentences_out if x not in QUESTIONS_BACK.values()]
        text = " ".join(body + backs[:1])
        return text or " ".join(p.strip() for p in parts if p.strip())

    def _answer_question(self, parts: list[str], closed: bool) -> bool:
        """Answer from the topic the question is most likely about; hedge when unsure."""
        g = guess(self.question, self.persona)
        if g.topic is None or g.confidence < AT_ALL:
            if not self._has_content():
                parts.append(CLARIFY[self.temperament])
                return True
            if g.topic is None:
                parts.append(CLARIFY[self.temperament])
                return True
            # something to go on, but not much: check, specifically, with the two nearest readings
            other = HEDGES.get(g.runner_up or "", "how I got into this")
            parts.append(f"Do you mean {HEDGES[g.topic]}, or {other}? Let me start with {HEDGES[g.topic]}.")
            parts.append(self._answer(g.topic, self.question, closed))
            return True
        opener = self._opener() if not parts and not closed else ""  # a yes/no question gets its answer straight
        if _ASKS_FOR_STORY.search(self.question) and not closed:
            # "Tell me about a time a client pushed back": the story that fits best, whatever its topic
            fits = [f for f in self.index.search(self.question) if f.kind == "story" and not self._was_said(f.text.split(". ", 1)[-1])]
            in_topic = next((f.similarity for f in fits if f.topic == g.topic), 0.0)
            if fits and fits[0].topic != g.topic and fits[0].similarity >= 0.1 and fits[0].similarity > in_topic + 0.05:
                g = TopicGuess(fits[0].topic, max(g.confidence, SURE), g.topic, g.signals)
        story_asked = bool(_ASKS_FOR_STORY.search(self.question)) and bool(self._stories(g.topic, self.question))
        if g.confidence < SURE and not closed and not story_asked:
            opener = f"If you mean {HEDGES[g.topic]}, here's how I see it. "
        topics = [g.topic]
        second = [t for t in self.cues.topics if t != g.topic][:1]  # a question about two things gets both
        topics += second
        for i, topic in enumerate(topics):
            parts.append(self._answer(topic, self.question, closed if i == 0 else True, lead=opener if i == 0 else ""))
        return True

    def _has_content(self) -> bool:
        words = re.findall(r"[a-z]{3,}", cues.normalise(self.question))
        return len(words) >= 2

    def _opener(self) -> str:
        options = OPENERS[self.temperament]
        return options[self.n % len(options)] + " " if self.n % 2 == 0 else ""
