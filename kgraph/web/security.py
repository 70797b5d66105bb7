"""Who is asking, and may they: sessions, CSRF tokens, HTTP Basic, single sign-on, throttling.

- **Sessions** live in a signed cookie (itsdangerous, HMAC-SHA256 over the account
  name, its generation and the CSRF token; ``HttpOnly``, ``SameSite=Lax``, ``Secure``
  when the request came over https) that expires after :data:`SESSION_HOURS`. A
  change of the account (password, role, removal) raises its generation and ends its
  sessions.
- **CSRF**: every form carries the session's token (``csrf``), every state-changing
  request with a session cookie is refused (403) without it; the JSON API takes it in
  the ``X-CSRF-Token`` header, or is called with HTTP Basic (no cookie, no CSRF).
- **HTTP Basic** on the API; a correct answer is remembered for five minutes (argon2
  is slow on purpose).
- **Single sign-on**: with ``--trust-header X-Remote-User`` the proxy's header names
  the account. Only safe behind a proxy that removes the header from every client
  request (docs/web.md).
- **Throttling**: ten failed logins for an account or from one address within a
  minute refuse further attempts (429, ``Retry-After``) until the minute has passed,
  without checking the password.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from ..app import accounts
from ..app.accounts import User

__all__ = ["SESSION_COOKIE", "SESSION_HOURS", "Session", "Sessions", "Throttle", "BasicCache", "same_token",
           "basic_credentials", "MAX_FAILURES", "WINDOW_SECONDS"]

SESSION_COOKIE = "kgraph_session"
_HASH_SLOTS = threading.BoundedSemaphore(4)
SESSION_HOURS = 10
MAX_FAILURES = 10
WINDOW_SECONDS = 60.0


@dataclass
class Session:
    """What a session cookie holds: the account key (or None), its generation, the CSRF token."""

    user: str | None
    generation: int
    csrf: str
    new: bool = False


class Sessions:
    """Signs and reads session cookies (see the module docstring)."""

    def __init__(self, key: bytes):
        from itsdangerous import URLSafeTimedSerializer

        self._s = URLSafeTimedSerializer(key, salt="kgraph-session")

    def read(self, cookie: str | None) -> Session:
        """The session in ``cookie``; a new anonymous one when missing, forged or expired."""
        from itsdangerous import BadSignature

        if cookie:
            try:
                data = self._s.loads(cookie, max_age=SESSION_HOURS * 3600)
                if isinstance(data, dict) and isinstance(data.get("c"), str) and len(data["c"]) >= 32:
                    return Session(data.get("u"), int(data.get("g", 0)), data["c"])
            except (BadSignature, ValueError, TypeError):
                pass
        return Session(None, 0, secrets.token_urlsafe(32), new=True)

    def dump(self, session: Session) -> str:
        return self._s.dumps({"u": session.user, "g": session.generation, "c": session.csrf})

    @staticmethod
    def login(user: User) -> Session:
        """A fresh session for ``user`` (a new CSRF token: no fixation)."""
        return Session(user.name.lower(), user.generation, secrets.token_urlsafe(32), new=True)


def same_token(given: str | None, expected: str) -> bool:
    """Constant-time comparison of a posted CSRF token with the session's."""
    return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())


class Throttle:
    """Failed logins per key (an account name, a client address) in a sliding minute."""

    def __init__(self, limit: int = MAX_FAILURES, window: float = WINDOW_SECONDS):
        self.limit, self.window = limit, window
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        q = self._fails.setdefault(key, deque())
        while q and now - q[0] > self.window:
            q.popleft()
        return q

    def retry_after(self, keys: list[str]) -> int:
        """Seconds until another attempt is allowed (0: now)."""
        now = time.monotonic()
        wait = 0.0
        with self._lock:
            for key in keys:
                q = self._recent(key, now)
                if len(q) >= self.limit:
                    wait = max(wait, self.window - (now - q[-self.limit]))
            if len(self._fails) > 10_000:  # forget quiet keys
                for k in [k for k, q in self._fails.items() if not q]:
                    del self._fails[k]
        return int(wait) + 1 if wait > 0 else 0

    def failed(self, keys: list[str]) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._fails.pop(key, None)


class BasicCache:
    """Correct HTTP Basic answers remembered for a few minutes (by a keyed hash, never the password)."""

    def __init__(self, seconds: float = 300.0):
        self.seconds = seconds
        self._key = secrets.token_bytes(32)
        self._seen: dict[str, tuple[float, User]] = {}
        self._lock = threading.Lock()

    def _digest(self, name: str, password: str) -> str:
        return hmac.new(self._key, f"{name.lower()}\0{password}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def get(self, name: str, password: str) -> User | None:
        d = self._digest(name, password)
        with self._lock:
            hit = self._seen.get(d)
            if hit and time.monotonic() - hit[0] < self.seconds:
                return hit[1]
            self._seen.pop(d, None)
        return None

    def put(self, name: str, password: str, user: User) -> None:
        with self._lock:
            if len(self._seen) > 1000:
                self._seen.clear()
            self._seen[self._digest(name, password)] = (time.monotonic(), user)


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    """``(name, password)`` of an ``Authorization: Basic ...`` header, or None.

    >>> basic_credentials("Basic " + base64.b64encode(b"anna:s3cret:x").decode())
    ('anna', 's3cret:x')
    >>> basic_credentials("Bearer abc") is None, basic_credentials("Basic !!!") is None
    (True, True)
    """
    if not header or not header[:6].lower() == "basic ":
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    name, sep, password = raw.partition(":")
    return (name, password) if sep else None


def check_login(site, name: str, password: str, address: str) -> tuple[User | None, int]:
    """``(user, retry_after)``: the account when the password is right; a wait when throttled."""
    keys = [f"user:{name.strip().lower()}", f"addr:{address}"]
    wait = site.throttle.retry_after(keys)
    if wait:
        return None, wait
    with _HASH_SLOTS:  # argon2 takes 64 MiB and most of a core per check: a few at a time
        user = accounts.authenticate(site.kg, name, password)
    if user is None:
        site.throttle.failed(keys)
        return None, 0
    site.throttle.succeeded(keys[:1])
    return user, 0
