"""The decision log: one JSON line per check, appended safely by several worker processes.

Each line holds a decision id (uuid4), the time (UTC, ISO 8601), the ruleset version, the profile, the engine,
the outcome, the case id and the ids of the violated and indeterminate rules — never a name or an ID number
(digit runs of 15 or more in the case id are masked).  A line is written with one ``write`` on a descriptor
opened with ``O_APPEND``, so lines from several processes never interleave (POSIX appends of one write are
atomic with respect to the file offset; a line is a few hundred bytes).
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cadre_rules._errors import clip
from cadre_rules.report import Report, dump_json, one_line_json

MAX_LOGGED_RULES = 200
"""The most rule ids a line lists per status (a report has fewer rules than this)."""


def decision_entry(report: Report, *, source: str | None = None) -> dict[str, Any]:
    """The log entry of one checked report (a fresh decision id and the current time)."""
    findings = [f for f in report.findings if f.severity != "advice"]
    entry: dict[str, Any] = {
        "decision_id": str(uuid.uuid4()),
        "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "ruleset_version": report.ruleset_version,
        "profile": report.profile,
        "engine": report.engine,
        "outcome": report.outcome,
        "case_id": clip(report.case_id, 120),
        "as_of": report.as_of,
        "violated": [f.rule_id for f in findings if f.status == "violated"][:MAX_LOGGED_RULES],
        "indeterminate": [f.rule_id for f in findings if f.status == "indeterminate"][:MAX_LOGGED_RULES],
    }
    if source is not None:
        entry["source"] = clip(source, 120)
    return entry


class DecisionLog:
    """Appends decision entries to a JSON-lines file (created with mode 0600 when absent)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def record(self, report: Report, *, source: str | None = None) -> str:
        """Append the entry of ``report``; return its decision id."""
        entry = decision_entry(report, source=source)
        line = one_line_json(dump_json(entry)) + b"\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
        return str(entry["decision_id"])
