"""Documents for the engine tests (shared by the test modules; not a conftest, so importable)."""

from __future__ import annotations

from datetime import date

from pactwatch.errors import EmptyInputError, InputError
from pactwatch.model import Document, Extraction

COUNTRIES = ("India", "Russia", "France", "Japan", "Brazil", "Kenya", "Chile")


def make_items(n: int, *, errors_every: int = 0) -> list[Document | InputError]:
    items: list[Document | InputError] = []
    for i in range(n):
        if errors_every and i % errors_every == errors_every - 1:
            items.append(EmptyInputError(f"doc-{i}.txt", "the input is empty", line=i))
            continue
        a, b = COUNTRIES[i % 7], COUNTRIES[(i * 3 + 1) % 7]
        text = (
            f"{a} and {b} on Monday signed an agreement on defence cooperation (article {i}). "
            f"The ministers of {a} and {b} met in New Delhi to discuss trade."
        )
        items.append(
            Document(source=f"doc-{i}.txt", text=text, title=f"Article {i}", published=date(2021, 12, 6))
        )
    return items


def as_dicts(results: list[Extraction | InputError]) -> list[dict[str, object]]:
    """Results as comparable dicts (errors by class, source, message and line)."""
    return [
        {"error": type(r).__name__, "source": r.source, "message": r.message, "line": r.line}
        if isinstance(r, InputError)
        else r.to_dict()
        for r in results
    ]
