"""Their side of the coffee, made offline: the professional's private impression of the meeting.

Written from what the rubric found (its evidence already ties every point to a turn) and from the
persona: temperament sets the voice (warm, busy, reserved), talkativeness the length (three or four
sentences), ``strict_about_time`` how much an over-run matters, and the pet peeves what gets under
their skin — a peeve is matched to what happened by its own words, so a new persona's peeves work
too. Only the few turns it quotes are read closely, so a 500-turn transcript stays fast.

Deterministic: the same transcript always gives the same words. Where a voice has more than one
way to say a thing, the choice is keyed to the conversation's own words, not to chance.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coffeechat.core import cues, spoken
from coffeechat.core.clock import GRACE_MINUTES, count_words, minutes_over_before_leaving
from coffeechat.core.followup import suggested_colleague
from coffeechat.core.persona import Persona, Temperament
from coffeechat.core.rubric.classify import classify, stem
from coffeechat.core.rubric.report import ScoreReport
from coffeechat.core.rubric.score import quote as cut, unfounded_follow_ups
from coffeechat.core.their_side import Moment, TheirSide
from coffeechat.core.transcript import Transcript

MOMENT_QUOTE_CHARS = 120  # a moment's quote, cut at a word
SPOKEN_QUOTE_CHARS = 70  # a quote inside the impression: short enough to say in one breath
MAX_MOMENTS = 4
COLLEAGUE_CHARS = 200  # as TheirSide holds it
NOTE_CHARS = 300  # as Moment holds it
IMPRESSION_CHARS = 1500  # as TheirSide holds it
PEEVE_CHARS = 150  # a peeve as said in a note or the impression (a persona may write a long one)

# -- what happened ------------------------------------------------------------------------------

# The rubric's evidence notes read here, as rubric/score.py writes them.
_GOOGLEABLE = ("a quick search answers this", "their public profile says")
_PROFILE_SAYS = re.compile(r'^their public profile says "(.*)"$')
_PERSONAL = "asks about their own experience"
_CLOSED = "closed:"
_FOLLOW_UP = ("picks up what they said", "refers back to their answer")
_REFERRAL_ASK = "asks who else to talk to"
_THANKS = "thanks them at the end"
_NO_THANKS = "your last words: no thanks"
_JOB_ASK = "asks for a job"
_TIME_ACK = "acknowledges the time"
_TIME_SIGNAL = "they signal the time"
_LATE = "another question after they signalled the time"
_INTRODUCES = "introduces yourself"

# Said to someone's face, this ends the goodwill: an insult or a dismissal, not a hard question
# ("Is the work ever boring?" is a fair thing to ask).
_RUDE = re.compile(
    r"\b(?:this|that|you(?:'re| are)|your (?:job|work|answers?|stories)|it)\s+(?:is\s+|was\s+|'s\s+|sounds?\s+|seems?\s+)?"
    r"(?:so\s+|really\s+|pretty\s+|kind of\s+|super\s+)?(?:boring|pointless|useless|stupid|dumb|lame)\b"
    r"|\b(?:shut up|who cares|waste of my time|(?:this|that) (?:is|was) a waste of time|"
    r"(?<!i'll )(?<!let me )(?<!to )get to the point(?! (?:where|when|of))|hurry up|just answer the question|idiots?|wtf)\b"
    r"|^\W*whatever\W*$", re.I)
_LONG_OPENING_WORDS = 60  # an opening past this is a speech, not an introduction
_LONG_QUESTION_WORDS = 40
_LONG_TURN_WORDS = 40  # a turn this long, when they did most of the talking, is remembered


@dataclass
class _Facts:
    """What happened in the meeting, as the professional would remember it: turn numbers (1-based
    positions in the transcript) of the visitor's turns that mattered."""

    t: Transcript
    users: list[int]
    questions: int
    english: bool = True
    job_asks: list[int] = field(default_factory=list)
    googleable: list[int] = field(default_factory=list)
    profile_lines: dict[int, str] = field(default_factory=dict)  # googleable turns their profile answers: the line
    personal: list[int] = field(default_factory=list)
    closed: list[int] = field(default_factory=list)
    follow_ups: list[int] = field(default_factory=list)
    referral_ask: int | None = None
    thanks: int | None = None
    no_thanks: int | None = None
    opening: int | None = None  # a full opening: who they are and why they came
    vague: int | None = None  # an opening that never said why they came
    first_work_question: int | None = None  # the first question about the work itself
    long_opening: int | None = None
    longest: int | None = None  # their longest turn, when they did too much of the talking
    time_assessed: bool = False
    over: float = 0.0  # minutes past the agreed length
    signal: int | None = None  # the professional's turn that signalled the time
    late: list[int] = field(default_factory=list)  # questions after that signal
    time_ack: int | None = None
    left: bool = False
    rude: list[int] = field(default_factory=list)
    open_share: float = 0.0
    user_share: float = 0.0

    def text(self, number: int) -> str:
        return self.t.turns[number - 1].text

    def is_user(self, number: int) -> bool:
        return 1 <= number <= len(self.t.turns) and self.t.turns[number - 1].speaker == "user"

    def previous_reply(self, number: int) -> str | None:
        """What the professional said just before the visitor's turn ``number``."""
        for turn in reversed(self.t.turns[: number - 1]):
            if turn.speaker == "persona":
                return turn.text
        return None

    def early(self, number: int) -> bool:
        """Early in the meeting: among the first things they said, or before any question about the work."""
        return (number in self.users[:3]) or self.first_work_question is None or number < self.first_work_question


def _english(t: Transcript, users: list[int]) -> bool:
    """Whether the visitor spoke English, which the rubric reads: judged on a few of their longer turns."""
    sample = [n for n in users if count_words(t.turns[n - 1].text) >= 3][:3]
    unread = [n for n in sample if any(s.startswith("not read") for s in classify(t.turns[n - 1].text).signals)]
    return not sample or len(unread) < len(sample)


def _read(t: Transcript, report: ScoreReport) -> _Facts:
    users = [n for n, turn in enumerate(t.turns, 1) if turn.speaker == "user"]
    f = _Facts(t=t, users=users, questions=int(report.stats.get("questions", 0)))
    f.open_share = report.stats.get("open_share", 0.0)
    f.user_share = report.stats.get("user_word_share", 0.0)

    def turns(key: str, note: str | tuple[str, ...]) -> list[int]:
        """The user turns the rubric cites under ``key`` with a note that starts with ``note``."""
        try:
            evidence = report.criterion(key).evidence
        except KeyError:
            return []
        found = [e.turn for e in evidence if e.note.startswith(note) and f.is_user(e.turn)]
        return list(dict.fromkeys(found))

    f.english = _english(t, users)
    f.job_asks = turns("no_job_ask", _JOB_ASK)
    f.googleable = turns("insight", _GOOGLEABLE)
    try:
        f.profile_lines = {e.turn: m.group(1) for e in report.criterion("insight").evidence
                           if (m := _PROFILE_SAYS.match(e.note)) and f.is_user(e.turn)}
    except KeyError:
        pass
    personal = turns("insight", _PERSONAL)
    f.googleable += [n for n in personal if _asks_what_they_do(f.text(n), t.persona.employer.name)]
    f.personal = [n for n in personal if n not in f.googleable]
    f.closed = turns("open_questions", _CLOSED)
    # the rubric does not count a follow-up they had to set straight ("I don't think I mentioned…");
    # nor is such a question a personal one worth their praise
    corrected = unfounded_follow_ups(t, report)
    f.follow_ups = turns("listening", _FOLLOW_UP)
    f.personal = [n for n in f.personal if n not in corrected]
    f.referral_ask = next(iter(turns("closing", _REFERRAL_ASK)), None)
    f.thanks = next(iter(turns("closing", _THANKS)), None)
    f.no_thanks = next(iter(turns("closing", _NO_THANKS)), None)
    opening = report.criterion("opening") if any(c.key == "opening" for c in report.criteria) else None
    if opening is not None and opening.score >= 100:
        f.opening = next(iter(turns("opening", _INTRODUCES)), None)
    elif opening is not None and users and "why" in opening.summary:
        f.vague = users[0]
    covered = turns("coverage", "covers")
    f.first_work_question = min(covered) if covered else None
    if users and count_words(f.text(users[0])) > _LONG_OPENING_WORDS:
        f.long_opening = users[0]
    elif len(users) > 1 and count_words(f.text(users[1])) > _LONG_QUESTION_WORDS:
        f.long_opening = users[1]
    longest = max(users, key=lambda n: count_words(f.text(n))) if users else None
    if f.user_share > 0.4 and longest is not None and count_words(f.text(longest)) >= _LONG_TURN_WORDS:
        f.longest = longest
    f.rude = [n for n in users if _RUDE.search(cues.normalise(f.text(n)))][:MAX_MOMENTS]
    _read_time(f, report, turns)
    return f


def _read_time(f: _Facts, report: ScoreReport, turns: Callable[[str, str], list[int]]) -> None:
    """The clock: how far over, when they signalled the time, and what was asked after it."""
    t = f.t
    agreed = t.settings.agreed_minutes
    f.over = t.spoken_seconds / 60 - agreed
    time = next((c for c in report.criteria if c.key == "time_keeping"), None)
    f.time_assessed = bool(time and time.assessed)
    if time is not None:
        f.signal = next((e.turn for e in time.evidence if e.note.startswith(_TIME_SIGNAL)), None)
    f.late = turns("time_keeping", _LATE)
    f.time_ack = next(iter(turns("time_keeping", _TIME_ACK)), None)
    f.left = t.they_left
    if not f.late and f.over > GRACE_MINUTES:
        # well over, yet no second question after the signal: the first one asked past it (or past the time)
        after = f.signal or 0
        f.late = [n for n in f.users if n > after and "?" in f.text(n)
                  and (f.signal or t.turns[n - 1].spoken_start > agreed * 60)][:1]


# -- pet peeves, matched by their words ----------------------------------------------------------

_JOB_PEEVE = re.compile(r"\bjob ask\b|\b(?:ask\w*|get)\b[^.;:]{0,25}?\b(?:an? |for an? |them |you |someone )[\w ]{0,12}?\b(?:job|hired|interview)\b"
                        r"|\bhired\b|\b(?:resume|résumé|cv)\b|\bopenings?\b|\bopen (?:role|position)s?\b", re.I)
_REFERRAL_PEEVE = re.compile(r"\b(?:refer|referral|referrals|introduce (?:you|them|someone|people)|introductions? to)\b", re.I)
_EARLY_PEEVE = re.compile(r"\bbefore\b|\bfirst (?:few )?minutes?\b|\bright away\b|\bstraight away\b", re.I)
_SEARCHABLE_PEEVE = re.compile(r"\b(?:website|site|press|articles?|annual report|careers page|blog|posting|postings|google|search|"
                               r"linkedin|profile|already answers|answers|lists)\b", re.I)
_TIME_PEEVE = re.compile(r"\b(?:go(?:es|ing)?|run(?:s|ning)?|ran|went) (?:over|long)\b|\bover time\b|\bovertime\b|\bhard stop\b|\boverrun", re.I)
_RAMBLING_PEEVE = re.compile(r"\brambl\w*|\blong[- ]winded\b|\bmonologues?\b|\blong introductions?\b|\bfirst minute\b", re.I)
# A phrase a peeve quotes: 'give back', "to help people" (an apostrophe inside a word does not end it).
_QUOTED = re.compile(r"(?<!\w)'((?:[^']|(?<=\w)'(?=\w)){3,80})'(?!\w)|\"([^\"]{3,80})\"|‘([^’]{3,80})’|“([^”]{3,80})”")
_PEEVE_WORD = re.compile(r"[A-Za-z](?:[\w'-]*\w)?")
_TERM = re.compile(r"^(?:[A-Z][a-z]*[A-Z]\w*|[A-Z]{2,}\w*)$")  # LeetCode, PM, USAJOBS
# Words that say nothing about which peeve it is: how any peeve is worded, and any talk about work.
_PEEVE_STOP = frozenset("""a an the and or but of to in on at for with by from as is are was were be been being it its this that
    these those i you we they he she him her his hers their them me my your our who whom which what when where why how
    if than then so not no any all some about into out up over just only very really also there here can could would
    should will do does did done has have had having get gets got people person someone somebody anyone asking asked
    ask asks question questions idea think thinks thing things like whole one way still even every most mostly more
    before after anything everything nothing know knows first few minute minutes want wants need needs never say says
    try tried you've that's it's during instead going day days over
    answer answers answered already website site page front blog report annual press article articles posting postings
    lists list search google""".split())  # the last two lines: where a peeve says the answer is, not what was asked
_COMMON_WORK = frozenset(stem(w) for w in """job jobs work working company companies firm team role roles time day days week make
    makes made use uses used know want wants need needs say says new first become good great""".split())


def _root(word: str) -> str:
    """A word as peeves and questions are compared: stemmed, with a final "e" dropped (office ~ offices)."""
    return stem(word).rstrip("e") or word.lower()


_STOP_ROOTS = frozenset(_root(w) for w in _PEEVE_STOP)


def _roots(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of ``text`` that could tell one peeve from another, as roots, less those in ``drop``."""
    return frozenset(r for w in _PEEVE_WORD.findall(text) if w.lower() not in _PEEVE_STOP and len(w) > 1
                     and (r := _root(w)) not in drop and r not in _STOP_ROOTS)


@dataclass(frozen=True)
class _Peeve:
    text: str
    kinds: frozenset[str]
    roots: frozenset[str]
    phrases: tuple[str, ...]
    terms: frozenset[str]

    @classmethod
    def read(cls, text: str, persona: Persona) -> _Peeve:
        kinds = {kind for kind, rx in (("job", _JOB_PEEVE), ("referral", _REFERRAL_PEEVE), ("early", _EARLY_PEEVE),
                                       ("searchable", _SEARCHABLE_PEEVE), ("time", _TIME_PEEVE), ("rambling", _RAMBLING_PEEVE))
                 if rx.search(text)}
        if "job" in kinds:
            kinds.discard("searchable")  # "…in a first conversation", not a fact to look up
        phrases = tuple(cues.normalise(next(g for g in m.groups() if g)).strip(" .?!,") for m in _QUOTED.finditer(text))
        return cls(text=text, kinds=frozenset(kinds), roots=_roots(text, _their_own_words(persona)),
                   phrases=tuple(p for p in phrases if len(p.split()) >= 2),
                   terms=frozenset(w.lower() for w in _PEEVE_WORD.findall(text) if _TERM.match(w)))

    def said_in(self, text: str, drop: frozenset[str], loose: bool = False) -> int:
        """How plainly ``text`` does what the peeve names, by its words: 0 when it does not; a phrase
        the peeve quotes, a term of it and another word, or two of its words (one uncommon) count.
        ``loose``: one uncommon word is enough (a closed question of a fact the peeve names: "Which
        offices do you have?" for "…which offices it has…")."""
        norm = cues.normalise(text)
        if any(p in norm for p in self.phrases):
            return 10
        shared = self.roots & _roots(text, drop)
        uncommon = shared - _COMMON_WORK
        said_terms = {w.lower() for w in _PEEVE_WORD.findall(text)} & self.terms
        if said_terms and len(shared) >= 2:
            return 5 + len(shared)
        if (len(shared) >= 2 or loose) and uncommon:
            return len(shared) + len(uncommon)
        return 0


def _their_own_words(persona: Persona) -> frozenset[str]:
    """Their name, their employer's and their role's: shared by everything said to them, so no sign of a peeve."""
    return frozenset(_root(w) for w in _PEEVE_WORD.findall(f"{persona.name} {persona.employer.name} {persona.role} {persona.industry}"))


# Peeves about something done (asking for a job, running over), known from what the rubric found,
# never from a turn that merely uses their words ("How does recruiting read a resume?").
_DONE_NOT_SAID = frozenset({"job", "referral", "early", "time", "rambling"})


@dataclass(frozen=True)
class _Hit:
    peeve: _Peeve
    turn: int
    kind: str  # job, early, searchable, time, rambling, words


def _peeve_hits(f: _Facts, over_run: int | None) -> list[_Hit]:
    """Each pet peeve matched to the turn that did what it names, if any: one turn per peeve."""
    p = f.t.persona
    drop = _their_own_words(p)
    hits: list[_Hit] = []
    used: set[int] = set()

    def best(candidates: Sequence[int], peeve: _Peeve, need_words: bool = False, loose: bool = False) -> int | None:
        scored = [(peeve.said_in(f.text(n), drop, loose), -i, n) for i, n in enumerate(candidates) if n not in used]
        scored = [s for s in scored if s[0] > 0 or not need_words]
        return max(scored)[2] if scored else None

    for text in p.manner.pet_peeves:
        peeve = _Peeve.read(text, p)
        turn, kind = None, ""
        if "job" in peeve.kinds and f.job_asks:
            # "…in the first few minutes": only an ask that early is what the peeve names
            asks = [n for n in f.job_asks if f.early(n)] if "early" in peeve.kinds else f.job_asks
            turn, kind = (best(asks, peeve), "job") if asks else (None, "")
        elif "time" in peeve.kinds and over_run is not None:
            turn, kind = over_run, "time"
        elif "rambling" in peeve.kinds and f.long_opening is not None:
            turn, kind = f.long_opening, "rambling"
        elif "referral" in peeve.kinds:
            asks = [n for n in (*f.job_asks, f.referral_ask) if n is not None]
            if "early" in peeve.kinds:
                asks = [n for n in asks if f.early(n)]
            turn, kind = (best(asks, peeve), "early" if "early" in peeve.kinds else "job") if asks else (None, "")
        elif "searchable" in peeve.kinds:
            turn = best(_employer_facts(f, peeve), peeve) or best(f.closed, peeve, need_words=True, loose=True)
            kind = "searchable"
        if turn is None and not peeve.kinds & _DONE_NOT_SAID:  # a peeve about something said: a turn that says it
            turn, kind = best(f.users, peeve, need_words=True), "words"
        if turn is not None and turn not in used:
            used.add(turn)
            hits.append(_Hit(peeve, turn, kind))
    return hits


# The facts about an employer a peeve speaks of, by its words, as the rubric names them (cues.EMPLOYER_FACTS).
_FACT_WORDS = {
    "description": re.compile(r"\bwhat (?:the (?:firm|company|organi[sz]ation|agency|employer|nonprofit)|[A-Z][\w&]*(?: [A-Z][\w&]*)*) does\b"),
    "size": re.compile(r"\b(?:number of|how many|size|headcount|employees|staff)\b", re.I),
    "founded": re.compile(r"\b(?:founded|history|how old)\b", re.I),
    "headquarters": re.compile(r"\b(?:offices?|headquarters|based)\b", re.I),
    "public_facts": re.compile(r"\b(?:raised|funding|revenue|clients|customers|states|mission|ceo|budget|works with|offices?)\b", re.I),
}


def _employer_facts(f: _Facts, peeve: _Peeve) -> list[int]:
    """The googleable questions a peeve about looking things up covers: a fact about the employer of
    the kind the peeve names (what the firm does, its offices, its funding), or a question about
    their own background when the peeve speaks of a profile."""
    about_profile = re.search(r"\b(?:profile|linkedin|background|résumé|resume)\b", peeve.text, re.I)
    facts = {key for key, rx in _FACT_WORDS.items() if rx.search(peeve.text)}
    drop = _their_own_words(f.t.persona)
    found = []
    for n in f.googleable:
        c = classify(f.text(n))
        if (c.public_profile and about_profile) or (c.employer_fact in facts) or peeve.said_in(f.text(n), drop):
            found.append(n)
    return found


def _asks_what_they_do(text: str, employer: str) -> bool:
    """"What does Federal Transit Administration, Region 8 do?": the employer named in full, which
    the rubric's pattern (one run of capitalised words) can miss."""
    name = re.escape(employer.split(",")[0].strip())
    return bool(re.search(rf"\bwhat (?:does|do|did) (?:the )?{name}\b[^?]*\b(?:do|make|sell|offer|build)\b", text, re.I))


# -- the words they would use ----------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _sentence(text: str, wanted: Callable[[str], bool] | None = None) -> str:
    """The sentence of a turn worth quoting: the one ``wanted`` picks, else its first question, else the whole turn."""
    sentences = [s for s in _SENTENCE.split(" ".join(text.split())) if s]
    if wanted is not None:
        chosen = next((s for s in sentences if wanted(cues.normalise(s))), None)
        if chosen:
            return chosen
    return next((s for s in sentences if s.endswith("?")), " ".join(sentences) or text)


def _asks_for_a_job(norm: str) -> bool:
    return bool(cues.JOB_REQUEST.search(norm) or cues.EMPLOYER_HIRING.search(norm))


def _said(text: str, limit: int = SPOKEN_QUOTE_CHARS) -> str:
    """Words of a turn as quoted aloud in the impression: short, in double quotes, no full stop inside."""
    words = cut(text, limit).replace('"', "'").rstrip(". ")
    return f'"{words}"'


_MENTIONED = re.compile(
    r"\b(?:you (?:mentioned|said|talked about|brought up|described|spoke about|were saying)|earlier you (?:said|mentioned)|"
    r"(?:going )?back to what you said about)\s+(?:that\s+|about\s+)?(?P<what>[^?.!;:,–—]+)", re.I)
_PHRASE_END = re.compile(
    r"\s(?:-+|that|which|who|where|when|and|but|so|because|is|are|was|were|has|have|had|can|could|will|would|should|does|do|"
    r"did|made|makes|means|matters|sounds|seems|how|what|why|in your|at your)\b.*$", re.I)
_DASH = re.compile(r"\s+[-–—]+\s*|\s*[–—]\s*")
_TRAILING = re.compile(r"(?:\s+(?:the|a|an|of|to|and|with|for|in|on|at|your|my|about|as))+$", re.I)


def picked_up(question: str, reply: str | None) -> str | None:
    """What a follow-up question takes from the answer before it, in the visitor's words: "the
    scheduler module" from "You mentioned the scheduler module that nobody…", else the specific
    words it shares with the answer ("PostGIS"); None when neither can be told."""
    m = _MENTIONED.search(question)
    if m:
        what = _DASH.split(m.group("what"))[0]
        what = _TRAILING.sub("", _PHRASE_END.sub("", " " + what.strip()).strip())
        if what and len(what.split()) <= 6 and what.lower() not in ("it", "that", "this", "earlier"):
            return what
    if reply:
        # a word the rubric saw picked up counts only if it says something: not "If" after a quote
        links = [link for link in classify(question, reply).builds_on
                 if len(link) > 2 and not set(link.lower().split()) <= _PEEVE_STOP][:2]
        said = [re.search(r"\b" + re.escape(link).replace(r"\ ", r"\s+") + r"\b", question, re.I) for link in links]
        words = [s.group(0) for s in said if s]
        if words:
            return " and ".join(words)
    return None


def _in_their_voice(phrase: str) -> str:
    """The visitor's words about the professional's things, as the professional says them ("your team" → "my team")."""
    return re.sub(r"\byour\b", "my", re.sub(r"\byours\b", "mine", phrase))


_VERB_BASE = {"has": "have", "is": "am", "does": "do", "goes": "go", "was": "was"}
_OBJECT_AFTER = frozenset("anything something to for about if what how why and or a an the that this before after in on at with".split())


def _base(verb: str) -> str:
    """A verb after "he"/"she" as it goes after "I": wants → want, has → have, tries → try."""
    low = verb.lower()
    if low in _VERB_BASE:
        return _VERB_BASE[low]
    if low.endswith("ies") and len(low) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", low):
        return verb[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return verb[:-1]
    return verb


def peeve_in_first_person(peeve: str, persona: Persona) -> str:
    """A pet peeve as they would say it themselves: "he wants your question" → "I want your
    question", "asking her anything" → "asking me anything", "her unit" → "my unit". Left as written
    for they/them, where "they" could be anyone in the sentence."""
    text = cut(peeve.strip(), PEEVE_CHARS).rstrip(".")
    subject = persona.pronouns.split("/")[0].strip().lower()
    forms = {"he": ("him", "his"), "she": ("her", "her")}.get(subject)
    if forms is not None:
        obj, possessive = forms
        text = re.sub(rf"\b{subject} (\w+)", lambda m: "I " + _base(m.group(1)), text, flags=re.I)
        text = re.sub(r"(\bI \w+(?: [\w']+){0,6}? and) (has|is|does|\w+[^s\W]s)\b", lambda m: f"{m.group(1)} {_base(m.group(2))}", text)

        def pronoun(m: re.Match[str]) -> str:
            word, after = m.group(1), m.group(2) or ""
            if word.lower() == possessive and (word.lower() != obj or (after and after.lower() not in _OBJECT_AFTER)):
                return "my" + (f" {after}" if after else "")
            return "me" + (f" {after}" if after else "")
        text = re.sub(rf"\b({obj}|{possessive})\b(?: (\w+))?", pronoun, text, flags=re.I)
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first != "I" and (len(first) == 1 or first[1:].islower()):  # not "PM", "USAJOBS"
        text = text[0].lower() + text[1:]
    return text


_WHERE = (
    re.compile(r"\b(on|in) ((?:the|every|our|its|their) [\w' -]{0,30}(?:website|site|page|report|articles?|blog|postings?|profile))\b", re.I),
    re.compile(r"\b((?:the|our|its) [\w' -]{0,24}(?:website|site|page|report|blog|posting|profile))\b (?:already )?(?:answers|lists|covers|says)", re.I),
    re.compile(r"\b([A-Z][\w.]+) (?:already )?answers\b"),
)
_IN = ("report", "article", "articles", "posting", "postings")  # in a report, on a page


def _where_it_is(peeve: str, employer: str) -> str:
    """Where a peeve says the answer is to be found, as they would say it: "on the front page of the
    website", "in every press article", "on the careers page", "on our engineering blog"."""
    for rx in _WHERE:
        m = rx.search(peeve)
        if m is None:
            continue
        preposition, where = (m.group(1).lower(), m.group(2)) if m.lastindex == 2 else (None, m.group(1))
        where = re.sub(rf"^the (?:company|firm|organi[sz]ation|{re.escape(employer)})'s\b", "our", where, flags=re.I)
        if preposition is None:
            preposition = "in" if where.lower().split()[-1] in _IN else "on"
        return f"{preposition} {where}"
    return "on the web"


# -- voices ------------------------------------------------------------------------------------------

# Each entry: the ways this temperament says the thing; one is chosen by the conversation's words.
# Fields: q (a quote of the turn, in double quotes), x (what a follow-up picked up), c (the colleague),
# over (the minutes over, in words), where (where a looked-up answer is), peeve (in their words),
# minutes (the agreed length), n (words in a turn).
VOICE: dict[Temperament, dict[str, tuple[str, ...]]] = {
    "warm": {
        "open_good": ("I really enjoyed this one, and I came away energised.",
                      "What a lovely conversation; you made it easy to be generous with my time.",
                      "I left this one smiling, honestly.",
                      "This was one of the good ones, and I mean that."),
        "open_mixed": ("There was a lot to like here, even if one or two moments gave me pause.",
                       "I enjoyed a good part of this, and I can see you'd put work into it.",
                       "You're on your way, and parts of this were a real pleasure."),
        "open_poor": ("I wanted this one to go better than it did, and I suspect you did too.",
                      "I came away a little deflated, if I'm honest."),
        "next_time": ("Next time, bring a few questions about the work itself and let me do the talking.",),
        "follow_up": ("My favourite moment was when you came back to {x}: you'd really been listening.",
                      "When you asked about {x}, which I'd only mentioned in passing, I could tell you were with me.",
                      "I lit up when you picked up {x}, because it meant you'd heard what I actually said."),
        "follow_up_plain": ("My favourite moment was when you picked up on what I'd just said and asked {q}, because it showed you were listening.",
                            "When you asked {q} right after my answer, I could tell you'd really heard it."),
        "insight": ("I loved being asked {q}, because it let me tell you what the work is really like.",
                    "Your question {q} is the kind I wish more people asked.",
                    "When you asked {q}, I got to talk about the part of the job I care about most."),
        "fair_insight": ("{q} was a good question, and I enjoyed answering it.",
                         "I did enjoy answering {q}, and there's more where that came from."),
        "time_ack": ("I noticed you kept an eye on the clock for me, and that was kind.",
                     "You were so considerate about my time, and I noticed."),
        "closing": ("You closed it beautifully, with a thank-you and a question about who else you should meet.",
                    "And the way you wrapped up, thanking me and asking who else to talk to, was exactly right."),
        "thanks": ("You thanked me so warmly at the end, and that means more than people think.",
                   "I loved that you took a moment at the end to say thank you."),
        "opening": ("You told me right away who you were and why you'd reached out, which made it easy to help.",
                    "Your opening was lovely and clear, so I knew straight away how to be useful."),
        "job": ("The one moment that gave me pause was when you asked {q}; I know it comes from a good place, but it puts me in an awkward spot.",
                "I'll say this gently: asking {q} made me step back a little, and I'd much rather we'd kept talking about the work.",
                "I understand why you asked {q}, truly, but it made me a bit more careful with you afterwards."),
        "over_run": ("By the time you asked {q} we were {over} over, and I was watching the clock.",
                     "We ran {over} long, and when you asked {q} I was already thinking about my next thing."),
        "after_signal": ("When you asked {q}, I'd already mentioned the time, and I was starting to feel the clock.",),
        "left": ("I'm sorry I had to dash off, but you were still asking {q} when we were {over} over.",),
        "searchable": ("I did wince a little at {q}, since that's {where}, and I'd much rather have heard about you.",
                       "Asking {q} stung a tiny bit, because it's {where} and I'd love to have spent that minute on you."),
        "googleable": ("A question like {q} is one you could have looked up, but that's a small thing.",
                       "You could have found {q} with a quick search, though I didn't mind much."),
        "peeve": ("I'll admit {q} touched a sore spot; my pet peeve is {peeve}.",),
        "early": ("You asked {q} before we'd talked about the work at all, and that felt a little fast for me.",),
        "rambling": ("It took a while to get to your first question, and I'd have loved to hear it sooner.",),
        "talked": ("You did a lot of the talking, which left me less room to be useful to you.",),
        "vague": ("I wasn't quite sure what you were hoping to get from our time, so I ended up guessing.",
                  "I'd have loved to know up front what you were hoping to get out of our chat."),
        "no_thanks": ("It ended a little abruptly with {q}, and I'd have liked a proper goodbye.",),
        "closed": ("A lot of the questions were yes-or-no ones, like {q}, so I never quite got to tell you a story.",),
        "rude": ("Honestly, {q} stung, and it's hard to set that aside.",),
        "meet_intro": ("I'd happily meet again, and I'll introduce you to {c}; I think you two will get on.",
                       "Come back any time, and I'll put you in touch with {c} this week.",
                       "Let's definitely talk again, and I'll write to {c} today to introduce you."),
        "meet_named": ("I'd still be glad to meet again, but I'd want to know you a little better before I introduce you to {c}.",),
        "intro_only": ("I don't think another meeting would help just now, but I said I'd tell {c} about you, and I will.",),
        "meet_job": ("If you come back curious about the work, I'd gladly meet again, though I wouldn't introduce you to {c} after that ask.",),
        "meet_only": ("I'd be glad to talk again, though I'm not ready to make introductions just yet.",
                      "My door's open for another chat, but I'll hold off on introductions for now."),
        "no_meet": ("I don't think another meeting would help just now, and I'm not ready to introduce you to {c}, but I do wish you well.",),
        "but": ("That said, ", "Still, "), "fair": ("To be fair, ", "And to be fair, "),
        "silent": ("We never really got going; you didn't get a word in before it ended.",
                   "That's all right, because first meetings can be awkward.",
                   "If you'd like to try again, come with a question or two about the work and I'll happily make the time."),
        "no_questions": ("You told me a little about yourself, but you never quite asked me anything.",
                         "When you said {q}, I was waiting for the question that would follow.",
                         "Come back with a few questions about the work and I'd be glad to meet again."),
        "foreign": ("Most of what you said was in a language I couldn't follow, so I can't honestly tell you how your questions landed.",
                    "That isn't a criticism; it just means I missed most of what you wanted to know.",
                    "Let's try again in a language we share, and I'd be glad to make the time."),
    },
    "busy": {
        "open_good": ("Good use of my time.", "That was a good one.", "Worth the {minutes}.", "You did well."),
        "open_mixed": ("Parts of that worked, parts didn't.", "A mixed {minutes}.", "Some good, some not."),
        "open_poor": ("That didn't work for me.", "Not a good use of the time."),
        "next_time": ("Next time, bring questions about the work.",),
        "follow_up": ("You came back to {x}, which tells me you listened.", "Picking up {x} was the best moment.",
                      "You caught {x}; most people don't."),
        "follow_up_plain": ("You built {q} on what I'd just said, and that's listening.",),
        "insight": ("{q} was a real question, and I could answer it properly.", "{q} was the best question you asked.",
                    "Good question: {q} made me think."),
        "fair_insight": ("{q} was a fair question.", "{q} was fine."),
        "time_ack": ("You watched the clock so I didn't have to.", "You named the time before I did; good."),
        "closing": ("Clean close: thanks, then who else to talk to.", "You closed properly, with thanks and a referral ask."),
        "thanks": ("You thanked me at the end; people forget.", "You said thank you, which counts."),
        "opening": ("Clear opening; I knew in a minute what you wanted.", "Good opening: who you are, why you came."),
        "job": ("You asked {q}, and the answer is no: not from a coffee chat.", "Asking {q} cost you the introduction.",
                "{q} is the wrong ask for a first meeting."),
        "over_run": ("After I flagged the time you still asked {q}, and we ran {over} over.",
                     "We ran {over} over: you kept going with {q} after I flagged the time."),
        "after_signal": ("You kept going with {q} after I flagged the time.",),
        "left": ("You were still asking {q} at {over} over, so I left.",),
        "searchable": ("{q} is {where}, so look it up next time.", "{q} wasted a minute; it's {where}."),
        "googleable": ("{q} you could have looked up.", "{q} is a search away."),
        "peeve": ("{q} hit a pet peeve: {peeve}.",),
        "early": ("You asked {q} before asking anything about the work, which is too early.",),
        "rambling": ("Your intro ran long; I want the question in the first minute.",),
        "talked": ("You talked more than I did, and that's backwards.",),
        "vague": ("I never found out what you wanted from this.", "You didn't say what you wanted from me."),
        "no_thanks": ("No thank-you at the end, and people notice.",),
        "closed": ("Too many yes/no questions; {q} gets a one-word answer.",),
        "rude": ("{q} was rude, and I won't pretend otherwise.",),
        "meet_intro": ("I'd meet again, and I'll connect you with {c}.", "Another call, yes, and I'll send {c} a note about you.",
                       "Happy to talk again; I'll email {c} today."),
        "meet_named": ("I'd take another call, but I'm not putting you in front of {c} yet.",),
        "intro_only": ("No second meeting. I did mention {c}, though, and I'll pass your name on.",),
        "meet_job": ("Another call, maybe, but no introduction to {c} after that ask.",),
        "meet_only": ("Another call, maybe; no introductions yet.", "I'd take another call; introductions can wait."),
        "no_meet": ("I won't take another meeting, and I won't be introducing you to {c}.", "No second meeting, and no introduction to {c}."),
        "but": ("But ",), "fair": ("Still, ",),
        "silent": ("Nothing was said, so there's nothing to judge.", "Come with questions next time.",
                   "I'm not booking another slot until then."),
        "no_questions": ("You didn't ask me a single question.", "After {q}, I waited, and nothing came.",
                         "No questions, no second meeting."),
        "foreign": ("I couldn't follow most of what you said.", "Hard to judge a conversation I didn't understand.",
                    "I won't book another slot on that basis."),
    },
    "reserved": {
        "open_good": ("I came away with a good impression, which doesn't happen every time.",
                      "A thoughtful conversation, on the whole, and better than most.",
                      "It was a good conversation; I don't say that often."),
        "open_mixed": ("A mixed conversation, I'd say.", "Some of it went well, and some of it less so.",
                       "Not a bad conversation, though not an easy one either."),
        "open_poor": ("I can't say it went well.", "It was not, I think, a successful conversation."),
        "next_time": ("Next time, I'd suggest a few questions about the work itself.",),
        "follow_up": ("I noticed you came back to {x}; not many people do.",
                      "Your question about {x}, which I'd only mentioned in passing, told me you were listening.",
                      "You picked up on {x}, which I hadn't expected anyone to notice."),
        "follow_up_plain": ("When you asked {q}, building on what I had just said, I could tell you were listening.",),
        "insight": ("{q} was a good question, and it let me say something I actually think.",
                    "I found {q} worth answering, which is more than I can say of most questions.",
                    "{q} was the question I'd have asked in your place."),
        "fair_insight": ("{q} was a reasonable question.", "{q} was a sensible question, I'll grant."),
        "time_ack": ("You kept track of the time without being asked, which I noticed.",),
        "closing": ("You ended well, with a thank-you and a sensible question about whom to talk to next.",),
        "thanks": ("You thanked me at the end, which I appreciated.", "The thank-you at the end was noted."),
        "opening": ("You explained at the outset who you were and what you wanted, which helped.",),
        "job": ("I gather from {q} that the job was the point of the meeting, which rather changed things.",
                "{q} told me, I suppose, what the meeting was really for.",
                "After {q}, I answered more carefully than I had before."),
        "over_run": ("I did mention the time, and we went on to {q} regardless, finishing {over} over.",),
        "after_signal": ("I did mention the time, and we went on to {q} regardless.",),
        "left": ("When you asked {q} we were {over} over, and I did have to leave.",),
        "searchable": ("{q} is answered {where}, which I'd have hoped you'd read.",
                       "{q} could have been settled {where}, before we met."),
        "googleable": ("{q} is something a quick search would have told you.",),
        "peeve": ("{q}, I'm afraid, touched on a pet peeve of mine: {peeve}.",),
        "early": ("{q} came rather early, before we had talked about the work at all.",),
        "rambling": ("Your opening went on rather longer than it needed to.",),
        "talked": ("You spoke rather more than I did, which is not quite the point of these.",),
        "vague": ("I was never entirely clear what you wanted from the meeting.",),
        "no_thanks": ("It ended without a thank-you, which I noticed more than I'd like to admit.",),
        "closed": ("Most of the questions, {q} among them, could be answered in a word, and so they were.",),
        "rude": ("I didn't appreciate {q}, and I'm not sure what it was for.",),
        "meet_intro": ("I would meet again, and I'm comfortable introducing you to {c}.",
                       "Another conversation would be worthwhile, and I'll write to {c} about you."),
        "meet_named": ("I'd meet again; the introduction to {c} can wait.",),
        "intro_only": ("I doubt I'd take another meeting, though I did mention {c}, and I will let them know you may write.",),
        "meet_job": ("I might meet again, but I wouldn't introduce you to {c} after that.",),
        "meet_only": ("Another conversation, perhaps; introductions, not yet.", "I'd meet again, though I'd hold off on introductions."),
        "no_meet": ("I doubt I'd take another meeting, and I wouldn't introduce you to {c} on the strength of this one.",),
        "but": ("That said, ", "Still, "), "fair": ("In fairness, ",),
        "silent": ("We didn't really have a conversation, so I have no impression to speak of.",
                   "I'd need to hear a question or two first.", "I'll reserve judgement until then."),
        "no_questions": ("You didn't ask me anything, as it turned out.", "{q} was a start, but no question followed it.",
                         "I'd want to see some questions before meeting again."),
        "foreign": ("Much of what you said was in a language I don't speak, so I have little to go on.",
                    "I wouldn't want to judge the questions on that basis.",
                    "Another conversation, in a language we share, would be fairer to both of us."),
    },
}

# Why a moment mattered, in their voice: one note per kind of moment.
NOTES: dict[Temperament, dict[str, str]] = {
    "warm": {
        "follow_up": "You'd picked up {x} from what I said, and that made me want to tell you more.",
        "follow_up_plain": "You built on what I'd just said; that made me want to tell you more.",
        "insight": "A question about my own experience; I loved answering it.",
        "time_ack": "You kept an eye on the clock for me.",
        "referral_ask": "Asking who else to talk to, near the end, is exactly right.",
        "referral_named": "Asking who else to talk to is exactly right; it's why I thought of {c}.",
        "thanks": "A warm thank-you; it meant something.",
        "opening": "You told me who you were and why you'd come, so it was easy to help.",
        "job": "I'm not the right person for that, and it made the rest feel a little transactional.",
        "over_run": "We were well past our time by then.",
        "left": "This was as far as I could stay.",
        "searchable": "That's {where}; I'd rather have talked about you.",
        "googleable": "Something you could have looked up, but no harm done.",
        "on_profile": "That's on my profile (\"{line}\"); I'd rather have heard what you wanted to know about it.",
        "peeve": "This one's a pet peeve of mine: {peeve}.",
        "early": "That came before we'd talked about the work at all.",
        "rambling": "A long way round to the question ({n} words).",
        "talked": "A long turn ({n} words); I'd have loved more room to answer.",
        "vague": "I wasn't sure yet what you'd come for.",
        "no_thanks": "It ended without a thank-you; I noticed.",
        "closed": "A yes-or-no question; I'd have liked to tell you a story instead.",
        "rude": "That stung.",
    },
    "busy": {
        "follow_up": "Picked up {x}. Good listening.",
        "follow_up_plain": "Built on my answer. Good listening.",
        "insight": "A real question about my work.",
        "time_ack": "You named the time yourself. Appreciated.",
        "referral_ask": "Right moment to ask who else to talk to.",
        "referral_named": "Right moment to ask who else to talk to. Hence {c}.",
        "thanks": "Thanked me. People forget.",
        "opening": "Clear opening: who you are, what you want.",
        "job": "No. Not from a coffee chat.",
        "over_run": "I'd flagged the time. This came after.",
        "left": "I had to go.",
        "searchable": "{where}. Look it up.",
        "googleable": "A quick search answers that.",
        "on_profile": "On my profile: \"{line}\".",
        "peeve": "Pet peeve: {peeve}.",
        "early": "Too early: you hadn't asked about the work yet.",
        "rambling": "{n} words before the question. Too long.",
        "talked": "{n} words. Too long.",
        "vague": "I didn't hear what you wanted from this.",
        "no_thanks": "No thanks at the end.",
        "closed": "Yes/no question. One-word answer.",
        "rude": "Rude.",
    },
    "reserved": {
        "follow_up": "You'd noticed {x}; that told me you were listening.",
        "follow_up_plain": "It built on what I had just said.",
        "insight": "It asked what I think, not what the website says.",
        "time_ack": "You mentioned the time before I had to.",
        "referral_ask": "A sensible question to end on.",
        "referral_named": "A sensible question to end on; {c} came to mind.",
        "thanks": "A proper thank-you, which I noticed.",
        "opening": "A clear introduction.",
        "job": "That rather changed the tenor of the meeting.",
        "over_run": "This came after I had mentioned the time.",
        "left": "I had to leave after this.",
        "searchable": "It's {where}.",
        "googleable": "A quick search would have answered it.",
        "on_profile": "My profile says as much: \"{line}\".",
        "peeve": "A pet peeve of mine: {peeve}.",
        "early": "Rather early, before anything about the work.",
        "rambling": "Longer than it needed to be ({n} words).",
        "talked": "Rather a long turn ({n} words).",
        "vague": "It didn't say what you wanted from the meeting.",
        "no_thanks": "No thank-you at the close.",
        "closed": "Answerable in a word.",
        "rude": "Uncalled for.",
    },
}

# How much each kind of moment weighs in deciding whether to meet again or introduce them.
_WEIGHT = {"follow_up": 2, "follow_up_plain": 2, "insight": 1, "time_ack": 1, "closing": 1, "thanks": 1, "opening": 1,
           "job": 3, "rude": 4, "left": 0, "searchable": 2, "googleable": 1, "peeve": 1, "early": 2, "rambling": 1,
           "talked": 1, "no_thanks": 1, "closed": 1, "vague": 1}
# The balance of good over bad each temperament needs: to meet again, and to introduce someone.
_TO_MEET = {"warm": -2, "reserved": 0, "busy": 1}
_TO_INTRODUCE = {"warm": 2, "reserved": 3, "busy": 3}
_SENTENCES = {"low": 3, "medium": 3, "high": 4}


@dataclass
class _Point:
    """One thing that shaped the impression: its kind, the visitor's turn, and the words to fill in."""

    kind: str
    turn: int
    quote: str  # the sentence of the turn that matters
    fields: dict[str, str] = field(default_factory=dict)


# -- assembling it ------------------------------------------------------------------------------


class _Writer:
    """Turns the facts into points, decisions and sentences, in one persona's voice."""

    def __init__(self, f: _Facts) -> None:
        self.f = f
        self.p = f.t.persona
        self.temper: Temperament = self.p.manner.temperament
        self.seed = zlib.crc32(self.p.id.encode())
        for n in f.users:
            self.seed = zlib.crc32(f.text(n).encode("utf-8", "surrogatepass"), self.seed)
        self.minded_over = self._minded_over()
        self.hits = _peeve_hits(f, self.minded_over)
        self.good = self._good_points()
        self.bad = self._bad_points()
        self.named = suggested_colleague(f.t)

    # what they liked and what they minded

    def _point(self, kind: str, turn: int, wanted: Callable[[str], bool] | None = None, **fields: str) -> _Point:
        return _Point(kind, turn, _sentence(self.f.text(turn), wanted), fields)

    def _minded_over(self) -> int | None:
        """The late question an over-run is remembered by, if this professional minds it: a busy or
        strict one (or one with a peeve about time) past the grace minutes or asked again after their
        signal; anyone else only once the meeting ran past what they would stay for."""
        f = self.f
        if not f.late:
            return None
        cares = self.temper == "busy" or self.p.manner.strict_about_time or any(
            "time" in _Peeve.read(text, self.p).kinds for text in self.p.manner.pet_peeves)
        agreed = f.t.settings.agreed_minutes
        if cares and (f.over > GRACE_MINUTES or len(f.late) >= 2 or f.left):
            return f.late[0]
        if f.over > minutes_over_before_leaving(agreed, False) or f.left:
            return f.late[0]
        return None

    def _good_points(self) -> list[_Point]:
        f = self.f
        points: list[_Point] = []
        names = {w.lower() for w in self.p.name.split()}
        for n in [n for n in f.follow_ups if n not in f.users[:1]][:2]:  # the first thing said answers only the greeting
            x = picked_up(f.text(n), f.previous_reply(n))
            whole = " ".join(f.text(n).split())  # "You mentioned …, so how …?": the picking up is part of it
            if x and x.lower() not in names:
                points.append(_Point("follow_up", n, whole, {"x": _in_their_voice(x)}))
            elif cues.FOLLOW_UP.search(cues.normalise(f.text(n))):
                points.append(_Point("follow_up_plain", n, whole))
        if f.time_ack and f.time_assessed:
            points.append(self._point("time_ack", f.time_ack, lambda s: bool(cues.TIME_CHECK.search(s))))
        taken = {pt.turn for pt in points} | {f.users[0] if f.users else None, f.referral_ask, f.thanks}
        insight = self._best_question([n for n in f.personal if n not in taken and n not in f.closed])
        if insight is not None:
            points.append(self._point("insight", insight))
        closing_ok = f.referral_ask is not None and not f.early(f.referral_ask) and f.referral_ask not in f.job_asks
        if closing_ok and f.thanks is not None:
            points.append(self._point("closing", f.referral_ask, lambda s: bool(cues.REFERRAL_REQUEST.search(s))))
            points.append(self._point("thanks", f.thanks, cues.thanks))
        elif f.thanks is not None:
            points.append(self._point("thanks", f.thanks, cues.thanks))
        if f.opening is not None:
            points.append(self._point("opening", f.opening))
        return points

    def _best_question(self, candidates: list[int]) -> int | None:
        """The question about their own experience worth remembering: an open one of a sentence or
        two (not a speech), beyond the two everyone asks (a typical day, how they got in), and of
        those the most specific (longest)."""
        def worth(n: int) -> tuple[bool, int, int]:
            question = _sentence(self.f.text(n))
            return (not set(cues.topics_in(question)) <= {"typical_day", "career_path"}, count_words(question), -n)
        fit = [n for n in candidates if count_words(_sentence(self.f.text(n))) <= 30 and classify(self.f.text(n)).kind == "open"]
        return max(fit, key=worth) if fit else None

    def order(self, points: list[_Point], bad: bool) -> list[_Point]:
        """Most telling first. Naming the time yourself counts for more with someone who watches the clock."""
        if bad:
            return sorted(points, key=lambda pt: _BAD_ORDER.index(pt.kind))
        order = list(_GOOD_ORDER)
        if not (self.temper == "busy" or self.p.manner.strict_about_time):
            order.remove("time_ack")
            order.append("time_ack")
        return sorted(points, key=lambda pt: order.index(pt.kind))

    def _bad_points(self) -> list[_Point]:
        f = self.f
        points: list[_Point] = []
        peeved = {hit.turn: hit for hit in self.hits}
        for n in f.rude:
            points.append(self._point("rude", n, lambda s: bool(_RUDE.search(s))))
        for n in f.job_asks[:2]:
            points.append(self._point("job", n, _asks_for_a_job))
        if self.minded_over is not None:
            # how far over the meeting ran, when it did; else only that they kept asking after the signal
            points.append(self._point("over_run", self.minded_over, over=_over(f.over) if f.over >= 0.5 else ""))
            # the question they walked out on: the visitor's last one (a thank-you they never heard is not it)
            last = next((n for n in reversed(f.users) if "?" in f.text(n)), None)
            if f.left and last is not None and last != self.minded_over:
                points.append(self._point("left", last, over=_over(f.over)))
        for hit in self.hits:
            if hit.kind in ("job", "time") or any(pt.turn == hit.turn for pt in points):
                continue
            if hit.kind == "searchable":
                where = _where_it_is(hit.peeve.text, self.p.employer.name)
                points.append(self._point("searchable", hit.turn, where=where))
            elif hit.kind == "early":
                points.append(self._point("early", hit.turn, lambda s: bool(cues.REFERRAL_REQUEST.search(s) or _asks_for_a_job(s))))
            elif hit.kind == "rambling":
                points.append(self._point("rambling", hit.turn, n=str(count_words(f.text(hit.turn)))))
            else:
                points.append(self._point("peeve", hit.turn, peeve=peeve_in_first_person(hit.peeve.text, self.p)))
        taken = {pt.turn for pt in points}
        for n in f.googleable[:2]:
            if n not in taken:
                line = f.profile_lines.get(n)
                points.append(self._point("googleable", n, **({"line": line} if line else {})))
                taken.add(n)
        if f.vague is not None and f.vague not in taken and f.questions > 0:
            points.append(self._point("vague", f.vague))
            taken.add(f.vague)
        if f.longest is not None and f.longest not in taken:
            points.append(self._point("talked", f.longest, n=str(count_words(f.text(f.longest)))))
        elif f.long_opening is not None and f.long_opening not in taken and self.temper == "busy":
            points.append(self._point("rambling", f.long_opening, n=str(count_words(f.text(f.long_opening)))))
        if f.no_thanks is not None and not f.left and f.no_thanks not in {pt.turn for pt in points}:
            points.append(self._point("no_thanks", f.no_thanks))
        if f.questions >= 3 and f.open_share < 0.5 and f.closed:
            closed = next((n for n in f.closed if n not in {pt.turn for pt in points} and n not in f.googleable), None)
            if closed is not None:
                points.append(self._point("closed", closed))
        for pt in points:  # the peeve it touched, in their words, for the note
            if pt.turn in peeved and pt.kind not in ("peeve", "searchable"):
                pt.fields.setdefault("peeve", peeve_in_first_person(peeved[pt.turn].peeve.text, self.p))
        return points

    # decisions

    def weight(self, point: _Point) -> int:
        """How much a moment counts: an over-run counts for more with someone who watches the clock."""
        if point.kind == "over_run":
            return 3 if self.temper == "busy" or self.p.manner.strict_about_time else 2
        return _WEIGHT[point.kind]

    @property
    def balance(self) -> int:
        return sum(self.weight(pt) for pt in self.good) - sum(self.weight(pt) for pt in self.bad)

    def decide(self) -> tuple[bool, bool]:
        """(another meeting, an introduction): from the balance of what went well and what did not,
        with lines no balance crosses — a job ask or rudeness means no introduction, and so does
        walking a strict professional out of the room."""
        f = self.f
        if not f.users or not f.english or f.questions == 0:
            meet = self.temper == "warm" and not f.rude and not f.job_asks
            if not f.english:
                meet = self.temper != "busy"
            return meet, False
        meet = not f.rude and self.balance >= _TO_MEET[self.temper]
        closed_well = f.thanks is not None or f.referral_ask is not None or bool(f.follow_ups)
        introduce = (meet and not f.job_asks and not (f.left and self.p.manner.strict_about_time)
                     and closed_well and f.questions >= 2 and self.balance >= _TO_INTRODUCE[self.temper])
        if self.named is not None and not f.rude:
            introduce = True  # they already offered it in the meeting ("Tell her I sent you"): they keep their word
        return meet, introduce

    # words

    def pick(self, key: str) -> str:
        options = VOICE[self.temper][key]
        return options[zlib.crc32(key.encode(), self.seed) % len(options)]

    def say(self, key: str, point: _Point | None = None, **extra: str) -> str:
        if key == "over_run" and point is not None and not point.fields.get("over"):
            key = "after_signal"
        values = {"minutes": spoken.minutes(self.f.t.settings.agreed_minutes), **extra}
        if point is not None:
            values.update(point.fields)
            values["q"] = _said(point.quote)
        sentence = self.pick(key).format_map(_Blank(values))
        return sentence[0].upper() + sentence[1:] if sentence[:1].islower() else sentence

    def note(self, point: _Point, colleague: str | None) -> str:
        notes = NOTES[self.temper]
        kind = point.kind
        if kind == "closing":
            kind = "referral_named" if colleague and self.named is not None else "referral_ask"
        if kind == "googleable" and point.fields.get("line"):
            kind = "on_profile"
        text = notes[kind].format_map(_Blank({**point.fields, "c": colleague or ""}))
        if point.kind not in ("peeve", "searchable") and point.fields.get("peeve"):
            text += " " + notes["peeve"].format(peeve=point.fields["peeve"])
        return cut(text[0].upper() + text[1:], NOTE_CHARS)

    def joined(self, lead: str, sentence: str) -> str:
        """``sentence`` after a turn in the story ("That said, …"), keeping a quote or "I" capitalised."""
        if sentence.startswith(('"', "I ", "I'")):
            return lead + sentence
        return lead + sentence[0].lower() + sentence[1:]


class _Blank(dict):
    """Format values where a missing field is left empty rather than an error."""

    def __missing__(self, key: str) -> str:
        return ""


def _over(minutes: float) -> str:
    """Minutes over, as said: "a minute", "four minutes"."""
    whole = max(1, round(minutes))
    return "a minute" if whole == 1 else spoken.minutes(whole, idioms=False)


def _moment(w: _Writer, point: _Point, colleague: str | None) -> Moment:
    return Moment(turn=point.turn, quote=cut(point.quote, MOMENT_QUOTE_CHARS), note=w.note(point, colleague))


def _distinct(points: list[_Point]) -> list[_Point]:
    """One moment per turn, the first reason kept."""
    seen: set[int] = set()
    out = []
    for pt in points:
        if pt.turn not in seen:
            seen.add(pt.turn)
            out.append(pt)
    return out


_GOOD_ORDER = ("follow_up", "follow_up_plain", "time_ack", "insight", "closing", "thanks", "opening")
_BAD_ORDER = ("rude", "job", "left", "over_run", "searchable", "early", "peeve", "rambling", "googleable", "vague", "talked", "closed",
              "no_thanks")


def _impression(w: _Writer, meet: bool, introduce: bool, colleague: str | None) -> str:
    """Three or four sentences: how it went, what they remember most (good and bad, with the
    visitor's words), and whether they would meet again and introduce them."""
    f = w.f
    voice = VOICE[w.temper]
    if not f.users:
        return " ".join(voice["silent"])
    if not f.english:
        return " ".join(voice["foreign"])
    if f.questions == 0 and not f.rude and not f.job_asks:
        first, second, third = voice["no_questions"]
        return " ".join([first, second.format(q=_said(_sentence(f.text(f.users[0])))), third])
    good, bad = _one_of_each(w.order(w.good, bad=False)), _one_of_each(w.order(w.bad, bad=True))
    size = _SENTENCES[w.p.manner.talkativeness]
    if w.p.manner.talkativeness == "medium" and ((good and bad) or len(good) >= 3):
        size = 4  # enough to say on both sides, or much that went well
    but, fair = w.pick("but"), w.pick("fair")
    if introduce:  # a good meeting: the best of it first, one thing to work on if there is room
        opener = "open_good"
        body = [w.say(opener)] + [w.say(pt.kind, pt) for pt in good[:1]]
        if size == 4:
            body += [w.joined(but, w.say(pt.kind, pt)) for pt in bad[:1]] or [w.say(pt.kind, pt) for pt in good[1:2]]
    elif meet:  # mixed: what worked, then what did not
        opener = "open_mixed"
        body = [w.say(opener)] if size == 4 or not good else []
        body += [w.say(pt.kind, pt) for pt in good[:1]]
        body += [w.joined(but, w.say(pt.kind, pt)) for pt in bad[:1]] or [w.say(pt.kind, pt) for pt in good[1:2]]
        if not good:
            body += [w.say(pt.kind, pt) for pt in bad[1:2]]
    else:  # it went badly: what put them off leads, and anything good is said in fairness
        opener = "open_poor"
        body = [w.say(pt.kind, pt) for pt in bad[: 2 if size == 4 or not good else 1]] or [w.say(opener)]
        body += [w.joined(fair, w.say(_milder(w, pt.kind), pt)) for pt in good[:1]]
    body = body[: size - 1]
    if len(body) < 2:  # three sentences at least: even a short meeting gets a considered word
        body = [w.say(opener), *body] if not body or body[0] != w.say(opener) else [*body, w.say("next_time")]
    decision = _decision(w, meet, introduce, colleague)
    while len(body) > 2 and len(" ".join([*body, decision])) > IMPRESSION_CHARS:
        body.pop()  # long names and peeves of a persona's own making: the fourth sentence goes first
    return cut(" ".join([*body, decision]), IMPRESSION_CHARS)


def _milder(w: _Writer, kind: str) -> str:
    """Praise said "in fairness", after what went wrong: a quieter line where the voice has one."""
    return f"fair_{kind}" if f"fair_{kind}" in VOICE[w.temper] else kind


# Kinds of moment said in one sentence of the impression: the first of each group is the one said.
_SAID_AS = {"follow_up_plain": "follow_up", "thanks": "closing", "googleable": "searchable", "left": "over_run", "talked": "rambling"}


def _one_of_each(points: list[_Point]) -> list[_Point]:
    """The points worth a sentence: one of each kind, so nothing is said twice in other words."""
    seen: set[str] = set()
    out = []
    for pt in points:
        group = _SAID_AS.get(pt.kind, pt.kind)
        if group not in seen:
            seen.add(group)
            out.append(pt)
    return out


def _decision(w: _Writer, meet: bool, introduce: bool, colleague: str | None) -> str:
    """Whether they would meet again and introduce them, and to whom."""
    c = colleague or "anyone"
    if meet and introduce:
        return w.say("meet_intro", c=c)
    if introduce:
        return w.say("intro_only", c=c)
    if meet and w.f.job_asks:
        return w.say("meet_job", c=c)
    if meet and colleague:
        return w.say("meet_named", c=c)
    if meet:
        return w.say("meet_only")
    return w.say("no_meet", c=c)


def offline_their_side(t: Transcript, report: ScoreReport) -> TheirSide:
    """The professional's private impression of ``t``, from the rubric's ``report`` and the persona."""
    f = _read(t, report)
    w = _Writer(f)
    meet, introduce = w.decide()
    named = w.named
    colleague = named.name if named is not None else t.persona.referrals[0].name if introduce else None
    colleague = cut(colleague, COLLEAGUE_CHARS) if colleague else None
    # one they never mentioned is introduced with who they are
    said = colleague if named is not None or colleague is None else f"{colleague} ({cut(t.persona.referrals[0].role, 80)})"
    # in a language the rubric cannot read, its evidence says nothing about the moments
    stood_out = _distinct(w.order(w.good, bad=False))[:MAX_MOMENTS] if f.english else []
    put_off = _distinct(w.order(w.bad, bad=True))[:MAX_MOMENTS] if f.english else []
    return TheirSide(
        source="offline",
        another_meeting=meet,
        introduce=introduce,
        colleague=colleague,
        impression=_impression(w, meet, introduce, said),
        stood_out=[_moment(w, pt, colleague) for pt in stood_out],
        put_off=[_moment(w, pt, colleague) for pt in put_off],
    )
