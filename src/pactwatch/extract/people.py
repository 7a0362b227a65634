"""People: names found next to roles and honorifics, and resolved across a document.

A name (see ``names.py``) is a person when a role or honorific stands before it, when a
role follows it as an apposition, when it is the subject or object of a speech or
meeting verb, or when it repeats part of a person already known ("Singh" after
"Rajnath Singh").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.mentions import Mention
from pactwatch.extract.names import HONORIFICS_DEFAULT, SUFFIXES, name_runs
from pactwatch.extract.text import Sentence, words_of

SPEECH_AFTER = re.compile(
    r"^\s*,?\s*(?:who\s+)?(?:said|says|added|told|stated|noted|announced|met|signed|spoke)\b"
)
GROUP_RE = re.compile(r"\b(?:between|with|and|met|meet|by|welcomed|called|hosted|received)\s+$", re.I)


@dataclass(slots=True)
class PersonEntity:
    """A person known in one document: the fullest name seen, role and country."""

    name: str
    role: str | None = None
    country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def parts(self) -> set[str]:
        return {p.lower().strip(".,") for p in self.name.split() if len(p.strip(".,")) > 1} - SUFFIXES


@dataclass(frozen=True, slots=True)
class PersonMention:
    start: int
    end: int
    text: str
    entity: int  # index into the document's person registry
    role_span: tuple[int, int] | None = None


class PeopleFinder:
    """Finds and resolves the people of one document, sentence by sentence."""

    def __init__(self) -> None:
        g = load_gazetteer()
        self.honorifics = (
            frozenset(h.lower() for h in getattr(g, "honorifics", HONORIFICS_DEFAULT)) | HONORIFICS_DEFAULT
        )
        self.registry: list[PersonEntity] = []
        self.mentions: list[PersonMention] = []

    # -- registry -------------------------------------------------------------------------
    def _match(self, name: str) -> int | None:
        parts = {p.lower().strip(".,") for p in name.split() if len(p.strip(".,")) > 1} - SUFFIXES
        if not parts:
            return None
        best = None
        for idx in range(len(self.registry) - 1, -1, -1):
            ent = self.registry[idx]
            common = parts & ent.parts()
            if common and (len(parts) == 1 or len(ent.parts()) == 1 or len(common) >= min(len(parts), 2)):
                best = idx
                break
        return best

    def _add(self, name: str, role: str | None, country: str | None, span: tuple[int, int]) -> int:
        idx = self._match(name)
        if idx is None:
            self.registry.append(PersonEntity(name, role, country, [span]))
            return len(self.registry) - 1
        ent = self.registry[idx]
        if len(name.split()) > len(ent.name.split()):
            ent.name = name
        ent.role = ent.role or role
        ent.country = ent.country or country
        ent.mentions.append(span)
        return idx

    # -- one sentence ---------------------------------------------------------------------
    def scan(
        self, sent: Sentence, mentions: Iterable[Mention], ner: Sequence[tuple[int, int]] = ()
    ) -> list[PersonMention]:
        """People in one sentence; ``ner`` holds PERSON spans (document offsets) from an optional model."""
        text = sent.text
        off = sent.start
        words = words_of(text, off)
        ments = list(mentions)
        blocked = {w.start for w in words for m in ments if m.start <= w.start < m.end}
        roles = [m for m in ments if m.label == "ROLE"]
        parties = [m for m in ments if m.label == "PARTY"]
        out: list[PersonMention] = []
        for i, j in name_runs(words, blocked):
            first, last = words[i], words[j - 1]
            name = text[first.start - off : last.end - off].strip(" ,")
            if last.text.lower() in {"jr", "sr"} and text[last.end - off : last.end - off + 1] == ".":
                name += "."
            before = text[max(0, first.start - off - 60) : first.start - off]
            after = text[last.end - off : last.end - off + 60]
            role, country, role_span = self._role_before(first.start, before, roles, parties, text, off)
            if role is None:
                role, country, role_span = self._role_after(last.end, roles, parties, text, off)
            if country is None:
                country = self._country_around(first.start, last.end, parties, text, off)
            cp = re.search(r"\b([A-Z][\w-]+)\s+counterparts?\s*,?\s*$", before)
            if country is None and cp:
                country = load_gazetteer().country(cp.group(1))
            if country is None and role:
                om = re.search(r"\b(?:of|for)\s+(?:the\s+)?(.+)$", role)
                if om:
                    country = load_gazetteer().party(om.group(1))
            hon = re.search(
                r"(?:^|\s)("
                + "|".join(re.escape(h) for h in sorted(self.honorifics, key=len, reverse=True))
                + r")\s*$",
                before,
                re.I,
            )
            known = self._match(name)
            n_words = len([w for w in words[i:j] if w.text[:1].isalpha() and len(w.text) > 2])
            possessive = re.search(r"['’]s\s+$", before) and any(
                p.end <= first.start and first.start - p.end <= 4 for p in parties
            )
            by_model = any(s < last.end and first.start < e for s, e in ner)
            is_person = (
                role is not None
                or by_model
                or (possessive and n_words >= 2)
                or hon is not None
                or known is not None
                or (n_words >= 2 and re.search(r"\bcounterparts?\s*,?\s*$", before))
                or (
                    n_words >= 2
                    and (
                        SPEECH_AFTER.search(after)
                        or GROUP_RE.search(before[-12:])
                        or re.search(r"\b(?:said|added|told)\s*$", before)
                    )
                )
            )
            if not is_person:
                continue
            if known is None and n_words < 2 and role is None and hon is None and not by_model:
                continue
            idx = self._add(name, role, country, (first.start, last.end))
            pm = PersonMention(first.start, last.end, name, idx, role_span)
            out.append(pm)
            self.mentions.append(pm)
        return out

    def _role_before(
        self, start: int, before: str, roles: list[Mention], parties: list[Mention], text: str, off: int
    ) -> tuple[str | None, str | None, tuple[int, int] | None]:
        for r in reversed(roles):
            if r.end > start:
                continue
            gap = text[r.end - off : start - off]
            gap_words = [g for g in re.findall(r"[\w.]+", gap)]
            # "Minister General Sergey", "President of the People's Republic of China Xi",
            # "Ambassador to Japan Rahm"
            ok = all(g.lower() in self.honorifics for g in gap_words)
            country = None
            role = r.value
            if not ok:
                port = re.fullmatch(
                    r"\s*(of|for)\s+(?:the\s+)?((?:[A-Z][\w&’'-]*\s+(?:and\s+|&\s+)?){1,5})\s*", gap + " "
                )
                if port and not any(r.end < p.start < start for p in parties):
                    return (
                        f"{r.value} {port.group(1)} {port.group(2).strip()}",
                        self._country_before(r.start, parties, text, off),
                        (r.start, r.end),
                    )
                m = re.fullmatch(r"\s*(of|for|to)\s+(?:the\s+)?(.+?)\s*,?\s*", gap)
                if m:
                    p = next((p for p in parties if r.end < p.start < start), None)
                    if p is not None and not re.fullmatch(r"[\s,]*", text[p.end - off : start - off]):
                        p = None
                    if p is not None:
                        if m.group(1) == "to":
                            role = f"{r.value} to {p.text}"
                        else:
                            country = p.value
                        ok = True
            if not ok:
                return None, None, None
            if country is None:
                country = self._country_before(r.start, parties, text, off)
            return role, country, (r.start, r.end)
        return None, None, None

    def _role_after(
        self, end: int, roles: list[Mention], parties: list[Mention], text: str, off: int
    ) -> tuple[str | None, str | None, tuple[int, int] | None]:
        for r in roles:
            if r.start < end:
                continue
            gap = text[end - off : r.start - off]
            m = re.fullmatch(r"\s*,\s*(?:the\s+|a\s+|an\s+)?((?:[A-Z][\w.]*\s+)*)", gap)
            if not m:
                return None, None, None
            country = None
            for p in parties:
                if end <= p.start < r.start or (
                    r.end <= p.start <= r.end + 30
                    and re.match(r"\s*(?:of|for)\s+(?:the\s+)?$", text[r.end - off : p.start - off])
                ):
                    country = p.value
            return r.value, country, (r.start, r.end)
        return None, None, None

    @staticmethod
    def _country_around(start: int, end: int, parties: list[Mention], text: str, off: int) -> str | None:
        """ "Russia's Vladimir Putin", "Ferdinand Marcos from the Philippines"."""
        for p in parties:
            if p.end <= start and re.fullmatch(r"['’]s\s+", text[p.end - off : start - off]):
                return p.value
            if p.start >= end and re.fullmatch(
                r",?\s+(?:from|of)\s+(?:the\s+)?", text[end - off : p.start - off]
            ):
                return p.value
        return None

    @staticmethod
    def _country_before(role_start: int, parties: list[Mention], text: str, off: int) -> str | None:
        for p in reversed(parties):
            if p.end <= role_start and re.fullmatch(r"(?:['’]s)?\s*", text[p.end - off : role_start - off]):
                return p.value
        return None
