"""Error responses of the service: one JSON shape for every error, in Chinese and English, never a traceback.

``{"error": KIND, "message": {"zh", "en"}, "problems": [{"path", "message_zh", "message_en"}], "more": N}``:
422 for an invalid case (``case_error``) or request (``invalid_request``), 400 for an unknown profile, engine,
stage or bad parameter, 404 for an unknown rule or path, 413 for a body over the size limit, 500 when the rule
engine fails (``engine_error``) or anything unexpected happens (``internal_error``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from cadre_rules._errors import MAX_PROBLEMS, CadreRulesError, CaseError, Problem, ProfileError, clip
from cadre_rules.engine import EngineError
from cadre_rules.service._input import ParameterError
from cadre_rules.service._rules import UnknownRuleError

LOG = logging.getLogger("cadre_rules.service")


class Message(BaseModel):
    """A message in Chinese and English."""

    zh: str
    en: str


class ProblemOut(BaseModel):
    """One problem of an input: the field path and what is wrong, in Chinese and English."""

    path: str
    message_zh: str
    message_en: str


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str = Field(
        description="the kind: case_error, invalid_request, invalid_input, unknown_profile, unknown_engine, "
        "unknown_stage, engine_unavailable, bad_parameter, unknown_rule, not_found, method_not_allowed, "
        "payload_too_large, unsupported_media_type, engine_error, internal_error"
    )
    message: Message
    problems: list[ProblemOut]
    more: int = Field(ge=0, description="problems beyond those listed")


def error_body(kind: str, zh: str, en: str, problems: Sequence[Problem] = (), more: int = 0) -> dict[str, Any]:
    """The JSON of an error response (problems capped at :data:`MAX_PROBLEMS`, the rest counted in ``more``)."""
    listed = list(problems)[:MAX_PROBLEMS]
    more += max(0, len(problems) - MAX_PROBLEMS)
    return {
        "error": kind,
        "message": {"zh": zh, "en": en},
        "problems": [{"path": p.path, "message_zh": p.message_zh, "message_en": p.message_en} for p in listed],
        "more": more,
    }


def error_response(
    status: int, kind: str, zh: str, en: str, problems: Sequence[Problem] = (), more: int = 0
) -> JSONResponse:
    """An error response of the shape of :class:`ErrorBody`."""
    return JSONResponse(error_body(kind, zh, en, problems, more), status_code=status)


_PARAMETER_KINDS = {
    "unknown_engine": ("未知规则引擎", "unknown engine"),
    "unknown_stage": ("未知案卷环节", "unknown stage"),
    "engine_unavailable": ("该规则引擎在本机不可用", "engine not available here"),
    "bad_parameter": ("请求参数无效", "invalid request parameter"),
}


def library_error(exc: Exception) -> JSONResponse:
    """The response for an error cadre-rules raised while reading or checking a case."""
    if isinstance(exc, ParameterError):
        zh, en = _PARAMETER_KINDS.get(exc.kind, ("请求参数无效", "invalid request parameter"))
        return error_response(400, exc.kind, zh, en, exc.problems)
    if isinstance(exc, ProfileError):
        return error_response(400, "unknown_profile", "未知规则集", "unknown profile", exc.problems, exc.more)
    if isinstance(exc, CaseError):
        count = len(exc.problems) + exc.more
        return error_response(
            422,
            "case_error",
            f"案件输入无效（{count} 处问题）",
            f"invalid case input ({count} problem{'s' if count != 1 else ''})",
            exc.problems,
            exc.more,
        )
    if isinstance(exc, EngineError):
        LOG.error("rule engine failed: %s", clip(str(exc), 500))
        return error_response(
            500,
            "engine_error",
            "规则引擎处理该案件失败，未得出结论",
            "the rule engine failed on this case; no result",
            [Problem("(engine)", clip(str(exc), 300), "规则引擎出错")],
        )
    text = clip(str(exc), 1000)
    return error_response(
        422, "invalid_input", "输入无效（说明见英文）", f"invalid input: {text}", [Problem("(input)", text, "输入无效")]
    )


_HTTP_KINDS = {
    400: ("bad_request", "请求无效", "bad request"),
    404: ("not_found", "没有这个地址", "no such path"),
    405: ("method_not_allowed", "不支持该请求方法", "method not allowed"),
    413: ("payload_too_large", "请求内容超过大小限制", "request body larger than the limit"),
    415: ("unsupported_media_type", "不支持该内容类型", "unsupported media type"),
}


def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    kind, zh, en = _HTTP_KINDS.get(exc.status_code, ("http_error", "请求无效", "request failed"))
    detail = exc.detail if isinstance(exc.detail, str) else ""
    if isinstance(exc.detail, dict):  # raised by our code with its own body
        return JSONResponse(exc.detail, status_code=exc.status_code, headers=exc.headers)
    if detail and detail != HTTPStatus(exc.status_code).phrase and detail != en:
        en = f"{en}: {clip(detail, 300)}"
    return JSONResponse(error_body(kind, zh, en), status_code=exc.status_code, headers=exc.headers)


def _where(loc: Sequence[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    """A request FastAPI could not bind: a bad query parameter is 400, a missing form field 422."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    in_query = True
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        in_query = in_query and bool(loc) and loc[0] in ("query", "path", "header")
        msg = clip(str(err.get("msg", "invalid")))
        zh = "缺少必填项" if err.get("type") == "missing" else "取值无效"
        problems.append(Problem(clip(_where(loc), 200), msg, zh))
    if in_query:
        return error_response(400, "bad_parameter", "请求参数无效", "invalid request parameter", problems)
    return error_response(422, "invalid_request", "请求内容无效", "invalid request", problems)


def _unexpected(_: Request, exc: Exception) -> JSONResponse:
    LOG.exception("unexpected error", exc_info=exc)
    return error_response(500, "internal_error", "服务内部错误", "internal error")


def _unknown_rule(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownRuleError)
    return error_response(404, "unknown_rule", "没有这条规则", "no such rule", exc.problems)


def _library(_: Request, exc: Exception) -> JSONResponse:
    return library_error(exc)


def install_handlers(app: FastAPI) -> None:
    """Route every error to a response of the shape of :class:`ErrorBody`."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(CadreRulesError, _library)
    app.add_exception_handler(EngineError, _library)
    app.add_exception_handler(ValueError, _library)  # as the CLI: a value the library could not take is bad input
    app.add_exception_handler(UnknownRuleError, _unknown_rule)
    app.add_exception_handler(Exception, _unexpected)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "unknown profile, engine or stage, or a bad parameter"},
    413: {"model": ErrorBody, "description": "request body larger than the limit"},
    422: {"model": ErrorBody, "description": "invalid case or request (each problem with its field path)"},
    500: {"model": ErrorBody, "description": "the rule engine failed on the case (no traceback is ever shown)"},
}
"""The error responses of a check endpoint, for the OpenAPI."""
