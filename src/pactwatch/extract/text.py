"""Words and sentences: the character-level view every component shares.

A ``Word`` is a span of the document text; ``Sentence`` holds its words. Sentences split
at ., ! and ? (not after abbreviations and initials), at line breaks, and where a
period sits between a lower-case and an upper-case letter ("Modi.Both").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.(?=\s+[A-Z])|\d[\d,.]*\d|\w+|[^\w\s]")
NORM_RE = re.compile(r"(?:[a-z]\.){2,}|\w+")

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "adm",
        "sgt",
        "hon",
        "rev",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "pvt",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "govt",
        "sen",
        "rep",
        "gov",
        "amb",
        "cmdr",
        "brig",
        "fig",
    ]
)
CLOSE_QUOTES = frozenset({'"', "”", "’", "'", ")"})
OPEN_QUOTES = frozenset({'"', "“", "‘", "("})


def norm_key(text: str) -> str:
    """The lookup key of a phrase: lower-case words joined by single spaces."""
    return " ".join(NORM_RE.findall(text.lower()))


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int


def words_of(text: str, offset: int = 0) -> list[Word]:
    return [Word(m.start() + offset, m.end() + offset, m.group()) for m in WORD_RE.finditer(text)]


_BOUNDARY_RE = re.compile(
    r"""(?P<end>[.!?]+)(?P<close>["”’')\]]*)(?P<space>\s+|(?=[A-Z][a-z]))"""
    r"""|(?P<nl>\n\s*)""",
)


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with exact character offsets into ``text``."""
    spans: list[tuple[int, int, int]] = []
    start = 0
    paragraph = 0
    for m in _BOUNDARY_RE.finditer(text):
        if m.group("nl") is not None:
            end = m.start()
            if text[start:end].strip():
                spans.append((start, end, paragraph))
            paragraph += 1
            start = m.end()
            continue
        end_punct = m.group("end")
        space = m.group("space") or ""
        line_start = text.rfind("\n", 0, m.start()) + 1
        if end_punct == "." and re.fullmatch(
            r"\s*(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})", text[line_start : m.start()]
        ):
            continue  # "1. Memorandum of ...": an enumerator, not a sentence
        if "\n" in space:
            end = m.start() + len(end_punct) + len(m.group("close"))
            if text[start:end].strip():
                spans.append((start, end, paragraph))
            paragraph += 1
            start = m.end()
            continue
        before = text[max(start, m.start() - 12) : m.start()]
        prev_word = re.search(r"([A-Za-z]+)$", before)
        if end_punct == "." and prev_word:
            w = prev_word.group(1)
            if w.lower() in ABBREVIATIONS or (len(w) == 1 and w.isupper()):
                continue
            if re.search(r"(?:[A-Za-z]\.){1,}[A-Za-z]$", before):  # U.S. / D.C.
                nxt = text[m.end() : m.end() + 1]
                if not nxt or not nxt.isupper():
                    continue
        if not m.group("space") and not m.group("close"):
            # "Modi.Both": only a lower-case letter before an upper-case one starts a sentence
            if not (m.start() > 0 and text[m.start() - 1].islower()):
                continue
        nxt_char = text[m.end() : m.end() + 1]
        if nxt_char and (nxt_char.islower() or nxt_char in ",;:"):
            continue
        end = m.start() + len(end_punct) + len(m.group("close"))
        if text[start:end].strip():
            spans.append((start, end, paragraph))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text), paragraph))
    out: list[Sentence] = []
    for i, (s, e, p) in enumerate(spans):
        # trim whitespace inside the span
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Sentence(i, s, e, text[s:e], p))
    return out
