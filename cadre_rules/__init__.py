"""cadre-rules: the rules for selecting and appointing leading cadres, as cited declarative rules.

Check a proposed appointment::

    from cadre_rules import validate
    report = validate("examples/compliant-county-promotion.yaml")
    for finding in report.violations:
        print(finding.rule_id, finding.message["zh"])

Check many, in order, in two processes (a report or a :class:`CaseFailure` per case)::

    from cadre_rules import validate_many
    for result in validate_many(cases, workers=2):
        print(result.outcome)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from cadre_rules._errors import (
    ArgumentError,
    CadreRulesError,
    CalendarError,
    CalendarFileError,
    CaseError,
    Problem,
    ProfileError,
    RegulationDataError,
    UnknownEngineError,
    UnknownRuleError,
)
from cadre_rules._validate import __version__, ruleset_version, validate
from cadre_rules.engine import EngineError
from cadre_rules.facts import WorkingDayCalendar
from cadre_rules.instruments import CitationRef, Confidence, Library, default_library
from cadre_rules.profiles import Profile, available_profiles, load_profile
from cadre_rules.records import Case, case_from_mapping, load_case
from cadre_rules.report import Citation, Finding, Report
from cadre_rules.rules import CompiledRule, Registry, default_registry

if TYPE_CHECKING:
    from cadre_rules._batch import BatchSummary, CaseFailure, validate_many
    from cadre_rules._record import ProcedureRecord, RecordStep, StepCheck, procedure_record
    from cadre_rules.lrmx import LrmxImport, read_lrmx

# Imported on first use: a single check needs neither the batch machinery (multiprocessing), the 任免审批表
# reader (defusedxml, python-stdnum) nor the 全程记实 record, and a cold `cadre-rules check` pays for every module it
# imports.
_LAZY = {
    "BatchSummary": "cadre_rules._batch",
    "CaseFailure": "cadre_rules._batch",
    "validate_many": "cadre_rules._batch",
    "LrmxImport": "cadre_rules.lrmx",
    "read_lrmx": "cadre_rules.lrmx",
    "ProcedureRecord": "cadre_rules._record",
    "RecordStep": "cadre_rules._record",
    "StepCheck": "cadre_rules._record",
    "procedure_record": "cadre_rules._record",
}


def __getattr__(name: str) -> Any:
    """The public names imported on first use (:data:`_LAZY`)."""
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'cadre_rules' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's names, the ones imported on first use included."""
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "ArgumentError",
    "BatchSummary",
    "CadreRulesError",
    "CalendarError",
    "CalendarFileError",
    "Case",
    "CaseError",
    "CaseFailure",
    "Citation",
    "CitationRef",
    "CompiledRule",
    "Confidence",
    "EngineError",
    "Finding",
    "Library",
    "LrmxImport",
    "Problem",
    "ProcedureRecord",
    "Profile",
    "ProfileError",
    "RecordStep",
    "Registry",
    "RegulationDataError",
    "Report",
    "StepCheck",
    "UnknownEngineError",
    "UnknownRuleError",
    "WorkingDayCalendar",
    "__version__",
    "available_profiles",
    "case_from_mapping",
    "default_library",
    "default_registry",
    "load_case",
    "load_profile",
    "procedure_record",
    "read_lrmx",
    "ruleset_version",
    "validate",
    "validate_many",
]
