"""Templates and the helpers they use. Article text is untrusted: autoescape is on
everywhere, and highlighted text is built by escaping each segment (never ``|safe`` on
document text). Invisible and direction-changing characters are shown as visible marks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from itertools import pairwise
from typing import Any

import jinja2
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from pactwatch.web.security import Sessions

# zero-width, bidi embeddings/overrides/isolates, BOM, word joiner, soft hyphen, other format chars
INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]"
)
KINDS = ("accord", "meeting", "statement", "mechanism")


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of a text: [start, end), its kind and a label (tooltip)."""

    start: int
    end: int
    kind: str
    label: str
    ref: str = ""  # an anchor name, e.g. the record id


def show(text: str) -> Markup:
    """``text`` escaped, with invisible and bidi control characters made visible."""
    out: list[str] = []
    pos = 0
    for m in INVISIBLE.finditer(text):
        out.append(str(escape(text[pos : m.start()])))
        out.append(f'<span class="cc" title="invisible character">U+{ord(m.group()):04X}</span>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _kind(kind: str) -> str:
    return kind if kind in KINDS else "evidence"


def highlight(text: str, spans: Iterable[Span], *, offset: int = 0) -> Markup:
    """``text`` (which starts at ``offset`` of the document) with every span marked."""
    n = len(text)
    spans = [s for s in spans if s.end > s.start]
    bounds = {0, n}
    for s in spans:
        bounds.add(min(n, max(0, s.start - offset)))
        bounds.add(min(n, max(0, s.end - offset)))
    edges = sorted(bounds)
    out: list[str] = []
    for a, b in pairwise(edges):
        seg = text[a:b]
        cover = [s for s in spans if s.start - offset <= a and s.end - offset >= b]
        if not cover:
            out.append(str(show(seg)))
            continue
        kinds = sorted({_kind(s.kind) for s in cover})
        label = "; ".join(dict.fromkeys(s.label for s in cover))
        cls = " ".join(["hl", *(f"t-{k}" for k in kinds), "multi" if len(cover) > 1 else ""]).strip()
        out.append(f'<mark class="{cls}" title="{escape(label)}">{show(seg)}</mark>')
    return Markup("".join(out))


def excerpts(text: str, spans: list[Span], *, context: int = 220) -> list[Markup]:
    """Passages of ``text`` around the spans (merged where they overlap), highlighted."""
    windows: list[list[int]] = []
    for s in sorted(spans, key=lambda s: s.start):
        lo, hi = max(0, s.start - context), min(len(text), s.end + context)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    out = []
    for lo, hi in windows:
        body = highlight(text[lo:hi], spans, offset=lo)
        out.append(
            Markup("{}{}{}").format(Markup("… ") if lo else "", body, Markup(" …") if hi < len(text) else "")
        )
    return out


def record_spans(records: Iterable[Mapping[str, Any]]) -> list[Span]:
    """The evidence spans of contract records, typed and labelled."""
    spans = []
    for i, r in enumerate(records, 1):
        label = f"#{i} {r.get('type')} ({r.get('status')})"
        if r.get("title") or r.get("kind"):
            label += f": {r.get('title') or r.get('kind')}"
        for e in r.get("evidence") or ():
            spans.append(
                Span(int(e["start"]), int(e["end"]), str(r.get("type")), label, str(r.get("id", "")))
            )
    return spans


def party_name(party: str) -> str:
    from pactwatch.resolve.names import country_name, is_country

    return country_name(party) if is_country(party) else party


def fmt_value(value: Any) -> str:
    """A field value as short readable text."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, list):
        return "; ".join(fmt_value(v) for v in value)
    if isinstance(value, dict):
        if {"amount", "currency"} <= value.keys():
            return (
                f"{value['currency']} {value['amount']:,}"
                if isinstance(value["amount"], int | float)
                else str(value)
            )
        if "name" in value:
            bits = [value.get("name"), value.get("role"), value.get("country")]
            return ", ".join(str(b) for b in bits if b)
        if {"start", "end"} <= value.keys():
            return f"{value['start']} – {value['end'] or '…'}"
        if {"min", "max"} <= value.keys():
            return f"{value['min']}–{value['max']}"
        return ", ".join(f"{k}: {fmt_value(v)}" for k, v in value.items() if v not in (None, [], {}))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def make_templates(sessions: Sessions) -> Jinja2Templates:
    directory = str(resources.files("pactwatch.web") / "templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(directory),
        autoescape=True,  # every template, whatever its name
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["csrf_token"] = sessions.csrf_token
    env.globals["kinds"] = KINDS
    env.filters["party"] = party_name
    env.filters["value"] = fmt_value
    env.filters["show"] = show
    return Jinja2Templates(env=env)


def page(
    request: Request,
    name: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Render template ``name`` with the signed-in user in the context."""
    templates: Jinja2Templates = request.app.state.templates
    sessions: Sessions = request.app.state.sessions
    ctx = {"user": sessions.user(request), **context}
    return templates.TemplateResponse(
        request, name, ctx, status_code=status_code, headers=dict(headers or {})
    )


def error_page(
    request: Request, status: int, message: str, *, headers: Mapping[str, str] | None = None
) -> Response:
    return page(
        request,
        "error.html",
        {"status": status, "message": message, "title": f"Error {status}"},
        status_code=status,
        headers=headers,
    )
