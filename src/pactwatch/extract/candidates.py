"""Candidate records: what the finders propose before one-record-per-event merging."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.model import Amends, Count, Evidence, Money, Period, Person, Record
from pactwatch.version import EXTRACTOR_VERSION

STATUS_CONFIDENCE = {
    "signed": 0.8,
    "held": 0.8,
    "expected": 0.7,
    "proposed": 0.6,
    "ongoing": 0.6,
    "cancelled": 0.75,
    "denied": 0.7,
    "failed": 0.7,
}


@dataclass(slots=True)
class Candidate:
    type: str
    status: str
    anchor: int  # char offset of the trigger
    spans: list[tuple[int, int]]
    kind: str | None = None
    date: str | None = None
    parties: list[str] = field(default_factory=list)
    title: str | None = None
    fields: list[str] = field(default_factory=list)
    quantity: int | None = None
    item: str | None = None
    count: Count | None = None
    value: Money | None = None
    via: str | None = None
    period: Period | None = None
    amends: Amends | None = None
    people: list[int] = field(default_factory=list)  # person registry indices
    named_people: list[int] = field(default_factory=list)  # people the text names in this mention
    unnamed: list[Person] = field(default_factory=list)  # office-holders the text does not name
    place: str | None = None
    speaker: int | None = None
    speaker_unnamed: Person | None = None
    quote: str | None = None
    recurrence: str | None = None
    ordinal: int | None = None
    confidence: float = 0.6
    anaphoric: bool = False  # refers back to an earlier record ("the deal")
    acronym: str | None = None
    title_end: int = -1  # document offset where the title ends
    title_start: int = -1
    named: bool = False  # the accord has a proper name ("Atlantic Declaration")
    evidence_only: bool = False  # an anaphor whose sentence is about something else
    framework: bool = False  # "under the agreement ...": dropped when the sentence names another accord
    date_default: bool = False  # the date was not in the text but taken from the publication date
    date_weak: bool = (
        False  # the date is when it was told ("said on Thursday"), used only for want of another
    )

    def add_span(self, start: int, end: int) -> None:
        if (start, end) not in self.spans:
            self.spans.append((start, end))

    def to_record(self, doc: DocAnalysis) -> Record:
        people = []
        seen: set[int] = set()
        for idx in self.people:
            if idx in seen:
                continue
            seen.add(idx)
            p = doc.people[idx]
            people.append(Person(p.name, p.role, p.country))
        people.extend(self.unnamed)
        speaker = None
        if self.speaker is not None:
            p = doc.people[self.speaker]
            speaker = Person(p.name, p.role, p.country)
        elif self.speaker_unnamed is not None:
            speaker = self.speaker_unnamed
        spans = sorted(set(self.spans))
        evidence = tuple(Evidence(s, e, doc.text[s:e]) for s, e in spans)
        return Record(
            type=self.type,  # type: ignore[arg-type]
            status=self.status,  # type: ignore[arg-type]
            evidence=evidence,
            kind=self.kind,
            date=self.date,
            parties=tuple(dict.fromkeys(self.parties)),
            title=self.title,
            fields=tuple(dict.fromkeys(self.fields)),
            quantity=self.quantity,
            item=self.item,
            count=self.count,
            value=self.value,
            via=self.via,
            period=self.period,
            amends=self.amends,
            participants=tuple(people),
            place=self.place,
            speaker=speaker,
            quote=self.quote,
            recurrence=self.recurrence,
            ordinal=self.ordinal,
            confidence=self.confidence,
            extractor=EXTRACTOR_VERSION,
        )


def clean_title(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip(" ,;:.–-\"“”'’")
    return t


COMPANY_WORD = re.compile(
    r"\s+(?:[A-Z][\w-]*\s+)?(?:Aerospace|Industries|Airlines|Airways|Shipyards?|Shipbuilding|Systems|Electronics|Motors|"
    r"Rail(?:ways)?|Steel|Petroleum|Oil|Energy|Holdings|Group|Corporation|Company|Defence\s+Industries|"
    r"(?:state-owned\s+|state-run\s+)?(?:firm|company|manufacturer|maker|shipbuilder|contractor|carmaker|miner|"
    r"producer|supplier|developer|lender|bank|group))\b"
)


def sentence_parties(info: SentenceInfo, doc: DocAnalysis, *, exclude_places: bool = True) -> list[str]:
    """The parties a sentence names, without those that only say where something happened."""
    out: list[str] = []
    text = doc.text
    for m in info.parties():
        clause = text[max(info.start, m.start - 60) : m.start]
        if re.search(
            r"\b(?:before|after|until|when|while|once)\s+(?:the\s+)?(?:[\w-]+\s+){0,8}$", clause, re.I
        ) and not re.search(r"\b(?:signed|met|agreed|talks|meeting)\b", clause[-30:], re.I):
            continue  # "before the Group of Seven leaders gather in Italy": a time, not a party
        if re.match(
            r"\s+(?:[\w-]+\s+)?(?:summit|meeting|forum|conference|ministerial)\b",
            text[m.end : m.end + 30],
            re.I,
        ) and re.search(
            r"\b(?:margins?|sidelines?|ahead|side)\s+of\s+(?:the\s+)?$|\b(?:at|during)\s+(?:the\s+)?$",
            text[max(info.start, m.start - 30) : m.start],
            re.I,
        ):
            continue  # "on the margins of the G20 summit": where it happened, not who agreed
        if m.adjective and COMPANY_WORD.match(text[m.end : m.end + 30]):
            continue  # "Turkish Aerospace", "Chinese manufacturer CRRC": a company, not a state
        before = text[max(info.start, m.start - 14) : m.start].lower()
        if exclude_places and re.search(
            r"(?:\bin|\bat|\bvisiting|\bacross|\bthroughout|\bwithin)\s+(?:the\s+)?$", before
        ):
            if not re.search(r"\b(?:between|and|of|with)\s+(?:the\s+)?$", before) or "," in before[-3:]:
                if not m.adjective:
                    continue
        if m.value not in out:
            out.append(m.value)
    for m in info.mentions:  # a capital as the name of its government: "New Delhi and Moscow are negotiating"
        if m.label != "PLACE" or not m.country or m.country in out:
            continue
        before = text[max(info.start, m.start - 14) : m.start].lower()
        if re.search(
            r"\b(?:in|at|to|from|visiting|near|outside|inside|via|into|across|through|around)\s+(?:the\s+)?$",
            before,
        ):
            continue
        if re.match(
            r"\s*(?:and\b|,|said|says|has|have|had|is|are|was|were|will|would|signed|agreed|and\s+[A-Z])",
            text[m.end : m.end + 20],
        ):
            out.append(m.country)
    return out


def fill_parties(
    found: list[str], doc: DocAnalysis, *, minimum: int = 2, paragraph: int | None = None
) -> list[str]:
    """Complete a record's parties from its paragraph's pair (an item of a roundup), the
    document's main pair and the publisher's country."""
    parties = list(dict.fromkeys(found))
    if len(parties) >= minimum:
        return parties
    main = list(doc.main_parties)
    local = list(doc.paragraph_pairs.get(paragraph, ())) if paragraph is not None else []
    if len(local) == 2 and (
        (len(parties) == 1 and parties[0] in local) or (not parties and not set(local) & set(main))
    ):
        return [parties[0], *[p for p in local if p != parties[0]]] if parties else local
    if (
        len(main) < 2
        and len(doc.pair) == 2
        and re.search(
            r"\b(?:the|both)\s+(?:two\s+)?(?:countries|nations|sides|governments)\b", doc.text, re.I
        )
    ):
        main = list(doc.pair)
    if not parties:
        return main
    if len(parties) == 1:
        if parties[0] in main and len(main) == 2:
            return main if main[0] == parties[0] else [parties[0], *[m for m in main if m != parties[0]]]
        if doc.home and doc.home != parties[0]:
            return [doc.home, parties[0]]
        if main and main[0] != parties[0]:
            return [main[0], parties[0]]
    return parties
