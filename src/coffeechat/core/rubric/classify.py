"""Utterance classification, MITI-style.

An open question invites a wide range of answers and reflection ("What does a typical week look
like for you?", "Can you tell me about how you moved into policy?" — grammatically yes/no,
pragmatically open). A closed question asks for yes/no, a choice between options, or one
specific fact ("Do you like it?", "Is it remote or in office?", "How many years have you been
there?"). When one turn holds several questions, it is open if any of them is: the professional
takes up the one that invites a wide answer.

Deterministic, dependency-free and fast: a few precompiled regular expressions per sentence.
Every decision records the signals it used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from coffeechat.core import cues

Kind = Literal["open", "closed", "none"]
FLAG_NAMES = ("googleable", "job_request", "referral_request", "gratitude", "time_ack", "introduction", "follow_up")

# -- normalisation ------------------------------------------------------------------------------

_SLANG = {
    "ppl": "people", "wut": "what", "wot": "what", "thx": "thanks", "ty": "thank you",
    "u": "you", "ur": "your", "r": "are", "ya": "you", "wat": "what", "wht": "what", "waht": "what", "whta": "what",
    "hw": "how", "hwo": "how", "thru": "through", "pls": "please", "plz": "please", "cn": "can", "cud": "could",
    "wud": "would", "shud": "should", "abt": "about", "wanna": "want to", "gonna": "going to", "kinda": "kind of",
    "whats": "what's", "hows": "how's", "whos": "who's", "wheres": "where's", "whens": "when's", "whys": "why's",
    "dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
    "cant": "can't", "wouldnt": "wouldn't", "im": "i'm", "ive": "i've", "youre": "you're", "thats": "that's",
    "theres": "there's", "whatre": "what're", "teh": "the", "yuo": "you", "oyu": "you", "dose": "does", "waht's": "what's",
}
_SLANG_RX = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_SLANG, key=len, reverse=True)) + r")\b")
_CONTRACTIONS = re.compile(r"\b(what|how|where|who|when|why|that|it|there)'s\b|\b(what|how|where|who|why)'(d|re)\b")
_EXPAND = {"s": "is", "d": "did", "re": "are"}


def _expand(match: re.Match[str]) -> str:
    if match.group(1):
        return f"{match.group(1)} is"
    return f"{match.group(2)} {_EXPAND[match.group(3)]}"


# Spoken or quickly typed text repeats and restarts: "what-what might…", "i- i think", "so, so how…".
_WORDS = re.compile(r"[a-z']+")
_REPEAT = re.compile(r"\b([a-z']+)(?:\s*[-–—]+\s*|,\s*|\s+)(?:\1\b(?:\s*[-–—]+\s*|,\s*|\s+))*\1\b")


# Transcribed speech carries markup for disfluencies and noises: "{F uh, } what- [ do you, + do you ]
# think? /", "<laughter>", "((inaudible))". Only the words matter.
_TRANSCRIPT_MARKUP = re.compile(r"\{[a-z] |[{}\[\]]|(?<=\s)\+(?=\s)|<[a-z_ -]{1,30}>|\(\([^()]{0,40}\)\)|\s-?/\s*$|\s-?/(?=\s)|#")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")
# A pasted list item or a trailing-off start: "- What…", "2) What…", "...what does…"
_MARK_STARTS = frozenset("-*•·>(0123456789.…")
_LEADING_MARKS = re.compile(r"^(?:[-*•·>]+\s*|\(?\d{1,2}[.)]\s+|\.{2,}\s*|…\s*)+")
_ASIDE = re.compile(r"\s?\((?!fill in the blank)[^()]{1,60}\)")
_BLANK = re.compile(r"_{2,}[,.]?|\[(?:blank|x|topic|field)\]|\(fill in the blank[^)]*\)")
# Hesitations anywhere in the sentence: "do you, uh, do you have…", "what do you, um, think".
_SPACE_BEFORE_MARK = re.compile(r"\s+([,?.!])")
_HESITATION = re.compile(r"(?:^|(?<=[\s,]))(?:uh+|um+|er+|erm|ah+|hmm+|mm+|uh-huh|mhm|mm-hmm)(?:[,.]\s*|\s+)(?=\S)")


# A stage direction: "[laughs] How did you…", "(smiles) What…", "*nods* And then?"
_STAGE = re.compile(r"[\[(<*]\s*(?:laughs?|laughing|laughter|chuckles?|smiles?|grins?|sighs?|pauses?|coughs?|nods?|"
                    r"inaudible|crosstalk|silence|clears throat|long pause)\s*[\])>*]")


def prepare(text: str) -> str:
    norm = cues.normalise(text if text.isascii() else _INVISIBLE.sub("", text))
    if "laugh" in norm or "[" in norm or "*" in norm or "(" in norm:
        norm = " ".join(_STAGE.sub(" ", norm).split())
    if norm[:1] in _MARK_STARTS:
        norm = _LEADING_MARKS.sub("", norm)
    if "(" in norm:  # an aside: "Do you have any (non-research) reading you'd suggest?"
        norm = _ASIDE.sub(" ", norm).replace("  ", " ")
    if "__" in norm or "blank" in norm:  # a template's blank: "You mentioned _____ can you say more?"
        norm = _BLANK.sub("something,", norm)
    if any(ch in norm for ch in "{}[]<>(#/+"):
        norm = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(_TRANSCRIPT_MARKUP.sub(" ", norm).split()))
    norm = _SLANG_RX.sub(lambda m: _SLANG[m.group(1)], norm)
    norm = _HESITATION.sub("", norm)
    words = _WORDS.findall(norm)
    if any(a == b for a, b in zip(words, words[1:])):  # the pattern is costly; run it only on a repeat
        norm = _REPEAT.sub(r"\1", norm)
    return _CONTRACTIONS.sub(_expand, norm)


# -- sentence structure ---------------------------------------------------------------------------

_SPLIT_SENTENCES = re.compile(r"(?<=[?!.])['\"]?\s+|(?<=\?)(?=\S)|;\s+")
_QWORD = r"(?:what|how|why|where|when|who|which|do|does|did|is|are|was|were|can|could|would|will|should|have|has)"
_SPLIT_COMPOUND = re.compile(rf",\s+(?=(?:is|are|was|were|do|does|did|can|could|would|will|has|have) (?:it|you|they|there|that|this|he|she|we)\b(?! know\b))"
                             rf"|,?\s+(?:and|but|also|plus|or)\s+(?={_QWORD}\s+(?:you|it|is|are|was|were|do|did|does|has|have|had|will|much|many|there|the|your|i|we|they|would|should|can|could|made|makes|kind|sort|part)\b)")
_FILLER = re.compile(
    r"^(?:(?:so|and|but|ok|okay|well|um+|uh+|er+|hmm+|right|alright|all right|great|cool|awesome|nice|wow|interesting|like|i guess|i mean|you know|"
    r"yeah|yes|sure|oh|ah|also|now|just|gotcha|got it|i see|makes sense|that makes (?:a lot of )?sense|"
    r"that(?: is|'s) (?:really |so |very )?(?:interesting|helpful|great|fascinating|cool|good to know|fair|amazing|useful)|"
    r"thanks?(?: you)?(?: so much| a lot)?(?: for (?:that|sharing|explaining)[^,.!?]*)?|good to know|fair enough|"
    r"one more thing|quick question|another question|follow(?:-| )?up)[,.!:;]?\s+)+"
)
_VOCATIVE = re.compile(r"^(?:hi|hello|hey)?,?\s*[a-z]+,\s+(?=" + _QWORD + r"\b|tell\b|any\b|i\b)")
_LEAD_IN = re.compile(
    r"^(?:i(?: was| am|'m)? (?:just )?(?:wondering|curious)|i wonder|i(?:'d| would) (?:love|like|be interested|be curious) to (?:know|hear|learn|understand|ask)|"
    r"i want(?:ed)? to (?:ask(?: you)?|know|hear|understand)|i(?:'m| am) interested (?:in (?:hearing|knowing|learning)|to (?:hear|know|learn))|"
    r"i was hoping (?:to (?:hear|learn|ask)|you could (?:tell|share|talk))|(?:can|could|may|might) i ask(?: you)?|do you mind if i ask(?: you)?|"
    r"let me ask(?: you)?|my (?:(?:first|next|last|final|other|main|second|real|big) )?question (?:is|was|would be)|(?:one )?(?:more|last|final|quick) question(?: is| for you)?|"
    r"question|i(?:'d| would) love to get your (?:take|thoughts|perspective) on|i(?:'m| am) (?:trying|hoping) to (?:understand|figure out|learn|get a sense of)|"
    r"i(?:'d| would) be (?:curious|interested) to (?:hear|know|learn))(?:\s+(?:about|on))?(?:,?\s+like)?[:,]?\s*"
)
# a lead-in later in the sentence: "I've heard about burnout and I'm wondering how you deal with it"
_LEAD_IN_LATER = re.compile(
    r"(?:,|\band\b|\bso\b|\bbut\b)\s*(?=(?:i(?: was| am|'m)? (?:just )?(?:wondering|curious)|i wonder|my question is|i want(?:ed)? to (?:ask|know)|"
    r"i(?:'d| would) (?:love|like) to (?:know|hear|learn|understand))\b)"
)
_LATER_GATE = re.compile(r"wonder|curious|question is|to ask|to know|to hear|to learn|to understand")
_DISCOURSE_LIKE = re.compile(r"(?:(?<=^)|(?<=, )|(?<=\bso )|(?<=\band )|(?<=\bum )|(?<=\buh )|(?<=\bjust ))like,? (?=(?:what|how|why|where|when|who|which|do|does|did|is|are|the|a|an|mostly)\b)")
_WH_INVERTED = re.compile(r"^(?:what|how|why|where)(?: (?:kind of|sort of|part of|exactly|else))? (?:do|does|did|is|are|was|were|would|could|can|should|has|have|made|makes|led|got|brought|drew|helped)\b")
_PREFIX_NO_COMMA = re.compile(r"^(?:if|when|as|since|while|after|before|once) (?!(?:did|do|does|is|was|are|were|will|would|can|could|should|have|has)\b)"
                              r"[^,?]{3,80}? (?=(?:what|how|why|where|which|would you|do you|did you|could you|can you|should i)\b)")
_PREFIX_CLAUSE = re.compile(
    r"^(?:(?:when|if|as|since|while|after|before|once) (?!(?:did|do|does|is|was|are|were|will|would|can|could|should|have|has)\b)[^,?]{3,80}|"
    r"looking back|thinking back|in your (?:experience|opinion|view|role)|from your (?:perspective|experience|point of view)|"
    r"for (?:someone|people|a new grad|a career changer|a student|my (?:last|final) question)[^,?]{0,60}|on that note|along those lines|"
    r"speaking of [^,?]{1,40}|given [^,?]{1,60}|besides [^,?]{1,40}|other than [^,?]{1,40}|in terms of [^,?]{1,40}|out of curiosity|"
    r"honestly|personally|realistically|in general|generally|broadly|overall|at this point|these days|today|right now|at [^,?]{1,40})\s*,\s*"
)

# Small talk, only when it is the whole question: "How are you feeling about that?" is a real question.
_PLEASANTRY = re.compile(r"(?:how are (?:you|things)(?: doing)?(?: today| this (?:morning|afternoon|evening)| so far)?|how is it going|how is everything|"
                         r"how is your (?:day|week|morning|afternoon|evening)(?: going| been)?(?: so far)?|how have you been|how was your (?:weekend|day|week|morning))")
# A break inside a sentence: "You mentioned PostGIS - what…", "One more: what would…", a restart "what do you- how…".
_CLAUSE_BREAK = re.compile(r"\s+[-–—]+\s+|\s*[–—]\s*|(?<=\w)-\s+|(?<=\w):\s+|\s*--\s*|\s*\.\.\.\s*|\s*…\s*")
# Handing the question back: "And you?", "What about yourself?"
_RECIPROCAL = re.compile(r"^(?:and|what about|how about|same for|same question for)?\s*(?:you|yourself|yours|your experience|your side)$")
STATEMENT_SIGNAL = "statement with a question mark: checks a fact"
_OPEN_REQUEST = re.compile(
    r"^(?:(?:can|could|would|will) you (?:please |maybe |possibly |perhaps )?(?:tell|describe|walk|talk|share|explain|elaborate|expand|say (?:a (?:bit|little) )?more|"
    r"give me|help me understand|paint|speak|go (?:into|over|through)|fill me in|break down|take me through|outline|discuss|unpack|summarize|summarise|reflect)|"
    r"(?:can|could|will) you (?:please )?(?:recommend|suggest|point me (?:to|toward|towards)|think of) (?!me\b)(?:some|any|a few|good|other|books|resources|ways|places|things|people|organi[sz]ations|courses|reading)\b|"
    r"(?:can|could|would|will) you (?:please )?give (?:me |us )?(?:an? |some )?(?:example|examples|instance|sense|idea|picture)\b|"
    r"(?:do|would) you have (?:any |an |a |some )?(?:idea|ideas|thoughts|sense|theory|theories|explanation|insight)s? (?:about |on |of |as to |into )?(?:why|how|what)\b|"
    r"(?:do|would) you mind (?:telling|sharing|walking|talking|describing|explaining|going|giving|saying|expanding|elaborating)|"
    r"(?:would|are|will) you be (?:willing|able|open|comfortable|happy) to (?:share|talk|tell|describe|walk|explain|give me (?:a sense|an idea|an overview|some insight))|"
    r"do you think you could (?:tell|describe|walk|share|explain|talk)|"
    r"is there (?:anything|something)(?: else)?\b|are there any (?:lessons|things|tips|mistakes|surprises|misconceptions|pieces of advice|challenges|skills|qualities|"
    r"experiences|trends|insights|thoughts|takeaways|habits|traits)\b|"
    r"(?:do|did) you have any (?:(?:additional|other|more|further|final|last|general|specific|practical|particular|parting|big) )?(?:advice|tips|thoughts|suggestions|recommendations|insights|words of wisdom|lessons|stories|examples|guidance|pointers|ideas|reflections|reading|books|resources|podcasts|websites|publications)\b|"
    r"have you got any (?:advice|tips|thoughts|suggestions)\b)"
)
_EMBEDDED_YES_NO = re.compile(r"^(?:can|could|would|will) you (?:please )?(?:tell|let) me (?:if|whether)\b")
_AUX = re.compile(
    r"^(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|may|might|must|am|"
    r"isn't|aren't|wasn't|weren't|don't|doesn't|didn't|haven't|hasn't|can't|couldn't|won't|wouldn't|shouldn't)\b"
)
_AUX_SUBJECT = re.compile(
    r"^(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|may|might|am|isn't|aren't|don't|doesn't|didn't|"
    r"wasn't|haven't|hasn't|can't|couldn't|won't|wouldn't|shouldn't) (?:you|i|we|they|it|there|that|this|these|those|the|your|my|our|their|"
    r"most|many|some|any|a|an|he|she|people|nurses|teachers|engineers|consultants|analysts|managers|companies|employers|pms|researchers)\b"
)
_REQUEST = re.compile(r"^(?:please )?(?:tell me|describe|walk me|talk me|explain|share|give me (?:a sense|an idea|an overview|an example|some)|"
                      r"help me understand|paint (?:me )?a picture|fill me in|say more|elaborate|expand on)\b")
_TAG = re.compile(r",\s*(?:right|correct|yeah|no|huh|isn't (?:it|that)|aren't (?:they|you)|don't (?:you|they)|doesn't it|wasn't it|didn't you|true|am i right)\s*\??$")
_CHOICE_TAIL = re.compile(r",\s*(?:a |an |the |to )?[\w'\- ]{2,40} or (?:a |an |the |to )?(?:[\w'-]+ ?){1,4}\??$")
_FRAGMENT_OPEN = re.compile(r"^(?:any(?:thing)? (?:else )?(?:advice|tips|thoughts|suggestions|recommendations|insights|lessons|words of wisdom|other advice)|"
                            r"anything (?:else )?(?:i|you|we) (?:should|would|might|could|'d|wish|think)|for (?:example|instance)|such as|like what|then what|"
                            r"and then what|(?:and |so )?what then|(?:your |the |their )?(?:biggest|best|worst|hardest|toughest|favou?rite|least favou?rite|most \w+|least \w+) "
                            r"(?:[\w'-]+ ){0,5}?[\w'-]+|"
                            r"anything else (?:i should|you'd|you would|you think)|thoughts|advice|tips|what about|how about|and (?:what|how|why))\b")
_PRAISE = r"(?:interesting|cool|great|nice|fun|amazing|wonderful|lovely|exciting|awful|sad|funny|neat|true|fascinating|helpful|useful|awesome|incredible|inspiring|wild|crazy|good)"
_EXCLAIM = re.compile(rf"^(?:what an? {_PRAISE}\b|what an? (?:story|journey|path|answer|insight|career)\b|how {_PRAISE}\b)")
_PREP_WH_OPEN = re.compile(r"^(?:in what ways?|to what extent|in which ways?|on what basis|in what sense|by what means|how come)\b")
_LATE_QUESTION = re.compile(
    r",\s*(?:so |and |but |then |which is why )?(?=(?:what|how|why|where|when|who|which|do|does|did|is|are|can|could|would|will|should|have|has|"
    r"i'd love|i would love|i'm curious|i am curious|i was wondering|i'd like|tell me|any)\b)"
)
_EMBEDDED_REQUEST = re.compile(r"^(?:if|whether) you (?:could|would|might|can|'d) (?:please )?(?:tell|describe|walk|talk|share|explain|say more|give me|help me understand|speak|go (?:into|over|through))\b")

_HOW_MUCH_QUALITY = re.compile(r"^how much (?:of (?:a|an) )?(?:autonomy|freedom|flexibility|work-life balance|balance|responsibility|creativity|independence|"
                               r"support|say|influence|control|variety|interaction|contact|collaboration|teamwork|room|latitude|ownership|"
                               r"mentoring|mentorship|guidance|impact|difference|stress|pressure|politics|overlap|learning)\b")
_HOW_IMPORTANT = re.compile(r"^how (?:much (?:do|does|did|will|would) [\w' -]{1,40}? (?:matter|count|help|hurt|affect|influence|shape|weigh|play into|change)|"
                            r"much of (?:it|that|this|what you [\w ]{1,20}|your [\w ]{1,20}) (?:do|did|does) you (?:still )?(?:use|apply|need|rely on|draw on)|"
                            r"big (?:a |of a )(?:role|part|deal|difference|impact|factor))\b")
_SCALE = re.compile(r"\bon a scale\b|\bscale (?:of|from) (?:0|1|one|zero)\b|\bfrom (?:0|1|one|zero) to (?:5|10|five|ten|100)\b|\bout of (?:5|10|five|ten)\b")
_HOW_CLOSED = re.compile(r"^how (?:many|much|long|old|often|big|large|far|soon|frequently|tall|early|late|small)\b")
_WHAT_FACT = re.compile(
    r"^what (?:is|was|are|were) (?:your|the|their|his|her|its) (?:current |official |exact |job |typical |average |starting |annual |base |usual )?"
    r"(?:title|name|salary|salary range|pay|pay range|budget|team size|headcount|degree|major|start date|hours|schedule|ratio|commute|"
    r"gpa|age|rank|level|grade|rate|address|location|email|number|percentage|deadline|acceptance rate|turnover|retention rate|cost|price|tuition|size|dress code)"
    r"(?=\s*$|\s+(?:at|in|for|of|on|there|here|now|currently|again|exactly|today|these days|when|and|or|if|by|with|per|range|going to be)\b)"
)
_WHAT_FACT_NOUN = re.compile(
    r"^what (?:year|time|day|month|date|percentage|percent|portion|proportion|fraction|age|grade|company|school|university|college|"
    r"firm|degree|major|title|city|state|country|department|team|office|floor|shift|unit|hospital|agency|bank|salary|number)s? "
    r"(?:do|did|does|is|was|are|were|would|will|should)\b"
)
_WHAT_TOOL = re.compile(r"^what (?:programming )?(?:tools?|software|languages?|programs?|platforms?|certifications?|certificates?|licenses?|frameworks?|databases?|apps?|"
                        r"products?|services|industries|markets|clients|customers|countries|states|cities|offices|locations|sectors|brands) "
                        r"(?:do|did|does) [\w&' -]{1,40}? (?:use|work with|work in|need|have|hold|sell|make|offer|serve|operate in|build)\b")
_WHAT_FACT_EMBEDDED = re.compile(
    r"^what (?:your|the|their) (?:current |exact |typical |starting |base )?(?:title|salary|salary range|pay|pay range|budget|team size|headcount|degree|major|"
    r"start date|hours|schedule|level|grade|rate|percentage|deadline|cost) (?:is|was|are|were)\b"
)
# One specific thing: "What kind of car do you drive?", "What medications are you taking?", "What did you have for lunch?"
_WHAT_SPECIFIC = re.compile(
    r"^what (?:(?:kind|type|sort|brand|make|model|colou?r|size) of )?(?:car|cars|phone|medication|medications|medicine|medicines|drugs?|pills?|food|"
    r"music|movies?|books?|songs?|sports?|teams?|shows?|games?|instruments?|brand|breakfast|lunch|dinner|drink|beer|wine|cigarettes?|"
    r"dose|dosage|insurance|doctor|pharmacy|neighbo(?:u)?rhood|street|town|car|bus|train|route) "
    r"(?:do|did|does|are|were|is|was|have|has) (?:you|they|he|she|your \w+) (?:usually |normally |currently |now )?"
    r"(?:drive|driving|have|own|use|using|take|taking|drink|drinking|eat|eating|smoke|smoking|buy|prefer|watch|watching|read|reading|"
    r"play|playing|listen|listening|like|support|on|prescribed|go|going|see|seeing|live|living)\b"
    r"|^what did (?:you|they|he|she) (?:have|eat|drink|buy|order|take|use) (?:for|at|on|last|yesterday|this|today)\b"
    r"|^what do you do for (?:a living|work|your job)\b"
)
_WHAT_SHARE = re.compile(r"^what (?:percentage|percent|portion|proportion|fraction|share|number|amount|ratio) of\b")
_WHAT_DID_YOU_STUDY = re.compile(r"^what did you (?:major|minor|study|get your degree)\b")
_WHICH_OPEN = re.compile(r"^which (?:skills|qualities|experiences|parts|aspects|things|traits|areas|kinds|types|habits|lessons|mistakes|challenges|strengths)\b")
_WHEN_OPEN = re.compile(r"^when (?:do|did|have) you (?:first )?(?:know|realize|realise|decide|feel|felt|notice|figure out|discover|start to feel|find)\b")
_WHERE_OPEN = re.compile(r"^where (?:(?:can|could|might|should) (?:i|you|someone|one|people|a person|a student|a new grad|graduates) (?!find (?:the|your|their) (?:office|address))|would you (?:suggest|recommend|advise)|(?:would|do|should|could|will) (?:you|we) (?:want|like|wish|hope|need|prefer) to (?:go|start|begin|take|focus|end up|be|head)|(?:do|can|could|would|should) (?:you|we) go (?:from|next|with)|does (?:that|this) (?:leave|put) you|do you see|would you (?:start|begin|focus|look|put|go|invest)|(?:is|are) [\w ]{1,30} (?:going|heading|headed)|do you find|(?:do|would) you (?:think|say|expect|imagine|predict) [\w' ]{1,50} (?:is|are|will be) (?:going|heading|headed|moving)|(?:do|would) you (?:think|say) (?:the|this|your) )\b")
# Question words that are closed unless they ask in a way that invites a story:
# word -> (the open pattern, signal when open, signal when closed)
_WH_EXCEPTIONS: dict[str, tuple[re.Pattern[str], str, str]] = {
    "which": (_WHICH_OPEN, "'which' over a broad set: open", "'which' asks for a choice"),
    "when": (_WHEN_OPEN, "'when did you know' invites a story", "'when' asks for a time"),
    "where": (_WHERE_OPEN, "'where' about direction or options invites thoughts", "'where' asks for a place"),
}
_WH = re.compile(r"^(?:what|how|why|where|when|who|whom|whose|which)\b")


@dataclass(frozen=True)
class Question:
    text: str
    kind: Literal["open", "closed"]
    signals: tuple[str, ...]


@dataclass(frozen=True)
class Classification:
    text: str
    is_question: bool
    kind: Kind
    flags: tuple[str, ...]
    questions: tuple[Question, ...] = ()
    topics: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()
    pleasantry: bool = False
    greeting: bool = False
    farewell: bool = False
    employer_fact: str | None = None
    public_profile: bool = False
    builds_on: tuple[str, ...] = field(default=())
    profile_line: str | None = None  # the line of their public profile that answers it (``profile.for_persona``)

    def has(self, flag: str) -> bool:
        return flag in self.flags

    def as_json(self) -> dict[str, object]:
        return {"text": self.text, "is_question": self.is_question, "kind": self.kind, "flags": list(self.flags)}


def _segments(norm: str) -> list[str]:
    out: list[str] = []
    for sentence in _SPLIT_SENTENCES.split(norm):
        sentence = sentence.strip(" '\"")
        if not sentence:
            continue
        parts = _SPLIT_COMPOUND.split(sentence)
        merged: list[str] = []
        for part in parts:
            if merged and len(merged[-1].split()) < 3:
                merged[-1] = f"{merged[-1]} and {part}"
            else:
                merged.append(part)
        out.extend(p.strip() for p in merged if p.strip())
    return out


def _strip(segment: str, signals: list[str]) -> tuple[str, str | None]:
    """Remove fillers, a vocative name, a lead-in and a prefix clause; return (core, lead-in found)."""
    s = segment
    for _ in range(3):
        before = s
        m = _FILLER.match(s)
        if m:
            signals.append(f"filler: {m.group(0).strip(' ,.!:;')!r}")
            s = s[m.end():]
        m = _VOCATIVE.match(s)
        if m:
            s = s[m.end():]
        if s == before:
            break
    if "like" in s:  # cheap gate: the pattern needs the word
        s = _DISCOURSE_LIKE.sub("", s)
    lead = None
    if _LATER_GATE.search(s) and not _LEAD_IN.match(s) and not _looks_like_question_start(s):
        later = list(_LEAD_IN_LATER.finditer(s))
        if later:
            signals.append(f"context before the question: {s[: later[-1].start()].strip(' ,')!r}")
            s = s[later[-1].end():].lstrip(" ,")
    m = _LEAD_IN.match(s)
    if m and m.end() < len(s):
        lead = m.group(0).strip(" ,:")
        signals.append(f"lead-in: {lead!r}")
        s = s[m.end():]
    m = _PREFIX_NO_COMMA.match(s)
    if m and _looks_like_question_start(s[m.end():]):
        signals.append(f"context clause: {m.group(0).strip()!r}")
        s = s[m.end():]
    for _ in range(2):
        m = _PREFIX_CLAUSE.match(s)
        if not m or not _looks_like_question_start(s[m.end():]):
            break
        signals.append(f"context clause: {m.group(0).strip(' ,')!r}")
        s = s[m.end():]
    return s.strip(), lead


def _looks_like_question_start(s: str) -> bool:
    return bool(_WH.match(s) or _AUX.match(s) or _REQUEST.match(s) or _OPEN_REQUEST.match(s))


def _kind_of(segment: str, has_mark: bool, signals: list[str]) -> tuple[bool, Kind, bool]:
    """(is_question, kind, pleasantry) for one segment."""
    segment = _after_break(segment, signals)
    core, lead = _strip(segment, signals)
    core_q = core.rstrip(" ?!.")
    if not core_q:
        return False, "none", False
    if _REPEAT_REQUEST.match(core_q):
        signals.append("asks them to say it again")
        return True, "closed", False
    if _WHY_TAIL.search(core_q) and (has_mark or _looks_like_question_start(core_q)):
        signals.append("asks for their reasons ('…and why?'): open")
        return True, "open", False
    if _SCALE.search(core_q) and (has_mark or _looks_like_question_start(core_q)):
        signals.append("asks for a number on a scale")
        return True, "closed", False
    if _PLEASANTRY.fullmatch(core_q):
        signals.append("pleasantry")
        return True, "open" if core_q.startswith("how") else "closed", True
    if lead is None and not _looks_like_question_start(core_q) and not _PREP_WH_OPEN.match(core_q):
        late = [m for m in _LATE_QUESTION.finditer(core_q)
                if has_mark or _LEAD_IN.match(core_q[m.end():]) or _REQUEST.match(core_q[m.end():])
                or _WH_INVERTED.match(core_q[m.end():])]
        if late:
            signals.append(f"context before the question: {core_q[: late[-1].start()].strip()!r}")
            return _kind_of(core_q[late[-1].end():] + ("?" if has_mark else ""), has_mark, signals)
    if lead is not None:
        if _EMBEDDED_REQUEST.match(core_q):
            signals.append("embedded request to tell: open")
            return True, "open", False
        if re.match(r"^(?:if|whether)\b", core_q):
            signals.append("embedded yes/no question (if/whether)")
            return True, "closed", False
        # "I'm curious about your path" asks; "I'm curious about backend work" says what interests you
        names_interest = (core_q.startswith(("about", "more about", "in ")) or lead.endswith((" about", " in", " on"))) \
            and ("curious" in lead or "interested" in lead)
        about_them = has_mark or not names_interest or _ABOUT_THEM.search(core_q)
        if not about_them:
            signals.append("says what interests you: not a question")
            return False, "none", False
        if re.match(r"^(?:about|more about|to hear|your|how|why|what)\b", core_q) and not _looks_like_question_start(core_q):
            signals.append("asks to hear about something: open")
            return True, "open", False
    if _PREP_WH_OPEN.match(core_q):
        signals.append(f"{_PREP_WH_OPEN.match(core_q).group(0)!r} invites reflection")
        return True, "open", False
    if _EXCLAIM.match(core_q) and not has_mark and lead is None:
        signals.append("exclamation, not a question")
        return False, "none", False
    if _TAG.search(core_q + ("?" if has_mark else "")) or _TAG.search(segment):
        signals.append("tag question")
        return True, "closed", False
    if _EMBEDDED_YES_NO.match(core_q):
        signals.append("asks to be told if/whether: yes/no")
        return True, "closed", False
    if _OPEN_REQUEST.match(core_q):
        signals.append(f"open request: {_OPEN_REQUEST.match(core_q).group(0)!r}")
        return True, "open", False
    if _REQUEST.match(core_q):
        signals.append(f"request to tell: {_REQUEST.match(core_q).group(0)!r}")
        return True, "open", False
    if _AUX.match(core_q) and (has_mark or _AUX_SUBJECT.match(core_q)):
        word = core_q.split()[0]
        signals.append(f"starts with {word!r}: yes/no")
        if re.search(r"\b\w+ or \w+", core_q):
            signals.append("offers a choice (or)")
        return True, "closed", False
    if _WH.match(core_q):
        return True, _wh_kind(core_q, signals), False
    if _FRAGMENT_OPEN.match(core_q):
        signals.append("asks for advice or thoughts")
        return True, "open", False
    if lead is not None:
        signals.append("lead-in asks to hear more")
        return True, "open", False
    if has_mark and _RECIPROCAL.match(core_q):
        signals.append("hands the question back to them: open")
        return True, "open", False
    if has_mark:
        signals.append(STATEMENT_SIGNAL)
        return True, "closed", False
    return False, "none", False


# A back-reference run into the question with no punctuation: "you mentioned the routing service what was…"
_BACK_REFERENCE_RUN_ON = re.compile(
    r"^(?:so |and |oh,? )?(?:you (?:mentioned|said|talked about|brought up)|earlier you (?:said|mentioned)) .{2,80}? "
    r"(?=(?:what|how|why|can you|could you|would you|do you|did you|was it|is it|were you|tell me)\b)")


def _after_break(segment: str, signals: list[str]) -> str:
    """The clause after the last dash or colon when that clause is the question."""
    if not (("-" in segment or "–" in segment or "—" in segment or ":" in segment or ".." in segment or "…" in segment)
            and _CLAUSE_BREAK.search(segment)):
        m = _BACK_REFERENCE_RUN_ON.match(segment)
        if m and not _looks_like_question_start(segment):
            signals.append(f"context before the question: {m.group(0).strip()!r}")
            return segment[m.end():]
        return segment
    parts = [p for p in _CLAUSE_BREAK.split(segment) if p.strip(" ,")]
    if len(parts) < 2:
        return segment
    last = parts[-1].strip(" ,")
    core, lead = _strip(last, [])
    if lead is not None or _looks_like_question_start(core) or _PREP_WH_OPEN.match(core) or _FRAGMENT_OPEN.match(core):
        signals.append(f"context before the question: {segment[: len(segment) - len(last)].strip(' ,-–—:.…')!r}")
        return last
    return segment


_ABOUT_THEM = re.compile(r"\b(?:you|your|yours|yourself)\b")
_WHY_TAIL = re.compile(r"(?:,|\band)\s*(?:and )?(?:why|why not|why or why not|how so|in what way)\??$")
_DASH_CHOICE = re.compile(r"\s[-–—:]\s*(?:the |a |an |to )?[\w'-]+(?: [\w'-]+){0,3} or (?:the |a |an |to )?[\w'-]+(?: [\w'-]+){0,3}\??$")
_REPEAT_REQUEST = re.compile(r"^(?:sorry,? |pardon,? |excuse me,? )?(?:what|pardon|come again|sorry|huh|what was that|say that again|pardon me)$")


def _wh_kind(s: str, signals: list[str]) -> Kind:
    word = s.split()[0]
    if _CHOICE_TAIL.search(s) or _DASH_CHOICE.search(s) or re.match(r"^which (?:is|would be|one is|was) (?:better|more|best|worse|harder|easier)", s):
        signals.append("offers a choice between options")
        return "closed"
    if word == "how":
        if _HOW_MUCH_QUALITY.match(s) or _HOW_IMPORTANT.match(s):
            signals.append("'how much' of a quality invites a description")
            return "open"
        if _HOW_CLOSED.match(s):
            signals.append(f"'{' '.join(s.split()[:2])}' asks for an amount")
            return "closed"
        signals.append("'how' invites a description")
        return "open"
    if word == "why":
        signals.append("'why' invites reasons")
        return "open"
    if word == "what":
        if s.startswith(("what if", "what about")):
            signals.append(f"'{' '.join(s.split()[:2])}' invites thoughts")
            return "open"
        for rx, label in ((_WHAT_FACT, "asks for one fact"), (_WHAT_FACT_NOUN, "asks which one (a fact)"), (_WHAT_SHARE, "asks for an amount"),
                          (_WHAT_FACT_EMBEDDED, "asks for one fact"), (_WHAT_SPECIFIC, "asks for one specific thing"),
                          (_WHAT_TOOL, "asks to name specific tools, credentials or products"), (_WHAT_DID_YOU_STUDY, "asks for a fact on their profile")):
            if rx.match(s):
                signals.append(f"'what' {label}")
                return "closed"
        signals.append("'what' invites a wide answer")
        return "open"
    if word in _WH_EXCEPTIONS:
        pattern, open_signal, closed_signal = _WH_EXCEPTIONS[word]
        if pattern.match(s):
            signals.append(open_signal)
            return "open"
        signals.append(closed_signal)
        return "closed"
    signals.append(f"'{word}' asks for a name or fact")
    return "closed"


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'\-]{3,}", text.lower()) if w not in _STOP}


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem, enough to see "calculation" and "calculations" as one word."""
    word = word.lower().removesuffix("'s")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


_WORD = re.compile(r"[A-Za-z][\w'\-]*[\w]|[A-Za-z]")
_TERM = re.compile(r"(?:[A-Z][a-z]*[A-Z]|[A-Z]{2,}|\w*\d)\w*")  # PostGIS, SQL, iOS, K8s, 401k


def _terms(reply: str) -> set[str]:
    """Names and technical terms in a reply: capitalised mid-sentence, acronyms, mixed case, digits."""
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", reply):
        words = _WORD.findall(sentence)
        for i, w in enumerate(words):
            if _TERM.fullmatch(w) or (i > 0 and w[0].isupper() and w not in ("I", "I'm", "I've", "I'd", "I'll")):
                found.add(w.lower())
    return found - _STOP - _COMMON


_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")


def _is_term(text: str, m: re.Match[str]) -> bool:
    """``_terms``' test for one word found in ``text``: a term, or capitalised where no sentence starts."""
    w = m.group(0)
    if _TERM.fullmatch(w):
        return True
    if not w[0].isupper() or w in ("I", "I'm", "I've", "I'd", "I'll"):
        return False
    before = text[max(0, m.start() - 3):m.start()]
    return m.start() > 0 and bool(before.strip()) and not _SENTENCE_END.search(before)


def user_stems(text: str) -> frozenset[str]:
    """The stems of what someone said, as ``classify`` compares them (for ``earlier``)."""
    return frozenset(stem(w) for w in _WORD.findall(text))


def _ordinary(word: str) -> bool:
    w = word.lower()
    return w in _STOP or w in _FUNCTION or w in _COMMON or stem(w) in _COMMON_STEMS or len(w) <= 2


def _pairs(text: str) -> dict[tuple[str, str], str]:
    """Adjacent content words as stems, each with the words as written ("forty minutes")."""
    words = _WORD.findall(text)
    out: dict[tuple[str, str], str] = {}
    for x, y in zip(words, words[1:]):
        a, b = stem(x), stem(y)
        if (a not in _STOP and b not in _STOP and a not in _FUNCTION and b not in _FUNCTION and len(a) > 2 and len(b) > 2
                and not (_ordinary(a) and _ordinary(b))):
            out.setdefault((a, b), f"{x.lower()} {y.lower()}")
    return out


def specific_links(question: str, reply: str, earlier: str | frozenset[str] = "", familiar: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """What a question takes from the answer before it that is specific to that answer: a name or
    term they used, a phrase of theirs, or two or more uncommon words of theirs — not a common
    word of the field, not a word the asker had used themselves before, and not one of
    ``familiar`` (stems that run through the whole conversation, such as the field's own name)."""
    mine = (earlier if isinstance(earlier, frozenset) else user_stems(earlier)) | familiar
    question_words = _WORD.findall(question)
    asked = {w.lower() for w in question_words}
    asked_words = {stem(w): w.lower() for w in question_words}
    # One pass over the reply, looking closely only at the words the question shares with it (a
    # reply is ten times longer than a question, and the live lint re-reads it on every key).
    shared = [(m, stem(m.group(0))) for m in _WORD.finditer(reply)]
    hits = [(m, st) for m, st in shared if st in asked_words]
    terms = {m.group(0).lower() for m, _ in hits if m.group(0).lower() in asked and _is_term(reply, m)} - _STOP - _COMMON
    links = {t for t in terms if stem(t) not in mine}
    asked_pairs = _pairs(question)
    if asked_pairs and len(hits) >= 2:
        # the reply's adjacent pairs, of words the question has (``asked_pairs`` already holds only content pairs)
        reply_pairs = {(a, b) for (_, a), (_, b) in zip(shared, shared[1:]) if a in asked_words and b in asked_words}
        links |= {asked_pairs[pair] for pair in set(asked_pairs) & reply_pairs if not set(pair) <= mine}
    reply_stems = {st for m, st in hits if not _ordinary(m.group(0))}
    rare = {asked_words[s] for s in set(asked_words) & reply_stems
            if len(s) >= 5 and s not in mine and not any(asked_words[s] in link for link in links)}
    if len(rare) < 2 and not links:
        return ()  # one shared uncommon word is as likely chance as listening
    return tuple(sorted(links | rare))[:4]


_STOP = set(
    """about above after again against also always among another anything around because been before being below
    between both could does doing down during each even ever every from further have having here hers herself
    himself into itself just like made make many more most much must myself never only other ours ourselves over
    really same should some such than that their theirs them themselves then there these they this those through
    very were what when where which while will with would your yours yourself yourselves thing things something
    work working job jobs role roles field career people time think know want really kind sort going lot lots feel
    good great well much year years day days week weeks first last next back still maybe actually pretty quite
    tell talk mean said says mentioned earlier more part parts interesting question questions sounds sound okay
    thanks thank appreciate love like enjoy best hard hardest most hear learn someone somebody anyone everyone""".split()
)


_FRAGMENT_WORDS = 5  # "This job?", "Or in general?", "Least?"
# Words every conversation about work uses: sharing one with their answer is not listening.
_COMMON = set(
    """project projects team teams company companies client clients customer customers manager managers management business businesses
    industry industries product products data code coding design designs meeting meetings office offices skill skills experience experiences
    process processes problem problems school schools student students degree degrees program programs programme training patient patients
    service services system systems software engineering engineer engineers analysis analyst analysts research marketing sales finance money
    budget report reports email emails hours schedule colleague colleagues leadership position positions responsibility responsibilities
    organization organisation organizations organisations career careers opportunity opportunities challenge challenges challenging learning
    technology technical developer developers development support policy strategy different important example examples everything always
    usually probably definitely especially certainly general generally particular specific whole entire today tomorrow yesterday morning
    afternoon evening weekend weekends month months hour minute minutes moment moments start started starting worked works person staff
    employee employees employer employers hiring interview interviews resume application applications internship internships graduate
    graduates university college class classes course courses degree major skills knowledge someone somebody anything everyone nothing
    question answer answers person honest honestly basically literally obviously mostly mainly usually often sometimes environment culture
    advice future trend trends change changes changing stuff plenty little bigger biggest important interesting exciting favorite favourite
    rewarding reward difficult easier harder easiest hardest better worse biggest smallest typical normal average regular daily weekly
    keep keeps getting making taking doing having being coming going saying seeing looking trying helping learning building running writing
    reading talking working asking needed needs wanted wants field fields sector sectors market markets world years months weeks
    surprised surprising surprise enjoyed enjoying enjoyable stressful exhausting honestly mistakes lessons differently journey
    remember remembered realized realised learned learnt decided thought thinking feeling together already without through""".split()
)
# Everyday words that say nothing about this answer in particular.
_EVERYDAY = set(
    """place point small large again today tonight whole right wrong early later often usually maybe sure clear
    easy hard quick slow high low long short young older new old big great little enough other another around
    things stuff parts piece pieces level levels kinds types sorts areas ways reasons given start end ends ended
    person people group groups public private local national global based based main major minor human real really
    simple complex common specific general single every first second third last next often plenty ideas idea
    world country city state states family friend friends house home school class money value values number numbers
    happen happened happens change changed make makes made take takes took give gives gave bring brings brought
    found find finds feels feel felt look looks looked seems seemed use used uses using need needed help helped
    helps start starts call called calls talk talked talks spend spent lead leads led move moved moves""".split()
)
_COMMON_STEMS = {stem(w) for w in _COMMON | _EVERYDAY}
_FUNCTION = set("the a an and or but of to in on at for with by from as is are was were be been it its this that these those i you we they he she my your our their me us them".split())
MAX_CHARS = 4_000  # a spoken turn is far shorter; beyond this only the start and the end are read


def _searchable(norm: str) -> bool:
    return bool(cues.PUBLIC_PROFILE.search(norm) or any(rx.search(norm) for rx in cues.EMPLOYER_FACTS.values()))


def _english(norm: str) -> bool:
    words = norm.split()
    return len(words) < 3 or not _ENGLISH.isdisjoint(w.strip(".,;:!?¿¡'\"()") for w in words)


_ENGLISH = frozenset("""the a an you your what how why where when who which do does did is are was were i to of in and it that
    can could would will should tell me my job work for on with have has about so if or but not this there they we any anything
    anyone some more most like get got much many yes no ok okay thanks thank hi hello hey great good really just very also then
    than now be been am our us he she his her its hiring career field team company role day week time people""".split())


def classify(text: str, previous_reply: str | None = None, earlier: str | frozenset[str] = "",
             familiar: frozenset[str] = frozenset()) -> Classification:
    """Classify one thing the user said; ``previous_reply`` (the professional's last answer) lets
    it notice a follow-up that picks up something specific from that answer, and ``earlier`` (what
    the user said before) and ``familiar`` (stems common to the whole conversation) keep words
    that are not specific to that answer from counting as picked up."""
    read = text if len(text) <= MAX_CHARS else text[: MAX_CHARS // 2] + " … " + text[-MAX_CHARS // 2 :]
    if previous_reply is not None and len(previous_reply) > 4 * MAX_CHARS:
        previous_reply = previous_reply[: 4 * MAX_CHARS]
    norm = prepare(read)
    if not _english(norm):
        return Classification(text=text, is_question=False, kind="none", flags=(),
                              signals=("not read: the rubric reads English only",))
    segments = _segments(norm) or [norm]
    questions: list[Question] = []
    signals: list[str] = [] if read is text else [f"long text ({len(text):,} characters): only its start and end were read"]
    pleasantry_only = True
    for segment in segments:
        seg_signals: list[str] = []
        has_mark = segment.rstrip().endswith("?")
        is_q, kind, pleasantry = _kind_of(segment, has_mark, seg_signals)
        if is_q and questions and seg_signals[-1:] == [STATEMENT_SIGNAL] and len(segment.split()) <= _FRAGMENT_WORDS:
            # "What do you like best about your work? Least?": the fragment continues the question before it
            prev = questions[-1]
            note = f"{segment.strip()!r} continues the question before it"
            questions[-1] = Question(f"{prev.text} {segment.strip()}", prev.kind, (*prev.signals, note))
            continue
        if is_q:
            if not has_mark and not norm.rstrip().endswith("?"):
                seg_signals.append("no question mark")
            questions.append(Question(segment, "open" if kind == "open" else "closed", tuple(seg_signals)))
            pleasantry_only = pleasantry_only and pleasantry
    kind: Kind = "none"
    if questions:
        # Stacked questions ("What is your job like? Is there room to grow?"): the turn invites a wide
        # answer when any of them does; the open one is what they will take up.
        deciding = next((q for q in questions if q.kind == "open"), questions[-1])
        kind = deciding.kind
        if len(questions) > 1:
            signals.append(f"{len(questions)} questions in one turn: " + (
                "one of them is open, so the turn invites a wide answer" if kind == "open" and any(q.kind == "closed" for q in questions)
                else f"all {kind}"))
        signals.extend(deciding.signals)

    employer_fact = next((key for key, rx in cues.EMPLOYER_FACTS.items() if rx.search(norm)), None) if questions else None
    if questions and employer_fact is None and cues.EMPLOYER_NAMED.search(read):
        employer_fact = "description"
    public_profile = bool(questions) and bool(cues.PUBLIC_PROFILE.search(norm))
    if (employer_fact or public_profile) and len(questions) > 1 and any(q.kind == "open" and not _searchable(q.text) for q in questions):
        # "What did you study, and how much of it do you use now?": the open part is worth asking
        signals.append("the fact it asks for leads into an open question: not counted as googleable")
        employer_fact, public_profile = None, False
    flags: list[str] = []
    if employer_fact or public_profile:
        flags.append("googleable")
        signals.append("a quick search answers it" + (f" ({employer_fact.replace('_', ' ')})" if employer_fact else " (public profile)"))
    if cues.JOB_REQUEST.search(norm) or cues.EMPLOYER_HIRING.search(read):
        flags.append("job_request")
    if cues.REFERRAL_REQUEST.search(norm) and "job_request" not in flags:
        flags.append("referral_request")
    if cues.thanks(norm):
        flags.append("gratitude")
    if cues.TIME_CHECK.search(norm):
        flags.append("time_ack")
    if cues.INTRODUCTION.search(norm) or cues.says_who(text, norm):
        flags.append("introduction")
    builds_on: tuple[str, ...] = ()
    if questions and cues.FOLLOW_UP.search(norm):
        flags.append("follow_up")
    elif questions and previous_reply:
        builds_on = specific_links(read, previous_reply, earlier if isinstance(earlier, frozenset) else earlier[-4 * MAX_CHARS:], familiar)
        if builds_on:
            flags.append("follow_up")
            signals.append("picks up what they said: " + ", ".join(builds_on))
    return Classification(
        text=text,
        is_question=bool(questions),
        kind=kind,
        flags=tuple(f for f in FLAG_NAMES if f in flags),
        questions=tuple(questions),
        topics=cues.topics_in_normalised(norm) if questions else (),
        signals=tuple(signals),
        pleasantry=bool(questions) and pleasantry_only,
        greeting=bool(cues.GREETING.search(norm)),
        farewell=bool(cues.FAREWELL.search(norm)),
        employer_fact=employer_fact,
        public_profile=public_profile,
        builds_on=builds_on,
    )
