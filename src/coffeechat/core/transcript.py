"""The transcript format: everything about one rehearsal, saved after every turn."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from coffeechat.core.clean_model import CleanModel

from coffeechat.core.clock import ClockSettings, ClockState, Speaker
from coffeechat.core.persona import Persona
from coffeechat.core.rubric.report import ScoreReport
from coffeechat.core.their_side import THEIR_SIDE_VERSION, TheirSide

SCHEMA_VERSION = 1

# A transcript's id is the name of its file in the transcripts folder, so it can never name a path:
# letters, digits, spaces and . _ - ( ) +, starting with a letter or digit.
ID_PATTERN = re.compile(r"^[^\W_][\w .()+-]{0,199}$")
ID_RULE = "letters, digits, spaces and . _ - ( ) +, starting with a letter or digit, at most 200 characters"
MAX_TURN_SECONDS = 24 * 3600.0  # far beyond any one thing said; keeps every sum of turns finite

TurnStatus = Literal["complete", "cut_off", "interrupted"]
SessionStatus = Literal["in_progress", "finished"]

REFLECTION_QUESTIONS: dict[str, str] = {
    "fit": "Is this job a good fit for me?",
    "employer": "What interested me about their employer?",
    "prepare": "How can I prepare better next time?",
    "next_steps": "What are my next steps?",
}


def is_valid_id(value: str) -> bool:
    return bool(ID_PATTERN.fullmatch(value)) and value.strip() == value


def _aware(value: datetime) -> datetime:
    """A time written without a zone (an edited file) is taken as UTC, so times always compare."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value


def now() -> datetime:
    return datetime.now(timezone.utc)


_Model = CleanModel


CUT_NOTE = "ended at its last full sentence"  # how the note of a reply cut for length begins


class Turn(_Model):
    """One thing said. ``spoken_start`` and ``spoken_seconds`` are on the spoken clock."""

    speaker: Speaker
    text: str
    status: TurnStatus = "complete"
    spoken_start: float = Field(ge=0, le=1e9)
    spoken_seconds: float = Field(ge=0, le=MAX_TURN_SECONDS)
    wall_time: datetime = Field(default_factory=now)
    wall_seconds: float | None = Field(None, ge=0, le=1e9, description="for replies: how long the reply took to arrive")
    note: str | None = Field(None, description="why a reply is cut off or interrupted")

    _zone = field_validator("wall_time")(_aware)

    @property
    def cut_for_length(self) -> bool:
        """A complete reply that reached its budget and ends at its last full sentence."""
        return self.status == "complete" and bool(self.note) and self.note.startswith(CUT_NOTE)


class EngineInfo(_Model):
    """Which engine played the persona. Never holds a key; a base URL is stored redacted."""

    kind: Literal["offline", "openai"]
    model: str | None = None
    base_url: str | None = None

    def label(self) -> str:
        if self.kind == "offline":
            return "offline engine"
        return f"{self.model} via {self.base_url or 'api.openai.com'}"


class SessionSettings(_Model):
    agreed_minutes: float = Field(gt=0, le=240)
    goal: str = ""
    prepared_questions: list[str] = Field(default_factory=list)
    outreach: str = Field("", description="the outreach message drafted while preparing")
    your_name: str = Field("", max_length=100, description="the visitor's name, to sign the thank-you note")
    user_wpm: float = Field(150.0, gt=0, le=1000)
    persona_wpm: float = Field(150.0, gt=0, le=1000)
    pause_seconds: float = Field(2.0, ge=0, le=60)

    @property
    def clock(self) -> ClockSettings:
        return ClockSettings(self.user_wpm, self.persona_wpm, self.pause_seconds)


class Transcript(_Model):
    schema_version: int = SCHEMA_VERSION
    id: str
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)
    status: SessionStatus = "in_progress"
    persona: Persona
    persona_id: str
    engine: EngineInfo
    settings: SessionSettings
    turns: list[Turn] = Field(default_factory=list)
    score: ScoreReport | None = None
    reflection: dict[str, str] = Field(default_factory=dict)
    thank_you_draft: str = ""
    notes: str = ""
    their_side: TheirSide | None = Field(None, description="the professional's private impression; never part of the score")

    _zone = field_validator("created_at", "updated_at")(_aware)

    @field_validator("id")
    @classmethod
    def _id_is_a_file_name(cls, value: str) -> str:
        if not is_valid_id(value):
            raise ValueError(f"not a transcript id ({ID_RULE})")
        return value

    @model_validator(mode="after")
    def _persona_knows_its_id(self) -> Transcript:
        if self.persona.id != self.persona_id:
            self.persona = self.persona.model_copy(update={"id": self.persona_id})
        return self

    @model_validator(mode="after")
    def _score_fits_the_turns(self) -> Transcript:
        """A stored score is derived data: one from an older rubric, or one that points at turns this
        transcript does not have (an edited or foreign file), is dropped, to be computed again, rather
        than trusted."""
        if self.score is not None:
            from coffeechat.core.rubric.report import RUBRIC_VERSION  # the rubric needs this module first
            from coffeechat.core.rubric.score import WEIGHTS

            count = len(self.turns)
            keys = [c.key for c in self.score.criteria]
            if (self.score.rubric_version != RUBRIC_VERSION or sorted(keys) != sorted(WEIGHTS)
                    or any(e.turn > count for c in self.score.criteria for e in c.evidence)):
                self.score = None
        return self

    @field_validator("their_side", mode="wrap")
    @classmethod
    def _their_side_or_none(cls, value: Any, handler: Any) -> TheirSide | None:
        """Their side is derived: one that is not valid (an edited file, a newer version) is dropped,
        to be made again, and never makes the rest of the transcript unreadable."""
        try:
            return handler(value)
        except ValidationError:
            return None

    @model_validator(mode="after")
    def _their_side_fits_the_turns(self) -> Transcript:
        """Like the score, their side is dropped, to be made again, when a moment is not the
        visitor's own words at its turn (an edited file, a model that made a turn up)."""
        side = self.their_side
        if side is None:
            return self
        if side.version != THEIR_SIDE_VERSION or any(not self._quotes_the_visitor(m.turn, m.quote) for m in side.moments()):
            self.their_side = None
        elif side.colleague is not None and side.colleague not in {r.name for r in self.persona.referrals}:
            self.their_side = None  # an introduction to someone who is none of theirs
        return self

    def _quotes_the_visitor(self, number: int, quoted: str) -> bool:
        if not 1 <= number <= len(self.turns) or self.turns[number - 1].speaker != "user":
            return False
        said = " ".join(self.turns[number - 1].text.split())
        return all(part in said for part in " ".join(quoted.split()).split("…") if part.strip())

    @property
    def spoken_seconds(self) -> float:
        return sum(turn.spoken_seconds for turn in self.turns)

    def clock_state(self) -> ClockState:
        return ClockState(self.spoken_seconds, self.settings.agreed_minutes)

    @property
    def wall_seconds(self) -> float:
        if not self.turns:
            return 0.0
        return max(0.0, (self.turns[-1].wall_time - self.created_at).total_seconds())

    def user_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "user"]

    def persona_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "persona"]

    def replies(self) -> list[Turn]:
        """What the professional said in answer to the visitor: every persona turn after the first
        thing the visitor said (the greeting that opens the meeting answers nobody)."""
        first = next((i for i, t in enumerate(self.turns) if t.speaker == "user"), len(self.turns))
        return [t for t in self.turns[first:] if t.speaker == "persona"]

    @property
    def they_left(self) -> bool:
        """The professional has gone: they said the time was up, the meeting ran past what they stay
        for (the grace minutes if strict about time, else half the agreed length again, ten minutes
        at least), and they have answered since (saying they have to go)."""
        from coffeechat.core.clock import minutes_over_before_leaving

        strict = self.persona.manner.strict_about_time
        if not self.clock_state().past_leaving(strict):
            return False
        time_up = self.persona.lines.pattern("time_up")
        replies = [turn for turn in self.turns if turn.speaker == "persona" and turn.status == "complete"]
        said_at = next((i for i, turn in enumerate(replies) if time_up.search(turn.text)), None)
        if said_at is None or said_at == len(replies) - 1:
            return False
        over_from = (self.settings.agreed_minutes + minutes_over_before_leaving(self.settings.agreed_minutes, strict)) * 60
        return replies[-1].spoken_start >= over_from

    @property
    def awaiting_reply(self) -> bool:
        """True when the last thing said was the user's, or a reply that broke off (it can be asked again)."""
        if not self.turns:
            return False
        last = self.turns[-1]
        return last.speaker == "user" or last.status == "interrupted"
