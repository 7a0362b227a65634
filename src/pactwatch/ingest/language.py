"""An offline guess of a text's language, good enough to tell English from the rest.

No model is downloaded: the guess counts very common function words per language
(``data/function_words.json``) and, for texts mostly in a non-Latin script, maps the
script to a language. It is biased towards English on purpose: a short sentence, a
headline or a text full of proper names is "en" unless another language shows clear
evidence, because pactwatch extracts from English and turning an English text away
costs more than trying a foreign one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

UNDETERMINED = "und"
ENGLISH = "en"

_WORD = re.compile(r"[^\W\d_]+")
#: how many letters and words of a long text are looked at
_SAMPLE_CHARS = 20_000
#: another language wins when it has at least this many (weighted) hits ...
_MIN_OTHER_HITS = 2.0
#: ... and this many times as many as English
_OTHER_OVER_ENGLISH = 2.0
#: a text of at least this many words whose English hits stay under the share below is no English
_LONG_TEXT_WORDS = 30
_MIN_ENGLISH_SHARE = 0.04


@dataclass(frozen=True, slots=True)
class _Tables:
    weights: dict[str, dict[str, float]]  # word -> language -> weight (1 / number of languages listing it)
    languages: tuple[str, ...]
    scripts: dict[str, str]


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = json.loads(
        resources.files("pactwatch.ingest").joinpath("data/function_words.json").read_text("utf-8")
    )
    words: dict[str, list[str]] = raw["words"]
    owners: dict[str, set[str]] = {}
    for lang, items in words.items():
        for w in items:
            owners.setdefault(w.lower(), set()).add(lang)
    weights = {w: {lang: 1.0 / len(langs) for lang in langs} for w, langs in owners.items()}
    return _Tables(weights=weights, languages=tuple(words), scripts=dict(raw["scripts"]))


def _script_language(text: str, tables: _Tables) -> str | None:
    """The language of a text mostly written in a non-Latin script, else None."""
    scripts: Counter[str] = Counter()
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            scripts[name.split(" ", 1)[0] if name else "UNKNOWN"] += 1
    letters = sum(scripts.values())
    if not letters or scripts["LATIN"] / letters >= 0.5:
        return None
    kana = scripts["HIRAGANA"] + scripts["KATAKANA"]
    if kana and kana >= 0.05 * letters:
        return "ja"
    top = max((s for s in scripts if s != "LATIN"), key=lambda s: scripts[s])
    return tables.scripts.get(top, UNDETERMINED)


def function_word_hits(text: str) -> tuple[int, dict[str, float]]:
    """The number of words of ``text`` and the weighted function-word hits per language."""
    tables = _tables()
    words = _WORD.findall(text[:_SAMPLE_CHARS].lower())
    hits = dict.fromkeys(tables.languages, 0.0)
    for w in words:
        for lang, weight in tables.weights.get(w, {}).items():
            hits[lang] += weight
    return len(words), hits


def detect_language(text: str) -> str:
    """An ISO 639-1 code for ``text`` ("en", "de", "fr", ...), or "und" when there is no telling."""
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED
    by_script = _script_language(sample, _tables())
    if by_script is not None:
        return by_script
    n_words, hits = function_word_hits(sample)
    english = hits.pop(ENGLISH, 0.0)
    other, other_hits = max(hits.items(), key=lambda kv: kv[1]) if hits else (UNDETERMINED, 0.0)
    if other_hits >= _MIN_OTHER_HITS and other_hits > _OTHER_OVER_ENGLISH * english:
        return other
    if n_words >= _LONG_TEXT_WORDS and english / n_words < _MIN_ENGLISH_SHARE:
        return UNDETERMINED
    return ENGLISH


def normalise_language(code: object) -> str | None:
    """A language field as found in the input ("en-US", "EN", "") as a bare lower-case code, or None."""
    if not isinstance(code, str):
        return None
    code = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
