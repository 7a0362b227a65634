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
    infer_roles(doc, meetings)
    statements = [c for c in cands if c.type == "statement"]
    _apply_event_date(doc, [*accords, *meetings, *statements])
    _collective_signers(doc, accords, meetings)
    records = [
        c.to_record(doc)
        for c in sorted([*accords, *meetings, *statements, *mechanisms], key=lambda c: c.anchor)
    ]
    return records
