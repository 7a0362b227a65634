"""Entity names: countries by ISO code, people and organisations across spellings."""

from __future__ import annotations

import pytest

from pactwatch.resolve import names
from pactwatch.resolve.names import Candidate

SHOIGU = Candidate("person:1", "Sergei Shoigu", ("Sergei Shoigu",), "RUS")
IRR = Candidate("org:1", "Indo-Russia Rifles Pvt Ltd")


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Sergey Shoigu", "person:1"),
        ("Shoigu", "person:1"),
        ("Sergei Shoigu", "person:1"),
        ("Gen. Sergei Shoigu", "person:1"),
        ("Sergei Lavrov", None),
        ("Andrei Shoigu", None),
    ],
    ids=["transliteration", "surname-only", "exact", "honorific", "other-surname", "other-first-name"],
)
def test_people(name: str, expected: str | None) -> None:
    assert names.match("person", name, [SHOIGU]) == expected


@pytest.mark.parametrize(
    "name,expected",
    [
        ("Indo-Russia Rifles Private Limited", "org:1"),
        ("Indo Russia Rifles Pvt. Ltd.", "org:1"),
        ("Indo-Russia Rifles", "org:1"),
        ("Bharat Dynamics Limited", None),
    ],
    ids=["spelled-out", "punctuation", "no-legal-form", "other-company"],
)
def test_organisations(name: str, expected: str | None) -> None:
    assert names.match("organization", name, [IRR]) == expected


@pytest.mark.parametrize(
    "code,name", [("IND", "India"), ("RUS", "Russia"), ("GBR", "United Kingdom")], ids=["IND", "RUS", "GBR"]
)
def test_countries_by_iso_code(code: str, name: str) -> None:
    assert names.entity_id("country", code) == f"country:{code}"
    assert names.country_name(code) == name
    assert names.match("country", code, []) == f"country:{code}"


def test_blocking_keys_group_spellings() -> None:
    assert names.entity_key("person", "Sergey Shoigu") == names.entity_key("person", "Shoigu") == "shoigu"
    assert names.entity_key("organization", "Indo-Russia Rifles Pvt Ltd") == "indo"


def test_fuller_name_wins() -> None:
    assert names.better_name("person", "Shoigu", "Sergei Shoigu") == "Sergei Shoigu"
    assert names.better_name("person", "Sergei Shoigu", "Shoigu") == "Sergei Shoigu"
