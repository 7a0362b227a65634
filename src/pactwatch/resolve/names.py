"""Entity resolution for names: countries by ISO code, people and organisations by
normalised keys (blocking) and rapidfuzz similarity, in nomenklatura's spirit:
a cheap key picks candidates, a similarity score decides."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from rapidfuzz import fuzz

EntityKind = Literal["country", "person", "organization"]
PERSON_THRESHOLD = 85.0
ORG_THRESHOLD = 90.0
_ISO3 = re.compile(r"^[A-Z]{3}$")
_TOKEN = re.compile(r"[\w+.-]+", re.UNICODE)


@cache
def name_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("pactwatch.resolve").joinpath("data/names.json").read_text()
    )
    return data


@lru_cache(maxsize=1 << 16)  # merging folds the same titles and names again and again
def fold(text: str) -> str:
    """Lowercase, strip accents and punctuation noise."""
    nfkd = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in nfkd if not unicodedata.combining(ch))
    return " ".join(_TOKEN.findall(plain.lower()))


def is_country(party: str) -> bool:
    return bool(_ISO3.match(party))


@cache
def country_name(iso3: str) -> str:
    """A country's English name (followthemoney's list), else the code itself."""
    try:
        from followthemoney.types import registry

        code = registry.country.clean(iso3)
        return str(registry.country.names.get(code, iso3)) if code else iso3
    except Exception:  # followthemoney is optional
        return iso3


def person_tokens(name: str) -> list[str]:
    drop = set(name_data()["honorifics"])
    toks = [t.strip(".") for t in fold(name).split()]
    return [t for t in toks if t and t not in drop]


def org_norm(name: str) -> str:
    suffixes: dict[str, str] = name_data()["org_suffixes"]
    return " ".join(suffixes.get(t, t) for t in fold(name).replace("-", " ").split())


def org_core(name: str) -> str:
    """An organisation's name without its legal form."""
    forms = set(name_data()["org_suffixes"].values())
    return " ".join(t for t in org_norm(name).split() if t not in forms)


def entity_key(kind: EntityKind, name: str) -> str:
    """The blocking key: ISO code, surname, or the organisation's first word."""
    if kind == "country":
        return name.upper()
    if kind == "person":
        toks = person_tokens(name)
        return toks[-1] if toks else fold(name)
    norm = org_norm(name).split()
    return norm[0] if norm else fold(name)


def entity_id(kind: EntityKind, name: str) -> str:
    if kind == "country":
        return f"country:{name.upper()}"
    norm = " ".join(person_tokens(name)) if kind == "person" else org_norm(name)
    digest = hashlib.sha256(f"{kind}:{norm}".encode()).hexdigest()[:16]
    return f"{'person' if kind == 'person' else 'org'}:{digest}"


def party_kind(party: str) -> EntityKind:
    return "country" if is_country(party) else "organization"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A known entity: its id, canonical name and aliases."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None


def similarity(kind: EntityKind, a: str, b: str) -> float:
    """0..100: how alike two names of the same kind are."""
    if kind == "person":
        ta, tb = person_tokens(a), person_tokens(b)
        if not ta or not tb:
            return 0.0
        if ta[-1] != tb[-1] and fuzz.ratio(ta[-1], tb[-1]) < 85:
            return 0.0  # surnames must agree (Sergei/Sergey may differ, Shoigu may not)
        if len(ta) == 1 or len(tb) == 1:
            return 90.0  # a bare surname ("Shoigu") matches the full name
        if ta[0][0] != tb[0][0]:
            return 0.0  # different first-name initial: a different person
        return float(fuzz.ratio(" ".join(ta), " ".join(tb)))
    na, nb = org_norm(a), org_norm(b)
    ca, cb = org_core(a), org_core(b)
    if ca and ca == cb:
        return 95.0  # the same name with or without its legal form ("Pvt Ltd")
    return float(max(fuzz.token_sort_ratio(na, nb), fuzz.ratio(na, nb)))


def match(
    kind: EntityKind, name: str, candidates: Sequence[Candidate], country: str | None = None
) -> str | None:
    """The id of the candidate this name refers to, or None for a new entity."""
    if kind == "country":
        return entity_id("country", name)
    threshold = PERSON_THRESHOLD if kind == "person" else ORG_THRESHOLD
    best: tuple[float, str] | None = None
    for cand in candidates:
        if country and cand.country and country != cand.country:
            continue
        score = max(similarity(kind, name, n) for n in (cand.name, *cand.aliases))
        if score >= threshold and (best is None or score > best[0]):
            best = (score, cand.id)
    return best[1] if best else None


def better_name(kind: EntityKind, current: str, new: str) -> str:
    """The fuller of two names becomes the entity's name ("Sergei Shoigu" over "Shoigu")."""
    if kind == "person":
        return new if len(person_tokens(new)) > len(person_tokens(current)) else current
    return new if len(new) > len(current) else current
