"""The offline language guess: English stays English, even short or full of names."""

from __future__ import annotations

import pytest

from pactwatch.ingest import detect_language
from pactwatch.ingest.language import normalise_language

CASES = [
    ("en-sentence", "India and Russia on Monday signed the agreements for the procurement of rifles.", "en"),
    ("en-names-only", "Rajnath Singh, Sergey Shoigu, Narendra Modi", "en"),
    ("en-headline", "Modi meets Putin in Delhi", "en"),
    ("en-short-plover", "NATO-member Norway is willing to send material to help defend Saudi Arabia.", "en"),
    (
        "en-with-french-quote",
        'The minister said the accord was, in his words, "un pas en avant" for both sides.',
        "en",
    ),
    (
        "de",
        "Die Bundesregierung und Frankreich haben am Montag in Berlin ein neues Abkommen über die "
        "Zusammenarbeit unterzeichnet.",
        "de",
    ),
    ("fr", "Le président de la République a signé lundi un accord de coopération avec l'Inde.", "fr"),
    ("es", "El presidente firmó el lunes un acuerdo de cooperación con la India.", "es"),
    (
        "id",
        "Presiden Joko Widodo dan Perdana Menteri India menandatangani perjanjian kerja sama pertahanan "
        "di Jakarta pada hari Senin.",
        "id",
    ),
    ("ru-cyrillic", "Россия и Индия подписали соглашение о военно-техническом сотрудничестве.", "ru"),
    ("ja-kana", "日本とフィリピンは円滑化協定に署名した。", "ja"),
    ("zh-han", "中国和俄罗斯签署了协议。", "zh"),
    ("digits-only", "12345 678", "und"),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_long_text_without_english_words_is_undetermined() -> None:
    # Finnish: no function words of any listed language, long enough to judge
    text = (
        "Suomen ja Ruotsin hallitukset allekirjoittivat maanantaina Helsingissä uuden puolustusyhteistyötä "
        "koskevan sopimuksen joka kattaa yhteiset harjoitukset rajavalvonnan kriisinhallinnan "
        "huoltovarmuuden kyberturvallisuuden tiedustelun koulutuksen materiaalihankinnat ja "
        "tutkimuksen seuraavien kymmenen vuoden ajalle ministerit kertoivat tiedotustilaisuudessa "
        "sopimuksen vahvistavan alueellista vakautta merkittävästi"
    )
    assert detect_language(text) == "und"


NORMALISE = [
    ("en", "en"),
    ("EN-us", "en"),
    ("pt_BR", "pt"),
    ("", None),
    (None, None),
    (3, None),
    ("english", None),
]


@pytest.mark.parametrize(("value", "expected"), NORMALISE, ids=[repr(v[0]) for v in NORMALISE])
def test_normalise_language(value: object, expected: str | None) -> None:
    assert normalise_language(value) == expected
