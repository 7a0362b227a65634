"""An entity's events: a country's are the events it is a party to (from the party
index), a person's are the events of the records that name them."""

from __future__ import annotations

from pactwatch.register import Register
from pactwatch.store.views import EventFilters


def test_country_and_person_events(db_url: str, merge_corpus) -> None:
    reg = Register(db_url)
    reg.ingest_extractions(merge_corpus[0])
    countries = reg.entities(kind="country", limit=100).items
    assert countries
    for c in countries:
        detail = reg.entity(c.id)
        assert detail.roles == ()
        by_party = reg.events(EventFilters(parties=(c.country,), limit=500)).items
        assert {e.id for e in detail.events} == {e.id for e in by_party}
        days = [e.date or "" for e in detail.events if e.date]
        assert days == sorted(days)
    people = reg.entities(kind="person", limit=100).items
    assert people
    for p in people:
        detail = reg.entity(p.id)
        assert detail.events, p.name
        named = {
            e.id
            for e in detail.events
            if any(
                p.name in str(reg.event(e.id).to_dict()) or a in str(reg.event(e.id).to_dict())
                for a in p.aliases
            )
        }
        assert named == {e.id for e in detail.events}
