"""Typed, JSON-serialisable views the Register returns (to the CLI and the web app)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        return {k: _plain(getattr(self, k)) for k in self.__dataclass_fields__}  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Page(_Dict, Generic[T]):
    """One page of results: ``items`` from ``offset``, ``total`` in all."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class EventFilters(_Dict):
    """What ``events`` selects; every field optional."""

    parties: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    item: str | None = None
    search: str | None = None
    limit: int = 50
    offset: int = 0
    sort: str = "date"  # date, type, status, title, parties, item, quantity, sources
    order: str = "desc"  # desc or asc


@dataclass(frozen=True, slots=True)
class EventSummary(_Dict):
    id: str
    type: str
    kind: str | None
    status: str | None
    date: str | None
    parties: tuple[str, ...]
    title: str | None
    item: str | None
    quantity: int | None
    place: str | None
    n_sources: int
    n_records: int
    next_due: str | None = None
    current_status: str | None = None


@dataclass(frozen=True, slots=True)
class EvidenceView(_Dict):
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceView(_Dict):
    """One record of an event, and the document it came from."""

    source: str
    document_id: str
    url: str | None
    outlet: str | None
    published: str | None
    record_id: str
    role: str
    status: str
    date: str | None
    extractor: str
    evidence: tuple[EvidenceView, ...]


@dataclass(frozen=True, slots=True)
class LinkView(_Dict):
    relation: str  # fulfils | amends | session_of
    direction: str  # out | in
    event_id: str
    title: str | None
    date: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class ReviewView(_Dict):
    id: int
    target: str
    action: str
    changes: dict[str, Any]
    before: Any
    after: Any
    who: str
    at: str


@dataclass(frozen=True, slots=True)
class EventDetail(_Dict):
    """An event with its merged fields, every value per source, history, sources, links."""

    summary: EventSummary
    fields: dict[str, Any]
    values: dict[str, Any]
    conflicts: tuple[str, ...]
    history: tuple[dict[str, Any], ...]
    sources: tuple[SourceView, ...]
    links: tuple[LinkView, ...]
    reviews: tuple[ReviewView, ...]


@dataclass(frozen=True, slots=True)
class EntitySummary(_Dict):
    id: str
    kind: str
    name: str
    country: str | None
    aliases: tuple[str, ...]
    mentions: int


@dataclass(frozen=True, slots=True)
class RoleView(_Dict):
    role: str
    first: str | None
    last: str | None
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityDetail(_Dict):
    summary: EntitySummary
    roles: tuple[RoleView, ...]
    events: tuple[EventSummary, ...]


@dataclass(frozen=True, slots=True)
class DocumentSummary(_Dict):
    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    extractor: str
    n_records: int


@dataclass(frozen=True, slots=True)
class DocumentDetail(_Dict):
    summary: DocumentSummary
    text: str
    records: tuple[dict[str, Any], ...]  # contract records with their "id" and "event_id"


@dataclass(frozen=True, slots=True)
class DueItem(_Dict):
    due: str
    reason: str  # expected | next session | period ends
    event: EventSummary


@dataclass(frozen=True, slots=True)
class IngestSummary(_Dict):
    """What an ingest did: documents read, new, duplicate, replaced, failed (with reasons)."""

    read: int = 0
    new: int = 0
    duplicates: int = 0
    replaced: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    records: int = 0
    events_created: int = 0
    events_touched: int = 0  # events created or changed

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failed"] = [{"source": s, "reason": r} for s, r in self.failed]
        d["ok"] = self.ok
        return d
