"""Regulation data (layer 1): instruments, their text keyed article → paragraph → item, and parameters."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Confidence(StrEnum):
    """How sure the transcription is (shared/reference/regulations.md)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def order(self) -> int:
        """0 for low, 2 for high."""
        return ["low", "medium", "high"].index(self.value)


class SourceLevel(StrEnum):
    """National regulation or local practice."""

    NATIONAL = "national"
    LOCAL = "local"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bilingual(_Data):
    """A text in Chinese and English."""

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Provenance(_Data):
    """Where a text comes from and how sure its number and wording are."""

    number_confidence: Confidence | None = None
    text_confidence: Confidence | None = None
    sources: list[str] = Field(default_factory=list)
    note: str | None = None


class Item(_Data):
    """项."""

    number: int = Field(ge=1)
    label: str | None = None
    text: str = Field(min_length=1)
    provenance: Provenance | None = None


class Paragraph(_Data):
    """款."""

    number: int = Field(ge=1)
    text: str = ""
    provenance: Provenance | None = None
    items: list[Item] = Field(default_factory=list)


class Article(_Data):
    """条 (or, for a local-practice document, a paragraph of the file: number ``p<line>``)."""

    number: str = Field(min_length=1)
    label: str = Field(min_length=1)
    heading: str | None = None
    provenance: Provenance
    paragraphs: list[Paragraph] = Field(min_length=1)


class Revision(_Data):
    """A revision of an instrument whose revised text is not encoded: citations on later acts say so."""

    revised_on: date
    note: Bilingual


class ParamCite(_Data):
    """Where in its instrument a parameter is set."""

    article: str
    paragraph: int | None = None
    item: int | None = None


TierName = Literal[
    "section_unit", "township_section", "county_division", "department_bureau", "province_ministry", "national"
]


class Governs(_Data):
    """The levels of post an instrument governs (its scope of application): outside them its rules do not apply."""

    tiers: list[TierName] = Field(min_length=1, description="levels of the post (Tier values)")
    cite: ParamCite = Field(description="the text of the instrument the scope is read from")
    reading: str = Field(min_length=1, description="how the scope is read from that text (and its confidence)")


class InstrumentMeta(_Data):
    """An instrument's identity and dates."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Bilingual
    short_title: Bilingual | None = None
    kind: Literal[
        "party_regulation",
        "party_constitution",
        "law",
        "administrative_regulation",
        "normative_document",
        "local_practice",
    ]
    source_level: SourceLevel
    issuer: str | None = None
    document_number: str | None = None
    promulgated: date | None = None
    effective: date
    in_force_until: date | None = Field(
        None, description="the last day in force (inclusive), where repealed or superseded; null while in force"
    )
    revisions: list[Revision] = Field(
        default_factory=list, description="later revisions whose text is not encoded (the shipped text predates them)"
    )
    superseded_by: str | None = None
    supersedes: str | None = None
    core: bool = Field(
        False,
        description=(
            "a version of the 选拔任用条例, the instrument the library is built around: an act on a date no encoded "
            "version governs cannot be checked in full, and its report says so"
        ),
    )
    source_file: str | None = None
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    governs: Governs | None = Field(
        None, description="the levels of post the instrument governs; null: every level (no scope by level)"
    )


AppointmentKindName = Literal["promotion", "lateral", "other"]


class SanctionTag(_Data):
    """Marks a parameter as the influence period of a sanction measure (2019 条例 第二十四条（六）)."""

    kind: Literal[
        "admonishment", "organisational_measure", "party_sanction", "administrative_sanction", "civil_servant_sanction"
    ]
    measures: list[str] = Field(min_length=1)
    counted_from: Literal["decided", "restored"] = "decided"
    applies_to: tuple[AppointmentKindName, ...] = ("promotion", "lateral", "other")


class ParamSpec(_Data):
    """A dated parameter (OpenFisca style ``values: {date: value}``)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Bilingual
    unit: Literal["years", "months", "days", "working_days", "hours", "ratio", "count", "age"]
    cite: ParamCite
    values: dict[date, int | str] = Field(min_length=1)
    note: str | None = None
    sanction: SanctionTag | None = None


class Instrument(_Data):
    """An instrument with its articles and parameters."""

    meta: InstrumentMeta
    articles: list[Article]
    params: list[ParamSpec] = Field(default_factory=list)


ParamValue = int | Fraction
