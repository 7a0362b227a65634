"""Meeting parts: the title, place and participants of a meeting found in a sentence.

Unnamed participants ("the Prime Minister", "Japan's defence minister"), the other side
of a meeting ("met his French counterpart"), the known person who holds a role, parties
named only as the topic of the talks ("military aid for Ukraine"), and the meeting held
on the sidelines of a summit.
"""

from __future__ import annotations

import re

from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import Candidate, clean_title, fill_parties, sentence_parties
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.model import Person

COUNTERPART_RE = re.compile(r"\b(?:his|her|their|its)\s+(?:([A-Z][\w-]+)\s+)?counterparts?\b")
TOPIC_PLACE = re.compile(
    r"\b(?:situation|crisis|conflict|war|peace|stability|security|developments|elections?|tensions|violence|"
    r"fighting|aid|assistance|support|reconstruction|humanitarian\s+\w+|hostages|ceasefire|border\s+with)"
    r"\s+(?:in|for|to|on|of|with)?\s*(?:the\s+)?(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?\s*(?:,|and)\s+){0,3}$",
    re.I,
)
PLACE_RE = re.compile(
    r"\b(?:in|at|to|here\s+in)\s+((?:the\s+)?(?:[A-Z][\w’'.-]*(?:\s+|,\s+(?=D\.C\.))?){1,4})", re.U
)


def counterpart_of(doc: DocAnalysis, info: SentenceInfo, cand: Candidate) -> str | None:
    """ "met his French counterpart (Paul Girard)": the other side of a meeting, by its country."""
    from pactwatch.model import Person

    m = COUNTERPART_RE.search(info.text)
    if not m:
        return None
    country = load_gazetteer().country(m.group(1)) if m.group(1) else None
    subject_role = next((doc.people[i].role for i in cand.people if doc.people[i].role), None)
    named = next((pm for pm in info.people if 0 <= pm.start - (info.start + m.end()) <= 3), None)
    if named is not None:
        ent = doc.people[named.entity]
        ent.country = ent.country or country
        ent.role = ent.role or subject_role
    else:
        cand.unnamed.append(Person(None, subject_role, country))
    return country


def is_topic(doc: DocAnalysis, info: SentenceInfo, party: str) -> bool:
    """A party named only as the subject of the talks ("to discuss military aid for Ukraine")."""
    for m in info.parties():
        if m.value != party:
            continue
        before = doc.text[max(info.start, m.start - 60) : m.start]
        if TOPIC_PLACE.search(before) or re.search(
            r"\b(?:discuss(?:ed|ing)?|about|regarding|concerning|on)\s+(?:[\w’'-]+,?\s+){0,5}$", before, re.I
        ):
            continue
        return False
    return True


def person_with_role(doc: DocAnalysis, role: str, before: int, country: str | None = None) -> int | None:
    """The known person who holds ``role`` (the one mentioned last before ``before``)."""
    found = [
        i
        for i, p in enumerate(doc.people)
        if p.role and p.role.lower() == role.lower() and (country is None or p.country in (None, country))
    ]
    if not found:
        return None
    return max(found, key=lambda i: max((s for s, _ in doc.people[i].mentions if s < before), default=-1))


def sideline_meeting(
    doc: DocAnalysis, info: SentenceInfo, summit: Candidate, multi: re.Match[str]
) -> Candidate | None:
    """ "... who met in the margins of the G20 Summit": the meeting on the sidelines, besides the summit."""
    text = info.masked
    met = re.search(r"\b(?:met|meet|held\s+talks|held\s+a\s+meeting)\b", text[: multi.start()])
    if not met:
        return None
    cand = Candidate(
        type="meeting",
        status=summit.status or "held",
        anchor=info.start + met.start(),
        spans=[(info.start, info.sent.end)],
        kind="meeting",
    )
    cand.title = clean_title(text[max(0, met.start() - 60) : multi.end()])
    cand.people = [pm.entity for pm in info.people]
    cand.unnamed = unnamed_roles(doc, info)
    org = load_gazetteer().organisation(multi.group(1))
    cand.parties = fill_parties([p for p in sentence_parties(info, doc) if p != org], doc, minimum=2)
    if info.dates:
        cand.date = info.dates[-1].value
    cand.place = meeting_place(doc, info, multi.start())
    cand.confidence = 0.65
    return cand


def unnamed_roles(doc: DocAnalysis, info: SentenceInfo) -> list[Person]:
    out: list[Person] = []
    named_roles = {pm.role_span for pm in info.people if pm.role_span}
    for m in info.mentions:
        if m.label != "ROLE" or (m.start, m.end) in named_roles:
            continue
        before = doc.text[max(info.start, m.start - 30) : m.start]
        after = doc.text[m.end : m.end + 30]
        owner = next(
            (
                p
                for p in info.parties()
                if p.end <= m.start and re.fullmatch(r"(?:['’]s)?\s*", doc.text[p.end : m.start])
            ),
            None,
        )
        if not re.search(r"\bthe\s+$", before, re.I) and owner is None:
            continue
        if re.match(r"\s+(?:of|for)\s+(?:the\s+)?[A-Z]", after) and not re.match(
            r"\s+of\s+the\s+(?:United\s+States|European)", after
        ):
            continue
        country = None
        pm = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w\s]+?)(?:[,.]|\s+[a-z])", after)
        if pm:
            country = load_gazetteer().party(pm.group(1))
        if country is None and owner is not None:
            country = owner.value
        if country is None and m.value.lower() in {
            "prime minister",
            "president",
            "foreign secretary",
            "chancellor",
        }:
            country = doc.home
        if any(p.role == m.value for p in out):
            continue
        out.append(Person(None, m.value, country))
    return out


def meeting_title(text: str, start: int, end: int) -> str:
    left = start
    for tok in reversed(list(re.finditer(r"\S+", text[:start]))):
        w = tok.group(0).strip('“”"(')
        if w[:1].isupper() or (
            re.fullmatch(
                r"\d+(?:st|nd|rd|th)|first|second|third|annual|bilateral|trilateral|high|level|high-level|joint|courtesy|[\w-]+['’]s?",
                w,
                re.I,
            )
            and w.lower() not in {"the", "a", "an"}
        ):
            if w.lower() in {
                "the",
                "a",
                "an",
                "this",
                "that",
                "his",
                "her",
                "their",
                "at",
                "in",
                "of",
                "and",
                "to",
                "for",
            }:
                break
            left = tok.start()
        else:
            break
    right = end
    m = re.match(r"\s+(?:between|of|with|on)\s+(?:[\w’'.-]+\s?){1,8}", text[end:])
    if m:
        right = end + len(m.group(0).rstrip(" ,."))
    return clean_title(text[left:right])


def meeting_place(doc: DocAnalysis, info: SentenceInfo, pos: int) -> str | None:
    g = load_gazetteer()
    for ment in info.mentions:
        if ment.label == "PLACE" and not TOPIC_PLACE.search(
            doc.text[max(info.start, ment.start - 30) : ment.start]
        ):
            return ment.text
    for m in PLACE_RE.finditer(info.text):
        if TOPIC_PLACE.search(info.text[: m.start() + len(m.group(0)) - len(m.group(1))]):
            continue
        name = m.group(1).strip().rstrip(",.")
        name = re.sub(r"^the\s+", "", name)
        words = name.split()
        while words and g.role(words[-1]):
            words.pop()
        name = " ".join(words)
        if not name or name.split()[0] in {
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        }:
            continue
        if (
            g.place_country(name)
            or g.country(name)
            or re.search(
                r"\b(?:Camp|Palace|House|Hall|Street|Centre|Center|Base|Castle|Hotel|Summit)\b", name
            )
        ):
            if re.search(r"\bSummit\b", name):
                continue
            return name
    return None
