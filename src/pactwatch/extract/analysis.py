"""The shared reading of one document that every record finder uses.

``analyse`` computes, per sentence: mentions (parties, places, companies, roles),
people (resolved across the document), dates resolved against the publication date,
money, numbers, periods, ordinals, recurrence and tense; and per document: the home
country of the publisher and the main pair of parties.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from pactwatch.extract.lexicon import Lexicon, load_lexicon
from pactwatch.extract.mentions import Mention, find_mentions
from pactwatch.extract.numbers import MoneyMatch, NumberMatch, find_money, find_numbers
from pactwatch.extract.people import PeopleFinder, PersonEntity, PersonMention
from pactwatch.extract.temporal import (
    DateMatch,
    PeriodMatch,
    find_dates,
    find_ordinals,
    find_periods,
    find_recurrence,
)
from pactwatch.extract.text import Sentence, split_sentences

DATELINE_RE = re.compile(
    r"^[A-Z][A-Za-z .'’/-]{1,40}(?:\s*\[[^\]\n]{1,40}\])?,?\s+(?:[^\n]{0,40}?\d{1,4}[^\n]{0,20}?)?"
    r"(?:\([A-Za-z .]+\)\s*)?(?:—|–|--|-|:)\s+"
)
SPEECH_DATE_RE = re.compile(
    r"\b(?:said|says|told\s+\w+|added|stated|reported|confirmed|wrote|posted)\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
BULLET_RE = re.compile(r"^\s*(?:[•·▪◦‣\-–*]|\d+[.)]|\(?[a-z]\))\s+")
QUOTE_PAIRS = {'"': '"', "“": "”", "‘": "’"}


@dataclass(slots=True)
class SentenceInfo:
    sent: Sentence
    mentions: list[Mention]
    people: list[PersonMention]
    dates: list[DateMatch]
    money: list[MoneyMatch]
    numbers: list[NumberMatch]
    periods: list[PeriodMatch]
    ordinals: list[tuple[int, int, int]]
    recurrence: list[tuple[int, int, str]]
    tense: str | None
    masked: str = ""  # the sentence with quoted words blanked out (same offsets)
    speech_dates: list[DateMatch] = field(default_factory=list)  # "said on Thursday": when it was told
    is_list_item: bool = False
    intro_status: str | None = None  # status given by a list's introducing sentence or heading

    @property
    def start(self) -> int:
        return self.sent.start

    @property
    def text(self) -> str:
        return self.sent.text

    def parties(self) -> list[Mention]:
        return [m for m in self.mentions if m.label == "PARTY"]

    def local(self, start: int, end: int) -> str:
        """Text of a document span that lies inside this sentence."""
        return self.sent.text[start - self.sent.start : end - self.sent.start]


@dataclass(slots=True)
class DocAnalysis:
    text: str
    published: date | None
    home: str | None
    sentences: list[SentenceInfo]
    people: list[PersonEntity]
    quotes: list[tuple[int, int]] = field(default_factory=list)  # spans of quoted text, marks excluded
    main_parties: tuple[str, ...] = ()
    pair: tuple[str, ...] = ()  # the two most mentioned parties, however rarely
    paragraph_pairs: dict[int, tuple[str, ...]] = field(default_factory=dict)  # the same, per paragraph
    lexicon: Lexicon = field(default_factory=load_lexicon)

    def sentence_at(self, pos: int) -> SentenceInfo | None:
        for s in self.sentences:
            if s.sent.start <= pos < s.sent.end or (pos == s.sent.end):
                return s
        return None

    def in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)


def sentence_tense(text: str, lex: Lexicon) -> str | None:
    fut = lex.future_re.search(text)
    past = lex.past_re.search(text)
    if fut and not past:
        return "future"
    if past and not fut:
        return "past"
    if fut and past:
        return "future" if fut.start() < past.start() else "past"
    return None


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans (without the marks) of text inside double quotation marks, straight or curly."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in ('"', "“"):
            close = '"' if ch == '"' else "”"
            j = text.find(close, i + 1)
            if ch == "“":
                # a curly quote may run on over paragraphs only if they reopen with “
                para_end = text.find("\n\n", i + 1)
                if j == -1 or (para_end != -1 and para_end < j):
                    j = para_end if para_end != -1 else n
                    spans.append((i + 1, j))
                    i = j
                    continue
            if j == -1:
                break
            spans.append((i + 1, j))
            i = j + 1
        else:
            i += 1
    return spans


def publisher_country(url: str | None, outlet: str | None) -> str | None:
    """The country of an official publisher, from its web address (gov.uk -> GBR)."""
    from pactwatch.extract.gazetteer import load_gazetteer

    g = load_gazetteer()
    hosts = []
    if url:
        m = re.match(r"^[a-z]+://([^/?#]+)", url.strip(), re.I)
        if m:
            hosts.append(m.group(1).lower())
    if outlet:
        hosts.extend(h.lower() for h in re.findall(r"\b[\w.-]+\.(?:gov|mil|int|eu|[a-z]{2})\b", outlet))
    if not hosts and outlet:
        for word in re.findall(r"[A-Z][\w.]+", outlet):
            code = g.country(word)
            if code:
                return code
    for host in hosts:
        labels = host.split(".")
        if labels[-1] in {"gov", "mil"}:
            return "USA"
        if labels[-1] == "eu" or "europa" in labels:
            return "EU"
        official = any(
            lab in {"gov", "go", "govt", "gouv", "gob", "mil", "nic", "mofa", "mea", "kremlin"}
            for lab in labels
        )
        tld = labels[-1]
        code = g.country_from_alpha2(tld) if len(tld) == 2 and hasattr(g, "country_from_alpha2") else None
        if code and (official or tld in {"uk", "in", "ru", "jp", "au", "ph"}):
            return code
    return None


NerFn = Callable[[list[str]], list[list[tuple[int, int]]]]
NEEDS_NAMES = re.compile(
    r"[\"“”]|\b(?:said|says|told|added|met|meet|talks|summit|visit|call|signed|sign)\b", re.I
)


def analyse(
    text: str,
    *,
    published: date | None,
    url: str | None = None,
    outlet: str | None = None,
    ner: NerFn | None = None,
) -> DocAnalysis:
    """Read one document. ``ner`` (optional) finds PERSON spans in the sentences that need names:
    the statistical model runs only there, the rules everywhere."""
    lex = load_lexicon()
    finder = PeopleFinder()
    infos: list[SentenceInfo] = []
    sentences = split_sentences(text)
    persons: dict[int, list[tuple[int, int]]] = {}
    if ner is not None:
        chosen = [s for s in sentences if NEEDS_NAMES.search(s.text)]
        for s, spans in zip(chosen, ner([s.text for s in chosen]), strict=True):
            persons[s.index] = [(a + s.start, b + s.start) for a, b in spans]
    for sent in sentences:
        ments = find_mentions(sent.text, sent.start)
        people = finder.scan(sent, ments, persons.get(sent.index, ()))
        tense = sentence_tense(sent.text, lex)
        dates = [_shift_date(d, sent.start) for d in find_dates(sent.text, published, tense=tense)]
        money = [_shift(m, sent.start) for m in find_money(sent.text)]
        numbers = [_shift(m, sent.start) for m in find_numbers(sent.text)]
        periods = [_shift(p, sent.start) for p in find_periods(sent.text)]
        ordinals = [(s + sent.start, e + sent.start, v) for s, e, v in find_ordinals(sent.text)]
        recurrence = [(s + sent.start, e + sent.start, v) for s, e, v in find_recurrence(sent.text)]
        infos.append(
            SentenceInfo(
                sent,
                ments,
                people,
                dates,
                money,
                numbers,
                periods,
                ordinals,
                recurrence,
                tense,
                is_list_item=bool(BULLET_RE.match(sent.text)),
            )
        )
    # a dateline ("ABU DHABI, 15th May, 2024 (WAM) --") dates the report, not the events in it
    for info in infos:
        dl = DATELINE_RE.match(info.text)
        if dl:
            info.dates = [d for d in info.dates if d.start >= info.start + dl.end()]
        # "..., the company said on Thursday": the day of the telling, kept apart as a weak fallback
        told = [d for d in info.dates if SPEECH_DATE_RE.search(text[max(info.start, d.start - 25) : d.start])]
        info.dates = [d for d in info.dates if d not in told]
        info.speech_dates = told
    quotes = find_quotes(text)
    for info in infos:
        chars = list(info.text)
        for qs, qe in quotes:
            for i in range(max(qs, info.start), min(qe, info.sent.end)):
                chars[i - info.start] = " "
        info.masked = "".join(chars)
        info.tense = sentence_tense(info.masked, lex)
    _mark_lists(infos, lex)
    doc = DocAnalysis(text, published, publisher_country(url, outlet), infos, finder.registry, quotes)
    doc.main_parties = _main_parties(doc)
    doc.paragraph_pairs = _paragraph_pairs(doc)
    return doc


_Span = TypeVar("_Span", DateMatch, MoneyMatch, NumberMatch, PeriodMatch)


def _shift(m: _Span, offset: int) -> _Span:
    return replace(m, start=m.start + offset, end=m.end + offset)


def _shift_date(d: DateMatch, offset: int) -> DateMatch:
    return _shift(d, offset)


def _status_of_intro(text: str, lex: Lexicon) -> str | None:
    if lex.cancelled_re.search(text) and not lex.negation_re.search(text):
        return "cancelled"
    if lex.denied_re.search(text):
        return "denied"
    if lex.expected_re.search(text):
        return "expected"
    if lex.signed_re.search(text):
        return "signed"
    return None


def _mark_lists(infos: list[SentenceInfo], lex: Lexicon) -> None:
    """Give list items the status of the sentence that introduces the list ("... will be cancelled:")
    or of the heading above them ("List of agreements signed between ...")."""
    intro: str | None = None
    heading: str | None = None
    for k, info in enumerate(infos):
        t = info.text.rstrip()
        if k == 0 or (info.sent.paragraph == 0 and not t.endswith((".", "!", "?"))):
            if re.search(r"\blist of\b|\b(?:agreements|mous|documents)\b.*\bsigned\b", t, re.I):
                heading = _status_of_intro(t, lex)
        if t.endswith(":"):
            intro = _status_of_intro(t, lex)
            continue
        if info.is_list_item and intro:
            info.intro_status = intro
            continue
        if not info.is_list_item:
            intro = None
        if heading and not t.endswith((".", "!", "?")) and len(t.split()) < 60:
            info.intro_status = heading


def _paragraph_pairs(doc: DocAnalysis) -> dict[int, tuple[str, ...]]:
    """The two parties each paragraph names most (an item of a news roundup has its own pair)."""
    counts: dict[int, Counter[str]] = {}
    for info in doc.sentences:
        c = counts.setdefault(info.sent.paragraph, Counter())
        for m in info.parties():
            c[m.value] += 1
    return {p: tuple(k for k, _ in c.most_common(2)) for p, c in counts.items() if len(c) >= 2}


def _main_parties(doc: DocAnalysis) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for info in doc.sentences:
        for m in info.parties():
            counts[m.value] += 1
            first.setdefault(m.value, m.start)
    for p in doc.people:
        if p.country:
            counts[p.country] += 1
            first.setdefault(p.country, 10**9)
    if doc.home and doc.home in counts:
        counts[doc.home] += 1
    ranked = sorted(counts, key=lambda c: (-counts[c], first.get(c, 0)))
    n = (
        3
        if re.search(
            r"\b(?:three|all\s+three)\s+(?:countries|nations|governments|partners|ministers)|\btrilateral\b",
            doc.text,
            re.I,
        )
        else 2
    )
    doc.pair = tuple(ranked[:2])
    top = [c for c in ranked[:n] if counts[c] >= 2]
    if len(top) >= 2:
        return tuple(top)
    return tuple(ranked[:1])
