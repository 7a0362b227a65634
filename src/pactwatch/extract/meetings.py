"""Meetings: talks, summits, visits, calls, negotiation rounds and consultations.

A meeting needs a trigger (a meeting noun or verb) and someone or something that meets:
named or unnamed officials, or a named summit ("NATO Summit"). Its status is ``held``
unless the sentence speaks of the future ("will meet", "next month", "looking ahead to").
The parts of a meeting (title, place, unnamed participants, counterparts, side meetings)
are read by ``meeting_parts.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pactwatch.extract.accord_fields import year_penalty
from pactwatch.extract.analysis import DocAnalysis, SentenceInfo
from pactwatch.extract.candidates import Candidate, clean_title, fill_parties, sentence_parties
from pactwatch.extract.gazetteer import load_gazetteer
from pactwatch.extract.meeting_parts import (
    COUNTERPART_RE,
    counterpart_of,
    is_topic,
    meeting_place,
    meeting_title,
    person_with_role,
    sideline_meeting,
    unnamed_roles,
)
from pactwatch.extract.status import is_question
from pactwatch.extract.temporal import resolve_date

NOT_DIPLOMATIC = re.compile(r"\b(?:news|press|media)\s+(?:conference|briefing)s?\b|\bbriefing\b", re.I)
VAGUE = re.compile(
    r"\b(?:look(?:ed|s|ing)?\s+forward\s+to\s+(?:meeting|speaking|seeing)\s+(?:again\s+)?soon|keep\s+in\s+(?:close\s+)?contact)\b",
    re.I,
)
VERB_TRIGGER = re.compile(
    r"\b(?:met(?:\s+with)?|meets?(?:\s+with)?|held\s+talks|hold\s+talks|"
    r"spoke\s+(?:today\s+|yesterday\s+|again\s+|separately\s+|on\s+\w+day\s+)?(?:to|with|by\s+(?:tele)?phone|over\s+the\s+(?:tele)?phone|on\s+the\s+(?:tele)?phone)|"
    r"(?:held|had)\s+(?:a\s+)?(?:tele)?phone\s+(?:call|conversation|talks)\s+with|"
    r"welcomed|hosted|will\s+meet|to\s+meet|will\s+visit|to\s+visit|visited|visiting|received|arrived\s+in|"
    r"travel(?:l)?ed\s+to|will\s+travel\s+to)\b",
    re.I,
)
VISIT_VERB = re.compile(
    r"\b(?:visit(?:ed|ing|s)?|arrived\s+in|travel(?:l)?ed\s+to|will\s+travel\s+to)\b", re.I
)
MULTI_SUMMIT = re.compile(
    r"(?<![-–])\b(NATO|G20|G7|G-20|G-7|ASEAN|APEC|BRICS|SCO|EU|UN|Quad|Commonwealth|GCC|AU|SAARC|BIMSTEC|OIC|CHOGM)\s+"
    r"(?:[Ll]eaders[’']?\s+)?[Ss]ummit\b"
)
HABITUAL = re.compile(
    r"\b(?:holds?|meets?|is\s+held|are\s+held|convenes?|takes\s+place)\b[^.;]{0,60}?\b(?:annually|every\s+(?:two\s+)?years?|"
    r"each\s+year|twice\s+a\s+year|regularly|biennially)\b",
    re.I,
)
PAST_EARLIER = re.compile(r"\b(?:last|previous|earlier|prior|former)\s+(?:[\w’']+\s+){0,2}$", re.I)


def find_meetings(doc: DocAnalysis) -> Iterator[Candidate]:
    lex = doc.lexicon
    g = load_gazetteer()
    for info in doc.sentences:
        text = info.text
        if is_question(text) or (
            NOT_DIPLOMATIC.search(text) and not lex.meeting_re.search(NOT_DIPLOMATIC.sub("", text))
        ):
            continue
        if VAGUE.search(text) and not MULTI_SUMMIT.search(text):
            continue

        triggers = [
            (m.start(), m.end(), lex.meeting_nouns.get(" ".join(m.group(0).lower().split()), "meeting"))
            for m in lex.meeting_re.finditer(text)
        ]
        triggers = [t for t in triggers if not _skip_noun(text, t, doc, info)]
        # "holds its leaders' meeting every two years": a format (see mechanisms), not one meeting
        triggers = [
            t
            for t in triggers
            if not any(h.start() <= t[0] < h.end() for h in HABITUAL.finditer(info.masked))
        ]
        if not triggers:
            vm = VERB_TRIGGER.search(info.masked)
            if not vm:
                continue
            named_after = [pm for pm in info.people if pm.start >= info.start + vm.end()]
            counterpart = COUNTERPART_RE.search(text, vm.end())
            who = len(info.people) + len(unnamed_roles(doc, info)) + (1 if counterpart else 0)
            visit = VISIT_VERB.match(text, vm.start()) is not None
            object_party = any(
                0 <= m.start - (info.start + vm.end()) <= 5
                for m in info.mentions
                if m.label in {"PARTY", "PLACE"}
            )
            subject = any(pm.start < info.start + vm.start() for pm in info.people) or any(
                r.start < info.start + vm.start() for r in info.mentions if r.label == "ROLE"
            )
            if visit and object_party and subject:
                pass
            elif not (named_after or counterpart) or who < 2:
                continue
            kind = (
                "call"
                if lex.call_re.search(text) or text[vm.start() : vm.end()].lower().startswith("spoke")
                else ("visit" if visit else "talks")
            )
            triggers = [(vm.start(), vm.end(), kind)]
        start, end, kind = triggers[0]
        if kind == "call" or lex.call_re.search(text):
            kind = "call" if kind in {"talks", "meeting", "call"} else kind
        cand = Candidate(
            type="meeting",
            status="",
            anchor=info.start + start,
            spans=[(info.start, info.sent.end)],
            kind=kind,
        )
        cand.status = _status(doc, info, start)
        cand.title = meeting_title(text, start, end)
        before = text[:start]
        if PAST_EARLIER.search(before):
            cand.anaphoric = False
        elif (
            re.search(r"\b(?:the|this|that|these|those)\s+$", before, re.I)
            and not re.match(r"\s+(?:of|by|between|with|to|in|at|on)\b", text[end:])
            and not any(o[0] <= info.start + start <= o[1] + 30 for o in info.ordinals)
        ):
            cand.anaphoric = True  # "the talks", "this visit": a meeting already told
        elif (
            re.search(
                r"\b(?:the|this|that|their|these|those|its|his|her|during\s+the)\s+(?:[\w-]+\s+){0,1}$",
                before,
                re.I,
            )
            and not info.people
            and not re.match(r"\s+(?:of|by|between|with|to)\s+(?:the\s+)?[A-Z]", text[end:])
            and not MULTI_SUMMIT.search(text)
            and not any(o[0] <= info.start + start <= o[1] + 30 for o in info.ordinals)
        ):
            cand.anaphoric = True
        multi = MULTI_SUMMIT.search(text)
        counterpart_country = None
        cand.people = [pm.entity for pm in info.people if not _is_speaker_only(text, pm.end - info.start)]
        cand.named_people = list(cand.people)
        cand.unnamed = []
        counterpart_country = counterpart_of(doc, info, cand)
        for p in unnamed_roles(doc, info):
            idx = person_with_role(doc, p.role or "", info.start, p.country)
            if idx is not None:
                cand.people.append(idx)
            else:
                cand.unnamed.append(p)
        if multi and re.search(r"\b(?:margins?|sidelines?)\s+of\s+(?:the\s+)?$", text[: multi.start()]):
            side = sideline_meeting(doc, info, cand, multi)
            if side is not None:
                yield side
        if (
            multi
            and multi.start() <= start + 20
            and not (len(cand.people) + len(cand.unnamed) >= 2 and multi.start() > start)
        ):
            code = g.organisation(multi.group(1)) or multi.group(1)
            cand.parties = [code]
            cand.title = clean_title(text[multi.start() : multi.end()])
            cand.kind = "summit"
            cand.people, cand.unnamed = [], []
        else:
            found = [p for p in sentence_parties(info, doc) if not is_topic(doc, info, p)]
            if counterpart_country and counterpart_country not in found:
                found.append(counterpart_country)
            for idx in cand.people:
                c = doc.people[idx].country
                if c and c not in found:
                    found.append(c)
            for p in cand.unnamed:
                if p.country and p.country not in found:
                    found.append(p.country)
            poss = re.search(r"(\S+)['’]s\s+(?:[\w-]+\s+){0,3}$", text[:start])
            owner = load_gazetteer().party(poss.group(1)) if poss else None
            if owner and kind == "summit" and not cand.people:
                cand.parties = [owner]
            else:
                cand.parties = fill_parties(found, doc, minimum=2 if kind not in {"visit"} else 1)
        cand.place = meeting_place(doc, info, start)
        if cand.kind == "visit":
            dest = (
                re.match(
                    r"\s*(?:to\s+|in\s+)?(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})", text[end:]
                )
                or re.search(  # "a visit by Morocco's foreign minister to Paris"
                    r"\bto\s+(?:the\s+)?([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,2})", text[end : end + 70]
                )
            )
            host = None
            if dest:
                g = load_gazetteer()
                host = g.place_country(dest.group(1)) or g.party(dest.group(1))
                cand.place = cand.place or dest.group(1)
            if host and host not in cand.parties:
                cand.parties.append(host)
        if multi and cand.place and cand.place in cand.parties:
            pass
        dates = info.dates
        if dates:
            d = min(
                dates,
                key=lambda d: abs(d.start - cand.anchor) + year_penalty(doc, d),
            )
            cand.date = d.value
            if d.relative and doc.published:
                tense = "future" if cand.status == "expected" else "past"
                lead = doc.text[max(info.start, d.start - 8) : d.start]
                lw = re.search(r"(?:in|on|last|next|this|by|early|late)\s+$", lead, re.I)
                expr = (lw.group(0) if lw else "") + d.text
                cand.date = (
                    resolve_date(expr, doc.published, tense=tense)
                    or resolve_date("in " + d.text, doc.published, tense=tense)
                    or d.value
                )
        elif cand.status == "held" and info.speech_dates:
            cand.date, cand.date_weak = info.speech_dates[0].value, True
        elif cand.status == "held" and not PAST_EARLIER.search(before) and doc.published:
            cand.date = doc.published.isoformat()
            cand.date_default = True
        for s, e, v in info.ordinals:
            if (e <= cand.anchor + 2 and cand.anchor - e < 40) or (
                s >= info.start + start and s - (info.start + end) < 5
            ):
                cand.ordinal = v
        rec = [r for r in info.recurrence if abs(r[0] - cand.anchor) < 40]
        if rec:
            cand.recurrence = rec[0][2]
        cand.confidence = 0.75 if cand.status == "held" else 0.65
        yield cand


NEGOTIATION_EVENT = re.compile(
    r"\b(?:renewed|resumed|opened|began|held|hold|started|reopened|wrapped\s+up|concluded|"
    r"took\s+place|will\s+take\s+place|round)\b",
    re.I,
)


DOMESTIC_MEETING = re.compile(
    r"\b(?:cabinet|party|board|shareholders?|staff|parliamentary|caucus|town[- ]hall|press|media|team|club|"
    r"council\s+of\s+ministers|politburo|plenum|committee)\s+$",
    re.I,
)


def _skip_noun(text: str, t: tuple[int, int, str], doc: DocAnalysis, info: SentenceInfo) -> bool:
    start, end, kind = t
    word = text[start:end].lower()
    before, after = text[:start], text[end:]
    if re.search(
        r"\b(?:every|each|any|no|such|many|most|several|frequent|regular)\s+(?:[\w-]+\s+)?$", before, re.I
    ):
        return True  # "every visit produces ...": no particular meeting
    if DOMESTIC_MEETING.search(before):
        return True
    if kind == "talks" and re.search(r"\b(?:is|are|was|were|remain|remains|been|be)\s+in\s+$", before, re.I):
        return True  # "Uzbekistan is in talks with Baykar": negotiating, not a meeting
    if kind == "negotiations":
        near = text[max(0, start - 30) : end + 30]
        return not NEGOTIATION_EVENT.search(near) or bool(
            re.search(r"\b(?:launch|beginning\s+of|conclusion\s+of|ongoing)\b", near, re.I)
        )
    if kind == "session":
        ordinal_before = re.search(
            r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
            r"next|latest|annual|plenary|inaugural)\s+(?:annual\s+|plenary\s+)?$",
            before,
            re.I,
        )
        return not (ordinal_before or re.match(r"\s+of\s+the\s+[A-Z]", after) or text[start].isupper())
    if re.search(
        r"\b(?:an?|regular)\s+(?:annual|biennial|regular|yearly)\s+(?:[\w+-]+\s+){0,3}$", before, re.I
    ):
        return True  # "an annual summit", "an annual 2+2 ministerial dialogue": a format, not one meeting
    if (
        kind == "dialogue"
        and re.search(
            r"\b(?:hold|held|holds|convene|launch)\s+(?:a|an|the|their)\s+(?:[\w+-]+\s+){0,3}$", before, re.I
        )
        and re.search(r"(?:2\+2|strategic|ministerial|security|economic)\s+$", before, re.I)
    ):
        return False  # "to hold a 2+2 dialogue ... next year"
    if kind == "dialogue" and re.search(
        r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
        r"ninth|tenth|next|latest|inaugural)\s+(?:[\w+-]+\s+){0,3}$",
        before,
        re.I,
    ):
        return False
    if kind in {"dialogue", "forum"} and not (word[0].isupper() or text[start].isupper()):
        return True
    if kind == "forum" and re.search(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}$", before):
        return True  # "a high-level forum for ..." describes a mechanism
    if (
        kind == "negotiation round"
        and word == "round"
        and not re.search(
            r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|latest|\d+(?:st|nd|rd|th))\s+$",
            before,
            re.I,
        )
        and not re.match(r"\s+(?:of\s+)?(?:two|three|four|five|\d+)\b", after)
    ):
        return True
    if word in {"call", "calls"} and re.match(r"\s+(?:for|on)\b", after):
        return True
    if word == "visit" and re.match(r"\s+(?:to\s+)?(?:witness|the\s+country)\b", after) and not info.people:
        return True
    if (
        kind == "talks"
        and word == "discussions"
        and not re.search(r"\b(?:bilateral|trilateral|held|hold)\b", text[max(0, start - 25) : start])
    ):
        return True
    return bool(re.search(r"\b(?:summit|meeting|talks)\s*$", before.lower()) and kind == "meeting")


def _is_speaker_only(text: str, rel_end: int) -> bool:
    return bool(re.match(r"\s*,?\s*(?:said|added|told|noted)\b", text[rel_end:]))


def _status(doc: DocAnalysis, info: SentenceInfo, pos: int) -> str:
    lex = doc.lexicon
    text = info.masked or info.text
    if re.search(r"\b(?:cancel(?:l?ed)?|called\s+off|postponed|scrapped)\b", text, re.I):
        return "cancelled"
    fut = [m for m in lex.meeting_future_re.finditer(text)]
    past = [m for m in lex.meeting_past_re.finditer(text)]
    pub = doc.published.isoformat() if doc.published else ""
    rel_future = any(
        d.relative
        and (
            d.value > pub[: len(d.value)]
            or re.search(r"\b(?:next|coming|later|upcoming|tomorrow)\b", d.text, re.I)
        )
        for d in info.dates
    )
    if fut:
        nearest_f = min(abs(m.start() - pos) for m in fut)
        nearest_p = min((abs(m.start() - pos) for m in past), default=10**6)
        if nearest_f <= nearest_p or rel_future:
            return "expected"
    if rel_future and not re.search(r"\b(?:last|earlier|ago)\b", text, re.I):
        return "expected"
    if info.tense == "future" and not past:
        return "expected"
    return "held"
