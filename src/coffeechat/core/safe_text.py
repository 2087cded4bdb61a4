"""Text from outside, made safe to show, store and print.

Model and server text is data. It may carry terminal escapes (OSC 52 writes the clipboard, OSC 2
sets the window title, CSI 2J clears the screen), other control characters, lone UTF-16
surrogates (an emoji split across two streamed chunks) that no file or terminal can encode, and
secrets echoed back (the API key, the credentials in a base URL). ``clean`` is the one guard: it
removes escape sequences whole, every other C0/C1 control character but newline and tab, and the
bidirectional overrides (U+2028/U+2029 become newlines), joins
split surrogate pairs and replaces the rest, and redacts every registered secret. ``StreamCleaner``
applies the same guard to a stream of chunks, holding back only what the next chunk could complete
(an escape sequence, the first half of a surrogate pair, the start of a secret).

Secrets are registered once per process when the settings are read (``register_secret``); every
path that prints or writes text calls ``clean``.
"""

from __future__ import annotations

import base64
import re
import threading
from urllib.parse import unquote, urlsplit

REDACTED = "***"
MIN_SECRET = 4  # shorter values would redact ordinary words
MAX_PENDING = 4096  # an escape sequence left open longer than this is released as text

# Escape sequences, removed whole: CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC (ended by ST),
# two- and three-character escapes; and their one-byte C1 forms.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# What is left of an escape sequence at the end of a chunk, which the next chunk may complete.
_OPEN_SEQUENCE = re.compile(
    r"(?:\x1b(?:\[[0-?]*[ -/]*|[\]PX^_][^\x07\x1b\x9c]*|[ -/]*)?"
    r"|\x9b[0-?]*[ -/]*|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*)\Z"
)
# Every C0 and C1 control character except tab and newline, and DEL.
# Also the bidirectional overrides, embeddings and isolates, which make text read differently from
# what it says (a file name or a question shown backwards), and the invisible spaces (zero-width
# space, word joiner, byte-order mark) that could hide a secret in plain sight ("sk-at\u200btack…");
# the joiners that emoji and some scripts need (U+200C, U+200D) stay. The directional marks (LRM,
# RLM, ALM), the invisible operators (U+2061-2064) and the tag characters (U+E0000-E007F: invisible
# text, a way of hiding instructions to a model) go too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\u061c\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029\u200b\u200e\u200f\u061c\u2060-\u2064\ufeff\U000e0000-\U000e007f]")
_LINE_SEPARATOR = re.compile(r"[\u2028\u2029]")  # kept as what they mean: a new line

SECRET_PARAM = re.compile(r"(?i)(key|token|secret|password|passwd|auth|signature|sig|credential)")
_secrets: tuple[str, ...] = ()
_lock = threading.Lock()


# -- secrets ---------------------------------------------------------------------------------------


def secret_forms(value: str) -> set[str]:
    """The forms in which a secret may be echoed: as given, percent-decoded."""
    forms = {value, unquote(value)}
    return {f for f in forms if len(f) >= MIN_SECRET}


def url_secrets(url: str | None) -> set[str]:
    """The credentials in a base URL: user, password, ``user:password`` and its Basic-auth form."""
    if not url:
        return set()
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return set()
    user, password = parts.username, parts.password
    found: set[str] = set()
    for pair in parts.query.split("&"):  # api-key=…, token=…: the values redact_url hides
        name, eq, value = pair.partition("=")
        if eq and value and SECRET_PARAM.search(name):
            found |= secret_forms(value)
    for raw in (user, password):
        if raw:
            found |= secret_forms(raw)
    if user is not None or password is not None:
        for u, p in {(user or "", password or ""), (unquote(user or ""), unquote(password or ""))}:
            pair = f"{u}:{p}"
            found |= secret_forms(pair)
            encoded = base64.b64encode(pair.encode("utf-8", "surrogatepass")).decode("ascii")
            found.add(encoded)
            found.add(encoded.rstrip("="))
    return {f for f in found if len(f) >= MIN_SECRET}


def register_secret(*values: str | None) -> None:
    """Remember values that must never be printed or written (an API key, URL credentials)."""
    global _secrets
    new = set()
    for value in values:
        if value:
            new |= secret_forms(value)
    if not new:
        return
    with _lock:
        # longest first, so a secret that contains another is redacted whole
        _secrets = tuple(sorted(set(_secrets) | new, key=lambda s: (-len(s), s)))


def register_url(url: str | None) -> None:
    register_secret(*url_secrets(url))


def forget_secrets() -> None:
    """For tests: start again with no registered secrets."""
    global _secrets
    with _lock:
        _secrets = ()


def redact(text: str) -> str:
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


# -- cleaning --------------------------------------------------------------------------------------


def _fix_surrogates(text: str) -> str:
    """Join surrogate pairs into the character they encode; replace lone halves with U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def strip_controls(text: str) -> str:
    """``clean`` without redaction: for the app's own data, where a short secret could collide with a
    field name or a fixed value ("user", "complete"); redaction happens on the way in from a server
    and on every way out."""
    if not _SUSPECT.search(text):
        return text
    text = _fix_surrogates(text)
    text = _SEQUENCE.sub("", text)
    return _LINE_SEPARATOR.sub("\n", _CONTROL.sub("", text))


def needs_cleaning(text: str) -> bool:
    """Whether ``strip_controls`` would change ``text`` (one quick scan)."""
    return bool(_SUSPECT.search(text))


def clean(text: str) -> str:
    """``text`` fit to show, store and print: no escapes or control characters but newline and tab,
    no lone surrogates, no registered secret."""
    return redact(strip_controls(text))


class StreamCleaner:
    """``clean`` for text that arrives in chunks: what ``feed`` returns is safe at once, and the
    concatenation of everything returned equals ``clean`` of the whole text."""

    def __init__(self) -> None:
        self._raw = ""  # an escape sequence or surrogate pair the next chunk may complete
        self._held = ""  # cleaned text that may be the start of a secret

    def feed(self, chunk: str) -> str:
        raw = self._raw + chunk
        cut = len(raw)
        if raw and "\ud800" <= raw[-1] <= "\udbff":
            cut -= 1
        tail = _OPEN_SEQUENCE.search(raw, 0, cut)
        if tail is not None and cut - tail.start() <= MAX_PENDING:
            cut = tail.start()
        self._raw = raw[cut:]
        return self._release(strip_controls(raw[:cut]))

    def finish(self) -> str:
        """Everything still held, cleaned (an escape sequence never closed loses its introducer)."""
        text = self._held + strip_controls(self._raw)
        self._raw = self._held = ""
        return redact(text)

    def _release(self, cleaned: str) -> str:
        text = redact(self._held + cleaned)
        keep = _secret_prefix_length(text)
        self._held = text[len(text) - keep:] if keep else ""
        return text[: len(text) - keep] if keep else text


def _secret_prefix_length(text: str) -> int:
    """Length of the longest end of ``text`` that is the start of a registered secret."""
    best = 0
    for secret in _secrets:
        for n in range(min(len(secret) - 1, len(text)), best, -1):
            if secret.startswith(text[-n:]):
                best = n
                break
    return best
