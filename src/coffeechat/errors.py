"""The one exception type whose message is meant for the person using coffeechat."""


class CoffeechatError(Exception):
    """A problem the user can fix: the message says what, where and how.

    The CLI prints it as one line and exits with status 2; the TUI shows it as a notice.
    """

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
