"""The one exception type whose message is meant for the person using coffeechat."""

import re

from coffeechat.core.safe_text import clean

_LINE_BREAKS = re.compile(r"\s*\n\s*")


class CoffeechatError(Exception):
    """A problem the user can fix: the message says what, where and how.

    The CLI prints it as one line and exits with status 2; the TUI shows it as a notice. The message
    is cleaned (no escapes, no secrets, one line) however it was built.
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        # messages quote file names, server error bodies and model text: they pass the same guard
        message = _LINE_BREAKS.sub(" ", clean(message)).strip()
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
