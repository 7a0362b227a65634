"""The FastAPI app factory: ``create_app(settings) -> FastAPI``.

JSON API under ``/api`` (OpenAPI at ``/openapi.json``), HTML pages at the root, static
files under ``/static``. Nothing is built at import time.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from pactwatch.api import errors
from pactwatch.api.config import UPLOAD_OVERHEAD, WebConfig
from pactwatch.register import Register
from pactwatch.settings import Settings
from pactwatch.version import __version__ as VERSION

DESCRIPTION = """An evidence-backed register of international agreements, meetings, quotes
and mechanisms extracted from news. Every page of the web app has a JSON twin here.

Reading is open. Writing (`POST /api/documents`, `POST /api/review`) needs an API token
(`Authorization: Bearer pwt_...`, made with `pactwatch token create NAME`) or a signed-in
session plus the `X-CSRF-Token` header. Too many bad tokens from one address are answered
429 with `Retry-After`. Errors are `{"error": {"status", "type", "message"}}`.
Lists are paged with `limit`/`offset` and give `items`, `total` and `links`."""


def create_app(
    settings: Settings | None = None, *, config: WebConfig | None = None, register: Register | None = None
) -> FastAPI:
    """The web app over the register at ``settings.db_url`` (opened, and upgraded, here)."""
    from pactwatch.api.deps import current_user
    from pactwatch.api.routers import auth, documents, entities, events, review, search
    from pactwatch.api.throttle import Throttles
    from pactwatch.web import pages, writes
    from pactwatch.web.render import make_templates
    from pactwatch.web.security import SecurityMiddleware, Sessions

    settings = settings or Settings.from_env()
    config = config or WebConfig.from_env()
    import pactwatch.store.auth_tables  # noqa: F401  (the accounts tables on the store's MetaData)

    reg = register or Register(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if register is None:
            reg.close()

    app = FastAPI(
        title="pactwatch",
        version=VERSION,
        description=DESCRIPTION,
        docs_url=None,  # the Swagger page loads scripts from a CDN; the CSP forbids that
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        debug=False,
    )
    sessions = Sessions(config)
    app.state.settings = settings
    app.state.config = config
    app.state.register = reg
    app.state.sessions = sessions
    app.state.throttles = Throttles.from_settings(settings)
    app.state.templates = make_templates(sessions)
    max_body = (config.max_upload_bytes or settings.max_input_bytes) + UPLOAD_OVERHEAD
    app.add_middleware(SecurityMiddleware, sessions=sessions, max_body=max_body)
    errors.install(app)
    for r in (events.router, entities.router, documents.router, search.router, review.router, auth.router):
        app.include_router(r, dependencies=[Depends(current_user)])  # a bad token is refused, even to read
    app.include_router(pages.router)
    app.include_router(writes.router)
    static = resources.files("pactwatch.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    return app
