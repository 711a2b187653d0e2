"""What makes the workbench safe to open to a network: an access token when it listens on
anything but this computer, a CSRF token on every request that changes something, bounded
request bodies, and a check of the Host header against DNS rebinding when it listens locally.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import parse_qsl

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

CSRF_COOKIE = "hoso_csrf"
CSRF_FIELD = "_csrf"
ACCESS_COOKIE = "hoso_access"
TOKEN_ENV = "HOSO_TOKEN"

MAX_FORM = 2 * 1024 * 1024
"""A document's form: the longest sample's form is about 60 KB."""
MAX_UPLOAD = 10 * 1024 * 1024
"""A workbook or a .docx to check: hoso's own year-end documents are well under 1 MB."""


class Refused(Exception):
    """A request refused with an HTTP status and a Vietnamese explanation."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def is_local(host: str) -> bool:
    """Whether ``host`` is this computer only (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a).encode(), str(b).encode())


async def read_form(request: Request, *, limit: int = MAX_FORM, upload: bool = False) -> FormData:
    """The posted form after three checks: its size (413), its type (415: a plain form, or
    multipart for an upload), and the CSRF token matching the browser's cookie (403). Nothing is
    read past ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Refused(413, _too_large(limit))
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    allowed = ("multipart/form-data",) if upload else ("application/x-www-form-urlencoded", "multipart/form-data")
    if media not in allowed:
        raise Refused(415, "Kiểu dữ liệu gửi lên không được nhận ở đây.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(413, _too_large(limit))
    request._body = bytes(body)  # noqa: SLF001 – Starlette parses the form from the body read here
    form = await request.form(max_files=1, max_fields=20_000)
    if not same(form.get(CSRF_FIELD) if isinstance(form.get(CSRF_FIELD), str) else None,  # type: ignore[arg-type]
                request.cookies.get(CSRF_COOKIE)):
        raise Refused(403, "Yêu cầu bị từ chối vì thiếu mã bảo vệ của trang (CSRF). Hãy tải lại trang rồi thử lại.")
    return form


def _too_large(limit: int) -> str:
    return f"Dữ liệu gửi lên quá lớn: giới hạn là {limit // (1024 * 1024)} MB."


class Guard:
    """ASGI middleware: the Host check, the access token, and the CSRF cookie on every page."""

    def __init__(self, app: ASGIApp, *, token: str | None, hosts: tuple[str, ...] | None):
        self.app = app
        self.token = token
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        refusal = self._refusal(request)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        csrf = request.cookies.get(CSRF_COOKIE) or new_token()
        scope.setdefault("state", {})["csrf"] = csrf
        fresh = CSRF_COOKIE not in request.cookies

        async def sending(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start" and fresh:
                headers = list(message.get("headers", []))
                headers.append((b"set-cookie", f"{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Strict".encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)

    def _refusal(self, request: Request) -> Response | None:
        host = request.headers.get("host", "").rsplit(":", 1)[0] if request.headers.get("host") else ""
        if self.hosts is not None and host not in self.hosts:
            return PlainTextResponse("Địa chỉ máy chủ không hợp lệ.", status_code=400)
        if self.token is None or same(request.cookies.get(ACCESS_COOKIE), self.token):
            return None
        if request.url.path.startswith("/static/"):
            return None  # the shipped style sheet and script: the login page needs them
        given = dict(parse_qsl(request.url.query)).get("token")
        if same(given, self.token):
            response = RedirectResponse(request.url.path, status_code=303)
            response.set_cookie(ACCESS_COOKIE, self.token, httponly=True, samesite="strict")
            return response
        return HTMLResponse(LOGIN_PAGE, status_code=401)


LOGIN_PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>hoso – Cần mã truy cập</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/app.css"></head>
<body><main class="narrow"><h1>Cần mã truy cập</h1>
<p>Bàn làm việc này mở cho mạng nội bộ. Nhập mã truy cập mà người quản trị đã đặt khi khởi động.</p>
<form method="get" action="/"><label for="token">Mã truy cập</label>
<input id="token" name="token" type="password" required autocomplete="current-password">
<button type="submit">Vào</button></form></main></body></html>"""
