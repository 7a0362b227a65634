"""``Annotated`` dependencies shared by the API routers and the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from pactwatch.api.accounts import Principal, session_valid
from pactwatch.api.config import WebConfig
from pactwatch.api.errors import AuthRequiredError
from pactwatch.api.throttle import Throttles, client_address, token_user
from pactwatch.register import Register
from pactwatch.settings import Settings
from pactwatch.web.security import CSRF_FIELD, CSRF_HEADER, Sessions

NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"  # free text: no NUL or control characters
MAX_LIMIT = 500


def get_register(request: Request) -> Register:
    return request.app.state.register


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_config(request: Request) -> WebConfig:
    return request.app.state.config


def get_sessions(request: Request) -> Sessions:
    return request.app.state.sessions


def get_throttles(request: Request) -> Throttles:
    return request.app.state.throttles


RegisterDep = Annotated[Register, Depends(get_register)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ConfigDep = Annotated[WebConfig, Depends(get_config)]
SessionsDep = Annotated[Sessions, Depends(get_sessions)]
ThrottlesDep = Annotated[Throttles, Depends(get_throttles)]


def bearer(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_user(
    request: Request, reg: RegisterDep, sessions: SessionsDep, throttles: ThrottlesDep
) -> Principal | None:
    """Who makes the request: a valid bearer token's user, else the signed-in user, else None.
    A bearer token that is not valid is an error (401), never a silent anonymous read; too
    many of them from one address are refused (429) before the token is looked at."""
    token = bearer(request)
    if token is not None:
        return token_user(throttles.tokens, reg.engine, reg.url, token, client_address(request))
    session = sessions.session(request)
    if session and session_valid(reg.engine, reg.url, *session):
        return Principal(session[0], "session", session[1])
    return None


UserDep = Annotated[Principal | None, Depends(current_user)]


async def require_writer(request: Request, who: UserDep, sessions: SessionsDep) -> Principal:
    """A user allowed to write. Cookie sessions must also show the CSRF token (form field
    ``csrf_token`` or header ``X-CSRF-Token``); API tokens need none (no ambient credential).
    A page form without its CSRF token is refused (403) before the sign-in check (401)."""
    if who is None:
        if not request.url.path.startswith("/api/"):
            await check_csrf(request, sessions)
        raise AuthRequiredError("sign in (/login) or send an API token (Authorization: Bearer ...) to write")
    if who.via == "session":
        await check_csrf(request, sessions)
    return who


async def check_csrf(request: Request, sessions: Sessions) -> None:
    submitted = request.headers.get(CSRF_HEADER)
    ctype = request.headers.get("content-type", "")
    if submitted is None and ctype.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    sessions.check_csrf(request, submitted)


WriterDep = Annotated[Principal, Depends(require_writer)]


@dataclass(frozen=True, slots=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")] = 0,
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def page_links(request: Request, total: int, limit: int, offset: int) -> dict[str, str | None]:
    """``self``, ``next`` and ``prev`` addresses of a page (the same query, other offsets)."""

    def at(off: int) -> str:
        q = request.query_params.multi_items()
        params = [(k, v) for k, v in q if k != "offset"] + [("offset", str(off))]
        if not any(k == "limit" for k, _ in params):
            params.insert(0, ("limit", str(limit)))
        from urllib.parse import urlencode

        return f"{request.url.path}?{urlencode(params)}"

    return {
        "self": at(offset),
        "next": at(offset + limit) if offset + limit < total else None,
        "prev": at(max(0, offset - limit)) if offset > 0 else None,
    }
