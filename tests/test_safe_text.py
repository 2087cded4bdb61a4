"""The one guard for text from outside: escapes, control characters, surrogates and secrets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coffeechat.core import safe_text
from coffeechat.core.safe_text import StreamCleaner, clean

ATTACKS = {
    "osc52 clipboard": "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "osc2 title": "\x1b]2;owned\x1b\\",
    "clear screen": "\x1b[2J\x1b[H",
    "c1 csi": "\x9b31m",
    "dcs": "\x1bPq#0;2;0;0;0\x1b\\",
    "bell and backspace": "\x07\x08\x08",
    "carriage return": "\r",
    "delete": "\x7f",
}


def test_every_escape_and_control_character_is_removed_and_the_words_stay():
    for name, attack in ATTACKS.items():
        assert clean(f"Hello {attack}there.\n\tNext") == "Hello there.\n\tNext", name


def test_an_escape_left_open_loses_its_introducer_and_shows_nothing_harmful():
    assert clean("before \x1b]52;c;never-ended") == "before 52;c;never-ended"


def test_split_surrogate_pairs_are_joined_and_lone_halves_replaced():
    assert clean("a\ud83d\ude00b") == "a😀b"
    assert clean("a\ud83db\ude00") == "a\ufffdb\ufffd"
    clean("x\udcff").encode("utf-8")  # always encodable


def test_registered_secrets_and_url_credentials_are_redacted_in_every_form():
    safe_text.register_secret("sk-live-abcdefghijklmnop")
    safe_text.register_url("http://alice:p%40ssword@127.0.0.1:8080/v1?api-key=QUERYSECRET123&x=1")
    text = ("key sk-live-abcdefghijklmnop, password p@ssword, encoded p%40ssword, "
            "header Authorization: Basic YWxpY2U6cEBzc3dvcmQ=, query QUERYSECRET123")
    cleaned = clean(text)
    for leaked in ("sk-live", "p@ssword", "p%40ssword", "YWxpY2U6cEBzc3dvcmQ", "alice", "QUERYSECRET123"):
        assert leaked not in cleaned
    assert cleaned.count("***") >= 4


def test_a_stream_never_releases_half_an_escape_a_surrogate_or_a_secret():
    safe_text.register_secret("sk-stream-0123456789")
    cleaner = StreamCleaner()
    pieces = ["Hi \x1b]5", "2;c;Zm9v\x07 key sk-str", "eam-0123", "456789 and ", "\ud83d", "\ude00 \x1b[", "2J done"]
    released = [cleaner.feed(p) for p in pieces] + [cleaner.finish()]
    assert "".join(released) == "Hi  key *** and 😀  done"
    for part in released:
        assert "\x1b" not in part and "sk-str" not in part and not any("\ud800" <= c <= "\udfff" for c in part)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(list("ab \n\t\x1b[]();P\\\x07\x9b\x9d\x9c\x90m2J") +
                                     ["\ud83d", "\ude00", "sk-prop-key-1234", "sk-prop"])).map("".join),
       cuts=st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_streaming_in_any_pieces_gives_the_same_safe_text_as_cleaning_the_whole(text, cuts):
    safe_text.forget_secrets()
    safe_text.register_secret("sk-prop-key-1234")
    points = sorted({min(c, len(text)) for c in cuts})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)])]
    cleaner = StreamCleaner()
    streamed = "".join(cleaner.feed(p) for p in pieces) + cleaner.finish()
    whole = clean(text)
    assert streamed == whole
    assert not any(c in whole for c in "\x1b\x07\x9b\x9d\x9c\x90") and "sk-prop-key-1234" not in whole
    whole.encode("utf-8")


def test_a_key_hidden_by_an_invisible_space_is_still_masked():
    from coffeechat.core import safe_text

    safe_text.register_secret("sk-attack-SECRET-123456")
    for hidden in ("sk-at\u200btack-SECRET-123456", "sk-attack-\u2060SECRET-123456", "\ufeffsk-attack-SECRET-123456"):
        assert "SECRET" not in safe_text.clean(f"your key is {hidden}")
    assert safe_text.clean("family 👨\u200d👩\u200d👧 here") == "family 👨\u200d👩\u200d👧 here"
