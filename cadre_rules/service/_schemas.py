"""The JSON Schema of a report (what ``cadre-rules check --format json`` prints), written as data.

It follows :meth:`cadre_rules.report.Report.to_dict`: both citation modes (``inline``: each finding's citations
in full; ``ref``: ids into one ``citations`` table).  A report may carry top-level keys added later (a schema
version); every key listed here is typed exactly.  ``tests/service/test_schemas.py`` validates the report of
every example against it.
"""

from __future__ import annotations

import copy
from typing import Any

from cadre_rules.records import Stage

_TEXT = {"type": "string"}
_BILINGUAL = {
    "type": "object",
    "required": ["zh", "en"],
    "properties": {"zh": _TEXT, "en": _TEXT},
    "additionalProperties": False,
}
_CONFIDENCE = {"enum": ["high", "medium", "low"]}
_STAGES = [s.value for s in Stage]

REPORT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://cadre-rules.invalid/schema/report.json",
    "title": "检查报告 / cadre-rules report",
    "description": "The outcome of checking one case: one finding per rule of the profile, in deterministic order.",
    "type": "object",
    "required": [
        "outcome",
        "case_id",
        "as_of",
        "profile",
        "engine",
        "ruleset_version",
        "notice",
        "profile_notice",
        "stage",
        "findings",
    ],
    "properties": {
        "outcome": {
            "enum": ["compliant", "violations", "indeterminate"],
            "description": "结论：合规 / 存在违规 / 部分无法判断 (over the binding findings; advice never turns it)",
        },
        "case_id": _TEXT,
        "as_of": {"type": "string", "format": "date", "description": "判断日期 / the date the case is judged at"},
        "profile": {**_TEXT, "description": "规则集 / the profile"},
        "engine": {"enum": ["durable", "native"], "description": "规则引擎 / the rule engine"},
        "ruleset_version": {**_TEXT, "description": "package version + digest of the rule data"},
        "notice": {"anyOf": [{"type": "null"}, _BILINGUAL], "description": "why the report cannot be complete"},
        "profile_notice": {
            "anyOf": [{"type": "null"}, _BILINGUAL],
            "description": "the national rules the profile leaves out",
        },
        "stage": {"enum": [None, *_STAGES], "description": "案卷环节 / the step the dossier has reached"},
        "findings": {"type": "array", "items": {"$ref": "#/$defs/Finding"}},
        "citations": {
            "type": "object",
            "description": "with citations=ref: citation id → citation",
            "additionalProperties": {"$ref": "#/$defs/Citation"},
        },
    },
    "additionalProperties": True,
    "$defs": {
        "Finding": {
            "type": "object",
            "description": "The status of one rule on the case.",
            "required": [
                "rule_id",
                "status",
                "severity",
                "title",
                "message",
                "source_level",
                "citations",
                "evidence",
                "missing",
                "waiver",
                "stage",
            ],
            "properties": {
                "rule_id": _TEXT,
                "status": {"enum": ["violated", "satisfied", "indeterminate", "not_applicable", "not_yet_due"]},
                "severity": {"enum": ["error", "warning", "advice"]},
                "title": _BILINGUAL,
                "message": _BILINGUAL,
                "source_level": {"enum": ["national", "local"]},
                "citations": {
                    "type": "array",
                    "items": {"anyOf": [{"$ref": "#/$defs/Citation"}, {"type": "string"}]},
                    "description": "citations in full (inline), or ids into the report's citations table (ref)",
                },
                "evidence": {"type": "object", "description": "the fact and parameter values that decided it"},
                "missing": {"type": "array", "items": _TEXT, "description": "the fields to collect"},
                "waiver": {"type": ["string", "null"]},
                "stage": {"enum": [None, *_STAGES]},
            },
            "additionalProperties": False,
        },
        "Citation": {
            "type": "object",
            "description": "A cited provision with its quoted text and how sure the transcription is.",
            "required": [
                "instrument",
                "title",
                "article",
                "paragraph",
                "item",
                "text",
                "confidence",
                "label",
                "location",
                "number_confidence",
                "version_note",
            ],
            "properties": {
                "instrument": _TEXT,
                "title": _TEXT,
                "article": _TEXT,
                "paragraph": {"type": ["integer", "null"]},
                "item": {"type": ["integer", "null"]},
                "text": _TEXT,
                "confidence": _CONFIDENCE,
                "label": _TEXT,
                "location": _TEXT,
                "number_confidence": _CONFIDENCE,
                "version_note": {"type": ["string", "null"]},
            },
            "additionalProperties": False,
        },
    },
}
"""The JSON Schema (2020-12) of a report."""


def report_schema() -> dict[str, Any]:
    """A fresh copy of :data:`REPORT_SCHEMA`."""
    return copy.deepcopy(REPORT_SCHEMA)


def served_report_schema() -> dict[str, Any]:
    """The report schema ``GET /v1/schema/report`` serves: the library's (``cadre_rules.report.report_schema``, as
    ``cadre-rules schema --report`` prints it) where it has one, else :data:`REPORT_SCHEMA`."""
    from cadre_rules import report

    library: Any = getattr(report, "report_schema", None)
    return dict(library()) if library is not None else report_schema()


def _relinked(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" else _relinked(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_relinked(v) for v in value]
    return value


def openapi_report_schemas() -> dict[str, Any]:
    """The report schema as OpenAPI components (``Report``, ``Finding``, ``Citation``), refs pointing there."""
    schema = report_schema()
    defs = schema.pop("$defs")
    for key in ("$schema", "$id"):
        schema.pop(key)
    return {"Report": _relinked(schema), **{name: _relinked(d) for name, d in defs.items()}}
