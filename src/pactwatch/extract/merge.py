"""Merging mentions of one accord into one record.

Anaphoric mentions ("the deal", "this MoU") join the nearest earlier accord; titled
mentions join an accord with the same title or acronym, the same specific kind and
parties, the same money value, or the same date and kind. Merging (``merge_into``,
shared by all record types) unions the evidence spans and fills fields the first
mention left empty.
"""

from __future__ import annotations

import re

from pactwatch.extract.analysis import DocAnalysis
from pactwatch.extract.candidates import Candidate
from pactwatch.model import Amends
from pactwatch.status_order import stronger_status

GENERIC_KINDS = frozenset({"agreement", "contract", "document", "programme"})
FILL = (
    "date",
    "title",
    "quantity",
    "item",
    "count",
    "value",
    "via",
    "period",
    "amends",
    "place",
    "ordinal",
    "recurrence",
    "kind",
)


def norm_title(title: str | None) -> str:
    t = (title or "").lower()
    t = re.sub(r"\([^)]*\)", " ", t)
    t = re.sub(r"\b(?:the|a|an|new|landmark|major|historic|this|these|that)\b", " ", t)
    return " ".join(re.findall(r"[a-z0-9]+", t))


def merge_into(into: Candidate, other: Candidate) -> None:
    for s in other.spans:
        into.add_span(*s)
    if other.evidence_only:
        return
    for name in FILL:
        if getattr(into, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(into, name, getattr(other, name))
            if name == "date":
                into.date_default = other.date_default
    same_status = not other.status or not into.status or other.status == into.status
    if (
        (into.date_default or into.date_weak)
        and other.date
        and not (other.date_default or other.date_weak)
        and same_status  # "The contract, signed in March 2023, was terminated": not the cancellation's date
    ):
        into.date, into.date_default, into.date_weak = other.date, False, False
    if other.status and (not into.status or stronger_status(other.status, into.status)):
        into.status = other.status
        if other.date:
            into.date = other.date
    for p in other.parties:
        if p not in into.parties and len(into.parties) < 2:
            into.parties.append(p)
    into.people.extend(i for i in other.people if i not in into.people)
    into.named_people.extend(i for i in other.named_people if i not in into.named_people)
    roles = {p.role for p in into.unnamed}
    into.unnamed.extend(p for p in other.unnamed if p.role not in roles)
    into.fields.extend(f for f in other.fields if f not in into.fields)
    into.acronym = into.acronym or other.acronym
    into.confidence = min(0.95, max(into.confidence, other.confidence) + 0.05)


def _same_accord(a: Candidate, b: Candidate) -> bool:
    na, nb = norm_title(a.title), norm_title(b.title)
    if na and na == nb:
        return True
    if a.acronym and b.acronym and a.acronym == b.acronym and len(a.acronym) >= 3:
        return True
    if (
        a.acronym
        and b.title
        and len(b.title.split()) <= 3
        and re.search(rf"\b{re.escape(a.acronym)}\b", b.title)
    ):
        return True
    if (
        b.acronym
        and a.title
        and len(a.title.split()) <= 3
        and re.search(rf"\b{re.escape(b.acronym)}\b", a.title)
    ):
        return True
    if a.value and b.value and a.value == b.value:
        return True
    if a.count is not None and a.count == b.count and a.kind == b.kind:
        return True
    if (
        a.kind == b.kind
        and a.kind not in GENERIC_KINDS
        and a.kind not in {"mou", "protocol", "treaty"}
        and set(a.parties) == set(b.parties)
        and a.amends is None
        and b.amends is None
    ):
        return True
    return bool(
        a.date
        and a.date == b.date
        and len(a.date) == 10
        and a.kind == b.kind
        and a.status == b.status
        and a.status == "signed"
        and a.count is None
        and b.count is None
        and a.kind in {"mou", "treaty"}
    )


def merge_accords(doc: DocAnalysis, cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.anchor):
        if c.kind == "supplement" and c.amends is None and out:
            base = next(
                (
                    o
                    for o in reversed(out)
                    if o.kind
                    in {"mou", "agreement", "treaty", "contract", "protocol", "convention", "arrangement"}
                    and o.title
                ),
                None,
            )
            if base is not None:
                c.amends = Amends(base.title, base.date)
                c.title = f"supplement to the {base.title}" if c.title in (None, "supplement") else c.title
                c.anaphoric = False
        if c.anaphoric:
            target = _antecedent(out, c)
            if target is not None:
                merge_into(target, c)
                continue
            if not c.status or c.status == "ongoing":
                continue
            c.anaphoric = False
        target = next((o for o in reversed(out) if _same_accord(o, c)), None)
        if target is None and out:
            prev = out[-1]
            # "signed a new agreement today ... The Acquisition and Cross Servicing Agreement is ..."
            if _untitled(prev) and c.title and not c.status and c.anchor - prev.anchor < 400:
                prev.title = None
                target = prev
            elif (
                _untitled(c)
                and c.status
                and prev.anchor // 1
                and _sentence_of(doc, prev) == _sentence_of(doc, c)
                and prev.anchor > c.anchor
            ):
                target = prev
        if target is not None:
            merge_into(target, c)
            continue
        out.append(c)
    # an untitled accord followed in the same sentence by a titled one:
    # "Another agreement was signed on Protocol ..."
    merged: list[Candidate] = []
    for c in out:
        if merged and _bare(merged[-1]) and c.title and _sentence_of(doc, merged[-1]) == _sentence_of(doc, c):
            prev = merged.pop()
            status = prev.status or c.status
            prev.title = None
            merge_into(c, prev)
            c.status = status
        merged.append(c)
    # mentions that say nothing about status ("the landmark deal between X and Y" in a sub-heading)
    # describe an accord reported elsewhere in the document
    described = [c for c in merged if c.status]
    for c in merged:
        if c.status:
            continue
        host = next((o for o in described if _compatible(o, c)), None)
        if host is not None:
            merge_into(host, c)
            c.status = "__merged__"
    merged = [c for c in merged if c.status != "__merged__"]
    final = []
    for c in merged:
        if not c.status:
            if c.kind == "declaration":
                c.status = "signed"
            elif c.title and any(w[:1].isupper() for w in c.title.split()):
                c.status = "ongoing"
            else:
                continue
        if c.status == "signed" and not c.date and doc.published:
            c.date = doc.published.isoformat()
            c.date_default = True
        final.append(c)
    return final


def _untitled(c: Candidate) -> bool:
    if not c.title:
        return True
    words = c.title.split()
    return len(words) <= 3 and not any(w[:1].isupper() for w in words) and c.count is None and not c.quantity


def _bare(c: Candidate) -> bool:
    words = [w for w in (c.title or "").lower().split() if w not in {"another", "an", "a", "the", "new"}]
    return len(words) <= 1 and c.count is None


def _compatible(host: Candidate, c: Candidate) -> bool:
    """Can a mention that says nothing about status describe ``host``?"""
    for name in ("value", "count", "quantity"):
        a, b = getattr(c, name), getattr(host, name)
        if a is not None and b is not None and a != b:
            return False
    if c.kind not in GENERIC_KINDS and host.kind not in GENERIC_KINDS and c.kind != host.kind:
        return False
    if c.parties and host.parties and not set(c.parties) & set(host.parties):
        return False
    if (c.value is not None and host.value == c.value) or (c.count is not None and host.count == c.count):
        return True
    return not c.named


def _sentence_of(doc: DocAnalysis, c: Candidate) -> int:
    s = doc.sentence_at(c.anchor)
    return s.sent.index if s else -1


def _antecedent(out: list[Candidate], c: Candidate) -> Candidate | None:
    same = [o for o in out if _same_accord(o, c)]
    if same:
        return same[-1]
    for o in reversed(out):
        if o.kind == c.kind or c.kind in GENERIC_KINDS:
            return o  # "the declaration" refers to a declaration; "the agreement" to any accord
    return None
