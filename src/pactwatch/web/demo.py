"""A small demo register for the browser tests and the screenshots: the bundled sample
articles, the merge fixtures when present (India-Russia reports that agree and disagree),
and one hostile article (markup, ``javascript:`` links, bidi and zero-width characters)."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from pactwatch.model import Document, Evidence, Extraction, Record
from pactwatch.register import Register

HOSTILE = (
    "Kenya and Vietnam signed a memorandum on rice exports in Nairobi on Friday. "
    "<script>window.__pwned = 1; alert(1)</script> "
    '<img src=x onerror="window.__pwned = 2; alert(2)"> '
    '<a href="javascript:alert(3)">read more</a> '
    "Invoice \u202egnp.exe and zero\u200bwidth text \u2066isolated\u2069."
)


def hostile_extraction() -> Extraction:
    doc = Document(
        source="hostile/1",
        text=HOSTILE,
        title='Rice MoU <script>alert("t")</script>',
        outlet="Untrusted Wire",
        published=date(2025, 2, 7),
        language="en",
    )
    start = 0
    end = HOSTILE.index(" Invoice")
    rec = Record(
        "accord",
        "signed",
        (Evidence(start, end, HOSTILE[start:end]),),
        kind="mou",
        date="2025-02-07",
        parties=("KEN", "VNM"),
        title='rice MoU <img src=x onerror="alert(4)">',
        item="rice",
        confidence=0.9,
        extractor="demo/1",
    )
    return Extraction(doc, (rec,), "demo/1")


def build_demo(url: str, *, merge_fixtures: Path | None = None) -> Register:
    """A register at ``url`` with the demo documents (extracted with the real extractor)."""
    reg = Register(url)
    samples = resources.files("pactwatch") / "samples"
    paths: list[str] = [str(samples)]
    if merge_fixtures is not None and merge_fixtures.is_dir():
        paths += sorted(_short(p) for p in merge_fixtures.glob("*.txt"))
    reg.ingest(paths)
    reg.ingest_extractions([hostile_extraction()])
    return reg


def _short(path: Path) -> str:
    """The path relative to the working folder where it is inside it (sources read better)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
