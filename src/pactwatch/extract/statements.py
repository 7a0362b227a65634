"""Statements: direct quotes (in quotation marks) and who said them.

The speaker is found, in this order: a speech verb next to the closing mark with a
name, role or pronoun ("..., said Singh", "..." he added, "..." the President added);
a name before the opening mark ("X said: "..."", "X welcomed ..., "..."); a short
caption line after a quote paragraph; the speaker of the quote just before, for a
paragraph that continues it; the last "X said" in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.analysis import DocAnalysis
from pactwatch.extract.candidates import Candidate
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.model import Person

PRONOUN_RE = re.compile(r"\b(he|she)\b", re.I)
AFTER_RE = re.compile(
    r"^\s*[,.!?]?\s*[”\"]?\s*(?:[^.\n“\"]{0,80}?)\b(said|says|added|adds|told|tells|stated|noted|explained|stressed|emphasi[sz]ed|continued|declared|remarked|insisted|wrote|recalled)\b",
    re.I,
)
MIN_WORDS = 4


def find_statements(doc: DocAnalysis) -> Iterator[Candidate]:
    last_speaker: int | None = None
    last_quote_para = -1
    for qs, qe in doc.quotes:
        quote = doc.text[qs:qe]
        if len(quote.split()) < MIN_WORDS or not any(w.islower() for w in quote.split()):
            continue
        info = doc.sentence_at(qs)
        para = info.sent.paragraph if info else -1
        speaker, unnamed = _speaker(doc, qs, qe)
        continuation = (
            last_quote_para >= 0 and para == last_quote_para + 1 and _paragraph_is_quote(doc, qs, qe)
        )
        if speaker is None and unnamed is None and continuation:
            speaker = last_speaker
        if speaker is None and unnamed is None:
            speaker = _caption_speaker(doc, qe)
        if speaker is None and unnamed is None:
            speaker = _paragraph_speaker(doc, qs)
        if speaker is None and unnamed is None:
            continue
        end = _attribution_end(doc, qe)
        cand = Candidate(type="statement", status="held", anchor=qs, spans=[(qs - 1, end)])
        cand.quote = quote.strip()
        cand.speaker = speaker
        cand.speaker_unnamed = unnamed
        cand.date = doc.published.isoformat() if doc.published else None
        cand.date_default = True  # replaced by the day the article reports on (assemble.event_date)
        cand.confidence = 0.8 if speaker is not None else 0.6
        last_speaker, last_quote_para = speaker, para
        yield cand


def _attribution_end(doc: DocAnalysis, qe: int) -> int:
    text = doc.text
    m = re.match(r"[^\n]*?(?:[.!?](?=\s|$)|$)", text[qe + 1 :])
    end = qe + 1 + (m.end() if m else 0)
    nl = text.find("\n", qe + 1)
    if nl != -1 and nl < end:
        end = nl
    return min(end, len(text))


def _paragraph_is_quote(doc: DocAnalysis, qs: int, qe: int) -> bool:
    text = doc.text
    line_start = text.rfind("\n", 0, qs) + 1
    line_end = text.find("\n", qe)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start : qs - 1].strip() and not text[qe + 1 : line_end].strip(' ”"')


def _person_at(doc: DocAnalysis, start: int, end: int) -> int | None:
    best = None
    for info in doc.sentences:
        if info.sent.end < start or info.sent.start > end:
            continue
        for pm in info.people:
            if start <= pm.start and pm.end <= end:
                best = pm.entity if best is None else best
    return best


def _last_person_before(doc: DocAnalysis, pos: int, *, not_in_quotes: bool = True) -> int | None:
    best = None
    for info in doc.sentences:
        if info.sent.start > pos:
            break
        for pm in info.people:
            if pm.end <= pos and not (not_in_quotes and doc.in_quote(pm.start)):
                best = pm.entity
    return best


def _speaker(doc: DocAnalysis, qs: int, qe: int) -> tuple[int | None, Person | None]:
    text = doc.text
    after = text[qe + 1 : qe + 120].split("\n")[0]
    m = AFTER_RE.match(after)
    if m:
        window_start = qe + 1
        window_end = qe + 1 + m.end() + 40
        clause = text[window_start:window_end]
        clause = re.split(r"[.;]\s", clause)[0]
        idx = _person_at(doc, window_start, window_start + len(clause))
        if idx is not None:
            return idx, None
        who = re.search(r"\b(?:he|she)\b", clause[: m.end() + 5], re.I)
        if who:
            return _last_person_before(doc, qs), None
        role = _role_in(doc, window_start, window_start + len(clause))
        if role is not None:
            return role
        unnamed = _unnamed_source(clause)
        if unnamed is not None:
            return None, unnamed
    # speaker before the quote in the same sentence: "X said: "..."" or "X welcomed ..., "...""
    line_start = text.rfind("\n", 0, qs) + 1
    info = doc.sentence_at(qs - 1)
    sent_start = max(line_start, info.sent.start if info else line_start)
    lead = text[sent_start : qs - 1]
    if lead.strip():
        idx = _person_at(doc, sent_start, qs - 1)
        role = _role_in(doc, sent_start, qs - 1)
        if role is not None and (
            idx is None or _first_pos(doc, role, sent_start) < _first_person_pos(doc, sent_start, qs)
        ):
            return role
        if idx is not None:
            return idx, None
        if re.search(r"\b(?:he|she)\s+(?:said|added|told|stated)\b", lead, re.I):
            return _last_person_before(doc, sent_start), None
    return None, None


def _first_person_pos(doc: DocAnalysis, start: int, end: int) -> int:
    for info in doc.sentences:
        for pm in info.people:
            if start <= pm.start < end:
                return pm.start
    return 10**9


def _first_pos(doc: DocAnalysis, role: tuple[int | None, Person | None], start: int) -> int:
    return role[1].name.__len__() if False else start  # role phrases are found at the start of the lead


def _role_in(doc: DocAnalysis, start: int, end: int) -> tuple[int | None, Person | None] | None:
    """A role phrase ("the President", "the Chief Executive") resolved to a known person."""
    for info in doc.sentences:
        if info.sent.end < start or info.sent.start > end:
            continue
        named = {pm.role_span for pm in info.people}
        for m in info.mentions:
            if m.label != "ROLE" or not (start <= m.start < end) or (m.start, m.end) in named:
                continue
            article = re.search(
                r"\b(the|an?)\s+(?:[\w-]+\s+)?$", doc.text[max(0, m.start - 16) : m.start], re.I
            )
            if not article:
                continue
            if article.group(1).lower() == "the":
                idx = _person_with_role(doc, m.value, m.start)
                if idx is not None:
                    return idx, None
            country = next((p.value for p in info.parties() if start <= p.start < end), None)
            return None, Person(None, m.value, country or doc.home)
    return None


UNNAMED_SOURCE = re.compile(
    r"\b(?:a|an|the|one|another)\s+((?:[\w-]+\s+){0,4}?(?:official|diplomat|source|spokes(?:man|woman|person)|aide|"
    r"adviser|advisor|negotiator|envoy|minister))s?\b",
    re.I,
)


def _unnamed_source(clause: str) -> Person | None:
    """ "..., a senior German government official said": a speaker the text does not name."""
    m = UNNAMED_SOURCE.search(clause)
    if not m:
        return None
    g = load_gazetteer()
    country = next((g.country(w) for w in re.findall(r"[A-Z][\w-]+", m.group(1)) if g.country(w)), None)
    return Person(None, m.group(1).strip(), country)


HEAD_ROLES = ("President", "Prime Minister")


def _person_with_role(doc: DocAnalysis, role: str, before: int) -> int | None:
    candidates = [
        i for i, p in enumerate(doc.people) if p.role and (p.role == role or p.role.startswith(role))
    ]
    if not candidates and role.lower() in {"chief executive", "head of state", "leader"}:
        candidates = [i for i, p in enumerate(doc.people) if p.role in HEAD_ROLES]
    if not candidates:
        return None

    # the one mentioned last before the phrase
    def last_mention(i: int) -> int:
        ms = [s for s, _ in doc.people[i].mentions if s < before]
        return max(ms) if ms else -1

    return max(candidates, key=last_mention)


def _caption_speaker(doc: DocAnalysis, qe: int) -> int | None:
    """A short line after a quote paragraph naming the speaker ("President Tusk at the summit")."""
    text = doc.text
    nxt = re.match(r"[”\"]?\s*\n\s*\n?([^\n]{3,90})\n", text[qe : qe + 120] + "\n")
    if not nxt:
        return None
    line_start = qe + nxt.start(1)
    line = nxt.group(1)
    if line.rstrip().endswith((".", "!", "?")) or len(line.split()) > 14:
        return None
    return _person_at(doc, line_start, line_start + len(line))


def _paragraph_speaker(doc: DocAnalysis, qs: int) -> int | None:
    """The last "X said" before the quote in the same paragraph."""
    info = doc.sentence_at(qs)
    if info is None:
        return None
    para = info.sent.paragraph
    best = None
    for s in doc.sentences:
        if s.sent.paragraph != para or s.sent.start >= qs:
            continue
        for pm in s.people:
            if re.match(r"\s+(?:said|says|added|noted|told)\b", doc.text[pm.end : pm.end + 12]):
                best = pm.entity
    return best
