"""Known causes of bad fuzzing outcomes, being fixed on other branches: one place, each with its issue.

The short run (tests/fuzz/test_fuzz.py) fails on any bad outcome whose signature matches none of these, and is
marked as an expected failure naming the causes when only known ones occur.  Remove an entry when its fix
lands: the short run then holds the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Known:
    """A known cause: a pattern over bad-outcome signatures, the issue that tracks it, and what it is."""

    pattern: str
    issue: str
    cause: str


KNOWN: tuple[Known, ...] = (
    Known(
        r"^exception\|TypeError\|[^|]*\|expected str, bytes or os\.Path",
        "issue 13 (2: one answer per case, whatever the path)",
        "validate() given a value that is neither a mapping, a Case nor a path (a list, an integer, None: a JSON "
        "document whose top level is not an object) hands it to load_case: TypeError, where case_from_mapping "
        "answers the same value with CaseError 顶层应为对象 (cadre_rules/_validate.py::_coerce_case; on the safeio "
        "branch the TypeError comes from its file reader)",
    ),
    Known(
        r"^exception\|ValueError\|[^|]*\|Exceeds the limit \(N digits",
        "issue 13 (1: dates and numbers within the domain; 3: files read safely)",
        "an integer of more than 4300 digits: Python's int/str conversion limit raises ValueError while a file is "
        "read (json.loads, the YAML loader) or while _validate writes the fact texts",
    ),
    Known(
        r"^exception\|ValueError\|[^|]*\|year -?N is out of range",
        "issue 13 (1: dates and numbers within the domain)",
        "a date near 0001-01-01 or 9999-12-31 (a meeting on 0001-01-01, a birth on 9999-12-31): relativedelta "
        "leaves the years datetime can hold while the training window or the statutory retirement date is derived",
    ),
    Known(
        r"^engine_error\|wide int\|",
        "issue 13 (1: dates and numbers within the domain) and issue 14 (3: one arithmetic)",
        "an integer durable_rules cannot hold reaches it: could not delete session, error code 309",
    ),
    Known(
        r"^engine_error\|(?!wide int\|)",
        "issue 13 (5: durable_rules contained)",
        "durable_rules' own timer threads make about one call in 60,000 fail (an EngineError, never a wrong report)",
    ),
    Known(
        r"^engine_disagreement\|wide int\|",
        "issue 14 (3: one arithmetic)",
        "integers beyond 2^53 or 2^63 in fields a rule compares or computes with: durable_rules' numbers are doubles "
        "or int64, the native engine's are exact",
    ),
    Known(
        r"^engine_disagreement\|(?!wide int\|).*discipline\.over_quota",
        "issue 13 (2: find and fix the over_quota difference at its root)",
        "the engines disagree on discipline.over_quota",
    ),
    Known(
        r"^path_disagreement\|file_durable case_error, mapping report\|malformed JSON: Unexpected UTF-N BOM",
        "issue 13 (3: a BOM tolerated in both JSON and YAML)",
        "a JSON case file opening with a UTF-8 byte-order mark is refused (a YAML one is read)",
    ),
    Known(
        r"^id_leak\|(api|cli)\|report\|output$",
        "issue 13 (6: personal data; the safeio branch masks them in Report.to_json)",
        "an ID number given as the case_id (HR systems may use one) is shown in full in the report's JSON",
    ),
)
"""The known causes, each with the issue tracking it."""


def known_cause(signature: str) -> Known | None:
    """The known cause whose pattern matches ``signature``, else None (a new class of bad outcome)."""
    return next((k for k in KNOWN if re.search(k.pattern, signature)), None)
