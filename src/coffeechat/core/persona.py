"""The persona format: who the professional is, how they talk, and what they can tell you.

One TOML file per persona; the id is the file name without ``.toml``. The model is strict
(unknown fields are errors) so a typo in a persona file is caught, not silently ignored.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from coffeechat.core.clean_model import CleanModel

ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "abc\n" is no id

Temperament = Literal["warm", "busy", "reserved"]
Talkativeness = Literal["low", "medium", "high"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Passage = Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=4000)]
Passages = Annotated[list[Passage], Field(min_length=2, max_length=50)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=1000)]

TOPIC_TITLES: dict[str, str] = {
    "career_path": "Path into the role",
    "typical_day": "A typical day",
    "rewarding": "What is interesting and rewarding",
    "challenges": "What is hard",
    "skills": "Skills that matter",
    "preparation": "Experiences that prepare you",
    "trends": "Where the field is going",
    "culture": "Culture at their employer",
    "why_employer": "Why they chose their employer",
    "advice": "Advice for newcomers",
    "compensation": "How they handle pay questions",
}


class _Strict(CleanModel):
    model_config = ConfigDict(frozen=True)


class Employer(_Strict):
    """The employer, including the facts a quick search answers (asking them wastes the meeting)."""

    name: Text
    description: Line = Field(description="What the organisation does, as its website would say it.")
    size: Text
    founded: int = Field(ge=1600, le=2100)
    headquarters: Text
    public_facts: list[Text] = Field(default_factory=list, max_length=30)


class Manner(_Strict):
    """How the person comes across in a meeting."""

    temperament: Temperament
    talkativeness: Talkativeness
    default_minutes: int = Field(ge=5, le=120)
    strict_about_time: bool = False
    speaking_style: Line
    pet_peeves: Annotated[list[Line], Field(min_length=1, max_length=20)]


# The placeholders a line may hold, filled in for each meeting: the agreed length and the time left,
# as the person would say them ("twenty-five minutes", "about three minutes").
LINE_PLACEHOLDERS = ("minutes", "remaining")
_TIMED_LINES = ("greeting", "time_nearly_up", "time_up")  # the lines where a length is the meeting's
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# A length of time written into a line: "twenty minutes", "30 min", "half an hour", "an hour".
_LENGTH = re.compile(
    r"\b(?:\d+(?:\.\d+)?|a couple of|a few|several|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"[-\s]*(?:more\s)?(?:minutes?|mins?|hours?|hrs?)\b"
    r"|\b(?:a\s)?half[-\s](?:an\s)?hour\b|\ban\shour\b|\b(?:a\s)?quarter(?:[-\s]of\san)?[-\s]hour\b", re.I)


class Lines(_Strict):
    """Things the person says in their own words at set moments of the conversation. A line that
    mentions the meeting's length says ``{minutes}`` (the agreed length) or ``{remaining}`` (the time
    left), so it fits whatever length was agreed."""

    greeting: Line
    on_job_request: Line
    time_nearly_up: Line
    time_up: Line
    goodbye: Line

    @model_validator(mode="after")
    def _lengths_are_placeholders(self) -> Lines:
        for field in type(self).model_fields:
            line = getattr(self, field)
            unknown = [name for name in _PLACEHOLDER.findall(line) if name not in LINE_PLACEHOLDERS]
            if unknown:
                raise ValueError(f"lines.{field} has {{{unknown[0]}}}; a line may hold only "
                                 + " and ".join(f"{{{n}}}" for n in LINE_PLACEHOLDERS))
            if "{" in _PLACEHOLDER.sub("", line) or "}" in _PLACEHOLDER.sub("", line) or "{{" in line:
                raise ValueError(f"lines.{field} has a brace that is not part of {{minutes}} or {{remaining}};"
                                 " write each placeholder once, in single braces")
            written = _LENGTH.search(_PLACEHOLDER.sub("", line)) if field in _TIMED_LINES else None
            if written:
                raise ValueError(f"lines.{field} says {written.group(0)!r}, a fixed length: write {{minutes}} for the"
                                 " agreed length or {remaining} for the time left, so the line fits any meeting")
        return self

    def say(self, field: str, minutes: float, remaining: float | None = None) -> str:
        """The line as said in a meeting of ``minutes`` agreed minutes, with ``remaining`` left."""
        from coffeechat.core import spoken

        left = remaining if remaining is not None else minutes
        # always in minutes: "half an hour" would not fit "That's our {minutes}"
        values = {"minutes": spoken.minutes(minutes, idioms=False),
                  "remaining": "about " + spoken.minutes(max(1, left), idioms=False)}
        return _PLACEHOLDER.sub(lambda m: values[m.group(1)], getattr(self, field))

    def pattern(self, field: str) -> re.Pattern[str]:
        """Finds the line in a transcript whatever length was filled in."""
        parts = _PLACEHOLDER.split(getattr(self, field))
        return re.compile("".join(re.escape(p) if i % 2 == 0 else r".{1,40}?" for i, p in enumerate(parts)))


class Topics(_Strict):
    """What the person can talk about. Each topic holds several passages, so a repeated
    question gets a different answer."""

    career_path: Passages
    typical_day: Passages
    rewarding: Passages
    challenges: Passages
    skills: Passages
    preparation: Passages
    trends: Passages
    culture: Passages
    why_employer: Passages
    advice: Passages
    compensation: Passages

    @model_validator(mode="after")
    def _no_placeholders(self) -> Topics:
        for field in type(self).model_fields:
            for passage in getattr(self, field):
                found = re.search(r"\{(?:minutes|remaining)\}", passage)
                if found:
                    raise ValueError(f"topics.{field} has {found.group(0)}; placeholders are filled in only in [lines]:"
                                     " write the words themselves here")
        return self


_TITLES = ("dr", "mr", "mrs", "ms", "mx", "prof", "professor", "sir", "dame", "rev")
_SUBJECTS = {"she": "her", "he": "him", "they": "them", "it": "it", "xe": "xem", "ze": "zir", "e": "em", "ey": "em"}
_POSSESSIVES = {"hers", "his", "theirs", "its", "their", "xyr", "zirs"}


class Referral(_Strict):
    """A colleague the person could suggest talking to next."""

    name: Text
    pronouns: Text = Field("they/them", description="How to refer to them: she/her, he/him, they/them.")
    role: Text
    why: Line

    @property
    def subject(self) -> str:
        """"she", "he" or "they": the first of the pronouns."""
        return self.pronouns.split("/")[0].strip().lower() or "they"

    @property
    def object(self) -> str:
        """"her", "him", "them": the second of the pronouns when it is an object form ("she/her"),
        else the object of the first ("she/they" → "her"; "they/them/theirs" → "them")."""
        parts = [p.strip().lower() for p in self.pronouns.split("/")]
        if len(parts) > 1 and parts[1] and parts[1] not in _SUBJECTS and parts[1] not in _POSSESSIVES:
            return parts[1]
        return _SUBJECTS.get(parts[0], "them")


class Story(_Strict):
    """Something that happened, told when it fits: a project, a mistake, a turning point. Specific
    names, numbers and places make it worth hearing. ``lesson`` is what they took from it, told when
    asked how it turned out or what they learned."""

    topic: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    title: Text
    text: Passage
    lesson: Line | None = None

    @model_validator(mode="after")
    def _topic_exists(self) -> Story:
        if self.topic not in TOPIC_TITLES:
            raise ValueError(f"story {self.title!r} has topic {self.topic!r}; use one of: {', '.join(TOPIC_TITLES)}")
        return self


class Persona(_Strict):
    """A professional the user can rehearse a coffee chat with."""

    id: str = Field(default="", exclude=True, description="Set from the file name, not written in the file.")
    name: Text
    pronouns: Text
    role: Text
    industry: Text
    location: Text
    years_in_role: int = Field(ge=0, le=70)
    years_in_field: int = Field(ge=0, le=70)
    summary: Line
    public_profile: list[Text] = Field(
        default_factory=list,
        max_length=30,
        description="Facts on their public profile (school, past employers): a question about them wastes time.",
    )
    employer: Employer
    manner: Manner
    lines: Lines
    topics: Topics
    stories: list[Story] = Field(default_factory=list, max_length=60)
    referrals: Annotated[list[Referral], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _years_add_up(self) -> Persona:
        if self.years_in_role > self.years_in_field:
            raise ValueError(
                f"years_in_role ({self.years_in_role}) is more than years_in_field ({self.years_in_field});"
                " time in the role counts towards time in the field"
            )
        return self

    @model_validator(mode="after")
    def _greeting_is_to_the_visitor(self) -> Persona:
        names = [n for n in self.name.replace(".", " ").split() if n.lower() not in _TITLES and len(n) > 1]
        # their first name, a short form of it ("Dan" for Daniel), or a title and their last name
        forms = [re.escape(self.first_name)] + ([re.escape(self.first_name[:k]) for k in (3, 4) if len(self.first_name) > k])
        if len(names) > 1:
            forms.append(rf"(?:{'|'.join(_TITLES)})\.?\s+{re.escape(names[-1])}")
        opening = r"^\W*(?:hi|hiya|hello|hey|heya|yo|welcome|greetings|(?:good\s)?(?:morning|afternoon|evening))\W+"
        if re.search(opening + rf"(?:{'|'.join(forms)})\b", self.lines.greeting, re.I):
            raise ValueError(f"lines.greeting greets {self.first_name}, who is the one speaking; greet the visitor"
                             " without a name (\"Hi, good to meet you.\")")
        return self

    @model_validator(mode="after")
    def _name_is_one_visible_line(self) -> Persona:
        for where, value in [("name", self.name)] + [(f"referrals: {r.name!r}", r.name) for r in self.referrals]:
            if "\n" in value or "\r" in value:
                raise ValueError(f"{where} runs over more than one line; write the name on one line")
            if not any(ch.isalnum() for ch in value):
                raise ValueError(f"{where} has no letters in it; write the person's name")
        return self

    def stories_on(self, key: str) -> list[Story]:
        return [s for s in self.stories if s.topic == key]

    @property
    def first_name(self) -> str:
        """What the visitor calls them: the first word of the name that is not a title ("Dr.")."""
        words = self.name.split()
        return next((w for w in words if w.lower().rstrip(".") not in _TITLES), words[0])

    def topic(self, key: str) -> list[str]:
        return list(getattr(self.topics, key))
