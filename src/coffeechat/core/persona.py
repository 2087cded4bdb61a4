"""The persona format: who the professional is, how they talk, and what they can tell you.

One TOML file per persona; the id is the file name without ``.toml``. The model is strict
(unknown fields are errors) so a typo in a persona file is caught, not silently ignored.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints, model_validator

from coffeechat.core.clean_model import CleanModel

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

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


class Lines(_Strict):
    """Things the person says in their own words at set moments of the conversation."""

    greeting: Line
    on_job_request: Line
    time_nearly_up: Line
    time_up: Line
    goodbye: Line


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


class Referral(_Strict):
    """A colleague the person could suggest talking to next."""

    name: Text
    role: Text
    why: Line


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
    referrals: Annotated[list[Referral], Field(min_length=1, max_length=10)]

    @model_validator(mode="after")
    def _years_add_up(self) -> Persona:
        if self.years_in_role > self.years_in_field:
            raise ValueError(
                f"years_in_role ({self.years_in_role}) is more than years_in_field ({self.years_in_field});"
                " time in the role counts towards time in the field"
            )
        return self

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    def topic(self, key: str) -> list[str]:
        return list(getattr(self.topics, key))
