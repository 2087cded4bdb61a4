"""Numbers and lengths of time as people say them: "twenty-five minutes", "half an hour"."""

from __future__ import annotations

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
         " seventeen eighteen nineteen").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def number(n: int) -> str:
    """0–999 in words ("twenty-five"); larger numbers in digits."""
    if n < 0 or n >= 1000:
        return str(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(n, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number(rest)}" if rest else "")


def minutes(n: float, idioms: bool = True) -> str:
    """A length of time the way someone says it in a meeting: "twenty minutes", "half an hour",
    "an hour and a half", "one minute". Without ``idioms`` always in minutes ("thirty minutes"),
    which fits any sentence a persona's line puts it in ("That's our thirty minutes")."""
    whole = max(0, round(n))
    special = {30: "half an hour", 60: "an hour", 90: "an hour and a half", 120: "two hours"}
    if idioms and whole in special:
        return special[whole]
    return f"{number(whole)} minute{'s' if whole != 1 else ''}"
