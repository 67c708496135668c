"""Shipped test data: a compliant base case per selection method and one single-fault patch per rule.

* ``bases/<method>.yaml``: a case that is compliant under the ``default`` profile (no violation, nothing
  indeterminate).  A new method plugs in by adding its file; :func:`base_methods` discovers it.
* ``bases/<variant>/<method>.yaml``: the same for a variant of the setting: an earlier text (``2014``: decided
  while the 2014 条例 was in force) or a scope a local practice needs (``county-township``: a county 全委会
  deciding a 乡局级 principal, seed 002's scope); :func:`base_variants` discovers them.  A fault of a rule that
  only applies there names its ``variant``.
* ``faults.yaml``: for each rule, a patch (deep-merged into a base: mappings merge key by key, lists and
  scalars are replaced) that violates that rule, and ``implies``: the other rules the same fault
  necessarily violates, with the reason.  ``unreachable_alone`` lists rules that cannot be violated
  without another (none today), each with its reason.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from stdnum.cn import ric

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import read_yaml
from cadre_rules.records import Case, case_from_mapping


def _folder() -> Path:
    return Path(str(resources.files("cadre_rules") / "testing"))


_CHECK_CHARACTERS = "0123456789X"


def with_birth_date(id_number: str, birth: date, *, right_check: bool = True) -> str:
    """An 18-character ID number with its birth digits replaced by ``birth`` and its GB 11643 check character
    recomputed (``right_check``) or set to a wrong one (the next character of 0–9, X after the right one)."""
    body = id_number[:6] + birth.strftime("%Y%m%d") + id_number[14:17]
    right = ric.calc_check_digit(body + "0")
    if right_check:
        return body + right
    return body + _CHECK_CHARACTERS[(_CHECK_CHARACTERS.index(right) + 1) % len(_CHECK_CHARACTERS)]


def deep_merge(base: Any, patch: Any) -> Any:
    """Merge ``patch`` into ``base``: mappings merge key by key, anything else is replaced (copied)."""
    if isinstance(base, Mapping) and isinstance(patch, Mapping):
        out = {k: copy.deepcopy(v) for k, v in base.items()}
        for key, value in patch.items():
            out[key] = deep_merge(base[key], value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(patch)


def base_methods(variant: str | None = None) -> tuple[str, ...]:
    """The selection methods that have a shipped compliant base case (of ``variant``, if given), sorted."""
    folder = _folder() / "bases" / (variant or "")
    return tuple(sorted(p.stem for p in folder.glob("*.yaml")))


def base_variants() -> tuple[str, ...]:
    """The earlier texts that have compliant bases of their own (``2014``), sorted."""
    return tuple(sorted(p.name for p in (_folder() / "bases").iterdir() if p.is_dir()))


def compliant_base(method: str = "standard", variant: str | None = None) -> dict[str, Any]:
    """The shipped compliant base case of ``method`` (of ``variant``, if given) as a JSON-style mapping (a copy)."""
    return copy.deepcopy(_base(method, variant))


@cache
def _base(method: str, variant: str | None = None) -> dict[str, Any]:
    path = _folder() / "bases" / (variant or "") / f"{method}.yaml"
    if not path.is_file():
        known = ", ".join(base_methods(variant)) or "none"
        raise ValueError(f"no compliant base case for method {method!r} (variant {variant}); known: {known}")
    data = read_yaml(path)
    case = case_from_mapping(data)
    if case.procedure.method.value != method:
        raise RegulationDataError(f"{path.name}: procedure.method is {case.procedure.method.value!r}")
    dumped: dict[str, Any] = case.model_dump(mode="json")
    return dumped


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    method: str = "standard"
    variant: str | None = None
    patch: dict[str, Any]
    implies: list[str] = Field(default_factory=list)
    why: str | None = None
    id_follows_birth_date: bool = False


class _Exclusion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    reason: str = Field(min_length=1)


class _FaultFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    faults: list[_Entry]
    unreachable_alone: list[_Exclusion] = Field(default_factory=list)


@dataclass(frozen=True)
class Fault:
    """A single-fault mutation: ``patch`` applied to the compliant base of ``method`` violates ``rule``.

    ``implies`` names the rules the same fault necessarily violates too (``why`` says why); the expected
    set of violations is ``{rule} | implies``.  ``variant`` (``2014``) picks the base of acts judged by that text.
    """

    rule: str
    method: str
    patch: Mapping[str, Any]
    implies: frozenset[str]
    why: str | None
    variant: str | None = None
    id_follows_birth_date: bool = False

    @property
    def expected(self) -> frozenset[str]:
        """The violations the fault must produce, and no other."""
        return self.implies | {self.rule}

    def apply(self, case: Case | Mapping[str, Any]) -> Case:
        """The case with this fault applied."""
        data = case.model_dump(mode="json") if isinstance(case, Case) else case
        merged = deep_merge(data, self.patch)
        candidate = merged.get("candidate") or {}
        if self.id_follows_birth_date and candidate.get("birth_date") and candidate.get("id_number"):
            # the strategies vary the birth date: the fault keeps the ID number's birth digits in step with it,
            # and its check character as right or as wrong as the patch's
            number = str(candidate["id_number"])
            right = ric.calc_check_digit(number) == number[-1]
            birth = date.fromisoformat(str(candidate["birth_date"]))
            candidate["id_number"] = with_birth_date(number, birth, right_check=right)
        return case_from_mapping(merged)

    def case(self) -> Case:
        """The fault applied to the unvaried compliant base of its method."""
        return self.apply(_base(self.method, self.variant))


@cache
def _fault_file() -> _FaultFile:
    path = _folder() / "faults.yaml"
    try:
        return _FaultFile.model_validate(read_yaml(path))
    except ValidationError as exc:
        raise RegulationDataError(f"{path.name}: {exc}") from None


def faults() -> dict[str, Fault]:
    """Every shipped single-fault mutation, by rule id."""
    out: dict[str, Fault] = {}
    for entry in _fault_file().faults:
        if entry.rule in out:
            raise RegulationDataError(f"faults.yaml: two entries for {entry.rule}")
        out[entry.rule] = Fault(
            entry.rule,
            entry.method,
            entry.patch,
            frozenset(entry.implies),
            entry.why,
            entry.variant,
            entry.id_follows_birth_date,
        )
    return out


def fault(rule_id: str) -> Fault:
    """The shipped single-fault mutation of ``rule_id``; ``KeyError`` names the rule when there is none."""
    found = faults().get(rule_id)
    if found is None:
        raise KeyError(f"no single-fault mutation for rule {rule_id!r} in cadre_rules/testing/faults.yaml")
    return found


def unreachable_alone() -> dict[str, str]:
    """Rules that cannot be violated alone, with the reason (an explicit, reasoned exclusion list)."""
    return {e.rule: e.reason for e in _fault_file().unreachable_alone}
