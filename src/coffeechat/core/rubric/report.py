"""The score report: one model, stored in the transcript and printed by ``coffeechat score``."""

from __future__ import annotations

from pydantic import Field

from coffeechat.core.clean_model import CleanModel

RUBRIC_VERSION = 4  # 2: follow-ups need a real link, openings read in any order, time-keeping can be untested; 3: their own profile decides what is googleable; 4: a follow-up they had to set straight is not one


_Model = CleanModel


class Evidence(_Model):
    turn: int = Field(ge=1, description="1-based position of the turn in the transcript")
    quote: str
    note: str


class CriterionScore(_Model):
    key: str
    name: str
    score: int = Field(ge=0, le=100)
    weight: float = Field(ge=0)
    summary: str
    evidence: list[Evidence] = Field(default_factory=list)
    tip: str
    assessed: bool = Field(True, description="false when the conversation never tested this criterion; left out of the overall")


class ScoreReport(_Model):
    rubric_version: int = RUBRIC_VERSION
    overall: int = Field(ge=0, le=100)
    headline: str
    criteria: list[CriterionScore]
    stats: dict[str, float] = Field(default_factory=dict)
    unfounded: list[int] = Field(default_factory=list, description="user turns that picked up something they never"
                                                                   " said, or that their answer set straight")

    def criterion(self, key: str) -> CriterionScore:
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(key)
