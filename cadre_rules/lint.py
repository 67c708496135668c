"""``cadre-rules lint``: rules no case can fire, pairs no case can satisfy together, and rules that cite
the same item with different thresholds.

**Method.** Rule conditions are read in their core form (negation pushed in, ratios multiplied out).  At
every date on which the rule set changes (each rule's first day, each dated parameter value), parameters
take the value in force, and each fact a condition reads takes a finite set of *candidate values*:

* integers: 0, 1, and for each comparison with one fact, the threshold that makes both sides equal and
  the integers on either side of it; a fact compared with another fact (``members_present`` with
  ``member_count``) also takes 0 to 12;
* text: every constant it is compared with, plus one value equal to none of them;
* booleans: true and false; dates: three ordered dates (rules compare dates with dates, not constants).

A rule *can fire* when some assignment makes it apply and be violated.  Two rules that share a fact and
can apply together *conflict* when no assignment makes both apply and neither be violated (assignments
for each rule are joined on the facts they share).

**Limits.** Facts are treated as independent: a relation that derivation enforces (``all_members_present``
is ``members_present == member_count``) is not known here, so lint can call a pair satisfiable that no
real case satisfies together; it never reports a conflict that a real case disproves only through values
outside the candidates, because the candidates include both sides of every single-fact threshold
(comparisons between two facts are searched over 0–12 only).  Missing data is not searched (a missing
fact makes a rule indeterminate, neither fired nor satisfied).

Findings listed in ``cadre_rules/rules/lint-accepted.yaml`` (kind, rules, reason) are shown as accepted and
do not fail.  Exit codes: 0 no unaccepted finding, 1 at least one, 2 bad data.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import YAMLError, read_yaml
from cadre_rules.facts import FACTS
from cadre_rules.rules import CompiledRule, Registry, default_registry
from cadre_rules.rules._expr import Const, Core, CoreCompare, Sum, evaluate, param_key, references

Kind = Literal["never_fires", "never_satisfied", "conflict", "threshold_overlap"]
Value = int | str | bool
_DATES = ("2000-01-01", "2010-01-01", "2020-01-01")
_OTHER = "\u0000other"
_PAIR_RANGE = range(13)


@dataclass(frozen=True)
class LintFinding:
    """One finding: its kind, the rules involved, what was found, and the reason when it is accepted."""

    kind: Kind
    rules: tuple[str, ...]
    detail: str
    accepted: str | None = None


@dataclass
class LintResult:
    """Every finding, in a deterministic order."""

    findings: list[LintFinding] = field(default_factory=list)

    @property
    def failing(self) -> list[LintFinding]:
        """Findings not accepted (any one makes ``cadre-rules lint`` exit 1)."""
        return [f for f in self.findings if f.accepted is None]

    def to_text(self) -> str:
        """One line per finding, accepted ones marked."""
        if not self.findings:
            return "lint: no finding\n"
        lines = []
        for f in self.findings:
            mark = f"accepted: {f.accepted}" if f.accepted else "FINDING"
            lines.append(f"[{mark}] {f.kind} {' + '.join(f.rules)}: {f.detail}")
        lines.append(f"{len(self.failing)} finding(s) not accepted")
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        """The findings as JSON."""
        return json.dumps([asdict(f) for f in self.findings], ensure_ascii=False, indent=2) + "\n"


class _Accepted(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    rules: list[str] = Field(min_length=1)
    reason: str = Field(min_length=1)


class _AcceptedFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    accepted: list[_Accepted] = Field(default_factory=list)


def accepted_path() -> Path:
    """The shipped list of accepted lint findings."""
    return Path(str(resources.files("cadre_rules") / "rules" / "lint-accepted.yaml"))


@cache
def _shipped_accepted() -> dict[tuple[str, tuple[str, ...]], str]:
    return load_accepted(accepted_path())


def load_accepted(path: Path) -> dict[tuple[str, tuple[str, ...]], str]:
    """Accepted findings by (kind, sorted rule ids) → reason."""
    if not path.exists():
        return {}
    try:
        data = _AcceptedFile.model_validate(read_yaml(path) or {})
    except (YAMLError, ValidationError) as exc:
        raise RegulationDataError(f"{path.name}: {exc}") from None
    return {(a.kind, tuple(sorted(a.rules))): a.reason for a in data.accepted}


# ---------------------------------------------------------------- candidate values


def _params_at(registry: Registry, when: date) -> dict[str, int] | None:
    flat: dict[str, int] = {}
    for name in registry.library.params:
        value = registry.library.param_value(name, when)
        if value is None:
            continue
        if isinstance(value, Fraction):
            flat[param_key(name, "num")], flat[param_key(name, "den")] = value.numerator, value.denominator
        else:
            flat[param_key(name)] = value
    return flat


def _compares(core: Core) -> Iterator[CoreCompare]:
    if isinstance(core, CoreCompare):
        yield core
    else:
        for item in core.items:
            yield from _compares(item)


def _linear(left: Sum, right: Sum, params: Mapping[str, int]) -> dict[tuple[str, ...], int] | None:
    """``left - right`` with parameters substituted: {fact tuple: coefficient}; None if a parameter is unset."""
    poly: dict[tuple[str, ...], int] = {}
    for sign, side in ((1, left), (-1, right)):
        for coef, keys in side:
            value = sign * coef
            facts: list[str] = []
            for key in keys:
                if key.startswith("p__"):
                    if key not in params:
                        return None
                    value *= params[key]
                else:
                    facts.append(key)
            poly[tuple(facts)] = poly.get(tuple(facts), 0) + value
    return poly


def _candidates(rules: list[CompiledRule], params: Mapping[str, int]) -> dict[str, set[Value]]:
    values: dict[str, set[Value]] = {}
    for rule in rules:
        for core in (rule.applies_core, rule.violated_core):
            if core is None:
                continue
            for cmp in _compares(core):
                if isinstance(cmp.left, tuple) and isinstance(cmp.right, tuple):
                    poly = _linear(cmp.left, cmp.right, params)
                    if poly is None:
                        continue
                    facts = {f for keys in poly for f in keys}
                    if len(facts) == 1 and all(len(k) <= 1 for k in poly):
                        fact = facts.pop()
                        coef, const = poly.get((fact,), 0), poly.get((), 0)
                        if coef:
                            t = Fraction(-const, coef)
                            base = int(t.numerator // t.denominator)
                            values.setdefault(fact, set()).update({base - 1, base, base + 1, base + 2})
                    else:
                        for fact in facts:
                            values.setdefault(fact, set()).update(_PAIR_RANGE)
                else:
                    for side, other in ((cmp.left, cmp.right), (cmp.right, cmp.left)):
                        if not isinstance(side, tuple) and not isinstance(side, Const) and isinstance(other, Const):
                            values.setdefault(side.key, set()).add(other.value)
    out: dict[str, set[Value]] = {}
    for name, spec in FACTS.items():
        found = values.get(name, set())
        pool: set[Value]
        if spec.type == "bool":
            pool = {True, False}
        elif spec.type == "date":
            pool = set(_DATES)
        elif spec.type == "str":
            pool = {_OTHER}
            pool.update(v for v in found if isinstance(v, str))
        else:
            pool = {0, 1}
            pool.update(v for v in found if isinstance(v, int) and not isinstance(v, bool) and (v >= 0 or spec.signed))
        out[name] = pool
    return out


def _condition_facts(rule: CompiledRule) -> tuple[str, ...]:
    names: set[str] = set()
    for node in (rule.applies, rule.violated):
        if node is not None:
            names |= references(node)[0]
    return tuple(sorted(names))


_Inputs = tuple[str, tuple[tuple[str, int], ...], tuple[tuple[str, frozenset[Value]], ...]]


def _inputs(rule: CompiledRule, cands: Mapping[str, set[Value]], params: Mapping[str, int]) -> _Inputs:
    """What a rule's search depends on at a date: its id, the parameters it reads, its facts' candidates."""
    read = tuple(sorted((k, params[k]) for k in rule.reads if k in params))
    return rule.id, read, tuple((n, frozenset(cands[n])) for n in _condition_facts(rule))


def _assignments(rule: CompiledRule, cands: Mapping[str, set[Value]]) -> Iterator[dict[str, Value]]:
    names = _condition_facts(rule)
    pools = [sorted(cands[n], key=repr) for n in names]
    for combo in itertools.product(*pools):
        yield dict(zip(names, combo, strict=True))


def _outcomes(
    rule: CompiledRule, cands: Mapping[str, set[Value]], params: Mapping[str, int]
) -> tuple[bool, list[dict[str, Value]]]:
    """(can fire, the assignments where the rule applies and is satisfied)."""
    fires = False
    satisfied: list[dict[str, Value]] = []
    for assignment in _assignments(rule, cands):
        fact = {**params, **assignment}
        if rule.applies_core is not None and not evaluate(rule.applies_core, fact):
            continue
        if evaluate(rule.violated_core, fact):
            fires = True
        else:
            satisfied.append(assignment)
    return fires, satisfied


def _applies(rule: CompiledRule, cands: Mapping[str, set[Value]], params: Mapping[str, int]) -> list[dict[str, Value]]:
    return [
        a
        for a in _assignments(rule, cands)
        if rule.applies_core is None or evaluate(rule.applies_core, {**params, **a})
    ]


def _agree(left: list[dict[str, Value]], right: list[dict[str, Value]], shared: tuple[str, ...]) -> bool:
    keys = {tuple(a[s] for s in shared) for a in left}
    return any(tuple(b[s] for s in shared) in keys for b in right)


class _Projections:
    """:func:`_agree` for lists searched many times: the shared facts' values projected once per list and set."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, tuple[str, ...]], tuple[list[dict[str, Value]], set[tuple[Value, ...]]]] = {}

    def _of(self, assignments: list[dict[str, Value]], shared: tuple[str, ...]) -> set[tuple[Value, ...]]:
        key = (id(assignments), shared)
        if key not in self._seen:  # the list is kept with its projection, so its id stays its own
            self._seen[key] = (assignments, {tuple(a[s] for s in shared) for a in assignments})
        return self._seen[key][1]

    def agree(self, left: list[dict[str, Value]], right: list[dict[str, Value]], shared: tuple[str, ...]) -> bool:
        """Whether some assignment of each gives the shared facts the same values."""
        return not self._of(left, shared).isdisjoint(self._of(right, shared))


def _thresholds(rule: CompiledRule) -> dict[str, set[str]]:
    """Per fact read by the violation condition, what it is compared against (parameters and constants)."""
    out: dict[str, set[str]] = {}
    for cmp in _compares(rule.violated_core):
        if isinstance(cmp.left, tuple) and isinstance(cmp.right, tuple):
            terms = [(c, ks) for c, ks in cmp.left] + [(-c, ks) for c, ks in cmp.right]
            facts = {k for _, ks in terms for k in ks if not k.startswith("p__")}
            for fact in facts:
                rest = sorted(f"{c}*{'*'.join(ks) or '1'}" for c, ks in terms if fact not in ks)
                out.setdefault(fact, set()).add(f"{cmp.op} " + (" + ".join(rest) or "0"))
            continue
        for side, other in ((cmp.left, cmp.right), (cmp.right, cmp.left)):
            if not isinstance(side, tuple | Const) and isinstance(other, Const):
                out.setdefault(side.key, set()).add(f"{cmp.op} {other.value!r}")
    return out


# ---------------------------------------------------------------- the check


def lint(
    registry: Registry | None = None, accepted: Mapping[tuple[str, tuple[str, ...]], str] | None = None
) -> LintResult:
    """Lint the rule set (the shipped one by default) and return every finding."""
    registry = registry or default_registry()
    accepted = _shipped_accepted() if accepted is None else accepted
    library = registry.library
    dates = sorted(
        {r.effective_from for r in registry.rules}
        | {r.effective_to + timedelta(days=1) for r in registry.rules if r.effective_to is not None}
        | {d for _, p in library.params.values() for d in p.values}
    )
    ever_fires: set[str] = set()
    ever_satisfied: set[str] = set()
    conflicts: dict[tuple[str, str], date] = {}
    together: set[tuple[str, str]] = set()
    outcomes: dict[_Inputs, tuple[bool, list[dict[str, Value]]]] = {}
    applies: dict[_Inputs, list[dict[str, Value]]] = {}
    projections = _Projections()
    for when in dates:
        params = _params_at(registry, when) or {}
        rules = [
            r
            for r in registry.rules
            if r.in_force(when) and all(param_key(p) in params or param_key(p, "num") in params for p in r.params)
        ]
        cands = _candidates(rules, params)
        satisfied: dict[str, list[dict[str, Value]]] = {}
        applying: dict[str, list[dict[str, Value]]] = {}  # computed once per rule and date, on first need
        for rule in rules:
            # most rules read the same candidates and parameters from one date to the next: searched once
            inputs = _inputs(rule, cands, params)
            if inputs not in outcomes:
                outcomes[inputs] = _outcomes(rule, cands, params)
            fires, sat = outcomes[inputs]
            if fires:
                ever_fires.add(rule.id)
            if sat:
                ever_satisfied.add(rule.id)
            satisfied[rule.id] = sat
        facts_of = {r.id: set(_condition_facts(r)) for r in rules}
        for a, b in itertools.combinations(rules, 2):
            shared = tuple(sorted(facts_of[a.id] & facts_of[b.id]))
            if not shared or not satisfied[a.id] or not satisfied[b.id]:
                continue
            pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
            for r in (a, b):
                if r.id not in applying:
                    inputs = _inputs(r, cands, params)
                    if inputs not in applies:
                        applies[inputs] = _applies(r, cands, params)
                    applying[r.id] = applies[inputs]
            if not projections.agree(applying[a.id], applying[b.id], shared):
                continue  # never apply together: nothing to reconcile
            if projections.agree(satisfied[a.id], satisfied[b.id], shared):
                together.add(pair)
            else:
                conflicts.setdefault(pair, when)
    findings: list[LintFinding] = []
    for rule in registry.rules:
        if rule.id not in ever_fires:
            findings.append(
                LintFinding(
                    "never_fires", (rule.id,), "no assignment of candidate values makes it apply and be violated"
                )
            )
        if rule.id not in ever_satisfied:
            findings.append(LintFinding("never_satisfied", (rule.id,), "whenever it applies it is violated"))
    for pair, when in sorted(conflicts.items()):
        if pair not in together:
            findings.append(
                LintFinding("conflict", pair, f"no case applies both and satisfies both (rules in force on {when})")
            )
    findings += _overlaps(registry, dates)
    result = LintResult()
    for f in findings:
        reason = accepted.get((f.kind, tuple(sorted(f.rules))))
        result.findings.append(LintFinding(f.kind, f.rules, f.detail, reason))
    return result


def _overlaps(registry: Registry, dates: list[date]) -> list[LintFinding]:
    out: list[LintFinding] = []
    for a, b in itertools.combinations(registry.rules, 2):
        cites_a = {(c.instrument, c.article, c.paragraph, c.item) for c in a.spec.citations}
        cites_b = {(c.instrument, c.article, c.paragraph, c.item) for c in b.spec.citations}
        same = sorted(cites_a & cites_b, key=repr)
        if not same:
            continue
        ta, tb = _thresholds(a), _thresholds(b)
        differing = sorted(f for f in set(ta) & set(tb) if ta[f] != tb[f])
        if not differing:
            continue
        when = max(a.effective_from, b.effective_from, dates[0])
        params = _params_at(registry, when) or {}
        cands = _candidates([a, b], params)
        shared = tuple(sorted(set(_condition_facts(a)) & set(_condition_facts(b))))
        if not _agree(_applies(a, cands, params), _applies(b, cands, params), shared):
            continue
        inst, art, para, item = same[0]
        where = f"{inst} {art}" + (f".{para}" if para else "") + (f".{item}" if item else "")
        detail = "; ".join(f"{f}: {sorted(ta[f])} vs {sorted(tb[f])}" for f in differing)
        pair = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        out.append(LintFinding("threshold_overlap", pair, f"both cite {where} and can apply together; {detail}"))
    return out
