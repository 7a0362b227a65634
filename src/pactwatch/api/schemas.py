"""The API's request and response models (``XPublic`` out, ``XIn`` in), with examples for
the OpenAPI document. Built from the register's views with ``model_validate(view.to_dict())``."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EVENT_ID = "3f9a1c2b7d4e5f60"
EXAMPLE_EVENT = {
    "id": EVENT_ID,
    "type": "accord",
    "kind": "contract",
    "status": "signed",
    "date": "2021-12-06",
    "parties": ["IND", "RUS"],
    "title": "AK-203 contract",
    "item": "AK-203 assault rifle",
    "quantity": 601427,
    "place": "New Delhi",
    "n_sources": 3,
    "n_records": 4,
    "next_due": None,
    "current_status": "signed",
}


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class PageLinks(BaseModel):
    self_: str = Field(
        serialization_alias="self", validation_alias="self", examples=["/api/events?limit=50&offset=0"]
    )
    next: str | None = None
    prev: str | None = None
    model_config = ConfigDict(populate_by_name=True)


class EventSummaryPublic(BaseModel):
    id: str
    type: str
    kind: str | None = None
    status: str | None = None
    date: str | None = None
    parties: list[str] = []
    title: str | None = None
    item: str | None = None
    quantity: int | None = None
    place: str | None = None
    n_sources: int = 0
    n_records: int = 0
    next_due: str | None = None
    current_status: str | None = None
    model_config = _examples(EXAMPLE_EVENT)


class EventPage(BaseModel):
    """One page of events: ``items`` from ``offset``, ``total`` matching in all."""

    items: list[EventSummaryPublic]
    total: int
    limit: int
    offset: int
    links: PageLinks
    model_config = _examples(
        {
            "items": [EXAMPLE_EVENT],
            "total": 1,
            "limit": 50,
            "offset": 0,
            "links": {"self": "/api/events?limit=50&offset=0", "next": None, "prev": None},
        }
    )


class EvidencePublic(BaseModel):
    start: int
    end: int
    text: str


class SourcePublic(BaseModel):
    source: str
    document_id: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    record_id: str
    role: str
    status: str
    date: str | None = None
    extractor: str
    evidence: list[EvidencePublic] = []


class LinkPublic(BaseModel):
    relation: str
    direction: str
    event_id: str
    title: str | None = None
    date: str | None = None
    reason: str | None = None


class ReviewPublic(BaseModel):
    id: int
    target: str
    action: str
    changes: dict[str, Any] = {}
    before: Any = None
    after: Any = None
    who: str
    at: str


class EventDetailPublic(BaseModel):
    """An event: merged fields, every value per source (``values``), fields where sources
    disagree (``conflicts``), status history, sources with evidence spans, links, reviews."""

    summary: EventSummaryPublic
    fields: dict[str, Any]
    values: dict[str, Any]
    conflicts: list[str]
    history: list[dict[str, Any]]
    sources: list[SourcePublic]
    links: list[LinkPublic]
    reviews: list[ReviewPublic]
    model_config = _examples(
        {
            "summary": EXAMPLE_EVENT,
            "fields": {"title": "AK-203 contract", "quantity": 601427},
            "values": {"quantity": {"value": 601427, "reason": "all 2 sources agree", "values": []}},
            "conflicts": [],
            "history": [],
            "sources": [],
            "links": [],
            "reviews": [],
        }
    )


class EntitySummaryPublic(BaseModel):
    id: str
    kind: str
    name: str
    country: str | None = None
    aliases: list[str] = []
    mentions: int = 0
    model_config = _examples(
        {
            "id": "country:IND",
            "kind": "country",
            "name": "India",
            "country": "IND",
            "aliases": ["India"],
            "mentions": 12,
        }
    )


class EntityPage(BaseModel):
    items: list[EntitySummaryPublic]
    total: int
    limit: int
    offset: int
    links: PageLinks


class RolePublic(BaseModel):
    role: str
    first: str | None = None
    last: str | None = None
    mentions: int


class PartnerPublic(BaseModel):
    party: str
    events: int


class EntityDetailPublic(BaseModel):
    summary: EntitySummaryPublic
    roles: list[RolePublic]
    events: list[EventSummaryPublic]
    partners: list[PartnerPublic] = []


class DocumentSummaryPublic(BaseModel):
    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    extractor: str
    n_records: int


class DocumentPage(BaseModel):
    items: list[DocumentSummaryPublic]
    total: int
    limit: int
    offset: int
    links: PageLinks


class DocumentDetailPublic(BaseModel):
    """A document's text and its records (contract shape, with ``id`` and ``event_id``);
    evidence offsets are character offsets into ``text``."""

    summary: DocumentSummaryPublic
    text: str
    records: list[dict[str, Any]]


class IngestIn(BaseModel):
    """One document to ingest: exactly one of ``text``, ``html`` or ``url`` (fetched)."""

    text: str | None = Field(None, max_length=10_000_000)
    html: str | None = Field(None, max_length=10_000_000)
    url: str | None = Field(
        None, max_length=2000, description="fetched when no text/html is given; else the source URL"
    )
    published: date | None = None
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "India and Russia on Monday signed a contract for 601,427 AK-203 rifles.",
                    "published": "2021-12-06",
                    "title": "AK-203 deal",
                },
                {"url": "https://example.org/news/ak-203"},
            ]
        },
    )

    @model_validator(mode="after")
    def _one_input(self) -> IngestIn:
        if not (self.text or self.html or self.url):
            raise ValueError("give one of text, html or url")
        if self.text and self.html:
            raise ValueError("give text or html, not both")
        return self


class FoundRecord(BaseModel):
    id: str
    type: str
    status: str
    title: str | None = None
    parties: list[str] = []
    date: str | None = None
    event_id: str | None = None


class IngestedDocument(BaseModel):
    source: str
    outcome: str  # new | duplicate | replaced | failed
    document_id: str | None = None
    title: str | None = None
    reason: str | None = None
    records: list[FoundRecord] = []
    events: list[str] = []


class IngestResult(BaseModel):
    documents: list[IngestedDocument]
    records: int
    events: list[str]
    model_config = _examples(
        {
            "documents": [
                {
                    "source": "api:text",
                    "outcome": "new",
                    "document_id": "ab12",
                    "records": [],
                    "events": [EVENT_ID],
                }
            ],
            "records": 1,
            "events": [EVENT_ID],
        }
    )


Action = Literal["edit", "confirm", "reject", "restore", "note", "merge_same", "merge_different"]


class ReviewIn(BaseModel):
    """A review of an event or record: ``edit`` sets field values (``changes``); ``confirm``,
    ``reject`` and ``note`` log a decision; ``merge_same``/``merge_different`` judge
    ``target`` and ``other`` as one event or two."""

    target: str = Field(min_length=1, max_length=64)
    action: Action
    changes: dict[str, Any] | None = None
    other: str | None = Field(None, max_length=64)
    note: str | None = Field(None, max_length=2000)
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"target": EVENT_ID, "action": "edit", "changes": {"quantity": 601427}},
                {"target": EVENT_ID, "action": "merge_same", "other": "9e8d7c6b5a4f3e21"},
            ]
        },
    )


class ReviewResult(BaseModel):
    action: str
    review_id: int | None = None
    event_id: str | None = None
    event_ids: list[str] = []
    who: str


class ReviewPage(BaseModel):
    items: list[ReviewPublic]
    total: int
    limit: int
    offset: int
    links: PageLinks


class PairCount(BaseModel):
    a: str
    b: str
    events: int


class DueItemPublic(BaseModel):
    due: str
    reason: str
    event: EventSummaryPublic


class Overview(BaseModel):
    """What the home page shows."""

    accords: list[EventSummaryPublic]
    meetings: list[EventSummaryPublic]
    due: list[DueItemPublic]
    pairs: list[PairCount]
    counts: dict[str, int]


class PersonPublic(BaseModel):
    entity_id: str
    name: str
    mentions: int


class PairPublic(BaseModel):
    a: str
    b: str
    events: list[EventSummaryPublic]
    total: int
    mechanisms: list[EventSummaryPublic]
    people: list[PersonPublic]


class MePublic(BaseModel):
    name: str | None
    via: str | None


class ErrorBody(BaseModel):
    status: int
    type: str
    message: str


class ErrorPublic(BaseModel):
    error: ErrorBody
    model_config = _examples({"error": {"status": 404, "type": "not_found", "message": "no event 'x'"}})


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "Bad request"},
    404: {"model": ErrorPublic, "description": "Not found"},
    422: {"model": ErrorPublic, "description": "Invalid parameters or input"},
    503: {"model": ErrorPublic, "description": "The database is unavailable"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorPublic, "description": "Sign in or send an API token"},
    403: {"model": ErrorPublic, "description": "Bad or missing CSRF token"},
    413: {"model": ErrorPublic, "description": "The request body is too large"},
    429: {"model": ErrorPublic, "description": "Too many bad API tokens from this address (see Retry-After)"},
}
