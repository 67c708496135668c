"""Rule coverage of a test suite: which rules the checked cases fired (violated) and which they never did."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cadre_rules.report import Report
from cadre_rules.rules import Registry, default_registry


@dataclass
class RuleCoverage:
    """Counts, per rule, the reports in which it was violated, satisfied, indeterminate or not applicable.

    Record every report your tests produce (:meth:`record`), then ask which rules never fired
    (:meth:`not_fired`): a rule with no violating case is a rule whose violation branch is untested.
    """

    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    def record(self, report: Report) -> None:
        """Add one report's statuses."""
        for finding in report.findings:
            per_rule = self.counts.setdefault(finding.rule_id, {})
            per_rule[finding.status] = per_rule.get(finding.status, 0) + 1

    def fired(self) -> list[str]:
        """Rules violated by at least one recorded report, sorted."""
        return sorted(r for r, c in self.counts.items() if c.get("violated"))

    def not_fired(self, rules: Iterable[str] | None = None, registry: Registry | None = None) -> list[str]:
        """Rules (by default every registered rule) that no recorded report violated, sorted."""
        ids = rules if rules is not None else (r.id for r in (registry or default_registry()).rules)
        return sorted(r for r in ids if not self.counts.get(r, {}).get("violated"))

    def summary(self, registry: Registry | None = None) -> str:
        """A one-line-per-rule table: rule id, then counts of each status."""
        statuses = ("violated", "satisfied", "indeterminate", "not_applicable")
        lines = ["rule\t" + "\t".join(statuses)]
        for rule in (registry or default_registry()).rules:
            c = self.counts.get(rule.id, {})
            lines.append(rule.id + "\t" + "\t".join(str(c.get(s, 0)) for s in statuses))
        return "\n".join(lines)
