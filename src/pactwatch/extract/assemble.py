"""One record per event: merge candidate mentions of the same accord, meeting or mechanism.

Anaphoric mentions ("the deal", "this MoU", "the meeting") join the nearest earlier
record of their type; titled mentions join a record with the same title or acronym,
the same specific kind and parties, the same money value, or the same date and kind.
Merging unions the evidence spans and fills fields the first mention left empty.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pactwatch.extract.accords import orphan_quantities
from pactwatch.extract.analysis import DocAnalysis
from pactwatch.extract.candidates import Candidate
from pactwatch.extract.people import PersonEntity
from pactwatch.model import Amends, Record
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
ROLE_PLURAL_RE = re.compile(r"\b(?:the\s+)?(?:two|both)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*?)s\b")


def _norm(title: str | None) -> str:
    t = (title or "").lower()
    t = re.sub(r"\([^)]*\)", " ", t)
    t = re.sub(r"\b(?:the|a|an|new|landmark|major|historic|this|these|that)\b", " ", t)
    return " ".join(re.findall(r"[a-z0-9]+", t))


def _merge(into: Candidate, other: Candidate) -> None:
    for s in other.spans:
        into.add_span(*s)
    if other.evidence_only:
        return
    for name in FILL:
        if getattr(into, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(into, name, getattr(other, name))
            if name == "date":
                into.date_default = other.date_default
    if into.date_default and other.date and not other.date_default:
        into.date, into.date_default = other.date, False
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
    na, nb = _norm(a.title), _norm(b.title)
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
                _merge(target, c)
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
            _merge(target, c)
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
            _merge(c, prev)
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
            _merge(host, c)
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


def event_date(doc: DocAnalysis, records: list[Candidate]) -> str | None:
    """The day the article reports on: the first explicit day date of a signing or a meeting held
    within two weeks before publication ("on Tuesday"), else the publication date."""
    if doc.published is None:
        return None
    pub = doc.published.isoformat()
    lo = (doc.published - timedelta(days=14)).isoformat()
    for c in sorted(records, key=lambda c: c.anchor):
        if (
            c.status in {"signed", "held"}
            and c.date
            and not c.date_default
            and len(c.date) == 10
            and lo <= c.date <= pub
        ):
            return c.date
    return pub


def _apply_event_date(doc: DocAnalysis, records: list[Candidate]) -> None:
    day = event_date(doc, records)
    for c in records:
        if c.date_default and day:
            c.date = day


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
        if o.kind == c.kind or c.kind in GENERIC_KINDS or o.kind in GENERIC_KINDS:
            return o
    return out[-1] if out else None


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
            _merge(target, c)
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
    if family.get(a.kind or "", "meeting") != family.get(b.kind or "", "meeting") and _norm(a.title) != _norm(
        b.title
    ):
        if not (a.anaphoric or b.anaphoric) and len(set(a.named_people) & set(b.named_people)) < 2:
            return False
    if a.ordinal and b.ordinal:
        return a.ordinal == b.ordinal and (a.kind == b.kind or "summit" in {a.kind, b.kind})
    if _norm(a.title) and _norm(a.title) == _norm(b.title):
        return True
    names_a, names_b = set(a.named_people), set(b.named_people)
    if names_a & names_b:
        return True
    if a.kind == b.kind == "summit" and set(a.parties) == set(b.parties) and a.parties:
        return True
    if a.kind == b.kind and a.place and a.place == b.place and not (a.named_people and b.named_people):
        return True
    return bool((a.ordinal or b.ordinal) and a.kind == b.kind and set(a.parties) == set(b.parties))


def _proper(title: str | None) -> bool:
    return bool(title) and sum(1 for w in (title or "").split() if w[:1].isupper()) >= 2


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


def merge_mechanisms(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.anchor):
        target = None
        for o in out:
            if (
                _norm(o.title) == _norm(c.title)
                or (o.acronym and c.acronym == o.acronym)
                or (_norm(c.title) and _norm(c.title) in _norm(o.title))
                or (_norm(o.title) and _norm(o.title) in _norm(c.title))
                or (o.acronym and c.title and re.search(rf"\b{re.escape(o.acronym)}\b", c.title))
            ):
                target = o
                break
        if target is not None:
            if c.title and len(c.title) > len(target.title or ""):
                target.title = c.title
            _merge(target, c)
        else:
            out.append(c)
    return out


COLLECTIVE_RE = re.compile(
    r"\b(?:the\s+two|both)\s+(?:leaders|ministers|sides|delegations|heads\s+of\s+(?:state|government)|"
    r"(?:foreign|defen[cs]e|trade)\s+ministers|prime\s+ministers|presidents|secretaries)|\bthe\s+co-?chairs\b",
    re.I,
)


def _collective_signers(doc: DocAnalysis, accords: list[Candidate], meetings: list[Candidate]) -> None:
    """ "The two leaders signed ...": the signers are the people of the meeting just before."""
    for a in accords:
        if a.status != "signed" or a.people:
            continue
        for s, e in a.spans:
            m = COLLECTIVE_RE.search(doc.text[s:e])
            if not m or not re.search(r"\bsign", doc.text[s + m.end() : e]):
                continue
            prior = [mt for mt in meetings if mt.anchor < s + m.start() and mt.people]
            if prior:
                a.people = list(dict.fromkeys(prior[-1].people))
                break


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


def assemble(doc: DocAnalysis, cands: list[Candidate]) -> list[Record]:
    accords = merge_accords(doc, [c for c in cands if c.type == "accord"])
    orphan_quantities(doc, accords)
    titles = [
        (c.title_start, c.title_end)
        for c in cands
        if c.type == "accord" and c.title_start >= 0 and not c.anaphoric
    ]
    meetings = merge_meetings(
        doc, [c for c in cands if c.type == "meeting" and not any(s < c.anchor < e for s, e in titles)]
    )
    mechanisms = merge_mechanisms([c for c in cands if c.type == "mechanism"])
    infer_roles(doc, meetings)
    statements = [c for c in cands if c.type == "statement"]
    _apply_event_date(doc, [*accords, *meetings, *statements])
    _collective_signers(doc, accords, meetings)
    records = [
        c.to_record(doc)
        for c in sorted([*accords, *meetings, *statements, *mechanisms], key=lambda c: c.anchor)
    ]
    return records
