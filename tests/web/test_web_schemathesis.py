"""Property-based API testing: schemathesis generates requests from /openapi.json (at most
20 per operation); no request may give a server error, and every answer must match its
documented status codes and schema. Writes are tried without credentials and with a token."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

OPERATIONS = [
    ("GET", "/api/events"),
    ("GET", "/api/events/{event_id}"),
    ("GET", "/api/pairs/{pair}"),
    ("GET", "/api/overview"),
    ("GET", "/api/entities"),
    ("GET", "/api/entities/{entity_id}"),
    ("GET", "/api/documents"),
    ("GET", "/api/documents/{document_id}"),
    ("GET", "/api/search"),
    ("GET", "/api/review"),
    ("GET", "/api/auth/me"),
    ("POST", "/api/review"),
    ("POST", "/api/documents"),
]


def test_every_operation_is_covered(sqlite_env: Any) -> None:
    spec = sqlite_env.client.get("/openapi.json").json()
    found = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert found == set(OPERATIONS)


CASES = [(m, p, False) for m, p in OPERATIONS] + [(m, p, True) for m, p in OPERATIONS if m == "POST"]


@pytest.mark.parametrize(
    ("method", "path", "auth"), CASES, ids=[f"{m} {p} {'token' if a else 'anonymous'}" for m, p, a in CASES]
)
def test_no_server_errors(sqlite_env: Any, method: str, path: str, auth: bool) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", sqlite_env.app)
    operation = schema[path][method]
    headers = sqlite_env.auth() if auth else {}

    @given(case=operation.as_strategy())
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case: Any) -> None:
        if (
            path == "/api/documents"
            and method == "POST"
            and isinstance(case.body, dict)
            and case.body.get("url")
        ):
            case.body["url"] = "http://127.0.0.1:9/never-fetched"  # no network: the address rules refuse it
        # a write with a token may fail the domain rules that no schema states (an unknown
        # event to review, a text with no article): 400/404/422 there are right answers
        excluded = [checks.positive_data_acceptance] if auth else []
        case.call_and_validate(headers=headers, excluded_checks=excluded)

    run()
