"""Rule specs as data, and their compiled form (checked against the fact catalogue and the regulations)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cadre_rules.instruments import CitationRef, SourceLevel
from cadre_rules.instruments._model import Bilingual
from cadre_rules.records import Stage
from cadre_rules.records._enums import AppointmentKind, label_zh
from cadre_rules.rules._expr import Core, Node, Prepared, prepare


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CitationSpec(_Spec):
    """A pointer into regulations/."""

    instrument: str
    article: str
    paragraph: int | None = None
    item: int | None = None
    role: Literal["normative", "corroborating"] = Field(
        "normative",
        description=(
            "normative: the rule encodes this text, and its in-force window counts; corroborating: cited in support "
            "only. A citation of another source level (a local document cited by a national rule, or the reverse) "
            "is corroborating whatever it says."
        ),
    )

    def ref(self) -> CitationRef:
        """As a :class:`CitationRef`."""
        return CitationRef(self.instrument, self.article, self.paragraph, self.item)


class Scope(_Spec):
    """The bodies, levels and kinds of post a local practice's text gives it (outside it: ``not_applicable``)."""

    bodies: list[Literal["standing_committee", "plenary_committee", "leading_party_group"]] | None = Field(
        None, description="the body that decides (meeting_body): 常委会, 全委会, 党组"
    )
    tiers: (
        list[Literal["section_unit", "township_section", "county_division", "department_bureau", "province_ministry"]]
        | None
    ) = Field(None, description="levels of the post (post_tier; section_unit: 股级 and 科员, below 乡科级)")
    roles: list[Literal["principal", "deputy"]] | None = Field(None, description="正职 or 副职 (post_role)")
    methods: list[Literal["standard", "open_selection", "competitive_post"]] | None = Field(
        None, description="how the candidate is produced (method)"
    )
    text: str = Field(min_length=1, description="where the document gives this scope, in its own words")

    def condition(self) -> str:
        """The scope as a condition of the rule language."""
        parts = [
            f"{fact} in {values!r}"
            for fact, values in (
                ("meeting_body", self.bodies),
                ("post_tier", self.tiers),
                ("post_role", self.roles),
                ("method", self.methods),
            )
            if values
        ]
        if not parts:
            raise ValueError("a scope names at least one of bodies, tiers, roles, methods")
        return " and ".join(parts)


class RuleSpec(_Spec):
    """One rule as written in ``cadre_rules/rules/specs/*.yaml``."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
    family: Literal[
        "motion",
        "recommendation",
        "inspection",
        "committee",
        "publicity",
        "appointment",
        "method_flow",
        "discipline",
        "eligibility",
        "finance_audit",
        "record",
    ]
    title: Bilingual
    citations: list[CitationSpec] = Field(min_length=1)
    severity: Literal["error", "warning"] = "error"
    waivable: bool = False
    breakable_by_exceptional: Literal["tenure", "qualification"] | None = Field(
        None,
        description="an exceptional promotion (破格, 第九条) may break it: a 任职年限 (tenure) or a qualification",
    )
    applies_when: str | None = None
    scope: Scope | None = Field(None, description="a local practice's scope; required of every local rule")
    violated_when: str
    message: Bilingual
    reading: str | None = None
    source_level: SourceLevel | None = None
    exception_to: str | None = None
    stage: Stage | None = Field(
        None,
        description="the step of the procedure the rule checks; by default its family's (FAMILY_STAGE)",
    )
    kinds: list[AppointmentKind] | None = Field(
        None,
        min_length=1,
        description=(
            "the kinds of case the rule checks (case.kind); by default the appointments (APPOINTMENT_KINDS): a "
            "removal (免职) only where the rule lists it, as the decision and talk rules whose texts cover 任免 do"
        ),
    )

    def case_kinds(self) -> tuple[AppointmentKind, ...]:
        """The kinds of case the rule checks: its ``kinds``, else the appointments."""
        return tuple(self.kinds) if self.kinds is not None else APPOINTMENT_KINDS

    def kinds_zh(self) -> str:
        """The kinds of case the rule checks, in Chinese (任职, 免职, or the kinds of appointment it names)."""
        kinds = self.case_kinds()
        if set(APPOINTMENT_KINDS) <= set(kinds):
            names = ["任职（提任、平级调整、交流等）"]
        else:
            names = [label_zh(k) for k in kinds if k in (AppointmentKind.PROMOTION, AppointmentKind.LATERAL)]
        return "、".join(names + (["免职"] if AppointmentKind.REMOVAL in kinds else []))

    def due_stage(self) -> Stage:
        """The step the rule checks: its ``stage``, else its family's."""
        return self.stage or FAMILY_STAGE[self.family]

    def applies_text(self) -> str | None:
        """The applicability condition: the scope and ``applies_when`` together."""
        parts = [p for p in (self.scope.condition() if self.scope else None, self.applies_when) if p]
        return " and ".join(f"({p})" for p in parts) if parts else None


APPOINTMENT_KINDS: tuple[AppointmentKind, ...] = tuple(k for k in AppointmentKind if k is not AppointmentKind.REMOVAL)
"""The kinds of case a rule checks unless it lists its own: every appointment, not a removal (免职)."""

# The step each family checks unless a rule says otherwise (a dossier at an earlier step: not yet due).
FAMILY_STAGE: dict[str, Stage] = {
    "motion": Stage.MOTION,
    "eligibility": Stage.MOTION,
    "discipline": Stage.MOTION,
    "recommendation": Stage.RECOMMENDATION,
    "inspection": Stage.INSPECTION,
    "finance_audit": Stage.INSPECTION,
    "committee": Stage.DISCUSSION,
    "publicity": Stage.PUBLICITY,
    "appointment": Stage.APPOINTMENT,
    "method_flow": Stage.APPOINTMENT,
    "record": Stage.MOTION,
}


class RuleFile(_Spec):
    """A file of rule specs."""

    rules: list[RuleSpec]


_PLACEHOLDER = re.compile(r"\{(p\.)?([a-z_][a-z0-9_]*)\}")


def placeholders(template: str) -> list[tuple[bool, str]]:
    """The ``{fact}`` and ``{p.param}`` placeholders of a message template."""
    return [(bool(m.group(1)), m.group(2)) for m in _PLACEHOLDER.finditer(template)]


def fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute placeholders (keys ``name`` or ``p.name``); unknown ones render as ``?``."""
    return _PLACEHOLDER.sub(lambda m: values.get((m.group(1) or "") + m.group(2), "?"), template)


@dataclass(frozen=True)
class CompiledRule:
    """A rule spec with its conditions parsed, checked and lowered to core form."""

    spec: RuleSpec
    applies: Node | None
    violated: Node
    applies_core: Core | None
    violated_core: Core
    facts: tuple[str, ...]  # read by the conditions or shown by the message (the evidence)
    params: tuple[str, ...]
    source_level: SourceLevel
    effective_from: date  # the rule's in-force window: the union of its normative citations' instruments
    effective_to: date | None  # last day in force; None while any normative instrument is in force
    normative: tuple[CitationSpec, ...]
    sort_key: tuple[object, ...]
    governed_tiers: tuple[str, ...] | None = None
    """The levels of post its normative texts govern (their ``governs``; None: every level)."""

    @cached_property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id

    @cached_property
    def applies_prepared(self) -> Prepared | None:
        """The applicability condition prepared for evaluation (its keys and compiled test), once per rule."""
        return prepare(self.applies_core) if self.applies_core is not None else None

    @cached_property
    def violated_prepared(self) -> Prepared:
        """The violation condition prepared for evaluation (its keys and compiled test), once per rule."""
        return prepare(self.violated_core)

    @cached_property
    def reads(self) -> frozenset[str]:
        """Every fact key the rule's conditions read."""
        applies = self.applies_prepared
        return self.violated_prepared.keys | (applies.keys if applies is not None else frozenset())

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without what is prepared on demand (compiled tests are closures; the registry cache pickles)."""
        return {k: v for k, v in self.__dict__.items() if k not in _PREPARED}

    @cached_property
    def stage(self) -> Stage:
        """The step of the procedure the rule checks."""
        return self.spec.due_stage()

    def window_zh(self) -> str:
        """The in-force window in words: ``自 2019-03-03 起适用`` or ``2014-01-14 至 2019-03-02 适用``."""
        if self.effective_to is None:
            return f"自 {self.effective_from.isoformat()} 起适用"
        return f"{self.effective_from.isoformat()} 至 {self.effective_to.isoformat()} 适用"

    def checks(self, kind: AppointmentKind) -> bool:
        """Whether the rule checks a case of ``kind`` (an appointment, or a removal where the rule opts in)."""
        return kind in self.spec.case_kinds()

    def governs(self, tier: str) -> bool:
        """Whether a post of level ``tier`` is within the levels the rule's normative texts govern."""
        return self.governed_tiers is None or tier in self.governed_tiers

    def in_force(self, when: date) -> bool:
        """Whether ``when`` falls in the rule's window."""
        return self.effective_from <= when and (self.effective_to is None or when <= self.effective_to)


_PREPARED = frozenset({"applies_prepared", "violated_prepared", "reads"})
