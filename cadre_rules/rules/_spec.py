"""Rule specs as data, and their compiled form (checked against the fact catalogue and the regulations)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cadre_rules.instruments import CitationRef, SourceLevel
from cadre_rules.instruments._model import Bilingual
from cadre_rules.rules._expr import Core, Node


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationSpec(_Spec):
    """A pointer into regulations/."""

    instrument: str
    article: str
    paragraph: int | None = None
    item: int | None = None

    def ref(self) -> CitationRef:
        """As a :class:`CitationRef`."""
        return CitationRef(self.instrument, self.article, self.paragraph, self.item)


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
    violated_when: str
    message: Bilingual
    reading: str | None = None
    source_level: SourceLevel | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    exception_to: str | None = None


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
    effective_from: date
    sort_key: tuple[object, ...]

    @property
    def id(self) -> str:
        """The rule id."""
        return self.spec.id
