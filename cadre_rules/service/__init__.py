"""The HTTP service of cadre-rules (FastAPI on uvicorn): ``cadre-rules serve``, or ``create_app()`` in any ASGI
server.  Needs the ``serve`` extra: ``pip install 'cadre-rules[serve]'``.

Endpoints: ``POST /v1/check`` (a case as JSON or YAML), ``POST /v1/check/upload`` (a case file, or a ``.lrmx``
with a post-and-procedure case file), ``POST /v1/batch`` (JSONL in, JSONL out), ``GET /v1/rules``,
``GET /v1/rules/{rule_id}``, ``GET /v1/schema/case``, ``GET /v1/schema/report``, ``GET /v1/version``,
``GET /healthz``; the OpenAPI document at ``/openapi.json``.
"""

from cadre_rules.service._app import create_app
from cadre_rules.service._input import check_upload

__all__ = ["check_upload", "create_app"]
