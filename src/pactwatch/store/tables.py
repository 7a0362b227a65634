"""The knowledge base schema as SQLAlchemy Core tables (documented in docs/store.md).

Provenance lives at the atom: every record, statement (one field value of a
record), evidence span, alias and role row names its document, and carries
``first_seen``/``last_seen``. Ids are hashes of key fields, so writing the same
fact twice is harmless. Events are the merged view over records; they are
recomputed from their member records whenever membership changes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = 64  # hashed ids are short hex strings; names and sources can be long text

documents = Table(
    "documents",
    metadata,
    Column("id", String(ID), primary_key=True),  # sha256 of the text (content hash)
    Column("source", Text, nullable=False),  # exactly as `pactwatch extract` prints it
    Column("url", Text),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("extractor", String(128), nullable=False),
    Column("n_records", Integer, nullable=False, default=0),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_documents_published", documents.c.published)

records = Table(
    "records",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("document_id", String(ID), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),  # position within the document's records
    Column("type", String(16), nullable=False),
    Column("kind", Text),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),  # YYYY, YYYY-MM or YYYY-MM-DD as extracted
    Column("day", Integer),  # effective date (date, else publication) as a proleptic ordinal
    Column("parties", Text, nullable=False, default=""),  # sorted, ';'-joined
    Column("title", Text),
    Column("item", Text),
    Column("quantity", Integer),
    Column("place", Text),
    Column("quote", Text),
    Column("speaker", Text),
    Column("recurrence", String(32)),
    Column("ordinal", Integer),
    Column("confidence", Float, nullable=False, default=0.5),
    Column("extractor", String(128), nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("data", JSON, nullable=False),  # the record exactly as the contract gives it
    Column("event_id", String(ID)),
    Column("role", String(16), nullable=False, default="report"),  # report | update
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_records_document", records.c.document_id)
Index("ix_records_event", records.c.event_id)
Index("ix_records_block", records.c.type, records.c.day)

record_parties = Table(
    "record_parties",
    metadata,
    Column("record_id", String(ID), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("party", String(200), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("day", Integer),
)
Index("ix_record_parties_block", record_parties.c.party, record_parties.c.type, record_parties.c.day)

statements = Table(
    "statements",
    metadata,
    Column("id", String(ID), primary_key=True),  # hash(record, prop, value)
    Column("record_id", String(ID), ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(ID), nullable=False),
    Column("prop", String(32), nullable=False),
    Column("value", Text, nullable=False),  # JSON text of the value
    Column("extractor", String(128), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_statements_record", statements.c.record_id)

evidence = Table(
    "evidence",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("record_id", String(ID), ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(ID), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("extractor", String(128), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_evidence_record", evidence.c.record_id)

entities = Table(
    "entities",
    metadata,
    Column("id", String(ID), primary_key=True),  # country:IND, person:<hash>, org:<hash>
    Column("kind", String(16), nullable=False),  # country | person | organization
    Column("name", Text, nullable=False),
    Column("key", String(200), nullable=False),  # blocking key (surname, first org token, ISO code)
    Column("country", String(8)),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_entities_key", entities.c.kind, entities.c.key)

aliases = Table(
    "aliases",
    metadata,
    Column("entity_id", String(ID), ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(300), primary_key=True),
    Column("document_id", String(ID)),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("entity_id", String(ID), nullable=False),
    Column("record_id", String(ID), ForeignKey("records.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", String(ID), nullable=False),
    Column("name", Text, nullable=False),  # as written
    Column("prop", String(32), nullable=False),  # party | participant | speaker | via
    Column("role", Text),  # "Defence Minister": roles over time come from (role, day)
    Column("day", Integer),
    Column("first_seen", DateTime(timezone=True), nullable=False),
)
Index("ix_mentions_entity", mentions.c.entity_id)
Index("ix_mentions_record", mentions.c.record_id)

events = Table(
    "events",
    metadata,
    Column("id", String(ID), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("kind", Text),
    Column("status", String(16)),
    Column("date", String(10)),
    Column("day", Integer),
    Column("parties", Text, nullable=False, default=""),
    Column("title", Text),
    Column("item", Text),
    Column("quantity", Integer),
    Column("place", Text),
    Column("n_records", Integer, nullable=False, default=0),
    Column("n_sources", Integer, nullable=False, default=0),
    Column("next_due", String(10)),  # mechanisms: when the next session is due
    Column("period_end", String(10)),
    Column("search_text", Text, nullable=False, default=""),
    Column("data", JSON, nullable=False),  # merged fields, values per source, preference reasons
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_events_type_day", events.c.type, events.c.day)
# listing newest first, and the filters' counts read from indexes (migration 0007)
Index("ix_events_day", events.c.day, events.c.id)
Index("ix_events_type_status_date", events.c.type, events.c.status, events.c.date)
Index("ix_events_status_date", events.c.status, events.c.date)
Index("ix_events_date", events.c.date)
Index("ix_events_next_due", events.c.next_due)
Index("ix_events_period_end", events.c.period_end)
Index("ix_events_parties", events.c.parties)

event_parties = Table(
    "event_parties",
    metadata,
    Column("event_id", String(ID), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("party", String(200), primary_key=True),
    Column("type", String(16)),  # the event's type and day: the blocks links are looked for in
    Column("day", Integer),
)
Index("ix_event_parties_party_day", event_parties.c.party, event_parties.c.day, event_parties.c.event_id)
Index(
    "ix_event_parties_block",
    event_parties.c.party,
    event_parties.c.type,
    event_parties.c.day,
    event_parties.c.event_id,
)

event_aliases = Table(  # an event id that was merged into another keeps resolving
    "event_aliases",
    metadata,
    Column("old_id", String(ID), primary_key=True),
    Column("event_id", String(ID), nullable=False),
)

links = Table(
    "links",
    metadata,
    Column("from_event", String(ID), primary_key=True),
    Column("relation", String(16), primary_key=True),  # fulfils | amends | session_of | update_of
    Column("to_event", String(ID), primary_key=True),
    Column("reason", Text),
)
Index("ix_links_to", links.c.to_event)

status_updates = Table(
    "status_updates",
    metadata,
    Column("record_id", String(ID), ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(ID), nullable=False),
    Column("date", String(10)),
    Column("status", String(32), nullable=False),  # signed, production started, first deliveries, ...
    Column("evidence", Text),
)
Index("ix_status_updates_event", status_updates.c.event_id)

judgements = Table(  # analyst decisions; keyed by record ids, which survive re-ingestion
    "judgements",
    metadata,
    Column("a", String(ID), primary_key=True),
    Column("b", String(ID), primary_key=True),
    Column("judgement", String(16), nullable=False),  # same | different
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_judgements_b", judgements.c.b)

reviews = Table(  # the review log: who changed what, when, before and after
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(ID), nullable=False),
    Column("action", String(32), nullable=False),
    Column("changes", JSON, nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
Index("ix_reviews_target", reviews.c.target)

overrides = Table(  # the analyst's field values, applied on every event rebuild
    "overrides",
    metadata,
    Column("target", String(ID), primary_key=True),  # record id (survives re-ingest) or event id
    Column("prop", String(32), primary_key=True),
    Column("value", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)
