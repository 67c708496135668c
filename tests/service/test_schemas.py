"""The report schema: every example's report validates against it, in both citation modes."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from cadre_rules import validate
from cadre_rules.report import report_schema
from cadre_rules.service import create_app
from cadre_rules.service._schemas import openapi_report_schemas, served_report_schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
REPORT_SCHEMA = report_schema()
VALIDATOR = jsonschema.Draft202012Validator(REPORT_SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_is_valid() -> None:
    """The report schema is a valid 2020-12 JSON Schema."""
    jsonschema.Draft202012Validator.check_schema(REPORT_SCHEMA)


def test_the_served_schema_validates_the_reports() -> None:
    """GET /v1/schema/report serves a valid schema that every example's report, as served, validates against."""
    client = TestClient(create_app())
    served = client.get("/v1/schema/report").json()
    assert served == served_report_schema() == REPORT_SCHEMA  # one schema: the library's
    validator = jsonschema.Draft202012Validator(served)
    for path in EXAMPLES:
        report = client.post("/v1/check?citations=ref", content=path.read_bytes()).json()
        validator.validate(report)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_report_validates(path: Path) -> None:
    """The report of each example validates, with citations inline and by reference."""
    report = validate(path)
    VALIDATOR.validate(report.to_dict())
    VALIDATOR.validate(report.to_dict(citations="ref"))


def test_the_schema_catches_a_wrong_report() -> None:
    """A report with an unknown status or a finding missing its citations does not validate."""
    data = validate(EXAMPLES[0]).to_dict()
    wrong = copy.deepcopy(data)
    wrong["findings"][0]["status"] = "fine"
    assert not VALIDATOR.is_valid(wrong)
    wrong = copy.deepcopy(data)
    del wrong["findings"][0]["citations"]
    assert not VALIDATOR.is_valid(wrong)
    for key, value in (("stage", "bogus"), ("engine", "fast")):
        assert not VALIDATOR.is_valid({**data, key: value}), key


def test_openapi_components_point_at_each_other() -> None:
    """In the OpenAPI document the report's parts refer to components, never to $defs."""
    components = openapi_report_schemas()
    assert set(components) == {"Report", "Finding", "Citation"}
    assert "$defs" not in str(components)
    doc = TestClient(create_app()).get("/openapi.json").json()
    assert doc["components"]["schemas"]["Report"] == components["Report"]
    refs = {v for v in str(components).split("'") if v.startswith("#/components/schemas/")}
    assert refs == {"#/components/schemas/Finding", "#/components/schemas/Citation"}


def test_every_error_response_is_documented_with_the_error_shape() -> None:
    """Each operation's 4xx/5xx responses in the OpenAPI refer to ErrorBody, never FastAPI's own error model."""
    doc = TestClient(create_app()).get("/openapi.json").json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if status >= "400":
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status)
    assert set(doc["paths"]["/v1/check"]["post"]["responses"]) >= {"200", "400", "413", "415", "422"}
