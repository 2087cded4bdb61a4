"""A persona of a real person, drafted offline from what their pasted profile states.

``draft_offline`` turns ``ProfileFacts`` (``profile_facts``) into the fields of a persona: the
stated facts where the persona holds them, plausible invented values for what a quick search
would answer (to correct), and the voice of the closest built-in persona (marked as generic, to
rewrite). Every field carries a note saying which of the three it is, so the file the user gets
says what to trust. No network and no model.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coffeechat.core.persona import Persona
from coffeechat.core.profile_facts import TITLES, ProfileFacts, clean_text, clip, norm, read_profile, unique, years_of
from coffeechat.errors import CoffeechatError

if TYPE_CHECKING:  # the library is passed in; the core does not load files
    from coffeechat.store.personas import PersonaLibrary

# -- drafting ----------------------------------------------------------------------------------------

FROM_PROFILE, INVENTED, GENERIC = "from the profile: ", "invented: ", "generic: "
INVENTED_NAME = "Alex Morgan"  # neutral, and plainly a placeholder the user replaces
NEUTRAL_GREETING = "Hi, thanks for reaching out. What would you like to know?"
# made-up colleagues for a drafted persona (the built-in persona's own colleagues are that person's)
_COLLEAGUE_NAMES = (("Nadia Kovac", "she/her"), ("Sam Whitaker", "he/him"), ("Theo Marchetti", "he/him"),
                    ("Amara Osei", "she/her"), ("Jonah Lindqvist", "he/him"), ("Priscilla Duarte", "she/her"),
                    ("Ravi Menon", "he/him"), ("Hana Sato", "she/her"), ("Elliot Brandt", "he/him"),
                    ("Ines Moreau", "she/her"))
_SENIORITY = re.compile(r"^(?:senior|sr\.?|lead|principal|staff|chief|head of|associate|junior|jr\.?)\s+", re.I)


@dataclass
class PersonaDraft:
    """A persona's fields (without its id), a note per dotted field path saying where each part
    came from ("from the profile: …", "invented: …", "generic: …"), and the built-in persona whose
    voice the generic parts borrow."""

    data: dict[str, Any]
    notes: dict[str, str]
    based_on: str
    general: bool = False  # no built-in persona is in their field: what they say about the work is general


FIELD_MATCH_MIN = 2.5  # below this ``field_match``, a built-in's passages would be another field's


# what a word in a profile says about the field, by built-in persona id, with a weight
SYNONYMS: dict[str, tuple[tuple[str, float], ...]] = {
    "software-engineer": (("software engineer", 3), ("software developer", 3), ("engineer", 2), ("developer", 2),
                          ("swe", 3), ("programmer", 2), ("backend", 2), ("frontend", 2), ("full stack", 2),
                          ("devops", 2), ("site reliability", 2), ("sre", 2), ("infrastructure", 1),
                          ("chief technology officer", 1.5), ("cto", 1.5), ("architect", 1), ("computer science", 1),
                          ("инженер", 2), ("программист", 3), ("разработчик", 3), ("エンジニア", 3), ("プログラマ", 3),
                          ("開発", 1)),
    "registered-nurse": (("nurse", 3), ("nursing", 3), ("rn", 3), ("bsn", 2), ("msn", 2), ("nurse practitioner", 3),
                         ("icu", 2), ("intensive care", 2), ("patient care", 1), ("clinical", 1), ("hospital", 1),
                         ("medical center", 1), ("pccn", 2), ("ccrn", 2), ("charge nurse", 3), ("nurse manager", 3),
                         ("медсестра", 3), ("看護師", 3), ("看護", 2)),
    "management-consultant": (("consultant", 3), ("consulting", 3), ("management consulting", 3), ("management consultant", 3), ("strategy", 1.5),
                              ("strategist", 1.5), ("engagement manager", 3), ("mckinsey", 3), ("bain", 3),
                              ("boston consulting", 3), ("bcg", 3), ("deloitte", 2), ("accenture", 2),
                              ("advisory", 1.5), ("advisor", 1), ("консультант", 3), ("コンサルタント", 3)),
    "ux-researcher": (("ux", 3), ("user experience", 3), ("user research", 3), ("ux research", 3),
                      ("design research", 3), ("usability", 3), ("researcher", 0.5), ("research", 0.3),
                      ("designer", 1.5), ("design", 1), ("human centered", 1.5), ("hci", 2), ("anthropology", 1),
                      ("anthropologist", 1.5), ("ethnograph", 1.5), ("interaction design", 2), ("uxリサーチ", 3)),
    "environmental-policy": (("policy", 1.5), ("climate", 3), ("sustainability", 3), ("environmental", 2),
                             ("environment", 1.5), ("conservation", 2), ("advocacy", 2), ("advocate", 1.5),
                             ("energy", 1.5), ("water", 1), ("natural resource", 1.5), ("ecology", 1.5),
                             ("ecosystem", 1), ("emissions", 2), ("carbon", 2), ("renewable", 2), ("lobby", 2),
                             ("環境", 2), ("эколог", 2), ("климат", 3)),
    "government-analyst": (("government", 2), ("federal", 2), ("agency", 1.5), ("department of", 1.5),
                           ("public sector", 2), ("economist", 2.5), ("program analyst", 3), ("management analyst", 3),
                           ("policy analyst", 2), ("analyst", 1), ("bureau", 1.5), ("office of", 1), ("ministry", 1.5),
                           ("civil service", 2), ("public administration", 2), ("mpa", 1.5), ("state department", 1.5),
                           ("county", 1), ("city of", 1), ("госслужб", 2), ("министерств", 2), ("省", 1), ("庁", 2)),
    "data-scientist": (("data scientist", 3), ("data science", 3), ("statistician", 3), ("statistics", 2),
                       ("statistical", 1.5), ("machine learning", 3), ("ml", 2), ("ai", 1), ("analytics", 2),
                       ("data analyst", 3), ("data engineer", 2.5), ("data", 1), ("quantitative", 1.5),
                       ("modeling", 1), ("modelling", 1), ("sql", 1.5),
                       ("python", 1), ("tableau", 1.5), ("bioinformatics", 2), ("аналитик данных", 3),
                       ("данных", 1), ("データサイエンティスト", 3), ("データアナリスト", 3), ("データ", 1), ("分析", 1)),
    "product-manager": (("product manager", 3), ("product management", 3), ("pm", 2), ("product lead", 3),
                        ("product owner", 3), ("product", 1.5), ("program manager", 1), ("roadmap", 1), ("tpm", 2),
                        ("technical program manager", 2), ("プロダクトマネージャー", 3), ("менеджер продукта", 3),
                        ("продакт", 3)),
    "high-school-teacher": (("teacher", 3), ("educator", 2), ("teaching", 2), ("high school", 3), ("k 12", 2),
                            ("classroom", 2), ("instructor", 1.5), ("curriculum", 1), ("school", 0.5),
                            ("учитель", 3), ("преподаватель", 2), ("教師", 3), ("教諭", 3)),
    "nonprofit-program-manager": (("nonprofit", 3), ("non profit", 3), ("not for profit", 3), ("program officer", 3),
                                  ("executive director", 2.5), ("foundation", 1.5), ("philanthropy", 2),
                                  ("community", 1), ("civic", 2), ("youth", 2), ("americorps", 3), ("charity", 2),
                                  ("ngo", 2), ("fundraising", 2), ("program manager", 1.5), ("programme manager", 1.5),
                                  ("associate director", 1), ("social impact", 1.5), ("workforce development", 3),
                                  ("некоммерческ", 3), ("非営利", 3), ("npo", 2)),
    "finance-to-tech": (("banking", 3), ("banker", 3), ("investment banking", 3), ("finance", 2), ("financial", 1.5),
                        ("investment", 2), ("fintech", 3), ("trader", 2), ("trading", 2), ("hedge fund", 2),
                        ("private equity", 2), ("venture capital", 1.5), ("cfo", 2), ("accountant", 1.5),
                        ("payments", 2), ("strategy and operations", 2), ("bank", 1.5), ("金融", 2), ("銀行", 2),
                        ("банк", 2), ("финанс", 2)),
}
_STOP = frozenset("""
a an the and or of in at for to with on by from as is are was be their his her my our its who what this that
senior junior staff lead principal associate assistant chief head deputy ii iii i company team work works
""".split())

# what an employer's name says about it, for the parts the profile leaves out (all marked invented)
_ORG_KINDS: tuple[tuple[tuple[str, ...], str, str, int], ...] = (
    (("university", "college", "institute of technology"), "Higher education", "about 6,000 faculty and staff", 1890),
    (("hospital", "medical center", "medical centre", "health system", "clinic"), "Hospital care",
     "about 4,000 employees", 1920),
    (("health", "healthcare", "pediatrics", "medicine"), "Healthcare", "about 1,500 employees", 1985),
    (("high school", "public schools", "school district", "elementary", "middle school"), "Public education",
     "about 120 teachers and staff", 1960),
    (("department of", "office of", "bureau", "agency", "administration", "ministry", "commission", "u s ",
      "federal", "county", "city of", "state of"), "Government", "several thousand staff", 1950),
    (("foundation", "nonprofit", "project", "initiative", "alliance", "coalition", "americorps", "fund"),
     "Nonprofit", "about 40 staff", 1995),
    (("consulting", "advisory", "consultants"), "Consulting", "about 300 employees", 2005),
    (("bank", "capital", "financial", "insurance", "mutual"), "Financial services", "about 2,000 employees", 1970),
    (("labs", "technologies", "software", "systems", "ai", "app", "startup"), "Technology", "about 150 employees", 2014),
)


def _content_words(text: str) -> set[str]:
    words = set()
    for word in norm(text).split():
        if len(word) < 3 or word in _STOP:
            continue
        words.add(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return words


def _phrase_hits(phrases: tuple[tuple[str, float], ...], text: str) -> float:
    padded = f" {text} "
    total = 0.0
    for phrase, weight in phrases:
        if (phrase.isascii() and f" {phrase} " in padded) or (not phrase.isascii() and phrase in text):
            total += weight
    return total


def closest_builtin(facts: ProfileFacts, personas: dict[str, Persona], text: str = "") -> str:
    """The id of the persona in ``personas`` closest to the profile's field and role: the synonym
    table and the words the profile shares with each persona's role, industry and summary, the role
    counting most. Deterministic; ties go to the first id in order."""
    return _closest(facts, personas, text)[0]


# Words many fields share ("Transportation Engineer", "Landscape Architect", "Research Analyst"):
# a match on these alone does not put someone in a built-in persona's field.
_SHARED_WORDS = frozenset("""engineer engineering developer development architect architecture analyst analysis
    manager management designer design research researcher product data advisor adviser specialist senior lead
    director associate principal staff head chief officer coordinator consultant scientist science technician
    program programme project strategy strategist infrastructure modeling modelling clinical""".split())


def _specific(phrases: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """The phrases that name a field: two words ("product management") or one no other field shares."""
    return tuple((p, w) for p, w in phrases if " " in p or p not in _SHARED_WORDS)


def _pairs(text: str) -> set[str]:
    words = [w for w in norm(text).split() if w not in _STOP]
    return {f"{a} {b}" for a, b in zip(words, words[1:])}


# A title with one of these is in a field no built-in persona is in, whatever else it shares with
# one ("Emergency & Critical Care Veterinary Technician" is no ICU nurse; an actuary is no data scientist).
_OWN_FIELDS = re.compile(r"\b(?:veterinar\w*|vet tech\w*|animal|pharmacist|pharmacy|pharmd|actuar\w*|dental|dentist\w*|"
                         r"hygienist|optometrist|paralegal|attorney|lawyer|accountant|cpa|auditor|architect|surveyor|"
                         r"pilot|chef|physician|surgeon|dietitian|pastor|librarian|electrician|plumber|firefighter)\b", re.I)


def field_match(facts: ProfileFacts, personas: dict[str, Persona], text: str = "") -> float:
    """How firmly the profile is in the field of its closest built-in persona, on words only that
    field uses: near 0 for a civil engineer (the software engineer's "engineer" is every engineer's),
    0 for a title in a field of its own (``_OWN_FIELDS``)."""
    if not personas or _OWN_FIELDS.search(facts.role or ""):
        return 0.0
    best = _closest(facts, personas, text)[0]
    role = norm(facts.role or "")
    context = norm(" ".join([facts.employer or "", *facts.employer_facts, *facts.past_jobs, *facts.education,
                              *facts.other]))
    phrases = _specific(SYNONYMS.get(best, ()))
    persona = personas[best]
    role_words = _content_words(role) - _SHARED_WORDS
    return (3 * _phrase_hits(phrases, role) + _phrase_hits(phrases, context) + 4 * len(_pairs(role) & _pairs(persona.role))
            + 2 * len(role_words & _content_words(persona.role)) + len(role_words & _content_words(persona.industry)))


def _closest(facts: ProfileFacts, personas: dict[str, Persona], text: str) -> tuple[str, float]:
    if not personas:
        raise CoffeechatError("no persona is loaded to take a voice from; check them with: coffeechat personas list")
    role = norm(facts.role or "")
    context = norm(" ".join([facts.employer or "", *facts.employer_facts, *facts.past_jobs, *facts.education,
                              *facts.other]))
    body = norm(clean_text(text)[:8000]) if text else ""
    role_words, context_words = _content_words(role), _content_words(context)
    best_id, best_score = "", -1.0
    for persona_id in sorted(personas):
        persona = personas[persona_id]
        phrases = SYNONYMS.get(persona_id, ())
        score = 3 * _phrase_hits(phrases, role) + _phrase_hits(phrases, context) + 0.3 * _phrase_hits(phrases, body)
        own_role = _content_words(persona.role)
        own_field = _content_words(f"{persona.industry} {persona.summary}")
        score += 2 * len(role_words & own_role) + len(role_words & own_field)
        score += 0.5 * len(context_words & (own_role | _content_words(persona.industry)))
        if score > best_score:
            best_id, best_score = persona_id, score
    return best_id, best_score


def _voices(library: PersonaLibrary) -> dict[str, Persona]:
    builtin = {pid: lp.persona for pid, lp in library.personas.items() if lp.source == "built-in"}
    return builtin or {pid: lp.persona for pid, lp in library.personas.items()}


def _first_name(name: str) -> str:
    words = name.split()
    return next((w for w in words if w.lower().rstrip(".") not in TITLES), words[0] if words else name)


def _display(role: str) -> str:
    """A role as a title: "nurse manager" → "Nurse manager"; "Director of Product Management" stays."""
    return role[0].upper() + role[1:] if role and role[0].islower() else role


def _employer_forms(name: str) -> list[str]:
    """The ways a persona's passages name its employer: "Lakeshore Mutual Insurance", "Lakeshore
    Mutual", "Lakeshore"; "Federal Transit Administration, Region 8", "FTA"."""
    forms = {name}
    head = name.split(",")[0].strip()
    forms.add(head)
    words = head.split()
    for k in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:k]).rstrip("&").strip()
        if k >= 2 or (len(prefix) >= 4 and prefix.lower() not in {"federal", "national", "american", "united",
                                                                  "general", "city", "state", "the", "new"}):
            forms.add(prefix)
    initials = "".join(w[0] for w in words if w[:1].isupper())
    if len(initials) >= 2:
        forms.add(initials)
    return sorted((f for f in forms if f), key=lambda f: (-len(f), f))


def _replacer(pairs: dict[str, str]):
    """One pass that swaps every key for its value (longest first, whole words only)."""
    keys = sorted((k for k in pairs if k), key=lambda k: (-len(k), k))
    if not keys:
        return lambda text: text
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
    return lambda text: pattern.sub(lambda m: pairs[m.group(0)], text)


_HER_AS_OBJECT = frozenset({"", "to", "for", "with", "about", "a", "an", "the", "and", "or", "before", "after", "if",
                            "when", "that", "is", "up", "down", "out", "in", "on", "at", "from", "by", "as",
                            "anything", "something", "nothing", "everything", "first", "again", "directly", "now",
                            "later", "too", "so", "once", "back", "over", "into", "through", "what", "how", "why",
                            "whether", "yet", "know", "feel", "think"})


def _swap_pronouns(text: str, source: str, target: str) -> str:
    """Third-person words about the person in the manner fields ("Asking him to refer you"), moved
    from the voice's pronouns to the new person's; only between she and he (they would change verbs)."""
    src, dst = source.split("/")[0].strip().lower(), target.split("/")[0].strip().lower()
    if src in ("she", "he") and dst == "they":
        return _to_they(text, src)
    if src == dst or {src, dst} - {"she", "he"}:
        return text

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if dst == "he":
            if low == "her":
                following = re.match(r"\s*([\w']*)", text[match.end():])
                nxt = following.group(1).lower() if following else ""
                out = "him" if nxt in _HER_AS_OBJECT or not text[match.end():match.end() + 1].isspace() else "his"
            else:
                out = {"she": "he", "hers": "his", "herself": "himself"}[low]
        else:
            out = {"he": "she", "him": "her", "his": "her", "himself": "herself"}[low]
        return out.capitalize() if word[0].isupper() else out

    words = r"\b(?:she|her|hers|herself)\b" if src == "she" else r"\b(?:he|him|his|himself)\b"
    return re.sub(words, swap, text, flags=re.I)


_THEY_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
               "hasn't": "haven't", "doesn't": "don't", "'s": "'re"}


def _to_they(text: str, src: str) -> str:
    """She/he forms about the person as they forms, the verb after the subject agreeing ("she is" →
    "they are", "he likes" → "they like")."""
    def object_or_possessive(match: re.Match[str]) -> str:
        following = re.match(r"\s*([\w']*)", text[match.end():])
        nxt = following.group(1).lower() if following else ""
        return "them" if nxt in _HER_AS_OBJECT or not text[match.end():match.end() + 1].isspace() else "their"

    def swap(match: re.Match[str]) -> str:
        word, low = match.group(0), match.group(0).lower()
        if low in ("she", "he"):
            out = "they"
        elif low == "her":
            out = object_or_possessive(match)
        elif low == "him":
            out = "them"
        elif low == "his":
            nxt = text[match.end():match.end() + 1]
            out = "their" if nxt.isspace() and re.match(r"\s+[a-z]", text[match.end():]) else "theirs"
        elif low in ("hers",):
            out = "theirs"
        else:
            out = "themself"
        return out.capitalize() if word[0].isupper() else out

    words = r"\b(?:she|her|hers|herself)\b" if src == "she" else r"\b(?:he|him|his|himself)\b"
    text = re.sub(words, swap, text, flags=re.I)

    def agree(match: re.Match[str]) -> str:
        verb = match.group(2)
        low = verb.lower()
        if low in _THEY_VERBS:
            out = _THEY_VERBS[low]
        elif low.endswith("ies") and len(low) > 4:
            out = verb[:-3] + "y"
        elif low.endswith(("ches", "shes", "sses", "xes", "oes")):
            out = verb[:-2]
        elif low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            out = verb[:-1]
        else:
            out = verb
        return match.group(1) + out

    text = re.sub(r"(\b[Tt]hey\s+)((?!really|always|never|often|also|usually)[a-z']+)", agree, text)
    # a second verb of the same subject: "they sleep during the day and has a shift tonight"
    return re.sub(r"(\b[Tt]hey\s[^.;:!?]{0,80}?\b(?:and|but|or)\s+)(is|was|has|does|isn't|wasn't|hasn't|doesn't)\b",
                  lambda m: m.group(1) + _THEY_VERBS[m.group(2).lower()], text)


def _org_kind(employer: str) -> tuple[str, str, int] | None:
    key = f" {norm(employer)} "
    for words, industry, size, founded in _ORG_KINDS:
        if any(f" {w} " in key or (w.endswith(" ") and w in key) for w in words):
            return industry, size, founded
    return None


_WHAT_IT_IS = re.compile(r"\b(?:is|was|has been)\s+(?:a|an|the)\s+(?P<what>(?:[\w-]+\s+){1,4}?)(?:company|firm|startup|"
                         r"organi[sz]ation|business|provider|platform|agency|practice|network|studio|lab|nonprofit|"
                         r"non-profit|charity|group|consultancy|insurer|bank|manufacturer|retailer|publisher)\b", re.I)
_NOT_AN_INDUSTRY = frozenset("""small large leading growing fast-growing global national regional local private public
independent venture-backed family-owned employee-owned award-winning new young mid-sized boutique""".split())


def _industry_of(description: str) -> str | None:
    """The field an organisation's description names: "… is a digital health company …" → "Digital health"."""
    match = _WHAT_IT_IS.search(description)
    if not match:
        return None
    words = [w for w in match.group("what").split() if w.lower() not in _NOT_AN_INDUSTRY and not w[:1].isdigit()]
    if not words or len(" ".join(words)) < 3:
        return None
    what = " ".join(words)
    return what[0].upper() + what[1:]


def _fit(text: str, limit: int, minimum: int = 1, fallback: str = "") -> str:
    text = clip(text, limit)
    return text if len(text) >= minimum else fallback


# -- the career told from the facts ------------------------------------------------------------------

_JOB_LINE = re.compile(r"^(?P<who>.+?)(?:,\s*(?:(?P<since>since\s+)?(?P<y1>\d{4})(?:-(?P<y2>\d{4}))?))?$")
_NUMBER_NAMES = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve")


def _lower_title(title: str) -> str:
    """"Senior Data Analyst" → "senior data analyst"; acronyms ("UX", "RN") and a grade ("Analyst I") stay."""
    return " ".join(w if (w.isupper() and len(w) > 1) or any(c.isupper() for c in w[1:])
                    or (w.isupper() and i and re.fullmatch(r"[IVX]+", w)) else w.lower()
                    for i, w in enumerate(title.split()))


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeio" or re.match(r"^(?:UX|RN|MBA|MS|MA|MPH|SRE|HR)\b", phrase)
            else "a ") + phrase


def _count(n: int) -> str:
    return _NUMBER_NAMES[n] if 0 <= n < len(_NUMBER_NAMES) else str(n)


@dataclass
class _Step:
    title: str | None
    org: str | None
    start: int | None
    end: int | None


def _steps(past_jobs: list[str]) -> list[_Step]:
    """The past jobs, oldest first (a profile lists the latest first unless every one has a year)."""
    steps = []
    for line in past_jobs:
        match = _JOB_LINE.match(line.strip())
        if not match:
            continue
        who = match.group("who")
        title, _, org = who.partition(" at ")
        if who.startswith("At "):
            title, org = "", who[3:]
        y1 = int(match.group("y1")) if match.group("y1") else None
        y2 = int(match.group("y2")) if match.group("y2") else None
        steps.append(_Step(title.strip() or None, org.strip() or None, y1, y2 if y2 else (None if match.group("since")
                                                                                               else y1)))
    if steps and all(s.start for s in steps):
        return sorted(steps, key=lambda s: (s.start or 0, s.end or 0))
    return steps[::-1]


def _job_phrase(step: _Step) -> str:
    what = _article(_lower_title(step.title)) if step.title else "working"
    where = f" at {step.org}" if step.org else ""
    if step.start and step.end and step.end > step.start:
        years = step.end - step.start
        return f"{_count(years)} year{'s' if years != 1 else ''} as {what}{where}" if step.title \
            else f"{_count(years)} years at {step.org}"
    if step.start:
        return f"time as {what}{where} in {step.start}" if step.title else f"time at {step.org} in {step.start}"
    return f"time as {what}{where}" if step.title else f"time at {step.org}"


def _school_phrase(line: str) -> str:
    """"BS in Statistics, University of Illinois, 2017" → "a BS in Statistics at University of Illinois"."""
    parts = [p.strip() for p in line.split(",") if p.strip() and not re.fullmatch(r"\d{4}", p.strip())]
    if not parts:
        return ""
    if len(parts) == 1:
        return f"my studies at {parts[0]}" if not re.match(r"^(?:B|M|Ph|D)[A-Za-z.]{0,5}\b", parts[0]) else \
            _article(parts[0])
    degree, school = parts[0], ", ".join(parts[1:])
    return f"{_article(degree)} at {school}"


def _talk_phrase(line: str) -> str | None:
    """A talk the profile mentions, in the first person: "She spoke at UXPA 2022 about …" → "I spoke at UXPA 2022 about …"."""
    text = line.strip().rstrip(".")
    text = re.sub(r"^(?:Talks?|Speaking|Presentations?)\s*:\s*", "", text, flags=re.I)
    if not re.search(r"\b(?:spoke|speaker|talk|presented|keynote|panel)\b", text, re.I):
        return None
    text = re.sub(r"^(?:she|he|they|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?=(?:spoke|presented|gave|was|has|is)\b)",
                  "I ", text)
    if not text.startswith("I "):
        text = "I gave a talk: " + text
    return text.replace(" I was ", " I was ").replace("I was a speaker", "I spoke") + "."


def career_from_facts(facts: ProfileFacts, role: str, employer: str) -> list[str]:
    """``topics.career_path`` told in the first person from what the profile states: the schools,
    the past jobs with their years, the current role and when it started, the talks. Empty when the
    profile states too little to tell it (no school and no past job)."""
    steps = _steps(facts.past_jobs)
    def year(line: str) -> int:  # a profile lists the latest degree first; a story tells the first one first
        found = re.findall(r"\b(?:19|20)\d\d\b", line)
        return int(found[-1]) if found else 9999

    schools = [p for p in (_school_phrase(e) for e in sorted(facts.education, key=year)) if p]
    if not steps and not schools:
        return []
    now = f"{employer} in {facts.role_start} as {_article(_lower_title(role))}" if facts.role_start else \
        f"{employer} as {_article(_lower_title(role))}"
    opening = []
    if schools:
        opening.append("I did " + " and ".join(schools[:2]))
    if steps:
        jobs = ", then ".join(_job_phrase(s) for s in steps[:3])
        opening.append(("then " if schools else "I spent ") + jobs if not jobs.startswith("time as")
                       else ("then " if schools else "I spent ") + jobs)
    promoted = bool(steps and steps[-1].org and norm(steps[-1].org) == norm(employer))
    if promoted:  # the last step was at the same place: a promotion, not a move
        when = f" in {facts.role_start}" if facts.role_start else ""
        first = ", ".join(opening) + f", before I became {_article(_lower_title(role))} there{when}."
    else:
        first = ", ".join(opening) + f", before I joined {now}."
    first = first[0].upper() + first[1:]
    passages = [first]
    last = steps[-1] if steps else None
    if last:
        before = _lower_title(last.title) if last.title else "my work"
        at = f" at {last.org}" if last.org else ""
        if promoted:
            passages.append(
                f"The step that mattered most was becoming {_article(_lower_title(role))} at {employer}, after my"
                f" time as {_article(before)} there. It meant more responsibility for other people's work and less"
                " of my own, and I'm happy to say what changed and what I'd tell someone hoping for the same step.")
        else:
            passages.append(
                f"The move that mattered most was from {before}{at} to {_lower_title(role)} at {employer}. What I did as"
                f" {_article(before) if last.title else 'part of it'} is most of what I brought with me, and people who"
                " ask about it usually want to know why I made the change; the short version is that I wanted to do"
                " more of the part of the job I liked best, and the longer version is a conversation.")
        if len(steps) >= 2:
            prev = steps[-2]
            passages.append(
                f"Earlier on, I went from {_lower_title(prev.title) if prev.title else 'my first job'}"
                f"{' at ' + prev.org if prev.org else ''} to {before}{at}. Each step built on the one before it more"
                " than it looks on paper, though I'd be the first to say it wasn't planned in detail.")
    else:
        passages.append(
            f"Going from my studies to {_lower_title(role)} at {employer} was less of a straight line than my"
            " profile makes it look; what I studied still shapes how I approach the work, and I'm happy to say how.")
    for line in facts.other:
        talk = _talk_phrase(line)
        if talk:
            passages.append(f"Outside the day job, {talk if talk.startswith('I ') else talk[0].lower() + talk[1:]} I said yes because explaining the"
                            " work to other people in the field is the best way I know to get better at it.")
            break
    return [clip(p, 4000) for p in passages if len(p) >= 20]


# -- borrowed text without the built-in person's own facts -------------------------------------------

_YEARISH = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:in|during|by|after|before) my (?:first|second|third|fourth|"
                      r"fifth|sixth|last|final|junior|senior) year\b|\bmy \w+ year (?:at|of|in)\b", re.I)
_OWN_SCHOOLING = re.compile(r"\b(?:my (?:own )?(?:master'?s|phd|ph\.d\.|degree|thesis|dissertation|advisor|adviser|"
                            r"major|bachelor'?s|undergrad(?:uate)?|classmates?|professor)|I (?:did|studied|majored|"
                            r"graduated|dropped out|left the phd|trained as)|(?:when|since) I was (?:\w+-)?\w+\b(?! "
                            r"(?:a|an|the|in|at|on|still|new|junior|senior)\b))", re.I)
_ALLOWED_CAPS = frozenset("""
I I'm I'd I've I'll OK AI ML UX UI SQL Python R Excel Tableau Power BI Jupyter Git GitHub GitLab Figma Zoom Slack
Google Docs Sheets Miro Dovetail PowerPoint Word LinkedIn Glassdoor Indeed Monday Tuesday Wednesday Thursday Friday
Saturday Sunday January February March April May June July August September October November December English
Spanish PhD MBA MPH MPA BA BS MS MA JD CEO CTO CFO HR PM PMs TPM API APIs AWS Azure GCP Kubernetes Docker JavaScript
TypeScript Java Go Rust Linux SaaS B2B KPI KPIs OKRs Q&A FAQ Bureau Labor Statistics BLS AP IB NCLEX ICU RN RNs
Zoom Teams Outlook Jira Confluence Notion Snowflake pandas VS Code Airflow Spark Looker dbt SHAP LightGBM XGBoost
""".split())


def _sentences_of(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[\"“(]?[A-Z0-9])", text.strip()) if s]


class _OwnFacts:
    """What marks a sentence of a built-in persona as a fact of that person rather than of the work:
    their years, schooling, past employers and places, their employer's description and public
    facts, the people they name. A word the new profile itself uses is not held against a sentence."""

    def __init__(self, voice: Persona, profile_text: str, person: str) -> None:
        mine = {w for w in norm(person).split() if len(w) > 1}
        self.profile = " " + " ".join(w for w in norm(profile_text).split() if w not in mine) + " "
        own = [voice.employer.description, *voice.employer.public_facts, voice.industry]
        words = set()
        for line in own:
            for word in norm(line).split():
                if len(word) >= 4 and word not in _GENERIC_WORDS and not word.isdigit():
                    words.add(word)
        for line in voice.public_profile:  # their own degrees: "BS in Physics", "a physics PhD programme"
            if re.search(r"\b(?:B[A-Z]?[A-Za-z]?|M[A-Z][A-Za-z]?|PhD|master's|degree|programme|program)\b", line):
                words |= {w for w in norm(line.split(",")[0]).split() if len(w) >= 3 and w not in _GENERIC_WORDS
                          and w not in {"in", "of", "and", "the", "left", "bachelor", "master", "science", "arts"}}
        for word in list(words):
            words |= set(_DOMAIN_WORDS.get(word, ()))
        self.keywords = {w for w in words if not self._in_profile(w)}
        text = " ".join([*(p for ps in voice.topics.model_dump().values() for p in ps),
                         *(s.text for s in voice.stories), *voice.public_profile, voice.location,
                         voice.employer.headquarters, voice.employer.name,
                         *(r.name for r in voice.referrals)])
        names = set()
        for sentence in _sentences_of(text):
            for i, token in enumerate(re.findall(r"[A-Z][\w'’.-]*", sentence)):
                if i or not sentence.startswith(token):
                    names.add(token.rstrip(".'’"))
        for referral in voice.referrals:
            names |= set(referral.name.replace(".", " ").split())
        self.own_caps = {n for n in names if n and n not in _ALLOWED_CAPS and not self._in_profile(n)}
        self.employer_forms = [f for f in _employer_forms(voice.employer.name) if len(f) >= 3]

    def _in_profile(self, word: str) -> bool:
        key = norm(word)
        stem = key[:6] if len(key) > 7 else key
        return bool(key) and (f" {key} " in self.profile or (len(stem) >= 6 and f" {stem}" in self.profile))

    def states(self, sentence: str) -> bool:
        """Whether ``sentence`` states something about the built-in person or their employer."""
        if _YEARISH.search(sentence) or _OWN_SCHOOLING.search(sentence) or _OWN_LIFE.search(sentence):
            return True
        if _COUNTED.search(sentence):  # "all three thousand clinics", "eleven years": their numbers, not the work's
            return True
        if any(re.search(rf"(?<!\w){re.escape(f)}(?!\w)", sentence) for f in self.employer_forms):
            return True
        for word in norm(sentence).split():
            if word in self.keywords or (len(word) > 6 and any(word.startswith(k[:6]) for k in self.keywords
                                                              if len(k) > 6)):
                return True
        for i, token in enumerate(re.findall(r"(?<![\w'’])[A-Z][\w'’.-]*", sentence)):
            token = token.rstrip(".'’")
            token = re.sub(r"['’]s$", "", token)
            if token in self.own_caps:
                return True
            if i and token not in _ALLOWED_CAPS and not self._in_profile(token) and not sentence.startswith(token):
                return True
        return False

    def keep(self, passage: str, minimum: int = 20) -> str | None:
        """``passage`` without the sentences that state the built-in person's facts; None when too
        little of it is left to make sense."""
        sentences = _sentences_of(passage)
        kept = []
        dropped_before = True  # a first sentence that points back ("She'd kept…") points at nothing here
        for sentence in sentences:
            drop = (self.states(sentence) or bool(_SOMEONE.search(sentence))  # in a passage, "she" is someone they knew
                    or (dropped_before and bool(_POINTS_BACK.match(sentence))))
            if not drop:
                kept.append(sentence)
            dropped_before = drop
        if not kept or len(kept) * 2 < len(sentences):
            return None
        text = " ".join(kept)
        return text if len(text) >= minimum else None


# A sentence of someone's own life, whoever's words it is in: how they started, their first job,
# their family and friends, their newsletter or talk, what is rare "this early" in a career.
_OWN_LIFE = re.compile(
    r"\b(?:how I (?:started|got (?:in|into|started)|ended up|began)|when I (?:started|joined|began|moved|left|was (?:hired|promoted))|"
    r"I (?:started|joined|was hired|was promoted|used to|grew up|switched|left)\b|my first (?:job|role|year|manager|boss|week)|"
    r"back when|years ago|in my (?:first|second|third|fourth|last) (?:year|job|role|month)|newsletter|podcast|readers|"
    r"my (?:talk|book|blog|wife|husband|partner|kids?|son|daughter|mother|father|mom|dad|parents|friend|proudest)|"
    r"proudest|(?:this|so) early\b|early in my career)", re.I)
_NUMBER_WORD = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
                r"fifty|hundred|a hundred|a thousand|thousand|dozens?|hundreds|thousands)")
_COUNTED = re.compile(rf"\b{_NUMBER_WORD}(?:[\s-]+(?:hundred|thousand|million))?\s+(?:clinics|customers|clients|users|"
                      r"patients|people|employees|engineers|years|states|hospitals|schools|students|cities|countries|"
                      r"offices|stores|trucks|members|participants|agencies|counties)\b", re.I)
# A sentence that leans on the one before it: kept alone, it would point at nothing.
_POINTS_BACK = re.compile(r"[\"“(]?(?:She|He|They|Her|His|Their|Hers|That|This|These|Those|It|Its|Then|The reasons?|So|But|And|"
                          r"The other|Another|The rest|Both|Neither|Such)\b")
# Someone they speak of by "she" or "he": a person of that persona's life, whoever it was.
_SOMEONE = re.compile(r"\b(?:she|he|her|him|hers|his|she'd|he'd|she's|he's)\b", re.I)


_GENERIC_WORDS = frozenset("""
about also among and been being builds build company companies department each from have into itself like made
makes many more most much offers over part rather runs same sells selling since small such than that their them
then there these they this through under used uses using very what when where which while with within works year
years team teams large mid-sized national across based clean open online public its also about eleven eight six
""".split())
# the everyday words of an employer's business, for the words of its description
_DOMAIN_WORDS: dict[str, tuple[str, ...]] = {
    "insurance": ("insurer", "insurers", "claims", "claim", "adjuster", "adjusters", "actuaries", "actuary",
                  "actuarial", "underwriting", "underwriter", "policyholder", "policyholders", "premium", "premiums",
                  "deductible", "deductibles", "subrogation", "reserves", "mutual", "losses", "hail", "water-damage"),
    "mutual": ("policyholders", "members"),
    "transit": ("bus", "buses", "rail", "grantees", "grant", "grants", "fta", "ridership"),
    "payments": ("invoices", "invoice", "payables", "payment"),
    "truck": ("trucks", "trucking", "freight", "dispatch", "dispatchers", "loads", "carriers", "drivers", "shipping"),
    "benefit": ("benefits", "applicants", "caseworkers", "snap", "unemployment", "county", "agency", "agencies",
                "states", "state"),
    "water": ("utilities", "utility", "drinking", "pipes"),
    "youth": ("young", "participants", "mentors", "summer"),
    "clinics": ("clinic", "clinics", "scheduling", "billing", "intake"),
}


def _generic_passages(key: str, role: str, employer: str, field: str) -> list[str]:
    """Neutral passages for a topic, from the role, the employer and the field only: true of most
    people in most fields, and specific to none (the first two are the shortest)."""
    r, e, f = _lower_title(role), employer, field.lower()
    a = _article(r)
    texts = {
        "career_path": [f"How I came to be {a} at {e} is a longer story than a profile tells; ask me and"
                        " I'll tell you the version that's useful to you.",
                        f"Most people in {f} didn't plan their path in detail, and I'm no exception.",
                        "Looking back, the moves that mattered came from people I'd worked with, more than from"
                        " job postings. Someone who knew my work mentioned an opening, or vouched for me.",
                        "If I'd known earlier what I know now, I'd have talked to more people doing the job before"
                        " I chose it. That's what you're doing, so you're ahead of where I was."],
        "typical_day": [f"A typical week as {a} is a mix of focused work, meetings with the people I work"
                        " with, and the writing that keeps everyone in step.",
                        "No two weeks are quite the same; it depends on where a project is and what's urgent.",
                        "I try to keep the mornings for the work that needs concentration, and put meetings and"
                        " calls in the afternoon. It doesn't always hold, but it helps.",
                        "A fair part of the job is coordination: checking in with the people who depend on my work,"
                        " answering questions, and making sure nothing falls between two desks."],
        "rewarding": [f"What I like most is when the work visibly changes a decision or makes something better for"
                      f" the people {e} serves.", "I enjoy getting better at the craft itself, year by year.",
                      "The best days are the ones where something I worked on for weeks finally gets used, and"
                      " someone tells me it made their job easier.",
                      "I also like the people. Working with colleagues who care about doing it properly makes the"
                      " hard weeks much easier."],
        "challenges": ["The hard part is usually not the work itself but the constraints around it: time, money,"
                       " competing priorities.", f"Like most roles in {f}, it has busy stretches that take planning.",
                       "Saying no is harder than it sounds. There's always more asked of you than fits in a week,"
                       " and learning to choose took me years.",
                       "Some of it is slow by nature: approvals, other people's schedules, things outside my"
                       " control. Patience is part of the job."],
        "skills": [f"The skills that matter most as {a} are clear communication and doing careful work"
                   " that others can rely on.", "The technical skills can be learned; judgement takes longer.",
                   "Writing matters more than people expect. Much of my influence comes from an email or a short"
                   " document that explains a decision clearly.",
                   "Being organised is underrated: knowing what you promised, to whom, and by when."],
        "preparation": [f"Experience close to what {a} does, even in a different setting, prepares you"
                        " well.", "A real project you can talk through in detail counts for more than a list of"
                        " courses.",
                        "Internships, volunteering, a part-time job next to the work: anything that shows you've"
                        " seen the day-to-day, not just read about it.",
                        "In interviews, what stands out is someone who can explain one thing they did, what went"
                        " wrong, and what they'd do differently."],
        "trends": [f"{field} is changing, and new tools are part of that; the fundamentals matter as much as ever.",
                   "I'd watch how the people who use the work change what they expect from it.",
                   "There's more attention on doing things transparently and being able to explain your"
                   " choices to people outside the field.",
                   "Ask several people about where the field is going; you'll get different answers, and the"
                   " differences tell you a lot."],
        "culture": [f"Every team at {e} has its own habits; I'd ask me about mine rather than assume.",
                    "What I value in a team is people who share what they know and say when something is wrong.",
                    "On my team, people are generous with their time for newer colleagues, and nobody expects you"
                    " to know everything in your first year.",
                    "Like anywhere, it depends a lot on your manager. A good one makes the same job feel very"
                    " different."],
        "why_employer": [f"I chose {e} for the work and the people; I'm happy to say more about what keeps me.",
                         "What matters to me in an employer is work that means something and room to do it well.",
                         "I stay because I keep learning here, and because the people I work with are good at"
                         " what they do.",
                         "No place is perfect, and I could tell you what I'd change, but on balance it's been a"
                         " good place to grow."],
        "advice": ["Talk to people who do the job, ask specific questions, and build something you can show.",
                   "Be patient with yourself; most careers take a few turns before they settle.",
                   "If I were starting now, I'd pick one small piece of the work and get good at it, then"
                   " widen from there.",
                   "Keep in touch with the people you meet in conversations like this one. Most opportunities"
                   " come from someone who remembers you."],
        "compensation": ["Pay depends on the place, the level and the year, so I'd look at public salary data for"
                         " the role and region first.", "Ask the recruiter for the range early; nobody minds.",
                         "Benefits and flexibility matter as much as the number, so compare the whole package."],
    }
    return texts.get(key, [f"I'm happy to talk about that as {a} at {e}.",
                           "Ask me and I'll tell you what I know."])


# A role's field, said as a field: "Senior Transportation Engineer" → "Transportation engineering".
_ROLE_FIELDS = (("engineer", "engineering"), ("architect", "architecture"), ("pharmacist", "pharmacy"),
                ("designer", "design"), ("analyst", "analysis"), ("scientist", "science"), ("economist", "economics"),
                ("accountant", "accounting"), ("attorney", "law"), ("lawyer", "law"), ("librarian", "library work"),
                ("therapist", "therapy"), ("physician", "medicine"), ("journalist", "journalism"),
                ("planner", "planning"), ("technologist", "technology"), ("developer", "development"))


def field_of_role(role: str) -> str | None:
    words = [w for w in _SENIORITY.sub("", role.split(",")[0]).split() if w.isalpha()]
    if not words or len(words) > 4:
        return None
    last = words[-1].lower()
    for person, work in _ROLE_FIELDS:
        if last == person:
            head = " ".join(words[:-1])
            text = f"{head} {work}".strip()
            return text[:1].upper() + text[1:].lower() if not any(w.isupper() and len(w) > 1 for w in words) else text
    return None


def draft_offline(text: str, library: PersonaLibrary, *, name: str | None = None, role: str | None = None,
                  employer: str | None = None, minutes: int | None = None,
                  today: datetime.date | None = None) -> PersonaDraft:
    """A persona of the person ``text`` (their pasted public profile) is about: the stated facts,
    invented values for what it leaves out, and the voice of the closest built-in persona, each part
    noted as such. Raises CoffeechatError only when the text has nothing usable in it."""
    if not any(ch.isalpha() for ch in clean_text(text or "")):
        raise CoffeechatError("the profile has no text in it; paste their public bio, LinkedIn About and experience,"
                              " or team page")
    if minutes is not None and not 5 <= minutes <= 120:
        raise CoffeechatError(f"minutes {minutes}: a meeting is 5 to 120 minutes; 20 or 30 is usual for a coffee chat")
    facts = read_profile(text, name=name, role=role, employer=employer, today=today)
    voices = _voices(library)
    based_on, closeness = _closest(facts, voices, text)
    if not facts.stated_anything() and closeness <= 0:
        raise CoffeechatError("the profile states no name, role, employer, school or field that can be read;"
                              " paste their bio or LinkedIn About and experience, or give their name and role")
    voice = voices[based_on]
    general = field_match(facts, voices, text) < FIELD_MATCH_MIN
    return _Drafter(facts, voice, based_on, minutes, {"name": name, "role": role, "employer": employer},
                    clean_text(text), general=general).draft()


@dataclass
class _Drafter:
    facts: ProfileFacts
    voice: Persona
    based_on: str
    minutes: int | None
    given: dict[str, str | None]
    text: str = ""
    notes: dict[str, str] = field(default_factory=dict)
    general: bool = False  # no built-in persona is in their field (``field_match``)

    def _note(self, path: str, kind: str, text: str) -> None:
        self.notes[path] = kind + text

    def _stated(self, key: str) -> str:
        return "as you gave it" if self.given.get(key) else "as the profile states it"

    def draft(self) -> PersonaDraft:
        facts, voice = self.facts, self.voice
        generic_from = (f"a general voice, since no built-in persona is in their field (manner from {self.based_on})"
                        if self.general else f"the built-in persona {self.based_on} ({voice.role})")
        name = facts.name or INVENTED_NAME
        if facts.name:
            self._note("name", FROM_PROFILE, self._stated("name"))
        else:
            self._note("name", INVENTED, "the profile does not say their name; this one is made up: write theirs")
        first = _first_name(name)
        pronouns = facts.pronouns or "they/them"
        if facts.pronouns:
            self._note("pronouns", FROM_PROFILE, "how the profile refers to them")
        else:
            self._note("pronouns", INVENTED, "the profile does not say; write how they refer to themselves"
                                             " (she/her, he/him, they/them)")
        role = _display(facts.role) if facts.role else voice.role
        if facts.role:
            self._note("role", FROM_PROFILE, f"their current title, {self._stated('role')}")
        else:
            self._note("role", GENERIC, f"the profile does not say their title; this is the title of {generic_from}:"
                                        " write theirs")
        employer = facts.employer or voice.employer.name
        if facts.employer:
            self._note("employer.name", FROM_PROFILE, self._stated("employer"))
        else:
            self._note("employer.name", INVENTED, f"the profile does not name their employer; this is the made-up one of"
                                                  f" {generic_from}: write theirs")
        kind = _org_kind(employer) if facts.employer else None
        stated_industry = _industry_of(facts.employer_description or "") if facts.employer else None
        own_field = field_of_role(role) if self.general else None
        industry = stated_industry or (kind[0] if kind else own_field or (
            f"{_lower_title(role)} work" if self.general else voice.industry))
        if stated_industry:
            self._note("industry", FROM_PROFILE, "from what it says the organisation is")
        elif self.general and not kind:
            self._note("industry", INVENTED, f"guessed from the title {role}; correct it")
        elif kind:
            self._note("industry", INVENTED, f"guessed from the name {employer}; correct it")
        else:
            self._note("industry", GENERIC, f"the field of {generic_from}; correct it")
        location = facts.location or facts.employer_headquarters or voice.location
        if facts.location:
            self._note("location", FROM_PROFILE, "where the profile says they are based")
        elif facts.employer_headquarters:
            self._note("location", INVENTED, "assumed to be where their employer is based; correct it")
        else:
            self._note("location", INVENTED, f"the profile does not say; this is where {generic_from} is based:"
                                             " correct it")
        in_role, in_field = self.years_of()
        summary = facts.summary if len(facts.summary) >= 5 else f"{role} at {employer}"
        self._note("summary", FROM_PROFILE, "one line built from what it states; rewrite it as you would introduce"
                                            f" {first}")
        public_profile = self._public_profile(role, employer)
        data: dict[str, Any] = {
            "name": _fit(name, 300, fallback=INVENTED_NAME),
            "pronouns": pronouns,
            "role": _fit(role, 300, fallback=voice.role),
            "industry": _fit(industry, 300, fallback=voice.industry),
            "location": _fit(location, 300, fallback=voice.location),
            "years_in_role": in_role,
            "years_in_field": in_field,
            "summary": _fit(summary, 1000, 5, f"{role} at {employer}"),
            "public_profile": public_profile,
            "employer": self._employer(employer, first, role, location, kind, industry),
        }
        replace = self._replacements(name, first, employer)
        data.update(self._voice(replace, first, pronouns, generic_from, name=name, role=role, employer=employer,
                                industry=industry))
        return PersonaDraft(self._validated(data), dict(self.notes), self.based_on, self.general)

    def years_of(self) -> tuple[int, int]:
        facts, voice = self.facts, self.voice
        in_role, in_field = facts.years_in_role, facts.years_in_field
        if in_role is not None:
            self._note("years_in_role", FROM_PROFILE, "from the dates it gives")
        if in_field is not None:
            self._note("years_in_field", FROM_PROFILE, "from the dates it gives")
        if in_role is None:
            in_role = min(voice.years_in_role, in_field if in_field is not None else voice.years_in_role)
            self._note("years_in_role", INVENTED, "the profile gives no dates for their current role; correct it")
        if in_field is None:
            in_field = max(voice.years_in_field, in_role)
            self._note("years_in_field", INVENTED, "the profile gives no dates for their career; correct it")
        in_role, in_field = max(0, min(70, in_role)), max(0, min(70, in_field))
        return min(in_role, in_field), in_field

    def _public_profile(self, role: str, employer: str) -> list[str]:
        facts = self.facts
        lines = []
        if facts.role and facts.employer and facts.role_start:
            lines.append(f"{_display(facts.role)} at {facts.employer}, since {facts.role_start}")
        lines += facts.education + facts.past_jobs + facts.other
        kept = unique([clip(line, 300) for line in lines], 30)
        if kept:
            self._note("public_profile", FROM_PROFILE, "the schools, past jobs, talks and awards it states; a question"
                                                       " about these wastes the meeting")
        else:
            self._note("public_profile", FROM_PROFILE, "it states no schools or past jobs; add what their LinkedIn"
                                                       " shows")
        return kept

    def _employer(self, employer: str, first: str, role: str, location: str,
                  kind: tuple[str, str, int] | None, industry: str = "") -> dict[str, Any]:
        facts, voice = self.facts, self.voice
        stated = bool(facts.employer)
        guess = "a plausible guess, for you to check on their website and correct"
        # what it does, as the profile says it: its description, or a fact that names what it builds or runs
        does = next((fact for fact in facts.employer_facts if re.search(
            rf"^{re.escape(employer.split()[0])}\b[^.]*\b(?:builds?|makes?|runs?|provides?|offers?|sells?|develops?|helps?|"
            r"operates?|serves?|is an?)\b", fact, re.I)), None) if employer else None
        if facts.employer_description:
            description = facts.employer_description
            self._note("employer.description", FROM_PROFILE, "what it says the organisation is")
        elif does:
            description = does if does.endswith(".") else does + "."
            self._note("employer.description", FROM_PROFILE, "what it says the organisation does")
        elif stated:
            # said as the persona would say it if asked, never of "where <name> works"
            description = f"{employer} works in {industry.lower()}." if industry else f"{employer} is where I work."
            self._note("employer.description", INVENTED, "the profile does not say what it does; write it as its"
                                                         " website says it")
        else:
            description = voice.employer.description
            self._note("employer.description", INVENTED, f"the made-up employer of the built-in persona {self.based_on}")
        if facts.employer_size:
            size = facts.employer_size
            self._note("employer.size", FROM_PROFILE, "as it states it")
        else:
            size = kind[1] if kind else (voice.employer.size if not stated else "about 500 employees")
            self._note("employer.size", INVENTED, guess)
        if facts.employer_founded:
            founded = facts.employer_founded
            self._note("employer.founded", FROM_PROFILE, "as it states it")
        else:
            founded = kind[2] if kind else (voice.employer.founded if not stated else 2000)
            self._note("employer.founded", INVENTED, guess)
        if facts.employer_headquarters:
            headquarters = facts.employer_headquarters
            self._note("employer.headquarters", FROM_PROFILE, "as it states it")
        else:
            headquarters = location if stated else voice.employer.headquarters
            self._note("employer.headquarters", INVENTED, "assumed to be where they are based; " + guess
                       if stated else guess)
        if facts.employer_facts:
            public = [clip(f, 300) for f in facts.employer_facts][:30]
            self._note("employer.public_facts", FROM_PROFILE, f"what it says about {employer}; add what their website"
                                                              " says (products, size, news)")
        elif stated:
            public = []
            self._note("employer.public_facts", FROM_PROFILE, f"it says nothing about {employer}; add what their"
                                                              " website says (products, size, news)")
        else:
            public = list(voice.employer.public_facts)
            self._note("employer.public_facts", INVENTED, f"the made-up employer of the built-in persona {self.based_on}")
        return {"name": _fit(employer, 300, fallback=voice.employer.name),
                "description": _fit(description, 1000, 5, voice.employer.description),
                "size": _fit(size, 300, fallback="about 500 employees"), "founded": max(1600, min(2100, founded)),
                "headquarters": _fit(headquarters, 300, fallback=voice.employer.headquarters), "public_facts": public}

    def _replacements(self, name: str, first: str, employer: str):
        """Swaps the voice's own name, first name, form of address and employer for the new person's."""
        voice, facts = self.voice, self.facts
        pairs: dict[str, str] = {}
        if facts.employer:
            short = clip(employer, 80)
            for form in _employer_forms(voice.employer.name):
                pairs[form] = short
        city = (facts.location or "").split(",")[0].strip()
        if city and len(city) <= 40:
            for place in {voice.location.split(",")[0].split("(")[0].strip(),
                          voice.employer.headquarters.split(",")[0].split("(")[0].strip()}:
                if place and place.lower() not in {"remote", "washington"}:
                    pairs.setdefault(place, city)
        pairs[voice.name] = name
        pairs[voice.first_name] = first
        voice_last = voice.name.split()[-1]
        new_last = name.split()[-1] if len(name.split()) > 1 else first
        for title in ("Ms.", "Mr.", "Mrs.", "Dr.", "Mx."):
            pairs[f"{title} {voice_last}"] = f"{title} {new_last}"
        return _replacer(pairs)

    def _voice(self, replace, first: str, pronouns: str, generic_from: str, *, name: str, role: str, employer: str,
               industry: str) -> dict[str, Any]:
        voice = self.voice
        rewrite = f"replace with what {first} would say"
        if self.general:
            return self._general_voice(first, generic_from, rewrite, name=name, role=role, employer=employer,
                                       industry=industry)
        own = _OwnFacts(voice, self.text, name)

        def text(value: str, limit: int, minimum: int) -> str:
            changed = clip(replace(value), limit)
            return changed if len(changed) >= minimum else value

        manner = voice.manner.model_dump()
        manner["speaking_style"] = text(_swap_pronouns(manner["speaking_style"], voice.pronouns, pronouns), 1000, 5)
        peeves = [p for p in manner["pet_peeves"] if not own.states(p)] or ["Being asked for a job in the first few"
                                                                              " minutes."]
        manner["pet_peeves"] = [text(_swap_pronouns(p, voice.pronouns, pronouns), 1000, 5) for p in peeves]
        self._note("manner", GENERIC, f"the manner of {generic_from}; replace with how {first} comes across")
        self._meeting_length(manner)
        lines = {key: text(value, 1000, 5) for key, value in voice.lines.model_dump().items()}
        self._note("lines", GENERIC, f"taken from {generic_from}; {rewrite}")
        topics: dict[str, list[str]] = {}
        told = self._told_path(role, employer)
        for key, passages in voice.topics.model_dump().items():
            if key == "career_path" and told:
                topics[key] = told
                continue
            kept = []
            for passage in passages:
                left = own.keep(passage)
                if left:
                    changed = clip(replace(left), 4000)
                    if len(changed) >= 20:
                        kept.append(changed)
            if len(kept) < 2:
                kept += _generic_passages(key, role, employer, industry)[: 2 - len(kept)]
                self._note(f"topics.{key}", GENERIC, f"neutral lines from the role and employer, since what"
                                                     f" {generic_from} says here is about that person; {rewrite}")
            topics[key] = kept
        self._note("topics", GENERIC, f"taken from {generic_from}, without what is about that person; {rewrite}")
        stories = []
        for story in voice.stories:
            item = story.model_dump(exclude_none=True)
            parts = [item["title"], item["text"], item.get("lesson", "")]
            if any(own.states(sentence) for part in parts for sentence in _sentences_of(part)):
                continue  # a story of that person's own life: dropped rather than told as this person's
            item["title"] = text(item["title"], 300, 1)
            item["text"] = text(item["text"], 4000, 20)
            if "lesson" in item:
                item["lesson"] = text(item["lesson"], 1000, 5)
            stories.append(item)
        self._note("stories", GENERIC, f"the general ones of {generic_from} (its own life stories are left out);"
                                       f" replace with what happened to {first}")
        referrals = self._colleagues(name, first, role, employer)
        return {"manner": manner, "lines": lines, "topics": topics, "stories": stories, "referrals": referrals}

    def _general_voice(self, first: str, generic_from: str, rewrite: str, *, name: str, role: str, employer: str,
                       industry: str) -> dict[str, Any]:
        """A voice for someone in a field no built-in persona is in: the closest one's manner (how
        warm, how talkative), and what any professional could say, with none of another field's work."""
        manner = self.voice.manner.model_dump()
        manner["speaking_style"] = "Friendly and direct; gives concrete examples from the work; says so when unsure."
        whose = employer + ("'" if employer.endswith("s") else "'s")
        manner["pet_peeves"] = ["Being asked for a job in the first few minutes.",
                                clip(f"Questions that {whose} own website answers.", 1000)]
        self._note("manner", GENERIC, f"general; the warmth and pace of {self.based_on}: replace with how {first}"
                                      " comes across")
        self._meeting_length(manner)
        lines = {
            "greeting": "Hi, nice to meet you. I've set aside {minutes}, so we have time. What made you want to talk?",
            "on_job_request": "I appreciate that, but I'd rather keep this about the work itself. I'm not the one who"
                              " decides on hiring, and I'd want to know your work first. Ask me anything about what"
                              " the job is like.",
            "time_nearly_up": "Just so you know, we have {remaining} left.",
            "time_up": "We're at our {minutes}, so I'll need to go in a moment.",
            "goodbye": "This was a good conversation. Feel free to send me a note if another question comes up.",
        }
        self._note("lines", GENERIC, f"general; {rewrite}")
        topics: dict[str, list[str]] = {}
        told = self._told_path(role, employer)
        for key in self.voice.topics.model_dump():
            if key == "career_path" and told:
                topics[key] = told
                continue
            topics[key] = [clip(p, 4000) for p in _generic_passages(key, role, employer, industry)]
        self._note("topics", GENERIC, f"general passages, true of most work and specific to none, since no built-in"
                                      f" persona is in the field of {role}; {rewrite}")
        referrals = self._colleagues(name, first, role, employer)
        self._note("stories", GENERIC, f"none: add two or three things that happened to {first} at work")
        return {"manner": manner, "lines": lines, "topics": topics, "stories": [], "referrals": referrals}

    def _meeting_length(self, manner: dict[str, Any]) -> None:
        """The meeting length given with ``--minutes`` (or in the app), over the voice's own."""
        if self.minutes is not None:
            manner["default_minutes"] = self.minutes
            self._note("manner.default_minutes", FROM_PROFILE, "the meeting length you gave")

    def _told_path(self, role: str, employer: str) -> list[str]:
        """``topics.career_path`` from the facts, noted as such; empty when they state too little."""
        told = career_from_facts(self.facts, role, employer)
        if len(told) < 2:
            return []
        self._note("topics.career_path", FROM_PROFILE, "the schools, past jobs, current role and talks it states, told"
                                                       " in the first person; add why each move happened")
        return told

    def _colleagues(self, name: str, first: str, role: str, employer: str) -> list[dict[str, str]]:
        """Two or three made-up people they could introduce you to, from their own workplace (and
        the last place they worked): none of the built-in persona's colleagues, whose names and
        reasons belong to that person's life."""
        out = self._made_up_colleagues(name, role, employer)
        self._note("referrals", INVENTED, f"made-up colleagues at {employer}" + (" and a past employer" if len(out) > 2
                                                                                 else "")
                                          + f"; replace with people {first} could introduce you to")
        return out

    def _made_up_colleagues(self, name: str, role: str, employer: str) -> list[dict[str, str]]:
        voice = self.voice
        taken = {norm(w) for w in f"{name} {' '.join(r.name for r in voice.referrals)}".replace(".", " ").split()}
        pool = [(n, p) for n, p in _COLLEAGUE_NAMES if not taken & {norm(w) for w in n.split()}]
        start = sum(map(ord, name)) % len(pool)
        people = pool[start:] + pool[:start]
        title = role.split(",")[0].strip() or role  # "Veterinary Technician, ICU": the title
        peer = _SENIORITY.sub("", title).strip() or title
        peer = peer[:1].upper() + peer[1:]
        out = []

        def add(role_at: str, why: str) -> None:
            who, pronouns = people[len(out)]
            subject = pronouns.split("/")[0]
            plural = subject == "they"
            said = why.format(s=subject, S=subject.capitalize(), has="have" if plural else "has",
                              remembers="remember" if plural else "remembers", looks="look" if plural else "looks")
            out.append({"name": who, "pronouns": pronouns, "role": clip(role_at, 300), "why": clip(said, 1000)})

        add(f"{peer}, {employer}", "{S} joined the team two years ago, so {s} still {remembers} what the first"
                                   " year is like and how {s} got the job.")
        add(f"Team Lead, {employer}", "{S} {has} hired for our team for years and can tell you what {s} {looks} for in"
                                      " someone starting out.")
        past = next((job for job in self.facts.past_jobs if " at " in job), None)
        if past:
            title, _, place = past.partition(" at ")
            place = re.sub(r",\s*(?:since\s+)?\d{4}(?:\s*-\s*\d{4})?$", "", place).strip()
            if place and norm(place) != norm(employer):
                add(f"{_SENIORITY.sub('', title).strip() or title}, {place}",
                    f"We worked together at {place}; {{s}} can tell you what the work is like there.")
        return out

    def _validated(self, data: dict[str, Any]) -> dict[str, Any]:
        """``data`` as the persona model accepts it: a part a replacement broke (a greeting that now
        greets the person by name, a line that now holds a length) goes back to the voice's own."""
        voice = self.voice.model_dump(exclude={"id"})
        for _ in range(4):
            try:
                Persona.model_validate(data)
                return data
            except ValidationError as exc:
                errors = exc.errors(include_url=False, include_input=False)
            message = " ".join(str(e.get("msg", "")) for e in errors)
            for error in errors:
                where = error["loc"][0] if error["loc"] else None
                if where in ("lines", "topics", "stories", "manner", "referrals") and where in voice:
                    data[where] = voice[where]
                elif where in data and where in voice and where not in ("name",):
                    data[where] = voice[where]
            if "lines.greeting greets" in message:
                data["lines"] = {**data["lines"], "greeting": NEUTRAL_GREETING}
            if "years_in_role" in message:
                data["years_in_role"] = min(data["years_in_role"], data["years_in_field"])
            if "name" in message and "greets" not in message and "years" not in message:
                data["name"] = INVENTED_NAME
        raise CoffeechatError("the drafted persona did not validate; paste a shorter or plainer profile, or report"
                              " this with the text that caused it")
