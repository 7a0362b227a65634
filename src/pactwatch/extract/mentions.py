"""Mentions of parties, places, companies and roles, found by gazetteer look-up.

Compute only: ``find_mentions`` returns values; the spaCy component stores them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from pactwatch.extract.gazetteer import Gazetteer, load_gazetteer
from pactwatch.extract.text import Word, norm_key, words_of

MAX_TERM_WORDS = 9
COMPOUND_RE = re.compile(
    r"(?<![\w-])((?:[A-Z]\.){2,}|[A-Z][\w’']*)(?:\s?[-–]\s?((?:[A-Z]\.){2,}|[A-Z][\w’']*))+(?![\w-])"
)
PART_RE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w’']*")
LOWER_OK = frozenset({"label_role"})


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # PARTY | PLACE | COMPANY | ROLE
    value: str  # ISO alpha-3, organisation code, place name, company name or canonical role
    country: str | None = None
    adjective: bool = False


@dataclass(frozen=True, slots=True)
class Terms:
    """Normalised look-up tables built once from the gazetteer."""

    parties: Mapping[str, str]
    adjectives: frozenset[str]
    places: Mapping[str, str]
    companies: Mapping[str, tuple[str, str | None]]
    roles: Mapping[str, str]
    max_words: int
    names: frozenset[str]


@cache
def load_terms() -> Terms:
    g = load_gazetteer()
    parties: dict[str, str] = {}
    for term, code in g.organisation_terms.items():
        parties[norm_key(term)] = code
    for term, code in g.country_terms.items():
        parties.setdefault(norm_key(term), code)
    adjectives = frozenset(norm_key(t) for t in getattr(g, "demonym_terms", {}) or {})
    places = {norm_key(t): c for t, c in g.place_terms.items()}
    companies: dict[str, tuple[str, str | None]] = {}
    for term in g.company_terms:
        found = g.company(term)
        if found:
            companies[norm_key(term)] = found
    roles = {norm_key(t): c for t, c in g.role_terms.items()}
    longest = max((len(k.split()) for k in [*parties, *places, *companies, *roles]), default=1)
    names = frozenset(norm_key(n) for n in [*g.country_names.values(), *g.organisation_names.values()])
    return Terms(parties, adjectives, places, companies, roles, min(longest, MAX_TERM_WORDS), names)


def _lookup_words(words: list[Word], i: int, n: int) -> str:
    return norm_key(" ".join(w.text for w in words[i : i + n]))


def find_mentions(text: str, offset: int = 0, *, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """All party, place, company and role mentions in ``text`` (offsets shifted by ``offset``)."""
    g = gazetteer or load_gazetteer()
    terms = load_terms()
    words = [w for w in words_of(text, offset) if w.text[0].isalnum()]
    out: list[Mention] = []
    taken: set[int] = set()
    for m in COMPOUND_RE.finditer(text):
        parts = g.compound(m.group(0))
        if len(parts) >= 2:
            for pm in PART_RE.finditer(m.group(0)):
                part = pm.group(0)
                single = g.party(part) or g.combining_prefixes.get(part.lower())
                code = g.compound(part) or ((single,) if single else ())
                if not code:
                    continue
                s, e = m.start() + pm.start() + offset, m.start() + pm.end() + offset
                out.append(Mention(s, e, pm.group(0), "PARTY", code[0], adjective=True))
                taken.update(range(s, e))
    i = 0
    while i < len(words):
        w = words[i]
        if w.start in taken:
            i += 1
            continue
        found = None
        for n in range(min(terms.max_words, len(words) - i), 0, -1):
            key = _lookup_words(words, i, n)
            last = words[i + n - 1]
            surface = text[w.start - offset : last.end - offset]
            if key in terms.roles:
                found = Mention(w.start, last.end, surface, "ROLE", terms.roles[key])
            elif not w.text[0].isupper() and not w.text[0].isdigit():
                continue
            elif key in terms.parties:
                party = terms.parties[key]
                is_adj = key in terms.adjectives or (
                    n == 1
                    and w.text.endswith(("an", "ese", "ish", "ian", "i", "ch"))
                    and key not in terms.names
                )
                found = Mention(w.start, last.end, surface, "PARTY", party, adjective=is_adj)
            elif key in terms.companies:
                name, country = terms.companies[key]
                found = Mention(w.start, last.end, surface, "COMPANY", name, country=country)
            elif key in terms.places:
                found = Mention(w.start, last.end, surface, "PLACE", surface, country=terms.places[key])
            if found:
                break
        if found:
            out.append(found)
            i += len(words_of(found.text))
            while i < len(words) and words[i].start < found.end:
                i += 1
        else:
            i += 1
    out.sort(key=lambda m: m.start)
    return out
