"""FollowTheMoney export (one entity a line, as Aleph and OpenSanctions tools read):
accords -> Contract, meetings and statements -> Event, mechanisms -> PublicBody,
parties -> Organization (states as ``country``), people -> Person, each source
document -> Article, and Documentation linking the article to what it reports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from pactwatch.errors import UsageError
from pactwatch.resolve.names import country_name, is_country
from pactwatch.store.views import EventDetail

PREFIX = "pactwatch"


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as e:  # pragma: no cover - optional dependency
        raise UsageError(
            "the ftm export needs the followthemoney package (pip install followthemoney)"
        ) from e
    return model


def entities_of(ev: EventDetail) -> Iterator[Any]:
    """The FollowTheMoney entities of one event."""
    model = _model()
    f, s = ev.fields, ev.summary
    schema = {"accord": "Contract", "meeting": "Event", "statement": "Event", "mechanism": "PublicBody"}[
        s.type
    ]
    main = model.make_entity(schema)
    main.make_id(PREFIX, "event", s.id)
    name = f.get("title") or " ".join(
        x for x in (f.get("kind") or s.type, "between", ", ".join(country_name(p) for p in s.parties)) if x
    )
    countries = [p for p in s.parties if is_country(p)]
    orgs = [p for p in s.parties if not is_country(p)]
    people: list[Any] = []
    for person in [*(f.get("participants") or ()), *([f["speaker"]] if f.get("speaker") else [])]:
        if not person or not person.get("name"):
            continue
        p = model.make_entity("Person")
        p.make_id(PREFIX, "person", person["name"])
        p.add("name", person["name"])
        p.add("position", person.get("role"))
        p.add("country", person.get("country"), quiet=True)
        people.append(p)
    org_entities = []
    for org in orgs + ([f["via"]] if f.get("via") else []):
        o = model.make_entity("Organization")
        o.make_id(PREFIX, "org", org)
        o.add("name", org)
        org_entities.append(o)
    main.add("country", countries, quiet=True)
    main.add("summary", f.get("quote"))
    main.add("description", f"pactwatch event {s.id}: {s.type}, {f.get('status')}")
    if schema == "Contract":
        main.add("title", name)
        main.add("type", f.get("kind"))
        main.add("status", ev.summary.current_status or f.get("status"))
        main.add("contractDate", f.get("date"), quiet=True)
        value = f.get("value") or {}
        main.add("amount", value.get("amount"))
        main.add("currency", value.get("currency"), quiet=True)
        for o in org_entities:
            link = model.make_entity("UnknownLink")
            link.make_id(PREFIX, "party", s.id, o.id)
            link.add("subject", o.id)
            link.add("object", main.id)
            link.add("role", "implementing company" if o.get("name")[0] == f.get("via") else "party")
            yield link
    elif schema == "Event":
        main.add("name", name)
        main.add("date", f.get("date"), quiet=True)
        main.add("location", f.get("place"))
        main.add("involved", [x.id for x in people + org_entities])
    else:
        main.add("name", name)
        main.add("topics", "gov.igo", quiet=True)
    yield main
    yield from people
    yield from org_entities
    for src in ev.sources:
        art = model.make_entity("Article")
        art.make_id(PREFIX, "document", src.document_id)
        art.add("title", src.source)
        art.add("sourceUrl", src.url, quiet=True)
        art.add("publisher", src.outlet)
        art.add("publishedAt", src.published, quiet=True)
        yield art
        doc = model.make_entity("Documentation")
        doc.make_id(PREFIX, "documentation", src.record_id)
        doc.add("document", art.id)
        doc.add("entity", main.id)
        doc.add("role", "source" if src.role == "report" else "status update")
        doc.add("summary", " … ".join(e.text for e in src.evidence)[:4000], quiet=True)
        yield doc


def write_ftm(events: Iterable[EventDetail], out: IO[str]) -> int:
    seen: set[str] = set()
    n = 0
    for ev in events:
        for ent in entities_of(ev):
            if ent.id in seen and ent.schema.name in ("Person", "Organization", "Article"):
                continue
            seen.add(ent.id)
            out.write(json.dumps(ent.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
