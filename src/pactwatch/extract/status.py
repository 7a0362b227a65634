"""Status cues: which word of a sentence says what happened to an accord or a meeting."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pactwatch.extract.lexicon import Lexicon

ACCORD_ORDER = ("cancelled", "denied", "failed", "expected", "proposed", "signed")
QUESTION_RE = re.compile(r"^\s*(?:to ask\b|ask(?:ed)? whether\b)|\?\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Cue:
    status: str
    start: int  # offsets relative to the sentence
    end: int
    negated: bool = False


def is_question(text: str) -> bool:
    return bool(QUESTION_RE.search(text))


def accord_cues(text: str, lex: Lexicon) -> list[Cue]:
    """All accord status cues in a sentence; a cue inside a longer cue of another kind is dropped."""
    raw: list[Cue] = []
    for status, rx in (
        ("cancelled", lex.cancelled_re),
        ("denied", lex.denied_re),
        ("failed", lex.failed_re),
        ("expected", lex.expected_re),
        ("proposed", lex.proposed_re),
        ("signed", lex.signed_re),
        ("ongoing", lex.ongoing_re),
    ):
        for m in rx.finditer(text):
            if (
                status == "signed"
                and m.group(0).lower().startswith("exchange")
                and re.match(
                    r"\s+(?:of\s+)?(?:views|ideas|opinions|greetings|pleasantries|notes\s+on\s+the\s+situation)",
                    text[m.end() :],
                    re.I,
                )
            ):
                continue
            raw.append(Cue(status, m.start(), m.end(), _negated(text, m.start(), lex)))
    kept = [
        c
        for c in raw
        if not any(
            o is not c and o.start <= c.start and c.end <= o.end and (o.end - o.start) > (c.end - c.start)
            for o in raw
        )
    ]
    return sorted(kept, key=lambda c: c.start)


def _negated(text: str, start: int, lex: Lexicon) -> bool:
    clause_start = max(text.rfind(",", 0, start), text.rfind(";", 0, start), 0)
    window = text[max(clause_start, start - 45) : start]
    return bool(lex.negation_re.search(window))


def nearest_status(
    cues: list[Cue], pos: int, end: int | None = None, *, after_penalty: int = 10
) -> Cue | None:
    """The cue closest to an accord mention at ``pos``..``end`` (cues after it weigh a little less)."""
    end = pos if end is None else end
    best: tuple[int, Cue] | None = None
    for c in cues:
        if c.negated and c.status in {"cancelled", "signed"}:
            continue
        if c.end <= pos:
            d = pos - c.end
        elif c.start >= end:
            d = c.start - end + after_penalty
        else:
            d = 0
        if best is None or d < best[0]:
            best = (d, c)
    return best[1] if best else None
