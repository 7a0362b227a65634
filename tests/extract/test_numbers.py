"""Tables for pactwatch.extract.numbers: every form it reads and what it must refuse."""

from __future__ import annotations

import pytest

from pactwatch.extract.numbers import find_money, find_numbers, parse_count, parse_money, parse_number
from pactwatch.model import Count, Money

PARSE_NUMBER = [
    ("indian-grouping", "6,01,427", 601427),
    ("indian-lakh-grouping", "1,00,000", 100000),
    ("indian-crore-grouping", "10,00,00,000", 100000000),
    ("western-grouping", "601,427", 601427),
    ("western-millions", "1,250,000", 1250000),
    ("plain", "601427", 601427),
    ("decimal", "1.9", 1.9),
    ("word", "five", 5),
    ("word-capital", "Twelve", 12),
    ("hyphenated", "twenty-two", 22),
    ("spaced-tens", "thirty five", 35),
    ("hundred-and", "one hundred and five", 105),
    ("hundred", "one hundred", 100),
    ("a-hundred", "a hundred", 100),
    ("word-thousand", "three thousand four hundred", 3400),
    ("word-million", "two million", 2_000_000),
    ("word-lakh", "five lakh", 500_000),
    ("lakh", "10 lakh", 1_000_000),
    ("hyphenated-lakh", "10-lakh", 1_000_000),
    ("lakhs", "3 lakhs", 300_000),
    ("lac", "2 lac", 200_000),
    ("crore", "1.5 crore", 15_000_000),
    ("crores", "12 crores", 120_000_000),
    ("lakh-crore", "2.5 lakh crore", 2.5e12),
    ("two-dozen", "two dozen", 24),
    ("a-dozen", "a dozen", 12),
    ("half-a-dozen", "half a dozen", 6),
    ("bn-attached", "1.2bn", 1.2e9),
    ("million", "1.2 million", 1.2e6),
    ("mn", "4 mn", 4e6),
    ("billion", "1.2 billion", 1.2e9),
    ("trillion", "3 trillion", 3e12),
    ("tn", "1.1tn", 1.1e12),
    ("thousand", "5 thousand", 5000),
    ("k-attached", "500k", 500_000),
    ("m-standalone-string", "20m", 20e6),
    ("qualifier-ignored", "more than 10", 10),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in PARSE_NUMBER], ids=[c[0] for c in PARSE_NUMBER]
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


PARSE_NUMBER_NONE = [
    ("model-code", "AK-203"),
    ("calibre", "7.63x39mm"),
    ("fighter", "F-35"),
    ("group", "G20"),
    ("two-plus-two", "2+2"),
    ("year-span", "2021-31"),
    ("ordinal", "21st"),
    ("ordinal-word", "twenty-first"),
    ("ordinal-second", "second"),
    ("vague", "several"),
    ("empty", ""),
    ("two-numbers", "5 and 6"),
    ("date-slash", "29/05/2015"),
    ("letters", "fifty-fifty split"),
]


@pytest.mark.parametrize("text", [c[1] for c in PARSE_NUMBER_NONE], ids=[c[0] for c in PARSE_NUMBER_NONE])
def test_parse_number_none(text: str) -> None:
    assert parse_number(text) is None


# (id, text, [(matched text, value, qualifier), ...])
FIND_NUMBERS = [
    ("rifles-with-calibre", "6,01,427 7.63x39mm AK-203 assault rifles", [("6,01,427", 601427, None)]),
    ("more-than", "more than 10 agreements were signed", [("10", 10, "more_than")]),
    ("over", "over 10 deals", [("10", 10, "more_than")]),
    ("at-least", "at least five accords", [("five", 5, "at_least")]),
    ("up-to", "up to 12 vessels", [("12", 12, "up_to")]),
    ("fewer-than", "fewer than 5 meetings", [("5", 5, "less_than")]),
    ("at-most", "at most three visits", [("three", 3, "at_most")]),
    ("about", "about 20 officials", [("20", 20, "about")]),
    ("nearly", "nearly 300 delegates", [("300", 300, "about")]),
    ("or-more", "10 or more projects", [("10", 10, "at_least")]),
    ("plus-sign", "20+ firms", [("20", 20, "at_least")]),
    ("no-qualifier", "the two sides signed 28 agreements", [("two", 2, None), ("28", 28, None)]),
    ("lakh-doses", "10 lakh doses", [("10 lakh", 1e6, None)]),
    ("year-kept", "in 2019 the pact", [("2019", 2019, None)]),
    ("percentage", "a 15% rise", [("15", 15, None)]),
    ("ordinal-skipped", "the 21st annual summit", []),
    ("ordinal-word-skipped", "the twenty-first summit", []),
    ("model-codes", "AK-203, F-35 jets and the G20", []),
    ("two-plus-two", "the 2+2 dialogue", []),
    ("year-span", "the 2021-31 programme", []),
    ("day-month-year", "on 18 February 2019", [("2019", 2019, None)]),
    ("month-day-year", "on February 18, 2019", [("2019", 2019, None)]),
    ("month-abbrev-day", "on Jan. 6 they met", []),
    ("day-range", "between 5 and 9 December", []),
    ("dash-range", "from 5-9 December", []),
    ("iso-date", "2024-11-19", []),
    ("slash-date", "29/05/2015", []),
    ("time", "at 14:58 IST", []),
    ("m-needs-currency", "a 20m runway", []),
    ("five-g", "5G networks", []),
    ("ten-year", "a ten-year pact", [("ten", 10, None)]),
    (
        "multiple-words",
        "one hundred and five tanks and twenty-two jets",
        [
            ("one hundred and five", 105, None),
            ("twenty-two", 22, None),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in FIND_NUMBERS], ids=[c[0] for c in FIND_NUMBERS]
)
def test_find_numbers(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    found = find_numbers(text)
    assert [(m.text, m.qualifier) for m in found] == [(t, q) for t, _, q in expected]
    assert [m.value for m in found] == pytest.approx([v for _, v, _ in expected])
    for m in found:
        assert text[m.start : m.end] == m.text


PARSE_COUNT = [
    ("more-than", "more than 10", Count(11, None)),
    ("over", "over 10", Count(11, None)),
    ("in-excess-of", "in excess of 40", Count(41, None)),
    ("at-least", "at least five", Count(5, None)),
    ("no-fewer-than", "no fewer than 3", Count(3, None)),
    ("up-to", "up to 12", Count(None, 12)),
    ("as-many-as", "as many as 8", Count(None, 8)),
    ("fewer-than", "fewer than 5", Count(None, 4)),
    ("less-than", "less than 10", Count(None, 9)),
    ("at-most", "at most 4", Count(None, 4)),
    ("exact-word", "five", Count(5, 5)),
    ("exact-digits", "14", Count(14, 14)),
    ("about", "about 20", Count(20, 20)),
    ("a-dozen", "a dozen", Count(12, 12)),
    ("over-a-dozen", "over a dozen", Count(13, None)),
    ("or-more", "10 or more", Count(10, None)),
    ("range-dash", "10-15", Count(10, 15)),
    ("range-words", "between two and four", Count(2, 4)),
    ("range-to", "three to five", Count(3, 5)),
    ("with-noun", "more than 10 agreements", Count(11, None)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PARSE_COUNT], ids=[c[0] for c in PARSE_COUNT])
def test_parse_count(text: str, expected: Count) -> None:
    assert parse_count(text) == expected


PARSE_COUNT_NONE = [
    ("several", "several"),
    ("a-number-of", "a number of"),
    ("a-few", "a few"),
    ("dozens-of", "dozens of"),
    ("no-number", "agreements"),
    ("decimal", "1.5"),
]


@pytest.mark.parametrize("text", [c[1] for c in PARSE_COUNT_NONE], ids=[c[0] for c in PARSE_COUNT_NONE])
def test_parse_count_none(text: str) -> None:
    assert parse_count(text) is None


# (id, text, amount, currency)
MONEY = [
    ("gbp-bn", "£10bn", 10e9, "GBP"),
    ("gbp-billion", "£1.9 billion", 1.9e9, "GBP"),
    ("gbp-bn-decimal", "£1.9bn", 1.9e9, "GBP"),
    ("gbp-million", "£270 million", 270e6, "GBP"),
    ("usd-billion", "$1.2 billion", 1.2e9, "USD"),
    ("usd-bn", "$5.4bn", 5.4e9, "USD"),
    ("usd-million", "$4.9 million", 4.9e6, "USD"),
    ("us-dollar-spaced", "US$ 500 million", 500e6, "USD"),
    ("usd-code", "USD 3.5 million", 3.5e6, "USD"),
    ("usd-b", "$2b", 2e9, "USD"),
    ("usd-k", "$500k", 500e3, "USD"),
    ("dollars-word", "3 billion dollars", 3e9, "USD"),
    ("words-dollars", "five million dollars", 5e6, "USD"),
    ("eur-symbol", "€60 million", 60e6, "EUR"),
    ("eur-symbol-spaced", "€ 20 million", 20e6, "EUR"),
    ("eur-spaced-466", "€ 466 million", 466e6, "EUR"),
    ("eur-code-m", "EUR 20m", 20e6, "EUR"),
    ("euros-word", "50 million euros", 50e6, "EUR"),
    ("pounds-word", "20 million pounds", 20e6, "GBP"),
    ("inr-crore", "Rs 5,000 crore", 5e10, "INR"),
    ("inr-rs-dot", "Rs. 500 crore", 5e9, "INR"),
    ("inr-rs-dot-attached", "Rs.500 crore", 5e9, "INR"),
    ("inr-symbol", "₹5,000 crore", 5e10, "INR"),
    ("inr-lakh-crore", "INR 2.5 lakh crore", 2.5e12, "INR"),
    ("inr-lakh", "Rs 6 lakh", 6e5, "INR"),
    ("inr-cr", "Rs 200 cr", 2e9, "INR"),
    ("inr-hyphenated-crore", "a Rs 5,000-crore deal", 5e10, "INR"),
    ("inr-indian-grouping", "Rs 1,00,000", 1e5, "INR"),
    ("rupees-word", "500 crore rupees", 5e9, "INR"),
    ("cny-yuan", "12 billion yuan", 12e9, "CNY"),
    ("cny-rmb", "RMB 3 billion", 3e9, "CNY"),
    ("jpy-symbol", "¥1.5 trillion", 1.5e12, "JPY"),
    ("yen-symbol-yuan", "¥12 billion yuan", 12e9, "CNY"),
    ("jpy-word", "1.5 trillion yen", 1.5e12, "JPY"),
    ("rub-code", "RUB 10 billion", 10e9, "RUB"),
    ("roubles", "10 billion roubles", 10e9, "RUB"),
    ("rubles", "10 billion rubles", 10e9, "RUB"),
    ("rub-symbol", "₽5 billion", 5e9, "RUB"),
    ("aud", "A$1 billion", 1e9, "AUD"),
    ("aud-au", "AU$2 billion", 2e9, "AUD"),
    ("cad", "C$3 million", 3e6, "CAD"),
    ("nzd", "NZ$4 million", 4e6, "NZD"),
    ("sgd", "S$ 2 million", 2e6, "SGD"),
    ("hkd", "HK$3bn", 3e9, "HKD"),
    ("chf", "CHF 40 million", 40e6, "CHF"),
    ("aed-dh", "Dh 5 million", 5e6, "AED"),
    ("aed-code", "AED 7 billion", 7e9, "AED"),
    ("sar-code", "SAR 2 billion", 2e9, "SAR"),
    ("riyals", "4 billion riyals", 4e9, "SAR"),
    ("krw-won", "5 trillion won", 5e12, "KRW"),
    ("php-qualified", "3 billion Philippine pesos", 3e9, "PHP"),
    ("code-after", "5 million USD", 5e6, "USD"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), [c[1:] for c in MONEY], ids=[c[0] for c in MONEY])
def test_parse_money(text: str, amount: float, currency: str) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.currency == currency
    assert money.amount == pytest.approx(amount)


MONEY_NONE = [
    ("plain-number", "10 agreements"),
    ("won-verb", "the side that won 5 matches"),
    ("bare-pesos", "5 million pesos"),
    ("rs-inside-word", "over the years 5 million"),
    ("calibre", "7.63x39mm"),
]


@pytest.mark.parametrize("text", [c[1] for c in MONEY_NONE], ids=[c[0] for c in MONEY_NONE])
def test_parse_money_none(text: str) -> None:
    assert parse_money(text) is None


FIND_MONEY = [
    (
        "qualifier-up-to",
        "a loan of up to 12 billion yuan for the port",
        [("12 billion yuan", 12e9, "CNY", "up_to")],
    ),
    (
        "two-amounts",
        "worth Rs 5,000 crore (about US$ 670 million)",
        [("Rs 5,000 crore", 5e10, "INR", None), ("US$ 670 million", 670e6, "USD", "about")],
    ),
    ("more-than", "more than $1 billion in aid", [("$1 billion", 1e9, "USD", "more_than")]),
    ("no-money", "28 agreements and 6,01,427 rifles", []),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FIND_MONEY], ids=[c[0] for c in FIND_MONEY])
def test_find_money(text: str, expected: list[tuple[str, float, str, str | None]]) -> None:
    found = find_money(text)
    assert [(m.text, m.currency, m.qualifier) for m in found] == [(t, c, q) for t, _, c, q in expected]
    assert [m.amount for m in found] == pytest.approx([a for _, a, _, _ in expected])
    for m in found:
        assert text[m.start : m.end] == m.text


def test_money_to_dict_integral_amount() -> None:
    money = parse_money("Rs 5,000 crore")
    assert money == Money(5e10, "INR")
    assert money is not None and money.to_dict() == {"amount": 50000000000, "currency": "INR"}
