"""Resolve the names of a record (parties, participants, speaker, implementing company)
to entities in the store, keeping every alias and each mention's role and date."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from pactwatch.resolve import names
from pactwatch.resolve.names import Candidate, EntityKind
from pactwatch.store import tables as t
from pactwatch.store.engine import insert_ignore, upsert


def _names_of(data: dict[str, Any]) -> list[tuple[EntityKind, str, str, str | None, str | None]]:
    """(kind, name, prop, role, country) of every name in a contract record."""
    out: list[tuple[EntityKind, str, str, str | None, str | None]] = []
    for p in data.get("parties") or ():
        out.append((names.party_kind(p), p, "party", None, None))
    for person in data.get("participants") or ():
        if person.get("name"):
            out.append(("person", person["name"], "participant", person.get("role"), person.get("country")))
    sp = data.get("speaker")
    if sp and sp.get("name"):
        out.append(("person", sp["name"], "speaker", sp.get("role"), sp.get("country")))
    if data.get("via"):
        out.append(("organization", data["via"], "via", None, None))
    return out


def resolve_entity(
    conn: Connection, kind: EntityKind, name: str, country: str | None, doc_id: str, now: datetime
) -> str:
    """The entity id for ``name``: an existing one that matches, else a new one."""
    key = names.entity_key(kind, name)
    if kind == "country":
        eid = names.entity_id("country", name)
        insert_ignore(
            conn,
            t.entities,
            [
                {
                    "id": eid,
                    "kind": kind,
                    "name": names.country_name(name),
                    "key": key,
                    "country": name.upper(),
                    "first_seen": now,
                    "last_seen": now,
                }
            ],
        )
    else:
        rows = conn.execute(
            select(t.entities.c.id, t.entities.c.name, t.entities.c.country)
            .where(t.entities.c.kind == kind, t.entities.c.key == key)
            .limit(200)
        ).all()
        alias_rows = (
            conn.execute(
                select(t.aliases.c.entity_id, t.aliases.c.alias).where(
                    t.aliases.c.entity_id.in_([r.id for r in rows])
                )
            ).all()
            if rows
            else []
        )
        al: dict[str, list[str]] = {}
        for a in alias_rows:
            al.setdefault(a.entity_id, []).append(a.alias)
        cands = [Candidate(r.id, r.name, tuple(al.get(r.id, ())), r.country) for r in rows]
        found = names.match(kind, name, cands, country)
        if found is None:
            eid = names.entity_id(kind, name)
            insert_ignore(
                conn,
                t.entities,
                [
                    {
                        "id": eid,
                        "kind": kind,
                        "name": name,
                        "key": key,
                        "country": country,
                        "first_seen": now,
                        "last_seen": now,
                    }
                ],
            )
        else:
            eid = found
            current = next(c.name for c in cands if c.id == eid)
            better = names.better_name(kind, current, name)
            conn.execute(
                update(t.entities)
                .where(t.entities.c.id == eid)
                .values(
                    name=better,
                    last_seen=now,
                    country=country or next(c.country for c in cands if c.id == eid),
                )
            )
    upsert(
        conn,
        t.aliases,
        [{"entity_id": eid, "alias": name[:300], "document_id": doc_id, "first_seen": now, "last_seen": now}],
        update=["last_seen"],
    )
    return eid


def add_mentions(
    conn: Connection, record_id: str, doc_id: str, data: dict[str, Any], day: int | None, now: datetime
) -> None:
    rows = []
    for kind, name, prop, role, country in _names_of(data):
        eid = resolve_entity(conn, kind, name, country, doc_id, now)
        mid = hashlib.sha256(f"{record_id}|{prop}|{name}".encode()).hexdigest()[:32]
        rows.append(
            {
                "id": mid,
                "entity_id": eid,
                "record_id": record_id,
                "document_id": doc_id,
                "name": name,
                "prop": prop,
                "role": role,
                "day": day,
                "first_seen": now,
            }
        )
    insert_ignore(conn, t.mentions, rows)
