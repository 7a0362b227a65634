"""Merging mentions of one meeting, and filling in its participants.

Anaphoric mentions ("the talks") join the nearest earlier meeting; others join a meeting
with the same status, compatible date, place and kind and the same title or people.
A following "represented by ..." sentence adds people to a meeting, and participants'
missing roles and countries are inferred from the group ("the two Defence Ministers")
and the meeting's parties.
"""

from __future__ import annotations

import re

from pactwatch.extract.analysis import DocAnalysis
from pactwatch.extract.candidates import Candidate
from pactwatch.extract.merge import merge_into, norm_title
from pactwatch.extract.people import PersonEntity

ROLE_PLURAL_RE = re.compile(r"\b(?:the\s+)?(?:two|both)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*?)s\b")


def merge_meetings(doc: DocAnalysis, cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.anchor):
        target = None
        if c.anaphoric:
            target = next((o for o in reversed(out) if o.status == c.status or not c.status), None)
            if target is None:
                continue  # "the talks" with nothing before them to refer to
        else:
            target = next((o for o in reversed(out) if _same_meeting(doc, o, c)), None)
        if target is not None:
            merge_into(target, c)
        else:
            out.append(c)
    _continuations(doc, out)
    return out


def _same_meeting(doc: DocAnalysis, a: Candidate, b: Candidate) -> bool:
    if a.status != b.status:
        return False
    if (
        a.date
        and b.date
        and not (a.date.startswith(b.date) or b.date.startswith(a.date))
        and not (a.date_default or b.date_default)
    ):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    family = {"call": "call", "visit": "visit", "summit": "summit"}
    if family.get(a.kind or "", "meeting") != family.get(b.kind or "", "meeting") and norm_title(
        a.title
    ) != norm_title(b.title):
        if not (a.anaphoric or b.anaphoric) and len(set(a.named_people) & set(b.named_people)) < 2:
            return False
    if a.ordinal and b.ordinal:
        return a.ordinal == b.ordinal and (a.kind == b.kind or "summit" in {a.kind, b.kind})
    if norm_title(a.title) and norm_title(a.title) == norm_title(b.title):
        return True
    names_a, names_b = set(a.named_people), set(b.named_people)
    if names_a & names_b:
        return True
    if a.kind == b.kind == "summit" and set(a.parties) == set(b.parties) and a.parties:
        return True
    if a.kind == b.kind and a.place and a.place == b.place and not (a.named_people and b.named_people):
        return True
    return bool((a.ordinal or b.ordinal) and a.kind == b.kind and set(a.parties) == set(b.parties))


def _continuations(doc: DocAnalysis, meetings: list[Candidate]) -> None:
    """ "Japan was represented by Prime Minister Shinzo Abe." adds people to the meeting just before."""
    for m in meetings:
        for span_start, _ in list(m.spans):
            info = doc.sentence_at(span_start)
            if info is None or info.sent.index + 1 >= len(doc.sentences):
                continue
            s = doc.sentences[info.sent.index + 1]
            if re.search(r"\b(?:represented\s+by|joined\s+by|accompanied\s+by)\b", s.text) and s.people:
                m.people.extend(pm.entity for pm in s.people if pm.entity not in m.people)
                m.add_span(s.start, s.sent.end)


def infer_roles(doc: DocAnalysis, meetings: list[Candidate]) -> None:
    """Fill participants' missing roles and countries from what the text says about the group
    ("the two Defence Ministers", "his counterpart") and from the meeting's parties."""
    plural_roles = []
    for m in ROLE_PLURAL_RE.finditer(doc.text):
        plural_roles.append(m.group(1))
    for meet in meetings:
        people: list[PersonEntity] = [doc.people[i] for i in dict.fromkeys(meet.people)]
        if len(people) == 2:
            known = [p.role for p in people if p.role]
            for p in people:
                if p.role is None:
                    shared = next(
                        (r for r in plural_roles if any(k and k.lower() == r.lower() for k in known)), None
                    )
                    if shared:
                        p.role = shared
        missing = [p for p in people if p.country is None]
        if missing:
            covered = {p.country for p in people if p.country}
            rest = [c for c in meet.parties if c not in covered]
            if len(missing) == 1 and len(rest) == 1:
                missing[0].country = rest[0]
