"""Readable Rich tables of extractions: one table per document, one row per record.

Used by ``pactwatch extract --format table`` and reusable by other commands (store
queries, batch summaries). Computing the cells (``record_cells``) is apart from drawing
them, so the cells can be tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pactwatch.model import Extraction, Money, Person, Record

COLUMNS: tuple[str, ...] = ("type", "kind", "status", "date", "parties", "title / quote", "key numbers")

STATUS_STYLES: dict[str, str] = {
    "signed": "bold green",
    "held": "green",
    "expected": "yellow",
    "proposed": "yellow",
    "ongoing": "cyan",
    "denied": "bold red",
    "cancelled": "red",
    "failed": "red",
}

_QUOTE_MAX = 160

# Short columns never wrap; the long ones share what is left.
_COLUMN_STYLE: dict[str, dict[str, Any]] = {
    "type": {"no_wrap": True},
    "kind": {"overflow": "fold"},
    "status": {"no_wrap": True},
    "date": {"no_wrap": True},
    "parties": {"overflow": "fold", "max_width": 24},
    "title / quote": {"overflow": "fold", "ratio": 3, "min_width": 24},
    "key numbers": {"overflow": "fold", "ratio": 1, "min_width": 18},
}


def format_amount(amount: float) -> str:
    """A money amount in words a reader scans quickly: 50000000000 -> '50 billion'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            value = amount / size
            text = f"{value:,.2f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    return f"{amount:,.2f}".rstrip("0").rstrip(".")


def format_money(money: Money) -> str:
    return f"{money.currency} {format_amount(money.amount)}"


def format_person(person: Person) -> str:
    name = person.name or "?"
    extra = ", ".join(x for x in (person.role, person.country) if x)
    return f"{name} ({extra})" if extra else name


def _shorten(text: str, limit: int = _QUOTE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def key_numbers(record: Record) -> list[str]:
    """The numbers a reader looks for first: quantity, value, count, period, ordinal, recurrence."""
    out: list[str] = []
    if record.quantity is not None:
        out.append(f"{record.quantity:,} × {record.item}" if record.item else f"{record.quantity:,}")
    if record.value is not None:
        out.append(format_money(record.value))
    if record.count is not None:
        lo, hi = record.count.min, record.count.max
        if lo is not None and lo == hi:
            out.append(f"{lo} accords")
        elif lo is not None or hi is not None:
            out.append(f"{lo if lo is not None else '?'}–{hi if hi is not None else '…'} accords")
    if record.period is not None:
        out.append(f"period {record.period.start}–{record.period.end or '…'}")
    if record.ordinal is not None:
        out.append(f"#{record.ordinal}")
    if record.recurrence:
        out.append(record.recurrence)
    return out


def title_cell(record: Record) -> str:
    """The title, or for a statement the quote and its speaker; plus via, amends, place, people."""
    lines: list[str] = []
    if record.type == "statement":
        if record.quote:
            lines.append(f"“{_shorten(record.quote)}”")
        if record.speaker is not None:
            lines.append(f"— {format_person(record.speaker)}")
    elif record.title:
        lines.append(record.title)
    elif record.evidence:
        lines.append(_shorten(record.evidence[0].text, 100))
    if record.via:
        lines.append(f"via {record.via}")
    if record.amends is not None:
        what = record.amends.title or "earlier accord"
        lines.append(f"amends {what}" + (f" ({record.amends.date})" if record.amends.date else ""))
    if record.place:
        lines.append(f"at {record.place}")
    if record.participants:
        lines.append("with " + "; ".join(format_person(p) for p in record.participants))
    return "\n".join(lines)


def record_cells(record: Record) -> tuple[str, ...]:
    """The table cells of one record, in ``COLUMNS`` order, as plain strings."""
    return (
        record.type,
        record.kind or "",
        record.status,
        record.date or "",
        ", ".join(record.parties),
        title_cell(record),
        "\n".join(key_numbers(record)),
    )


def extraction_heading(extraction: Extraction) -> Text:
    doc = extraction.document
    heading = Text(doc.source, style="bold")
    details = [x for x in (doc.title, doc.outlet, doc.published.isoformat() if doc.published else None) if x]
    if details:
        heading.append("  " + " · ".join(details), style="dim")
    return heading


def extraction_table(extraction: Extraction) -> Table:
    """One document's records as a Rich table (cells are plain text, never markup)."""
    n = len(extraction.records)
    table = Table(
        title=extraction_heading(extraction),
        title_justify="left",
        caption=f"{n} record{'s' if n != 1 else ''}",
        caption_justify="left",
        show_lines=True,
        expand=False,
    )
    for name in COLUMNS:
        table.add_column(name, **_COLUMN_STYLE.get(name, {}))
    for record in extraction.records:
        cells = [Text(c) for c in record_cells(record)]
        cells[2].stylize(STATUS_STYLES.get(record.status, ""))
        table.add_row(*cells)
    return table


def render_extraction(extraction: Extraction) -> RenderableType:
    if not extraction.records:
        return Group(extraction_heading(extraction), Text("  no records", style="dim"), Text(""))
    return extraction_table(extraction)


def print_extractions(extractions: Iterable[Extraction], console: Console) -> int:
    """Print each extraction as it comes (streaming); returns how many were printed."""
    n = 0
    for extraction in extractions:
        console.print(render_extraction(extraction))
        n += 1
    return n
