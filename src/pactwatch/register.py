"""The register: pactwatch's knowledge base as a Python API (the CLI and the web app
are thin layers over it).

    >>> from pactwatch.register import Register
    >>> reg = Register("sqlite:///pact.sqlite")
    >>> reg.ingest(["article.txt"]).to_dict()
    >>> reg.events(EventFilters(parties=("IND", "RUS"), type="accord")).items
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from pactwatch.errors import InputError, StoreError, UsageError
from pactwatch.model import Extraction
from pactwatch.settings import Settings
from pactwatch.store import judge, queries, schema
from pactwatch.store.engine import make_engine, read_conn, redact, store_errors, write_tx
from pactwatch.store.views import (
    DocumentDetail,
    DocumentSummary,
    DueItem,
    EntityDetail,
    EntitySummary,
    EventDetail,
    EventFilters,
    EventSummary,
    IngestSummary,
    Page,
    ReviewView,
)
from pactwatch.store.writer import DocResult, now_utc, store_extractions

__all__ = ["EventFilters", "IngestSummary", "Register"]

Progress = Callable[[str, str], None]  # (source, outcome)


class Register:
    """One knowledge base, opened by database URL or Settings.

    Opening creates or upgrades an empty or older schema (so a new SQLite file needs
    no setup) and refuses a schema newer than this pactwatch (SchemaVersionError)."""

    def __init__(
        self, db: str | Settings | None = None, *, settings: Settings | None = None, upgrade: bool = True
    ) -> None:
        if isinstance(db, Settings):
            settings, db = db, None
        self.settings = settings or Settings.from_env()
        self.url = db or self.settings.db_url
        self.engine = make_engine(self.url)
        if upgrade:
            schema.ensure(self.engine, self.url)
        else:
            schema.is_current(self.engine, self.url)

    def __repr__(self) -> str:
        return f"Register({redact(self.url)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------

    def ingest(
        self,
        paths: Sequence[str | Path],
        *,
        published: date | str | None = None,
        progress: Progress | None = None,
    ) -> IngestSummary:
        """Read, extract and store documents (committed in batches, see ``ingest_extractions``)."""
        from pactwatch.ingest import read_inputs
        from pactwatch.pipeline import extract_stream

        pub = date.fromisoformat(published) if isinstance(published, str) else published
        items = read_inputs([str(p) for p in paths], self.settings, published=pub)
        return self.ingest_extractions(extract_stream(items, settings=self.settings), progress=progress)

    def ingest_extractions(
        self, items: Iterable[Extraction | InputError], *, progress: Progress | None = None
    ) -> IngestSummary:
        """Store extractions as they come; input errors are counted with their reasons.

        Documents are committed in batches (``Settings.commit_every`` documents, or what
        arrived within ``Settings.commit_wait_s``): a killed ingest loses at most the batch
        in flight, which the next run stores again. A batch that fails is stored again one
        document per transaction; a database error then stops the ingest (what was
        committed stays) and is raised."""
        counts = {
            "read": 0,
            "new": 0,
            "duplicates": 0,
            "replaced": 0,
            "records": 0,
            "events_created": 0,
            "events_touched": 0,
        }
        failed: list[tuple[str, str]] = []
        pending: list[Extraction] = []
        started = 0.0

        def flush() -> None:
            for res in self._store_batch(pending):
                key = {"new": "new", "duplicate": "duplicates", "replaced": "replaced"}[res.outcome]
                counts[key] += 1
                counts["records"] += res.records
                counts["events_created"] += res.events_created
                counts["events_touched"] += res.events_touched
                if progress:
                    progress(res.source, res.outcome)
            pending.clear()

        for item in items:
            counts["read"] += 1
            if isinstance(item, InputError):
                where = f"{item.source}:{item.line}" if item.line is not None else item.source
                failed.append((where, item.message))
                if progress:
                    progress(where, f"failed: {item.message}")
                continue
            if not pending:
                started = time.monotonic()
            pending.append(item)
            if (
                len(pending) >= self.settings.commit_every
                or time.monotonic() - started >= self.settings.commit_wait_s
            ):
                flush()
        if pending:
            flush()
        return IngestSummary(failed=tuple(failed), **counts)

    def _store_batch(self, batch: Sequence[Extraction]) -> list[DocResult]:
        if len(batch) > 1:
            try:
                with store_errors(self.url):
                    return store_extractions(self.engine, batch)
            except StoreError:
                pass  # one document at a time: a concurrent writer's row, a lock held too long
        results = []
        for ex in batch:
            with store_errors(self.url):
                results.append(store_extractions(self.engine, [ex])[0])
        return results

    def merge_same(self, a: str, b: str, *, who: str) -> str:
        """The analyst says A and B are one event; returns the surviving event id."""
        with store_errors(self.url), write_tx(self.engine) as conn:
            return judge.merge_same(conn, a, b, _who(who), now_utc())

    def merge_different(self, a: str, b: str, *, who: str) -> tuple[str, str]:
        """The analyst says A and B are different events; returns their event ids."""
        with store_errors(self.url), write_tx(self.engine) as conn:
            return judge.merge_different(conn, a, b, _who(who), now_utc())

    def review(
        self, record_or_event_id: str, action: str, changes: dict[str, Any] | None = None, *, who: str
    ) -> int:
        """Log a review (edit, confirm, reject, note); ``edit`` sets field values."""
        with store_errors(self.url), write_tx(self.engine) as conn:
            return judge.review(conn, record_or_event_id, action, dict(changes or {}), _who(who), now_utc())

    # -- reading -----------------------------------------------------------------------

    def events(self, filters: EventFilters | None = None, **kw: Any) -> Page[EventSummary]:
        f = filters or EventFilters(**_filters(kw))
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.events(conn, f)

    def event(self, event_id: str) -> EventDetail:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.event(conn, event_id)

    def entities(
        self, *, kind: str | None = None, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page[EntitySummary]:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.entities(conn, kind, search, limit, offset)

    def entity(self, entity_id: str) -> EntityDetail:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.entity(conn, entity_id)

    def documents(self, *, limit: int = 50, offset: int = 0) -> Page[DocumentSummary]:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.documents(conn, limit, offset)

    def document(self, document_id: str) -> DocumentDetail:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.document(conn, document_id)

    def timeline(self, a: str, b: str, *, limit: int = 500, offset: int = 0) -> Page[EventSummary]:
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.timeline(
                conn, a.upper() if len(a) == 3 else a, b.upper() if len(b) == 3 else b, limit, offset
            )

    def due(
        self, *, today: date | None = None, horizon_days: int = 365, limit: int = 100
    ) -> tuple[DueItem, ...]:
        """Expected events and mechanism sessions coming up, accords whose period ends soon."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.due(conn, today or date.today(), horizon_days, limit)

    def search(self, text: str, *, limit: int = 50, offset: int = 0) -> Page[EventSummary]:
        return self.events(EventFilters(search=text, limit=limit, offset=offset))

    def pair_counts(self, *, party: str | None = None, limit: int = 30) -> list[tuple[str, str, int]]:
        """(A, B, events) for the most frequent pairs of parties (pairs of ``party``, when given)."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.pair_counts(conn, party, limit)

    def partners(self, party: str, *, limit: int = 40) -> list[tuple[str, int]]:
        """(partner, shared events) of a party, most first."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.partners(conn, party, limit)

    def people(self, event_ids: Sequence[str], *, limit: int = 30) -> list[tuple[str, str, int]]:
        """(entity id, name, mentions) of the people named in these events, most mentioned first."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.people(conn, list(event_ids), limit)

    def review_log(self, *, limit: int = 50, offset: int = 0) -> Page[ReviewView]:
        """Every analyst decision (reviews and merges), newest first."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.review_log(conn, limit, offset)

    def counts(self) -> dict[str, int]:
        """Numbers of events by type (``accord``, ``meeting``, ...) and of ``documents``."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.counts(conn)

    def event_for_record(self, record_id: str) -> str | None:
        """The event a record belongs to; None when no record has that id."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.event_for_record(conn, record_id)

    def document_texts(self, document_ids: Sequence[str]) -> dict[str, tuple[str, str | None]]:
        """(text, title) of documents by id, in one query; unknown ids are left out."""
        with store_errors(self.url), read_conn(self.engine) as conn:
            return queries.document_texts(conn, list(document_ids))

    def iter_events(self, filters: EventFilters | None = None, *, batch: int = 500) -> Iterator[EventDetail]:
        """Every event matching the filters, in full (for exports)."""
        f = filters or EventFilters()
        offset = 0
        while True:
            page = self.events(
                EventFilters(**{**f.to_dict(), "parties": f.parties, "limit": batch, "offset": offset})
            )
            for s in page.items:
                yield self.event(s.id)
            offset += batch
            if offset >= page.total:
                return

    def export(self, format: str, out: IO[str], filters: EventFilters | None = None) -> int:
        """Write events as csv, jsonl, ftm or plover; returns the number of lines/entities."""
        from pactwatch.export import write_export

        return write_export(self, format, out, filters)

    def upgrade(self) -> tuple[str | None, str]:
        return schema.upgrade(self.engine, self.url)


def _who(who: str) -> str:
    if not who or not who.strip():
        raise UsageError("say who made the decision (who=...)")
    return who.strip()


def _filters(kw: dict[str, Any]) -> dict[str, Any]:
    if "parties" in kw:
        kw["parties"] = tuple(kw["parties"] or ())
    unknown = set(kw) - set(EventFilters.__dataclass_fields__)
    if unknown:
        raise UsageError(f"unknown event filter(s): {', '.join(sorted(unknown))}")
    return kw
