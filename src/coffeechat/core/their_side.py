"""Their side of the coffee: the professional's private impression of the meeting, in their voice.

What a visitor never hears in a real meeting: would they meet again, would they introduce you to
the colleague they named, what stood out and what put them off — each tied to the turn that caused
it. It never changes the score. Made offline from the rubric's evidence and the persona's
temperament and pet peeves (``offline_their_side``), or in character by a model (``engines.their_side``);
either way it is stored in the transcript as this model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from coffeechat.core.clean_model import CleanModel

if TYPE_CHECKING:  # the transcript holds this model, so these are imported only where they are used
    from coffeechat.core.rubric.report import ScoreReport
    from coffeechat.core.transcript import Transcript

THEIR_SIDE_VERSION = 1


class Moment(CleanModel):
    """One moment of the meeting that shaped their impression: the turn, its words, and why."""

    turn: int = Field(ge=1, description="1-based position of the turn in the transcript")
    quote: str = Field(min_length=1, max_length=300, description="the words of that turn, as said (may be shortened)")
    note: str = Field(min_length=1, max_length=300, description="why it mattered to them, in their voice")


class TheirSide(CleanModel):
    version: int = THEIR_SIDE_VERSION
    source: Literal["offline", "model"] = "offline"
    another_meeting: bool = Field(description="would they take another meeting with this visitor")
    introduce: bool = Field(description="would they introduce the visitor to the colleague they named (or would name)")
    colleague: str | None = Field(None, max_length=200, description="the colleague's name, when there is one")
    impression: str = Field(min_length=1, max_length=1500, description="three or four sentences, first person, in character")
    stood_out: list[Moment] = Field(default_factory=list, max_length=4)
    put_off: list[Moment] = Field(default_factory=list, max_length=4)
    note: str | None = Field(None, max_length=400, description="how it was made, when not as asked (the model failed)")

    def moments(self) -> list[Moment]:
        return [*self.stood_out, *self.put_off]


def offline_their_side(t: Transcript, report: ScoreReport) -> TheirSide:
    """Their side of ``t`` without a model: from the rubric's ``report``, the persona's temperament,
    talkativeness, time-keeping and pet peeves. The same transcript always gives the same words.
    Written in ``their_side_offline``, which needs the transcript and rubric modules this one cannot
    import at load time."""
    from coffeechat.core.their_side_offline import offline_their_side as made_offline

    return made_offline(t, report)
