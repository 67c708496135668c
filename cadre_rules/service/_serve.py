"""``cadre-rules serve``: the service on uvicorn, in one process or several (``--workers``)."""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from cadre_rules._errors import CaseError, Problem, clip
from cadre_rules.service._app import create_app

DECISION_LOG_ENV = "CADRE_RULES_DECISION_LOG"
"""How the decision log's path reaches each worker process (uvicorn starts them afresh)."""


def app_from_environment() -> FastAPI:
    """The app of a worker process: the decision log named by :data:`DECISION_LOG_ENV`, if set."""
    path = os.environ.get(DECISION_LOG_ENV)
    return create_app(decision_log=Path(path) if path else None)


def _writable(path: Path) -> Path:
    """``path`` made absolute once it is known to be appendable; else a :class:`CaseError` naming it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = Problem(
            "--decision-log", f"cannot append to {clip(str(path), 200)}: {reason}", "无法写入决定日志文件"
        )
        raise CaseError([problem]) from None
    os.close(fd)
    return path.resolve()


def serve(*, host: str, port: int, workers: int, decision_log: str | None) -> None:
    """Run the service until interrupted; ``workers`` processes share the port (uvicorn)."""
    if decision_log:
        os.environ[DECISION_LOG_ENV] = str(_writable(Path(decision_log)))
    else:
        os.environ.pop(DECISION_LOG_ENV, None)
    uvicorn.run(
        "cadre_rules.service._serve:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
