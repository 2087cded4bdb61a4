"""No contact detail from a profile, or from what a model wrote from one, reaches a persona file."""

from __future__ import annotations

import pytest
from coffeechat.core.contacts import line_without_contacts, without_contacts
from coffeechat.core.profile_facts import clean_text


@pytest.mark.parametrize("contact", [
    "maya.chen@riverbend.example.com", "maya.chen (at) riverbend (dot) com", "maya [at] riverbend [dot] org",
    "maya dot chen at gmail dot com",
    "maya at riverbend dot com", "+1 (312) 555-0187", "312.555.0187", "3125550187", "+44 20 7946 0958",
    "https://www.linkedin.com/in/maya-chen", "linkedin.com/in/maya-chen", "www.mayachen.dev",
])
def test_a_contact_detail_in_a_sentence_is_taken_out_and_the_sentence_kept(contact):
    line = f"I mentor new analysts; reach me at {contact} any time."
    for cleaned in (without_contacts(line), line_without_contacts(line)):
        assert contact not in cleaned
        assert cleaned.startswith("I mentor new analysts; reach me at") and cleaned.rstrip().endswith("any time.")


@pytest.mark.parametrize("kept", [
    "Data Scientist, 2015-2019", "BS 2016, MS 2018", "03/2019 - 05/2021", "2019-03-15", "2012 2016 2020",
    "she looked at the dot com boom", "Maya at Riverbend Health", "we serve 1.200.000 patients", "a team of 12",
])
def test_years_dates_counts_and_plain_words_are_not_mistaken_for_contacts(kept):
    assert without_contacts(kept) == kept
    assert " ".join(line_without_contacts(kept).split()) == kept


def test_a_pasted_profile_keeps_no_contact_detail_written_in_words_or_without_separators():
    text = clean_text("Maya Chen\nData Scientist at Riverbend Health\n"
                      "I speak about pricing models. Write to maya (at) riverbend (dot) com or call 3125550187.\n"
                      "Phone: 312 555 0187 (mobile)\nData Scientist, Riverbend Health, 2019-2024")
    assert "riverbend (dot)" not in text and "3125550187" not in text and "0187" not in text
    assert "I speak about pricing models. Write to or call ." in text
    assert text.splitlines()[-1] == "Data Scientist, Riverbend Health, 2019-2024"


@pytest.mark.parametrize("hostile", ["a dot " * 5000, "maya dot " * 3000 + "at gmail", "1-" * 20000, "x" * 60000,
                                     "a.b" * 20000, "(1) " * 10000])
def test_no_text_makes_the_filter_backtrack_without_end(hostile):
    """A bound against patterns that go quadratic (seconds become minutes); speed is in the benchmarks."""
    import time

    started = time.perf_counter()
    without_contacts(hostile)
    line_without_contacts(hostile)
    assert time.perf_counter() - started < 20
