"""``hoso serve``: start the workbench with uvicorn and say where it is."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from pipeline.web.security import is_local
from pipeline.web.workspace import data_home

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


class ServeError(Exception):
    """The workbench cannot start as asked (the message says why, in Vietnamese)."""


def serve(folder: Path | None, *, host: str, port: int, token: str | None, say: Callable[[str], None]) -> None:
    """Serve the workspaces of ``folder`` (default :func:`~pipeline.web.workspace.data_home`) until
    Ctrl-C. Listening beyond this computer needs an access ``token``."""
    import uvicorn

    from pipeline.web.app import create_app

    root = (folder or data_home()).expanduser()
    local = is_local(host)
    if not local and not token:
        raise ServeError(
            f"Không mở bàn làm việc trên địa chỉ «{host}» khi chưa có mã truy cập: mọi máy trong mạng sẽ sửa được dữ "
            "liệu. Đặt mã bằng --token MÃ hoặc biến môi trường HOSO_TOKEN, hoặc bỏ --host để chỉ dùng trên máy này."
        )
    if root.exists() and not root.is_dir():
        raise ServeError(f"«{root}» là một tệp, không phải thư mục.")
    _check_port(host, port)
    root.mkdir(parents=True, exist_ok=True)
    # Locally, only requests naming this computer are served: a web page elsewhere cannot reach the
    # workbench through a name that resolves here (DNS rebinding).
    app = create_app(root, token=token, hosts=LOCAL_HOSTS if local else None)
    shown = f"[{host}]" if ":" in host else host
    say(f"Bàn làm việc hoso: http://{shown}:{port}/  (thư mục: {root}; Ctrl-C để dừng)")
    if token and not local:
        say("Người dùng mở địa chỉ trên và nhập mã truy cập một lần.")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Say in Vietnamese what uvicorn would only log in English: the address cannot be used."""
    try:
        family = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError as exc:
        raise ServeError(
            f"Không mở được cổng {port} trên địa chỉ «{host}» ({exc.strerror or exc}): có thể một chương trình khác "
            "(hoặc một bàn làm việc khác) đang dùng cổng này. Chọn cổng khác bằng --port."
        ) from None
