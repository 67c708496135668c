"""schemathesis against the service's own OpenAPI: every operation, no server error, responses as documented.

Bounded for the test run (:data:`MAX_EXAMPLES` per operation); a longer run is documented in benchmarks/README.md.
"""

from __future__ import annotations

import json
import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from cadre_rules.service import create_app

MAX_EXAMPLES = int(os.environ.get("CADRE_RULES_SCHEMATHESIS_EXAMPLES", "25"))
"""Examples per operation (raise it with CADRE_RULES_SCHEMATHESIS_EXAMPLES for a longer run)."""

CASE_BODIES = ("/v1/check", "/v1/check/upload")
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())


@schemathesis.serializer("application/x-ndjson")
def _jsonl(ctx: schemathesis.SerializationContext, value: object) -> bytes:
    """A generated batch body as bytes (text is sent as is)."""
    if isinstance(value, bytes):
        return value
    text = value if isinstance(value, str) else json.dumps(value)
    return text.encode("utf-8", "surrogatepass")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    """No 500, every status and body as the OpenAPI documents it (schemathesis's default checks).

    A case body is documented as an object (its schema is at /v1/schema/case): a generated object is rarely a valid
    case, and the case model has cross-field rules a JSON Schema cannot state, so "schema-valid data accepted" is
    not asked of the two check operations.  A batch body is JSON lines, text on the wire: a generated "wrong type"
    body (an object, a number) is sent as its JSON text, which is a valid body, so "schema-violating data rejected"
    is not asked of the batch.  Every other check is asked of every operation.
    """
    excluded = []
    if case.operation.path in CASE_BODIES:
        excluded.append(checks.positive_data_acceptance)
    if case.operation.path == "/v1/batch":
        excluded.append(checks.negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)
