"""What a pasted public profile states about a real person, read offline.

``read_profile`` reads a LinkedIn About and experience, a team-page bio, a first-person bio or a
two-line "name and title" into ``ProfileFacts``: only what the text says, never a guess
(``profile_persona`` drafts a persona from the facts).

No network and no model: patterns and small word lists. The text is outside data: it is cut to
``MAX_CHARS``, cleaned of escapes and control characters, stripped of contact details before any
reading, and every pattern is bounded, so a hostile paste can neither slip into the persona nor
make the read slow.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coffeechat.core.contacts import line_without_contacts
from coffeechat.core.safe_text import strip_controls


MAX_CHARS = 50_000  # a long LinkedIn page is about 15,000 characters
MAX_PIECE = 600  # prose is read in pieces at most this long: every pattern stays cheap
MAX_ITEMS = 12  # of each list in ProfileFacts


@dataclass(frozen=True)
class ProfileFacts:
    """What a profile states about the person; None or empty where it says nothing."""

    name: str | None = None
    pronouns: str | None = None
    role: str | None = None
    employer: str | None = None
    location: str | None = None
    education: list[str] = field(default_factory=list)
    past_jobs: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    employer_facts: list[str] = field(default_factory=list)
    years_in_role: int | None = None
    years_in_field: int | None = None
    summary: str = ""
    # the pieces the draft needs beyond the stated lines; not part of what a caller reads
    role_start: int | None = field(default=None, repr=False)
    employer_description: str | None = field(default=None, repr=False)
    employer_founded: int | None = field(default=None, repr=False)
    employer_size: str | None = field(default=None, repr=False)
    employer_headquarters: str | None = field(default=None, repr=False)

    def stated_anything(self) -> bool:
        return bool(self.name or self.role or self.employer or self.location or self.education or self.past_jobs
                    or self.other or self.employer_facts)


# -- cleaning ----------------------------------------------------------------------------------------

_MARKUP = re.compile(r"\[/?[A-Za-z#@][\w #=.,:/@-]{0,40}\]|\[/\]")
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\U0001FC00-\U0001FFFF\u2190-\u21FF\u2300-\u23FF\u2460-\u24FF"
                    "\u25A0-\u27BF\u2900-\u297F\u2B00-\u2BFF\u3030\u303D\uFE00-\uFE0F\u200D\uFFFD\uE000-\uF8FF]")
_HANDLE_LINE = re.compile(r"^\s*(?:contact info|\d[\d,]*\+? (?:connections|followers)|message|connect|follow|more|"
                          r"(?:1st|2nd|3rd\+?)|· ?(?:1st|2nd|3rd\+?)|show (?:all|more|credential).*|see (?:all|more).*|"
                          r"…see more|\.\.\.see more)\s*$", re.I)
_CAP_CHROME = r"(?:[A-Z0-9][\w'’&.,/()-]*)"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    """The pasted text, cut to size and made plain: no escapes, controls, markup, emoji or contact details."""
    text = text[:MAX_CHARS].replace("\r\n", "\n").replace("\r", "\n")
    text = strip_controls(text)
    text = unicodedata.normalize("NFKC", text)[:MAX_CHARS]
    text = _EMOJI.sub(" ", _MARKUP.sub(" ", text))
    text = text.replace("{", "(").replace("}", ")")  # braces are placeholders in a persona's lines
    lines = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", line_without_contacts(_SPACES.sub(" ", raw))).strip()
        line = _TRAILING_CHROME.sub("", line).strip()
        if line and _is_chrome(line):
            continue
        lines.append(line)
    return "\n".join(lines)


# what a LinkedIn page shows around the facts: buttons, image alt text, endorsements, degrees of connection
_CHROME_LINE = re.compile(r"^(?:show (?:all|more|less|credential|publication|project)\b.*|see (?:all|more|less)\b.*|"
                          r"(?:…|\.\.\.)\s*see (?:more|less)|endorsed by\b.*|\d+ endorsements?|"
                          r"·?\s*(?:1st|2nd|3rd\+?))$", re.I)
_TRAILING_CHROME = re.compile(r"(?:\s*(?:…|\.\.\.)\s*see more|\s+·\s*(?:1st|2nd|3rd\+?))\s*$", re.I)
_LOGO_LINE = re.compile(rf"^(?:{_CAP_CHROME}|of|and|&|for|the|de|at|-|–)(?:\s+(?:{_CAP_CHROME}|of|and|&|for|the|de|at|-|–))"
                        r"{0,10}\s+logo$")


def _is_chrome(line: str) -> bool:
    """A line of page furniture rather than of the profile: "Show all 12 skills", "Endorsed by …",
    "· 3rd", or an image's alt text ("University of Illinois Urbana-Champaign logo")."""
    return bool(_CHROME_LINE.match(line) or (len(line) <= 140 and _LOGO_LINE.match(line)))


# -- vocabulary -------------------------------------------------------------------------------------

ROLE_NOUNS = frozenset("""
engineer developer programmer scientist analyst manager director officer lead head president vp svp evp avp
chief ceo cto cfo coo cio cmo cpo cso cdo founder co-founder cofounder partner principal consultant advisor adviser
specialist coordinator administrator architect designer researcher professor lecturer teacher educator instructor
tutor nurse rn np physician doctor surgeon clinician therapist pharmacist dentist psychologist counselor counsellor
economist statistician actuary attorney lawyer counsel paralegal accountant auditor controller treasurer editor
writer journalist reporter producer strategist representative technician technologist librarian fellow intern
assistant executive commissioner secretary chair chairman chairwoman chairperson dean provost superintendent owner
recruiter planner organizer organiser advocate trainer coach supervisor banker trader investigator practitioner
midwife paramedic steward ambassador evangelist inspector agent broker underwriter marketer operator entrepreneur
contractor freelancer postdoc liaison navigator facilitator curator archivist associate swe pm tpm pmm sde
member leader owner scholar apprentice clerk worker staffer aide deputy captain lieutenant sergeant commander
""".split())
SENIORITY = frozenset("""
senior sr sr. junior jr jr. staff principal lead chief head deputy assistant associate executive managing general
vice global regional interim acting founding distinguished ii iii iv
""".split())
FUNCTION_WORDS = frozenset("""
data software product program programme project research user ux ui design marketing sales operations strategy
business financial finance investment policy legal clinical nursing charge registered nurse medical health public
communications engineering technical technology machine learning ml ai infrastructure platform security quality
customer account community development education science mathematics math chemistry physics biology english
history high middle elementary environmental climate government management civic impact youth workforce human
resources people talent analytics insights growth content brand digital creative backend frontend full stack
full-stack mobile web cloud devops site reliability qa test solutions systems network it information economic
statistics survey grants partnerships fundraising advancement relations affairs administrative family pediatric
cardiac intensive care icu emergency surgical oncology mental social case field sustainability energy water
conservation experience advocacy equity learning student students teaching curriculum innovation revenue
""".split())
ORG_WORDS = frozenset("""
inc inc. llc ltd ltd. limited corp corp. corporation company co. group holdings partners associates labs lab
laboratory laboratories technologies technology systems solutions software networks bank capital ventures fund
foundation trust institute institution university college school academy hospital clinic health healthcare
medical center centre department dept agency administration office bureau ministry council commission committee
board authority service services army navy corps society association alliance coalition network initiative
project media studio studios consulting advisors insurance mutual pharmaceuticals therapeutics energy motors
airlines press times news magazine museum library district schools county reserve church industries enterprises
americorps peace nations union federation league conservancy fed gmbh ag sa plc nhs assembly legislature
senate congress parliament court police guard
""".split())
SCHOOL_WORDS = ("university", "college", "institute", "school", "academy", "polytechnic", "conservatory",
                "université", "universidad", "universität", "università", "universiteit", "hochschule",
                "университет", "институт", "академия", "大学", "学院", "高校", "高等学校")
SCHOOL_STANDALONE = frozenset({"mit", "caltech", "ucla", "usc", "nyu", "cmu", "lse", "ucl", "epfl", "eth", "kaist",
                               "hbs", "insead", "wharton"})
SPECIALTY_START = FUNCTION_WORDS | {"infrastructure", "enterprise", "core", "platform", "economic", "the"}
COMPANY_MARKS = ("株式会社", "有限会社", "合同会社", "ООО", "ОАО", "ЗАО", "ПАО", "АО ", "GmbH")
EMPLOYMENT_TYPES = re.compile(r"\s*[·•|,-]\s*(?:full[- ]time|part[- ]time|self[- ]employed|freelance|contract|"
                              r"internship|apprenticeship|seasonal|temporary|permanent|remote|hybrid|on[- ]site)\b.*$",
                              re.I)
TITLES = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "prof", "prof.",
                     "professor", "sir", "dame", "rev", "rev."})
_PARTICLES = frozenset({"de", "del", "della", "da", "das", "do", "dos", "van", "von", "der", "den", "la", "le", "du",
                        "bin", "binti", "al", "el", "y", "di", "ter", "ten", "st.", "mac"})
_NOT_NAMES = frozenset("""
the a an this that these our my his her their its we i you he she they it in on at for with from about
experience education summary profile overview about skills contact meet welcome hello hi home team staff our
people bio biography work career news blog my resume cv curriculum vitae january february march april may june
july august september october november december monday tuesday wednesday thursday friday saturday sunday
present current today new how what why when where who which after before during since while as if so but and
or also currently previously formerly prior following outside there here each both all most many some one two
director manager senior chief head executive vice president founder engineer professor doctor nurse analyst
consultant associate assistant program product data research policy student students linkedin open
""".split())
US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
""".split()) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
               "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia", "d.c.", "dc"}
STATE_CODES = frozenset("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
                        "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split())
COUNTRIES = frozenset("""
united states usa us canada mexico brazil argentina chile colombia peru uk united kingdom england scotland wales
ireland france germany spain portugal italy netherlands belgium switzerland austria sweden norway denmark finland
poland romania greece turkey israel egypt nigeria kenya ghana south africa india pakistan bangladesh china japan
korea south korea singapore malaysia indonesia philippines vietnam thailand australia new zealand russia ukraine
""".split()) | {"united states", "united kingdom", "south africa", "south korea", "new zealand", "hong kong", "taiwan"}
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"thirty": 30, "forty": 40, "a": 1, "an": 1, "a couple of": 2,
                                                      "a few": 3, "several": 3}

_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MONTH_NUMBER = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                              "nov", "dec"), start=1)}
_YEAR = r"(?:19[4-9]\d|20[0-4]\d)"
_RANGE = re.compile(
    rf"(?:(?<![A-Za-z])(?P<m1>{_MON})\.?\s+|(?<!\d)(?P<n1>\d{{1,2}})[/.])?(?<!\d)(?P<y1>{_YEAR})(?:\s*年)?(?!\d)"
    rf"\s*(?:-|–|—|−|~|〜|to|until|through|thru|till)\s*"
    rf"(?:(?:(?P<m2>{_MON})\.?\s+|(?P<n2>\d{{1,2}})[/.])?(?P<y2>{_YEAR})(?:\s*年)?(?!\d)|"
    rf"(?P<now>present|current|now|today|date|настоящее время|н\.\s?в\.|現在|至今))", re.I)
_SINCE = re.compile(rf"\b(?:since|from)\s+(?:(?P<m>{_MON})\.?\s+)?(?P<y>{_YEAR})(?!\d)(?!\s*(?:-|–|—|to|until))", re.I)
_DURATION = re.compile(r"(?<![\w.])(?:(?P<y>\d{1,2})\s*(?:yrs?|years?)(?:\s*(?P<m>\d{1,2})\s*(?:mos?|months?))?|"
                       r"(?P<mo>\d{1,2})\s*(?:mos?|months?)|less than a year)\b", re.I)
_DURATION_LINE = re.compile(r"^(?:[\w -]{0,30}·\s*)?(?:\d{1,2}\s*(?:yrs?|years?|mos?|months?)\s*){1,2}$|^less than a year$", re.I)
_YEAR_ANY = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_CLASS_YEAR = re.compile(r"(?P<deg>[A-Z][A-Za-z.]{0,8})\s*['’‘](?P<y>\d\d)\b")
_DEGREE = re.compile(
    r"(?<![\w.])(?:"
    r"(?P<abbr>B\.?\s?A\.?|B\.?\s?S\.?(?:c\.?)?|B\.?S\.?N\.?|B\.?F\.?A\.?|B\.?B\.?A\.?|B\.?Eng\.?|B\.E\.|B\.?Tech\.?|"
    r"M\.?\s?A\.?|M\.?\s?S\.?(?:c\.?)?|M\.?B\.?A\.?|M\.?P\.?H\.?|M\.?P\.?P\.?|M\.?P\.?A\.?|M\.?F\.?A\.?|M\.?Eng\.?|"
    r"M\.?S\.?N\.?|M\.?S\.?W\.?|M\.?Ed\.?|M\.?C\.?S\.?|M\.?Phil\.?|M\.?Arch\.?|Ph\.?\s?D\.?|D\.?Phil\.?|Ed\.?D\.?|"
    r"J\.?D\.?|M\.?D\.?|D\.?N\.?P\.?|Pharm\.?D\.?|LL\.?B\.?|LL\.?M\.?|A\.?D\.?N\.?|A\.?A\.?S\.?|DBA|BSc|MSc|"
    r"Ed\.?M\.?|A\.B\.|S\.B\.|S\.M\.|Sc\.?B\.?|Sc\.?M\.?|BASc|BSE|MHA|MSPH|Dr\.?PH|MLIS|MAT|M\.?S\.?Ed\.?)"
    r"(?![\w])|"
    r"(?i:(?<!honorary\s)(?P<word>"
    r"(?:bachelor|master|doctor|associate)\s+of\s+(?:arts|science|applied science|fine arts|business administration|"
    r"public health|public policy|public administration|education|engineering|laws|philosophy|social work|"
    r"nursing|medicine|divinity|music|architecture|technology|computer science)(?:\s+in\s+nursing)?|"
    r"(?:bachelor|master)(?:'s|’s|s)?(?:\s+degree)?|(?:doctor|associate)(?:'s|’s)?\s+degree|"
    r"doctorate|doctoral degree|undergraduate degree|graduate degree)\b))")
_DEGREE_CANON = {"BA": "BA", "BS": "BS", "BSC": "BSc", "BSN": "BSN", "BFA": "BFA", "BBA": "BBA", "BENG": "BEng",
                 "BE": "BE", "BTECH": "BTech", "MA": "MA", "MS": "MS", "MSC": "MSc", "MBA": "MBA", "MPH": "MPH",
                 "MPP": "MPP", "MPA": "MPA", "MFA": "MFA", "MENG": "MEng", "MSN": "MSN", "MSW": "MSW", "MED": "MEd",
                 "MCS": "MCS", "MPHIL": "MPhil", "MARCH": "MArch", "PHD": "PhD", "DPHIL": "DPhil", "EDD": "EdD",
                 "JD": "JD", "MD": "MD", "DNP": "DNP", "PHARMD": "PharmD", "LLB": "LLB", "LLM": "LLM", "ADN": "ADN",
                 "AAS": "AAS", "DBA": "DBA", "EDM": "EdM", "AB": "AB", "SB": "SB", "SM": "SM", "SCB": "ScB",
                 "SCM": "ScM", "BASC": "BASc", "BSE": "BSE", "MHA": "MHA", "MSPH": "MSPH", "DRPH": "DrPH",
                 "MLIS": "MLIS", "MAT": "MAT", "MSED": "MSEd"}
_OTHER_WORDS = re.compile(
    r"\b(?:keynote|gave (?:a|the) talk|talks? (?:at|on)|tedx?|spoke at|speaker|speaks at|presented at|presentations? at|"
    r"panel(?:ist)?|podcast|author(?:ed)?|co-authored|testified|"
    r"published|publications?|papers?|book|articles?|awards?|awarded|recipient|honou?red|honou?rs?|prize|named (?:to|one|a)|"
    r"certified|certifications?|certificate|licensed|credentials?|board|trustees?|advisory board|advisory council|"
    r"council|elected|fellow of|"
    r"research associate of|patents?)\b", re.I)
_FACT_WORDS = re.compile(
    r"\b(?:founded|established|headquartered|based in|employees|staff of|people|customers|clients|users|countries|"
    r"offices|raised|funding|series [a-f]|valuation|valued|acquired|revenue|beds|students|members|serves|provides|"
    r"makes|builds|develops|offers|sells|operates|platform|products?|startup|nonprofit|non-profit|company|firm|"
    r"hedge fund|agency|hospital|trauma|magnet|ranked|largest|leading|under management)\b", re.I)

_UPPER_CHARS = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha())
_U = "[" + re.escape(_UPPER_CHARS) + "]"
_CAP = rf"(?:{_U}[\w'’&./\-]{{0,40}}|\d+[A-Za-z][\w'’-]{{0,20}})"
_CONNECT = r"(?:of|and|&|for|the|de|la|du|des|der|y|on)"
_ORG = re.compile(rf"(?:[Tt]he\s+)?{_CAP}(?:\s+(?:{_CONNECT}\s+){{0,2}}{_CAP}){{0,9}}")
_PLACE = re.compile(rf"{_CAP}(?:\s+{_CAP}){{0,3}}(?:,\s*{_CAP}(?:\s+{_CAP}){{0,3}}){{0,2}}")


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’.&-]+", text.lower())


def _has_role_noun(text: str) -> bool:
    return any(w.strip(".,'’") in ROLE_NOUNS for w in _words(text))


def _is_school(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in SCHOOL_WORDS) or any(w in SCHOOL_STANDALONE for w in _words(text))


def _has_org_word(text: str) -> bool:
    return any(w.strip(",.'’") in ORG_WORDS for w in _words(text)) or any(m in text for m in COMPANY_MARKS)


def _latin_share(text: str) -> float:
    letters = [ch for ch in text[:4000] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch < "\u0250") / len(letters)


def _trim(value: str | None, limit: int = 120) -> str | None:
    """A value fit for a one-line field: one line, no surrounding punctuation, at most ``limit`` long."""
    if not value:
        return None
    value = " ".join(value.split()).strip(" ,;:·|–—-*•\"'“”‘’")
    value = re.sub(r"\s*\((?:[^()]{0,40})$", "", value)  # an unclosed parenthesis at the end
    if value.count("(") != value.count(")"):
        value = value.replace("(", "").replace(")", "")
    if len(value) > limit:
        cut = value[:limit].rsplit(" ", 1)[0]
        value = cut if len(cut) > limit // 2 else value[:limit]
    value = value.strip(" ,;:·|–—-")
    return value if any(ch.isalnum() for ch in value) else None


def clip(text: str, limit: int) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[: limit - 1]).rstrip(",;: ") + "…"


def norm(text: str) -> str:
    """``text`` for comparing: lower case, no accents on Latin letters, no punctuation, no leading
    "the", in any script (the marks that make a Japanese kana what it is stay)."""
    kept = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) and kept and kept[-1] < "\u0250":
            continue
        kept.append(ch)
    plain = unicodedata.normalize("NFC", "".join(kept)).casefold()
    plain = re.sub(r"['’`]s\b", "", plain)
    plain = " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())
    return plain.removeprefix("the ")


# -- lines and sections -----------------------------------------------------------------------------

_HEADINGS = {
    "about": "about", "summary": "about", "profile": "about", "bio": "about", "biography": "about",
    "overview": "about", "about me": "about", "professional summary": "about",
    "experience": "experience", "work experience": "experience", "professional experience": "experience",
    "employment": "experience", "employment history": "experience", "career": "experience",
    "career history": "experience", "work history": "experience", "positions": "experience",
    "education": "education", "education and training": "education", "academic background": "education",
    "licenses & certifications": "Certification", "licenses and certifications": "Certification",
    "certifications": "Certification", "licenses": "Certification", "credentials": "Certification",
    "certificates": "Certification", "honors & awards": "Award", "honors and awards": "Award", "honors": "Award",
    "awards": "Award", "awards and honors": "Award", "recognition": "Award", "publications": "Publication",
    "selected publications": "Publication", "papers": "Publication", "books": "Publication", "talks": "Talk",
    "speaking": "Talk", "presentations": "Talk", "selected talks": "Talk", "conference talks": "Talk",
    "speaking engagements": "Talk", "boards": "Board", "board memberships": "Board", "board service": "Board",
    "volunteering": "Volunteering", "volunteer experience": "Volunteering", "affiliations": "Member",
    "patents": "Patent",
    "skills": "ignore", "top skills": "ignore", "languages": "ignore", "interests": "ignore",
    "recommendations": "ignore", "activity": "ignore", "courses": "ignore", "projects": "ignore",
    "people also viewed": "ignore", "people you may know": "ignore", "featured": "ignore", "causes": "ignore",
    "organizations": "ignore", "contact": "ignore", "contact info": "ignore", "test scores": "ignore",
    "services": "ignore", "more profiles for you": "ignore", "explore premium profiles": "ignore",
    "職歴": "experience", "経歴": "experience", "学歴": "education", "опыт работы": "experience",
    "образование": "education", "о себе": "about", "自己紹介": "about",
}
_BULLET = re.compile(r"^(?:[-*•–·▪◦‣>]+|\d{1,2}[.)])\s*")


@dataclass
class _Line:
    text: str
    bullet: bool


def _sections(text: str) -> dict[str, list[_Line]]:
    """The lines of each part of the profile: "head" (before any heading), "about", "experience",
    "education", and one part per kind of the other facts ("Talk", "Award", …); a blank line is kept
    as an empty line (it separates entries)."""
    sections: dict[str, list[_Line]] = {"head": [], "about": [], "experience": [], "education": []}
    current = "head"
    previous = None
    for raw in text.split("\n"):
        bullet = bool(_BULLET.match(raw)) and not _RANGE.match(raw)
        line = _BULLET.sub("", raw).strip() if bullet else raw
        key = line.lower().strip(" :#：").strip()
        if len(key) <= 40 and key in _HEADINGS:
            current = _HEADINGS[key]
            previous = None
            continue
        if line == previous:  # a LinkedIn paste repeats lines for screen readers
            continue
        previous = line
        if current != "ignore":
            sections.setdefault(current, []).append(_Line(line, bullet))
    return sections


# -- names --------------------------------------------------------------------------------------------

_CREDENTIAL = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.?){1,4}$")
_NAME_TOKEN = re.compile(rf"^(?:{_U}[\w'’-]{{0,30}}\.?|{_U}\.)$")


def _strip_credentials(text: str) -> str:
    """ "Barbara Bosah, MS, RN, PCCN" → "Barbara Bosah"; "Connor Skennerton, Ph.D." → "Connor Skennerton"."""
    parts = [p.strip() for p in text.split(",")]
    while len(parts) > 1 and (_CREDENTIAL.match(parts[-1].replace(" ", "")) or parts[-1].lower().rstrip(".") in
                              {"jr", "sr", "phd", "ph.d", "md", "mba", "cfa", "cpa", "pmp"}):
        parts.pop()
    return ", ".join(parts)


def _credentials(text: str) -> list[str]:
    """The letters after a name: "Barbara Bosah, MS, RN, PCCN" → ["MS", "RN", "PCCN"]."""
    text = re.sub(r"\s*\([^()]{0,40}\)", "", text)
    kept = _strip_credentials(text)
    rest = text[len(kept):]
    return [c.strip() for c in rest.split(",") if c.strip()]


def _name_like(text: str, *, single: bool = False) -> str | None:
    """``text`` as a person's name when it looks like one ("Maria Chen", "Arielle del Rosario",
    "Robert B. Richardson", "佐藤 美咲"), else None."""
    text = _strip_credentials(re.sub(r"\s*\([^()]{0,40}\)", "", text)).strip(" ,.;:")
    if not text or len(text) > 60 or any(ch.isdigit() for ch in text):
        return None
    if _latin_share(text) < 0.5:  # another script: a short line of letters is kept as the name
        if len(text) <= 20 and all(ch.isalpha() or ch in " ·・-'" for ch in text) and len(text.split()) <= 4:
            return text
        return None
    tokens = text.split()
    while tokens and tokens[0].lower() in TITLES:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5 or (len(tokens) < 2 and not single):
        return None
    capitals = 0
    for i, token in enumerate(tokens):
        low = token.lower()
        if low in _PARTICLES and 0 < i < len(tokens) - 1:
            continue
        if not _NAME_TOKEN.match(token) or low.strip(".") in _NOT_NAMES or low in ORG_WORDS or low in ROLE_NOUNS:
            return None
        if token.isupper() and len(token) > 2:  # "IBM", "NASA": an organisation, not a name
            return None
        capitals += 1
    if capitals < (1 if single else 2) or _is_school(text):
        return None
    return " ".join(tokens)


# a sentence that opens with the person: "Angela Wise (B.A. ’06) is", "Director Katharine G. Abraham first joined"
_SUBJECT_VERBS = (r"is|was|has|had|leads|led|joined|joins|serves|served|holds|held|earned|received|works|worked|"
                  r"manages|managed|oversees|brings|began|started|spent|grew|studied|completed|focuses|specializes|"
                  r"specialises|helps|runs|heads|directs|teaches|advances|supports|builds|designs|develops|co-founded|"
                  r"founded|currently|previously|first|also|recently|returned|moved|comes|came|graduated|plays|"
                  r"will|would|loves|enjoys|believes|writes|wrote|lives|resides")
_SUBJECT = re.compile(
    rf"^(?P<pre>(?:(?:{_U}[\w'’-]{{1,20}}|of|the|and|&)\s+){{0,5}}?)"
    rf"(?P<name>{_U}[\w'’-]{{0,30}}\.?(?:\s+(?:{_U}\.|{_U}[\w'’-]{{0,30}}|de|del|della|da|van|von|der|den|la|le|du|bin|al|el|di)){{0,4}})"
    rf"(?P<cred>(?:,\s*[A-Z][A-Za-z.]{{0,6}}){{0,5}},?)\s*(?:\([^()]{{0,60}}\)\s*)?(?:{_SUBJECT_VERBS})\b")


# -- the result of reading -----------------------------------------------------------------------------

@dataclass
class _Job:
    title: str | None
    org: str | None
    start: int | None = None
    start_month: int | None = None
    end: int | None = None  # None with current=True: to the present
    current: bool = False
    years: int | None = None  # the duration a LinkedIn line states
    location: str | None = None
    side: bool = False  # part-time, an internship, volunteering: not the start of their field

    def line(self) -> str | None:
        if not (self.title or self.org):
            return None
        at = " at " if _latin_share(f"{self.title or ''}{self.org or ''}") >= 0.5 else ", "
        who = f"{self.title}{at}{self.org}" if self.title and self.org else (self.title or f"At {self.org}")
        who = who[0].upper() + who[1:]
        if self.start and self.end and self.end != self.start:
            return f"{who}, {self.start}-{self.end}"
        if self.start and self.current:
            return f"{who}, since {self.start}"
        if self.end or self.start:
            return f"{who}, {self.end or self.start}"
        return who


@dataclass
class _Reading:
    """What has been found so far, with where it came from (a stronger source wins)."""

    names: list[tuple[int, str]] = field(default_factory=list)
    roles: list[tuple[int, str]] = field(default_factory=list)
    employers: list[tuple[int, str]] = field(default_factory=list)
    locations: list[tuple[int, str]] = field(default_factory=list)
    jobs: list[_Job] = field(default_factory=list)
    past: list[str] = field(default_factory=list)
    education: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    employer_facts: list[str] = field(default_factory=list)
    pronoun_marks: list[str] = field(default_factory=list)
    credentials: list[str] = field(default_factory=list)
    role_years: list[int] = field(default_factory=list)  # "Mar 2021 - Present · 3 yrs 4 mos": as LinkedIn counts it
    start_months: dict[int, int] = field(default_factory=dict)  # a job's start year → its earliest stated month
    joined: list[tuple[int | None, str | None, str]] = field(default_factory=list)  # (year, as role, employer)
    spent_before: list[int] = field(default_factory=list)  # years spent elsewhere before the current employer
    class_years: list[int] = field(default_factory=list)  # education lines from "(B.A. ’06)", which name no school
    alumni_of: list[str] = field(default_factory=list)
    role_start: list[tuple[int, int]] = field(default_factory=list)
    field_start: list[int] = field(default_factory=list)
    field_years: list[int] = field(default_factory=list)
    founded: int | None = None
    size: str | None = None
    headquarters: str | None = None
    description: str | None = None

    @staticmethod
    def best(found: list[tuple[int, str]]) -> str | None:
        return max(found, key=lambda item: item[0])[1] if found else None  # max keeps the first of equals


# -- header lines ------------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"\s+[|·•—–]\s+|\s+-\s+|\s*\|\s*|\s*·\s*|\s*•\s*|\s*／\s*")
_PRONOUN_MARK = re.compile(r"(?<![\w/])\(?\s*(she|he|they|ze|xe)\s*/\s*(her|him|them|hers|his|theirs|zir|xem)"
                           r"(?:\s*/\s*[a-z]{2,6})?\s*\)?(?![\w/])", re.I)


def _role_and_org(text: str) -> tuple[str | None, str | None]:
    """A headline's role and employer: "Title at Company", "Title | Company", "Title, Company",
    "Title — Company", "Title (Company)", "Company Title" in a Japanese or Russian line."""
    text = EMPLOYMENT_TYPES.sub("", text).strip()
    text = _RANGE.sub(" ", text)
    text = _SINCE.sub(" ", text).strip(" ,·|-–—")
    text = re.sub(r"\(\s*\)", "", text).strip(" ,·|-–—")
    if not text:
        return None, None
    found = re.search(r"\s(?:at|@|with)\s+(?P<org>.+)$", text, re.I)
    if found and len(text[: found.start()].split()) <= 10:
        title = text[: found.start()]
        org = _SEPARATORS.split(found.group("org"))[0]
        org = re.split(r",\s+(?:a|an|the)\s|\s+(?:since|from)\s", org, maxsplit=1)[0]
        return _trim(_title_part(title)), _trim(org)
    found = re.search(r"^(?P<title>[^()]{2,100})\((?P<org>[^()]{2,80})\)$", text)
    if found and not _is_degree_text(found.group("org")):
        return _trim(found.group("title")), _trim(found.group("org"))
    parts = [p for p in _SEPARATORS.split(text) if p and p.strip() and not _EX.match(p.strip())]
    if len(parts) >= 2:
        first, second = parts[0], parts[1]
        if _has_role_noun(first) or not _has_role_noun(second):
            return _trim(_title_part(first)), (_trim(second) if _org_like(second) else None)
        return _trim(second), _trim(first) if _org_like(first) else None
    if "," in text and _latin_share(text) < 0.5:
        first, rest = text.split(",", 1)
        return _trim(first), _trim(rest.split(",")[0]) if _org_like(rest.split(",")[0]) else None
    if "," in text:
        first, rest = text.split(",", 1)
        rest = rest.strip()
        words = rest.lower().split()
        if words and words[0] not in SPECIALTY_START and _org_like(rest) and _has_role_noun(first):
            return _trim(first), _trim(rest.split(",")[0] if not _has_org_word(rest) else rest)
        return _trim(text), None
    if _latin_share(text) < 0.5:
        tokens = text.split()
        orgs = [t for t in tokens if any(m.strip() in t for m in COMPANY_MARKS) or _is_school(t)
                or t.endswith(("銀行", "病院", "省", "庁"))]
        if orgs and len(tokens) > 1:
            rest = " ".join(t for t in tokens if t not in orgs)
            return _trim(rest), _trim(orgs[0])
        return _trim(text), None
    return _trim(text) if _has_role_noun(text) else None, None


_EX = re.compile(r"^(?:ex|former|formerly)[- ]+\S", re.I)


def _title_part(text: str) -> str:
    """The title of a headline part, without a leading "I'm a" or an adjective run."""
    text = re.sub(r"^(?:i['’]?m|i am|currently|now)\s+(?:a|an|the)?\s*", "", text.strip(), flags=re.I)
    return text


def _org_like(text: str) -> bool:
    """Whether a headline part can be an employer: a name, not a skill list or a slogan."""
    text = text.strip()
    if not text or len(text) > 80 or len(text.split()) > 8:
        return False
    if _is_degree_text(text) or _has_role_noun(text) and not _has_org_word(text):
        return False
    if _latin_share(text) < 0.5:
        return True
    capitals = [w for w in text.split() if w[:1].isupper() or w[:1].isdigit()]
    return len(capitals) >= max(1, len(text.split()) // 2)


def _is_degree_text(text: str) -> bool:
    return bool(_DEGREE.search(text)) and len(text.split()) <= 8


def _location_like(text: str) -> str | None:
    """``text`` as a place when it is one: "Chicago, Illinois, United States", "Greater Boston Area",
    "Remote", "Seattle, WA"."""
    text = re.sub(r"\s*·\s*(?:remote|hybrid|on-site|onsite)\s*$", "", text.strip(), flags=re.I).strip(" .")
    if not text or len(text) > 70 or any(ch.isdigit() for ch in text):
        return None
    low = text.lower()
    if re.fullmatch(r"(?:greater\s+)?[\w .'-]+\s+(?:metropolitan\s+)?area|remote|[\w .'-]+\(remote\)", low):
        return text
    parts = [p.strip() for p in text.split(",")]
    if len(parts) >= 2 and all(p and p[0].isupper() for p in parts):
        tail = parts[-1]
        if tail.lower() in US_STATES or tail in STATE_CODES or tail.lower() in COUNTRIES:
            return text
    if low in COUNTRIES or low in US_STATES:
        return text
    return None


def _read_head(lines: list[_Line], found: _Reading) -> None:
    """The top of a profile: the name line, the pronouns, the headline, the location."""
    shown = [ln.text for ln in lines if ln.text][:8]
    if not shown:
        return
    headline_done, headline_at = False, -1
    for index, line in enumerate(shown):
        if len(line) > 160 or (line.endswith((".", "?")) and len(line.split()) > 6):
            if index == 0:
                _opening_title(line, found)
            break  # prose: the header is over
        if _HANDLE_LINE.match(line):
            continue
        line = re.sub(r"\s*[·|]?\s*contact info\s*$", "", line, flags=re.I)
        mark = _PRONOUN_MARK.search(line)
        if mark:
            found.pronoun_marks.append(f"{mark.group(1).lower()}/{mark.group(2).lower()}")
            line = (line[: mark.start()] + " " + line[mark.end():]).strip(" ,·|")
            if not line:
                continue
        place = _location_like(line)
        if place and index > 0:
            found.locations.append((3, place))
            continue
        parts = [p for p in _SEPARATORS.split(line) if p.strip()]
        if index <= 1 and not found.names:
            name = _name_like(parts[0]) if parts else None
            comma = None
            if not name and "," in line:
                comma = line.split(",", 1)
                name = _name_like(comma[0])
                if name and _strip_credentials(line) != line and not _has_role_noun(comma[1]):
                    comma = None  # "Barbara Bosah, MS, RN": credentials, not a title
            if name:
                found.names.append((5, name))
                found.credentials += _credentials(parts[0] if not comma else line)
                rest = " · ".join(parts[1:]) if len(parts) > 1 else (comma[1].strip() if comma else "")
                if rest:
                    role, org = _role_and_org(rest)
                    if role and (_has_role_noun(role) or _latin_share(role) < 0.5):
                        found.roles.append((4, role))
                        headline_done, headline_at = True, index
                    if org:
                        found.employers.append((4, org))
                continue
            if index == 0 and _latin_share(line) < 0.5 and _name_like(line):
                found.names.append((5, _name_like(line) or line))
                continue
        if headline_done and not found.employers and index == headline_at + 1 and _org_like(line) and \
                not _has_role_noun(line):
            found.employers.append((4, _trim(line) or line))  # "Financial Analyst" then "Goldman Sachs"
            continue
        if not headline_done and index <= 4:
            role, org = _role_and_org(line)
            if role and (_has_role_noun(role) or (_latin_share(role) < 0.5 and found.names)):
                found.roles.append((4, role))
                if org:
                    found.employers.append((4, org))
                headline_done, headline_at = True, index
                continue
        for part in _SEPARATORS.split(line):
            past = re.match(r"^(?:ex|former|formerly)[- ]+(?P<org>.+)$", part.strip(), re.I)
            if past and _org_like(past.group("org")):
                found.past.append(f"At {_trim(past.group('org'))}")  # "Ex-Netflix" in a headline


_OPENING_TITLE = re.compile(r"^(?P<role>(?:[\w&'’/-]+\s+){0,5}?[\w&'’/-]+)\s+(?:at|with|for|in)\s+(?P<rest>\S.{0,120})")


def _opening_title(line: str, found: _Reading) -> None:
    """A bio that opens with the title, not a name: "Senior data analyst at a regional hospital network."."""
    first = _sentences(line)[0] if line else ""
    match = _OPENING_TITLE.match(first)
    if not match or match.group("role").split()[0].lower() in _NOT_NAMES - SENIORITY - ROLE_NOUNS - FUNCTION_WORDS:
        return
    role = _clean_role(match.group("role"))
    if role and role.split()[0].lower() in ROLE_NOUNS | SENIORITY | FUNCTION_WORDS:
        found.roles.append((1, role))
        org = _org_after(match.group("rest"), 0) if match.group("rest")[:1].isupper() or \
            match.group("rest").startswith("the ") else None
        if org:
            found.employers.append((1, org))


# -- experience ----------------------------------------------------------------------------------------

def _month(name: str | None, number: str | None) -> int | None:
    if name:
        return _MONTH_NUMBER.get(name[:3].lower())
    if number and 1 <= int(number) <= 12:
        return int(number)
    return None


_EMPLOYMENT_TYPE_LINE = re.compile(r"^(?:full[- ]time|part[- ]time|self[- ]employed|freelance|contract|internship|"
                                   r"apprenticeship|seasonal|temporary|permanent|volunteer|remote|hybrid|on[- ]site)"
                                   r"(?:\s*·\s*(?:remote|hybrid|on[- ]site))?$", re.I)


def _line_kind(line: str) -> str:
    """What a short line of an experience entry is: "type" (an employment type alone: "Internship"),
    "company" (with an employment type), "duration",
    "location", "description", "title" or "plain"."""
    if not line:
        return "blank"
    if _EMPLOYMENT_TYPE_LINE.match(line):
        return "type"
    if _location_like(line):
        return "location"
    if EMPLOYMENT_TYPES.search(line) and len(line) < 100:
        return "company"
    if _DURATION_LINE.match(line.strip()):
        return "duration"
    if (len(line) > 110 or line.endswith((".", "!", "?", ";")) or line.lower().startswith(("skills:", "skills ")) or
            len(line.split()) > 14):
        return "description"
    if _has_role_noun(line):
        return "title"
    return "plain"


def _read_experience(lines: list[_Line], found: _Reading) -> None:
    """Positions from an experience section, anchored on their date lines ("Jan 2019 – Present ·
    5 yrs", "2016 - 2019", "Senior Staff Engineer2022 - Present", "Analyst — Deloitte — 2016 – 2019")."""
    group_org: str | None = None
    since_anchor: list[str] = []
    for ln in lines:
        text = ln.text
        rng = _RANGE.search(text) if text else None
        if not rng:
            if text and not ln.bullet:
                kind = _line_kind(text)
                if kind == "duration" and since_anchor:  # "Acme · 5 yrs" under a company with several roles
                    group_org = _trim(EMPLOYMENT_TYPES.sub("", since_anchor[-1]))
                    since_anchor = []
                    continue
                if kind == "location" and found.jobs and not found.jobs[-1].location and not since_anchor:
                    found.jobs[-1].location = _location_like(text)
                    continue
                since_anchor.append(text)
            elif not text and since_anchor and _line_kind(since_anchor[-1]) == "description":
                since_anchor = []
            continue
        prefix = text[: rng.start()].strip(" ,·|()-–—:")
        suffix = text[rng.end():]
        heads = [h for h in since_anchor if _line_kind(h) in ("title", "company", "plain")][-3:]
        types = [h for h in since_anchor if _line_kind(h) == "type"]
        since_anchor = []
        title = org = None
        if prefix and not _DURATION_LINE.match(prefix):
            title, org = _role_and_org(prefix)
            if title and not org and "," in title:
                first, rest = title.split(",", 1)
                if rest.strip().lower().split()[:1] and rest.strip().lower().split()[0] not in SPECIALTY_START \
                        and _org_like(rest) and _has_role_noun(first):
                    title, org = _trim(first), _trim(rest)
            if not title and org is None and prefix:
                title = _trim(prefix)
            if org is None and heads:
                org = _trim(EMPLOYMENT_TYPES.sub("", heads[-1]))
                group_org = org
            elif org is None:
                org = group_org
        elif heads:
            companies = [h for h in heads if _line_kind(h) == "company"]
            titles = [h for h in heads if _line_kind(h) == "title"]
            if companies:
                org = _trim(EMPLOYMENT_TYPES.sub("", companies[-1]))
                title = _trim(titles[-1]) if titles else _trim(heads[0]) if heads[0] != companies[-1] else None
            elif len(heads) >= 2:
                first, second = heads[-2], heads[-1]
                if _has_role_noun(second) and not _has_role_noun(first):
                    org, title = _trim(first), _trim(second)
                    group_org = org
                else:
                    title, org = _trim(first), _trim(second)
            else:
                only = heads[-1]
                if _has_role_noun(only) or group_org:
                    title, org = _trim(only), group_org
                else:
                    org = _trim(only)
        else:
            org = group_org
        if title:
            inline_title, inline_org = _role_and_org(title)
            if inline_org and not org:
                title, org = inline_title, inline_org
        start = int(rng.group("y1"))
        end = int(rng.group("y2")) if rng.group("y2") else None
        current = bool(rng.group("now"))
        duration = _DURATION.search(suffix)
        years = None
        if duration:
            years = int(duration.group("y")) if duration.group("y") else 0
        job = _Job(title, org, start, _month(rng.group("m1"), rng.group("n1")), end, current, years)
        job.side = any(re.search(r"\b(?:part[- ]time|internship|intern|seasonal|volunteer)\b", h, re.I)
                       for h in heads + types + [prefix, title or ""])
        place = suffix.split("·")[-1].strip() if "·" in suffix else ""
        if place and _location_like(place):
            job.location = _location_like(place)
        found.jobs.append(job)


def _apply_jobs(found: _Reading, today: datetime.date) -> None:
    """The current position (the first that runs to the present) and the past ones."""
    if not found.jobs:
        return
    current = next((j for j in found.jobs if j.current), None)
    main = [j for j in found.jobs if not j.side] or found.jobs
    for job in found.jobs:
        if job.start and job in main:
            found.field_start.append(job.start)
        if job.start and job.start_month:
            found.start_months[job.start] = min(job.start_month, found.start_months.get(job.start, 12))
        if job is current:
            continue
        line = job.line()
        if line:
            found.past.append(line)
    if current is None:
        return
    if current.title:
        found.roles.append((6, current.title))
    if current.org:
        found.employers.append((6, current.org))
    if current.location:
        found.locations.append((4, current.location))
    if current.years is not None:
        found.role_years.append(current.years)
    if current.start:
        found.role_start.append((6, current.start))


# -- education ----------------------------------------------------------------------------------------

def _degree_name(match: re.Match[str]) -> str:
    if match.group("abbr"):
        key = re.sub(r"[\s.]", "", match.group("abbr")).upper()
        return _DEGREE_CANON.get(key, match.group("abbr"))
    word = re.sub(r"\s+degree$", "", " ".join(match.group("word").split()), flags=re.I)
    low = word.lower()
    word = re.sub(r"^(bachelor|master|doctor|associate)(?:s|'s|’s)?\b", lambda m: m.group(1).capitalize() + "'s"
                  if " of " not in low else m.group(1).capitalize(), word, flags=re.I)
    return word[0].upper() + word[1:]


def _education_line(degree: str | None, subject: str | None, school: str | None, year: int | None) -> str | None:
    what = degree or ""
    if subject:
        what = f"{what} in {subject}" if what else subject
    parts = [p for p in (what, school, str(year) if year else None) if p]
    if not (degree or school):
        return None
    return ", ".join(parts)


def _read_education(lines: list[_Line], found: _Reading) -> None:
    """Entries of an education section: a school line, then a degree line, then the years
    ("Georgia Institute of Technology / BS, Industrial Engineering / 2012 – 2016"), or all on one line."""
    entries: list[list[str]] = []
    for ln in lines:
        text = ln.text
        if not text or text.lower().startswith(("activities and societies", "grade", "description", "skills")):
            continue
        if len(text) > 200:
            continue
        pieces = [p for p in re.split(r"\s+[—–|·]\s+|\s+-\s+(?=\d)", text) if p.strip()]
        if len(pieces) == 1 and "," in text and _DEGREE.match(text) and _is_school(text):
            # a whole entry on one line: "MS, Civil Engineering, Carnegie Mellon University, 2015"
            entries.append([p.strip() for p in text.split(",") if p.strip()])
            continue
        starts_new = _is_school(pieces[0]) or not entries
        if len(pieces) > 1 and _is_school(pieces[0]):
            entries.append(pieces)
            continue
        if starts_new and not (_DEGREE.match(text) or _YEAR_ANY.match(text)):
            entries.append([text])
        elif entries:
            entries[-1].append(text)
        else:
            entries.append([text])
    for entry in entries:
        school = next((p for p in entry if _is_school(p)), None)
        if school is None and entry and not _DEGREE.match(entry[0]) and not _YEAR_ANY.match(entry[0]):
            school = entry[0]
        degree = subject = None
        year = None
        for piece in entry:
            if piece is school:
                continue
            years = [int(y) for y in _YEAR_ANY.findall(piece)]
            if years:
                year = max(years)
                if _YEAR_ANY.sub("", piece).strip(" -–—·,()年") == "":
                    continue
            match = _DEGREE.search(piece)
            if match and degree is None:
                degree = _degree_name(match)
                rest = piece[match.end():]
                rest = re.sub(r"^\s*[-–—,:]?\s*(?:[A-Z][A-Za-z.]{1,6}\s*)?(?:,|-|–|in\s|of\s)\s*", "", rest).strip(" ,-–")
                long_form = re.match(r"^\s*-\s*([A-Z][A-Za-z.]{1,6})\b(.*)$", piece[match.end():])
                if long_form and long_form.group(1).replace(".", "").upper() in _DEGREE_CANON:
                    degree = _DEGREE_CANON[long_form.group(1).replace(".", "").upper()]
                    rest = long_form.group(2).strip(" ,-–")
                rest = _YEAR_ANY.sub("", rest).strip(" ,-–()")
                subject = _trim(rest, 80) if rest and len(rest.split()) <= 8 else None
            elif subject is None and not _DEGREE.search(piece) and _latin_share(piece) >= 0.5 and len(piece.split()) <= 8:
                subject = _trim(piece, 80)
        school = _trim(school, 120)
        line = _education_line(degree, subject, school, year)
        if line is None and school:
            line = school
        if line:
            found.education.append(line)
            if school:
                found.schools.append(school)


# -- sections of talks, awards, certifications ------------------------------------------------------------

_META_LINE = re.compile(r"^(?:issued|expires|expired|credential id|associated with|show credential|see credential|"
                        r"issued by|published|presented|awarded)\b|^" + _MON + r"\.?\s+" + _YEAR + r"$|^" + _YEAR + r"$",
                        re.I)


def _read_other(kind: str, lines: list[_Line], found: _Reading) -> None:
    """Certifications, awards, publications, talks and boards: an entry's first line, its issuer or
    venue, and its year ("Certification: Tableau Desktop Specialist (Tableau), 2020")."""
    block: list[str] = []
    year: int | None = None

    def flush() -> None:
        nonlocal block, year
        if block:
            venue = block[1] if len(block) > 1 and len(block[1]) <= 60 else None
            item = f"{kind}: {block[0]}" + (f" ({venue})" if venue else "") + (f", {year}" if year else "")
            found.other.append(clip(item, 200))
        block, year = [], None

    for ln in lines:
        text = ln.text
        if not text:
            flush()
            continue
        dated = re.match(rf"^(?P<venue>.{{2,80}}?)\s*·\s*(?:{_MON}\.?\s+)?(?P<y>{_YEAR})$", text, re.I)
        if _META_LINE.match(text) or (dated and block):
            years = _YEAR_ANY.findall(text)
            if years:
                year = int(years[0])
            if dated and block and len(block) == 1:
                block.append(dated.group("venue"))
            flush()
            continue
        if len(text) > 160 or text.endswith("."):
            continue  # a description
        if ln.bullet:
            flush()
            block = [text]
            flush()
            continue
        block.append(text)
        if len(block) > 2:
            first = block.pop(0)
            found.other.append(clip(f"{kind}: {first}", 200))
    flush()


# -- prose --------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "inc", "corp", "co", "ltd", "vs",
                            "e.g", "i.e", "u.s", "u.k", "no", "dept", "univ", "ph.d", "b.a", "b.s", "m.a", "m.s",
                            "m.b.a", "m.c.s", "b.sc", "m.sc", "ed.d", "j.d", "m.d", "gov", "approx", "ca", "mt", "ft"})
_BOUNDARY = re.compile(r"[.!?。！？]+[\"”’)\]]*\s+|[。！？]")


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph, not broken after initials ("Robert B. Richardson") or common
    abbreviations ("Ph.D.", "U.S."), each at most ``MAX_PIECE`` characters."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        before = text[start: match.start() + 1].rsplit(None, 1)
        word = before[-1].lower().lstrip("([{\"'“‘").rstrip(".!?") if before else ""
        nxt = text[end: end + 1]
        if match.group(0).startswith(".") and (len(word) == 1 or word in _ABBREVIATIONS or
                                               re.fullmatch(r"(?:[a-z]\.){1,3}[a-z]?", word)):
            if not nxt or not nxt.isupper() or len(word) == 1 or word in {"dr", "mr", "mrs", "ms", "mx", "prof", "st"}:
                continue
            if word in ("u.s", "u.k") or re.fullmatch(r"(?:[a-z]\.){1,3}[a-z]?", word):
                continue
        out.append(text[start:end].strip())
        start = end
    out.append(text[start:].strip())
    pieces = []
    for sentence in out:
        while len(sentence) > MAX_PIECE:
            cut = sentence.rfind(" ", 0, MAX_PIECE)
            cut = cut if cut > MAX_PIECE // 2 else MAX_PIECE
            pieces.append(sentence[:cut])
            sentence = sentence[cut:].strip()
        if sentence:
            pieces.append(sentence)
    return pieces


def _org_after(text: str, pos: int) -> str | None:
    """The organisation named at ``pos``: a run of capitalised words with "of", "and", "&" between
    ("the Office of Collaborative Action and Dispute Resolution", "MIT's Sloan School of Management")."""
    match = _ORG.match(text, pos)
    if not match:
        return None
    org = match.group(0)
    org = re.sub(r"^[Tt]he\s+", "", org)
    org = re.sub(r"(?:\s+(?:of|and|&|for|the|de|la|du|des|der|y|on))+$", "", org)
    org = re.sub(r"[.,;:]+$", "", org) if not re.search(r"(?:\b[A-Z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd)\.$", org) else org
    words = org.split()
    if not words or all(w.lower().strip(".'’") in _NOT_NAMES or w.lower() in _MONTH_NUMBER for w in words):
        return None
    if words[0].lower() in {"i", "my", "our", "his", "her", "their"}:
        return None
    org = re.sub(r"['’]s$", "", org)
    owner = re.match(r"^(?P<owner>.+?)['’]s\s", org)
    unit = re.match(r"^\s+(?:practice|team|group|division|unit|arm|business|lab|program|programme|department|"
                    r"office|center|centre|initiative|platform|organization|organisation)\b", text[match.end():])
    if owner and unit:
        org = owner.group("owner")  # "Deloitte's Government & Public Services practice": Deloitte
    campus = re.match(r"^,\s+([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?=[.,;)]|\s+(?:in|and|with|where)\b|$)",
                      text[match.end():]) if re.search(r"\bUniversity of \w+$", org) else None
    if campus:
        org = f"{org}, {campus.group(1)}"  # "the University of California, Berkeley"
    return org if len(org) >= 2 else None


def _split_orgs(org: str) -> list[str]:
    """The organisations a phrase names: "Linden Lab and Stubhub" → both; "the Ford and Goldman Sachs
    Foundations" → "Ford Foundation", "Goldman Sachs Foundation"; "Office of Collaborative Action and
    Dispute Resolution" and "Facing History and Ourselves" stay whole."""
    if re.fullmatch(r"University of [\w ]+, [A-Z][\w-]+(?: [A-Z][\w-]+)?", org):
        return [org]  # "University of California, Berkeley": one school
    parts = re.split(r",\s*(?:and\s+)?(?:the\s+)?|\s+and\s+the\s+", org)
    out = []
    for part in parts:
        words = part.split()
        plural = _PLURAL_ORG.get(words[-1].lower()) if words else None
        if plural and " and " in part:
            out += [f"{p.strip()} {plural}" for p in " ".join(words[:-1]).split(" and ") if p.strip()]
            continue
        if " and " in part and " of " not in part and "&" not in part:
            left, _, right = part.partition(" and ")
            if _has_org_word(left) or _has_org_word(right) or (len(left.split()) == 1 and len(right.split()) == 1):
                out += [left, right]
                continue
        out.append(part)
    return [p.strip() for p in out if p.strip() and p.strip()[0].isupper()]


_PRESENT_ROLE = re.compile(
    r"(?:\b(?:is|am|['’]m|serves as|works as|currently serves as|now serves as|acts as)\s+(?:currently\s+|now\s+|also\s+)?"
    r"(?:the\s+|a\s+|an\s+|our\s+)?|^As\s+(?:the\s+|a\s+|an\s+)?)(?P<role>[^,;:()]{2,120}?)"
    r"(?:\s+(?P<prep>at|with|for|of|in|on)\s+(?P<org_start>(?:the\s+)?[A-Z0-9\u0400-\u04ff]))",
    re.U)
_INTRO = re.compile(rf"(?:^|[.!?]\s+|\b(?:hi|hello|hey|greetings)[!,.]?\s+)(?:I['’]m|I am|[Mm]y name is|[Mm]y name['’]s)\s+"
                    rf"(?P<name>{_U}[\w'’-]{{1,30}}(?:\s+(?:{_U}[\w'’-]{{1,30}}|{_U}\.|de|del|van|von|da|la|le|di|bin)){{0,4}})"
                    r"(?=\s*[,.;!(]|\s+and\b|$)", re.I)
_MEET = re.compile(rf"^(?:meet|introducing|welcome|say hello to|please welcome)\s+(?:our\s+[\w\s]{{2,40}}?,\s+)?"
                   rf"(?P<name>{_U}[\w'’-]{{1,30}}(?:\s+(?:{_U}[\w'’-]{{1,30}}|{_U}\.|de|del|van|von|da|la|le|di|bin)){{1,4}})"
                   r"(?=\s*[,.;!:(]|\s+(?:and|who|as)\b|$)", re.I)
_ROLE_ONLY = re.compile(r"\b(?:is|am|['’]m|serves as|works as)\s+(?:currently\s+|now\s+)?(?:the\s+|a\s+|an\s+|our\s+)"
                        r"(?P<role>[^,;:()]{2,80}?)(?=[.,;]|$|\s+(?:and|who|where|working|building|based)\b)")
_JOINED = re.compile(rf"\b(?:joined|joins|joining|came to|comes to|started at|began at)\s+(?=(?:the\s+)?{_U})")
_AS_ROLE = re.compile(r"^\s*(?:in\s+(?P<y>\d{4})\s+)?as\s+(?:a|an|the|its|our)?\s*(?P<role>[^,;.()]{2,80}?)(?=[,;.]|$|\s+(?:and|in|where|to|for|at)\b)")
_WORKS_AT = re.compile(r"\b(?:work|works|working|I'm|I am)\s+(?:currently\s+)?(?:at|for)\s+(?=(?:the\s+)?[A-Z])")
_PAST_MARK = re.compile(
    r"\b(?:previously|formerly|former|prior to|before (?:joining|that|coming)|earlier|after leaving|after|spent|"
    r"was|were|worked|served|held|holding|led|headed|founded|co-founded|co-led|started|began|took|interned|"
    r"moved|had been|career|later|then|completed|experience (?:as|at|with)|internship|stint)\b", re.I)
_PAST_PREP = re.compile(rf"\b(?:at|with|for|in|by|called|named|founded|co-founded|led|joining|join|of|from)\s+(?=(?:the\s+)?(?:{_U}|\d+[A-Za-z]))")
_ROLE_BEFORE = re.compile(r"\b(?:as|was|a|an|the|former|previously)\s+(?P<role>(?:[\w&-]+\s+){0,4}?[\w-]+)\s+$", re.I)
_EDU_CONTEXT = re.compile(r"\b(?:degree|graduated|graduate|alumn(?:a|us|i|ae)|alum|studied|studying|earned|received|"
                          r"holds|attended|undergraduate|bachelor|master|doctorate|ph\.?\s?d|student|class of|"
                          r"b\.?[as]\.?|m\.?[as]\.?|mba|school|university|college)\b", re.I)
_ALUMNI_OF = re.compile(r"\b(?:alumn(?:a|us|i|ae)|alum|graduate|grad)\s+of\s+(?=(?:the\s+)?[A-Z])", re.I)
_ALUMNI_BEFORE = re.compile(rf"(?P<school>{_U}[\w&'’.-]{{0,30}}(?:\s+{_U}[\w&'’.-]{{0,30}}){{0,4}}?)\s+(?:[A-Z]{{2,4}}\s+)?"
                            r"(?:alumn(?:a|us|i|ae)|alum|grad(?:uate)?)\b")
_SCHOOL_NAME = re.compile(
    rf"(?:[Tt]he\s+)?(?:{_CAP}\s+){{0,4}}(?:University|College|Institute|School|Academy|Polytechnic)"
    rf"(?:\s+of(?:\s+(?:the\s+)?{_CAP}){{1,4}})?(?:-{_CAP})?")
_STUDIED_AT = re.compile(r"\b(?:studied|studying|attended|graduated from|graduating from|enrolled at|went to)\s+"
                         r"(?:[a-z][\w\s,&-]{0,60}?\s+(?:at|from)\s+)?(?=(?:the\s+)?[A-Z])")
_YEARS_OF = re.compile(r"\b(?:over|more than|nearly|almost|about|around|some|close to|)\s*(?P<n>\d{1,2}|[a-z]+(?:\s+[a-z]+)?)\+?\s+"
                       r"(?P<unit>years?|decades?)\b(?P<rest>.{0,40})", re.I)
_LIVES_IN = re.compile(r"\b(?:live|lives|living|based|located|reside|resides|residing)\s+(?:out\s+)?(?:in|near)\s+(?=[A-Z])")
_HQ_IN = re.compile(r"\b(?:headquartered|based|located|hq)\s+(?:in|out of)\s+(?=[A-Z])", re.I)


def _number(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    first = word.split()[0] if word.split() else ""
    return _NUMBER_WORDS.get(first)


_ROLE_CUT = frozenset({"in", "for", "on", "with", "within", "across", "at", "to", "serving", "who", "where",
                       "that", "which", "since", "from", "and", "based", "building", "working", "focused",
                       "focusing", "responsible", "leading", "supporting", "helping"})


_ROLE_LEAD = frozenset("""
a an the our their his her my highly skilled experienced passionate seasoned dedicated accomplished talented
respected frequent proud former current currently longtime long-time award-winning previously now also very
well-known renowned committed enthusiastic creative results-driven driven motivated first new founding
""".split())


def _clean_role(role: str) -> str | None:
    """A role phrase from prose without what surrounds the title ("a highly skilled nurse manager of
    the medical ICU" → "nurse manager"), when it has a role noun at all."""
    words = role.split()
    while words and words[0].lower() in _ROLE_LEAD:
        words = words[1:]
    nouns = [i for i, w in enumerate(words) if w.lower().strip(",.'’") in ROLE_NOUNS]
    if not nouns:
        return None
    for i, word in enumerate(words):
        if i <= nouns[0]:
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in _ROLE_CUT and (word != "and" or not following[:1].isupper()):
            words = words[:i]
            break
        if word == "of" and following.lower() in {"the", "a", "an", "our", "their", "its", "his", "her"} and \
                not (i + 2 < len(words) and words[i + 2][:1].isupper()):
            words = words[:i]
            break
    while words and words[-1].lower() in {"and", "of", "the", "for", "in", "a", "an"}:
        words = words[:-1]
    if not words or len(words) > 10:
        return None
    return _trim(" ".join(words), 120)


def _person_subject(sentence: str, names: set[str]) -> bool:
    """Whether a sentence is about the person (their name, a pronoun, or "I" near its start) rather
    than about someone or something else."""
    head = sentence[:90]
    opening = re.match(rf"^({_U}[\w'’-]+\s+{_U}[\w'’-]+),\s+(?:who|a|an|the)\b", head)
    if opening and _name_like(opening.group(1)) and not any(n in opening.group(1) for n in names):
        return False  # "Doug Powell, who was VP of Design for IBM, visited my class": someone else
    if re.search(r"(?:^|[\s(,])(?:he|she|they|his|her|their|I|I['’]m|my)\b", head, re.I):
        return True
    if re.match(r"^(?:as|currently|today|now|since|in|after|before|prior|previously|there|at|during|while|when)\b",
                head, re.I):
        return True
    return any(n and n in head for n in names)


def _read_subjects(sentences: list[str], found: _Reading, first_person: bool) -> None:
    """Who a third-person bio is about: the name its sentences open with most ("Angela Wise (B.A.
    ’06) is …", "Director Katharine G. Abraham first joined …", "Natalie has …" twice), and a title
    written before the name."""
    subjects: Counter[str] = Counter()
    pre_roles: list[str] = []
    for sentence in sentences:
        match = _SUBJECT.match(sentence)
        if not match:
            continue
        pre = match.group("pre").strip()
        tokens = match.group("name").split()
        while len(tokens) > 1 and tokens[0].lower().strip(".") in (ROLE_NOUNS | SENIORITY | FUNCTION_WORDS):
            pre = f"{pre} {tokens.pop(0)}".strip()  # "Director Katharine G. Abraham first joined"
        name_text = " ".join(tokens)
        candidate = _name_like(name_text, single=True)
        if not candidate and pre:
            candidate = _name_like(f"{pre.split()[-1]} {name_text}", single=True)
        if not candidate:
            continue
        subjects[candidate] += 1
        if match.group("cred").strip(", "):
            found.credentials += [c.strip() for c in match.group("cred").split(",") if c.strip()]
        if pre and _has_role_noun(pre) and not _name_like(pre):
            pre_roles.append(pre)
    if subjects and not first_person:
        full = [n for n in subjects if len(n.split()) >= 2]
        if full:
            best = max(full, key=lambda n: (subjects[n] + sum(c for o, c in subjects.items() if o != n and
                                                               o in n.split()), -full.index(n)))
            found.names.append((3, best))
        else:
            best = max(subjects, key=lambda n: subjects[n])
            if subjects[best] >= 2:
                found.names.append((2, best))
        for role in pre_roles[:1]:
            found.roles.append((2, role))


def _read_prose(sentences: list[str], found: _Reading, first_person: bool) -> None:
    """Names, roles, employers, schools, past jobs and the rest from bio sentences."""
    # who the text is about, first: the other patterns check a sentence is about them
    for sentence in sentences[:6]:
        intro = _INTRO.search(sentence) or _MEET.match(sentence)
        if intro and _name_like(intro.group("name")):
            found.names.append((4, _name_like(intro.group("name")) or ""))
            break
    if not first_person or not found.names:
        _read_subjects(sentences, found, first_person)
    name = _Reading.best(found.names)
    names = {name} | set(name.split()) if name else set()
    names = {n for n in names if len(n) > 1 and n.lower() not in TITLES}

    for sentence in sentences:
        if len(found.past) + len(found.other) + len(found.employer_facts) > 20 * MAX_ITEMS:
            break  # far more than any profile states: the rest is not a bio
        if sentence.endswith("?"):
            continue  # an interviewer's question on a Q&A page
        about_them = _person_subject(sentence, names)
        _prose_education(sentence, found)
        if not about_them:
            _prose_employer_fact(sentence, found, names)
            continue
        _prose_role(sentence, found, name)
        if not found.joined or found.joined[-1][2] not in sentence:
            current = _CURRENT_SINCE.search(sentence)
            if current:
                found.role_start.append((4, int(current.group("y"))))
        _prose_past(sentence, found)
        _prose_years(sentence, found)
        lives = _LIVES_IN.search(sentence)
        if lives:
            place = _PLACE.match(sentence, lives.end())
            if place and (_location_like(place.group(0)) or "," in place.group(0)):
                found.locations.append((2, place.group(0).rstrip(".,")))
        if _OTHER_WORDS.search(sentence) and not _DEGREE.search(sentence):
            found.other.append(clip(sentence, 200))
        _prose_employer_fact(sentence, found, names)


def _prose_role(sentence: str, found: _Reading, name: str | None = None) -> None:
    """The current role and employer a sentence states: "X is the Director of Y at Z", "As Title at
    Z, …", "I'm X, a Title at Z", "joined Z in 2019 as …", "has been with Z since 2009", "works at Z"."""
    appositive = re.search(rf"{re.escape(name)},\s+(?=(?:a|an|the|our)\s)", sentence) if name else None
    if appositive and _role_is("is " + sentence[appositive.end():], found):
        return  # "I'm Tomás Rivera, a climate policy researcher at …", read as "… is a …"
    for reader in (_role_is, _role_joined, _role_has_been, _role_works_at, _role_leads):
        if reader(sentence, found):
            return
    role_only = _ROLE_ONLY.search(sentence)
    if role_only and not _PAST_MARK.search(sentence[: role_only.start()]):
        role = _clean_role(role_only.group("role"))
        if role:
            found.roles.append((1, role))


def _role_is(sentence: str, found: _Reading) -> bool:
    """ "is the Director of Product Management at Twitter", "is Chief Economist in the Office of
    Policy Analysis", "As Coordinator at Project Pericles, …"."""
    for match in _PRESENT_ROLE.finditer(sentence):
        if _PAST_MARK.search(sentence[: match.start()][-40:]) and not sentence.startswith("As "):
            continue
        raw = match.group("role")
        if re.search(r"\b(?:by|as|who|that|which|what|how|when|where|if|than|because|like)\b", raw) or \
                re.match(r"^(?:informed|known|based|located|passionate|excited|proud|happy|interested|not|very|so|too|"
                         r"really|more|most|about|here|there|working|going|looking|trying|committed|dedicated to)\b", raw):
            continue  # "is informed by their experience as …": not a title
        role = _clean_role(raw)
        if role is None or " at " in f" {role} " or " with " in f" {role} ":
            continue
        prep = match.group("prep")
        org = _org_after(sentence, match.start("org_start"))
        if org is None or (prep in ("in", "on") and not _has_org_word(org) and
                           org.split()[0].lower() not in SPECIALTY_START):
            continue
        after = sentence[sentence.find(org, match.start("org_start")) + len(org):]
        if prep in ("of", "in", "on", "for") and not _has_org_word(org) and org.split()[0].lower() in SPECIALTY_START:
            role, org = f"{role} {prep} {org}", None  # "Director of Product Management"
        later = re.search(r"\s+(?:at|with)\s+(?=(?:the\s+)?[A-Z])", after)
        if later and (org is None or prep in ("in", "on", "of")):
            unit = org
            org = _org_after(after, later.end()) or org
            if unit and unit != org and prep == "of" and not _has_org_word(org or ""):
                org = unit
            elif unit and unit != org and prep == "of":  # "Assistant Professor of Public Health at Emory University"
                whole = _clean_role(f"{role} of {unit}")
                role = whole if whole and len(whole.split()) <= 8 else role
        membership = prep == "of" and re.search(r"\b(?:a|an)\s+$", sentence[: match.start("role")])
        strength = 1 if membership else 3  # "is a Research Associate of NBER": an affiliation, not the job
        found.roles.append((strength, role))
        if org:
            parts = _split_orgs(org)
            found.employers.append((strength, parts[0] if parts else org))
            _appositive(sentence, org, found)
        return True
    return False


def _role_joined(sentence: str, found: _Reading) -> bool:
    """ "joined St. Brendan in 2012 as a staff nurse", "first joined the University of Maryland faculty in 1987"."""
    for match in _JOINED.finditer(sentence):
        if re.search(r"\b(?:before|prior to)\s+$", sentence[: match.start()].lower()):
            org = _org_after(sentence, match.end())
            year = re.match(rf"^\s+in\s+(?:{_MON}\s+)?({_YEAR})\b", sentence[match.end() + len(org or ""):]) if org else None
            if org and year:  # "Before joining Spotify in 2021 she was …": when the current job began
                found.joined.append((int(year.group(1)), None, org))
            continue
        if re.search(r"\b(?:previously|before|prior|after|left|had)\b", sentence[: match.start()].lower()[-40:]):
            continue
        org = _org_after(sentence, match.end())
        if not org:
            continue
        rest = sentence[sentence.find(org, match.end()) + len(org):]
        if _is_school(org) and re.search(r"\b(?:student|freshman|sophomore|undergraduate|class of)\b", rest[:60], re.I):
            continue  # joining a school to study there
        org = (_split_orgs(org) or [org])[0]
        found.employers.append((2, org))
        came_from = re.match(r"^\s+from\s+(?=(?:the\s+)?[A-Z])", rest)
        earlier = _org_after(rest, came_from.end()) if came_from else None
        if earlier:  # "comes to Lumen Health from Zocdoc, where she led growth marketing"
            found.past.append(f"At {earlier}")
        year = re.search(rf"\b(?:in|since)\s+(?:{_MON}\s+)?({_YEAR})\b", sentence[match.end():], re.I)
        as_role = _AS_ROLE.search(re.sub(rf"^\s*(?:faculty|team|staff)?\s*(?:in|since)\s+(?:{_MON}\s+)?{_YEAR}", "",
                                         rest, flags=re.I))
        role = _clean_role(as_role.group("role")) if as_role else None
        if role:
            found.roles.append((1, role))
        found.joined.append((int(year.group(1)) if year else None, role, org))
        _career_steps(sentence, org, found)
        return True
    return False


def _role_has_been(sentence: str, found: _Reading) -> bool:
    """ "has been with the Office of Policy Analysis since 2009", "I've been at Greenfield since 2021"."""
    since = re.search(r"\b(?:has been|have been|'ve been|’ve been)\s+(?:with|at)\s+(?=(?:the\s+)?[A-Z])", sentence)
    org = _org_after(sentence, since.end()) if since else None
    if not org:
        return False
    year = re.search(rf"\bsince\s+({_YEAR})\b", sentence)
    found.employers.append((2, org))
    found.joined.append((int(year.group(1)) if year else None, None, org))
    return True


_LEADS = re.compile(r"\b(?:leads|manages|heads|runs|oversees|directs|supervises|coordinates|teaches|advises)\b"
                    r"[^.;]{0,80}?\b(?:at|for|with)\s+(?=(?:the\s+)?[A-Z])")


def _role_leads(sentence: str, found: _Reading) -> bool:
    """ "Maria Chen leads the payments analytics team at Stripe": the employer, though no title."""
    leads = _LEADS.search(sentence)
    if not leads or _PAST_MARK.search(sentence[: leads.start()]):
        return False
    org = _org_after(sentence, leads.end())
    if not org or _location_like(org):
        return False
    found.employers.append((1, (_split_orgs(org) or [org])[0]))
    _appositive(sentence, org, found)
    return True


def _role_works_at(sentence: str, found: _Reading) -> bool:
    """ "I work at Acme as a data engineer", "she works for the City of Denver"."""
    works = _WORKS_AT.search(sentence)
    if not works or _PAST_MARK.search(sentence[: works.start()]):
        return False
    org = _org_after(sentence, works.end())
    if not org:
        return False
    found.employers.append((2, org))
    _appositive(sentence, org, found)
    as_role = re.search(r"\bas\s+(?:a|an|the)\s+(?P<role>[^,;.()]{2,80}?)(?=[,;.]|$|\s+(?:and|in|where)\b)",
                        sentence[works.end():])
    role = _clean_role(as_role.group("role")) if as_role else None
    if role:
        found.roles.append((2, role))
    return True


_BECAME = re.compile(rf"\bbecame\s+(?:a|an|the)?\s*(?P<role>[^,;.()]{{2,60}}?)\s+in\s+(?P<y>{_YEAR})\b")
_CURRENT_SINCE = re.compile(rf"\b(?:current|present)\s+(?:role|position|title|job)\s+(?:in|since)\s+(?P<y>{_YEAR})\b")


def _career_steps(sentence: str, employer: str, found: _Reading) -> None:
    """Steps at one employer: "became charge nurse in 2016 before moving into her current role in 2020"."""
    for match in _BECAME.finditer(sentence):
        role = _clean_role(match.group("role"))
        if role:
            found.joined.append((int(match.group("y")), role, employer))
    current = _CURRENT_SINCE.search(sentence)
    if current:
        found.role_start.append((4, int(current.group("y"))))


def _appositive(sentence: str, org: str, found: _Reading) -> None:
    """ "at Apptimize, a mobile experimentation startup." → what the employer is."""
    at = sentence.find(org)
    if at < 0:
        return
    after = sentence[at + len(org):]
    match = re.match(r"^(?:\s*\([^()]{1,20}\))?,\s+(?P<what>(?:a|an|the)\s+[^,;()]{3,150}?)(?:[,;.]|$)", after)
    if match and not re.match(r"^(?:a|an|the)\s+(?:role|position|job)\b", match.group("what")):
        what = match.group("what")
        found.description = found.description or f"{org} is {what}."
        found.employer_facts.append(clip(what[0].upper() + what[1:], 200))
        _fact_numbers(after, found)


_AWARDISH = re.compile(r"\b(?:award(?:ed)?|recipient|prize|honou?r(?:ed|ary)?|elected|inducted|named (?:to|one of|a)|"
                       r"fellow of|research associate of)\b", re.I)
_STUDENTISH = re.compile(r"\b(?:sophomore|freshman|junior year|senior year|undergrad(?:uate)?|student|studying|"
                         r"studied|semester|course|class|majoring|minor(?:ing)?)\b", re.I)
_SCHOOL_AS_STUDENT = re.compile(r"\b(?:sophomore|freshman|junior|senior|student|undergrad(?:uate)?|major)\s+(?:at|in)\s+"
                                r"(?=(?:the\s+)?[A-Z])", re.I)
_PERSON_NAMED = re.compile(r"\b(?:woman|man|person|guy|girl|lady|colleague|friend|boss|mentor|manager|professor|"
                           r"engineer|someone)\s+(?:named|called)\s+$", re.I)
_LIST_NEXT = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+)(?:(?:nonprofits?|organi[sz]ations|companies|firms|"
                        r"startups|agencies|institutions)\s+such\s+as\s+)?(?:the\s+)?(?=[A-Z])")
_ROLE_ALTERNATION = "|".join(sorted(ROLE_NOUNS, key=lambda w: (-len(w), w)))
_ENDS_WITH_ROLE = re.compile(rf"\b(?:{_ROLE_ALTERNATION})\s*$")
_ORG_ROLE = re.compile(rf"\b(?:as\s+an?|and)\s+(?P<org>{_U}[\w&'’./-]{{1,30}}(?:\s+{_U}[\w&'’./-]{{1,30}}){{0,2}})\s+"
                       rf"(?P<role>(?:[a-z-]+\s+){{0,3}}?(?:{_ROLE_ALTERNATION}))\b")  # "as a Microsoft program manager"
_PLURAL_ORG = {"foundations": "Foundation", "universities": "University", "institutes": "Institute",
               "hospitals": "Hospital", "companies": "Company", "colleges": "College", "banks": "Bank"}


def _not_an_employer(sentence: str, match: re.Match[str], word: str, org: str) -> bool:
    """Whether the capitalised words after "at", "in", "of", "with" … are not a past employer: a
    department named without an organisation word, a degree's school, someone's name, a board seat."""
    before = sentence[max(0, match.start() - 60): match.start()].lower()
    if word in ("in", "of", "from", "by") and not _has_org_word(org):
        return True
    if word == "of" and not _ENDS_WITH_ROLE.search(before):
        return True  # only "Commissioner of the Bureau …", "Member of the Council …"
    if word == "from" and _EDU_CONTEXT.search(before[-40:]):
        return True
    if re.search(r"\b(?:career|time|tenure)\s+$", before) or re.search(r"\b(?:prior to|before)\s+(?:joining\s+)?$", before):
        return True  # "his career at DOI", "prior to joining the Department": the current employer
    if _PERSON_NAMED.search(sentence[: match.end()]) or (word in ("with", "called") and _name_like(org)) or \
            org.split()[0].lower() in TITLES:
        return True  # "a woman named Tara", "with Professor Fred Leichter"
    return bool(re.match(r"^(?:Board|Committee)\b", org) and word == "of")  # a board seat is one of the other facts


def _prose_past(sentence: str, found: _Reading) -> None:
    """Organisations in a sentence about what the person did before: "Prior to Z, she spent five
    years at W", "was a Professor ... at Michigan State University", "after holding prior positions
    at X and Y", "positions at the A, the B, and nonprofits such as C"."""
    if not _PAST_MARK.search(sentence) or _AWARDISH.search(sentence):
        return
    student = bool(_STUDENTISH.search(sentence))
    present_role = _PRESENT_ROLE.search(sentence)
    present_span = (present_role.start(), present_role.end() + 60) if present_role and not _PAST_MARK.search(
        sentence[: present_role.start()]) else None
    low = sentence.lower()
    consumed = 0
    carried_role: str | None = None
    for match in _PAST_PREP.finditer(sentence):
        if match.start() < consumed:
            continue
        word = match.group(0).split()[0].lower()
        org = _org_after(sentence, match.end())
        if not org:
            continue
        if present_span and present_span[0] <= match.start() <= present_span[1]:
            continue  # the current job, in the same sentence
        if student and not re.search(r"\b(?:intern(?:ed|ship)?|worked|job)\b", low):
            continue  # "While I was a sophomore at Pomona": a school
        if _not_an_employer(sentence, match, word, org):
            continue
        rest = sentence[sentence.find(org, match.end()) + len(org):]
        if word in ("in", "of") and re.match(r"^\s+at\s+(?:the\s+)?[A-Z]", rest):
            role = _ROLE_BEFORE.search(sentence[: match.start()] + " ")
            carried_role = _clean_role(role.group("role")) if role else None
            continue  # "a Professor in the College of X at Michigan State University": the unit of the next
        orgs = [org]
        while True:
            nxt = _LIST_NEXT.match(rest)
            if not nxt:
                break
            more = _org_after(rest, nxt.end())
            if not more or not (_has_org_word(more) or _org_like(more)):
                break
            orgs.append(more)
            rest = rest[rest.find(more, nxt.end()) + len(more):]
        consumed = len(sentence) - len(rest)
        role = _ROLE_BEFORE.search(sentence[: match.start()] + " ")
        title = carried_role or (_clean_role(role.group("role")) if role else None)
        carried_role = None
        years = _YEAR_ANY.findall(sentence[match.end(): consumed + 40])
        for part in (p for o in orgs for p in _split_orgs(o)):
            if _location_like(part) or part.lower() in US_STATES or part.lower() in COUNTRIES:
                continue
            if _is_school(part) and _EDU_CONTEXT.search(sentence) and not re.search(
                    r"\b(?:professor|lecturer|faculty|researcher|fellow|worked|staff|director|dean|positions?|taught|"
                    r"teacher|teaching|district)\b", low):
                continue
            if not title:
                after_org = re.match(r"^\s+as\s+(?:a|an|the)\s+(?P<role>[^,;.()]{2,60}?)(?=[,;.]|$|\s+(?:and|in|where|for|at|until|before)\b)",
                                     sentence[consumed:])
                title = _clean_role(after_org.group("role")) if after_org else None
                if not title and re.search(r"\binterned\s+$", sentence[: match.start()]):
                    title = "Intern"
            line = f"{title[0].upper() + title[1:]} at {part}" if title else f"At {part}"
            if years and len(orgs) == 1:
                line += f", {years[0]}" if len(years) == 1 else f", {years[0]}-{years[1]}"
            found.past.append(line)
    possessive_job = _ORG_ROLE.search(sentence)
    if possessive_job and not _name_like(possessive_job.group("org")):
        org, role = possessive_job.group("org"), possessive_job.group("role")
        if not any(norm(org) in norm(p) for p in found.past):
            found.past.append(f"{role[0].upper() + role[1:]} at {org}")
    founder = re.search(r"\bformer\s+(?:co-)?founder\s+of\s+(?P<orgs>[^.;]{2,160})", sentence)
    if founder:
        for part in _split_orgs(re.split(r",\s+which\b|\s+which\b", founder.group("orgs"))[0]):
            org = _org_after(part, 0)
            if org:
                found.past.append(f"Founder of {org}")


def _prose_education(sentence: str, found: _Reading) -> None:
    """Degrees and schools from a sentence: "holds a BS in X from Y", "earned her M.B.A. at Y",
    "(B.A. ’06, M.C.S. ’07)", "an alumna of X and Y", "both from Y", "graduated from Y in 2016"."""
    degrees = list(_DEGREE.finditer(sentence))[:6]
    lines: list[tuple[str, str | None, int | None, str | None]] = []
    named_schools: list[str] | None = None
    for i, match in enumerate(degrees):
        end = degrees[i + 1].start() if i + 1 < len(degrees) else len(sentence)
        segment = sentence[match.end(): end]
        if re.match(r"^\s*(?:student|candidate|program|programme|students|course|courses)\b", segment, re.I):
            continue
        if sentence[: match.start()].rstrip().endswith(",") and re.match(r"^\s*,", segment):
            continue  # "Denise Alvarado, MSN, RN, CCRN, is": letters after a name
        degree = _degree_name(match)
        subject = None
        sub = re.match(r"^\s*(?:degree\s+)?(?:in|of)\s+(?P<s>[^,;()]{2,80}?)(?=\s+(?:from|at|with|in\s+\d|and\s+"
                       r"(?:a|an|her|his|their|M|B|P)\b)|[,;.]|$)", segment)
        if sub and not _YEAR_ANY.match(sub.group("s").strip()):
            subject = _trim(sub.group("s"), 80)
        school = None
        where = re.search(r"\b(?:from|at)\s+(?=(?:the\s+)?[A-Z])", segment)
        if where:
            org = _org_after(segment, where.end())
            if org and (_is_school(org) or where.group(0).startswith("from")):
                school = _split_orgs(org)[0] if _split_orgs(org) else org
        if school is None:
            if named_schools is None:
                named_schools = [m.group(0) for m in _SCHOOL_NAME.finditer(sentence)][:3]
            if len(named_schools) == 1:
                school = re.sub(r"^[Tt]he\s+", "", named_schools[0])
        year = None
        years = re.search(rf"(?:\b(?:in|class of)\s+|,\s*|^\s*|\(\s*)({_YEAR})\b", segment[:120])
        if years:
            year = int(years.group(1))
        class_year = re.match(r"^\s*['’‘](\d\d)\b", segment)
        if class_year:
            two = int(class_year.group(1))
            year = 2000 + two if two <= 40 else 1900 + two
            found.class_years.append(len(found.education) + len(lines))
        lines.append((degree, subject, year, school))
    both = re.search(r"\b(?:both|all)\s+(?:from|at)\s+(?=(?:the\s+)?[A-Z])", sentence)
    shared_school = _org_after(sentence, both.end()) if both else None
    shared_subject = re.search(r"\b(?:both|all)\s+in\s+(?P<s>[a-z][\w\s]{2,40}?)(?=[.,;]|$)", sentence)
    for degree, subject, year, school in lines:
        if not school and shared_school:
            school = shared_school
        if not subject and shared_subject:
            subject = _trim(shared_subject.group("s"), 80)
        if subject or school or year:
            _add_education(found, degree, subject, school, year)
    for match in _ALUMNI_BEFORE.finditer(sentence):
        words = match.group("school").split()
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in ROLE_NOUNS):
            words = words[1:]
        school = " ".join(words)
        if school and (_is_school(school) or match.start() == 0):
            found.alumni_of.append(school)
            _add_school(found, school)
    for pattern in (_ALUMNI_OF, _STUDIED_AT, _SCHOOL_AS_STUDENT):
        for match in pattern.finditer(sentence):
            for part, degree in _schools_listed(sentence, match.end()):
                if _is_school(part) or pattern is not _STUDIED_AT or len(part.split()) <= 3:
                    found.alumni_of.append(part)
                    if degree:
                        _add_education(found, degree, None, part, None)
                    else:
                        _add_school(found, part)


def _schools_listed(sentence: str, pos: int) -> list[tuple[str, str | None]]:
    """The schools named from ``pos``, each with a degree in brackets after it: "Georgetown University
    (MPP) and Boston College" → [("Georgetown University", "MPP"), ("Boston College", None)]."""
    out: list[tuple[str, str | None]] = []
    while len(out) < 4:
        org = _org_after(sentence, pos)
        if not org or (out and not _is_school(org)):
            break  # "… and the Harvard Graduate School of Education, Sanda brings": the list is over
        end = sentence.find(org, pos) + len(org)
        bracket = re.match(r"^\s*\(([^()]{1,30})\)", sentence[end:])
        degree = None
        if bracket:
            found = _DEGREE.fullmatch(bracket.group(1).strip())
            degree = _degree_name(found) if found else None
            end += bracket.end()
        out += [(part, degree if i == len(_split_orgs(org)) - 1 else None) for i, part in enumerate(_split_orgs(org))]
        more = re.match(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?=[A-Z])", sentence[end:])
        if not more:
            break
        pos = end + more.end()
    return out


def _add_education(found: _Reading, degree: str, subject: str | None, school: str | None, year: int | None) -> None:
    if len(found.education) >= 3 * MAX_ITEMS:
        return
    line = _education_line(degree, subject, _trim(school, 120), year)
    if line and norm(line) not in {norm(e) for e in found.education}:
        found.education.append(line)
        if school:
            found.schools.append(school)


def _add_school(found: _Reading, school: str) -> None:
    if len(found.education) >= 3 * MAX_ITEMS:
        return
    key = norm(school)
    if not key or any(key in norm(e) for e in found.education):
        return
    found.education.append(school)
    found.schools.append(school)


def _prose_years(sentence: str, found: _Reading) -> None:
    spent = re.search(r"\b(?:prior to|before)\b[^;]{0,60}?\bspent\s+(?:almost\s+|nearly\s+|about\s+|over\s+)?"
                      r"(?P<n>\d{1,2}|[a-z]+)\s+years?\b", sentence, re.I)
    if spent and _number(spent.group("n")):
        found.spent_before.append(_number(spent.group("n")) or 0)
    for match in _YEARS_OF.finditer(sentence):
        n = _number(match.group("n"))
        if n is None or n > 60:
            continue
        years = n * 10 if match.group("unit").lower().startswith("decade") else n
        rest = match.group("rest").lower()
        before = sentence[max(0, match.start() - 60): match.start()].lower()
        if re.search(r"\b(?:experience|in the field|in the industry|career|working|worked|spent|spending|been|as a|"
                     r"in (?:nursing|tech|the)|of)\b", rest + " " + before):
            found.field_years.append(years)
    started = re.search(rf"\b(?:career|work)\b[^.]{{0,40}}\b(?:started|began)\s+in\s+({_YEAR})\b", sentence)
    if started:
        found.field_start.append(int(started.group(1)))
    first = re.search(rf"\bfirst\s+joined\b[^.]{{0,80}}?\bin\s+({_YEAR})\b", sentence)
    if first:
        found.field_start.append(int(first.group(1)))


def _prose_employer_fact(sentence: str, found: _Reading, names: set[str] | None = None) -> None:
    """A sentence about the employer (its size, founding, headquarters, products, funding), not
    about the person: "St. Brendan Regional Medical Center is a 420-bed teaching hospital founded in 1931"."""
    employer = _Reading.best(found.employers)
    if not employer or not _FACT_WORDS.search(sentence):
        return
    if re.search(r"(?:^|[\s(,])(?:I|I['’]m|my|me|he|she|his|her)\b", sentence[:120]) or \
            any(n in sentence for n in names or ()):
        return  # about the person
    first = employer.split()[0]
    short = first if len(first) > 3 and first.lower() not in _NOT_NAMES and first.lower() not in ORG_WORDS else employer
    subject = re.match(r"^(?:the (?:company|firm|organi[sz]ation|hospital|startup|agency|nonprofit|department|office|"
                       r"school|bank|group)|it)\b", sentence, re.I)
    if employer not in sentence and not re.search(rf"\b{re.escape(short)}\b", sentence) and not subject:
        return
    found.employer_facts.append(clip(sentence, 200))
    is_a = re.match(rf"^(?:the\s+)?(?:{re.escape(employer)}|{re.escape(short)}[\w\s.&'’-]{{0,60}}?)\s+(?:is|was|has been)\s+"
                    r"(?:a|an|the|one of)\s", sentence, re.I)
    if is_a and found.description is None:
        found.description = clip(sentence, 300)
    _fact_numbers(sentence, found)


def _fact_numbers(sentence: str, found: _Reading) -> None:
    founded = re.search(r"\b(?:founded|established|started|incorporated|created|opened)\b[^.]{0,30}?\b(?:in\s+)?"
                        r"(1[6-9]\d\d|20[0-4]\d)\b",
                        sentence, re.I)
    if founded and found.founded is None:
        found.founded = int(founded.group(1))
    size = re.search(r"(?P<n>\d[\d,.]*\+?(?:\s*(?:-|–|to)\s*\d[\d,.]*)?)\s+(?:full-time\s+)?(?P<what>employees|staff|"
                     r"people|team members|beds|physicians|nurses)\b", sentence, re.I)
    if size and found.size is None:
        found.size = f"{size.group('n')} {size.group('what').lower()}"
    beds = re.search(r"\b(\d[\d,]*)-bed\b", sentence)
    if beds and found.size is None:
        found.size = f"{beds.group(1)} beds"
    hq = _HQ_IN.search(sentence)
    if hq and found.headquarters is None:
        place = _PLACE.match(sentence, hq.end())
        if place:
            found.headquarters = place.group(0).rstrip(".,")


def _labelled(lines: list[str], found: _Reading) -> None:
    """Company-page fields pasted as "Label: value" or "Label" then the value: founded,
    headquarters, company size, industry, location."""
    for i, line in enumerate(lines):
        match = re.match(r"^(founded|headquarters|company size|size|location|based in|industry|employees)\s*[:：]?\s*(.*)$",
                         line, re.I)
        if not match:
            continue
        label, value = match.group(1).lower(), match.group(2).strip()
        if not value and i + 1 < len(lines):
            value = lines[i + 1].strip()
        if not value or len(value) > 80:
            continue
        if label == "founded":
            year = _YEAR_ANY.search(value) or re.search(r"\b1[6-8]\d\d\b", value)
            if year:
                found.founded = int(year.group(0))
                found.employer_facts.append(f"Founded {year.group(0)}")
        elif label == "headquarters":
            found.headquarters = _trim(value, 80)
            found.employer_facts.append(f"Headquarters: {found.headquarters}")
        elif label in ("company size", "size", "employees") and re.search(r"\d", value):
            found.size = _trim(value, 80)
            found.employer_facts.append(f"Size: {found.size}")
        elif label in ("location", "based in"):
            found.locations.append((5, _trim(value, 80) or value))


# -- reading ------------------------------------------------------------------------------------------

def _first_person(text: str) -> bool:
    sample = text[:20_000]
    mine = len(re.findall(r"\b(?:I|I'm|I’m|I've|I’ve|my|me)\b", sample))
    theirs = len(re.findall(r"\b(?:he|she|his|her|him|hers)\b", sample, re.I))
    return mine >= 3 and mine > theirs


def _pronouns(text: str, found: _Reading, first_person: bool, name: str | None) -> str | None:
    if found.pronoun_marks:
        return found.pronoun_marks[0]
    mark = _PRONOUN_MARK.search(text[:20_000])
    if mark and re.search(r"[(/]", mark.group(0)):
        return f"{mark.group(1).lower()}/{mark.group(2).lower()}"
    labelled = re.search(r"\bpronouns?\s*[:：]\s*(she|he|they)\b", text[:20_000], re.I)
    if labelled:
        return {"she": "she/her", "he": "he/him", "they": "they/them"}[labelled.group(1).lower()]
    if first_person:
        return None
    sample = text[:20_000]
    she = len(re.findall(r"\b(?:she|her|hers|herself)\b", sample, re.I))
    he = len(re.findall(r"\b(?:he|him|his|himself)\b", sample, re.I))
    if she > 0 and she >= 2 * he:
        return "she/her"
    if he > 0 and he >= 2 * she:
        return "he/him"
    if not she and not he and name and len(re.findall(r"(?:^|[.!?]\s+)(?:They|Their)\b", sample)) >= 2:
        return "they/them"
    return None


def _same_org(a: str | None, b: str | None) -> bool:
    a_key, b_key = norm(a or ""), norm(b or "")
    return bool(a_key and b_key) and (a_key in b_key or b_key in a_key or a_key.split()[0] == b_key.split()[0])


def _steps_at_employer(found: _Reading, role: str | None, employer: str | None) -> None:
    """ "joined Z in 2012 as a staff nurse", "became charge nurse in 2016": an earlier role at the
    current employer is a past job; the year they joined counts towards their time in the field."""
    for year, as_role, org in found.joined:
        if not _same_org(org, employer):
            continue
        if year:
            found.field_start.append(year)
        if as_role and role and norm(as_role) not in norm(role) and norm(role) not in norm(as_role):
            found.past.append(f"{as_role[0].upper() + as_role[1:]} at {org}" + (f", {year}" if year else ""))
        elif year:
            found.role_start.append((3, year))
    joined = [y for y, _, org in found.joined if y and _same_org(org, employer)]
    if joined and found.spent_before:
        found.field_start.append(min(joined) - sum(found.spent_before))


def years_of(found: _Reading, today: datetime.date) -> tuple[int | None, int | None, int | None]:
    """Years in the current role and in the field, both counted the same way: from the start dates
    the profile gives, to ``today``, a year counted once its month has come round; a stated length
    ("3 yrs 4 mos", "over ten years") only where no start date is given."""
    start = max(found.role_start, key=lambda item: item[0])[1] if found.role_start else None

    def since(year: int) -> int:
        month = found.start_months.get(year)
        return today.year - year - (1 if month and today.month < month else 0)

    in_role = None
    if start and start <= today.year:
        in_role = since(start)
    elif found.role_years:
        in_role = found.role_years[0]
    if in_role is not None:
        in_role = max(0, min(70, in_role))
    candidates = [since(y) for y in found.field_start if y <= today.year] + found.field_years
    in_field = max(0, min(70, max(candidates))) if candidates else None
    if in_role is not None and in_field is not None and in_role > in_field:
        in_field = in_role
    return in_role, in_field, start


def unique(items: list[str], limit: int = MAX_ITEMS) -> list[str]:
    """``items`` without repeats, in order; "At Netflix" goes when "Senior data scientist at Netflix" says more."""
    clipped = [clip(item, 200) for item in items if item]
    keys = [norm(item) or item for item in clipped]
    out: list[str] = []
    seen: set[str] = set()
    for item, key in zip(clipped, keys):
        bare = key.removeprefix("at ")
        if key in seen or any(other != key and len(other) > len(key) and f" {bare} " in f" {other} " for other in keys):
            continue
        seen.add(key)
        out.append(item)
    return out[:limit]


def _summary(facts: dict[str, Any]) -> str:
    """One line from the facts: "Director of Product Management at Twitter; before that Microsoft,
    Uber; BA, Rice"."""
    role, employer = facts.get("role"), facts.get("employer")
    parts = []
    if role and employer:
        parts.append(f"{role} at {employer}")
    elif role or employer:
        parts.append(role or f"Works at {employer}")
    past = [re.sub(r"^At\s+", "", re.sub(r",\s*(?:since\s+)?\d{4}(?:-\d{4})?$", "", p))
            for p in facts.get("past_jobs", [])][:3]
    if past:
        parts.append("before that " + ", ".join(past))
    if facts.get("education"):
        parts.append(facts["education"][0])
    if facts.get("location"):
        parts.append(f"based in {facts['location']}")
    line = clip("; ".join(parts), 600)
    return line[:1].upper() + line[1:]


def _given(value: str | None) -> str | None:
    """A value the user typed, held to the same rules as the text: one plain line."""
    return " ".join(clean_text(value).split()) if value else None


def read_profile(text: str, *, name: str | None = None, role: str | None = None, employer: str | None = None,
                 today: datetime.date | None = None) -> ProfileFacts:
    """What ``text`` (a pasted public profile) states about the person. ``name``, ``role`` and
    ``employer``, when given, win over the text."""
    today = today or datetime.date.today()
    cleaned = clean_text(text or "")
    given = {"name": _trim(_given(name), 80), "role": _trim(_given(role)), "employer": _trim(_given(employer))}
    found = _gather(cleaned, given, today)
    return _settle(found, cleaned, today)


def _gather(cleaned: str, given: dict[str, str | None], today: datetime.date) -> _Reading:
    """Everything each part of the profile says, with how strongly it says it."""
    found = _Reading()
    sections = _sections(cleaned)
    _read_head(sections["head"], found)
    _read_experience(sections["experience"], found)
    if not sections["experience"]:  # "Analyst — Deloitte — 2016 – 2019" lines without a heading
        inline = [ln for ln in sections["head"] if ln.text and len(ln.text) <= 160 and _RANGE.search(ln.text)
                  and _has_role_noun(ln.text[: _RANGE.search(ln.text).start()])]
        _read_experience(inline, found)
    _apply_jobs(found, today)
    _read_education(sections["education"], found)
    for kind, lines in sections.items():
        if kind not in ("head", "about", "experience", "education"):
            _read_other(kind, lines, found)
    _labelled([ln.text for ln in sections["head"] + sections["about"]], found)
    for key, strongest in (("name", found.names), ("role", found.roles), ("employer", found.employers)):
        if given[key]:
            strongest.append((9, given[key] or ""))
    prose: list[str] = []
    for ln in sections["head"] + sections["about"]:
        if ln.text and (len(ln.text.split()) >= 15 or (ln.text.endswith((".", "!", "。")) and len(ln.text.split()) >= 3)
                        or (_latin_share(ln.text) < 0.5 and len(ln.text) >= 20)):
            prose += _sentences(ln.text)
    _read_prose(prose, found, _first_person(cleaned))
    if _latin_share(cleaned) < 0.5:
        _verbatim(sections, found)
    return found


def _settle(found: _Reading, cleaned: str, today: datetime.date) -> ProfileFacts:
    """One value per field from what was gathered: the strongest source wins, the current job is
    not a past one, and the years add up."""
    person = _Reading.best(found.names)
    current_role = _Reading.best(found.roles)
    current_employer = _Reading.best(found.employers)
    if current_employer:
        current_employer = re.sub(r"\s*\((?:[A-Z]{2,8})\)$", "", current_employer)  # "… Medical Center (UMMC)"
    if person and current_employer and norm(person) == norm(current_employer):
        current_employer = None
    if current_employer and found.description and not any(weight >= 9 for weight, _ in found.employers):
        # "Brightpath's apps" … "Brightpath Health is a digital health company": the full name
        fuller = re.match(rf"^(?:[Tt]he\s+)?({re.escape(current_employer)}(?:\s+(?:{_CONNECT}\s+)?{_CAP}){{1,4}}?)"
                          r"\s+(?:is|was|has been)\s", found.description)
        if fuller:
            current_employer = fuller.group(1)
    _steps_at_employer(found, current_role, current_employer)
    if found.credentials:
        found.other.insert(0, "Credentials: " + ", ".join(dict.fromkeys(found.credentials)))
    in_role, in_field, start = years_of(found, today)
    employer_key = norm(current_employer or "")
    past = [p for p in found.past if not (employer_key and norm(p).endswith(f"at {employer_key}") and
                                          not re.search(r"\d{4}-\d{4}|, \d{4}$", p))]
    if current_role and employer_key:  # the job they hold now, its dates out of date: not a past one
        past = [p for p in past if not norm(p).startswith(f"{norm(current_role)} at {employer_key}")]
    past = [p for p in past if not any(norm(p) == f"at {norm(school)}" for school in found.schools)]
    past = [p for p in past if not (current_employer and _latin_share(p) < 0.5 and current_employer in p)]
    first_person = _first_person(cleaned)
    facts: dict[str, Any] = {
        "name": person,
        "pronouns": _pronouns(cleaned, found, first_person, person),
        "role": current_role,
        "employer": current_employer,
        "location": _trim(_Reading.best(found.locations), 80),
        "education": unique(_education_lines(found)),
        "past_jobs": unique(past),
        "other": unique(found.other, 10),
        "employer_facts": unique(found.employer_facts, 10),
        "years_in_role": in_role,
        "years_in_field": in_field,
    }
    facts["summary"] = _summary(facts)
    return ProfileFacts(**facts, role_start=start, employer_description=found.description,
                        employer_founded=found.founded, employer_size=found.size,
                        employer_headquarters=_trim(found.headquarters, 80))


def _education_lines(found: _Reading) -> list[str]:
    """The education lines, a class-year degree ("B.A. ’06") given the school the text says the
    person is an alumna of, and a bare school dropped when a degree line names it."""
    lines = list(found.education)
    school = found.alumni_of[0] if found.alumni_of else None
    if school:
        for index in found.class_years:
            if index < len(lines) and school not in lines[index]:
                degree, _, year = lines[index].rpartition(", ")
                lines[index] = f"{degree}, {school}, {year}" if degree else f"{lines[index]}, {school}"
    keys = [norm(line) for line in lines]
    return [line for line, key in zip(lines, keys)
            if not any(key != other and f" {key} " in f" {other} " for other in keys)]


def _verbatim(sections: dict[str, list[_Line]], found: _Reading) -> None:
    """A profile in another script: what patterns cannot read is kept as its lines, verbatim (a
    line naming a school as education, short lines with a year as past jobs)."""
    lines = [ln.text for key in ("head", "experience", "education", "about") for ln in sections[key] if ln.text]
    for line in lines[1:40]:
        if len(line) > 120 or line == _Reading.best(found.roles):
            continue
        if _is_school(line):
            if norm(line) not in {norm(e) for e in found.education}:
                found.education.append(line)
        elif _YEAR_ANY.search(line) and not _RANGE.search(line) or _RANGE.search(line) and not found.jobs:
            found.past.append(line)
