"""``/api/documents``: list, one document, and ingest (``POST``: JSON or file upload)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from pactwatch.api import ingesting
from pactwatch.api.deps import ConfigDep, PagingDep, RegisterDep, SettingsDep, WriterDep, page_links
from pactwatch.api.schemas import (
    ERRORS,
    WRITE_ERRORS,
    DocumentDetailPublic,
    DocumentPage,
    IngestIn,
    IngestResult,
)
from pactwatch.errors import UsageError
from pactwatch.register import Register
from pactwatch.settings import Settings

router = APIRouter(prefix="/api", tags=["documents"])

DID = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9]+$")]

INGEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": IngestIn.model_json_schema(),
            "examples": {
                "text": {
                    "value": {
                        "text": "India and Russia on Monday signed a contract for 601,427 AK-203 rifles.",
                        "published": "2021-12-06",
                    }
                },
                "url": {"value": {"url": "https://example.org/news/ak-203"}},
            },
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "published": {"type": "string", "format": "date"},
                },
                "required": ["file"],
            }
        },
    },
}


@router.get("/documents", response_model=DocumentPage, responses=ERRORS, summary="List documents")
def list_documents(request: Request, reg: RegisterDep, paging: PagingDep) -> dict[str, Any]:
    page = reg.documents(limit=paging.limit, offset=paging.offset)
    return {**page.to_dict(), "links": page_links(request, page.total, page.limit, page.offset)}


@router.get(
    "/documents/{document_id}", response_model=DocumentDetailPublic, responses=ERRORS, summary="One document"
)
def get_document(document_id: DID, reg: RegisterDep) -> dict[str, Any]:
    """The document's text and every record extracted from it, with evidence offsets."""
    return reg.document(document_id).to_dict()


def ingest_json(reg: Register, settings: Settings, body: IngestIn) -> dict[str, Any]:
    common = {"title": body.title, "published": body.published, "settings": settings}
    if body.text:
        items = ingesting.from_text(body.text, url=body.url, outlet=body.outlet, **common)  # type: ignore[arg-type]
    elif body.html:
        items = ingesting.from_html(body.html, url=body.url, outlet=body.outlet, **common)  # type: ignore[arg-type]
    else:
        items = ingesting.from_url(body.url or "", **common)  # type: ignore[arg-type]
    return ingesting.ingest(reg, items)


@router.post(
    "/documents",
    response_model=IngestResult,
    status_code=201,
    responses=WRITE_ERRORS,
    summary="Ingest a document (text, HTML, URL or files)",
    openapi_extra={"requestBody": INGEST_BODY},
)
async def ingest(
    request: Request, who: WriterDep, reg: RegisterDep, settings: SettingsDep, config: ConfigDep
) -> dict[str, Any]:
    """JSON ``{"text"|"html"|"url", "published"?, "title"?, "url"?, "outlet"?}`` or a
    multipart upload (``file``, repeatable; ``published``). URLs are fetched safely:
    loopback, private, link-local and metadata addresses are refused. Returns the
    documents stored with the records and events found."""
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("multipart/form-data"):
        form = await request.form(max_files=config.max_files, max_fields=50)
        uploads = []
        for f in form.getlist("file"):
            if isinstance(f, UploadFile):
                uploads.append(ingesting.Upload(f.filename or "upload", await f.read()))
        if not uploads:
            raise UsageError("no file in the upload (field 'file')")
        published = _date(form.get("published"))
        items = ingesting.from_uploads(uploads, published=published, settings=settings)
        return await run_in_threadpool(ingesting.ingest, reg, items)
    if ctype.split(";")[0].strip() != "application/json":
        raise UsageError("send application/json or multipart/form-data")
    try:
        body = IngestIn.model_validate_json(await request.body())
    except ValidationError as e:
        raise RequestValidationError(e.errors(include_url=False, include_context=False)) from e
    return await run_in_threadpool(ingest_json, reg, settings, body)


def _date(value: object) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as e:
        raise UsageError(f"published: {value[:40]!r} is not a date YYYY-MM-DD") from e
