"""Names: runs of capitalised words that may name a person.

A name is a run of capitalised words (with initials, particles such as "von der" and
suffixes such as "Jr." or "III"); words in ``NAME_STOP`` (see ``name_stop.py``) and
short acronyms never belong to one. Also the default honorifics ("Mr", "Dr", "Gen.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pactwatch.extract.name_stop import name_stop
from pactwatch.extract.text import Word

PARTICLES = frozenset(
    {"von", "der", "van", "de", "den", "bin", "bint", "al", "da", "di", "du", "la", "le", "del", "dos", "ibn"}
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
HONORIFICS_DEFAULT = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "hon",
        "hon.",
        "sir",
        "dame",
        "lord",
        "lady",
        "shri",
        "smt",
        "smt.",
        "sheikh",
        "general",
        "gen",
        "gen.",
        "admiral",
        "adm",
        "adm.",
        "marshal",
        "colonel",
        "col",
        "col.",
        "major",
        "brigadier",
        "captain",
        "lt",
        "lt.",
        "h.e.",
        "excellency",
        "prince",
        "princess",
    ]
)


def _is_name_word(w: Word, blocked: set[int]) -> bool:
    t = w.text
    if w.start in blocked:
        return False
    if re.fullmatch(r"[A-Z]\.", t):
        return True
    if not t[:1].isupper() or not t[:1].isalpha():
        return False
    if t.lower() in name_stop():
        return False
    return not (len(t) > 1 and t.isupper() and len(t) <= 3 and t not in {"XI"})  # acronyms


def name_runs(words: Sequence[Word], blocked: set[int]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of candidate name word runs."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if not _is_name_word(words[i], blocked) or (re.fullmatch(r"[A-Z]\.", words[i].text) and i + 1 >= n):
            i += 1
            continue
        j = i + 1
        while j < n:
            w = words[j]
            prev = words[j - 1]
            if _is_name_word(w, blocked) and w.start - prev.end <= 1:
                j += 1
            elif w.text.lower() in PARTICLES:
                k = j
                while k < n and words[k].text.lower() in PARTICLES:
                    k += 1
                if k < n and _is_name_word(words[k], blocked):
                    j = k + 1
                else:
                    break
            elif (
                w.text == "-"
                and w.start == prev.end
                and j + 1 < n
                and words[j + 1].start == w.end
                and _is_name_word(words[j + 1], blocked)
            ):
                j += 2
            elif w.text.lower().rstrip(".") in {"jr", "sr", "iii", "ii", "iv"}:
                j += 1
                if j < n and words[j].text == ".":
                    j += 1
                break
            elif w.text == "," and j + 1 < n and words[j + 1].text.lower().rstrip(".") in {"jr", "sr"}:
                j += 2
                break
            else:
                break
        runs.append((i, j))
        i = j
    return runs
