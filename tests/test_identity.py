"""Who is who: normalised URLs, e-mails and names, and a matcher that never guesses."""

from __future__ import annotations

import pytest

from netaudit.identity import UNMATCHED, Identity, Matcher, name_key, url_key


@pytest.mark.parametrize(
    "raw",
    [
        "https://www.linkedin.com/in/ada-example",
        "http://linkedin.com/in/Ada-Example/",
        "www.linkedin.com/in/ada-example",
        "linkedin.com/in/ada-example?trk=public_profile",
        "HTTPS://WWW.LINKEDIN.COM/IN/ADA-EXAMPLE#about",
        "https://www.linkedin.com/in/ada%2Dexample",
        "https://uk.linkedin.com/in/ada-example/details/skills",
    ],
)
def test_url_forms_of_one_profile_have_one_key(raw: str) -> None:
    assert url_key(raw) == "linkedin.com/in/ada-example"


@pytest.mark.parametrize("raw", ["", "   ", "https://www.linkedin.com/in", "https://www.linkedin.com/in/"])
def test_urls_without_a_slug_are_no_url(raw: str) -> None:
    assert url_key(raw) == ""


def test_name_key_ignores_case_accents_and_spacing() -> None:
    assert name_key("  José   MÜLLER ") == name_key("jose muller") == "jose muller"


def test_match_order_is_url_then_email_then_unambiguous_name() -> None:
    m = Matcher()
    m.add(0, "Ada Example", "linkedin.com/in/ada", "ada@example.org")
    m.add(1, "Bo Sample", "linkedin.com/in/bo", "")
    m.add(2, "Bo Sample", "linkedin.com/in/bo-2", "")
    assert m.match(Identity("Bo Sample", "https://www.linkedin.com/in/ada/", "")) == 0
    assert m.match(Identity("Someone Else", "", "ADA@example.org")) == 0
    assert m.match(Identity("ada example", "", "")) == 0
    assert m.match(Identity("Bo Sample", "", "")) == UNMATCHED
    assert m.is_ambiguous(Identity("bo sample"))
    assert m.match(Identity("Bo Sample", "linkedin.com/in/bo-2", "")) == 2


def test_did_you_mean_offers_a_close_name_only() -> None:
    m = Matcher()
    m.add(0, "Ada Example", "", "")
    assert m.suggest("Ada Exampel") == "Ada Example"
    assert m.suggest("Zed Nobody") is None
    assert m.suggest("https://www.linkedin.com/in/ada") is None
