"""The pages that write: sign in/out, review, ingest. Each needs a signed-in user and the
form's CSRF token (``WriterDep``); the work is the same function as the JSON twin's."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from pactwatch.api import ingesting
from pactwatch.api.deps import (
    ConfigDep,
    RegisterDep,
    SessionsDep,
    SettingsDep,
    ThrottlesDep,
    UserDep,
    WriterDep,
    check_csrf,
)
from pactwatch.api.errors import TooManyAttemptsError
from pactwatch.api.routers.review import apply_review
from pactwatch.api.schemas import ReviewIn
from pactwatch.api.throttle import client_address, sign_in
from pactwatch.errors import NotFoundError, UsageError
from pactwatch.web.render import page

router = APIRouter(include_in_schema=False)

EDITABLE = ("title", "kind", "status", "date", "item", "quantity", "place")
INT_FIELDS = ("quantity",)


def _local(next_url: str | None) -> str:
    """A redirect target on this site only (no scheme, no //host, no backslash tricks)."""
    n = (next_url or "/").strip()
    if not n.startswith("/") or n.startswith("//") or "\\" in n or any(ord(c) < 32 for c in n):
        return "/"
    return n


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/") -> Response:
    return page(request, "login.html", {"title": "Sign in", "next": _local(next), "error": None})


@router.post("/login")
async def login(
    request: Request,
    reg: RegisterDep,
    sessions: SessionsDep,
    throttles: ThrottlesDep,
    name: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    await check_csrf(request, sessions)
    ctx = {"title": "Sign in", "next": _local(next)}
    client = client_address(request)
    try:
        who = await run_in_threadpool(sign_in, throttles.login, reg.engine, reg.url, name, password, client)
    except TooManyAttemptsError as e:
        headers = {"Retry-After": str(e.retry_after)}
        return page(request, "login.html", {**ctx, "error": str(e)}, status_code=429, headers=headers)
    if who is None:
        return page(
            request, "login.html", {**ctx, "error": "Unknown user or wrong password."}, status_code=401
        )
    resp = RedirectResponse(_local(next), status_code=303)
    sessions.sign_in(resp, who.name, who.session_epoch)
    return resp


@router.get("/logout")
def logout_form(request: Request) -> Response:
    return page(request, "logout.html", {"title": "Sign out"})


@router.post("/logout")
async def logout(request: Request, sessions: SessionsDep) -> Response:
    await check_csrf(request, sessions)
    resp = RedirectResponse("/", status_code=303)
    sessions.sign_out(resp)
    return resp


@router.get("/review")
def review_page(
    request: Request,
    reg: RegisterDep,
    who: UserDep,
    event: Annotated[str, Query(max_length=64, pattern=r"^[A-Za-z0-9:_.-]*$")] = "",
    done: Annotated[str, Query(max_length=40, pattern=r"^[a-z_]*$")] = "",
) -> Response:
    ctx: dict[str, Any] = {"title": "Review", "who": who, "done": done, "editable": EDITABLE, "event": None}
    gone = False
    if event:
        eid = reg.event_for_record(event) or event
        try:
            detail = reg.event(eid).to_dict()
        except NotFoundError:  # every record rejected: the event left the register
            gone = True
            ctx["gone"] = eid
        else:
            ctx["event"] = detail
            ctx["title"] = f"Review: {detail['summary']['title'] or detail['summary']['type']}"
    if not event or gone:
        ctx["recent"] = reg.events(limit=20).to_dict()["items"]
    ctx["log"] = reg.review_log(limit=30).to_dict()["items"]
    return page(request, "review.html", ctx)


@router.post("/review")
async def review_submit(request: Request, who: WriterDep, reg: RegisterDep) -> Response:
    form = await request.form()
    target = str(form.get("target") or "").strip()
    action = str(form.get("action") or "")
    changes: dict[str, Any] = {}
    if action == "edit":
        for f in EDITABLE:
            raw = str(form.get(f"field_{f}") or "").strip()
            if raw:
                changes[f] = _field(f, raw)
    try:
        body = ReviewIn.model_validate(
            {
                "target": target,
                "action": action,
                "changes": changes or None,
                "other": str(form.get("other") or "").strip() or None,
                "note": str(form.get("note") or "").strip() or None,
            }
        )
    except ValidationError as e:
        err = e.errors()[0]
        raise UsageError(f"bad review ({'.'.join(str(x) for x in err['loc'])}: {err['msg']})") from e
    result = await run_in_threadpool(apply_review, reg, body, who)
    eid = result.get("event_id") or target
    return RedirectResponse(f"/review?event={quote(eid)}&done={quote(action)}", status_code=303)


def _field(name: str, raw: str) -> Any:
    if name in INT_FIELDS:
        try:
            return int(raw.replace(",", "").replace("_", ""))
        except ValueError as e:
            raise UsageError(f"{name} must be a whole number, not {raw[:30]!r}") from e
    return raw


@router.get("/ingest")
def ingest_form(request: Request, who: UserDep) -> Response:
    return page(request, "ingest.html", {"title": "Ingest", "who": who, "result": None})


@router.post("/ingest")
async def ingest_submit(
    request: Request, who: WriterDep, reg: RegisterDep, settings: SettingsDep, config: ConfigDep
) -> Response:
    form = await request.form(max_files=config.max_files, max_fields=50)
    published = _date(str(form.get("published") or ""))
    title = str(form.get("title") or "").strip() or None
    text = str(form.get("text") or "")
    url = str(form.get("url") or "").strip()
    uploads = [
        ingesting.Upload(f.filename or "upload", await f.read())
        for f in form.getlist("file")
        if isinstance(f, UploadFile) and f.filename
    ]
    items: list[Any] = []
    if uploads:
        items += ingesting.from_uploads(uploads, published=published, settings=settings)
    if text.strip():
        items += ingesting.from_text(
            text, title=title, url=url or None, outlet=None, published=published, settings=settings
        )
    elif url:
        items += await run_in_threadpool(
            lambda: ingesting.from_url(url, title=title, published=published, settings=settings)
        )
    if not items:
        raise UsageError("nothing to ingest: paste a text, give a URL or choose files")
    result = await run_in_threadpool(ingesting.ingest, reg, items)
    return page(request, "ingest.html", {"title": "Ingest", "who": who, "result": result})


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise UsageError(f"published: {value[:40]!r} is not a date YYYY-MM-DD") from e
