"""Failed sign-ins and bad API tokens are limited per user name and per client address:
over the limit, 429 with Retry-After before any password or token is checked; a
successful sign-in forgets its own failures; the window slides."""

from __future__ import annotations

from typing import Any

import pytest

from pactwatch.api.throttle import FailureLimiter, Throttles
from pactwatch.errors import ConfigError
from pactwatch.settings import Settings


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(clock: Clock, per_subject: int | None = 3, per_client: int | None = 5) -> FailureLimiter:
    return FailureLimiter(window_s=60, per_subject=per_subject, per_client=per_client, clock=clock)


# -- the limiter ------------------------------------------------------------------------------


def test_subject_limit_and_retry_after() -> None:
    clock = Clock()
    lim = limiter(clock)
    for ip in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):  # one name tried from three addresses
        assert lim.attempt("alice", ip) == 0
        clock.now += 10
    assert lim.attempt("alice", "4.4.4.4") == 30  # at 1030; the first failure leaves at 1060
    assert lim.failures(subject="alice") == 3  # the refused attempt is not counted
    assert lim.attempt("bob", "4.4.4.4") == 0  # other names go on
    clock.now = 1060.5
    assert lim.attempt("alice", "4.4.4.4") == 0  # the window slid past the first failure


def test_client_limit_across_names() -> None:
    clock = Clock()
    lim = limiter(clock)
    for i in range(5):
        assert lim.attempt(f"user{i}", "1.1.1.1") == 0
    assert lim.attempt("someone-else", "1.1.1.1") == 60
    assert lim.attempt("someone-else", "9.9.9.9") == 0


def test_success_forgets_its_own_pair_only() -> None:
    clock = Clock()
    lim = limiter(clock, per_subject=3, per_client=3)
    lim.attempt("alice", "1.1.1.1")
    lim.attempt("alice", "1.1.1.1")
    lim.attempt("mallory", "1.1.1.1")
    lim.attempt("alice", "2.2.2.2")
    lim.succeeded("alice", "1.1.1.1")
    assert lim.failures(subject="alice") == 1  # the failure from 2.2.2.2 stays
    assert lim.failures(client="1.1.1.1") == 1  # and so does 1.1.1.1's try at mallory
    assert lim.failures() == 2


def test_not_failed_takes_one_attempt_back() -> None:
    lim = limiter(Clock(), per_subject=None, per_client=2)
    for _ in range(10):
        assert lim.attempt("", "1.1.1.1") == 0
        lim.not_failed("", "1.1.1.1")
    assert lim.failures() == 0
    lim.attempt("", "1.1.1.1")
    lim.attempt("", "1.1.1.1")
    assert lim.attempt("", "1.1.1.1") > 0


def test_memory_is_bounded() -> None:
    clock = Clock()
    lim = FailureLimiter(window_s=60, per_subject=3, per_client=3, clock=clock, max_pairs=100)
    for i in range(1000):
        lim.attempt(f"user{i}", f"10.0.{i // 250}.{i % 250}")
        clock.now += 0.001
    assert lim.failures() <= 100
    assert lim.failures(subject="user999") == 1  # the newest are kept


@pytest.mark.parametrize(
    "kw",
    [
        {"window_s": 0, "per_subject": 5, "per_client": 5},
        {"window_s": 60, "per_subject": 0, "per_client": 5},
        {"window_s": 60, "per_subject": 5, "per_client": -1},
    ],
    ids=["window", "subject", "client"],
)
def test_bad_limits_are_refused(kw: dict[str, Any]) -> None:
    with pytest.raises(ConfigError):
        FailureLimiter(**kw)


def test_defaults_come_from_settings() -> None:
    t = Throttles.from_settings(Settings(db_url="sqlite://"))
    assert (t.login.per_subject, t.login.per_client, t.login.window_s) == (5, 20, 900.0)
    assert (t.tokens.per_subject, t.tokens.per_client) == (None, 20)


# -- the sign-in page -------------------------------------------------------------------------


def _throttle(env: Any, clock: Clock, **limits: Any) -> None:
    settings = Settings(db_url=env.url, **limits)
    env.app.state.throttles = Throttles.from_settings(settings, clock=clock)


def _spy_passwords(monkeypatch: Any) -> list[str]:
    """The user names whose password was checked."""
    import pactwatch.api.throttle as throttle

    checked: list[str] = []
    real = throttle.authenticate

    def spy(engine: Any, url: str, name: str, password: str) -> Any:
        checked.append(name)
        return real(engine, url, name, password)

    monkeypatch.setattr(throttle, "authenticate", spy)
    return checked


def test_login_limited_per_user(sqlite_env: Any, web: Any, monkeypatch: Any) -> None:
    clock = Clock()
    _throttle(sqlite_env, clock)
    checked = _spy_passwords(monkeypatch)
    for _ in range(5):
        assert web.login(sqlite_env.client, "alice", "wrong password").status_code == 401
    r = web.login(sqlite_env.client, "alice", web.PASSWORD)  # the right password, too late
    assert r.status_code == 429
    assert r.headers["retry-after"] == "900"
    assert "Too many failed sign-ins" in r.text and "15 minutes" in r.text
    assert 'name="password"' in r.text  # the form is shown again
    assert "pactwatch_session" not in sqlite_env.client.cookies
    assert len(checked) == 5  # the sixth password was never checked
    # another user from the same address is still let in
    assert web.login(sqlite_env.client, "bob", "whatever-pw").status_code == 401
    # the window slides: 15 minutes on, alice may sign in
    clock.now += 900
    assert web.login(sqlite_env.client, "alice", web.PASSWORD).status_code == 303


def test_login_limited_from_any_address(sqlite_env: Any, web: Any) -> None:
    from fastapi.testclient import TestClient

    _throttle(sqlite_env, Clock(), login_max_failures=3)
    for i in range(3):
        other = TestClient(sqlite_env.app, base_url="https://testserver", client=(f"10.0.0.{i}", 5000))
        assert web.login(other, "alice", "wrong password").status_code == 401
    assert web.login(sqlite_env.client, "alice", web.PASSWORD).status_code == 429


def test_login_limited_per_address(sqlite_env: Any, web: Any) -> None:
    from fastapi.testclient import TestClient

    _throttle(sqlite_env, Clock(), login_max_failures_per_ip=4)
    for i in range(4):
        assert web.login(sqlite_env.client, f"guess{i}", "password1").status_code == 401
    r = web.login(sqlite_env.client, "alice", web.PASSWORD)
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    elsewhere = TestClient(sqlite_env.app, base_url="https://testserver", client=("10.9.9.9", 5000))
    assert web.login(elsewhere, "alice", web.PASSWORD).status_code == 303


def test_success_clears_the_count(sqlite_env: Any, web: Any) -> None:
    _throttle(sqlite_env, Clock(), login_max_failures=3)
    for _ in range(2):
        assert web.login(sqlite_env.client, "alice", "wrong password").status_code == 401
    assert web.login(sqlite_env.client, "alice", web.PASSWORD).status_code == 303
    for _ in range(2):  # two more mistakes: without the reset this would be over the limit
        assert web.login(sqlite_env.client, "alice", "wrong password").status_code == 401
    assert web.login(sqlite_env.client, "alice", web.PASSWORD).status_code == 303


# -- API tokens -------------------------------------------------------------------------------


def test_bad_tokens_are_limited_per_address(sqlite_env: Any, monkeypatch: Any) -> None:
    from fastapi.testclient import TestClient

    import pactwatch.api.throttle as throttle

    _throttle(sqlite_env, Clock(), token_max_failures=3)
    looked_up: list[str] = []
    real = throttle.principal_for_token
    monkeypatch.setattr(
        throttle, "principal_for_token", lambda e, u, tok: looked_up.append(tok) or real(e, u, tok)
    )
    for i in range(3):
        r = sqlite_env.client.get("/api/events", headers={"Authorization": f"Bearer pwt_wrong{i}"})
        assert r.status_code == 401
    r = sqlite_env.client.get("/api/auth/me", headers=sqlite_env.auth())  # a good token, too late
    assert r.status_code == 429
    assert r.headers["retry-after"] == "900"
    assert r.json()["error"]["type"] == "too_many_requests"
    assert len(looked_up) == 3
    assert sqlite_env.client.get("/api/events").status_code == 200  # reading without a token goes on
    elsewhere = TestClient(sqlite_env.app, base_url="https://testserver", client=("10.9.9.9", 5000))
    assert elsewhere.get("/api/auth/me", headers=sqlite_env.auth()).json()["name"] == "alice"


def test_good_tokens_are_not_counted(sqlite_env: Any) -> None:
    _throttle(sqlite_env, Clock(), token_max_failures=2)
    for _ in range(6):
        assert sqlite_env.client.get("/api/auth/me", headers=sqlite_env.auth()).status_code == 200
    assert sqlite_env.app.state.throttles.tokens.failures() == 0


def test_429_is_documented(sqlite_env: Any) -> None:
    spec = sqlite_env.client.get("/openapi.json").json()
    assert "429" in spec["paths"]["/api/review"]["post"]["responses"]
    assert "429" in spec["paths"]["/api/auth/me"]["get"]["responses"]
