"""Cross-source event merging: which records report the same accord, meeting,
statement or mechanism.

Candidates come from blocks (type, party, date window), so each record is
compared with a bounded number of others and the cost grows with the number of
records, not its square. The same ``assign`` decides in memory (``cluster``,
used by the evaluation and the benchmark) and in the database (the store asks
its indexes for the block)."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from pactwatch.resolve.links import update_label
from pactwatch.resolve.names import fold, is_country, name_data

THRESHOLD = 0.7
DATE_WINDOW = 3  # days: "6 December" vs "7 December" is the same summit
UNDATED_WINDOW = 7  # days between publications when neither record gives a date
UPDATE_WINDOW = 3660  # later news may update an accord up to ten years on
MAX_CANDIDATES = 200
PLAN = frozenset({"expected", "proposed"})
DEFAULT_LIKENESS = {"meeting": 0.8, "mechanism": 0.8, "accord": 0.6, "statement": 0.0}


@dataclass(frozen=True, slots=True)
class MergeItem:
    """What merging needs to know of a record."""

    id: str
    doc: str
    type: str
    status: str
    day: int | None  # effective date (record date, else publication), proleptic ordinal
    precision: int = 3  # 3 = day, 2 = month, 1 = year, 0 = publication date only
    parties: tuple[str, ...] = ()
    kind: str | None = None
    title: str | None = None
    item: str | None = None
    quantity: int | None = None
    place: str | None = None
    ordinal: int | None = None
    quote: str | None = None
    speaker: str | None = None
    text: str = ""  # evidence text, for status-update phrases
    event: str | None = None


def day_of(value: str | None, published: date | None) -> tuple[int | None, int]:
    """(ordinal day, precision) of a contract date string, falling back to publication."""
    if value:
        parts = value.split("-")
        try:
            y = int(parts[0])
            m = int(parts[1]) if len(parts) > 1 else 7
            d = int(parts[2]) if len(parts) > 2 else 15
            return date(y, m, min(d, 28) if len(parts) < 3 else d).toordinal(), len(parts)
        except (ValueError, IndexError):
            pass
    return (published.toordinal() if published else None), 0


def window(item: MergeItem) -> int:
    return {3: DATE_WINDOW, 2: 31, 1: 200, 0: UNDATED_WINDOW}[item.precision]


NEWS_STATUSES = ("ongoing", "cancelled", "failed")  # an accord's statuses that only later news has


def is_update(item: MergeItem) -> bool:
    """Later news about an accord: deliveries, production, delays, cancellation."""
    return item.type == "accord" and (
        item.status in NEWS_STATUSES
        or bool(item.status == "signed" and update_label(item.text, None) not in (None, "signed"))
    )


UPDATE_STATUSES = (*NEWS_STATUSES, "signed")  # the statuses later news can have


def is_anchor(item: MergeItem) -> bool:
    """A report of an accord's signing: the record later news about the accord attaches to."""
    return item.type == "accord" and item.status == "signed" and not is_update(item)


def roles(members: Sequence[MergeItem]) -> dict[str, str]:
    """Each member's role in its event: ``update`` for later news about the accord (more
    than ``DATE_WINDOW`` days after a signed report of it, or any time where the signing
    is not in the event: news waiting for its accord), else ``report``.

    A function of the members only, so the roles do not depend on the order the
    documents came in."""
    if not any(is_anchor(m) for m in members):
        return {m.id: "update" if is_update(m) else "report" for m in members}
    first = min((m.day for m in members if m.status == "signed" and m.day is not None), default=None)
    return {
        m.id: "update"
        if first is not None and m.day is not None and first < m.day - DATE_WINDOW and is_update(m)
        else "report"
        for m in members
    }


def later_days(item: MergeItem) -> tuple[int, int] | None:
    """The days in which later news about a signed accord is looked for: the mirror of
    the window an update looks back in (``MemoryIndex.candidates``)."""
    if item.day is None:
        return None
    return item.day - 31, item.day + UPDATE_WINDOW


def adoptable(anchor: MergeItem, later: Iterable[MergeItem]) -> list[str]:
    """The events among ``later`` records (stored before ``anchor``) that hold news the
    signing ``anchor`` may be the accord of, sorted; ``adopts`` decides for each."""
    if not is_anchor(anchor):
        return []
    found = {
        c.event
        for c in later
        if c.event
        and c.event != anchor.event
        and c.status in UPDATE_STATUSES
        and max(score(c, anchor), score(c, anchor, update=True)) >= THRESHOLD
    }
    return sorted(e for e in found if e)


def adopts(
    anchor: MergeItem,
    orphan: Sequence[MergeItem],
    event: Sequence[MergeItem],
    *,
    different: Mapping[str, set[str]] | None = None,
) -> bool:
    """Whether the signing ``anchor`` (now in an event with ``event``) takes in an event
    made only of later news (``orphan``, stored before the accord was).

    The same tests as ``assign`` makes when the news comes after the accord: it must
    name the accord well, no analyst said the two are different, and no document
    reports twice in one event."""
    if not orphan or not all(is_update(m) for m in orphan):
        return False
    inside = {m.id for m in event} | {anchor.id}
    different = different or {}
    if any(different.get(m.id, set()) & inside for m in orphan):
        return False
    if {m.doc for m in orphan} & ({m.doc for m in event} | {anchor.doc}):
        return False
    return any(max(score(m, anchor), score(m, anchor, update=True)) >= THRESHOLD for m in orphan)


def _kind_sim(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    a, b = fold(a), fold(b)
    if a == b:
        return 1.0
    for group in name_data()["kind_groups"]:
        if a in group and b in group:
            return 0.8
    return 0.2


def _norm_text(text: str) -> str:
    syn: dict[str, str] = name_data()["synonyms"]
    return " ".join(syn.get(tok, tok) for tok in fold(text).split())


def _text_sim(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    fa, fb = _norm_text(a), _norm_text(b)
    return (fuzz.token_set_ratio(fa, fb) + fuzz.token_sort_ratio(fa, fb)) / 200.0


def meeting_format(item: MergeItem) -> str | None:
    """The named format of a meeting or body ("2+2", "summit"), from its title, else its kind."""
    for text in (item.title, item.kind):
        if not text:
            continue
        low = f" {fold(text)} "
        for name, phrases in name_data()["formats"].items():
            if any(f" {p} " in low or (not p.replace(" ", "").isalpha() and p in low) for p in phrases):
                return str(name)
    return None


@lru_cache(maxsize=8192)
def _countries(parties: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p for p in parties if is_country(p))


def _parties_ok(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    ca, cb = _countries(a), _countries(b)
    if not ca or not cb:
        return True
    return ca <= cb or cb <= ca


def score(a: MergeItem, b: MergeItem, *, update: bool = False, link: bool = False) -> float:
    """How likely two records report the same event (0..1); 0 where they cannot.

    ``link``: ignore that one is planned and the other happened (expected -> held)."""
    if a.type != b.type or a.doc == b.doc or (not link and (a.status in PLAN) != (b.status in PLAN)):
        return 0.0
    if not _parties_ok(a.parties, b.parties):
        return 0.0
    if a.ordinal is not None and b.ordinal is not None and a.ordinal != b.ordinal:
        return 0.0
    dated = a.type != "mechanism" and not update and a.day is not None and b.day is not None
    gap = abs(a.day - b.day) if dated and a.day is not None and b.day is not None else 0
    if dated and gap > max(window(a), window(b)):
        return 0.0  # the cheap test first: most candidates fail it
    feats: list[float] = []
    if a.type == "statement":
        if not a.quote or not b.quote:
            return 0.0
        q = fuzz.token_set_ratio(fold(a.quote), fold(b.quote)) / 100.0
        if q < 0.85:
            return 0.0
        if a.speaker and b.speaker and fold(a.speaker).split()[-1:] != fold(b.speaker).split()[-1:]:
            return 0.0
        feats.append(q)
    fa, fb = meeting_format(a), meeting_format(b)
    if fa and fb and fa != fb:
        return 0.0
    kind = 1.0 if fa and fa == fb else _kind_sim(a.kind, b.kind)
    for sim in (_text_sim(a.title, b.title), _text_sim(a.item, b.item), kind):
        if sim is not None:
            feats.append(sim)
    if a.place and b.place:
        pa, pb = fold(a.place), fold(b.place)
        feats.append(1.0 if pa in pb or pb in pa else 0.3)
    if a.quantity and b.quantity and not update:
        feats.append(max(0.0, 1.0 - 5 * abs(a.quantity - b.quantity) / max(a.quantity, b.quantity)))
    likeness = sum(feats) / len(feats) if feats else DEFAULT_LIKENESS[a.type]
    if a.type == "mechanism":
        return likeness
    if update:  # an update must name the accord well; its date is later by nature
        return likeness if likeness >= 0.8 and feats else 0.0
    if not dated:
        return 0.6 * likeness
    closeness = 1.0 if gap == 0 else 0.85 if gap == 1 else 0.6
    return 0.3 * closeness + 0.7 * likeness


def assign(
    item: MergeItem,
    candidates: Iterable[MergeItem],
    *,
    same: Mapping[str, set[str]] | None = None,
    different: Mapping[str, set[str]] | None = None,
) -> tuple[str | None, float]:
    """The event ``item`` joins (None: a new one) and the score that decided.

    Analyst judgements win: a ``same`` link to a member joins that event; a
    ``different`` link to any member rules the event out. An event never holds two
    reports from one document."""
    same = same or {}
    different = different or {}
    by_event: dict[str, list[MergeItem]] = defaultdict(list)
    for c in candidates:
        if c.event and c.id != item.id:
            by_event[c.event].append(c)
    update = is_update(item)
    best: tuple[float, str] | None = None
    for ev, members in by_event.items():
        ids = {m.id for m in members}
        if ids & different.get(item.id, set()):
            continue
        if ids & same.get(item.id, set()):
            return ev, 1.0
        if any(m.doc == item.doc for m in members):
            continue
        s = max(score(item, m) for m in members)
        if update and s < THRESHOLD:
            anchors = [m for m in members if m.status in ("signed", "ongoing")]
            s = max((score(item, m, update=True) for m in anchors), default=0.0)
        if s >= THRESHOLD and (best is None or s > best[0]):
            best = (s, ev)
    return (best[1], best[0]) if best else (None, 0.0)


class MemoryIndex:
    """In-memory blocks: (type, party) -> records sorted by day."""

    def __init__(self) -> None:
        self._blocks: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
        self._items: dict[str, MergeItem] = {}
        self._news: set[str] = set()  # the later news among the items

    def add(self, item: MergeItem) -> None:
        self._items[item.id] = item
        if is_update(item):
            self._news.add(item.id)
        for key in _block_keys(item):
            bisect.insort(self._blocks[key], (item.day or 0, item.id))

    def move(self, item_id: str, event: str) -> None:
        """Record that an item now belongs to another event."""
        self._items[item_id] = replace(self._items[item_id], event=event)

    def candidates(self, item: MergeItem) -> list[MergeItem]:
        lo_gap = UPDATE_WINDOW if is_update(item) else max(window(item), 31)
        found: dict[str, MergeItem] = {}
        for key in _block_keys(item):
            block = self._blocks.get(key, [])
            if item.type == "mechanism" or item.day is None:
                picked = block[-MAX_CANDIDATES:]
            else:
                i = bisect.bisect_left(block, (item.day - lo_gap, ""))
                j = bisect.bisect_right(block, (item.day + 31, "\uffff"))
                picked = block[i:j][-MAX_CANDIDATES:]
            for _, rid in picked:
                found[rid] = self._items[rid]
        return list(found.values())

    def later(self, item: MergeItem) -> list[MergeItem]:
        """Later news in the item's blocks: of the accord records from a month before it
        to ``UPDATE_WINDOW`` after, the nearest ``MAX_CANDIDATES`` per block, the news
        (as the store's ``events.later``)."""
        days = later_days(item)
        if item.type != "accord" or days is None:
            return []
        found: dict[str, MergeItem] = {}
        for key in _block_keys(item):
            block = self._blocks.get(key, [])
            i = bisect.bisect_left(block, (days[0], ""))
            j = min(bisect.bisect_right(block, (days[1], "\uffff")), i + MAX_CANDIDATES)
            found.update((rid, self._items[rid]) for _, rid in block[i:j] if rid in self._news)
        return list(found.values())


def _block_keys(item: MergeItem) -> list[tuple[str, str]]:
    countries = [p for p in item.parties if is_country(p)]
    return [(item.type, p) for p in (countries or item.parties or ("",))]


def cluster(
    items: Iterable[MergeItem],
    *,
    same: Mapping[str, set[str]] | None = None,
    different: Mapping[str, set[str]] | None = None,
) -> dict[str, str]:
    """Record id -> event id for records in arrival order (the store's order).

    A signed accord takes in the events made only of later news about it that came
    before it, so the grouping does not depend on the order."""
    index = MemoryIndex()
    out: dict[str, str] = {}
    events: dict[str, list[MergeItem]] = defaultdict(list)
    anchored: set[str] = set()  # events with a report that is not later news: never adopted
    for item in items:
        ev, _ = assign(item, index.candidates(item), same=same, different=different)
        ev = ev or f"E{item.id}"
        placed = replace(item, event=ev)
        out[item.id] = ev
        index.add(placed)
        if not is_update(item):
            anchored.add(ev)
            if item.type == "accord" and item.status == "signed":  # a signing (is_anchor)
                later = [c for c in index.later(placed) if c.event not in anchored]
                for orphan in adoptable(placed, later):
                    if adopts(placed, events[orphan], events[ev], different=different):
                        for m in events.pop(orphan):
                            out[m.id] = ev
                            index.move(m.id, ev)
                            events[ev].append(replace(m, event=ev))
        events[ev].append(placed)
    return out
