"""A bound on the size of request bodies: a body over the limit is answered 413, never read whole."""

from __future__ import annotations

from collections.abc import Callable

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cadre_rules.service._errors import error_body

MAX_BODY_BYTES = 8 * 1024 * 1024
"""The largest request body of a single check (8 MiB: a case is a few KB, a ``.lrmx`` with its photo under 1 MB
and the importer refuses one over 5 MB)."""
MAX_BATCH_BYTES = 256 * 1024 * 1024
"""The largest JSONL body of a batch (256 MiB, spooled to a temporary file beyond 1 MiB, never held in memory)."""


def too_large(limit: int) -> dict[str, object]:
    """The error body of a request over ``limit`` bytes."""
    return error_body(
        "payload_too_large",
        f"请求内容超过 {limit} 字节的限制",
        f"request body larger than the limit of {limit} bytes",
    )


class BodyLimit:
    """ASGI middleware: refuses a body whose declared length is over the path's limit at once, and stops reading
    one that grows past it (a 413 either way)."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``; answer 413 when the declared length is too large."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await JSONResponse(too_large(limit), status_code=413, headers={"Connection": "close"})(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, detail=too_large(limit))  # type: ignore[arg-type]
            return message

        await self.app(scope, counted, send)
