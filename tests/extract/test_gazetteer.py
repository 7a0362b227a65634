"""Tests for the gazetteer data files and their loader."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from pactwatch.errors import ConfigError
from pactwatch.extract.gazetteer import DATA_FILES, Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


COUNTRIES = [
    ("India", "IND"),
    ("Indian", "IND"),
    ("Indians", "IND"),
    ("india's", "IND"),
    ("India’s", "IND"),
    ("Russian Federation", "RUS"),
    ("Russian", "RUS"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("British", "GBR"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("USA", "USA"),
    ("U.S.A.", "USA"),
    ("America", "USA"),
    ("American", "USA"),
    ("the United States", "USA"),
    ("United States of America", "USA"),
    ("PRC", "CHN"),
    ("People's Republic of China", "CHN"),
    ("Chinese", "CHN"),
    ("Republic of Korea", "KOR"),
    ("ROK", "KOR"),
    ("South Korea", "KOR"),
    ("DPRK", "PRK"),
    ("North Korea", "PRK"),
    ("North Korean", "PRK"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    ("Turkey", "TUR"),
    ("Turkish", "TUR"),
    ("Côte d'Ivoire", "CIV"),
    ("Cote d’Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Czechia", "CZE"),
    ("Czech Republic", "CZE"),
    ("Holland", "NLD"),
    ("the Netherlands", "NLD"),
    ("Dutch", "NLD"),
    ("Burma", "MMR"),
    ("Myanmar", "MMR"),
    ("Vatican", "VAT"),
    ("Holy See", "VAT"),
    ("Taiwan", "TWN"),
    ("Republic of the Philippines", "PHL"),
    ("Filipino", "PHL"),
    ("Philippine", "PHL"),
    ("Islamic Republic of Iran", "IRN"),
    ("Syrian Arab Republic", "SYR"),
    ("Kingdom of Saudi Arabia", "SAU"),
    ("Saudi", "SAU"),
    ("UAE", "ARE"),
    ("Emirates", "ARE"),
    ("Emirati", "ARE"),
    ("Viet Nam", "VNM"),
    ("Fijian", "FJI"),
    ("Polish", "POL"),
    ("Jordanian", "JOR"),
    ("Australian", "AUS"),
    ("German", "DEU"),
    ("French", "FRA"),
    ("Italian", "ITA"),
    ("Japanese", "JPN"),
    ("Jordan", "JOR"),
    ("Chad", "TCD"),
    ("Georgia", "GEO"),
    ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"),
    ("Papua New Guinea", "PNG"),
    ("Equatorial Guinea", "GNQ"),
    ("Niger", "NER"),
    ("Nigerien", "NER"),
    ("Nigeria", "NGA"),
    ("Nigerian", "NGA"),
    ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"),
    ("Dominican", "DOM"),
    ("Congo", "COD"),
    ("DRC", "COD"),
    ("Republic of the Congo", "COG"),
    ("Congo-Brazzaville", "COG"),
    ("Korean", "KOR"),
    ("Kosovo", "XKX"),
]


@pytest.mark.parametrize(("text", "code"), COUNTRIES, ids=[t for t, _ in COUNTRIES])
def test_country(gaz: Gazetteer, text: str, code: str) -> None:
    assert gaz.country(text) == code


NOT_COUNTRIES = [
    "May",
    "us",
    "turkey",
    "chad",
    "polish",
    "china",
    "jordan",
    "Washington",
    "Moscow",
    "NATO",
    "",
    "Pacific",
    "Indo",
]


@pytest.mark.parametrize("text", NOT_COUNTRIES, ids=[t or "empty" for t in NOT_COUNTRIES])
def test_not_country(gaz: Gazetteer, text: str) -> None:
    assert gaz.country(text) is None


COMPOUNDS = [
    ("India-Russia", ("IND", "RUS")),
    ("Indo-Russian", ("IND", "RUS")),
    ("Indo-Russia", ("IND", "RUS")),
    ("UK-US", ("GBR", "USA")),
    ("U.S.-Japan", ("USA", "JPN")),
    ("Japan-U.S.-Philippines", ("JPN", "USA", "PHL")),
    ("Sino-Indian", ("CHN", "IND")),
    ("Russian-Chinese", ("RUS", "CHN")),
    ("US-Fijian", ("USA", "FJI")),
    ("UK-EU", ("GBR", "EU")),
    ("EU-Japan", ("EU", "JPN")),
    ("Australia-India", ("AUS", "IND")),
    ("India–Russia", ("IND", "RUS")),
    ("Indo-Pak", ("IND", "PAK")),
    ("Franco-German", ("FRA", "DEU")),
    ("Anglo-French", ("GBR", "FRA")),
    ("Guinea-Bissau-Senegal", ("GNB", "SEN")),
    ("Guinea-Senegal", ("GIN", "SEN")),
    ("Papua New Guinea-Australia", ("PNG", "AUS")),
    ("Timor-Leste-Australia", ("TLS", "AUS")),
    ("Niger-Nigeria", ("NER", "NGA")),
    ("ASEAN-India", ("ASEAN", "IND")),
    ("India-Russia's", ("IND", "RUS")),
    ("Indo-Pacific", ()),
    ("us-china", ()),
    ("India-Smith", ()),
    ("India", ()),
    ("Guinea-Bissau", ()),
    ("Sino", ()),
    ("", ()),
]


@pytest.mark.parametrize(("text", "codes"), COMPOUNDS, ids=[t or "empty" for t, _ in COMPOUNDS])
def test_compound(gaz: Gazetteer, text: str, codes: tuple[str, ...]) -> None:
    assert gaz.compound(text) == codes


ORGS = [
    ("Gulf Cooperation Council", "GCC"),
    ("GCC", "GCC"),
    ("European Union", "EU"),
    ("European Commission", "EU"),
    ("NATO", "NATO"),
    ("Nato", "NATO"),
    ("G-20", "G20"),
    ("African Union", "AU"),
    ("UN Security Council", "UN"),
    ("World Bank", "World Bank"),
    ("OPEC+", "OPEC+"),
    ("Pacific Islands Forum", "PIF"),
    ("the Quad", "Quad"),
    ("Association of Southeast Asian Nations", "ASEAN"),
    ("WHO", "WHO"),
    ("who", None),
    ("quad", None),
]


@pytest.mark.parametrize(("text", "code"), ORGS, ids=[t for t, _ in ORGS])
def test_organisation(gaz: Gazetteer, text: str, code: str | None) -> None:
    assert gaz.organisation(text) == code


PARTIES = [("India", "IND"), ("EU", "EU"), ("Russian", "RUS"), ("BRICS", "BRICS"), ("Kremlin", None)]


@pytest.mark.parametrize(("text", "code"), PARTIES, ids=[t for t, _ in PARTIES])
def test_party(gaz: Gazetteer, text: str, code: str | None) -> None:
    assert gaz.party(text) == code


PLACES = [
    ("Delhi", "IND"),
    ("New Delhi", "IND"),
    ("Moscow", "RUS"),
    ("Beijing", "CHN"),
    ("Tokyo", "JPN"),
    ("Washington", "USA"),
    ("Washington, D.C.", "USA"),
    ("London", "GBR"),
    ("Paris", "FRA"),
    ("Canberra", "AUS"),
    ("Sydney", "AUS"),
    ("Manila", "PHL"),
    ("Riyadh", "SAU"),
    ("Amman", "JOR"),
    ("Brussels", "BEL"),
    ("Vladivostok", "RUS"),
    ("Mumbai", "IND"),
    ("Downing Street", "GBR"),
    ("Whitehall", "GBR"),
    ("the White House", "USA"),
    ("Pentagon", "USA"),
    ("Kremlin", "RUS"),
    ("Élysée", "FRA"),
    ("Elysee", "FRA"),
    ("Zhongnanhai", "CHN"),
    ("Malacañang", "PHL"),
    ("South Block", "IND"),
    ("Kantei", "JPN"),
    ("Blue House", "KOR"),
    ("Tripoli", "LBY"),
    ("Hyderabad House", "IND"),
    ("Suva", "FJI"),
]


@pytest.mark.parametrize(("text", "code"), PLACES, ids=[t for t, _ in PLACES])
def test_place_country(gaz: Gazetteer, text: str, code: str) -> None:
    assert gaz.place_country(text) == code
    assert gaz.is_place(text)


@pytest.mark.parametrize("text", ["India", "Prime Minister", "kremlin", "nice", ""], ids=str)
def test_not_place(gaz: Gazetteer, text: str) -> None:
    assert not gaz.is_place(text)


COMPANIES = [
    ("MBDA", ("MBDA", "GBR")),
    ("BAE Systems", ("BAE Systems", "GBR")),
    ("Rosoboronexport", ("Rosoboronexport", "RUS")),
    ("Rosoboronexport JSC", ("Rosoboronexport", "RUS")),
    ("HAL", ("Hindustan Aeronautics Limited", "IND")),
    ("Hindustan Aeronautics Ltd", ("Hindustan Aeronautics Limited", "IND")),
    ("BrahMos Aerospace Pvt Ltd", ("BrahMos Aerospace", "IND")),
    ("Larsen & Toubro", ("Larsen & Toubro", "IND")),
    ("Vnesheconombank", ("Vnesheconombank", "RUS")),
    ("Saudi Aramco", ("Saudi Aramco", "SAU")),
    ("Raytheon", ("RTX", "USA")),
    ("hal", None),
    ("reliance", None),
    ("Acme Widgets Ltd", None),
]


@pytest.mark.parametrize(("text", "expected"), COMPANIES, ids=[t for t, _ in COMPANIES])
def test_company(gaz: Gazetteer, text: str, expected: tuple[str, str | None] | None) -> None:
    assert gaz.company(text) == expected


ROLES = [
    ("Prime Minister", "Prime Minister"),
    ("prime minister", "Prime Minister"),
    ("PM", "Prime Minister"),
    ("Defence Minister", "Defence Minister"),
    ("Minister of Defence", "Defence Minister"),
    ("Minister for Defence", "Defence Minister"),
    ("Defense Minister", "Defense Minister"),
    ("Minister of Defense", "Defense Minister"),
    ("Secretary of Defense", "Secretary of Defense"),
    ("Defense Secretary", "Secretary of Defense"),
    ("Secretary of State for Defence", "Defence Minister"),
    ("Minister for Foreign Affairs", "Foreign Minister"),
    ("Foreign Affairs Minister", "Foreign Minister"),
    ("External Affairs Minister", "External Affairs Minister"),
    ("Foreign Secretary", "Foreign Secretary"),
    ("Indian Prime Minister", "Prime Minister"),
    ("India's Defence Minister", "Defence Minister"),
    ("former US Secretary of State", "Secretary of State"),
    ("Prime Minister of India", "Prime Minister"),
    ("Union Defence Minister", "Defence Minister"),
    ("Secretary General", "Secretary-General"),
    ("President of the European Commission", "President of the European Commission"),
    ("Chairman of the Joint Chiefs of Staff", "Chairman of the Joint Chiefs of Staff"),
    ("National Security Adviser", "National Security Adviser"),
    ("spokesman", "Spokesperson"),
    ("Crown Prince", "Crown Prince"),
    ("High Commissioner", "High Commissioner"),
    ("CEO", "Chief Executive Officer"),
    ("Chief Executive", "Chief Executive"),
    ("Vice President", "Vice President"),
    ("Deputy Prime Minister", "Deputy Prime Minister"),
    ("Mr", None),
    ("India", None),
    ("mayonnaise", None),
    ("pm", None),
]


@pytest.mark.parametrize(("text", "canonical"), ROLES, ids=[t for t, _ in ROLES])
def test_role(gaz: Gazetteer, text: str, canonical: str | None) -> None:
    assert gaz.role(text) == canonical


def test_role_family_groups_spellings(gaz: Gazetteer) -> None:
    infos = [gaz.role_info(t) for t in ("Defence Minister", "Defense Minister", "Secretary of Defense")]
    families = {info.family if info else None for info in infos}
    assert families == {"defence minister"}


HONORIFICS = [
    ("Mr", True),
    ("Mr.", True),
    ("Dr.", True),
    ("H.E.", True),
    ("Shri", True),
    ("Sheikh", True),
    ("Gen.", True),
    ("HE", True),
    ("he", False),
    ("Modi", False),
]


@pytest.mark.parametrize(("token", "expected"), HONORIFICS, ids=[t for t, _ in HONORIFICS])
def test_is_honorific(gaz: Gazetteer, token: str, expected: bool) -> None:
    assert gaz.is_honorific(token) is expected


SECTORS = [
    (["military-technical", "cooperation"], ("defence",)),
    (["military", "-", "technical", "cooperation"], ("defence",)),
    (["launch", "of", "a", "satellite"], ("space",)),
    (["ak-203", "assault", "rifles", "and", "trade"], ("defence", "trade")),
    (["culture", "and", "science", "and", "technology"], ("science and technology", "culture")),
    (["critical", "minerals"], ("critical minerals",)),
    (["a", "pleasant", "lunch"], ()),
]


@pytest.mark.parametrize(("words", "sectors"), SECTORS, ids=[" ".join(w) for w, _ in SECTORS])
def test_sectors_for(gaz: Gazetteer, words: list[str], sectors: tuple[str, ...]) -> None:
    assert gaz.sectors_for(words) == sectors


def test_every_iso_country_present(gaz: Gazetteer) -> None:
    iso = [c for c in gaz.country_names if c != "XKX"]
    assert len(iso) == 249
    assert all(len(c) == 3 and c.isupper() for c in gaz.country_names)


def test_term_properties(gaz: Gazetteer) -> None:
    assert gaz.country_terms["indian"] == "IND"
    assert gaz.country_terms["cote d'ivoire"] == "CIV"
    assert gaz.combining_prefixes["sino"] == "CHN"
    assert gaz.organisation_terms["gulf cooperation council"] == "GCC"
    assert gaz.role_terms["minister of defence"] == "Defence Minister"
    assert gaz.place_terms["kremlin"] == "RUS"
    assert "US" in gaz.case_sensitive_terms and "Chad" in gaz.case_sensitive_terms
    assert {"Jr", "III"} <= gaz.name_suffixes
    assert {"Ltd", "GmbH", "PJSC"} <= gaz.company_suffixes
    assert gaz.sector_names[0] == "defence"
    assert set(gaz.organisation_members["GCC"]) == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}


def test_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


def _copy_data(tmp_path: Path) -> Path:
    src = resources.files("pactwatch.extract").joinpath("data")
    for name in DATA_FILES:
        with resources.as_file(src.joinpath(f"{name}.json")) as path:
            shutil.copy(path, tmp_path / f"{name}.json")
    return tmp_path


def _edit(path: Path, change: Callable[[Any], object]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


BAD_DATA = [
    ("countries", lambda d: d["countries"][0].update(alpha3="in"), "alpha3"),
    ("countries", lambda d: d["countries"][1].update(alpha3=d["countries"][0]["alpha3"]), "duplicate"),
    ("countries", lambda d: d["countries"][0]["aliases"].append("France"), "maps to both"),
    ("countries", lambda d: d["ambiguous"]["Congo"].update(choose="XYZ"), "ambiguous"),
    ("countries", lambda d: d["case_sensitive"].append("Atlantis"), "case-sensitive"),
    ("organisations", lambda d: d["organisations"][0]["members"].append("ZZZ"), "unknown country code"),
    ("places", lambda d: d["places"].append({"name": "Atlantis", "country": "ATL"}), "unknown country code"),
    ("companies", lambda d: d["companies"][0].update(country="QQQ"), "unknown country code"),
    ("roles", lambda d: d["roles"][0].update(rank="high"), "rank"),
    ("sectors", lambda d: d["sectors"][0].update(triggers=[]), "trigger"),
]


@pytest.mark.parametrize(
    ("file", "change", "message"),
    BAD_DATA,
    ids=[
        "bad-alpha3",
        "dup-alpha3",
        "term-clash",
        "bad-ambiguous",
        "unknown-cased",
        "bad-member",
        "bad-place",
        "bad-company",
        "bad-rank",
        "no-triggers",
    ],
)
def test_bad_data_raises_config_error(
    tmp_path: Path, file: str, change: Callable[[Any], object], message: str
) -> None:
    directory = _copy_data(tmp_path)
    _edit(directory / f"{file}.json", change)
    with pytest.raises(ConfigError, match=message) as info:
        load_gazetteer.__wrapped__(directory)
    assert f"{file}.json" in str(info.value)


def test_unreadable_file_raises_config_error(tmp_path: Path) -> None:
    directory = _copy_data(tmp_path)
    (directory / "roles.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"roles\.json"):
        load_gazetteer.__wrapped__(directory)
