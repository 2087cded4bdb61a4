"""What this professional's public profile already answers.

The classifier knows what kind of question is usually on someone's profile ("Where did you
study?"); this module knows what *this* person's profile says. A question the profile answers
is googleable for them, with the line that answers it as evidence ("their public profile says
'BS in Computer Science, University of Pittsburgh, 2016'"); a question of that kind whose answer
their profile does not give is a fair question, not a wasted one. A yes/no question that only
checks a fact the profile or the employer's public facts state ("Did you go to Georgia Tech?")
is googleable too.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from coffeechat.core.persona import Persona
from coffeechat.core.rubric.classify import FLAG_NAMES, Classification, prepare


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# What a question asks for, of the things a profile lists. Read on the classifier's normalised text.
ASKS: dict[str, re.Pattern[str]] = {
    "education": _rx(
        r"\bwhere did you (go to (school|college|university|undergrad|grad school|business school|law school|med school|nursing school)|"
        r"go for (undergrad|college|your degree)|study|get your (degree|masters?|master's|mba|phd|bachelor'?s)|graduate|do your (degree|undergrad|masters?|mba|phd))",
        r"\bwhat did you (study|major in)\b", r"\bwhat (was|is) your (degree|major)\b", r"\bdid you (study|major in)\b",
        r"\bwhat degrees? (do|did) you (have|get|earn|hold)\b", r"\bwhat (school|college|university) did you\b",
        r"\b(when|what year) did you graduate\b", r"\bdo you have (a|an) (degree|masters?|mba|phd)\b",
        r"\bdid you (go to|attend) (college|university|grad school|business school)\b",
    ),
    "past_jobs": _rx(
        r"\bwhere did you work before\b", r"\bwhat (other )?(roles|jobs|positions|companies|employers) have you (worked|held|had|been)",
        r"\bwhere were you (working )?before\b", r"\bwho did you work for before\b", r"\bwhat was your (first|last|previous) (job|role|position)\b",
        r"\bwhat did you do before (this|joining|coming|you (joined|came|started))\b",
    ),
    "tenure": _rx(
        r"\bwhen did you (join|start at|start with|start working at|move to)\b", r"\bhow long have you been (a|an|in (this|your|the) (role|position|job)|at|there|here|with)\b",
        r"\bhow long have you (worked|been working) (at|there|here|with|for)\b",
        r"\bhow many years have you (been|worked) (at|with|there|here|in (this|your|the) (role|position|job))\b",
        r"\bwhat year did you (join|start)\b", r"\bwhen did you (start|join) (at|with)\b",
    ),
    "title": _rx(r"\bwhat('s| is) your (job |official |current )?title\b"),
}

_DEGREE = re.compile(
    r"\b(B\.?S\.?c?|B\.?A\.?|BBA|BSN|BEng|B\.?Tech|M\.?S\.?c?|M\.?A\.?|MBA|MPP|MPA|MPH|MFA|MEng|MSW|LLB|LLM|Ph\.?D|D\.?Phil|M\.?D|J\.?D|"
    r"Master(?:'s)?|Bachelor(?:'s)?|Doctorate|degree|diploma|graduated|alumn[ai]|licensure|postgraduate)\b", re.I)
_INSTITUTION = re.compile(r"\b(University|College|Institute|Polytechnic|School of|Tech)\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_CURRENT = re.compile(r"\b(since (19|20)\d\d|present|current(ly)?|now|to date)\b", re.I)
_NOT_A_JOB = re.compile(r"^(speaker|talk|author|writes|wrote|published|panelist|keynote|podcast|volunteer|board member|mentor)\b|"
                        r"\b(certified|certification|award|prize|fellowship)\b", re.I)
# A yes/no question that checks a stated fact: "Did you go to Georgia Tech?", "Were you at PNC before?"
_CHECKS_FACT = re.compile(
    r"^(?:so |and |but |just to check,? )?(?:(?:were|was) you (?:at|with|in)\b"
    r"|(?:did|were|was|have|had) you\b[^?]*\b(?:go|went|attend|attended|study|studied|"
    r"graduate|graduated|work|worked|intern|interned|speak|spoke|present|presented|get|got|earn|earned|join|joined|start|"
    r"started|lead|led|found|founded|teach|taught|be|been)\b"
    r"|(?:is|was|are|were)\b[^?]*\byour (?:main |flagship |first |biggest |current )?(?:products?|company|employer|school|"
    r"degree|title|headquarters|offices?)\b|(?:did|does|has) (?:it|the company|your company)\b)")
# A question about their experience of a fact, not the fact: "…, and why?", "…in your spare time".
_ABOUT_THEM = re.compile(r",? and (?:why|what|how|would|do you|did you|is it)\b|\bspare time\b|\bon your own\b|"
                         r"\boutside (?:of )?work\b|\bfor fun\b")
# Words that turn a fact check into a question about their experience of it.
_EXPERIENCE = re.compile(r"\b(like|enjoy|love|hate|feel|felt|find|found it|learn|learned|help|helped|prepare|useful|worth|hard|"
                         r"easy|regret|recommend|miss|change|changed|think|thought|surprise|glad)\w*\b")
_ENTITY = re.compile(r"\b[A-Z][\w&'.-]*(?:\s+(?:[A-Z][\w&'.-]*|of|the|and|&)\b)*")
_ROMAN = re.compile(r"[IVX]{1,4}")
_GENERIC_TAIL = {"University", "College", "Institute", "School", "Bank", "Inc", "LLC", "Group", "Company", "Corporation"}
_SMALL = {"of", "the", "and", "&", "a", "an", "in", "at", "on", "since", "then", "us"}
_COMMON = {"Senior", "Junior", "Lead", "Manager", "Engineer", "Analyst", "Associate", "Director", "Officer", "Program", "Team",
           "Software", "Product", "Data", "Research", "Policy", "School", "University", "College", "Institute", "Department",
           "Main", "Offices", "Raised", "Series", "Speaker", "Part", "Jobs", "Hires", "Owned", "Sells", "Works", "Runs",
           "Funded", "Publishes", "Offers", "Teacher", "Nurse", "BS", "BA", "MS", "MA", "MBA", "PhD", "Master", "Left"}


def kind_of_line(line: str) -> str:
    """'education', 'job' or 'other', for one line of a public profile."""
    if _DEGREE.search(line):
        return "education"
    if _NOT_A_JOB.search(line):
        return "other"
    if _YEAR.search(line) or re.search(r"\b(at|for)\b", line):
        return "job"
    if _INSTITUTION.search(line):
        return "education"
    return "other"


@functools.lru_cache(maxsize=64)
def _profile(lines: tuple[str, ...], facts: tuple[str, ...], name: str, employer: str) -> tuple[dict[str, tuple[str, ...]], tuple[tuple[re.Pattern[str], str], ...]]:
    kinds: dict[str, list[str]] = {"education": [], "job": [], "other": []}
    for line in lines:
        kinds[kind_of_line(line)].append(line)
    current = [line for line in kinds["job"] if _CURRENT.search(line)]
    past = [line for line in kinds["job"] if line not in current]
    answers = {"education": tuple(kinds["education"]), "past_jobs": tuple(past), "tenure": tuple(current)}
    entities: list[tuple[re.Pattern[str], str]] = []
    subject = {w.lower() for w in re.findall(r"[\w&'-]+", f"{name} {employer}")}
    for line in (*lines, *facts):
        for m in _ENTITY.finditer(line):
            for span in re.split(r"\s+and\s+", m.group(0)):
                words = [w.strip(".,") for w in span.split()]
                while words and words[0].lower() in _SMALL:
                    words.pop(0)
                while words and words[-1].lower() in _SMALL:
                    words.pop()
                named = [w for w in words if w.lower() not in _SMALL and w not in _COMMON and w.lower() not in subject
                         and not _ROMAN.fullmatch(w)]
                if m.start() == 0 and len(words) == 1 and words[0][1:].islower():
                    continue  # a line's first word is capitalised as a sentence is ("Acquired a startup…")
                if not named:
                    continue  # only titles, field words, or their own name and employer's
                # the whole name, and a part of it that is a name by its shape ("PNC", "PyCon")
                forms = {" ".join(words)} | {w for w in named if len(w) >= 2 and (w.isupper() or any(ch.isupper() for ch in w[1:]))}
                if len(words) > 2 and words[-1] in _GENERIC_TAIL:  # "Ohio State University" is asked after as "Ohio State"
                    forms.add(" ".join(words[:-1]))
                entities += [(re.compile(rf"\b{re.escape(form.lower())}\b"), line) for form in forms]
    entities.sort(key=lambda e: -len(e[0].pattern))  # "University of Pittsburgh" before "Pittsburgh"
    return answers, tuple(entities)


def answering_line(c: Classification, persona: Persona) -> tuple[str | None, bool | None]:
    """(the line of their profile or employer facts that answers the question, whether the question
    is of a kind a profile answers at all). ``(None, True)``: a profile question their profile
    does not answer; ``(None, False)``: not a profile question; ``(None, None)``: one that asks what
    a fact on it meant for them ("What did you major in, and would you choose it again?")."""
    if not c.is_question:
        return None, False
    norm = prepare(c.text)
    answers, entities = _profile(tuple(persona.public_profile), tuple(persona.employer.public_facts),
                                 f"{persona.name} {persona.role}", persona.employer.name)
    if not persona.public_profile:
        return None, False  # nothing known about what their profile says: the classifier's reading stands
    if not c.public_profile and len(c.questions) > 1 and c.kind == "open":
        return None, False  # "Where did you study, and how much of it do you use now?": the open part is worth asking
    if _EXPERIENCE.search(norm) or _ABOUT_THEM.search(norm):
        return None, None  # what it meant for them, not what the profile says
    for kind, rx in ASKS.items():
        if rx.search(norm):
            if kind == "title":
                return persona.role, True
            found = answers.get(kind, ())
            if kind == "tenure" and not found:
                employer = persona.employer.name.lower()
                found = tuple(line for line in answers["past_jobs"] if employer and employer.split()[0] in line.lower())
            return (found[0] if found else None), True
    if c.kind == "closed" and len(c.questions) == 1 and _CHECKS_FACT.search(norm):
        for pattern, line in entities:
            if pattern.search(norm):
                return line, True
    return None, False


def for_persona(c: Classification, persona: Persona | None) -> Classification:
    """The classification of a question put to this persona: googleable when their profile or
    employer facts answer it (``profile_line`` names the line), not googleable when it asks for
    what a profile usually says but theirs does not."""
    if persona is None or not c.is_question:
        return c
    line, profile_kind = answering_line(c, persona)
    if line is not None:
        flags = c.flags if c.has("googleable") else tuple(sorted((*c.flags, "googleable"), key=FLAG_NAMES.index))
        signal = f"their public profile says {line!r}"
        return dataclasses.replace(c, flags=flags, public_profile=True, profile_line=line, signals=(*c.signals, signal))
    if profile_kind is not False and c.public_profile and not c.employer_fact:
        flags = tuple(f for f in c.flags if f != "googleable")
        why = ("their public profile does not say this: a fair question" if profile_kind
               else "asks what it meant for them: a fair question")
        return dataclasses.replace(c, flags=flags, public_profile=False, signals=(*c.signals, why))
    return c

