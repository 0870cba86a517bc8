"""Who is who: normalised URLs, e-mails and names, and a matcher that never guesses."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netaudit.identity import UNMATCHED, Identity, Matcher, name_key, url_key, url_keys


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
    assert name_key("Zoë\u00a0\tÅberg") == "zoe aberg"
    assert name_key("ŁUKASZ") == "łukasz"  # no decomposition: kept, lower-cased


@settings(max_examples=300, derandomize=True)
@given(st.text(max_size=30))
def test_url_keys_vectorised_equal_url_key(text: str) -> None:
    import pyarrow as pa

    raws = [
        text,
        f"https://www.linkedin.com/in/{text}",
        f"linkedin.com/in/{quote(text)}/",
        f"linkedin.com/in/{text}",
    ]
    raws.append(url_key(raws[1]))  # a key is its own key
    for raw in raws:
        assert url_keys(pa.array([raw])).to_pylist() == [url_key(raw)]
    mixed = [*raws, f"https://linkedin.com/in/{text.upper()}?x=1", "linkedin.com/in/ada-example"]
    assert url_keys(pa.array(mixed)).to_pylist() == [url_key(r) for r in mixed]  # keys and raw URLs together


def test_match_order_is_url_then_email_then_unambiguous_name() -> None:
    m = Matcher.build(
        [
            (0, "Ada Example", "linkedin.com/in/ada", "ada@example.org"),
            (1, "Bo Sample", "linkedin.com/in/bo", ""),
            (2, "Bo Sample", "linkedin.com/in/bo-2", ""),
        ]
    )
    assert m.match(Identity("Bo Sample", "https://www.linkedin.com/in/ada/", "")) == 0
    assert m.match(Identity("Someone Else", "", "ADA@example.org")) == 0
    assert m.match(Identity("ada example", "", "")) == 0
    assert m.match(Identity("Bo Sample", "", "")) == UNMATCHED
    assert m.is_ambiguous(Identity("bo sample"))
    assert m.match(Identity("Bo Sample", "linkedin.com/in/bo-2", "")) == 2


def test_did_you_mean_offers_a_close_name_only() -> None:
    m = Matcher.build([(0, "Ada Example", "", "")])
    assert m.suggest("Ada Exampel") == "Ada Example"
    assert m.suggest("Zed Nobody") is None
    assert m.suggest("https://www.linkedin.com/in/ada") is None
