"""The routes of the HTTP service (see :func:`create_app`)."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from cadre_rules._validate import __version__, get_engine, ruleset_version
from cadre_rules.profiles import available_profiles
from cadre_rules.records import Stage
from cadre_rules.report import Report
from cadre_rules.rules import default_registry
from cadre_rules.service._batch import batch_lines, spool_body
from cadre_rules.service._errors import ERROR_RESPONSES, ErrorBody, install_handlers
from cadre_rules.service._input import ENGINES, CaseFormat, CheckSettings, as_of_date, case_from_bytes, read_upload
from cadre_rules.service._limits import MAX_BATCH_BYTES, MAX_BODY_BYTES, BodyLimit
from cadre_rules.service._log import DecisionLog
from cadre_rules.service._rules import case_schema_json, explain_rule, rule_list_json
from cadre_rules.service._schemas import openapi_report_schemas, served_report_schema

JSON_TYPES = ("application/json",)
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
DECISION_HEADER = "X-Decision-Id"
"""The response header naming a check's line in the decision log (when the log is on)."""

ProfileQuery = Annotated[
    str,
    Query(
        description="a shipped profile (规则集) by name",
        json_schema_extra={"enum": available_profiles()},
    ),
]
EngineQuery = Annotated[
    str | None,
    Query(description="the rule engine: durable (the default) or native", json_schema_extra={"enum": list(ENGINES)}),
]
AsOfQuery = Annotated[
    str | None,
    Query(
        description="judge the case by the rules in force on this date (YYYY-MM-DD)",
        pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        json_schema_extra={"format": "date"},
    ),
]
StageQuery = Annotated[
    str | None,
    Query(
        description="the step the dossier has reached (else the case's procedure.stage): later steps are not yet due",
        json_schema_extra={"enum": [s.value for s in Stage]},
    ),
]
CitationsQuery = Annotated[
    Literal["inline", "ref"],
    Query(description="each finding's citations in full (inline) or by id into one citations table (ref)"),
]


def _settings(
    profile: ProfileQuery = "default",
    engine: EngineQuery = None,
    as_of: AsOfQuery = None,
    stage: StageQuery = None,
) -> CheckSettings:
    """The settings a checking request's query gives (profile, engine, as-of, stage), each validated."""
    return CheckSettings.of(profile=profile, engine=engine, as_of=as_of_date(as_of), stage=stage)


SettingsQuery = Annotated[CheckSettings, Depends(_settings)]


def _report_response(report: Report, citations: Literal["inline", "ref"], log: DecisionLog | None) -> Response:
    """The report JSON exactly as ``cadre-rules check --format json`` prints it (compact, UTF-8)."""
    headers = {DECISION_HEADER: log.record(report)} if log is not None else None
    return Response(report.to_json_bytes(citations=citations), media_type="application/json", headers=headers)


def _body_format(content_type: str | None) -> CaseFormat | None:
    """The format a request's Content-Type gives (None: not given, judge by the text); 415 for any other type."""
    if not content_type:
        return None
    media = content_type.split(";", 1)[0].strip().lower()
    if media in JSON_TYPES:
        return "json"
    if media in YAML_TYPES:
        return "yaml"
    raise HTTPException(415, detail=f"send the case as {', '.join(JSON_TYPES + YAML_TYPES)}")


_REPORT_200: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the report, exactly as `cadre-rules check --format json` prints it",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}},
        "headers": {
            DECISION_HEADER: {
                "description": "the check's decision id in the decision log (only when the log is on)",
                "schema": {"type": "string", "format": "uuid"},
            }
        },
    }
}


def _json_200(description: str, schema: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


_BATCH_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "JSON lines: one case (JSON object) per line; blank lines are skipped",
        "content": {"application/x-ndjson": {"schema": {"type": "string", "minLength": 1}}},
    }
}
_CHECK_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "a case (GET /v1/schema/case) as JSON or YAML",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/yaml": {"schema": {"type": "string"}},
            "text/yaml": {"schema": {"type": "string"}},
        },
    }
}


@asynccontextmanager
async def _warm_up(_: FastAPI) -> AsyncIterator[None]:
    """Load the rules and build the default engine before the first request (not during it)."""

    def warm() -> None:
        get_engine(None, default_registry())
        ruleset_version()

    await run_in_threadpool(warm)
    yield


def create_app(*, decision_log: Path | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The HTTP service: check a case (JSON, YAML or ``.lrmx`` upload) or a JSONL batch, list and explain the
    rules, the case and report JSON Schemas, version and health (OpenAPI at ``/openapi.json``; no ``/docs`` page,
    whose assets would come from a CDN).

    Stateless: each request is checked on its own, so the service scales with worker processes.  With
    ``decision_log`` each check appends one JSON line to that file (see :mod:`cadre_rules.service._log`).
    ``max_body`` bounds the body of a single check (a larger one is answered 413).  The checking page is
    included when :mod:`cadre_rules.service._page` is installed.
    """
    app = FastAPI(
        lifespan=_warm_up,
        docs_url=None,  # Swagger UI and ReDoc load their assets from a CDN: the service reaches no outside network
        redoc_url=None,
        title="cadre-rules",
        version=__version__,
        description="党政领导干部选拔任用工作条例 检查服务 / checks proposed cadre appointments against cited rules",
    )
    log = DecisionLog(decision_log) if decision_log is not None else None
    app.state.decision_log = log
    install_handlers(app)
    app.add_middleware(BodyLimit, limit_for=lambda path: MAX_BATCH_BYTES if path == "/v1/batch" else max_body)

    @app.post(
        "/v1/check",
        summary="check a case (JSON or YAML body)",
        responses={**_REPORT_200, **ERROR_RESPONSES, 415: {"model": ErrorBody, "description": "not JSON or YAML"}},
        openapi_extra=_CHECK_BODY,
        response_class=Response,
    )
    async def check(
        request: Request,
        settings: SettingsQuery,
        citations: CitationsQuery = "inline",
    ) -> Response:
        """Check a case given as the request body; 200 with the report as ``cadre-rules check --format json``."""
        fmt = _body_format(request.headers.get("content-type"))
        data = await request.body()

        def work() -> Report:
            return settings.check(case_from_bytes(data, "(body)", fmt=fmt))

        report = await run_in_threadpool(work)
        return _report_response(report, citations, log)

    @app.post(
        "/v1/check/upload",
        summary="check an uploaded case file, or a .lrmx with a post-and-procedure case file",
        responses={**_REPORT_200, **ERROR_RESPONSES},
        response_class=Response,
    )
    async def check_upload(
        file: Annotated[UploadFile, File(description="a case (JSON or YAML), or a 任免审批表 .lrmx")],
        settings: SettingsQuery,
        procedure: Annotated[
            UploadFile | None,
            File(description="with a .lrmx: a case file (JSON or YAML) giving kind, post and procedure"),
        ] = None,
        citations: CitationsQuery = "inline",
    ) -> Response:
        """Check an uploaded case; a ``.lrmx`` is merged with ``procedure`` as ``check --candidate`` does."""
        data = await file.read()
        proc = await procedure.read() if procedure is not None else None
        proc_name = procedure.filename if procedure is not None else None

        def work() -> Report:
            return settings.check(read_upload(data, file.filename or "", procedure=proc, procedure_name=proc_name))

        report = await run_in_threadpool(work)
        return _report_response(report, citations, log)

    @app.post(
        "/v1/batch",
        summary="check many cases: JSON lines in, one report or failure line per case out, in order",
        responses={
            200: {
                "description": "JSON lines, as `cadre-rules batch` writes them (a failure line has outcome error)",
                "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
            },
            **ERROR_RESPONSES,
        },
        openapi_extra=_BATCH_BODY,
        response_class=StreamingResponse,
    )
    async def batch(
        request: Request,
        settings: SettingsQuery,
    ) -> StreamingResponse:
        """Check every line of a JSONL body; stream one JSON line per case (bounded memory: the body is spooled
        to a temporary file beyond 1 MiB and read back one line at a time)."""
        body = await spool_body(request)
        return StreamingResponse(batch_lines(body, settings, log, max_line=max_body), media_type="application/x-ndjson")

    @app.get(
        "/v1/rules",
        summary="every rule with its citations and parameters (as `cadre-rules rules`)",
        responses=_json_200("every rule", {"type": "array", "items": {"type": "object"}}),
        response_class=Response,
    )
    def rules() -> Response:
        """Every rule, as ``cadre-rules rules --format json`` prints them."""
        return Response(rule_list_json(), media_type="application/json")

    @app.get(
        "/v1/rules/{rule_id}",
        summary="one rule explained: its conditions in words and the full text it cites (as `cadre-rules explain`)",
        responses={
            404: {"model": ErrorBody, "description": "no such rule"},
            422: {"model": ErrorBody, "description": "invalid request"},
        },
    )
    def rule(rule_id: Annotated[str, PathParam(description="a rule id, e.g. committee.quorum")]) -> dict[str, Any]:
        """One rule as ``cadre-rules rules`` gives it, with its conditions in words."""
        return explain_rule(rule_id)

    @app.get(
        "/v1/schema/case",
        summary="the JSON Schema of a case (as `cadre-rules schema`)",
        responses=_json_200("the JSON Schema of a case", {"type": "object"}),
        response_class=Response,
    )
    def schema_case() -> Response:
        """The JSON Schema of a case."""
        return Response(case_schema_json(), media_type="application/json")

    @app.get("/v1/schema/report", summary="the JSON Schema of a report")
    def schema_report() -> dict[str, Any]:
        """The JSON Schema of a report (both citation modes)."""
        return served_report_schema()

    @app.get("/healthz", summary="liveness")
    def healthz() -> dict[str, str]:
        """``{"status": "ok"}`` while the process serves."""
        return {"status": "ok"}

    @app.get("/v1/version", summary="package and ruleset version")
    def version() -> dict[str, str]:
        """The package version and the ruleset version (the package version plus a digest of the rule data)."""
        return {"package": __version__, "ruleset_version": ruleset_version()}

    if importlib.util.find_spec("cadre_rules.service._page") is not None:  # the checking page, when installed
        page = importlib.import_module("cadre_rules.service._page")
        app.include_router(page.router)

    def openapi() -> dict[str, Any]:
        """The OpenAPI document, with the report's schema among the components."""
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(openapi_report_schemas())
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
