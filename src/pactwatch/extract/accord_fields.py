"""Accord fields: what a sentence says about an accord besides its title and status.

The date of the reported event, the parties, the money value, the quantity and item
procured ("6,01,427 AK-203 assault rifles"), the implementing company, the signers and
the accord it amends ("amending the 2008 agreement"). ``orphan_quantities`` gives the
quantity of a procurement sentence without an accord noun to the accord before it.
"""

from __future__ import annotations

import re

from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import Candidate, clean_title, fill_parties, sentence_parties
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.temporal import DateMatch, resolve_date
from pactwatch.model import Amends, Money

COMPANY_RE = re.compile(
    r"((?:[A-Z][\w&.’'-]*\s+){1,6}(?:Pvt\.?\s+Ltd\.?|Private\s+Limited|Pty\.?\s+Ltd\.?|Ltd\.?|Limited|Inc\.?|Corp\.?|"
    r"Corporation|PLC|plc|GmbH|AG|S\.A\.|S\.p\.A\.|JSC|PJSC|LLC|Co\.,?\s+Ltd\.?|Holdings|Group))(?![\w])"
)
FIRM_RE = re.compile(
    r"\b(?:firm|company|manufacturer|maker|group|contractor|giant|JV|joint venture)\s+"
    r"((?:[A-Z][\w&-]*\s?){1,4})"
)
CALIBRE_RE = re.compile(r"^\d+(?:\.\d+)?\s?x\s?\d+(?:\.\d+)?\s?mm$|^\d+(?:\.\d+)?\s?mm$", re.I)
MODEL_RE = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z0-9-]*$")
AMENDS_RE = re.compile(
    r"\b(?:amending|amendment\s+(?:to|of)|amendments\s+to|supplement(?:ing)?\s+to|extending|extension\s+of|"
    r"replacing|revising|protocol\s+to)\s+(?:the\s+)?(.+?)(?:\s*,?\s*(?:dated|signed(?:\s+on)?|of|concluded(?:\s+on)?)\s+"
    r"(?=\w))?(?=\s*,?\s*(?:dated|signed|concluded)\b|[.;,]|$)",
    re.I,
)


def fill_fields(
    doc: DocAnalysis,
    info: SentenceInfo,
    cand: Candidate,
    t_start: int,
    t_end: int,
    cue: str | None,
    cue_pos: int | None = None,
) -> None:
    g = load_gazetteer()
    text = info.text
    amends = _amends(doc, info, t_start, t_end)
    excluded: list[tuple[int, int]] = []
    if amends is not None:
        cand.amends, span = amends
        excluded.append(span)
    for am in AMENDS_RE.finditer(text):  # a date that belongs to an amended accord is not this one's date
        tail = re.match(r"\s*,?\s*(?:dated|signed(?:\s+on)?|of|concluded(?:\s+on)?)?\s*", text[am.end() :])
        excluded.append((info.start + am.start(), info.start + am.end() + (tail.end() if tail else 0) + 1))
    dates = [
        d
        for d in info.dates
        if not any(s <= d.start < e for s, e in excluded)
        and not re.search(
            r"\b(?:by|until|till|through)\s+(?:the\s+end\s+of\s+)?$",
            doc.text[max(info.start, d.start - 20) : d.start],
            re.I,
        )
    ]
    cand.date = _date_for(doc, info, dates, cand, cue_pos)
    if cand.date is None and info.speech_dates and cand.status in {"signed", "cancelled", "denied"}:
        cand.date, cand.date_weak = info.speech_dates[0].value, True
    parties = sentence_parties(info, doc, exclude_places=False)
    cand.parties = fill_parties(parties, doc, paragraph=info.sent.paragraph)
    if info.money:
        nearest = min(info.money, key=lambda x: abs(x.start - cand.anchor))
        cand.value = Money(nearest.amount, nearest.currency)

    q = find_quantity(doc, info, near=cand.anchor)
    if q:
        cand.quantity, cand.item = q
    cand.via = find_company(doc, info, near=cand.anchor)
    cand.fields = list(g.sectors_for(w.lower() for w in re.findall(r"[\w-]+", text)))
    if cand.status in {"signed", ""} and (cue == "signed" or (cand.kind == "declaration" and cue is None)):
        by = re.search(r"\bsigned\s+by\b", text)
        cand.people = [
            pm.entity
            for pm in info.people
            if pm.start < cand.anchor
            or _signer(text, pm.end - info.start)
            or (by is not None and pm.start >= info.start + by.end())
        ]


def year_penalty(doc: DocAnalysis, d: DateMatch) -> int:
    """A bare year after "of", "since" or "from" ("the DTAA of 2006", "set up in 2019") is seldom
    the date of the event told; it weighs less than a nearer day or month."""
    if len(d.value) != 4 or d.relative:
        return 0
    lead = doc.text[max(0, d.start - 12) : d.start]
    return (
        120
        if re.search(r"\b(?:of|since|from|set\s+up\s+in|founded\s+in|established\s+in)\s+$", lead, re.I)
        else 0
    )


def _date_for(
    doc: DocAnalysis,
    info: SentenceInfo,
    dates: list,
    cand: Candidate,
    cue_pos: int | None = None,
) -> str | None:
    """The date of the reported event: the date nearest to the status word ("signed ... on Wednesday"),
    past dates for what happened, future ones for plans; a bare year weighs less than a day."""
    if not dates:
        return None
    pub = doc.published.isoformat() if doc.published else None
    status = cand.status
    best = None
    ref = cue_pos if cue_pos is not None else cand.anchor
    for d in sorted(dates, key=lambda d: abs(d.start - ref) + year_penalty(doc, d)):
        lead = doc.text[max(info.start, d.start - 16) : d.start]
        if status != "signed" and re.search(r"\b(?:signed|concluded|inked)\s+(?:on\s+|in\s+)?$", lead, re.I):
            continue  # "The contract, signed in March 2023, was terminated": the signing's date
        value = d.value
        if d.relative and doc.published is not None:
            lead = doc.text[max(info.start, d.start - 8) : d.start]
            lw = re.search(r"(?:in|on|last|next|this|by|early|late|before)\s+$", lead, re.I)
            tense = "future" if status in {"expected", "proposed"} else "past"
            value = resolve_date((lw.group(0) if lw else "in ") + d.text, doc.published, tense=tense) or value
        if pub and status in {"signed", "cancelled", "held"} and value > pub[: len(value)]:
            continue
        if pub and status == "expected" and value < pub[: len(value)]:
            continue
        best = value
        break
    return best


def _signer(text: str, rel_end: int) -> bool:
    return bool(re.match(r"[^.;]{0,30}?\bsigned\b", text[rel_end:]))


def _amends(
    doc: DocAnalysis, info: SentenceInfo, t_start: int, t_end: int
) -> tuple[Amends, tuple[int, int]] | None:
    text = info.text
    m = AMENDS_RE.search(text, max(0, t_start - info.start))
    if not m:
        return None
    gap = text[t_end - info.start : m.start()]
    if m.start() > t_end - info.start + 5 and not re.fullmatch(
        r"\s*(?:,\s*)?(?:on\s+\w+|today|yesterday|last\s+\w+|in\s+\w+)?\s*,?\s*", gap
    ):
        return None
    target = clean_title(m.group(1))
    span_end = info.start + m.end()
    year = re.search(r"\b((?:19|20)\d\d)\b", target)
    date = year.group(1) if year else None
    target = clean_title(re.sub(r"\s+for\s+(?:another\s+)?(?:\w+\s+)?(?:years?|months?)$", "", target))
    for d in info.dates:
        if d.start >= info.start + m.start() and d.start - span_end < 25:
            date = d.value
            span_end = max(span_end, d.end)
            break
    return Amends(target or None, date), (info.start + m.start(), span_end)


def find_quantity(doc: DocAnalysis, info: SentenceInfo, near: int | None = None) -> tuple[int, str] | None:
    """ "procurement of 6,01,427 ... assault rifles AK-203" -> (601427, "AK-203 assault rifle").

    With ``near`` (an accord's position), the counted thing nearest to it wins."""
    lex = doc.lexicon
    text = info.text
    procurement = bool(lex.procurement.search(text))
    money_spans = [(m.start, m.end) for m in info.money]
    numbers = info.numbers if near is None else sorted(info.numbers, key=lambda n: abs(n.start - near))
    for num in numbers:
        lead = doc.text[max(info.start, num.start - 14) : num.start]
        if not procurement and not re.search(
            r"\bfor\s+(?:up\s+to\s+|about\s+|some\s+|nearly\s+|over\s+)?$", lead, re.I
        ):
            continue
        if (
            any(s <= num.start < e for s, e in money_spans)
            or num.value < 2
            or not float(num.value).is_integer()
        ):
            continue
        if 1900 <= num.value <= 2100 and "," not in num.text:
            continue
        if re.search(r"[A-Z][\w-]*[ -]$", doc.text[max(info.start, num.start - 20) : num.start]):
            continue  # "Leopard 2", "Su-27": part of a model name
        rest = text[num.end - info.start :]
        if re.match(
            r"\s*(?:%|per\s*cent|percent|years?|months?|days?|jobs|people|officials|per)\b", rest, re.I
        ):
            continue
        if lex.accord_re.match(rest.lstrip()) or re.match(
            r"\s*(?:new\s+|more\s+|other\s+)?(?:defen[cs]e\s+)?(?:contracts?|agreements?|deals?|mous?|memorand\w*|documents?|protocols?|treaties)\b",
            rest,
            re.I,
        ):
            continue
        item = _item_after(rest, lex.item_stop)
        if item:
            return int(num.value), item
    return None


def _item_after(rest: str, stop: frozenset[str]) -> str | None:
    """The thing counted after a number.

    "7.63x39mm assault rifles AK-203" -> "AK-203 assault rifle", "Leopard 2 tanks" -> "Leopard 2 tank",
    "S-400 Triumf air defence systems" -> "S-400 Triumf air defence system"."""
    g = load_gazetteer()
    names: list[str] = []  # leading proper names and model codes
    words: list[str] = []
    model = None
    tokens = [t.rstrip(".") or t for t in re.findall(r"[\w.+-]+|[^\w\s]", rest)]
    for i, tok in enumerate(tokens[:9]):
        low = tok.lower()
        if CALIBRE_RE.match(tok) or re.fullmatch(r"\d+(?:\.\d+)?x\d+(?:\.\d+)?mm", low):
            continue
        if not words and not names and (g.country(tok) or low in {"new", "more", "additional", "of"}):
            continue  # "22 Polish air defence batteries", "48 new jets"
        is_model = bool(MODEL_RE.match(tok) and any(c.isdigit() for c in tok))
        if not words and (tok[0].isupper() or is_model or (names and tok.isdigit())):
            names.append(tok)  # "Rafale", "Leopard 2", "S-400 Triumf", "HIMARS"
            continue
        if is_model:
            model = tok
            break
        if low in stop or not re.match(r"[A-Za-z]", tok):
            break
        if tok[0].isupper() and words:
            break
        words.append(low)
        if i + 1 < len(tokens) and MODEL_RE.match(tokens[i + 1]) and any(c.isdigit() for c in tokens[i + 1]):
            model = tokens[i + 1]
            break
    if not words:
        if names and len(names) == 1 and not any(c.isdigit() for c in names[0]):
            return None
        if not names:
            return None
        names[-1] = _singular(names[-1]) if names[-1].islower() else names[-1]
        return " ".join(names)
    words[-1] = _singular(words[-1])
    item = " ".join([*names, *words])
    return f"{model} {item}" if model else item


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


VIA_NAME_RE = re.compile(
    r"\b(?:through|via|implemented\s+by|executed\s+by|built\s+by|manufactured\s+by|supplied\s+by|"
    r"produced\s+by|with|from|awarded\s+to)\s+(?:the\s+)?(?:(?:state-run|state-owned|defence\s+major|firm|company|"
    r"manufacturer|shipbuilder|contractor)\s+)?(?:[A-Z][\w.-]*['’]s\s+)?"
    r"((?:[A-Z][\w.-]*|&)(?:\s+(?:[A-Z][\w.-]*|&|of|and(?=\s+[A-Z])))*)"
)


def _company_name(run: str) -> str | None:
    """A capitalised run that names a company, not a state, a place, an office or a person."""
    g = load_gazetteer()
    run = re.sub(r"\s+(?:and|of|&)$", "", run.strip(" ,.")).strip()
    if not run or g.party(run) or g.place_country(run) or g.role(run.split()[0]) or g.role(run):
        return None
    if (
        g.company(run)
        or COMPANY_RE.fullmatch(run + " ")
        or re.search(
            r"\b(?:Ltd|Limited|Inc|Corp|Corporation|Group|Industries|Systems|Aerospace|Dynamics|Technologies|"
            r"Electronics|Shipyards?|Works|Holdings|Company|Enterprises|Motors|Aviation|Defence|Defense|Operations|"
            r"Energy|Bank|Rosoboronexport|GmbH|AG|PLC|JSC)\b",
            run,
        )
    ):
        return run
    return (
        run
        if len(run.split()) <= 4 and any(c.isupper() for c in run[1:]) and g.company(run.split()[0])
        else None
    )


def find_company(doc: DocAnalysis, info: SentenceInfo, near: int | None = None) -> str | None:
    """The implementing company: a name after "through/with/by ...", the nearest to ``near``."""
    text = info.text
    named = [(m.start(), name) for m in VIA_NAME_RE.finditer(text) if (name := _company_name(m.group(1)))]
    if named:
        if near is None:
            return named[0][1]
        rel = near - info.start
        return min(named, key=lambda x: (x[0] < rel, abs(x[0] - rel)))[1]
    for ment in info.mentions:
        if ment.label == "COMPANY":
            run = re.match(r"[\w.-]+(?:\s+(?:[A-Z][\w.-]*|&))*", doc.text[ment.start : ment.start + 80])
            return run.group(0) if run else ment.text
    for m in COMPANY_RE.finditer(text):
        return re.sub(r"^(?:The|A|An|By|Through|Via|With)\s+", "", m.group(1).strip())
    fm = FIRM_RE.search(text)
    if fm:
        return fm.group(1).strip()
    return None


def orphan_quantities(doc: DocAnalysis, accords: list[Candidate]) -> None:
    """A procurement sentence without an accord noun ("It will see the UK equip 22 ...") gives its
    quantity to the accord before it, when that accord has none."""
    if not accords:
        return
    for info in doc.sentences:
        if any(c.anchor >= info.start and c.anchor < info.sent.end for c in accords):
            continue
        q = find_quantity(doc, info)
        if not q:
            continue
        before = [c for c in accords if c.anchor < info.start and not c.anaphoric]
        if before and before[-1].quantity is None:
            before[-1].quantity, before[-1].item = q
            before[-1].add_span(info.start, info.sent.end)
