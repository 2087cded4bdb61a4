"""Contact details taken out of text that goes into a persona file — e-mail addresses (also written
"name (at) example (dot) com"), links, handles and phone numbers: a persona file is shared and
shown, and nothing in it should reach the person. One filter for a pasted profile and for what a
model wrote from it."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,64}(?:\.[\w-]{1,64}){1,4}")  # bounded: linear on any text
_TLD = r"(?:com|org|net|io|co|edu|gov|me|dev|ai|app|info|biz|us|uk|ca|de|fr|jp|ru|xyz)"
_AT = r"\s*(?:[\[({<]\s*at\s*[\])}>]|\bat\b)\s*"
_DOT = r"\s*(?:[\[({<]\s*dot\s*[\])}>]|\bdot\b)\s*"
# "maya.chen (at) riverbend (dot) com", "maya at riverbend dot com" — not "she looked at the dot com boom"
# the repeats are bounded, so a text of "a dot a dot …" is read in linear time, not quadratic
SPELLED_EMAIL = re.compile(rf"\b[\w.+-]{{1,64}}(?:{_DOT}[\w+-]{{1,64}}){{0,4}}{_AT}(?!(?:the|a|an)\b)[\w-]{{1,64}}"
                           rf"(?:{_DOT}[\w-]{{1,64}}){{0,3}}{_DOT}{_TLD}\b", re.I)
LINK = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:linkedin|twitter|x|github|calendly)\.com/\S*", re.I)
# with or without separators: "+1 (312) 555-0187", "312.555.0187", "3125550187"
PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\/-]{5,24}\d(?![\w-])")  # a number is short: linear on any text
_YEARS = re.compile(r"(?:(?:19|20)\d\d)(?:\s*[-–/, ]\s*(?:19|20)\d\d)*")  # "2015-2019", "2012 2016"
_THOUSANDS = re.compile(r"\d{1,3}(?:[.]\d{3})+")  # "1.200.000"
_DATE = r"(?:\d{1,2}[/.]\d{4}|(?:19|20)\d\d[/.-]\d{1,2}(?:[/.-]\d{1,2})?|\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d)"
_DATES = re.compile(rf"{_DATE}(?:\s*[-/]\s*{_DATE})?")  # "03/2019 - 05/2021", "2019-03-15"

LABEL = re.compile(
    r"\b(?:e-?mail|phone|tel|telephone|mobile|cell|fax|whatsapp|telegram|signal|skype|contact(?: info)?|"
    r"website|web|linkedin|twitter|github|instagram|facebook|x\.com|calendly|portfolio)\b\s*[:：]", re.I)
DOMAIN = re.compile(r"^[\w.-]{1,80}\.(?:com|org|net|io|co|edu|gov|me|dev|ai|app|info|biz|us|uk|ca|de|fr|jp|ru|xyz|page|"
                    r"site|link|ly|gl|tv|so|to|sh)(?:[/?#:]\S*)?$", re.I)


def _phone(m: re.Match[str]) -> str:
    number = m.group(0)
    bare = number.strip("() ")
    if sum(ch.isdigit() for ch in number) < 7 or any(p.fullmatch(bare) for p in (_YEARS, _THOUSANDS, _DATES)):
        return number
    return " "


def without_contacts(text: str) -> str:
    """``text`` without e-mail addresses, links or phone numbers; the rest as it was."""
    out = PHONE.sub(_phone, LINK.sub(" ", SPELLED_EMAIL.sub(" ", EMAIL.sub(" ", text))))
    return out if out == text else " ".join(out.split())


def line_without_contacts(line: str) -> str:
    """A line of a pasted profile without its contact details: also what follows a label
    ("Phone: …", "Calendly: …"), bare domains, handles and hashtags."""
    labelled = LABEL.search(line)
    if labelled:
        line = line[: labelled.start()]
    kept = []
    for token in SPELLED_EMAIL.sub(" ", line).split(" "):
        if token == "@":
            kept.append("at")  # "Head of Engineering @ Brightside"
            continue
        bare = token.strip("()[]<>.,;:!?\"'“”‘’")
        if ("@" in token or "://" in token or bare.lower().startswith("www.") or DOMAIN.match(bare)
                or (bare.startswith("#") and len(bare) > 1)):
            continue
        kept.append(token)
    return PHONE.sub(_phone, " ".join(kept))
