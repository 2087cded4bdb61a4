"""One rehearsal: persona, settings, transcript and clock, driven the same way by every front end.

The session appends turns, advances the spoken clock and hands the transcript to a saver after
every change, so a crash loses at most the reply in flight.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from datetime import datetime

from coffeechat.core.clock import ClockState
from coffeechat.core.engine import Engine, EngineError, ReplyRequest
from coffeechat.core.persona import Persona
from coffeechat.core.safe_text import StreamCleaner, strip_controls
from coffeechat.core.their_side import TheirSide
from coffeechat.core.transcript import CUT_NOTE, SessionSettings, Transcript, Turn, TurnStatus, now
from coffeechat.errors import CoffeechatError

Saver = Callable[[Transcript], object]
ChunkHandler = Callable[[str], "Awaitable[None] | None"]

MAX_USER_TURN_CHARS = 20_000


class Session:
    def __init__(self, transcript: Transcript, engine: Engine, saver: Saver | None = None) -> None:
        self.transcript = transcript
        self.engine = engine
        self._saver = saver

    @classmethod
    def start(
        cls,
        persona: Persona,
        engine: Engine,
        settings: SessionSettings,
        transcript_id: str,
        saver: Saver | None = None,
        created_at: datetime | None = None,
    ) -> Session:
        transcript = Transcript(
            id=transcript_id,
            created_at=created_at or now(),
            persona=persona,
            persona_id=persona.id,
            engine=engine.info,
            settings=settings,
        )
        # The professional opens the meeting with their greeting. Nothing is written until the visitor
        # says something: an interview opened and left at once leaves no empty transcript behind.
        greeting = persona.lines.say("greeting", settings.agreed_minutes)
        transcript.turns.append(Turn(speaker="persona", text=greeting, spoken_start=0.0,
                                     spoken_seconds=settings.clock.turn_seconds("persona", greeting)))
        return cls(transcript, engine, saver)

    # -- state -------------------------------------------------------------------------------

    @property
    def persona(self) -> Persona:
        return self.transcript.persona

    @property
    def clock(self) -> ClockState:
        return self.transcript.clock_state()

    @property
    def finished(self) -> bool:
        return self.transcript.status == "finished"

    @property
    def they_left(self) -> bool:
        """The professional has gone (``Transcript.they_left``)."""
        return self.transcript.they_left

    @property
    def has_spoken(self) -> bool:
        """Whether the visitor has said anything (a meeting left before that is not kept)."""
        return any(turn.speaker == "user" for turn in self.transcript.turns)

    def save(self) -> None:
        self.transcript.updated_at = now()
        if self._saver is not None:
            self._saver(self.transcript)

    # -- turns -------------------------------------------------------------------------------

    def add_user_turn(self, text: str) -> Turn:
        """Record what the user said (saved before any reply is asked for)."""
        text = strip_controls(text).strip()  # what is saved: nothing left means nothing was said
        if not text:
            raise CoffeechatError("there is nothing to say: the message is empty")
        if len(text) > MAX_USER_TURN_CHARS:
            raise CoffeechatError(
                f"that message is {len(text):,} characters; keep one turn under {MAX_USER_TURN_CHARS:,}"
                " (a question in a coffee chat is a sentence or two)"
            )
        if self.finished:
            raise CoffeechatError("this interview is finished; start a new one to keep practising")
        if self.they_left:
            raise CoffeechatError(f"{self.persona.first_name} has left: the meeting is over; end it to see your review")
        turn = Turn(
            speaker="user",
            text=text,
            spoken_start=self.transcript.spoken_seconds,
            spoken_seconds=self.transcript.settings.clock.turn_seconds("user", text),
        )
        self.transcript.turns.append(turn)
        self.save()
        return turn

    def _history_for_reply(self) -> list[Turn]:
        turns = list(self.transcript.turns)
        if turns and turns[-1].speaker == "persona" and turns[-1].status in ("interrupted", "cut_off"):
            turns.pop()  # asking again: the broken-off or stopped reply stays in the record, not in the request
        return turns

    def _stopped_reply(self) -> str:
        turns = self.transcript.turns
        return turns[-1].text if turns and turns[-1].speaker == "persona" and turns[-1].status == "cut_off" else ""

    @property
    def can_ask_again(self) -> bool:
        """Whether the last question can be asked again: it is unanswered, its reply broke off, or
        the visitor stopped the reply (and wants another)."""
        t = self.transcript
        return t.awaiting_reply or bool(t.turns and t.turns[-1].speaker == "persona" and t.turns[-1].status == "cut_off"
                                        and any(turn.speaker == "user" for turn in t.turns))

    async def reply(self, on_chunk: ChunkHandler | None = None, again: bool = False) -> Turn | None:
        """Stream the persona's reply to the latest user turn.

        Each chunk goes to ``on_chunk`` as it arrives. If the task is cancelled (the user stopped
        the reply), the part received is kept, marked ``cut_off``, and the cancellation goes on.
        If the engine fails, the part received (if any) is kept, marked ``interrupted``, and the
        EngineError is raised; the user's turn is already saved, so asking again is safe.
        """
        if not (self.transcript.awaiting_reply or (again and self.can_ask_again)):
            raise CoffeechatError("there is no question waiting for a reply")
        request = ReplyRequest(
            persona=self.persona,
            settings=self.transcript.settings,
            turns=tuple(self._history_for_reply()),
            clock=self.clock,
            conversation_id=self.transcript.id,
            stopped=self._stopped_reply(),
        )
        parts: list[str] = []
        started = time.monotonic()
        # The engine boundary: every chunk is cleaned (escapes, control characters, split surrogates,
        # echoed secrets) before it is shown, printed or stored.
        cleaner = StreamCleaner()

        async def deliver(text: str) -> None:
            if not text:
                return
            parts.append(text)
            if on_chunk is not None:
                result = on_chunk(text)
                if inspect.isawaitable(result):
                    await result

        try:
            async for chunk in self.engine.stream_reply(request):
                if chunk:
                    await deliver(cleaner.feed(chunk))
            await deliver(cleaner.finish())
        except asyncio.CancelledError:
            parts.append(cleaner.finish())
            self._record_reply(parts, started, "cut_off", "stopped before the end")
            raise
        except EngineError as exc:
            parts.append(cleaner.finish())
            self._record_reply(parts, started, "interrupted", str(exc))
            raise
        except Exception as exc:  # an engine bug must not lose the conversation
            parts.append(cleaner.finish())
            self._record_reply(parts, started, "interrupted", f"{type(exc).__name__}: {exc}")
            raise EngineError(f"the engine failed unexpectedly ({type(exc).__name__}: {exc})") from exc
        # an engine may say something about the reply for its record (ended at its budget)
        return self._record_reply(parts, started, "complete", getattr(self.engine, "reply_note", None))

    def _record_reply(self, parts: list[str], started: float, status: TurnStatus, note: str | None) -> Turn | None:
        from coffeechat.engines.shaping import last_full_sentence, strip_notes

        # what the app said to the model is never kept as the persona's words, even in other words
        text = strip_notes("".join(parts))
        if note and note.startswith(CUT_NOTE):
            text = last_full_sentence(text)  # stopped for length: kept to its last full sentence
        if not text and status != "complete":
            self.save()
            return None
        turn = Turn(
            speaker="persona",
            text=text,
            status=status,
            spoken_start=self.transcript.spoken_seconds,
            spoken_seconds=self.transcript.settings.clock.turn_seconds("persona", text),
            wall_seconds=max(0.0, time.monotonic() - started),
            note=note,
        )
        self.transcript.turns.append(turn)
        self.save()
        return turn

    async def ask(self, text: str, on_chunk: ChunkHandler | None = None) -> Turn | None:
        self.add_user_turn(text)
        return await self.reply(on_chunk)

    async def their_side(self) -> TheirSide:
        """The professional's private impression, made by the engine's model in character (the
        offline engine, or a model that fails, gives the offline one), stored and saved."""
        from coffeechat.engines.their_side import FALLBACK_END, their_side_with_model

        if self.transcript.score is None:
            from coffeechat.core.rubric.score import score_transcript

            self.transcript.score = score_transcript(self.transcript)
        side = await their_side_with_model(self.engine, self.transcript)
        before = self.transcript.their_side
        if before is not None and before.source == "model" and side.source != "model" and side.note:
            # asked again and the model failed (not the offline engine chosen): the model's impression
            # saved before is worth more than the offline stand-in
            why = side.note.removesuffix(FALLBACK_END)
            raise EngineError(f"{why}; the impression saved before is kept", retryable=True)
        self.transcript.their_side = side
        self.save()
        return side

    def finish(self) -> None:
        """End the interview: it is scored and saved, and takes no more turns."""
        from coffeechat.core.rubric.score import score_transcript

        self.transcript.status = "finished"
        self.transcript.score = score_transcript(self.transcript)
        self.save()
