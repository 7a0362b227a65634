"""Accords: agreements, contracts, MoUs, protocols, treaties and programmes.

For each accord noun ("agreement", "MoU", "protocol", ...) the finder reads its title
(the capitalised words before it and the "on/for/between ..." complement after it),
its status from the nearest cue ("signed", "will sign", "negotiations on", "cancelled"),
its date, parties, money value, quantity and item, implementing company, period and
the accord it amends. Definite references ("the deal", "this MoU") and acronyms
("the RAA") are marked as anaphoric so that the assembler merges them into the accord
they refer to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import (
    STATUS_CONFIDENCE,
    Candidate,
    clean_title,
    fill_parties,
    sentence_parties,
)
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.numbers import MoneyMatch, parse_count
from pactwatch.extract.status import Cue, accord_cues, is_question, nearest_status
from pactwatch.extract.temporal import resolve_date
from pactwatch.model import Amends, Count, Money, Period

TITLE_MODIFIERS = frozenset(
    [
        "free",
        "trade",
        "loan",
        "export",
        "import",
        "financing",
        "framework",
        "cooperation",
        "co-operation",
        "defence",
        "defense",
        "bilateral",
        "trilateral",
        "comprehensive",
        "economic",
        "strategic",
        "partnership",
        "joint",
        "venture",
        "supply",
        "purchase",
        "procurement",
        "arms",
        "nuclear",
        "civil",
        "investment",
        "security",
        "military",
        "technical",
        "cultural",
        "scientific",
        "logistics",
        "migration",
        "mobility",
        "reciprocal",
        "access",
        "visa",
        "extradition",
        "tax",
        "double",
        "taxation",
        "aviation",
        "air",
        "services",
        "maritime",
        "energy",
        "gas",
        "oil",
        "credit",
        "swap",
        "currency",
        "peace",
        "ceasefire",
        "trade-and-investment",
        "military-technical",
        "offset",
        "licence",
        "license",
        "production",
        "co-production",
        "development",
        "space",
    ]
)
STOP_RIGHT = re.compile(
    r"^(?:signed|dated|was|were|is|are|will|would|which|that|who|has|have|had|aimed|aims|to|through|under|worth|"
    r"valued|at|as|by|after|before|following|during|while|with|and|but|on\s+(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday|behalf)|in\s+(?:\d{4}|January|February|March|April|May|June|July|August|September|"
    r"October|November|December)|last|this|today|earlier|here|since|covered|lays|could|can|may|must|shall|"
    r"should|ratified|concluded|reached|announced|set|expected)\b",
    re.I,
)
COMPLEMENT_RE = re.compile(
    r"^\s+(?!on\s+(?:behalf|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|\d))"
    r"(?:on|of|for|between|concerning|regarding|in\s+the\s+field\s+of|to\s+(?!\w+\s)|among)\s",
    re.I,
)
ANAPHOR_RE = re.compile(
    r"(?:\b(?:the|this|that|these|those|such|said|both|its|their)\s+"
    r"(?:(?!(?:a|an|the|of|for|on|to|in|with|and|or|by|at|from)\b)[\w£$€₹.,-]+\s+){0,3})$",
    re.I,
)
ACRONYM_PAREN = re.compile(r"^\s*\(([A-Z][A-Za-z0-9&-]{1,12})\)")
COMPANY_RE = re.compile(
    r"((?:[A-Z][\w&.’'-]*\s+){1,6}(?:Pvt\.?\s+Ltd\.?|Private\s+Limited|Pty\.?\s+Ltd\.?|Ltd\.?|Limited|Inc\.?|Corp\.?|"
    r"Corporation|PLC|plc|GmbH|AG|S\.A\.|S\.p\.A\.|JSC|PJSC|LLC|Co\.,?\s+Ltd\.?|Holdings|Group))(?![\w])"
)
FIRM_RE = re.compile(
    r"\b(?:firm|company|manufacturer|maker|group|contractor|giant|JV|joint venture)\s+"
    r"((?:[A-Z][\w&-]*\s?){1,4})"
)
VIA_RE = re.compile(r"\b(?:through|via|by|with|from)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$", re.I)
CALIBRE_RE = re.compile(r"^\d+(?:\.\d+)?\s?x\s?\d+(?:\.\d+)?\s?mm$|^\d+(?:\.\d+)?\s?mm$", re.I)
MODEL_RE = re.compile(r"^[A-Z][A-Za-z]*-?\d+[A-Za-z0-9-]*$")
AMENDS_RE = re.compile(
    r"\b(?:amending|amendment\s+(?:to|of)|amendments\s+to|supplement(?:ing)?\s+to|extending|extension\s+of|"
    r"replacing|revising|protocol\s+to)\s+(?:the\s+)?(.+?)(?:\s*,?\s*(?:dated|signed(?:\s+on)?|of|concluded(?:\s+on)?)\s+"
    r"(?=\w))?(?=\s*,?\s*(?:dated|signed|concluded)\b|[.;,]|$)",
    re.I,
)
WORD_RE = re.compile(r"\S+")


def find_accords(doc: DocAnalysis) -> Iterator[Candidate]:
    lex = doc.lexicon
    headline = _headline_index(doc)
    named: list[Candidate] = []
    for k, info in enumerate(doc.sentences):
        text = info.text
        if is_question(text):
            continue
        cues = accord_cues(info.masked, lex)
        taken_until = -1
        title_case_line = k == headline
        found: list[Candidate] = []
        targets = [(a.start(1), a.end(1)) for a in AMENDS_RE.finditer(text)]
        for m in lex.accord_re.finditer(text):
            if m.start() < taken_until or any(s <= m.start() < e for s, e in targets):
                continue
            abs_start = info.start + m.start()
            if doc.in_quote(abs_start) and _statement_quote(doc, abs_start):
                continue
            cand = _candidate(doc, info, m, cues, title_case_line)
            if cand is None:
                continue
            taken_until = max(taken_until, cand.title_end - info.start, m.end())
            found.extend(_split_coordinated(cand))
        if any(not c.framework for c in found):
            found = [c for c in found if not c.framework]
        if any(not c.anaphoric for c in found):
            for c in found:
                if c.anaphoric:  # the sentence's news is about the other accord it names
                    c.evidence_only = True
        _assign_money(info, found)
        _assign_periods(info, found)
        named.extend(c for c in found if c.named and c.acronym)
        found.extend(_acronym_mentions(doc, info, named, found, cues))
        yield from found


def _acronym_mentions(
    doc: DocAnalysis, info: SentenceInfo, named: list[Candidate], found: list[Candidate], cues: list
) -> Iterator[Candidate]:
    """ "the launching of the GCAP in December 2022": an acronym of a named accord is a mention of it."""
    seen: set[str] = set()
    for owner in named:
        acr = owner.acronym or ""
        if len(acr) < 3 or acr in seen:
            continue
        for m in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w-])", info.text):
            pos = info.start + m.start()
            if (
                any(c.title_start <= pos < c.title_end for c in found)
                or owner.title_start <= pos < owner.title_end
            ):
                continue
            seen.add(acr)
            cue = nearest_status([c for c in cues if abs(c.start - m.start()) < 60], m.start(), m.end())
            cand = Candidate(
                type="accord",
                status=cue.status if cue else "",
                anchor=pos,
                spans=[(info.start, info.sent.end)],
                kind=owner.kind,
                title=acr,
                anaphoric=True,
                acronym=acr,
                title_start=pos,
                title_end=pos + len(acr),
            )
            if cue and info.dates:
                cand.date = min(info.dates, key=lambda d: abs(d.start - pos)).value
            yield cand
            break


def _assign_periods(info: SentenceInfo, found: list[Candidate]) -> None:
    """A period ("2021-31") belongs to the accord nearest to it, or to the sentence's only accord."""
    owners = [c for c in found if not c.evidence_only]
    for pm in info.periods:
        if not owners:
            break
        best = min(owners, key=lambda c: min(abs(pm.start - c.title_end), abs(c.title_start - pm.end)))
        if len(owners) == 1 or min(abs(pm.start - best.title_end), abs(best.title_start - pm.end)) <= 80:
            best.period = best.period or Period(pm.period.start, pm.period.end)


def _assign_money(info: SentenceInfo, found: list[Candidate]) -> None:
    """Each amount of money belongs to the accord whose title is nearest to it."""
    owners = [c for c in found if not c.evidence_only]
    for c in owners:
        c.value = None
    for money in info.money:
        if not owners:
            break

        def dist(c: Candidate, money: MoneyMatch = money) -> int:
            if c.title_start <= money.start < c.title_end:
                return 0
            return min(abs(money.start - c.title_end), abs(c.title_start - money.end))

        best = min(owners, key=dist)
        if dist(best) > 60 and not (
            len(owners) == 1 and len(info.money) == 1 and best.status == "signed" and dist(best) <= 120
        ):
            continue  # "trade, which reached US$54.2 billion": money about something else
        if best.value is None:
            best.value = Money(money.amount, money.currency)


def _headline_index(doc: DocAnalysis) -> int:
    if not doc.sentences:
        return -1
    first = doc.sentences[0].text
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", first) if len(w) > 3]
    caps = sum(1 for w in words if w[0].isupper())
    return 0 if words and caps / len(words) > 0.6 else -1


def _statement_quote(doc: DocAnalysis, pos: int) -> bool:
    for s, e in doc.quotes:
        if s <= pos < e:
            q = doc.text[s:e]
            return len(q.split()) >= 6 and sum(1 for w in q.split() if w.islower()) >= 3
    return False


def _candidate(
    doc: DocAnalysis, info: SentenceInfo, m: re.Match[str], cues: list[Cue], headline: bool
) -> Candidate | None:
    lex = doc.lexicon
    text = info.text
    noun = " ".join(m.group(0).lower().split())
    kind = lex.accord_nouns.get(noun, "agreement")
    before, after = text[: m.start()], text[m.end() :]
    # not the noun we want: "a great deal of", "deal with", "in agreement", "Arrangements Scheme"
    if (
        noun == "deal"
        and re.match(r"\s+(?:with|of)\b", after)
        and not re.search(r"\b(?:a|the)\s+$", before[-4:])
    ):
        return None
    if re.search(r"\b(?:great|unilateral|unilaterally)\s+$", before) or (
        re.search(r"\bin\s+$", before) and noun == "agreement"
    ):
        return None
    if (
        re.match(r"\s+[A-Z][a-z]+", after)
        and m.group(0)[0].isupper()
        and not COMPLEMENT_RE.match(after)
        and not re.match(r"\s+(?:Between|On|Of|For)\b", after)
    ):
        return None  # "Foreign Arrangements Scheme": the noun modifies a following name
    if (
        m.group(0)[0].isupper()
        and re.match(r"\s*(?:\([A-Z]{2,}\)\s*)?,?\s*(?:said|says|reported|stated|added|told)\b", after)
    ) or re.match(
        r"\s+(?:members?|countries|states|nations|partners|allies|organi[sz]ation|forces|troops|"
        r"foreign\s+ministers?|defen[cs]e\s+ministers?|leaders?|summit|talks|negotiations|negotiators?)\b",
        after,
        re.I,
    ):
        return None
    left_start = _left_title_start(text, m.start(), headline)
    g = load_gazetteer()
    has_left_title = left_start < m.start() and any(
        w[0].isupper() and not g.party(w.strip("“”\"'’(),")) and not g.compound(w.strip("“”\"'’(),"))
        for w in WORD_RE.findall(text[left_start : m.start()])
    )
    right_end = _right_title_end(text, m.end(), m.group(0)[0].isupper() or has_left_title)
    is_titled = (
        m.group(0)[0].isupper()
        and not (headline or (m.start() == 0 and not has_left_title and right_end == m.end()))
    ) or has_left_title
    if headline:
        is_titled = has_left_title and len(WORD_RE.findall(text[left_start : m.start()])) >= 2
    has_complement = right_end > m.end() and not re.match(
        r"\s+(?:of\s+(?:its|this|their)\s+kind|in\s+history|ever)\b", after
    )
    plural = (noun.endswith("s") and noun not in {"mous"} and not noun.endswith("ss")) or noun in {
        "mous",
        "memoranda",
        "documents",
    }
    count = _count_before(before)
    lead = before[max(0, left_start - 40) : left_start]
    demonstrative = bool(
        re.search(r"\b(?:this|that|these|those|such|said)\s+(?:[\w£$€₹.,-]+\s+){0,3}$", before[-45:], re.I)
    )
    anaphor = demonstrative or (
        not is_titled and not has_complement and bool(ANAPHOR_RE.search(lead or before[-40:]))
    )
    if re.search(r"\banother\s+(?:[\w-]+\s+)?$", before, re.I) or (
        kind in {"supplement"} and not demonstrative
    ):
        anaphor = False
    acronym = None
    am = ACRONYM_PAREN.match(text[right_end:])
    if am:
        acronym = am.group(1)
        right_end += am.end()
    if plural and not has_complement and count is None:
        if not anaphor:
            return None  # generic plural: "agreements", "deals of its kind"
    weak = noun in lex.accord_weak
    cue = nearest_status(cues, m.start(), m.end())
    status = info.intro_status or (cue.status if cue else None)
    denial = next((c for c in cues if c.status == "denied" and c.end <= m.start()), None)
    if denial is not None and (cue is None or cue.status in {"signed", "expected"}):
        status = "denied"
    if re.search(r"\b(?:no|not\s+(?:a|an|any))\s+(?:[\w-]+\s+)?$", before, re.I):
        return None  # "No agreement has been signed": said of no particular accord
    if re.search(r"\b(?:to|will|would)\s+(?:soon\s+)?sign\s+(?:it|them)\b", info.masked[m.end() :]):
        status = "expected"
    if (
        info.intro_status is None
        and cue is not None
        and cue.status == "signed"
        and re.match(r"\s*,?\s*(?:signed|dated)\b", text[right_end:])
    ):
        # "..., signed 25 November 2004": a participle after the title is history, not news
        pass
    framework = bool(
        re.search(
            r"\b(?:under|within)\s+(?:the\s+|an?\s+)?(?:framework\s+of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,6}$",
            before[-60:],
            re.I,
        )
    )
    if framework and is_titled:
        anaphor = True  # "under the X Declaration": a reference to an existing framework
        demonstrative = True
    if framework and not is_titled:
        anaphor = (
            False  # "under an agreement signed on Friday": kept unless the sentence names another accord
        )
    if weak and not is_titled and (not anaphor or (has_complement and not demonstrative)):
        if (
            not cue
            or abs(cue.start if cue.start >= m.end() else m.start() - cue.end) > 30
            or count is not None
        ):
            if not (has_complement and cue and noun not in {"arrangement", "arrangements", "package"}):
                return None
    year = re.search(r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?$", before[-20:])
    if not is_titled and not has_complement and not anaphor and count is None:
        if status is None and year is None:
            return None  # "an ambitious agreement" with nothing said about it
        status = status or "signed"  # "the 2018 deal"
    title_start = left_start if (is_titled or has_left_title or count is not None) else m.start()
    if count is not None:
        title_start = min(title_start, m.start() - len(before) + _count_start(before))
    title = clean_title(text[title_start:right_end])
    start_abs, end_abs = info.start + title_start, info.start + right_end
    cand = Candidate(
        type="accord",
        status=status or "",
        anchor=info.start + m.start(),
        spans=[(info.start, info.sent.end)],
        kind=kind,
        title=title,
        anaphoric=anaphor and (demonstrative or not has_complement) and count is None,
        acronym=acronym or _acronym(title),
    )
    cand.title_end = end_abs
    cand.title_start = start_abs
    cand.framework = framework and not is_titled
    cand.named = is_titled and not anaphor
    cand.count = count
    _fill_fields(
        doc,
        info,
        cand,
        start_abs,
        end_abs,
        cue.status if cue else None,
        info.start + cue.start if cue else None,
    )
    if year is not None and cand.date is None and cand.status == "signed":
        cand.date = year.group(1)
    cand.confidence = STATUS_CONFIDENCE.get(cand.status, 0.5) * (0.9 if cand.anaphoric else 1.0)
    return cand


def _left_title_start(text: str, pos: int, headline: bool) -> int:
    """Walk left over capitalised words, hyphenated words, "and"/"of" inside names and known modifiers."""
    start = pos
    tokens = list(re.finditer(r"[^\s]+", text[:pos]))
    i = len(tokens) - 1
    while i >= 0:
        tok = tokens[i].group(0)
        bare = tok.strip("“”\"'’‘(")
        low = bare.lower()
        if tok.endswith((",", ";", ":", ".")) and not re.fullmatch(r"(?:[A-Z]\.)+", tok):
            break
        if (
            (
                bare[:1].isupper()
                and low
                not in {
                    "the",
                    "a",
                    "an",
                    "this",
                    "that",
                    "these",
                    "another",
                    "both",
                    "his",
                    "her",
                    "their",
                    "our",
                    "its",
                    "signed",
                    "on",
                    "and",
                    "in",
                    "new",
                }
            )
            or low in TITLE_MODIFIERS
            or re.fullmatch(r"[£$€₹¥]?[\d.,]+(?:bn|m|million|billion)?|5g|\d+g", low)
            or (
                low in {"and", "of", "&", "for"}
                and i > 0
                and tokens[i - 1].group(0)[:1].isupper()
                and start < pos
                and text[start : start + 1].isupper()
            )
            or low in {"million", "billion", "bn", "crore", "lakh", "trillion"}
        ):
            start = tokens[i].start()
        else:
            break
        i -= 1
    # drop leading lower-case words other than modifiers glued to nothing
    return start


def _right_title_end(text: str, pos: int, titled: bool) -> int:
    """Extend over an "on/of/for/between ..." complement until a clause boundary or a verb."""
    if not COMPLEMENT_RE.match(text[pos:]):
        return pos
    end = pos
    n = 0
    for tok in re.finditer(r"\S+", text[pos:]):
        word = tok.group(0)
        rest = text[pos + tok.start() :]
        if (
            n > 0
            and STOP_RIGHT.match(rest)
            and not re.match(r"and\s+(?:[A-Z]|on\b|between\b|the\s+[A-Z])", rest)
        ):
            break
        if (
            n > 0
            and re.match(r"and\s+", rest)
            and not re.match(r"and\s+(?:[A-Z]|on\b|between\b|the\s+[A-Z])", rest)
        ):
            break
        n += 1
        if n > 40:
            break
        end = pos + tok.end()
        if word.endswith((",", ";", ".", ":")) or (word.endswith(("”", '"')) and not titled):
            end -= 1 if word.endswith((",", ";", ".", ":")) else 0
            break
        if word.endswith(")") and "(" not in word:
            break
    return end


def _count_before(before: str) -> Count | None:
    m = re.search(
        r"((?:more\s+than|over|at\s+least|up\s+to|about|nearly|around|some|fewer\s+than|less\s+than)\s+)?"
        r"(\d[\d,]*\d|\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a\s+dozen|dozens?)"
        r"\s+(?:(?:new|other|more|bilateral|key|major|separate|further|additional|commercial|defence|defense|trade|"
        r"important|significant|cooperation|inter-governmental|intergovernmental|interagency|inter-agency|"
        r"government-to-government|[a-z]+(?:al|ic|ive|ary))(?:\s+(?:and\s+)?|,\s+)){0,3}$",
        before,
        re.I,
    )
    if not m:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", m.group(2)):
        return None  # "the 2015 agreement"
    c = parse_count(m.group(0).strip())
    if c is None or (c.min is not None and c.min > 10000):
        return None
    return c


def _count_start(before: str) -> int:
    m = re.search(
        r"(?:(?:more\s+than|over|at\s+least|up\s+to|about|nearly|around|some)\s+)?(?:\d[\d,]*|\w+)\s+(?:[\w-]+\s+)?$",
        before,
        re.I,
    )
    return m.start() if m else len(before)


def _acronym(title: str | None) -> str | None:
    if not title:
        return None
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w-]*", title)
        if w[0].isupper() and w.lower() not in {"and", "of", "the", "for", "on"}
    ]
    if len(words) < 2:
        return None
    return "".join(w[0] for w in words).upper()


def _fill_fields(
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
    parties = sentence_parties(info, doc, exclude_places=False)
    cand.parties = fill_parties(parties, doc)
    if info.money:
        nearest = min(info.money, key=lambda x: abs(x.start - cand.anchor))
        cand.value = Money(nearest.amount, nearest.currency)

    q = find_quantity(doc, info)
    if q:
        cand.quantity, cand.item = q
    cand.via = find_company(doc, info)
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
    for d in sorted(
        dates, key=lambda d: abs(d.start - ref) + (120 if len(d.value) == 4 and not d.relative else 0)
    ):
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


def find_quantity(doc: DocAnalysis, info: SentenceInfo) -> tuple[int, str] | None:
    """ "procurement of 6,01,427 ... assault rifles AK-203" -> (601427, "AK-203 assault rifle")."""
    lex = doc.lexicon
    text = info.text
    procurement = bool(lex.procurement.search(text))
    money_spans = [(m.start, m.end) for m in info.money]
    for num in info.numbers:
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


def find_company(doc: DocAnalysis, info: SentenceInfo) -> str | None:
    text = info.text
    for m in VIA_NAME_RE.finditer(text):
        name = _company_name(m.group(1))
        if name:
            return name
    for ment in info.mentions:
        if ment.label == "COMPANY":
            run = re.match(r"[\w.-]+(?:\s+(?:[A-Z][\w.-]*|&))*", doc.text[ment.start : ment.start + 80])
            return run.group(0) if run else ment.text
    for m in COMPANY_RE.finditer(text):
        name = m.group(1).strip()
        name = re.sub(r"^(?:The|A|An|By|Through|Via|With)\s+", "", name)
        if VIA_RE.search(text[: m.start()]) or True:
            return name
    fm = FIRM_RE.search(text)
    if fm:
        return fm.group(1).strip()
    return None


def _split_coordinated(cand: Candidate) -> Iterator[Candidate]:
    """ "memorandums on A and on B" and "documents between A and between B" are two accords each."""
    title = cand.title or ""
    m = re.search(r"^(.*?\b(on|between))\s+(.+?)\s+and\s+\2\s+(.+)$", title, re.I)
    if not m or cand.anaphoric:
        yield cand
        return
    from dataclasses import replace

    head = m.group(1)
    yield replace(cand, title=f"{head} {m.group(3)}")
    yield replace(cand, title=f"{head} {m.group(4)}", anchor=cand.anchor + 1, acronym=None)


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
