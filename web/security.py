"""The workbench's defences, each small and each tested (tests/web/test_security.py).

- **CSP and headers** on every response: scripts and styles only from the app's own /static
  (no inline script or style, no eval), no framing, no plugins, forms only to itself, no
  referrer leaked to the pages a reviewer opens from a source link.
- **CSRF**: every POST carries a token that is an HMAC, under a secret made at start-up, of the
  browser's session cookie. A page on another origin can neither read the token nor forge it,
  and a cookie set by another local port (cookies ignore ports) gives it nothing to sign with.
- **Access**: `--token` makes every request show the shared token once (`?token=`, a form, or
  `Authorization: Bearer`), after which an HttpOnly cookie carries it; a reviewers file gives
  each reviewer a token of their own, and the name is then taken from it, not from the request.
- **Who decides**: with a reviewers file, the token's owner; otherwise the `X-Claimline-Reviewer`
  header, else the name set in the page (a cookie), else the server's default (the login name on
  a local server; none on a shared one, where a decision without a name is refused).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.requests import Request

SESSION_COOKIE = "claimline_session"
AUTH_COOKIE = "claimline_auth"
REVIEWER_COOKIE = "claimline_reviewer"
REVIEWER_HEADER = "x-claimline-reviewer"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MAX_NAME = 80

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
])
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}


class ReviewersFileError(ValueError):
    """A reviewers file that cannot be read, with the file and line named."""


def read_reviewers(path: Path) -> dict[str, str]:
    """token -> reviewer name, from lines ``TOKEN NAME...`` (blank lines and ``#`` comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReviewersFileError(f"{path}: cannot read the reviewers file: {exc.strerror or exc}") from exc
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        parts = text.split(None, 1)
        if len(parts) != 2:
            raise ReviewersFileError(f"{path}:{n}: expected 'TOKEN NAME', got {text[:40]!r}")
        token, name = parts
        if len(token) < 16:
            raise ReviewersFileError(f"{path}:{n}: the token for {name!r} is shorter than 16 characters")
        if token in out:
            raise ReviewersFileError(f"{path}:{n}: the token for {name!r} is already {out[token]!r}'s")
        out[token] = name.strip()[:MAX_NAME]
    if not out:
        raise ReviewersFileError(f"{path}: no reviewers in the file")
    return out


@dataclass
class Guard:
    """Access, CSRF and reviewer-name rules for one server."""

    token: str | None = None
    reviewers: dict[str, str] = field(default_factory=dict)
    default_reviewer: str | None = None
    secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))

    @property
    def locked(self) -> bool:
        return self.token is not None or bool(self.reviewers)

    def _known(self, presented: str | None) -> str | None:
        """The presented token if it opens this server (compared in constant time)."""
        if not presented:
            return None
        if self.token is not None and hmac.compare_digest(presented.encode(), self.token.encode()):
            return presented
        for token in self.reviewers:
            if hmac.compare_digest(presented.encode(), token.encode()):
                return token
        return None

    def presented(self, request: Request) -> str | None:
        """A valid token from the Authorization header or the auth cookie."""
        auth = request.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return self._known(auth[7:].strip())
        return self._known(request.cookies.get(AUTH_COOKIE))

    def allowed(self, request: Request) -> bool:
        return not self.locked or self.presented(request) is not None

    def check_token(self, value: str | None) -> str | None:
        return self._known(value)

    # -- CSRF --------------------------------------------------------------------------------

    def csrf_token(self, session_id: str) -> str:
        return hmac.new(self.secret, session_id.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, request: Request, submitted: str | None) -> bool:
        session_id = request.cookies.get(SESSION_COOKIE)
        if not session_id or not submitted:
            return False
        return hmac.compare_digest(self.csrf_token(session_id), submitted)

    # -- who decides -------------------------------------------------------------------------

    def reviewer(self, request: Request) -> str | None:
        if self.reviewers:
            token = self.presented(request)
            return self.reviewers.get(token) if token else None
        for value in (request.headers.get(REVIEWER_HEADER), request.cookies.get(REVIEWER_COOKIE)):
            name = clean_name(value)
            if name:
                return name
        return self.default_reviewer

    @property
    def names_fixed(self) -> bool:
        """Names come from the reviewers file and cannot be changed in the page."""
        return bool(self.reviewers)


def clean_name(value: str | None) -> str | None:
    """A reviewer name as typed: whitespace folded, printable only, at most MAX_NAME characters."""
    if not value:
        return None
    text = " ".join("".join(ch for ch in value if ch.isprintable()).split())[:MAX_NAME]
    return text or None


def new_session_id() -> str:
    return secrets.token_urlsafe(24)
