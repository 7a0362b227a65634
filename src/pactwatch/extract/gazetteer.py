"""Domain knowledge (countries, organisations, roles, companies, places, sectors) loaded from data files.

The data lives in ``extract/data/*.json``; :func:`load_gazetteer` reads and validates it once and
returns a frozen :class:`Gazetteer`.  Lookups are case-insensitive and accent-insensitive, ignore a
leading "the", a trailing possessive ("India's") and full stops ("U.S." = "US"), except for terms
that are *case-sensitive*: acronyms of up to five capitals ("US", "WHO") and the words a data file
lists because their lowercase form is an ordinary word ("Chad", "Turkey", "Polish").  Those match
only as written or in capitals.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pactwatch.errors import ConfigError

__all__ = ["Gazetteer", "Role", "load_gazetteer"]

DATA_FILES = ("countries", "organisations", "roles", "companies", "places", "sectors")
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,4}$")
_COMPOUND_SPLIT = re.compile(r"\s*[-‐‑–—/]\s*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʻ": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})


def _fold(text: str) -> str:
    """Accent-fold, unify quotes and dashes, drop full stops and commas, collapse spaces (case kept)."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace(".", " ").replace(",", " ")
    return " ".join(text.split())


def _surface(text: str) -> str:
    """The case-kept lookup form: folded, without a leading "the" or a trailing possessive."""
    text = _fold(text)
    if text[:4].lower() == "the ":
        text = text[4:]
    if text.endswith(("'s", "'S")):
        text = text[:-2]
    elif text.endswith("'"):
        text = text[:-1]
    return text.strip()


def _key(text: str) -> str:
    return _surface(text).casefold()


def _is_acronym(term: str) -> bool:
    return bool(_ACRONYM.match(_fold(term).replace(" ", "")))


@dataclass(frozen=True)
class Role:
    """A canonical role with its family (spelling/national variants grouped) and rank (1 = most senior)."""

    canonical: str
    family: str
    rank: int


@dataclass(frozen=True)
class _Index:
    """A term index: lookup key -> value, with the surface forms that case-sensitive keys accept."""

    values: Mapping[str, str]
    cased: Mapping[str, frozenset[str]]

    def get(self, text: str) -> str | None:
        surface = _surface(text)
        key = surface.casefold()
        value = self.values.get(key)
        if value is None:
            return None
        allowed = self.cased.get(key)
        if allowed is not None and surface not in allowed:
            return None
        return value


class _Builder:
    """Collects terms for one index, refusing a term that points at two values."""

    def __init__(self, file: str, ambiguous: Mapping[str, str] | None = None) -> None:
        self.file = file
        self.ambiguous = ambiguous or {}
        self.values: dict[str, str] = {}
        self.cased: dict[str, set[str]] = {}
        self.terms: dict[str, str] = {}
        self.surfaces: dict[str, set[str]] = {}

    def add(self, term: str, value: str, *, where: str, case_sensitive: bool = False) -> None:
        if not isinstance(term, str) or not term.strip():
            raise ConfigError(f"{self.file}: {where}: empty or non-string term {term!r}")
        key = _key(term)
        if key in self.ambiguous:
            value = self.ambiguous[key]
        old = self.values.get(key)
        if old is not None and old != value:
            raise ConfigError(
                f"{self.file}: {where}: term {term!r} maps to both {old} and {value}; "
                "list it under 'ambiguous' with a choice"
            )
        self.values[key] = value
        self.surfaces.setdefault(key, set()).add(_surface(term))
        for surface in (term.strip(), _fold(term.strip())):
            self.terms.setdefault(surface.lower(), value)
        if case_sensitive or _is_acronym(term):
            surface = _surface(term)
            self.cased.setdefault(key, set()).update({surface, surface.upper()})

    def mark_cased(self, term: str, *, where: str) -> None:
        key = _key(term)
        if key not in self.values:
            raise ConfigError(f"{self.file}: {where}: case-sensitive term {term!r} is not a known term")
        surface = _surface(term)
        self.cased.setdefault(key, set()).update({surface, surface.upper()})

    def index(self) -> _Index:
        cased = {k: frozenset(v | self.surfaces.get(k, set())) for k, v in self.cased.items()}
        return _Index(MappingProxyType(dict(self.values)), MappingProxyType(cased))


@dataclass(frozen=True)
class Gazetteer:
    """Validated domain knowledge with typed lookups; build it with :func:`load_gazetteer`."""

    _countries: _Index
    _places: _Index
    _prefixes: _Index
    _orgs: _Index
    _companies: _Index
    _company_country: Mapping[str, str | None]
    _roles: _Index
    _role_info: Mapping[str, Role]
    _modifiers: frozenset[str]
    _sectors: tuple[tuple[str, tuple[str, ...]], ...]
    country_names: Mapping[str, str]
    organisation_names: Mapping[str, str]
    organisation_members: Mapping[str, tuple[str, ...]]
    country_terms: Mapping[str, str]
    organisation_terms: Mapping[str, str]
    place_terms: Mapping[str, str]
    combining_prefixes: Mapping[str, str]
    company_terms: Mapping[str, str]
    role_terms: Mapping[str, str]
    case_sensitive_terms: frozenset[str]
    honorifics: frozenset[str]
    name_suffixes: frozenset[str]
    company_suffixes: frozenset[str]
    sector_names: tuple[str, ...] = field(default=())

    # -- states and organisations -------------------------------------------------------------
    def country(self, text: str) -> str | None:
        """A country's name, alias, demonym or adjective -> ISO alpha-3 ("Indian" -> "IND")."""
        return self._countries.get(text)

    def organisation(self, text: str) -> str | None:
        """An organisation's name or alias -> its code ("Gulf Cooperation Council" -> "GCC")."""
        return self._orgs.get(text)

    def party(self, text: str) -> str | None:
        """A country's alpha-3, else an organisation's code, else None."""
        return self.country(text) or self.organisation(text)

    def compound(self, text: str) -> tuple[str, ...]:
        """Parties of a hyphenated compound ("Indo-Russian" -> IND, RUS); () unless every part resolves."""
        surface = _surface(text)
        parts = [p for p in _COMPOUND_SPLIT.split(surface) if p]
        if len(parts) < 2:
            return ()
        parsed = self._parse_parts(tuple(parts))
        if parsed is None:
            return ()
        unique = tuple(dict.fromkeys(parsed))
        return unique if len(unique) >= 2 else ()

    def _parse_parts(self, parts: tuple[str, ...]) -> tuple[str, ...] | None:
        """Fewest-pieces parse of hyphen-split parts, joining neighbours for names like "Guinea-Bissau"."""
        best: dict[int, tuple[str, ...] | None] = {len(parts): ()}
        for i in range(len(parts) - 1, -1, -1):
            options: list[tuple[str, ...]] = []
            for j in range(len(parts), i, -1):
                rest = best[j]
                if rest is None:
                    continue
                piece = "-".join(parts[i:j])
                code = self.party(piece) or self._prefixes.get(piece)
                if code is not None:
                    options.append((code, *rest))
            best[i] = min(options, key=len) if options else None
        return best[0]

    # -- places ---------------------------------------------------------------------------------
    def place_country(self, text: str) -> str | None:
        """A city, capital, seat of government or venue -> alpha-3 ("Kremlin" -> "RUS")."""
        return self._places.get(text)

    def is_place(self, text: str) -> bool:
        return self.place_country(text) is not None

    # -- companies ------------------------------------------------------------------------------
    def company(self, text: str) -> tuple[str, str | None] | None:
        """A known company, agency or bank -> (canonical name, country); legal suffixes are ignored."""
        words = _surface(text).split()
        suffixes = {_key(s) for s in self.company_suffixes}
        while words:
            name = self._companies.get(" ".join(words))
            if name is not None:
                return name, self._company_country[name]
            if len(words) > 1 and words[-1].casefold() in suffixes:
                words = words[:-1]
            elif len(words) > 2 and " ".join(words[-2:]).casefold() in suffixes:
                words = words[:-2]
            else:
                return None
        return None

    # -- roles ----------------------------------------------------------------------------------
    def role_info(self, text: str) -> Role | None:
        """Like :meth:`role`, with family and rank."""
        words = _surface(text).split()
        while words:
            canonical = self._roles.get(" ".join(words))
            if canonical is not None:
                return self._role_info[canonical]
            tail = " ".join(words).casefold().rsplit(" of ", 1)
            if len(tail) == 2 and self.party(tail[1]):
                words = words[: len(words) - len(tail[1].split()) - 1]
                continue
            dropped = self._leading_qualifier(words)
            if not dropped:
                return None
            words = words[dropped:]
        return None

    def role(self, text: str) -> str | None:
        """A role phrase -> canonical role ("Minister of Defence" -> "Defence Minister"); None if not a role.

        Leading modifiers ("former", "Union") and country words ("Indian", "India's") are ignored.
        """
        info = self.role_info(text)
        return info.canonical if info else None

    def _leading_qualifier(self, words: list[str]) -> int:
        if words[0].casefold() in self._modifiers:
            return 1
        for n in (3, 2, 1):
            if len(words) > n and self.party(" ".join(words[:n])):
                return n
        return 0

    def is_honorific(self, token: str) -> bool:
        """True for a title before a name ("Mr", "Dr.", "Shri"); "HE" counts only in capitals."""
        token = token.strip()
        return token in self.honorifics or (
            token.casefold() in self._honorifics_folded and not _is_acronym(token.rstrip("."))
        )

    @property
    def _honorifics_folded(self) -> frozenset[str]:
        return frozenset(h.casefold() for h in self.honorifics if not _is_acronym(h.rstrip(".")))

    # -- sectors --------------------------------------------------------------------------------
    def sectors_for(self, words: Iterable[str]) -> tuple[str, ...]:
        """Sectors whose trigger words or phrases occur in `words` (lowercased tokens or lemmas)."""
        text = " " + " ".join(w.casefold() for w in words if w and not w.isspace()) + " "
        text = re.sub(r" ?- ?", "-", text)
        return tuple(name for name, triggers in self._sectors if any(f" {t} " in text for t in triggers))


# ---------------------------------------------------------------------------------------------------
def _read(directory: Path | None, name: str) -> dict[str, Any]:
    file = f"{name}.json"
    try:
        if directory is None:
            text = resources.files("pactwatch.extract").joinpath("data", file).read_text(encoding="utf-8")
        else:
            text = (directory / file).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as e:
        raise ConfigError(f"{file}: cannot read gazetteer data: {e}") from e
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: top level must be an object")
    return data


def _list(data: Mapping[str, Any], key: str, file: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{file}: {key}: must be a list")
    return value


def _countries(data: dict[str, Any]) -> tuple[_Builder, _Builder, _Builder, dict[str, str]]:
    file = "countries.json"
    names: dict[str, str] = {}
    rows = _list(data, "countries", file)
    for i, row in enumerate(rows):
        code = row.get("alpha3") if isinstance(row, dict) else None
        if not isinstance(code, str) or not _ALPHA3.match(code):
            raise ConfigError(f"{file}: countries[{i}].alpha3: {code!r} is not three capital letters")
        if code in names:
            raise ConfigError(f"{file}: countries[{i}].alpha3: duplicate {code}")
        names[code] = row.get("name") or code
    ambiguous: dict[str, str] = {}
    for term, entry in (data.get("ambiguous") or {}).items():
        choice, candidates = entry.get("choose"), entry.get("candidates", [])
        if choice not in names or choice not in candidates or any(c not in names for c in candidates):
            raise ConfigError(f"{file}: ambiguous.{term}: bad choice {choice!r} or candidates {candidates!r}")
        ambiguous[_key(term)] = choice
    terms, places, prefixes = _Builder(file, ambiguous), _Builder(file, ambiguous), _Builder(file)
    for row in rows:
        code = row["alpha3"]
        for fld in ("name", "official_names", "aliases", "adjectives", "demonyms"):
            values = row.get(fld) or []
            for term in [values] if isinstance(values, str) else values:
                terms.add(term, code, where=f"{code}.{fld}")
        for fld in ("capitals", "cities"):
            for term in row.get(fld) or []:
                places.add(term, code, where=f"{code}.{fld}")
        for term in row.get("prefixes") or []:
            prefixes.add(term, code, where=f"{code}.prefixes")
    for term in _list(data, "case_sensitive", file):
        known = [b for b in (terms, places, prefixes) if _key(term) in b.values] or [terms]
        for builder in known:
            builder.mark_cased(term, where="case_sensitive")
    return terms, places, prefixes, names


def _check_code(code: Any, names: Mapping[str, str], file: str, where: str, extra: Iterable[str] = ()) -> str:
    if not isinstance(code, str) or (code not in names and code not in set(extra)):
        raise ConfigError(f"{file}: {where}: unknown country code {code!r}")
    return code


def _build(directory: Path | None) -> Gazetteer:
    data = {name: _read(directory, name) for name in DATA_FILES}
    terms, places, prefixes, names = _countries(data["countries"])

    file = "organisations.json"
    orgs = _Builder(file)
    org_names: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    for i, row in enumerate(_list(data["organisations"], "organisations", file)):
        code = row.get("code")
        if not isinstance(code, str) or not code or code in org_names:
            raise ConfigError(f"{file}: organisations[{i}].code: missing or duplicate {code!r}")
        org_names[code] = (row.get("names") or [code])[0]
        for term in [code, *row.get("names", []), *row.get("aliases", [])]:
            orgs.add(term, code, where=f"{code}")
        for term in row.get("case_sensitive", []):
            orgs.mark_cased(term, where=f"{code}.case_sensitive")
        members[code] = tuple(_check_code(m, names, file, f"{code}.members") for m in row.get("members", []))

    file = "places.json"
    for i, row in enumerate(_list(data["places"], "places", file)):
        code = _check_code(row.get("country"), names, file, f"places[{i}] {row.get('name')!r}")
        places.add(row.get("name"), code, where=f"places[{i}]", case_sensitive=True)

    file = "companies.json"
    companies = _Builder(file)
    company_country: dict[str, str | None] = {}
    for i, row in enumerate(_list(data["companies"], "companies", file)):
        name = row.get("name")
        if not isinstance(name, str) or not name or name in company_country:
            raise ConfigError(f"{file}: companies[{i}].name: missing or duplicate {name!r}")
        country = row.get("country")
        if country is not None:
            _check_code(country, names, file, f"{name}.country", extra=org_names)
        company_country[name] = country
        for term in [name, *row.get("aliases", [])]:
            companies.add(term, name, where=name, case_sensitive=" " not in term.strip())
    company_suffixes = frozenset(_list(data["companies"], "suffixes", file))

    file = "roles.json"
    roles = _Builder(file)
    role_info: dict[str, Role] = {}
    for i, row in enumerate(_list(data["roles"], "roles", file)):
        canonical, rank = row.get("canonical"), row.get("rank")
        if not isinstance(canonical, str) or canonical in role_info or not isinstance(rank, int):
            raise ConfigError(f"{file}: roles[{i}]: missing/duplicate canonical or non-integer rank")
        role_info[canonical] = Role(canonical, str(row.get("family") or canonical.lower()), rank)
        for term in [canonical, *row.get("variants", [])]:
            roles.add(term, canonical, where=canonical)
    role_data = data["roles"]

    file = "sectors.json"
    sectors: list[tuple[str, tuple[str, ...]]] = []
    for i, row in enumerate(_list(data["sectors"], "sectors", file)):
        name, triggers = row.get("name"), row.get("triggers")
        if not isinstance(name, str) or not isinstance(triggers, list) or not triggers:
            raise ConfigError(f"{file}: sectors[{i}]: needs a name and a non-empty trigger list")
        sectors.append((name, tuple(_fold(t).casefold() for t in triggers)))

    indexes = {
        name: b.index()
        for name, b in (
            ("terms", terms),
            ("places", places),
            ("prefixes", prefixes),
            ("orgs", orgs),
            ("companies", companies),
            ("roles", roles),
        )
    }
    cased = frozenset(s for index in indexes.values() for forms in index.cased.values() for s in forms)
    ro = MappingProxyType
    return Gazetteer(
        _countries=indexes["terms"],
        _places=indexes["places"],
        _prefixes=indexes["prefixes"],
        _orgs=indexes["orgs"],
        _companies=indexes["companies"],
        _company_country=ro(company_country),
        _roles=indexes["roles"],
        _role_info=ro(role_info),
        _modifiers=frozenset(m.casefold() for m in _list(role_data, "modifiers", "roles.json")),
        _sectors=tuple(sectors),
        country_names=ro(names),
        organisation_names=ro(org_names),
        organisation_members=ro(members),
        country_terms=ro(terms.terms),
        organisation_terms=ro(orgs.terms),
        place_terms=ro(places.terms),
        combining_prefixes=ro(prefixes.terms),
        company_terms=ro(companies.terms),
        role_terms=ro(roles.terms),
        case_sensitive_terms=cased,
        honorifics=frozenset(_list(role_data, "honorifics", "roles.json")),
        name_suffixes=frozenset(_list(role_data, "name_suffixes", "roles.json")),
        company_suffixes=company_suffixes,
        sector_names=tuple(name for name, _ in sectors),
    )


@cache
def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """Read and validate the gazetteer data once (from `directory`, default the packaged data).

    Raises :class:`~pactwatch.errors.ConfigError` naming the file and entry on bad data.
    """
    return _build(directory)
