"""What a model streams, shaped into what the persona says.

Two things a real model does that a person would not:
- it echoes the app's own notes back ("[Clock note from the app…: 10 minutes left. …]"), which
  small and local models do often: a bracketed note in the app's words is dropped wherever it
  appears, as it streams, holding back only the bracketed text until it is closed (or is clearly
  not a note);
- it stops mid-sentence when the reply budget (``max_tokens``) runs out: once the reply nears its
  budget, text is released a sentence at a time, so a reply stopped for length ends at its last
  complete sentence, and the cut is recorded.

``ReplyShaper.feed`` returns what can be shown now; ``finish`` what is left at the end.
"""

from __future__ import annotations

import re

from coffeechat.core.transcript import CUT_NOTE  # how a reply cut for length is recorded

# What the app says to the model, in words the persona would never say (see prompts/clock.txt and
# prompts/omitted.txt; a model may paraphrase the frame but keeps these words).
# Words only the app's notes use: a sentence with one of these is the note, in the model's words.
_NOTE_MARKERS = re.compile(
    r"\b(?:clock note|note from (?:the )?app|app'?s? note|not said by the visitor|agreed minutes used|"
    r"left out for length|the start of this conversation is left out)\b",
    re.I,
)
# And, inside a bracket, the note's instructions too ("There is time; no need to mention it.").
_NOTE_WORDS = re.compile(
    _NOTE_MARKERS.pattern + r"|\b(?:there is time; no need to mention it|mention it once, briefly|"
    r"help the visitor wrap up|keep your answer very short and move to close|you must leave: close the conversation|"
    r"\d+ of \d+ (?:agreed )?minutes used|no need to mention it|"
    # and the clock the note gives, however reworded ("[Mentor on screen: 20 minutes left]")
    r"(?:\d+|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|fifty|sixty|a few) (?:agreed )?"
    r"(?:minutes?|hours?) (?:left|used|remaining|over)|(?:agreed )?time is (?:nearly )?up)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][)\]\"'”’])\s+")
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’)\]]*)(?=\s)")
MAX_NOTE_CHARS = 600  # a bracket held longer than this is text, not a note
NEAR_BUDGET = 0.6  # from this share of the budget on, text is released by whole sentences
MAX_SENTENCE_CHARS = 400  # text this long with no sentence end is not speech: it is shown as it is
CHARS_PER_TOKEN = 4.0
_BRACKETED = re.compile(r"[\[(][^\[\]()]{0,%d}[\])]" % MAX_NOTE_CHARS)


def _last_sentence_end(text: str) -> int | None:
    """Where the last complete sentence of ``text`` ends (its end counts as the end of a sentence)."""
    end = None
    for end_match in _SENTENCE_END.finditer(text + " "):
        end = end_match.end()
    return end


def last_full_sentence(text: str) -> str:
    """``text`` up to the end of its last complete sentence (all of it if it has none)."""
    end = _last_sentence_end(text)
    return text[:end].rstrip() if end is not None else text


def has_full_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text + " "))


def split_after_last_sentence(text: str) -> tuple[str, str]:
    """``text`` as what is complete (sentences, lines) and the sentence still in progress; text
    that runs past MAX_SENTENCE_CHARS with no end in sight is not speech, and is complete as it is."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)] + [m.end() for m in re.finditer(r"\n", text)]
    if not ends:
        return (text, "") if len(text) > MAX_SENTENCE_CHARS else ("", text)
    cut = max(ends)
    return text[:cut], text[cut:]


def is_note(text: str) -> bool:
    """Whether ``text`` (a bracketed span) is the app's note echoed back."""
    return bool(_NOTE_WORDS.search(text))


def speaks_of_note(sentence: str) -> bool:
    """Whether a sentence is the note in the model's own words ("It's just a clock note…"), or what
    is left of an echoed note after its bracket closed early ("…]; no need to mention it.]")."""
    if _NOTE_MARKERS.search(sentence):
        return True
    stray_close = "]" in sentence and "[" not in sentence[: sentence.index("]")]
    return (sentence.lstrip()[:1] in "[(" or stray_close) and is_note(sentence)


def strip_notes(text: str) -> str:
    """``text`` without any app note in it: bracketed notes, and sentences that speak of one ("It's
    just a clock note, I'm happy to say.") — what a model may say of the note in its own words."""
    # innermost brackets first; a bracket around a dropped note goes with it ("[first [Clock note…]]")
    dropped = "\x00"  # never in cleaned text

    def drop(m: re.Match[str]) -> str:
        return dropped if dropped in m.group(0) or is_note(m.group(0)) else m.group(0)

    before = None
    while before != text:
        before, text = text, _BRACKETED.sub(drop, text)
    if dropped in text:  # and the gap it leaves is one space
        text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text.replace(dropped, ""))
    if not _NOTE_WORDS.search(text):
        return text.strip()
    kept = []
    for line in text.split("\n"):
        kept.append(" ".join(p for p in _SENTENCES.split(line) if not speaks_of_note(p)))
    return re.sub(r"[ \t]{2,}", " ", "\n".join(kept)).strip()


class ReplyShaper:
    """Feed it the streamed text; it gives back what the persona says, as soon as it can."""

    def __init__(self, budget_tokens: int | None = None) -> None:
        self.budget_chars = budget_tokens * CHARS_PER_TOKEN if budget_tokens else None
        self.held = ""  # not shown yet: an open bracket and what follows it
        self.pending = ""  # near the budget: the sentence in progress
        self.sent = 0  # characters shown so far
        self.dropped_notes = 0
        self.cut = False
        self.near = False
        self.started = False  # anything but blanks shown yet (a reply does not start with the gap a note left)

    def _near_budget(self, text: str) -> bool:
        """From the moment the reply nears its budget on (it stays near: text is never reordered)."""
        if not self.near and self.budget_chars is not None:
            self.near = self.sent + len(self.pending) + len(text) >= NEAR_BUDGET * self.budget_chars
        return self.near

    def feed(self, text: str) -> str:
        self.held += text
        out = []
        while self.held:
            start = self.held.find("[")
            if start == -1:
                ready, self.held = self._release(self.held), ""
                out.append(ready)
                break
            if start:
                out.append(self._release(self.held[:start]))
                self.held = self.held[start:]
            end = self.held.find("]")
            if end == -1:
                if len(self.held) > MAX_NOTE_CHARS:  # never closed: ordinary text
                    out.append(self._release(self.held[:1]))
                    self.held = self.held[1:]
                    continue
                break  # wait for the bracket to close
            span, self.held = self.held[: end + 1], self.held[end + 1:]
            if is_note(span):
                self.dropped_notes += 1
            else:
                out.append(self._release(span))
        return self._count("".join(out))

    def _release(self, text: str) -> str:
        """``text`` to show now; near the budget, only up to its last sentence end (the rest waits)."""
        if not self._near_budget(text):
            return text
        pending = self.pending + text
        cut_at = _last_sentence_end(pending)
        if cut_at is None:
            if len(pending) > MAX_SENTENCE_CHARS:  # no sentence ends in sight: this is not speech, show it
                self.pending = ""
                return pending
            self.pending = pending
            return ""
        self.pending = pending[cut_at:]
        return pending[:cut_at]

    def _count(self, text: str) -> str:
        if not self.started:
            text = text.lstrip()
            self.started = bool(text)
        self.sent += len(text)
        return text

    def flush(self) -> str:
        """Everything held back, as it is (the reply broke off: what arrived is kept)."""
        rest, self.pending, self.held = self.pending + self.held, "", ""
        return self._count(rest)

    def finish(self, stopped_for_length: bool = False) -> str:
        """What is left at the end. A reply stopped for length drops its unfinished sentence (when a
        complete one was said before it)."""
        held = self.held
        if held.startswith("[") and is_note(held):
            # a note that never closed its bracket: drop its sentences, keep what the persona said after
            held = " ".join(p for p in _SENTENCES.split(held[1:]) if not is_note(p))
        rest = self.pending + held
        self.pending = self.held = ""
        if stopped_for_length and self.sent and not self.near:
            self.cut = True  # shown mid-sentence already: what is kept is cut where it is stored
            return self._count(rest)
        if stopped_for_length and rest.strip():
            if self.sent:
                self.cut = True
                return ""
            end = _last_sentence_end(rest)
            if end is not None:
                self.cut = True
                return self._count(rest[:end])
        return self._count(rest)
