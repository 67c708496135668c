"""The report's JSON Schema as the service serves it: the library's (:func:`cadre_rules.report.report_schema`, as
``cadre-rules schema --report`` prints it), and the same as OpenAPI components (``Report``, ``Finding``,
``Citation``).  ``tests/service/test_schemas.py`` validates the report of every example against it."""

from __future__ import annotations

from typing import Any

from cadre_rules.report import report_schema

_COMPONENTS = {"FindingJSON": "Finding", "CitationJSON": "Citation"}


def served_report_schema() -> dict[str, Any]:
    """The report schema ``GET /v1/schema/report`` serves (a fresh copy)."""
    return report_schema()


def _relinked(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _relinked(v) for k, v in value.items() if k != "$ref"}
        if "$ref" in value:
            name = str(value["$ref"]).removeprefix("#/$defs/")
            out["$ref"] = f"#/components/schemas/{_COMPONENTS.get(name, name)}"
        return out
    if isinstance(value, list):
        return [_relinked(v) for v in value]
    return value


def openapi_report_schemas() -> dict[str, Any]:
    """The report schema as OpenAPI components (``Report``, ``Finding``, ``Citation``), refs pointing there."""
    schema = report_schema()
    defs = schema.pop("$defs")
    for key in ("$schema", "$id", "schema_version"):
        schema.pop(key)
    return {"Report": _relinked(schema), **{_COMPONENTS.get(name, name): _relinked(d) for name, d in defs.items()}}
