"""Sessions, CSRF and security headers.

* Session: a cookie signed with itsdangerous (secret from ``WebConfig``), Secure, HttpOnly,
  SameSite=Lax, holding the user name, the user's session epoch (removing the user bumps
  it, which ends the session) and the time it was issued; it expires after
  ``session_max_age_s``.
* CSRF: signed double-submit. Every visitor gets a random nonce in an HttpOnly cookie; a
  form carries ``HMAC(secret, nonce)`` in its ``csrf_token`` field (or the
  ``X-CSRF-Token`` header), which only this server can compute. Signing in rotates it.
* Headers: a strict Content-Security-Policy (no inline script or style, nothing from other
  origins, no framing), nosniff, no referrer to other sites.
* A request body limit enforced while reading (Content-Length or streamed bytes).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.api.config import WebConfig
from pactwatch.api.errors import ForbiddenError, PayloadTooLargeError

SESSION_COOKIE = "pactwatch_session"
CSRF_COOKIE = "pactwatch_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class Sessions:
    """Signs and reads the session cookie and CSRF tokens with the app's secret."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self._signer = URLSafeTimedSerializer(config.secret, salt="pactwatch.session")
        self._csrf_key = hashlib.sha256(("pactwatch.csrf:" + config.secret).encode()).digest()

    # -- session ------------------------------------------------------------------------

    def session(self, request: Request) -> tuple[str, int] | None:
        """(user name, session epoch) of a valid, unexpired session cookie; None otherwise."""
        raw = request.cookies.get(SESSION_COOKIE)
        if not raw:
            return None
        try:
            data = self._signer.loads(raw, max_age=self.config.session_max_age_s)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        name, epoch = data.get("u"), data.get("g", 0)
        if not isinstance(name, str) or not name or not isinstance(epoch, int):
            return None
        return name, epoch

    def user(self, request: Request) -> str | None:
        s = self.session(request)
        return s[0] if s else None

    def sign_in(self, response: Response, name: str, epoch: int = 0) -> None:
        """Set the session cookie; ``epoch`` is the user's session epoch (``accounts``)."""
        token = self._signer.dumps({"u": name, "g": epoch, "n": secrets.token_hex(8)})
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=self.config.session_max_age_s,
            path="/",
            secure=True,
            httponly=True,
            samesite="lax",
        )
        self.set_nonce(response, secrets.token_urlsafe(24))

    def sign_out(self, response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
        self.set_nonce(response, secrets.token_urlsafe(24))

    # -- CSRF -----------------------------------------------------------------------------

    def set_nonce(self, response: Response, nonce: str) -> None:
        response.set_cookie(CSRF_COOKIE, nonce, path="/", secure=True, httponly=True, samesite="lax")

    def csrf_for(self, nonce: str) -> str:
        return hmac.new(self._csrf_key, nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_token(self, request: Request) -> str:
        """The token forms of this page carry (from the cookie or the nonce just issued)."""
        nonce = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf_nonce", "")
        return self.csrf_for(nonce) if nonce else ""

    def check_csrf(self, request: Request, submitted: str | None) -> None:
        """ForbiddenError unless ``submitted`` matches the visitor's nonce cookie."""
        nonce = request.cookies.get(CSRF_COOKIE)
        if not nonce or not submitted:
            raise ForbiddenError("missing CSRF token: reload the page and submit the form again")
        if not hmac.compare_digest(self.csrf_for(nonce), submitted):
            raise ForbiddenError("bad CSRF token: reload the page and submit the form again")


class SecurityMiddleware:
    """Adds the security headers, issues the CSRF nonce cookie, limits request bodies."""

    def __init__(self, app: ASGIApp, *, sessions: Sessions, max_body: int) -> None:
        self.app = app
        self.sessions = sessions
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        new_nonce = None if request.cookies.get(CSRF_COOKIE) else secrets.token_urlsafe(24)
        scope.setdefault("state", {})
        if new_nonce:
            scope["state"]["csrf_nonce"] = new_nonce
        declared = request.headers.get("content-length")
        too_big = declared is not None and declared.isdigit() and int(declared) > self.max_body

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in HEADERS.items():
                    if k.encode() not in present:
                        headers.append((k.encode(), v.encode()))
                if new_nonce and b"set-cookie" not in present:
                    cookie = Response()
                    self.sessions.set_nonce(cookie, new_nonce)
                    headers += [(k, v) for k, v in cookie.raw_headers if k == b"set-cookie"]
                message = {**message, "headers": headers}
            await send(message)

        received = 0

        async def receive_wrapper() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise PayloadTooLargeError(f"the request body is over the {self.max_body}-byte limit")
            return message

        if too_big:
            await _too_large(scope, receive_wrapper, send_wrapper, self.max_body)
            return
        await self.app(scope, receive_wrapper, send_wrapper)


async def _too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    from fastapi.responses import JSONResponse

    from pactwatch.api.errors import error_body

    body: dict[str, Any] = error_body(
        413, "payload_too_large", f"the request body is over the {limit}-byte limit"
    )
    await JSONResponse(body, status_code=413)(scope, receive, send)
