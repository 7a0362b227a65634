"""The data that flows through pactwatch: documents in, records out.

Everything here is a frozen dataclass with a ``to_dict`` that gives the JSON
shape of the extraction contract (``docs/contract.md``, schema in
``pactwatch/schema/records.schema.json``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal

RecordType = Literal["accord", "meeting", "statement", "mechanism"]
Status = Literal["signed", "held", "expected", "proposed", "denied", "cancelled", "failed", "ongoing"]

RECORD_TYPES: tuple[str, ...] = ("accord", "meeting", "statement", "mechanism")
STATUSES: tuple[str, ...] = (
    "signed",
    "held",
    "expected",
    "proposed",
    "denied",
    "cancelled",
    "failed",
    "ongoing",
)


@dataclass(frozen=True, slots=True)
class Document:
    """One input article. ``text`` is what evidence offsets point into."""

    source: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_at: datetime | None = None
    language: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def with_published(self, published: date | None) -> Document:
        return replace(self, published=published)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """A character span of the document text that supports a record."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None
    role: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "country": self.country}


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str

    def to_dict(self) -> dict[str, Any]:
        amount: float | int = int(self.amount) if float(self.amount).is_integer() else self.amount
        return {"amount": amount, "currency": self.currency}


@dataclass(frozen=True, slots=True)
class Count:
    min: int | None
    max: int | None

    def to_dict(self) -> dict[str, Any]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True, slots=True)
class Period:
    start: str
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Amends:
    title: str | None
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "date": self.date}


@dataclass(frozen=True, slots=True)
class Record:
    """One extracted fact: an accord, meeting, statement or mechanism."""

    type: RecordType
    status: Status
    evidence: tuple[Evidence, ...]
    kind: str | None = None
    date: str | None = None
    parties: tuple[str, ...] = ()
    title: str | None = None
    fields: tuple[str, ...] = ()
    quantity: int | None = None
    item: str | None = None
    count: Count | None = None
    value: Money | None = None
    via: str | None = None
    period: Period | None = None
    amends: Amends | None = None
    participants: tuple[Person, ...] = ()
    place: str | None = None
    speaker: Person | None = None
    quote: str | None = None
    recurrence: str | None = None
    ordinal: int | None = None
    confidence: float = 0.5
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        def opt(x: Any) -> Any:
            return x.to_dict() if x is not None else None

        return {
            "type": self.type,
            "kind": self.kind,
            "status": self.status,
            "date": self.date,
            "parties": list(self.parties),
            "title": self.title,
            "fields": list(self.fields),
            "quantity": self.quantity,
            "item": self.item,
            "count": opt(self.count),
            "value": opt(self.value),
            "via": self.via,
            "period": opt(self.period),
            "amends": opt(self.amends),
            "participants": [p.to_dict() for p in self.participants],
            "place": self.place,
            "speaker": opt(self.speaker),
            "quote": self.quote,
            "recurrence": self.recurrence,
            "ordinal": self.ordinal,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "extractor": self.extractor,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Record:
        """Inverse of ``to_dict`` (used by the store and the batch engines)."""

        def person(p: dict[str, Any] | None) -> Person | None:
            return Person(p.get("name"), p.get("role"), p.get("country")) if p else None

        ev = tuple(Evidence(int(e["start"]), int(e["end"]), e["text"]) for e in d.get("evidence") or ())
        value = d.get("value")
        count = d.get("count")
        period = d.get("period")
        amends = d.get("amends")
        return cls(
            type=d["type"],
            status=d["status"],
            evidence=ev,
            kind=d.get("kind"),
            date=d.get("date"),
            parties=tuple(d.get("parties") or ()),
            title=d.get("title"),
            fields=tuple(d.get("fields") or ()),
            quantity=d.get("quantity"),
            item=d.get("item"),
            count=Count(count.get("min"), count.get("max")) if count else None,
            value=Money(float(value["amount"]), value["currency"]) if value else None,
            via=d.get("via"),
            period=Period(period["start"], period.get("end")) if period else None,
            amends=Amends(amends.get("title"), amends.get("date")) if amends else None,
            participants=tuple(p for p in (person(x) for x in d.get("participants") or ()) if p),
            place=d.get("place"),
            speaker=person(d.get("speaker")),
            quote=d.get("quote"),
            recurrence=d.get("recurrence"),
            ordinal=d.get("ordinal"),
            confidence=float(d.get("confidence", 0.5)),
            extractor=d.get("extractor", ""),
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    """The records of one document: what ``pactwatch extract`` prints per line."""

    document: Document
    records: tuple[Record, ...] = field(default_factory=tuple)
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.document.source,
            "document": self.document.to_dict(),
            "extractor": self.extractor,
            "records": [r.to_dict() for r in self.records],
        }
