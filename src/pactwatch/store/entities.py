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
    """The entity id for the person or organisation ``name``: an existing one that
    matches (its aliases included), else a new one; the name is kept as an alias."""
    key = names.entity_key(kind, name)
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
        conn.execute(
            update(t.entities)
            .where(t.entities.c.id == eid)
            .values(
                name=names.better_name(kind, current, name),
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


def _mention_id(record_id: str, prop: str, name: str) -> str:
    return hashlib.sha256(f"{record_id}|{prop}|{name}".encode()).hexdigest()[:32]


class MentionWriter:
    """Resolves the names of many records and writes their mentions together.

    Countries need no matching: their entity and alias rows are gathered and written in
    one statement each at ``flush``. People and organisations are matched against the
    store as they come (a new one must be visible to the next name); a name seen before
    in this batch reuses its entity."""

    def __init__(self, conn: Connection, now: datetime) -> None:
        self.conn = conn
        self.now = now
        self._resolved: dict[tuple[str, str, str | None], str] = {}
        self._countries: dict[str, dict[str, Any]] = {}
        self._aliases: dict[tuple[str, str], dict[str, Any]] = {}
        self._mentions: dict[str, dict[str, Any]] = {}

    def add(self, record_id: str, doc_id: str, data: dict[str, Any], day: int | None) -> None:
        for kind, name, prop, role, country in _names_of(data):
            eid = self._entity(kind, name, country, doc_id)
            mid = _mention_id(record_id, prop, name)
            self._mentions.setdefault(
                mid,
                {
                    "id": mid,
                    "entity_id": eid,
                    "record_id": record_id,
                    "document_id": doc_id,
                    "name": name,
                    "prop": prop,
                    "role": role,
                    "day": day,
                    "first_seen": self.now,
                },
            )

    def _entity(self, kind: EntityKind, name: str, country: str | None, doc_id: str) -> str:
        if kind != "country":
            key = (kind, name, country)
            if key not in self._resolved:
                self._resolved[key] = resolve_entity(self.conn, kind, name, country, doc_id, self.now)
            return self._resolved[key]
        eid = names.entity_id("country", name)
        self._countries.setdefault(
            eid,
            {
                "id": eid,
                "kind": kind,
                "name": names.country_name(name),
                "key": names.entity_key(kind, name),
                "country": name.upper(),
                "first_seen": self.now,
                "last_seen": self.now,
            },
        )
        alias = name[:300]
        self._aliases.setdefault(
            (eid, alias),
            {
                "entity_id": eid,
                "alias": alias,
                "document_id": doc_id,
                "first_seen": self.now,
                "last_seen": self.now,
            },
        )
        return eid

    def flush(self) -> None:
        insert_ignore(self.conn, t.entities, list(self._countries.values()))
        upsert(self.conn, t.aliases, list(self._aliases.values()), update=["last_seen"])
        insert_ignore(self.conn, t.mentions, list(self._mentions.values()))
        self._countries.clear()
        self._aliases.clear()
        self._mentions.clear()
