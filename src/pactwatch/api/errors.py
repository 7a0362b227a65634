"""The one place where errors become HTTP statuses, and the JSON/HTML error answers.

Every error answer under ``/api`` is ``{"error": {"status", "type", "message"}}``; pages
get the same message in an HTML page. Nothing of a stack trace reaches the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pactwatch.errors import (
    ConfigError,
    FetchError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    PactwatchError,
    SchemaVersionError,
    StoreError,
    UsageError,
)

log = logging.getLogger("pactwatch.web")


class AuthRequiredError(PactwatchError):
    """The request writes, and no signed-in user or valid API token made it."""


class ForbiddenError(PactwatchError):
    """The request is not allowed (a bad or missing CSRF token, a revoked account)."""


class PayloadTooLargeError(PactwatchError):
    """The request body is larger than the upload limit."""


class TooManyAttemptsError(PactwatchError):
    """Too many failed sign-ins or bad API tokens: wait ``retry_after`` seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# Most specific first; the first class an error is an instance of decides.
STATUS: tuple[tuple[type[BaseException], int, str], ...] = (
    (AuthRequiredError, 401, "auth_required"),
    (ForbiddenError, 403, "forbidden"),
    (PayloadTooLargeError, 413, "payload_too_large"),
    (TooManyAttemptsError, 429, "too_many_requests"),
    (InputTooLargeError, 413, "payload_too_large"),
    (NotFoundError, 404, "not_found"),
    (FetchError, 422, "fetch_refused_or_failed"),
    (InputError, 422, "bad_input"),
    (UsageError, 400, "bad_request"),
    (ConfigError, 400, "bad_request"),
    (SchemaVersionError, 503, "schema_version"),
    (StoreError, 503, "store_unavailable"),
    (PactwatchError, 400, "error"),
)
HTTP_TYPES = {
    400: "bad_request",
    401: "auth_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    422: "validation_error",
    429: "too_many_requests",
}


def status_for(error: BaseException) -> tuple[int, str]:
    """(HTTP status, error type) for an error pactwatch raised on purpose; (500, internal) else."""
    for cls, status, kind in STATUS:
        if isinstance(error, cls):
            return status, kind
    return 500, "internal"


def error_body(status: int, kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"status": status, "type": kind, "message": message, **extra}}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/openapi.json" or path.endswith((".csv", ".json"))


def headers_for(status: int, error: BaseException | None = None) -> dict[str, str]:
    """The headers an error answer carries: how to authenticate (401), when to retry (429)."""
    if status == 401:
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(error, TooManyAttemptsError):
        return {"Retry-After": str(error.retry_after)}
    return {}


def _answer(
    request: Request,
    status: int,
    kind: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    headers = headers if headers is not None else headers_for(status)
    if wants_json(request):
        return JSONResponse(error_body(status, kind, message, **extra), status_code=status, headers=headers)
    from pactwatch.web.render import error_page

    return error_page(request, status, message, headers=headers)


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(PactwatchError)
    async def _pactwatch(request: Request, exc: PactwatchError) -> Response:
        status, kind = status_for(exc)
        if status >= 500:
            log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        message = " ".join(str(exc).split()) or type(exc).__name__
        return _answer(request, status, kind, message, headers_for(status, exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        message = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in details) or "invalid request"
        return _answer(request, 422, "validation_error", message, details=details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else "error"
        resp = _answer(request, status, HTTP_TYPES.get(status, "error"), message)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return _answer(request, 500, "internal", "internal server error (logged on the server)")
