"""Accord titles: where the title around an accord noun begins and ends.

The title runs left over capitalised words and known modifiers ("Comprehensive Strategic
Partnership Agreement") and right over an "on/of/for/between ..." complement up to a
clause boundary or a verb. Also here: a count before the noun ("two MoUs") and the
acronym a title stands for.
"""

from __future__ import annotations

import re

from pactwatch.extract.numbers import parse_count
from pactwatch.model import Count

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


def left_title_start(text: str, pos: int, headline: bool) -> int:
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


def right_title_end(text: str, pos: int, titled: bool) -> int:
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


def count_before(before: str) -> Count | None:
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


def count_start(before: str) -> int:
    m = re.search(
        r"(?:(?:more\s+than|over|at\s+least|up\s+to|about|nearly|around|some)\s+)?"
        r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|a\s+dozen|dozens?)"
        r"\s+(?:[\w-]+\s+){0,4}$",
        before,
        re.I,
    )
    return m.start() if m else len(before)


def acronym_of(title: str | None) -> str | None:
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
