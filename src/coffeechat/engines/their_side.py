"""Their side of the coffee, in character, from a model: one structured-output request over the
numbered transcript. What comes back is outside data: a moment that names no turn of the
visitor's is dropped, and a moment's quote is always the visitor's own words from the transcript,
never the model's version of them. Any failure falls back to the offline impression, saying why.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from coffeechat.core.engine import EngineError
from coffeechat.core.rubric.score import quote
from coffeechat.core.their_side import Moment, TheirSide
from coffeechat.engines.profile_draft import parse_answer
from coffeechat.errors import CoffeechatError

if TYPE_CHECKING:
    from coffeechat.core.transcript import Transcript

MAX_TURN_CHARS = 1_200  # of each turn, in the request: the moments are in the visitor's words
MAX_TRANSCRIPT_CHARS = 40_000
ANSWER_TOKENS = 900


def _schema() -> dict[str, Any]:
    moment = {"type": "object", "additionalProperties": False, "required": ["turn", "quote", "note"],
              "properties": {"turn": {"type": "integer", "minimum": 1}, "quote": {"type": "string"},
                             "note": {"type": "string", "minLength": 5}}}
    return {
        "type": "object", "additionalProperties": False,
        "required": ["another_meeting", "introduce", "colleague", "impression", "stood_out", "put_off"],
        "properties": {
            "another_meeting": {"type": "boolean"}, "introduce": {"type": "boolean"},
            "colleague": {"type": ["string", "null"]},
            "impression": {"type": "string", "minLength": 40},
            "stood_out": {"type": "array", "items": moment, "maxItems": 4},
            "put_off": {"type": "array", "items": moment, "maxItems": 4},
        },
    }


def _numbered(t: Transcript) -> str:
    lines = []
    for number, turn in enumerate(t.turns, 1):
        who = "Visitor" if turn.speaker == "user" else t.persona.first_name
        text = " ".join(turn.text.split())
        lines.append(f"{number}. {who}: {text[:MAX_TURN_CHARS]}")
    body = "\n".join(lines)
    if len(body) > MAX_TRANSCRIPT_CHARS:  # the start (the opening) and the end (the close) matter most
        half = MAX_TRANSCRIPT_CHARS // 2
        body = body[:half] + "\n[… the middle of the conversation is left out …]\n" + body[-half:]
    return body


def request(t: Transcript, headline: str | None) -> list[dict[str, str]]:
    p = t.persona
    colleagues = "; ".join(f"{r.name} ({r.role})" for r in p.referrals)
    system = (
        f"You are {p.name}, {p.role} at {p.employer.name}. {p.summary} Temperament: {p.manner.temperament};"
        f" speaking style: {p.manner.speaking_style} Pet peeves: " + " ".join(p.manner.pet_peeves)
        + (" You are strict about time." if p.manner.strict_about_time else "")
        + f"\nYou have just had a {t.settings.agreed_minutes:g}-minute coffee chat with a student or career changer"
        " (the transcript follows, turns numbered). Write your private, honest impression of it, which the visitor"
        " will never hear from you: would you take another meeting, would you introduce them to a colleague"
        f" (yours: {colleagues}), three or four sentences in the first person and in your own voice, and the"
        " moments that stood out or put you off, each with the number of the visitor's turn, the visitor's exact"
        " words, and why. Answer with one JSON object and nothing else."
    )
    user = ("The conversation:\n" + _numbered(t)
            + (f"\n\nFor reference, the coaching rubric's summary: {headline}" if headline else ""))
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _moments(raw: Any, t: Transcript, leave_out: set[int] = frozenset()) -> list[Moment]:
    out: list[Moment] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("turn"), int) or isinstance(item.get("turn"), bool):
            continue
        number = item["turn"]
        if not 1 <= number <= len(t.turns) or t.turns[number - 1].speaker != "user" or number in leave_out:
            continue  # not a turn of the visitor's, or one not to be said of it
        if not isinstance(item.get("note"), str):
            continue
        note = " ".join(item["note"].split())[:300]
        if not note or any(m.turn == number for m in out):
            continue
        out.append(Moment(turn=number, quote=quote(t.turns[number - 1].text, 120), note=note))
    return out[:4]


def _yes(value: Any) -> bool:
    """A decision as the model wrote it: true, or "yes"/"true" in words."""
    return value is True or (isinstance(value, str) and value.strip().lower() in ("yes", "true", "y"))


def from_answer(text: str, t: Transcript, report: Any = None) -> TheirSide:
    """The model's answer as a TheirSide; ValueError when it is not one."""
    data = parse_answer(text)
    names = {r.name.lower(): r.name for r in t.persona.referrals}
    colleague = data.get("colleague")
    # only one of their own colleagues: a name the model made up is none of theirs
    colleague = names.get(" ".join(colleague.split()).lower()) if isinstance(colleague, str) else None
    impression = " ".join(str(data.get("impression") or "").split())
    impression = re.sub(r"\s*\[[^\]]*\]\s*", " ", impression).strip()[:1500]  # no stage directions or notes
    from coffeechat.core.rubric.score import unfounded_follow_ups

    put_off = _moments(data.get("put_off"), t)
    # praised is neither a turn that also put them off, nor a follow-up of something they never said
    praised = _moments(data.get("stood_out"), t, {m.turn for m in put_off} | unfounded_follow_ups(t, report))
    try:
        return TheirSide(source="model", another_meeting=_yes(data.get("another_meeting")),
                         introduce=_yes(data.get("introduce")), colleague=colleague, impression=impression,
                         stood_out=praised, put_off=[m for m in put_off if m.turn not in {p.turn for p in praised}])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the answer"
        raise ValueError(f"the answer is not an impression ({where}: {first['msg']})") from None


async def their_side_with_model(engine: Any, t: Transcript) -> TheirSide:
    """The impression from the engine's model; on any failure, the offline one with a note saying why."""
    from coffeechat.core.their_side import offline_their_side
    from coffeechat.core.rubric.score import score_transcript

    report = t.score or score_transcript(t)
    try:
        stream_json = getattr(engine, "stream_json", None)
        if stream_json is None and hasattr(engine, "ready"):  # a model engine still being built
            stream_json = (await engine.ready()).stream_json
        if stream_json is None:
            return offline_their_side(t, report)
        answer = await stream_json(request(t, report.headline), "their_side", _schema(), ANSWER_TOKENS, max_chars=20_000)
        return from_answer(answer, t, report)
    except (EngineError, CoffeechatError, ValueError, json.JSONDecodeError) as exc:
        return instead_of_model(t, report, exc)


FALLBACK_END = "; this is the offline one"


def instead_of_model(t: Transcript, report: Any, exc: BaseException) -> TheirSide:
    """The offline impression where the model's could not be had, with a note saying why."""
    from coffeechat.core.their_side import offline_their_side

    side = offline_their_side(t, report)
    return side.model_copy(update={"note": f"the model's impression could not be had ({_why(exc)}){FALLBACK_END}"})


# what an engine error says about a reply in a chat ("your question is saved: ask again"), not said here
_CHAT_ONLY = re.compile(r"[;,]?\s*(?:and )?(?:your question is saved(?:: ask again to retry)?|it was stopped and"
                        r" (?:what arrived is )?kept(?: as far as it got)?|what arrived is kept)", re.I)


def _why(exc: BaseException) -> str:
    from coffeechat.core.rubric.score import quote

    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return quote(_CHAT_ONLY.sub("", text).strip(" ;,"), 240)
