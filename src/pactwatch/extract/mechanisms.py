"""Mechanisms: standing bilateral or multilateral bodies and recurring formats.

A mechanism is a named body whose head is "Commission", "Council", "Committee",
"Group", "Taskforce", "Dialogue", "Forum" or "Organisation" and whose name marks it as
joint ("Joint", "Inter-Governmental", "Strategic Partnership", "India-Russia ..."), or
any subject described as "a well-established mechanism" / "a high-level forum". An
annual format ("Annual Leaders' Summit") is a mechanism too. "meet annually" gives the
recurrence of the mechanism just named.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import Candidate, clean_title, fill_parties, sentence_parties
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.status import is_question

NAME_RE = re.compile(
    r"((?:(?:[A-Z]\.){2,}-?[\w-]*|[A-Z][\w’'+-]*|\"\d\+\d\"|\(\"?\d\+\d\"?\)|of|on|for|and|the|\d\+\d)(?:\s+(?:[A-Z][\w’'+-]*|of|on|for|and|the|\(\"?\d\+\d\"?\)|\d\+\d))*?)"
    r"\s+(Inter-Governmental\s+Commission|Intergovernmental\s+Commission|Joint\s+Commission|Commission|Council|Committee|"
    r"Working\s+Group|Action\s+Group|Group|Task\s?[Ff]orce|Taskforce|Dialogue|Forum|Mechanism|Organisation|Organization|"
    r"Leaders[’']\s+Summit)\b"
    r"((?:\s+(?:on|for)\s+(?:[A-Z][\w-]*(?:\s+(?:and|of)\s+)?\s*)+)?(?:\s*\([A-Z][\w-]+\))?)"
)
DESCRIBED_RE = re.compile(
    r"^(?P<subj>.+?)\s+(?:is|has\s+long\s+been|has\s+been|remains|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}"
    r"(?:mechanism|forum|format|platform|framework\s+for\s+dialogue)\b"
)
MEET_RECUR_RE = re.compile(
    r"\bmeets?\s+(annually|every\s+year|each\s+year|twice\s+a\s+year|biennially|every\s+two\s+years|regularly)\b",
    re.I,
)
HAS_MET_RE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:has\s+met|have\s+met|met\b|convened|held\s+its\s+(?:\w+\s+)?(?:session|meeting))",
    re.I,
)
GENERIC_RE = re.compile(
    r"\b(?:an?|the|their|its|a\s+new)\s+(?:(annual|biennial|regular|yearly|new)\s+)?"
    r"((?:(?:joint|inter-governmental|intergovernmental|bilateral|strategic|high-level|ministerial|2\+2|security|"
    r"economic|trade|defen[cs]e)\s+){1,3}(?:commission|dialogue|council|committee|working\s+group|forum|mechanism)"
    r"|summits?)\b",
    re.I,
)
SETUP_RE = re.compile(
    r"\b(?:institute|institutionali[sz]e|establish|set\s+up|create|launch|form)\b[^.;]{0,40}$", re.I
)
RECUR_ANY_RE = re.compile(
    r"\b(annual(?:ly)?|every\s+year|each\s+year|yearly|every\s+two\s+years|biennial(?:ly)?|"
    r"twice\s+a\s+year|regularly)\b",
    re.I,
)
DOMESTIC = re.compile(
    r"\b(?:National|Federal|State|Provincial|Parliamentary|Electoral|Election|Public\s+Service|Reform)\b"
)
RECURRENCE = {
    "annually": "annual",
    "annual": "annual",
    "every year": "annual",
    "each year": "annual",
    "yearly": "annual",
    "twice a year": "semiannual",
    "biennially": "biennial",
    "biennial": "biennial",
    "every two years": "biennial",
    "regularly": "regular",
}


def find_mechanisms(doc: DocAnalysis) -> Iterator[Candidate]:
    g = load_gazetteer()
    lex = doc.lexicon
    last: Candidate | None = None
    for info in doc.sentences:
        text = info.text
        if is_question(text):
            continue
        for m in NAME_RE.finditer(text):
            name = _trim(m.group(0))
            if not name or not _is_joint(name, text, m.start(), doc, info):
                continue
            if g.organisation(name) or g.organisation(re.sub(r"\s*\([^)]*\)$", "", name)):
                continue
            if re.search(
                r"\b(?:of|between)\b", text[max(0, m.start() - 40) : m.start()]
            ) and lex.accord_re.search(text[max(0, m.start() - 60) : m.start()]):
                continue  # part of an accord's title: "memorandum on establishing the Business Council"
            if re.search(r"\bTerms\s+of\s+Reference\s+for\s+(?:the\s+)?$", text[: m.start()]):
                continue
            pos = text.find(name, m.start())
            cand = _mechanism(doc, info, name, info.start + pos)
            last = cand
            yield cand
            if HAS_MET_RE.search(text[pos + len(name) :]) or ("Leaders" in name and "Summit" in name):
                yield _session(doc, info, cand)
        for gm in GENERIC_RE.finditer(text):
            recur = RECUR_ANY_RE.search(text)
            setup = SETUP_RE.search(text[: gm.start()])
            if not (recur or setup) or (
                gm.group(2).lower().startswith("summit") and not (gm.group(1) or recur)
            ):
                continue
            if any(
                c.anchor <= info.start + gm.start() < c.anchor + len(c.title or "")
                for c in ([last] if last else [])
            ):
                continue
            title = clean_title(text[gm.start(1) if gm.group(1) else gm.start(2) : gm.end()])
            cand = _mechanism(doc, info, title, info.start + gm.start())
            if setup:
                cand.status = "expected"
            if recur:
                word = " ".join(recur.group(1).lower().split())
                cand.recurrence = RECURRENCE.get(word) or (
                    "annual"
                    if word.startswith("annual")
                    else "biennial"
                    if word.startswith("bienn")
                    else None
                )
            last = cand
            yield cand
        d = DESCRIBED_RE.match(text)
        if d and not NAME_RE.search(d.group("subj")):
            subj = clean_title(re.sub(r"^(?:The|This|Their|Our)\s+", "", d.group("subj")))
            if len(subj.split()) <= 10 and any(w[0].isupper() or w[0].isdigit() for w in subj.split()):
                cand = _mechanism(doc, info, subj, info.start)
                last = cand
                yield cand
        rec = MEET_RECUR_RE.search(text)
        if rec and last is not None:
            word = " ".join(rec.group(1).lower().split())
            last.recurrence = last.recurrence or RECURRENCE.get(word)
            last.add_span(info.start, info.sent.end)


def _trim(name: str) -> str:
    # a name does not run across an accord or "and the": "X Agreement and the Joint Action Group" -> the group
    cut = list(
        re.finditer(
            r"\b(?:Agreement|Treaty|Protocol|Memorandum|Declaration|Convention|Programme)s?\b|\band\s+the\b|,",
            name,
        )
    )
    if cut:
        name = name[cut[-1].end() :]
    name = re.sub(r"^(?:(?:the|The|and|of|on|for|at|in)\s+)+", "", name.strip())
    words = name.split()
    # drop leading words that are not part of a name (a verb at sentence start)
    while words and (words[0].lower() in {"through", "including", "via", "with", "by", "on", "welcomed"}):
        words.pop(0)
    return " ".join(words)


def _is_joint(name: str, text: str, start: int, doc: DocAnalysis, info: SentenceInfo) -> bool:
    g = load_gazetteer()
    if DOMESTIC.search(name):
        return False
    low = name.lower()
    markers = doc.lexicon.mechanism_markers
    if any(re.search(rf"(?<![\w-]){re.escape(mk)}(?![\w-])", low) for mk in markers):
        return True
    head = re.match(r"([\w.]+(?:[-–][\w.]+)+)", name)
    return bool(head and g.compound(head.group(1)))


def _mechanism(doc: DocAnalysis, info: SentenceInfo, name: str, pos: int) -> Candidate:
    g = load_gazetteer()
    lex = doc.lexicon
    text = info.text
    heads = list(
        re.finditer(
            r"(Commission|Council|Committee|Working\s+Group|Group|Task\s?[Ff]orce|Taskforce|Dialogue|Forum|"
            r"Mechanism|Organi[sz]ation|Summit|format)",
            name,
            re.I,
        )
    )
    head = heads[-1] if heads else None
    kind = (
        lex.mechanism_heads.get(" ".join(head.group(1).lower().split()), "mechanism") if head else "mechanism"
    )
    if re.search(r"summit", name, re.I):
        kind = "annual summit"
    cand = Candidate(
        type="mechanism",
        status="ongoing",
        anchor=pos,
        spans=[(info.start, info.sent.end)],
        kind=kind,
        title=name,
    )
    local = text[max(0, pos - info.start - 60) : pos - info.start + len(name) + 80]
    if lex.mechanism_expected_re.search(local):
        cand.status = "expected"
    parts: tuple[str, ...] = ()
    cm = re.match(r"([\w.]+(?:[-–][\w.]+)+)", name)
    if cm:
        parts = g.compound(cm.group(1))
    cand.parties = list(parts) if parts else fill_parties(sentence_parties(info, doc), doc)
    if re.search(r"\bAnnual\b", name) or re.search(r"\bannual\b", local):
        cand.recurrence = "annual"
    acr = re.search(r"\(([A-Z][\w-]+)\)", name)
    cand.acronym = acr.group(1) if acr else None
    cand.fields = list(g.sectors_for(w.lower() for w in re.findall(r"[\w-]+", name)))
    cand.confidence = 0.65
    return cand


def _session(doc: DocAnalysis, info: SentenceInfo, mech: Candidate) -> Candidate:
    cand = Candidate(
        type="meeting",
        status="held",
        anchor=mech.anchor + 1,
        spans=list(mech.spans),
        kind="session",
        title=f"meeting of the {mech.title}",
        parties=list(mech.parties),
    )
    for d in info.dates:
        cand.date = d.value
    cand.recurrence = mech.recurrence
    cand.confidence = 0.6
    return cand
