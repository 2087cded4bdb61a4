"""A persona drafted by a model from a real person's public profile.

One structured-output request (the JSON schema is the persona model's own), streamed so progress
can be shown; an answer that does not validate goes back to the model with the problems, at most
``REPAIR_ROUNDS`` times. The model lists the fields it made up in ``invented``, so the file it
becomes can say which parts the user should correct. The model's text is outside data: it is
parsed with bounds and every string passes the persona model's own cleaning.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from coffeechat.core import safe_text
from coffeechat.core.contacts import without_contacts
from coffeechat.core.persona import LINE_PLACEHOLDERS, TOPIC_TITLES, Persona
from coffeechat.errors import CoffeechatError

MAX_PROFILE_CHARS = 16_000  # about 4,000 tokens of profile: a long LinkedIn page, whole
REPAIR_ROUNDS = 2
_now = time.monotonic  # the draft's clock (a test moves it on)
MAX_PROBLEMS_SHOWN = 25
MAX_ANSWER_TOKENS = 8_192

Progress = Callable[[str, int], None]  # (what is happening, characters received so far)


@dataclass
class ModelDraft:
    data: dict[str, Any]  # a valid persona's fields, without its id
    invented: list[str] = field(default_factory=list)  # dotted paths the model says it made up
    repairs: int = 0  # rounds of problems sent back before it validated
    said_invented: bool = True  # False: the model never said which parts it made up


def draft_schema() -> dict[str, Any]:
    """The persona model's JSON schema without the id (the file name gives it), plus ``invented``."""
    schema = Persona.model_json_schema()
    schema["properties"].pop("id", None)
    schema["properties"]["invented"] = {
        "type": "array", "items": {"type": "string"}, "maxItems": 80,
        "description": "dotted paths of every field not stated in the profile, e.g. employer.founded, topics.challenges",
    }
    schema["required"] = [*schema.get("required", []), "invented"]
    return schema


def _instructions(persona_id: str) -> str:
    topics = ", ".join(TOPIC_TITLES)
    placeholders = " and ".join("{" + p + "}" for p in LINE_PLACEHOLDERS)
    return (
        "You write persona files for coffeechat, an app in which a student rehearses an informational interview"
        " (a 20-30 minute coffee chat about someone's work, path and field) with a professional played from the"
        f" file. Draft the persona '{persona_id}' of the person whose public profile the user pastes, as one JSON"
        " object that follows the schema, and nothing else.\n"
        "- Facts: name, role, employer, schools, past jobs and talks (public_profile, one line each in the style"
        " 'BS in Computer Science, University of Pittsburgh, 2016' or 'Analyst at Deloitte, 2016-2019') and what"
        " the profile says of the employer (employer.public_facts) come only from the profile. Never copy e-mail"
        " addresses, phone numbers or links.\n"
        "- Everything else you invent plausibly for someone in that role and field, and you list the dotted path"
        " of every invented field in 'invented' (employer.founded, employer.size, manner, lines, topics.advice,"
        " stories, referrals, ...), so the user knows what to correct.\n"
        f"- topics: every one of {topics}, each with 3 to 5 passages in the first person, in their voice, two to"
        " five sentences each, with concrete names, numbers and places; no braces in passages.\n"
        f"- stories: 3 to 6, each with a topic from that list, a title, a text and a lesson.\n"
        f"- lines: what they say at set moments, first person. A line that mentions the meeting's length writes"
        f" {placeholders} instead of a number; no other braces. The greeting greets the visitor without naming"
        " anyone.\n"
        "- referrals: one to three colleagues they could introduce the visitor to (invented).\n"
        "- years_in_role is at most years_in_field; employer.founded is a year; manner.temperament is warm, busy"
        " or reserved; manner.talkativeness is low, medium or high."
    )


def _request(persona_id: str, profile: str, overrides: dict[str, Any]) -> list[dict[str, str]]:
    """The request: the profile as plain text, without escapes, markup or contact details (the
    person's e-mail and phone number are not the model's business, nor the persona's)."""
    from coffeechat.core.profile_facts import clean_text

    profile = clean_text(profile)
    told = "".join(f"\n{key}: {value}" for key, value in overrides.items() if value is not None)
    user = ("The profile, as pasted:\n<<<\n" + profile[:MAX_PROFILE_CHARS] + "\n>>>"
            + (f"\nWhat the user says of the person, which wins over the profile:{told}" if told else ""))
    return [{"role": "system", "content": _instructions(persona_id)}, {"role": "user", "content": user}]


_FENCED = re.compile(r"```(?:json)?\s*\n(.*?)\n\s*```", re.S)


def parse_answer(text: str) -> dict[str, Any]:
    """The JSON object in a model's answer (in a code fence, or with words around it), every string
    in it cleaned as outside text is (no escapes or controls, no registered secret). ValueError
    says why there is none."""
    fenced = _FENCED.search(text)
    body = (fenced.group(1) if fenced else text).strip()
    start = body.find("{")
    if start < 0 or body.startswith("["):
        raise ValueError("the answer is not one JSON object")
    try:
        value, _ = json.JSONDecoder().raw_decode(body, start)
    except RecursionError:
        raise ValueError("the answer's JSON is nested too deeply") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"the answer is not valid JSON ({exc.msg} at character {exc.pos})") from None
    except ValueError:  # a number of thousands of digits
        raise ValueError("the answer's JSON holds a number too long to read") from None
    if not isinstance(value, dict):
        raise ValueError("the answer's JSON is not an object")
    return _cleaned(value)


def _cleaned(value: Any, depth: int = 0) -> Any:
    """Every string of a decoded answer cleaned: a secret or an escape written with JSON's own
    escapes ("\\u0073k-…") is only there once the JSON is read."""
    if depth > 40:
        raise ValueError("the answer's JSON is nested too deeply")
    if isinstance(value, str):
        return safe_text.clean(value)
    if isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {safe_text.clean(str(k)): _cleaned(v, depth + 1) for k, v in value.items()}
    return value


def _without_contacts(value: Any) -> Any:
    """A model's persona with no e-mail address, link or phone number in it, as an offline draft
    has none: the file is shared and shown, and nothing in it should reach the person."""
    if isinstance(value, str):
        return without_contacts(value)
    if isinstance(value, list):
        return [v for v in (_without_contacts(v) for v in value) if v not in ("", "Email", "Phone")]
    if isinstance(value, dict):
        return {k: _without_contacts(v) for k, v in value.items()}
    return value


def _problems(error: ValidationError) -> list[str]:
    out = []
    for item in error.errors(include_url=False, include_input=False)[:MAX_PROBLEMS_SHOWN]:
        where = ".".join(str(part) for part in item["loc"]) or "the object"
        out.append(f"{where}: {item['msg']}")
    return out


def _apply(data: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """What the user said wins: name, role, employer's name and the meeting's minutes. A list the
    model left null is empty."""
    data = dict(data)
    for key in ("public_profile", "stories"):
        if key in data and data[key] is None:
            data[key] = []
    if isinstance(data.get("employer"), dict) and data["employer"].get("public_facts", []) is None:
        data["employer"] = {**data["employer"], "public_facts": []}
    for key in ("name", "role"):
        if overrides.get(key):
            data[key] = overrides[key]
    if overrides.get("employer") and isinstance(data.get("employer"), dict):
        data["employer"] = {**data["employer"], "name": overrides["employer"]}
    if overrides.get("minutes") and isinstance(data.get("manner"), dict):
        data["manner"] = {**data["manner"], "default_minutes": overrides["minutes"]}
    return data


def _invented(value: Any) -> tuple[list[str], bool]:
    if not isinstance(value, list):
        return [], False
    paths = [" ".join(str(v).split())[:80] for v in value if isinstance(v, str) and v.strip()]
    return sorted(set(paths))[:80], True


async def draft_with_model(engine: Any, persona_id: str, profile: str, *, name: str | None = None, role: str | None = None,
                           employer: str | None = None, minutes: int | None = None,
                           progress: Progress | None = None) -> ModelDraft:
    """Ask the engine's model for the persona; CoffeechatError when the answer is still not a valid
    persona after ``REPAIR_ROUNDS`` rounds of its problems sent back (nothing is written then)."""
    if not profile.strip():
        raise CoffeechatError("the profile is empty; paste the person's public bio or LinkedIn About and experience into the file")
    overrides = {"name": name, "role": role, "employer": employer, "minutes": minutes}
    messages = _request(persona_id, profile, overrides)
    schema = draft_schema()
    room = engine.window - engine.counter.count(messages[0]["content"] + messages[1]["content"]) - 600
    max_tokens = max(1024, min(MAX_ANSWER_TOKENS, room))
    problems: list[str] = []
    # a whole persona is thousands of tokens: a local model may take minutes over it, but the draft
    # and its corrections together stop at one deadline
    budget = max(900.0, engine.settings.request_timeout * 10)
    deadline = _now() + budget
    for round_ in range(REPAIR_ROUNDS + 1):
        what = "drafting" if round_ == 0 else f"correcting ({round_} of {REPAIR_ROUNDS})"
        left = deadline - _now()
        if left < 30:
            last = f" (last: {engine.redact('; '.join(problems[:2]))[:300]})" if problems else ""
            raise CoffeechatError(
                f"the model took its {budget / 60:.0f} minutes without a valid persona{last}; nothing was written:"
                " try a faster model, or draft it offline with --engine offline")
        if progress is not None:
            progress(what, 0)
        answer = await engine.stream_json(messages, "persona", schema, max_tokens,
                                          on_text=(lambda n, what=what: progress(what, n)) if progress else None,
                                          max_seconds=left)
        try:
            data = parse_answer(answer)
            invented, said = _invented(data.pop("invented", None))
            data.pop("id", None)
            persona = Persona.model_validate(_without_contacts(_apply(data, overrides)))
            return ModelDraft(data=persona.model_dump(exclude={"id"}), invented=invented, repairs=round_, said_invented=said)
        except ValueError as exc:  # ValidationError is a ValueError
            problems = _problems(exc) if isinstance(exc, ValidationError) else [str(exc)]
        messages = [*messages[:2], {"role": "assistant", "content": answer[:40_000]},
                    {"role": "user", "content": "That is not a valid persona yet:\n- " + "\n- ".join(problems)
                     + "\nAnswer with the whole corrected JSON object, nothing else."}]
    shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
    raise CoffeechatError(
        f"the model's persona was still not valid after {REPAIR_ROUNDS} rounds of corrections ({engine.redact(shown)[:400]});"
        " nothing was written: try a larger model, or draft it offline with --engine offline")

