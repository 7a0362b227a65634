"""One record per event: merge candidate mentions of the same accord, meeting or mechanism.

Accords are merged by ``merge.py`` and meetings by ``meeting_merge.py``; mechanisms with
the same title or acronym are merged here. The assembler then gives records the day the
article reports on when their date was only the publication date, names the signers of
"the two leaders signed ..." from the meeting before, and turns candidates into records.
"""

from __future__ import annotations

import re
from datetime import timedelta

from pactwatch.extract.accord_fields import orphan_quantities
from pactwatch.extract.analysis import DocAnalysis
from pactwatch.extract.candidates import Candidate
from pactwatch.extract.meeting_merge import infer_roles, merge_meetings
from pactwatch.extract.merge import merge_accords, merge_into, norm_title
from pactwatch.model import Record


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


DURING_RE = re.compile(
    r"\b(?:during|at|on\s+the\s+sidelines\s+of)\s+(?:the|this|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}(?:visit|meeting|summit|talks|trip)\b",
    re.I,
)


def _dates_from_meetings(doc: DocAnalysis, accords: list[Candidate], meetings: list[Candidate]) -> None:
    """ "expected to sign ... during the meeting": an accord with no date of its own takes the date
    of the meeting it is tied to (the last one told before it, with the same status family)."""
    for a in accords:
        if a.date and not a.date_default:
            continue
        for s, e in a.spans:
            if not DURING_RE.search(doc.text[s:e]):
                continue
            before = [
                m
                for m in meetings
                if m.anchor < s
                and m.date
                and not m.date_default
                and (m.status == "held") == (a.status in {"signed", "cancelled"})
            ]
            if before:
                a.date, a.date_default = before[-1].date, False
                break


FAMILY = {"call": "call", "visit": "visit", "summit": "summit"}


def _headline_end(doc: DocAnalysis) -> int:
    """End of the title line: the first sentence when it stands alone in its paragraph without a full stop."""
    if len(doc.sentences) < 2:
        return -1
    first, second = doc.sentences[0], doc.sentences[1]
    if first.sent.paragraph == second.sent.paragraph or first.text.rstrip().endswith((".", "!", "?")):
        return -1
    return first.sent.end


def absorb_headline(doc: DocAnalysis, records: list[Candidate]) -> list[Candidate]:
    """A headline announces the story the body tells: a headline record joins the first body
    record of the same type that it does not contradict (status, parties, kind, value)."""
    end = _headline_end(doc)
    if end < 0:
        return records
    heads = [c for c in records if all(s < end for s, _ in c.spans)]  # only the headline speaks of it
    body = [c for c in records if c not in heads]
    kept: list[Candidate] = []
    for h in heads:
        host = next((b for b in body if _fits(h, b)), None)
        if host is None:
            kept.append(h)
            continue
        title = host.title
        merge_into(host, h)
        host.title = title or h.title
    return sorted([*kept, *body], key=lambda c: c.anchor)


def _fits(h: Candidate, b: Candidate) -> bool:
    if h.status and b.status and h.status != b.status:
        return False
    if h.parties and b.parties and not set(h.parties) & set(b.parties):
        return False
    if h.type == "meeting" and FAMILY.get(h.kind or "", "meeting") != FAMILY.get(b.kind or "", "meeting"):
        return False
    if h.type == "accord" and h.kind != b.kind and not ({h.kind, b.kind} & {"agreement", "contract"}):
        return False
    for name in ("value", "quantity", "count", "ordinal"):
        a, c = getattr(h, name), getattr(b, name)
        if a is not None and c is not None and a != c:
            return False
    return not (h.named_people and b.named_people and not set(h.named_people) & set(b.named_people))


def merge_mechanisms(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.anchor):
        target = None
        for o in out:
            if (
                norm_title(o.title) == norm_title(c.title)
                or (o.acronym and c.acronym == o.acronym)
                or (norm_title(c.title) and norm_title(c.title) in norm_title(o.title))
                or (norm_title(o.title) and norm_title(o.title) in norm_title(c.title))
                or (o.acronym and c.title and re.search(rf"\b{re.escape(o.acronym)}\b", c.title))
            ):
                target = o
                break
        if target is not None:
            if c.title and len(c.title) > len(target.title or ""):
                target.title = c.title
            merge_into(target, c)
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
    accords = absorb_headline(doc, accords)
    meetings = absorb_headline(doc, meetings)
    infer_roles(doc, meetings)
    statements = [c for c in cands if c.type == "statement"]
    _dates_from_meetings(doc, accords, meetings)
    _apply_event_date(doc, [*accords, *meetings, *statements])
    _collective_signers(doc, accords, meetings)
    records = [
        c.to_record(doc)
        for c in sorted([*accords, *meetings, *statements, *mechanisms], key=lambda c: c.anchor)
    ]
    return records
