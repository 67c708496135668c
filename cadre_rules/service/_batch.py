"""``POST /v1/batch``: a JSONL body checked line by line, one JSON line out per case, in order.

The body is spooled (in memory up to :data:`SPOOL_MEMORY`, then a temporary file) and read back one line at a
time, so memory stays flat whatever its size; a line longer than the single-check limit becomes a failure line
without being read whole.  Lines are those of ``cadre-rules batch`` (:func:`cadre_rules._batch.report_line`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from starlette.requests import Request

from cadre_rules._batch import CaseFailure, CaseInput, Settings, _Checker, report_line
from cadre_rules._errors import CaseError, Problem
from cadre_rules.report import Report
from cadre_rules.service._input import CheckSettings
from cadre_rules.service._log import DecisionLog

SPOOL_MEMORY = 1024 * 1024
"""How much of a batch body is held in memory before it goes to a temporary file."""
SOURCE = "(body)"
"""How a batch names its lines: ``(body):<line number>``."""


async def spool_body(request: Request) -> IO[bytes]:
    """The request body in a spooled temporary file, positioned at its start; an empty body is a
    :class:`CaseError`."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115 (closed by batch_lines)
    try:
        async for chunk in request.stream():
            spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    if spool.tell() == 0:
        spool.close()
        problem = Problem(
            "(body)",
            "the body is empty: send one case (a JSON object) per line",
            "请求内容为空：每行一个案例（JSON 对象）",
        )
        raise CaseError([problem])
    spool.seek(0)
    return spool


def _too_long(number: int, limit: int) -> str:
    problem = Problem(
        "(line)",
        f"line longer than the limit of {limit} bytes: not read",
        f"该行超过 {limit} 字节的限制，未读取",
    )
    return CaseFailure(f"{SOURCE}:{number}", None, "invalid_input", (problem,)).to_json()


def batch_lines(body: IO[bytes], settings: CheckSettings, log: DecisionLog | None, *, max_line: int) -> Iterator[str]:
    """Check each non-blank line of ``body`` (closed at the end) and yield its JSON line with a newline."""
    try:
        checker = _Checker(
            Settings(as_of=settings.as_of, profile=settings.profile, engine=settings.engine, stage=settings.stage)
        )
        number = 0
        while True:
            line = body.readline(max_line + 1)
            if not line:
                return
            number += 1
            if len(line) > max_line and not line.endswith(b"\n"):
                while (rest := body.readline(SPOOL_MEMORY)) and not rest.endswith(b"\n"):
                    pass
                yield _too_long(number, max_line) + "\n"
                continue
            if not line.strip():
                continue
            item = checker.check(CaseInput(f"{SOURCE}:{number}", "line", line)).item
            assert item is not None
            if log is not None and isinstance(item, Report):
                log.record(item, source=f"{SOURCE}:{number}")
            yield report_line(item) + "\n"
    finally:
        body.close()
