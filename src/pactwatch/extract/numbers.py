"""Cardinal numbers and money amounts in English news text.

A regex normaliser (no library reads Indian grouping or lakh/crore): digits in
western (``601,427``) and Indian (``6,01,427``) grouping, number words
(``twenty-two``, ``one hundred and five``, ``a dozen``), multipliers
(``1.2bn``, ``10 lakh``, ``2.5 lakh crore``) and currencies written before
(``£``, ``US$``, ``Rs``, ``INR``) or after (``yuan``, ``roubles``) the amount.
The word lists and currency tables are data: ``data/numbers.json``.

Choices:

- Not numbers: ordinals (``21st``), codes (``AK-203``, ``F-35``, ``G20``,
  ``7.63x39mm``, ``5G``), digits joined by ``-``/``/``/``:``/``+`` to other
  digits (``2021-31``, ``29/05/2015``, ``14:58``, ``2+2``, ``5-9``) and the day
  number of a date (``18 February``, ``February 18``). Years are numbers.
- A span covers the number and its multiplier, not the qualifier
  (``more than`` is reported in ``qualifier``); a money span also covers the
  currency.
- ``m`` and ``b`` are multipliers only in a money expression (``EUR 20m``); ``k``
  only when written straight after the digits.
- ``¥`` is JPY unless ``yuan``/``RMB``/``renminbi`` follows closely. A bare
  ``pesos``, ``dinars`` or ``francs`` is not read (too many countries use them);
  ``Philippine pesos`` is PHP, ``Mexican pesos`` MXN. ``won`` is KRW only after
  a multiplier (``5 trillion won``), since "won" is also a verb.
- ``about N``/``nearly N`` counts as exactly N in :func:`parse_count`
  (``Count(N, N)``): a text's approximate figure is the figure it reports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pactwatch.model import Count, Money

_DATA_DIR = Path(__file__).parent / "data"

__all__ = [
    "MoneyMatch",
    "NumberMatch",
    "find_money",
    "find_numbers",
    "parse_count",
    "parse_money",
    "parse_number",
]


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A cardinal number in a text: its span, normalised value and qualifier."""

    start: int
    end: int
    text: str
    value: float
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class MoneyMatch:
    """An amount of money in a text; ``currency`` is an ISO 4217 code."""

    start: int
    end: int
    text: str
    amount: float
    currency: str
    qualifier: str | None


@cache
def _load(name: str) -> dict[str, Any]:
    with (_DATA_DIR / name).open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that ``million`` wins over ``m``."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@dataclass(frozen=True, slots=True)
class _Rules:
    data: dict[str, Any]
    words: dict[str, tuple[str, float]]  # lower-case word -> (kind, value)
    multipliers: dict[str, float]
    money_only: frozenset[str]
    attached_only: frozenset[str]
    digits: re.Pattern[str]
    word_start: re.Pattern[str]
    multiplier: re.Pattern[str]
    qualifier: re.Pattern[str]
    leading_qualifier: re.Pattern[str]
    ordinal_tail: re.Pattern[str]
    suffix_qualifier: re.Pattern[str]
    month_after: re.Pattern[str]
    month_before: re.Pattern[str]
    prefix: re.Pattern[str]
    suffix_name: re.Pattern[str]
    suffix_code: re.Pattern[str]
    vague: re.Pattern[str]


_WORD = re.compile(r"[A-Za-z]+")
_WORD_SEP = re.compile(r"[ \t\u00a0]*-[ \t\u00a0]*|[ \t\u00a0]+")
# Digits: western grouping, Indian grouping, or plain; with decimals.
_DIGITS = (
    r"(?<![\w,+\-/:\u2013\u2014])(?<!\d\.)"
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?(?![\d]|[.,]\d)"
)
# After the digits (and multipliers): what makes them a code, a date part or a range.
_REJECT_AFTER = re.compile(r"[A-Za-z0-9]|[x×]\d|[-\u2013\u2014/:+]\s?\d")


@cache
def _rules() -> _Rules:
    data = _load("numbers.json")
    months = _load("temporal.json")["months"]
    words: dict[str, tuple[str, float]] = {}
    for kind in ("units", "tens", "hundred", "scales", "dozen"):
        for w, v in data[kind].items():
            words[w] = (kind, float(v))
    mults = {k: float(v) for k, v in data["multipliers"].items()}
    month_alt = "|".join(
        re.escape(m.capitalize()) + "|" + re.escape(m.upper()) for m in sorted(months, key=len, reverse=True)
    )
    prefixes: dict[str, str] = data["currency_prefixes"]
    alpha = [p for p in prefixes if p[0].isalpha()]
    symbol = [p for p in prefixes if not p[0].isalpha()]
    codes = [p for p in prefixes if re.fullmatch(r"[A-Z]{3}", p)]
    return _Rules(
        data=data,
        words=words,
        multipliers=mults,
        money_only=frozenset(data["money_only_multipliers"]),
        attached_only=frozenset(data["attached_only_multipliers"]),
        digits=re.compile(_DIGITS),
        word_start=re.compile(r"\b(?:" + _alternation([*words, "a", "an", "half"]) + r")\b", re.I),
        multiplier=re.compile(r"([ \t\u00a0]?|-)(" + _alternation(mults) + r")(?![A-Za-z0-9])", re.I),
        qualifier=re.compile(r"(?<![A-Za-z])(" + _alternation(data["qualifiers"]) + r")\s*$", re.I),
        leading_qualifier=re.compile(r"\s*(?:" + _alternation(data["qualifiers"]) + r")\s+", re.I),
        ordinal_tail=re.compile(r"[ \t]*-[ \t]*(?:" + _alternation(data["ordinal_words"]) + r")\b", re.I),
        suffix_qualifier=re.compile(r"\s*(or more|or so|-?plus\b|\+)(?![\w])", re.I),
        month_after=re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + month_alt + r")\b"),
        month_before=re.compile(r"\b(?:" + month_alt + r")\.?\s+$"),
        prefix=re.compile(
            r"(?:(?<![A-Za-z])(?:" + _alternation(alpha) + r")|(?:" + _alternation(symbol) + r"))[ \u00a0]?$"
        ),
        suffix_name=re.compile(r"[ \u00a0]+(" + _alternation(data["currency_suffixes"]) + r")\b", re.I),
        suffix_code=re.compile(r"[ \u00a0]?(" + _alternation(codes) + r")\b"),
        vague=re.compile(r"\b(?:" + _alternation(data["vague_counts"]) + r")\b", re.I),
    )


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: float
    scaled: bool  # a multiplier or scale word was applied (5 trillion won)


def _words_at(text: str, pos: int, rules: _Rules) -> _Hit | None:
    """The longest well-formed run of number words starting at ``pos``."""
    total = current = 0.0
    half = False
    last: str | None = None
    best: _Hit | None = None
    scaled = False
    i = pos
    while True:
        m = _WORD.match(text, i)
        if not m:
            break
        w = m.group().lower()
        kind, val = rules.words.get(w, ("", 0.0))
        if w == "and" and last in ("hundred", "scales"):
            kind = "and"
        elif w in ("a", "an") and last in (None, "half"):
            kind, current = "a", 1.0
        elif w == "half" and last is None:
            kind, half = "half", True
        elif (kind in ("units", "tens") and last in (None, "hundred", "and", "scales")) or (
            kind == "units" and last == "tens" and val < 10
        ):
            current += val
        elif kind == "hundred" and last in ("units", "a") and 0 < current < 100:
            current *= val
        elif kind == "scales" and last in ("units", "tens", "hundred", "a", "scales"):
            if last == "scales":
                total *= val
            else:
                total += current * val
                current = 0.0
            scaled = True
        elif kind == "dozen" and last in ("units", "tens", "a"):
            current *= val * (0.5 if half else 1.0)
            scaled = True
        else:
            break
        last = kind
        i = m.end()
        if kind not in ("and", "a", "half"):
            best = _Hit(pos, i, total + current, scaled)
        sep = _WORD_SEP.match(text, i)
        if not sep:
            break
        i = sep.end()
    return best


def _money_prefix(text: str, start: int, rules: _Rules) -> tuple[int, str] | None:
    """The currency written just before ``start``: (its start, ISO code)."""
    window_start = max(0, start - 8)
    m = rules.prefix.search(text[window_start:start])
    if not m:
        return None
    token = m.group().rstrip(" \u00a0")
    return window_start + m.start(), rules.data["currency_prefixes"][token]


def _money_suffix(text: str, end: int, rules: _Rules, *, scaled: bool) -> tuple[int, str] | None:
    """The currency written just after ``end``: (its end, ISO code)."""
    m = rules.suffix_name.match(text, end)
    if m:
        name = m.group(1).lower()
        if name == "won" and not scaled:
            return None
        return m.end(), rules.data["currency_suffixes"][name]
    m = rules.suffix_code.match(text, end)
    if m:
        return m.end(), rules.data["currency_prefixes"][m.group(1)]
    return None


def _digits_hits(text: str, rules: _Rules, *, force_money: bool) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in rules.digits.finditer(text):
        start, end = m.span()
        value = float(m.group().replace(",", ""))
        money = force_money or _money_prefix(text, start, rules) is not None
        scaled = False
        for _ in range(2):
            mm = rules.multiplier.match(text, end)
            if not mm:
                break
            spaced, word = bool(mm.group(1)), mm.group(2).lower()
            if word in rules.attached_only and spaced:
                break
            if (
                word in rules.money_only
                and not money
                and not _money_suffix(text, mm.end(), rules, scaled=True)
            ):
                break
            if word in ("dozen", "hundred") and scaled:
                break
            value *= rules.multipliers[word]
            end, scaled = mm.end(), True
        if _REJECT_AFTER.match(text, end):
            continue
        if (
            not scaled
            and value.is_integer()
            and 1 <= value <= 31
            and _is_day_of_month(text, start, end, rules)
        ):
            continue
        hits.append(_Hit(start, end, value, scaled))
    return hits


_DAY_RANGE_REST = re.compile(r"\s*(?:and|to|-|\u2013)\s*\d{1,2}")


def _is_day_of_month(text: str, start: int, end: int, rules: _Rules) -> bool:
    if rules.month_after.match(text, end) or rules.month_before.search(text[max(0, start - 12) : start]):
        return True
    # the first day of a range: "5 and 9 December", "5 to 9 December"
    m = _DAY_RANGE_REST.match(text, end)
    return bool(m and rules.month_after.match(text, m.end()))


def _scan(text: str, *, force_money: bool = False) -> list[_Hit]:
    rules = _rules()
    hits = _digits_hits(text, rules, force_money=force_money)
    taken = [(h.start, h.end) for h in hits]
    for m in rules.word_start.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        hit = _words_at(text, m.start(), rules)
        tail = rules.ordinal_tail.match(text, hit.end) if hit is not None else None
        if hit is not None and tail is not None:
            # "twenty-first", "one-third": an ordinal or a fraction, not a cardinal
            taken.append((hit.start, tail.end()))
            continue
        if hit is not None:
            hits.append(hit)
            taken.append((hit.start, hit.end))
    hits.sort(key=lambda h: h.start)
    return hits


def _qualifier(text: str, start: int, end: int, rules: _Rules) -> str | None:
    m = rules.qualifier.search(text[max(0, start - 30) : start])
    if m:
        label: str = rules.data["qualifiers"][m.group(1).lower()]
        return label
    s = rules.suffix_qualifier.match(text, end)
    if s:
        token = s.group(1).lower()
        return "about" if token == "or so" else "at_least"
    return None


def find_numbers(text: str) -> list[NumberMatch]:
    """All cardinal numbers in ``text``, in order (words and digits)."""
    rules = _rules()
    return [
        NumberMatch(h.start, h.end, text[h.start : h.end], h.value, _qualifier(text, h.start, h.end, rules))
        for h in _scan(text)
    ]


def _strip_qualifier(text: str) -> str:
    m = _rules().leading_qualifier.match(text)
    return text[m.end() :] if m else text


def parse_number(text: str) -> float | None:
    """The value of a string that is one number (``"6,01,427"``, ``"two dozen"``, ``"1.2bn"``)."""
    body = _strip_qualifier(text).strip()
    hits = _scan(body, force_money=True)
    if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(body):
        return hits[0].value
    return None


_RANGE = re.compile(r"^\s*(?:between\s+|from\s+)?(.+?)\s*(?:\s(?:to|and)\s|-|\u2013)\s*(.+?)\s*$", re.I)


def parse_count(text: str) -> Count | None:
    """How many a phrase says: ``"more than 10"`` -> ``Count(11, None)``.

    ``about N`` gives ``Count(N, N)``; vague words (``several``, ``a number of``)
    and non-integers give None; ``10-15``/``between 10 and 15`` give ``Count(10, 15)``.
    """
    rules = _rules()
    range_m = _RANGE.match(text)
    if range_m:
        lo, hi = parse_number(range_m.group(1)), parse_number(range_m.group(2))
        if lo is not None and hi is not None and lo.is_integer() and hi.is_integer() and lo < hi:
            return Count(int(lo), int(hi))
    hits = _scan(text)
    if not hits:
        return None
    first = hits[0]
    before = text[: first.start]
    qualifier = rules.qualifier.search(before)
    if qualifier:  # "as many as 8" is a qualifier, not the vague "many"
        before = before[: qualifier.start()]
    if rules.vague.search(before) or not first.value.is_integer():
        return None
    n = int(first.value)
    match _qualifier(text, first.start, first.end, rules):
        case "more_than":
            return Count(n + 1, None)
        case "at_least":
            return Count(n, None)
        case "up_to" | "at_most":
            return Count(None, n)
        case "less_than":
            return Count(None, n - 1)
        case _:
            return Count(n, n)


def find_money(text: str) -> list[MoneyMatch]:
    """All amounts of money in ``text``, in order."""
    rules = _rules()
    out: list[MoneyMatch] = []
    for h in _scan(text):
        prefix = _money_prefix(text, h.start, rules)
        suffix = _money_suffix(text, h.end, rules, scaled=h.scaled)
        if prefix is None and suffix is None:
            continue
        start = prefix[0] if prefix else h.start
        end = suffix[0] if suffix else h.end
        if prefix and suffix:
            token = text[prefix[0] : h.start].strip()
            currency = suffix[1] if token in ("$", "¥") else prefix[1]
        else:
            currency = (prefix or suffix or (0, ""))[1]
        if currency == "JPY" and re.search(
            r"\b(?:" + _alternation(rules.data["yen_symbol_yuan_words"]) + r")\b", text[end : end + 25], re.I
        ):
            currency = "CNY"
        out.append(
            MoneyMatch(start, end, text[start:end], h.value, currency, _qualifier(text, start, end, rules))
        )
    out.extend(_glued_money(text, rules, taken=[(m.start, m.end) for m in out]))
    return sorted(out, key=lambda m: m.start)


_GLUED = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]{1,2}\.?)(?=\d)")


def _glued_money(text: str, rules: _Rules, taken: list[tuple[int, int]]) -> list[MoneyMatch]:
    """Amounts with a letter currency glued to the digits: "RM1.2 billion", "Rs5,000 crore", "EUR20m"."""
    found: list[MoneyMatch] = []
    prefixes = rules.data["currency_prefixes"]
    for m in _GLUED.finditer(text):
        code = prefixes.get(m.group(1)) or prefixes.get(m.group(1).rstrip("."))
        if code is None or any(s <= m.start() < e for s, e in taken):
            continue
        spaced = text[: m.end()] + " " + text[m.end() :]
        for h in _scan(spaced[m.end() + 1 :], force_money=True)[:1]:
            if h.start != 0:
                break
            end = m.end() + h.end
            found.append(
                MoneyMatch(
                    m.start(),
                    end,
                    text[m.start() : end],
                    h.value,
                    code,
                    _qualifier(text, m.start(), end, rules),
                )
            )
    return found


def parse_money(text: str) -> Money | None:
    """The first amount of money in ``text``, as :class:`~pactwatch.model.Money`."""
    found = find_money(text)
    return Money(found[0].amount, found[0].currency) if found else None
