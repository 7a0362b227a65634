"""Accords: agreements, contracts, MoUs, protocols, treaties and programmes.

For each accord noun ("agreement", "MoU", "protocol", ...) the finder reads its title
(the capitalised words before it and the "on/for/between ..." complement after it, see
``accord_titles.py``), its status from the nearest cue ("signed", "will sign",
"negotiations on", "cancelled"), and hands the sentence to ``accord_fields.py`` for its
date, parties, money value, quantity and item, implementing company and the accord it
amends; money and periods go to the nearest accord of the sentence. Definite references
("the deal", "this MoU") and acronyms ("the RAA") are marked as anaphoric so that the
assembler merges them into the accord they refer to.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.accord_fields import AMENDS_RE, fill_fields
from pactwatch.extract.accord_titles import (
    COMPLEMENT_RE,
    acronym_of,
    count_before,
    count_start,
    left_title_start,
    right_title_end,
)
from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import STATUS_CONFIDENCE, Candidate, clean_title
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.numbers import MoneyMatch
from pactwatch.extract.status import Cue, accord_cues, is_question, nearest_status
from pactwatch.model import Money, Period

ANAPHOR_RE = re.compile(
    r"(?:\b(?:the|this|that|these|those|such|said|both|its|their)\s+"
    r"(?:(?!(?:a|an|the|of|for|on|to|in|with|and|or|by|at|from)\b)[\w£$€₹.,-]+\s+){0,3})$",
    re.I,
)
ACRONYM_PAREN = re.compile(r"^\s*\(([A-Z][A-Za-z0-9&-]{1,12})\)")
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
    for k, money in enumerate(info.money):
        if not owners:
            break
        if k > 0 and re.fullmatch(
            r"\s*\(\s*(?:about\s+|around\s+|some\s+)?", info.local(info.money[k - 1].end, money.start)
        ):
            continue  # "4.8 billion lira ($125 million)": a conversion of the amount before

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
    nxt = lex.accord_re.match(after[1:]) if after[:1] == " " else None
    if nxt and nxt.start() == 0 and not noun.endswith("s"):
        return None  # "credit line agreement": a modifier of the accord noun after it
    left_start = left_title_start(text, m.start(), headline)
    g = load_gazetteer()
    has_left_title = left_start < m.start() and any(
        w[0].isupper() and not g.party(w.strip("“”\"'’(),")) and not g.compound(w.strip("“”\"'’(),"))
        for w in WORD_RE.findall(text[left_start : m.start()])
    )
    right_end = right_title_end(text, m.end(), m.group(0)[0].isupper() or has_left_title)
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
    count = count_before(before)
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
        if not cue or abs(cue.start if cue.start >= m.end() else m.start() - cue.end) > 45:
            if not (has_complement and cue and noun not in {"arrangement", "arrangements", "package"}):
                return None
    year = re.search(r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+)?$", before[-20:])
    if year is not None and not demonstrative:
        anaphor = False  # "the 2022 joint declaration" names its own accord
    if not is_titled and not has_complement and not anaphor and count is None:
        if status is None and year is None:
            return None  # "an ambitious agreement" with nothing said about it
        status = status or "signed"  # "the 2018 deal"
    title_start = left_start if (is_titled or has_left_title or count is not None) else m.start()
    if count is not None:
        title_start = min(title_start, m.start() - len(before) + count_start(before))
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
        acronym=acronym or acronym_of(title),
    )
    cand.title_end = end_abs
    cand.title_start = start_abs
    cand.framework = framework and not is_titled
    cand.named = is_titled and not anaphor
    cand.count = count
    fill_fields(
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
