"""The read-only pages. Each calls the same function as its JSON twin under ``/api``."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from pactwatch.api.deps import NO_CONTROL, PagingDep, RegisterDep, page_links
from pactwatch.api.filters import SORT_KEYS, EventQueryDep
from pactwatch.api.routers.entities import entity_data
from pactwatch.api.routers.events import event_page, overview_data, pair_data
from pactwatch.model import RECORD_TYPES, STATUSES
from pactwatch.register import Register
from pactwatch.web import charts
from pactwatch.web.render import Span, excerpts, highlight, page, party_name, record_spans

router = APIRouter(include_in_schema=False)

ID = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9:_.-]+$")]
CSV_COLUMNS = (
    "id",
    "date",
    "type",
    "kind",
    "status",
    "parties",
    "title",
    "item",
    "quantity",
    "place",
    "n_sources",
)


@router.get("/")
def home(request: Request, reg: RegisterDep) -> Response:
    data = overview_data(reg)
    pairs = [
        (f"{party_name(p['a'])} – {party_name(p['b'])}", f"/pairs/{p['a']}-{p['b']}", p["events"])
        for p in data["pairs"][:12]
    ]
    return page(request, "home.html", {"title": "Register", "data": data, "pairs_chart": charts.bars(pairs)})


@router.get("/events")
def events(request: Request, reg: RegisterDep, eq: EventQueryDep) -> Response:
    data = event_page(request, reg, eq)
    base = eq.params()
    return page(
        request,
        "events.html",
        {
            "title": "Events",
            "page": data,
            "q": eq,
            "types": RECORD_TYPES,
            "statuses": STATUSES,
            "sort_keys": SORT_KEYS,
            "base": [(k, v) for k, v in base if k not in ("sort", "order")],
            "csv_params": [*base, ("limit", str(eq.filters.limit)), ("offset", str(eq.filters.offset))],
        },
    )


def _csv_cell(value: Any) -> str:
    text = ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text  # no formulas in spreadsheets


@router.get("/events.csv")
def events_csv(request: Request, reg: RegisterDep, eq: EventQueryDep) -> Response:
    """The rows the events table shows (same filters, sort and page), as CSV."""
    data = event_page(request, reg, eq)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in data["items"]:
        w.writerow([_csv_cell(e.get(c)) for c in CSV_COLUMNS])
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="pactwatch-events.csv"'},
    )


def event_context(reg: Register, event_id: str) -> dict[str, Any]:
    detail = reg.event(event_id).to_dict()
    texts = reg.document_texts(sorted({s["document_id"] for s in detail["sources"]}))
    passages = []
    for i, s in enumerate(detail["sources"], 1):
        text, title = texts.get(s["document_id"], ("", None))
        spans = [
            Span(
                e["start"], e["end"], detail["summary"]["type"], f"source {i}: {s['source']}", s["record_id"]
            )
            for e in s["evidence"]
        ]
        passages.append({"n": i, "source": s, "title": title, "excerpts": excerpts(text, spans)})
    conflicts = {k: detail["values"][k] for k in detail["conflicts"] if k in detail["values"]}
    return {
        "e": detail,
        "s": detail["summary"],
        "passages": passages,
        "conflicts": conflicts,
        "title": detail["summary"]["title"] or detail["summary"]["kind"] or detail["summary"]["type"],
    }


@router.get("/events/{event_id}")
def event(request: Request, event_id: ID, reg: RegisterDep) -> Response:
    ctx = event_context(reg, event_id)
    if ctx["s"]["id"] != event_id:  # merged into another event: go to the survivor
        return RedirectResponse(f"/events/{ctx['s']['id']}", status_code=307)
    return page(request, "event.html", ctx)


@router.get("/search")
def search(
    request: Request,
    reg: RegisterDep,
    paging: PagingDep,
    q: Annotated[str, Query(max_length=500, pattern=NO_CONTROL)] = "",
) -> Response:
    data = None
    if q.strip():
        p = reg.search(q.strip(), limit=paging.limit, offset=paging.offset)
        data = {**p.to_dict(), "links": page_links(request, p.total, p.limit, p.offset)}
        entities = reg.entities(search=q.strip(), limit=12).to_dict()["items"]
    else:
        entities = []
    return page(request, "search.html", {"title": "Search", "q": q, "page": data, "entities": entities})


@router.get("/pairs/{pair}")
def pair(
    request: Request, pair: Annotated[str, Path(pattern=r"^[A-Za-z]{3}-[A-Za-z]{3}$")], reg: RegisterDep
) -> Response:
    data = pair_data(reg, pair)
    a, b = data["a"], data["b"]
    chart = charts.timeline(data["events"], label=f"{party_name(a)} and {party_name(b)}")
    return page(
        request, "pair.html", {"title": f"{party_name(a)} – {party_name(b)}", "d": data, "chart": chart}
    )


@router.get("/entities")
def entities(
    request: Request,
    reg: RegisterDep,
    paging: PagingDep,
    kind: Annotated[str, Query(pattern="^(person|organization|country)?$")] = "",
    q: Annotated[str, Query(max_length=200, pattern=NO_CONTROL)] = "",
) -> Response:
    p = reg.entities(kind=kind or None, search=q.strip() or None, limit=paging.limit, offset=paging.offset)
    data = {**p.to_dict(), "links": page_links(request, p.total, p.limit, p.offset)}
    return page(request, "entities.html", {"title": "Entities", "page": data, "kind": kind, "q": q})


@router.get("/entities/{entity_id}")
def entity(request: Request, entity_id: ID, reg: RegisterDep) -> Response:
    d = entity_data(reg, entity_id)
    kind = d["summary"]["kind"]
    evs = d["events"]
    ctx: dict[str, Any] = {"title": d["summary"]["name"], "d": d, "kind": kind}
    ctx["meetings"] = [e for e in evs if e["type"] == "meeting"]
    ctx["statements"] = [e for e in evs if e["type"] == "statement"]
    ctx["accords"] = [e for e in evs if e["type"] == "accord"]
    if kind == "country" and d["summary"].get("country"):
        code = d["summary"]["country"]
        partners = [(p["party"], p["events"]) for p in d["partners"]]
        names = {p: party_name(p) for p, _ in partners}
        ctx["graph"] = charts.network(code, partners, names=names)
    return page(request, "entity.html", ctx)


@router.get("/documents")
def documents(request: Request, reg: RegisterDep, paging: PagingDep) -> Response:
    p = reg.documents(limit=paging.limit, offset=paging.offset)
    data = {**p.to_dict(), "links": page_links(request, p.total, p.limit, p.offset)}
    return page(request, "documents.html", {"title": "Documents", "page": data})


@router.get("/documents/{document_id}")
def document(
    request: Request, document_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9]{1,64}$")], reg: RegisterDep
) -> Response:
    d = reg.document(document_id)
    records = list(d.records)
    body = highlight(d.text, record_spans(records))
    return page(
        request,
        "document.html",
        {"title": d.summary.title or d.summary.source, "d": d, "records": records, "body": body},
    )


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=308)


__all__ = ["router"]
