"""Cues in what the user says: which topics a question is about and which social moves it makes.

Pure and fast (compiled regular expressions over normalised text), shared by the rubric's
classifier and the offline persona engine; they work on lowercase, unpunctuated and contracted
text alike.
"""

from __future__ import annotations

import re

from coffeechat.core.persona import TOPIC_TITLES


# Texting shorthand, read as the words it stands for ("do u travel", "wat do ur days look like").
_SHORTHAND = {"u": "you", "ur": "your", "ya": "you", "wat": "what", "wut": "what", "abt": "about", "ppl": "people",
              "thx": "thanks", "pls": "please", "plz": "please", "bc": "because", "cuz": "because", "wrk": "work"}
_SHORTHAND_RX = re.compile(r"(?<![\w'-])(?:" + "|".join(_SHORTHAND) + r")(?![\w'-]|\.\w)")


def normalise(text: str) -> str:
    """Lowercase, straight quotes, single spaces, shorthand spelt out: what every pattern here expects."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _SHORTHAND_RX.sub(lambda m: _SHORTHAND[m.group(0)], text)
    return " ".join(text.split())


def _rx(*parts: str) -> re.Pattern[str]:
    """One pattern from alternatives. Those starting at a word boundary share one leading ``\\b``,
    so the engine rejects positions inside words once instead of once per alternative."""
    bounded = [p[2:] for p in parts if p.startswith(r"\b")]
    other = [p for p in parts if not p.startswith(r"\b")]
    pieces = ([r"\b(?:" + "|".join(f"(?:{p})" for p in bounded) + ")"] if bounded else []) + [f"(?:{p})" for p in other]
    return re.compile("|".join(pieces))


TOPIC_PATTERNS: dict[str, re.Pattern[str]] = {
    "career_path": _rx(
        r"\bhow did you (enter|know|decide|choose|pick|find|land|begin)\b", r"\b(keys?|secrets?) to your (career|success|advancement|growth)", r"\byour (educational|academic|professional) background", r"\bwhere do you see yourself", r"\b(turned|turn) down\b", r"\bdecisions? (in|about) your career", r"\bwhat (first )?(drew|attracted|brought|pulled) you (to|into) (this|the|that) (field|industry|profession|work|line|career)", r"\bwhat (first )?(drew|attracted|brought|pulled) you (to|into) (?!your|the company|the firm|[a-z]+ (company|firm|agency))[a-z]+ (specifically|in the first place)", r"\bsince you were in my (position|shoes)", r"\bheld you back\b", r"\bwhere you are (today|now)\b|\bwhere you ended up\b|\bgetting to where you are\b",
        r"\bhow (did|do) you (get|end up|become|start|land|break|move|transition|decide|come|find your way)",
        r"\bget(ting)? (into|started in) (this|the|your|that)", r"\byour (career )?(path|journey|story|background)\b",
        r"\bcareer path", r"\bhow you (got|ended up|became|started|moved|came|went)", r"\bbefore (this|you joined|joining)",
        r"\bstart(ed)? (out|your career)", r"\b(your )?first job", r"\bwhat led you", r"\bled you (to|into)",
        r"\btransition(ed)? (into|from|to)", r"\bswitch(ed)? (into|from|to|careers)", r"\bwhy did you (choose|pick|go into) (this|the|that) (field|career|line|profession|path)",
        r"\bhow long did it take you", r"\bwhat did you do before",
        r"\b(made|make|led|pushed|convinced) you (to )?(leave|quit|switch|move|change|pivot|drop)",
        r"\bwhy did you (leave|quit|drop out of) (the |your |a |my )?(phd|academia|doctorate|grad school|lab|program|field|old|first|previous|last)",
    ),
    "typical_day": _rx(
        r"\b(current|recent) projects?\b", r"\bprojects? (are you|do you|you're|you are) (work|working|on)", r"\b(summari[sz]e|describe) your (job|role|work|position)\b", r"\b(people|who) do you (work|collaborate|interact) with\b", r"\bwho do you work with\b", r"\binteraction (do you|with)\b", r"\bwork with (other|mostly|only)\b", r"\b(code review|review) process\b", r"\bduties\b", r"\bwhat (is|does) (a|your) (\w+ )?(week|day) (like|look)",
        r"\b(typical|normal|average|usual|regular|ordinary) (\w+ )?(day|week|workday|shift)", r"\bday[- ]to[- ]day",
        r"\bdaily\b", r"\bday in the life", r"\bon[- ]call\b", r"\b(work|working) (weekends|nights|evenings|late|remotely|from home)\b", r"\b(day|week|days|weeks|shift) (look|looks|looked) like",
        r"\bhow do you spend", r"\bspend (most of |the bulk of )?your (time|days|day|week|hours)", r"\broutine",
        r"\bwhat do you (actually |really )?do (all day|each day|every day|on a given day|at work)",
        r"\bwhat does (your|the|a) (job|role|work|position) (involve|entail|look like|consist)", r"\bresponsibilit",
        r"\bwhat (are|is) you working on", r"\bwhat kind of (work|projects|tasks)",
    ),
    "rewarding": _rx(
        r"\breward", r"\benjoy", r"\bfavou?rite", r"\bbest (part|thing|moment)", r"\blike (most|best|about)",
        r"\blove (most |best )?about", r"\bsatisf", r"\bproud", r"\binteresting (part|thing|about)", r"\bexcit",
        r"\bmotivat", r"\bfulfil", r"\bmeaningful", r"\bkeeps you (going|motivated)", r"\bfun part", r"\bhighlight",
        r"\bget out of bed", r"\bwhat do you like", r"\b(do|did) you (like|love|enjoy)",
    ),
    "challenges": _rx(
        r"\bchalleng", r"\bhard(est)? (part|thing|about)", r"\bdifficult", r"\bfrustrat", r"\bworst", r"\bleast (favou?rite|enjoy|like)",
        r"\bstress", r"\bstruggl", r"\bdownside", r"\btough", r"\bpain points?", r"\bobstacle",
        r"\bsurprised you", r"\bdidn't expect", r"\bdislike", r"\bdrawback", r"\bburn ?out", r"\bkeeps you up at night",
        r"\bwhat('s| is) (hard|not so great)", r"\bdon't like",
        r"\bhow do you (cope|deal|live|put up) with\b", r"\bpush(ed|es|ing)? ?back\b", r"\bdisagree", r"\bconflicts?\b",
        r"\b(went|go|goes|going|gone) (badly|wrong|sideways|south)\b", r"\bfail(ed|ure|ures|ing)?\b", r"\bflop(ped)?\b", r"\bhow do you (manage|handle|sustain|survive|keep up with) (the |that |this |all (the|that) )?(travel|hours|stress|pressure|workload|schedule|pace|burnout|long[- ]term)",
    ),
    "skills": _rx(
        r"\bskill", r"\bqualit(y|ies) (do|does|make|that)", r"\bstrengths?\b", r"\btools?\b",
        r"\bgood at\b", r"\bsucce(ed|ssful)", r"\bwhat makes (someone|a person|people|somebody) (good|great|effective)",
        r"\bcompetenc", r"\btraits?\b", r"\bcharacteristics", r"\bwhat do you (need|have) to (know|be good)",
        r"\bwhat (languages|programs|methods)",
    ),
    "preparation": _rx(
        r"\btraining\b", r"\bcredentials?\b", r"\b(enter|entering|break into|get into) (this|the) (field|industry|profession)\b(?! in the first place)", r"\bjob (search|hunt)", r"\b(hire|hiring) (a )?(new )?(grads?|graduates?|juniors?)", r"\bwhat do you look for (in|when)", r"\b(position|job) titles\b", r"\b(interns?|co-ops?)\b", r"\bgraduate school\b|\bgrad school\b", r"\bstrateg(y|ies) for (seeking|finding|getting) (a )?(job|position|work)",
        r"\bprepar", r"\bprep\b", r"\bexperiences? (would|should|do|does|that|help|prepare|matter|is|are)", r"\b(which|what) (degree|major|courses?|classes|certificat)",
        r"\bdegree", r"\bmajor in", r"\bcertif", r"\bmaster'?s\b", r"\bmba\b", r"\bphd\b", r"\binternships?\b",
        r"\bvolunteer", r"\beducation", r"\bqualif", r"\bfoot in the door", r"\bbreak into", r"\bget started",
        r"\bentry[- ]level", r"\bstand out", r"\bportfolio", r"\bbootcamp",
        r"\bhow (do|can|would|should|could) (i|someone|people|one|somebody) (get (into|in|hired|started)|become|start|prepare|move into)",
        r"\b(how|where) (should|could|can|do) i (start|begin|learn)", r"\bwhat should i (learn|study|read)",
    ),
    "trends": _rx(
        r"\btypes of (jobs|roles|positions) (that )?(exist|are there)", r"\bwhere can (you|i|someone|one) work\b", r"\bdevelopments? in (the|this) (field|industry)", r"\bopinion on\b.{0,40}\b(development|change|trend)",
        r"\btrends?\b", r"\bfuture\b", r"\bchanging\b", r"\b(changes?|changed) (in|over|to|you('ve)? seen)", r"\bnext (few|five|ten|\d+) years",
        r"\bai\b", r"\bartificial intelligence", r"\bautomation", r"\bgoing forward", r"\boutlook", r"\bevolv",
        r"\bwhere (is|do you see|will) (the|this|your) (field|industry|profession|sector)", r"\bshift(s|ing)? (in|toward|towards|away|to)\b", r"\bemerging",
        r"\bdisrupt", r"\bjob market", r"\bhiring market", r"\bwhere things are (going|headed)", r"\bheaded\b",
        r"\bwhere do you see .{0,40}\bgoing", r"\bwhere .{0,30}\b(is|are) (going|heading)\b",
    ),
    "culture": _rx(
        r"\blifestyle\b", r"\bfeel valued\b", r"\bthrive\b", r"\btaken seriously\b|\btake (your|my) (suggestions|ideas)",
        r"\bcultur", r"\bteam (like|dynamic)", r"\b(work|working) environment", r"\benvironment like", r"\bcolleagues",
        r"\bco-?workers", r"\bwork[- ]life", r"\bbalance\b", r"\bremote\b", r"\bhybrid\b", r"\bmanagement style",
        r"\byour (manager|boss|team)\b", r"\bvalues\b", r"\bwhat are (the )?people like", r"\batmosphere", r"\bpeople you work with",
        r"\bwhat('s| is) it like (to work|working) (at|there|here|for)",
    ),
    "why_employer": _rx(
        r"\bdevelopment opportunit", r"\b(next level|promoted|promotion|advance|advancement) (at|in|within) (\[?company|\[?firm|your (company|firm|organi[sz]ation))", r"\bend up at\b", r"\bversus other (firms|companies|banks|employers)\b|\bother (firms|banks|companies) you considered\b",
        r"\bwhy (did you )?(choose|pick|join|select|go (with|to)|decide (on|to join))\b(?!.*\b(field|career|profession|path)\b)",
        r"\bwhat (drew|attracted|brought|pulled) you (to|into)", r"\bwhy (this|that|your) (company|firm|organi[sz]ation|employer|agency|hospital|school|nonprofit|place|team)",
        r"\bwhy (do you )?stay", r"\bkeeps you (at|there|here)", r"\bchose (this|your|them|it)\b", r"\bwhy (work|working) (there|here|at|for)",
    ),
    "advice": _rx(
        r"\bwhat can i do (now|today|this year)\b", r"\bleverage (my|your)\b", r"\bbest way for me\b", r"\brelated fields?\b", r"\b(books|podcasts|communities|newsletters|blogs)\b", r"\b(whose|who) (thinking|work|writing) (do you|you) (follow|read|pay attention)",
        r"\badvice", r"\badvise", r"\brecommend(?!ations?\b(?! (for|on how|about|you('d| would) give)))(?! (me|i|that i|someone|anyone|somebody|people|who|talking|speaking|reaching))",
        r"\bsuggest(?!.*\b(talk|speak|reach|contact|meet)\b)", r"\btips?\b", r"\bwish (you|i|someone|somebody) (had )?(knew|known|told)",
        r"\bif you were (me|in my|starting|in your twenties|(a|an) [\w' -]{1,30}? (today|now|again|starting out))", r"\bwhat would you (tell|say to|do if|do in)", r"\bshould i\b",
        r"\b(would|did) you (have )?(do|done) (anything |things |it )?differently", r"\bdo (anything |things |it )?differently (if|now|next time|looking back|in hindsight)", r"\blessons?\b", r"\bmistakes? (to avoid|people make|you made)",
        r"\bbiggest mistake", r"\byour shoes", r"\bstarting out today",
    ),
    "compensation": _rx(
        r"\bsalar", r"\bpay\b", r"\bpaid\b", r"\bcompensat", r"\bhow much (do|does|did|can|will|would) (you|they|one|people|a|an|someone)",
        r"\bmake a year", r"\bearn", r"\bwages?\b", r"\bbonus", r"\bequity\b", r"\bstock options", r"\bbenefits package",
        r"\bhow much money", r"\bsix figures", r"\bhow much .{0,30}\b(make|earn|paid|pay)\b", r"\bstarting (salary|pay)",
    ),
}

GREETING = _rx(r"^(hi|hello|hey|good (morning|afternoon|evening)|greetings)\b", r"\b(nice|great|lovely|good|a pleasure) to (meet|e-?meet)",
               r"\bpleasure to meet", r"\bthanks? (you )?(so much |very much )?for (taking|making|meeting|agreeing|finding|setting|doing) ")
INTRODUCTION = _rx(
    r"\bmy name is\b", r"\bi'?m (a|an|currently|in my|studying|finishing|graduating|working|a recent|exploring|thinking|looking into|in the process)\b",
    r"\bi am (a|an|currently)\b", r"\bi (study|studied|work|graduated|recently graduated|just graduated|majored)\b",
    r"\bi'?ve been (working|studying)", r"\breached out because", r"\breason i reached out", r"\bthe reason i",
    r"\bi wanted to (learn|talk|ask|chat|hear|understand|get your)", r"\bhoping to (learn|hear|understand|get)",
    r"\bi'?m (interested|curious) in (moving|switching|becoming|getting into|a career)", r"\ba bit about me", r"\bmy background is",
    r"^(hi|hello|hey)?,? ?i'?m [a-z]+, (a|an)\b", r"\bi spent \w+ (years|months) (in|at|as)", r"\bi'?m (looking|hoping|trying|planning) to (move|switch|transition|decide|figure|get|break|learn)",
    r"\bi'?m considering\b", r"\bi'?m (switching|moving|transitioning|pivoting|changing careers)\b", r"\bi'?m a (recent|current|first|second|third|fourth|junior|senior|sophomore|freshman|grad|graduate|student|nursing|phd|master)",
)
# The two halves of a good opening: who you are, and why you asked for the conversation.
_IM = r"i(?:'?m| am)"
_NOT_A_NAME = (r"(?!(?:curious|interested|excited|glad|happy|sorry|thinking|wondering|hoping|trying|looking|not|so|really|just|here|sure|good|fine|well|great|"
               r"also|still|a|an|the|in|at|from|currently|exploring|considering|keen|new|nervous|grateful|thrilled|delighted|studying|working)\b)")
IDENTITY = _rx(
    r"\bmy name is\b(?! not\b)", rf"(?:^|[.!?;,] |\band )(?:(?:hi|hello|hey)(?: there)?,? )?(?:so,? )?{_IM} {_NOT_A_NAME}[a-z]+(,| and| from| at| -|[.!]|$)",
    r"\b(?:hi|hello|hey),? [a-z]+ ?[,—–-]+ ?[a-z]+ here\b", r"\bwe met (at|in|during|through|last|on)\b", r"(?:^|[.!?] )as an? [a-z-]+(?: [a-z-]+){0,3},",
    r"\b(senior|junior|sophomore|freshman|first-year|second-year|final-year|student|grad student|graduate student|undergrad|intern|major) (at|in|from|studying) [a-z]",
    rf"\b{_IM} (a|an) (recent|current|first|second|third|fourth|final|junior|senior|sophomore|freshman|"
    r"grad|graduate|student|nursing|phd|master|mba|former|data|software|marketing|teacher|career|mid-career|new grad|undergrad)", rf"\b{_IM} (currently|in my)\b",
    r"\bi (study|studied|work|worked|graduated|majored|recently (graduated|finished|completed|left|moved))\b",
    r"\bi'?ve been (working|studying)", r"\bi spent \w+ (years|months)", r"\ba bit about me", r"\bmy background is", rf"\b{_IM} a \w+ (at|in|from)\b",
    rf"\b{_IM} (a|an) [a-z-]+ (student|major|senior|junior|sophomore|freshman|graduate|grad|analyst|engineer|teacher|nurse|manager|professional|career changer|researcher|designer)\b",
    rf"\b{_IM} (studying|majoring|finishing|completing|pursuing|graduating|working as|working in|doing (a|my) (degree|masters?|phd|bachelor))",
    r", (a|an) (recent |current |final-year |first-year |second-year |third-year )?(junior|senior|sophomore|freshman|student|graduate|grad student|career changer|[a-z]+ major)\b",
)
PURPOSE = _rx(
    r"\b(great|good|right|best|ideal|perfect) person to (ask|talk to|speak (to|with)|learn from|chat with)", r"\breferred me to you",
    r"\b(suggested|recommended|said) (i|that i|we) (talk|speak|reach out|contact|get in touch|chat|connect)",
    r"\bthinking (of|about) (moving|switching|going into|getting into|a career|transitioning|becoming|applying|a move|a change)",
    r"\b(value|appreciate|love) (hearing|learning|your (perspective|thoughts|advice|take|insight|view))",
    r"\breached out because", r"\b(curious|interested) (about|in|how|what|why|to (hear|learn|know|understand))\b", r"\bto learn (more )?about\b",
    r"\b(want|wanted|hoping|hope|hoped|would love|'d love|like|'d like) to (learn|hear|understand|know|ask|explore|get a sense|find out)\b", r"\breason i (reached out|wanted|asked)", r"\bhoping to (learn|understand|hear|get)", r"\b(trying|looking) to (decide|figure|understand|learn|move|switch|transition|break)",
    r"\bi'?m (exploring|considering|thinking about|thinking of|weighing|interested in|curious about|looking into)\b", r"\bwanted to (learn|talk|ask|chat|hear|understand|get your)",
    r"\bexploring\b", r"\binterested in (a career|careers|moving|switching|becoming|getting into|working)",
    r"\bwhich is why i\b", r"\bi'?d love to (learn|hear|understand)", r"\bdeciding (between|whether)", r"\b(hoped|hope) to (hear|learn|understand|ask)",
)
# The name in "I'm Sam, a junior…", "my name is Zoë and…": a capitalised word after the words that
# give one, in any script, and not one of the words that often follow "I'm".
_GIVES_NAME = re.compile(r"\b(?i:i['’]?m|i am|my name is|this is)\s+([^\W\d_]{2,21})\b")
_NOT_NAMES = frozenset("a an the so really just curious interested currently exploring looking trying hoping thinking"
                       " not sure glad happy excited here new still".split())


def introduced_name(text: str) -> str | None:
    """The first name someone gives for themselves in ``text``, if any."""
    m = _GIVES_NAME.search(text)
    if m is None:
        return None
    name = m.group(1)
    if not (name[0].isupper() and name[1:].islower()) or name.lower() in _NOT_NAMES:
        return None
    return name


# "I'm Tasha Greene, I just finished…": a name and a surname, as written (capitals tell a name)
FULL_NAME = re.compile(r"\b(?:I['’]?m|I am|[Mm]y name is|[Tt]his is)\s+[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+(?:\s*[,.!;—–-]|\s+(?:and|from|at)\b)")


def says_who(text: str, norm: str | None = None) -> bool:
    """Whether ``text`` says who the speaker is ("I'm Sam, a junior…", "I'm Tasha Greene, …")."""
    return bool(IDENTITY.search(normalise(text) if norm is None else norm) or FULL_NAME.search(text))


STAY_IN_TOUCH = _rx(r"\bconnect (with you )?on linkedin", r"\blet you know how (it|things|my [\w' -]{1,30}?) (goes|go|turns? out|went|works? out)",
                    r"\b(stay|keep|kept|stayed|keeping|staying) in touch", r"\b(keep|kept|keeping) you (posted|updated|in the loop)", r"\bfollow up\b",
                    r"\bsend you (a|an) (\w+ )?(note|email|message|update|line)", r"\blet you know (what|how|where|which) (i|it|things|my)\b",
                    r"\bconnect on linkedin", r"\breach out again", r"\blet you know how (it|things) (goes|go|turn)", r"\bupdate you\b")
THANKS = _rx(r"\bthank", r"\bthanks\b", r"\bappreciate", r"\bgrateful", r"\bgratitude", r"\bcheers\b", r"\bmuch appreciated\b",
             r"\b(this|that|it|you) (was|were|has been|have been) (super |really |so |very |incredibly |extremely |truly )?(helpful|useful|valuable|insightful|illuminating|generous)")
# "Thanks for nothing", "no thanks": the word without the thanks
NOT_THANKS = re.compile(r"\bthanks?,? but no,? thanks?\b|\bthanks? for nothing\b|\bno,? thanks?\b|\bthanks?,? but no\b")


def thanks(norm: str) -> bool:
    """Whether normalised text thanks them (not "no thanks" or "thanks for nothing")."""
    if not THANKS.search(norm):
        return False
    return not NOT_THANKS.search(norm) or bool(THANKS.search(NOT_THANKS.sub(" ", norm)))
FAREWELL = _rx(r"\b(good)?bye\b", r"\btake care\b", r"\bhave a (good|great|nice|lovely)", r"\btalk (to you )?(soon|later)",
               r"\blet you go\b", r"\bwrap (up|this up|things up)", r"\bkeep in touch", r"\bstay in touch", r"\bfollow up (with you|by email)",
               r"\bthat'?s all (my|the) questions", r"\bthat'?s (everything|all i had)")
JOB_REQUEST = _rx(
    r"\b(are you( guys| all| folks)?|is (your|the) (team|company|firm|group|department|organi[sz]ation|office|unit|school|hospital)) "
    r"(currently |still |actively |even )?hiring\b(?! (more|fewer|less|differently|mostly|mainly)\b)",
    r"\bany (current )?(open(ing)?s|open positions|positions|roles|jobs|vacancies)\b(?! (like|such))", r"\bjob (openings?|opportunit)",
    r"\b(refer|referring|recommend|recommending) me (for|to)\b", r"\breferral (for|to) (a|the|an|your)",
    r"\b(pass|forward|send|share|submit|give) (along |on )?my (resume|cv|résumé|application|portfolio) (to|along|on)",
    r"\b(pass|forward|send|share)(ing)? (along |on )?my (resume|cv|résumé)", r"\b(pass|forward|send|share|submit|give)(ing)? (along |on )?my (resume|cv|résumé|application|portfolio)\b", r"\b(give|get|offer|find) me (a|an) (job|interview|internship|position|role)",
    r"\bhir(e|ing) me\b", r"\bput in a (good )?word", r"\bwork (for|with|under) you\b", r"\binterview me\b",
    r"\b(could|can|would) you (help me )?(get|land) (me )?(a|an) (job|interview|internship|position)",
    r"\bjob (at|with|on) your", r"\bposition (at|with|on) your", r"\b(role|internship) (at|with|on) your",
    r"\bjoin your (team|company|firm|unit|department)", r"\bget (hired|in) (at|with) your",
    r"\bsend you my (cv|resume|résumé|application)", r"\bforward (it |them |my \w+ )?(on |along )?to (hr|recruiting|your recruiter|the recruiter|the hiring manager)",
    r"\b(i|me) (to )?(get|be|getting) hired (here|there|at (your|this|the) (company|firm|place|organi[sz]ation)|by (you|your))\b",
    r"\bhow (do|can|could|would|should|might) i (get|land) (a job|hired|in|a position|a role|an internship|an offer) (here|there|at your|with you|on your|with your)\b",
    r"\brefer me\b", r"\bkeep me in mind\b", r"\bconsider me for\b", r"\bput me forward\b", r"\buse your name (when i apply|on my (application|cv|resume)|in my (application|cover letter))",
    r"\b(a|any) (job|position|role|opening|internship|vacancy|spot) for me\b", r"\bhelp me (find|get|land) (a|an) (job|position|role|internship|interview)\b",
    r"\bany (internships?|entry[- ]level (roles|positions|jobs)) (available|open|at your|on your|in your)",
    # openings where they work: "Any open roles on your team?", "Is there an opening?", "positions open at Tidewater"
    r"\b(any|an|are there( any)?|is there( an?| any)?|do you have( any)?|does (your|the) \w+ have( any)?)( current| new)? (open (roles?|positions?|jobs?|spots?|reqs?)|openings?|vacanc(y|ies))\b"
    r"(?! (in|across) (the|this|that) (field|industry|market|sector|area|region|country|city)\b)",
    r"\b(positions?|roles?|jobs?|spots?|openings?) (open|available|opening up) (at|on|in|with) (your|you|the (team|company|firm)|[a-z&'-]+\??$)",
    # being a referral or a reference for me
    r"\b(be|act as|serve as) (my|a) (referral|reference|referee)\b", r"\buse you as (a|my) (referral|reference|referee)\b",
    # me getting in: "help me get hired", "could I get an internship with you", "do you think I could get a job there"
    r"\b(help|get) me (get |land |find |into )?(hired|a job|an interview|an internship|a position|a role|an offer|my foot in the door|in the door)\b",
    r"\b(could|can|would|might|may) i (get|land|have) (a|an) (job|internship|interview|position|role|offer|spot)\b(?! (in|like) (this|the|that) (field|industry))",
    r"\bi (could|can|might|would) (get|land) (a|an) (job|internship|position|role|offer) (there|here|at|with|on)\b",
    r"\b(i|me) (to )?(get|be|getting) hired (at|by|with|on) (?!this (stage|point)|the (start|end|beginning))",
    r"\bfoot in the door (at|with|on) (your|you)", r"\btake me on\b", r"\b(can|could|may|should) i apply (to|for|with) (your|you|the (role|position|opening|team))",
    r"\b(introduce|connect|put) me (to|with|in touch with) (your|the) (hiring manager|recruiters?|recruiting|hr|talent|hiring team)",
    r"\b(check|look|follow up) (on|at|up) my application\b", r"\bmy application\b.{0,40}\b(could|can|would) you\b|\b(could|can|would) you\b.{0,40}\bmy application\b",
    r"\blet me know (if|when) (anything|something|a (role|position|job|spot)|an (opening|internship)) (opens|comes up|becomes available|is available)",
    r"\bdo you (need|want|have room for) (an? |another |more |any )?(intern|interns|new hires?|junior|juniors|analysts?|help on your team)\b",
    r"\b(love|like|want|hope|hoping|keen) to (be (a )?part of|join|work (on|in|at|with|for)) (it|that|your (team|company|firm|group)|the team|you)\b",
    r"\b(i|i'?d|i would|me) (be )?(a )?(good|great|strong|right) fit (for|on|at|with) (your|the|this) (team|company|firm|role|group|position)",
    r"\b(list|put|name|use) you (down )?as (a|my) (reference|referral|referee)", r"\b(introduce|connect|put) me\b.{0,40}\b(hiring|recruit|hr\b|talent acquisition)",
    r"\bthe open (role|position|req|job)\b", r"\babout (the |any )?(openings?|open (roles?|positions?)|job openings?|vacanc)",
    r"\bappl(y|ied|ying)\b.{0,30}\b(mention(ed|ing)?|use|used|drop(ped)?) your name", r"^(are you |you )?(hiring|jobs?|openings?|any (jobs|openings|roles|positions))\?+$",
    r"\bdo you know (of )?(anyone|anybody|someone|any (companies|teams|places|people)) (who('s| is| are)? |that('s| is| are)? )?hiring\b",
    r"\blooking for (a |an )?(job|role|position|internship|work)\b[^.?!]{0,30}\b(can|could|would) you (help|)",
)
REFERRAL_REQUEST = _rx(
    r"\b(someone|anyone|somebody|anybody|people) (on|in|at|from) your (team|group|office|network|company|firm|field)\b.{0,20}\b(i|me) (should|could|might|ought to) (meet|talk|speak|contact|reach out|connect)",
    r"\bdo you know (anyone|anybody|someone|somebody|people)\b", r"\b(any|other) colleagues (who|that|i)", r"\bcolleagues? who'?d be open",
    r"\b(anyone|someone|somebody|anybody) else", r"\bwho else", r"\bother people (i|you|that)", r"\b(other|another) person",
    r"\b(people|someone|anyone|somebody|anybody|colleagues?) (you|that you|who you) (think|would|recommend|suggest|know)",
    r"\bintroduc(e|ing|tion) (me|to)\b", r"\bconnect me", r"\bput me in touch", r"\b(recommend|suggest) (i|that i|who i) (talk|speak|reach|contact|meet)",
    r"\b(talk|speak) (to|with) next", r"\bworth (talking|speaking|reaching)", r"\brecommend (someone|anyone|people|talking|speaking)",
    r"\bsuggest (someone|anyone|people)", r"\bwho (should|could|would) i (talk|speak|reach out|contact)",
)
TIME_CHECK = _rx(
    r"\b(we'?re|we are) (at|over|past|near|close to|almost at|nearly at) (the |our )?time\b", r"\bi know (we'?re|we are) (at|over|out of) time",
    r"\b(we|i) (have|'ve got|got) (about |around |only |just )?(a few|a couple( of)?|\w+|\d+) (more )?minutes? (left|remaining)",
    r"\bhow are we (doing )?on time", r"\b(are we|we'?re) (almost|nearly|running|about) (out of|over|at|up)",
    r"\b(how much|how many minutes) (time |more time )?(do we have|have we got|left|remaining)", r"\brespect(ful)? (of )?your time",
    r"\bmindful of (the|your) time", r"\btime (left|remaining)\b", r"\bout of time", r"\bdo you (need|have) to (go|run|leave|jump)",
    r"\bstill have time", r"\bkeep(ing)? (an eye on|track of) (the )?time", r"\bwatch(ing)? the (time|clock)", r"\bi know (we'?re|you'?re) (short|busy|almost)",
    r"\bis it (ok|okay|alright) if (i|we) (ask|go)", r"\b(one|two) (more|last) questions?", r"\bbefore (we|you|i) (run out|go|have to go)",
    r"\bi know (your time is|you have) ", r"\b(my |one |a )?(last|final) question", r"\bbefore we (wrap|finish|end|close)",
    r"\bwrap(ping)? (up|things up)", r"\b(i'?ll|let me) let you go", r"\b(don'?t|do not) want to keep you", r"\bkeep (this|it|things) (short|brief|quick)",
    r"\bhard stop", r"\bi know you'?re (busy|short on time|pressed for time)", r"\b(few|couple( of)?) (more )?minutes (left|remaining)",
    r"\brunning (short|low|out) (on|of) time", r"\b(have|got) time for (one|a|another) (more|quick|last)", r"\bare we (running )?over\b",
    r"\bneed to (go|run|leave|head out) soon", r"\blet you get back to", r"\b(almost|nearly|close to|right at|about at) (the )?time\b",
)
FOLLOW_UP = _rx(
    r"^(what|how|why|where|when|who)\b.{0,60}\b(about|from|with|of|after|behind) (that|it|them|those)\??$",
    r"\bhow did you (cope|handle (it|that|them)|deal with (it|that|them)|manage (it|that)|react|respond|get through (it|that)|recover|find out)\b",
    r"\bwhat (made|makes) (that|it) (so |such |feel )?", r"\bhow did (that|it|they) (change|affect|shape|work|happen|end|start)\b",
    r"^(and )?(then|after that) what\b", r"\bwhat (came|comes) (of|out of) (that|it)\b",
    r"^(and |so |but |oh,? )?(can|could|would) you (say|tell me|talk|expand|elaborate|go into|explain) (a (little|bit) )?more",
    r"\b(tell me|say) more\b(?! about (your|the|a|an|how|what|why|where|when|who|which|working|being|life)\b)", r"\bwhat do you mean", r"\bwhat did you mean", r"\bhow so\b", r"\bwhy (is|was) that\b",
    r"\belaborate", r"\bgo deeper", r"\bmore about (that|this|it|what you)", r"\byou (mentioned|said|talked about)", r"\bearlier you",
    r"\bback to (what|something) you", r"^(and )?why\??$", r"\bfor example\b", r"\bwhat was that like", r"^like what",
    r"\bwhat happened (next|then|after)", r"\bhow did (that|it) (go|turn out|feel)", r"\bcan you give (me )?an example",
)

EMPLOYER_FACTS: dict[str, re.Pattern[str]] = {
    "description": _rx(r"\bwhat (does|do) (your|the|this) (company|firm|organi[sz]ation|agency|employer|nonprofit|startup) (do|make|sell|offer)\b(?! (differently|that|to|for you|about|when|if|better|well|with you)\b)",
                       r"\bwhat (does|do) (it|they) (do|make|sell)\b", r"\bwhat products", r"\bwhat services"),
    "size": _rx(r"\bhow many (employees|staff members|workers)\b", r"\bnumber of employees", r"\bheadcount", r"\bhow many beds",
                r"\bhow many (people|engineers|consultants|nurses|teachers|staff) (work|are employed|does it employ) (at|for|in|there)\b(?! (your|the|my) (team|unit|group|department))",
                r"\bhow (big|large) is (your|the|this) (company|firm|organi[sz]ation|agency|hospital|school|nonprofit|employer|startup|business)\b",
                r"\bhow many people does .{1,40} (have|employ)\b"),
    "founded": _rx(r"\bwho (founded|started|created) (the|your|this) (company|firm|organi[sz]ation|startup|agency|nonprofit|business)\b",
                   r"\bwhen was (it|your|the|this) .{0,40}(founded|started|established|created)", r"\bwhat year was",
                   r"\bhow old is (the|your) (company|firm|organi[sz]ation)", r"\bfounded (in )?(what|which) year", r"\bwhen (did|was) .{0,30}found"),
    "headquarters": _rx(r"\b(where|what city|which city|what state)\b.{0,40}\bheadquarter", r"\bheadquarters?\b.{0,20}\b(located|based|where)\b", r"\bheadquartered\??$", r"\b(corporate|main|head) office\b", r"\boffices in other (locations|cities|countries|states)", r"\bwhere (is|are) (your|the|this) (company|firm|organi[sz]ation|agency|employer|nonprofit|startup|business)( \w+)? (based|located)",
                        r"\bhq\b", r"\bwhere are (your|the) offices"),
    "public_facts": _rx(r"\bwhat offices\b", r"\bhow many offices\b",
                        r"\bwhat('s| is| are) (the|your) (company|organi[sz]ation|firm|agency|nonprofit|employer)('s)? (mission|values|mission statement)\b",
                        r"\bhow much (funding|money) (did|has|have)", r"\braised?\b.*\b(funding|series|round)", r"\bis (it|the company) public",
                        r"\bwho is (your|the) (ceo|founder|president|executive director)", r"\bwhat industries (does|do) .{0,30}(work|serve|operate)",
                        r"\bwhere are (your|the|its) offices", r"\bwho are your (main |biggest )?(clients|customers|competitors)",
                        r"\bpublicly traded", r"\bwho (are|is) (your|their) (competitors|clients|customers|parent company)",
                        r"\bhow many (offices|clients|customers|users|states|locations|clinics)"),
}
# Case-sensitive, on the original text: "What does Ledgerline do?" names the employer.
# Case-sensitive, on the original text: "Is Harlow & Pike hiring this year?" names the employer.
EMPLOYER_HIRING = re.compile(
    r"\b[Ii]s (?![Tt]he\b|[Tt]his\b|[Ii]t\b|[Tt]hat\b|[Tt]here\b)[A-Z][\w&'.-]*(?: (?:&|and|[A-Z][\w&'.-]*))* (?:currently |still |actively )?hiring\b"
    r"(?! (?:more|fewer|less|differently|slowing|slow|down|up|picking|freeze|frozen|trends?|market|practices|process)\b)"
)
EMPLOYER_NAMED = re.compile(
    r"\b[Ww]hat (?:does|do|did) (?!I\b|You\b|They\b|It\b|People\b|Your\b|The\b|A\b|An\b)[A-Z][\w&'.-]*(?: (?:&|and|[A-Z][\w&'.-]*))*"
    r" (?:do|make|sell|offer|build)\b(?! (?:differently|that|to|for you|about|when|if|better|well|with you)\b)"
)
PUBLIC_PROFILE = _rx(
    r"\bwhen did you (join|start at|start with|move to)\b", r"\bhow long have you been (a|an|in (this|your|the) (role|position|job)|at|there|here|with|doing)\b",
    r"\bwhere did you (go to (school|college|university|undergrad|grad school|business school)|go for (undergrad|college|your degree)|study|get your (degree|masters?|mba|phd)|graduate)",
    r"\bwhat did you (study|major in)", r"\bwhat (was|is) your (degree|major)", r"\bwhere did you work before",
    r"\bhow long have you (been|worked) (at|there|here|in|with|doing)", r"\bhow many years have you (been|worked) (at|there|here|in|with|as|doing (this|that|it))\b",
    r"\bdid you (study|major in)\b", r"\bwhen did you (start|join) (at|with)\b", r"\bwhat year did you (join|start|graduate)",
    r"\bwhat degrees? (do|did) you (have|get|earn|hold)", r"\bwhat('s| is) your (job )?title",
    r"\bwhat (school|college|university) did you", r"\bwhat (other )?(roles|jobs|positions|companies|employers) have you (worked|held|had|been)",
    r"^(can you |could you |please )?tell me (a (little|bit) )?about yourself\b",
)

def topics_in(text: str) -> tuple[str, ...]:
    """Topics a text asks about, in the order they first appear."""
    return topics_in_normalised(normalise(text))


def topics_in_normalised(norm: str) -> tuple[str, ...]:
    found = []
    for key, pattern in TOPIC_PATTERNS.items():
        match = pattern.search(norm)
        if match:
            found.append((match.start(), key))
    return tuple(key for _, key in sorted(found))


assert set(TOPIC_PATTERNS) == set(TOPIC_TITLES), "every persona topic needs a pattern"
