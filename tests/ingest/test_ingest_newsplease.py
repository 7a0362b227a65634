"""news-please JSON, arrays and JSON Lines: sources, fields, and errors by line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from pactwatch.errors import DateFormatError, EmptyInputError, InputError, MalformedInputError
from pactwatch.ingest import documents_from_newsplease, read_path
from pactwatch.model import Document
from pactwatch.settings import Settings


def _items(path: Path, settings: Settings) -> list[Document | InputError]:
    return list(read_path(path, settings))


def test_single_object(fixtures: Path, settings: Settings) -> None:
    [doc] = _items(fixtures / "article.json", settings)
    assert isinstance(doc, Document)
    assert doc.source == "meridian-2023-0314-space"
    assert doc.url == "https://meridian.example/world/india-japan-space-pact"
    assert doc.title == "India and Japan sign space cooperation agreement"
    assert doc.outlet == "meridian.example"
    assert doc.published == date(2023, 3, 14)
    assert doc.language == "en"
    assert doc.text.startswith("India and Japan on Tuesday")


def test_array(fixtures: Path, settings: Settings) -> None:
    path = fixtures / "articles-array.json"
    first, second = _items(path, settings)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.source == "https://wire.example/a"  # no id: the url
    assert second.source == f"{path}#2"  # neither: the file and item number
    assert second.published is None


# line -> (type, source or error class, published)
JSONL_EXPECTED = {
    1: ("doc", "wire-001", date(2023, 4, 28)),
    2: ("doc", "https://wire.example/2", date(2024, 11, 23)),
    3: ("err", MalformedInputError, None),
    4: ("doc", "{path}:4", date(2018, 9, 12)),
    5: ("err", DateFormatError, None),
    6: ("err", EmptyInputError, None),
    7: ("doc", "wire-007", date(2024, 2, 5)),
}


@pytest.fixture
def jsonl_items(fixtures: Path, settings: Settings) -> list[Document | InputError]:
    return _items(fixtures / "articles.jsonl", settings)


def test_jsonl_yields_one_item_per_line(jsonl_items: list[Document | InputError]) -> None:
    assert len(jsonl_items) == len(JSONL_EXPECTED)


@pytest.mark.parametrize("line", sorted(JSONL_EXPECTED), ids=[f"line-{n}" for n in sorted(JSONL_EXPECTED)])
def test_jsonl_line(fixtures: Path, jsonl_items: list[Document | InputError], line: int) -> None:
    path = fixtures / "articles.jsonl"
    kind, what, published = JSONL_EXPECTED[line]
    item = jsonl_items[line - 1]
    if kind == "err":
        assert isinstance(item, what)  # type: ignore[arg-type]
        assert isinstance(item, InputError)
        assert item.source == str(path)
        assert item.line == line
        assert str(item).startswith(f"{path}:{line}: ")
    else:
        assert isinstance(item, Document)
        assert item.source == str(what).format(path=path)
        assert item.published == published


def test_jsonl_aware_date_and_language(jsonl_items: list[Document | InputError]) -> None:
    second, seventh = jsonl_items[1], jsonl_items[6]
    assert isinstance(second, Document) and isinstance(seventh, Document)
    assert second.published_at is not None
    assert second.published_at.utcoffset() == timedelta(hours=12)
    assert seventh.language == "de"  # no language field: detected


def test_text_field_stands_in_for_maintext(jsonl_items: list[Document | InputError]) -> None:
    fourth = jsonl_items[3]
    assert isinstance(fourth, Document)
    assert fourth.text.startswith("Russia and China signed eight documents")


SNIFF_CASES = [
    ("object", '{"maintext": "The two sides signed a treaty.", "id": "a"}', ["a"]),
    ("lines-in-json", '{"maintext": "One.", "id": "a"}\n{"maintext": "Two.", "id": "b"}\n', ["a", "b"]),
    ("array", '[{"maintext": "One.", "id": "a"}, {"maintext": "Two.", "url": "u"}]', ["a", "u"]),
]


@pytest.mark.parametrize(("text", "sources"), [c[1:] for c in SNIFF_CASES], ids=[c[0] for c in SNIFF_CASES])
def test_shape_is_sniffed(text: str, sources: list[str]) -> None:
    items = list(documents_from_newsplease(text, "-"))
    assert [getattr(i, "source", None) for i in items] == sources


ERROR_CASES = [
    ("broken-object", '{\n  "maintext": "x",\n  "id": \n}', MalformedInputError, 4),
    ("not-an-object", "[1, 2]", MalformedInputError, None),
    ("empty-array", "[]", EmptyInputError, None),
    ("language-field-wins", '{"maintext": "Die Regierung und die Minister.", "language": "EN"}', None, None),
]


@pytest.mark.parametrize(
    ("text", "error", "line"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_json_errors(text: str, error: type[InputError] | None, line: int | None) -> None:
    items = list(documents_from_newsplease(text, "in.json"))
    if error is None:
        assert isinstance(items[0], Document) and items[0].language == "en"
        return
    assert all(isinstance(i, error) for i in items)
    assert isinstance(items[0], InputError)
    assert items[0].line == line


def test_published_override_applies_to_every_line(fixtures: Path, settings: Settings) -> None:
    items = list(read_path(fixtures / "articles.jsonl", settings, published=date(2020, 1, 1)))
    docs = [i for i in items if isinstance(i, Document)]
    assert docs and all(d.published == date(2020, 1, 1) for d in docs)
    # the override also stands in for an unreadable date: line 5 becomes a document
    assert not any(isinstance(i, DateFormatError) for i in items)
