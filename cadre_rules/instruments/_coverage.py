"""Which articles the rules encode, and why the others are not encoded (``<instrument>/coverage.yaml``).

The optional file of an instrument::

    not_encoded:
      - cite: {article: "7", paragraph: 1, item: 1}   # paragraph and item optional
        kind: not_checkable        # or not_a_requirement, out_of_scope, not_yet
        reason: {zh: "…", en: "…"}

Every ``cite`` must resolve to text (checked at load, like rule citations).

**Requirements.** A local-practice document is also accounted for requirement by requirement (the rows of the
seed-requirements audit): ``requirements:`` lists each with its verbatim ``quote`` (checked to lie inside the
text at ``cite``; ``instrument`` names another instrument when the row's text is there) and either the
``rules`` that encode it — fully, or partly when ``remaining`` says what is still unchecked — or the ``kind``
and ``reason`` it is not encoded (``aggregate``: it needs a view over many cases, left to batch checks).  An
encoded row may carry a ``note`` (zh, en): the residue of the requirement that has no per-case criterion at all
(an institutional set-up, a measure with no effect in any text), shown in the catalogue beside the rules::

    requirements:
      - id: "001-05"
        quote: "坚持会议推荐和个别谈话推荐并用"
        cite: {article: "p6", paragraph: 1}
        rules: [recommendation.meeting_and_talk]
      - id: "001-01"
        quote: "…"
        cite: {article: "p5", paragraph: 1}
        kind: not_checkable
        reason: {zh: "…", en: "…"}

**Units.** Coverage counts *units*: each item (项) of an article, or the whole article when it has no items.
(A paragraph without items in an article that has items is quoted in the catalogue but is not a unit.)

**Encoded.** A unit is encoded when a rule cites it, its paragraph or its article: a citation encodes every
unit inside the span it cites, and a citation of any paragraph of an article without items encodes that
article.  **Encodable** units are all units except those a ``not_checkable`` or ``not_a_requirement``
entry covers (an entry covers the units inside or overlapping its span, by the same rule).  An encoded
unit counts as encoded whatever the entries say.  Coverage = encoded / encodable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import YAMLError, read_yaml
from cadre_rules.instruments._library import CitationRef, Library, data_root
from cadre_rules.instruments._model import Bilingual, Instrument, ParamCite

Kind = Literal["not_checkable", "not_a_requirement", "out_of_scope", "not_yet"]
NOT_ENCODABLE: frozenset[str] = frozenset({"not_checkable", "not_a_requirement"})
KIND_WORDS: dict[str, str] = {
    "not_checkable": "无法据人事记录判断 not checkable",
    "not_a_requirement": "非要求（原则、定义、范围或目的） not a requirement",
    "out_of_scope": "不属选拔任用个案 out of scope",
    "not_yet": "尚未编码 not yet encoded",
}


class NotEncoded(BaseModel):
    """An article, paragraph or item that no rule encodes, with the kind of reason and the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cite: ParamCite
    kind: Kind
    reason: Bilingual


RequirementKind = Literal["not_checkable", "not_a_requirement", "aggregate", "out_of_scope", "not_yet"]
REQUIREMENT_WORDS: dict[str, str] = {
    "encoded": "已编码",
    "partial": "部分编码",
    "not_checkable": "无法据人事记录判断",
    "not_a_requirement": "非要求（原则或导向）",
    "aggregate": "须汇总多案判断（批量检查）",
    "out_of_scope": "不属选拔任用个案",
    "not_yet": "尚未编码",
}


class Remaining(BaseModel):
    """What a partly encoded requirement still leaves unchecked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: RequirementKind
    reason: Bilingual


class Requirement(BaseModel):
    """One requirement of a document: its quote, where it is, and the rules that encode it or why none does."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[0-9]{3}-[0-9]{2}$", description="the row of the requirements audit")
    quote: str = Field(min_length=1, description="verbatim, inside the cited text")
    instrument: str | None = Field(None, description="the instrument holding the text, when not this file's")
    cite: ParamCite
    rules: list[str] = Field(default_factory=list)
    remaining: Remaining | None = None
    kind: RequirementKind | None = None
    reason: Bilingual | None = None
    note: Bilingual | None = Field(
        None,
        description="what an encoded requirement leaves with no per-case criterion (a residue no dossier shows), "
        "said plainly beside the rules",
    )

    @model_validator(mode="after")
    def _one_answer(self) -> Requirement:
        if self.rules and (self.kind or self.reason):
            raise ValueError(f"{self.id}: rules or kind+reason, not both (use remaining for a partial encoding)")
        if not self.rules and (self.kind is None or self.reason is None or self.remaining is not None):
            raise ValueError(f"{self.id}: without rules, give kind and reason")
        if self.note is not None and not self.rules:
            raise ValueError(f"{self.id}: a note accompanies rules (the reason says why none encodes it)")
        return self

    @property
    def status(self) -> str:
        """``encoded``, ``partial``, or the kind of reason it is not encoded."""
        if self.rules:
            return "partial" if self.remaining else "encoded"
        assert self.kind is not None
        return self.kind


class CoverageFile(BaseModel):
    """The content of ``<instrument>/coverage.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_encoded: list[NotEncoded] = Field(default_factory=list)
    requirements: list[Requirement] = Field(default_factory=list)


@dataclass(frozen=True)
class Unit:
    """A unit of coverage: an item (article, paragraph, item), or a whole article without items."""

    article: str
    paragraph: int | None = None
    item: int | None = None


def units(instrument: Instrument) -> list[Unit]:
    """The coverage units of an instrument, in text order."""
    out: list[Unit] = []
    for art in instrument.articles:
        items = [Unit(art.number, p.number, i.number) for p in art.paragraphs for i in p.items]
        out.extend(items or [Unit(art.number)])
    return out


def covers(article: str, paragraph: int | None, item: int | None, unit: Unit) -> bool:
    """True when a citation (or entry) of ``article``/``paragraph``/``item`` covers ``unit``."""
    if article != unit.article:
        return False
    if paragraph is None or unit.paragraph is None:
        return True
    return paragraph == unit.paragraph and (item is None or item == unit.item)


def _coverage_files(library: Library, root: Path | None) -> dict[str, CoverageFile]:
    root = root or data_root()
    out: dict[str, CoverageFile] = {}
    for inst_id in sorted(library.instruments):
        path = root / inst_id / "coverage.yaml"
        if not path.exists():
            out[inst_id] = CoverageFile()
            continue
        try:
            data = read_yaml(path) or {}
            out[inst_id] = CoverageFile.model_validate(data)
        except (OSError, YAMLError) as exc:
            raise RegulationDataError(f"{path}: {exc}") from exc
        except ValidationError as exc:
            raise RegulationDataError(f"{inst_id}/coverage.yaml: {exc}") from None
    return out


def load_coverage(library: Library, root: Path | None = None) -> dict[str, list[NotEncoded]]:
    """Every instrument's ``not_encoded`` entries (empty when it has no coverage.yaml), each cite checked."""
    out: dict[str, list[NotEncoded]] = {}
    for inst_id, file in _coverage_files(library, root).items():
        for i, entry in enumerate(file.not_encoded):
            ref = CitationRef(inst_id, entry.cite.article, entry.cite.paragraph, entry.cite.item)
            try:
                library.resolve(ref)
            except RegulationDataError as exc:
                raise RegulationDataError(f"{inst_id}/coverage.yaml not_encoded[{i}]: {exc}") from None
        out[inst_id] = file.not_encoded
    return out


def requirement_ref(owner: str, req: Requirement) -> CitationRef:
    """Where a requirement's text is (``owner``: the instrument whose coverage.yaml lists it)."""
    return CitationRef(req.instrument or owner, req.cite.article, req.cite.paragraph, req.cite.item)


def load_requirements(library: Library, root: Path | None = None) -> dict[str, list[Requirement]]:
    """Every instrument's ``requirements`` (ids unique over all files; each quote lies inside its cited text)."""
    out: dict[str, list[Requirement]] = {}
    seen: dict[str, str] = {}
    for inst_id, file in _coverage_files(library, root).items():
        for req in file.requirements:
            where = f"{inst_id}/coverage.yaml requirement {req.id}"
            if req.id in seen:
                raise RegulationDataError(f"{where}: listed twice (also in {seen[req.id]})")
            seen[req.id] = inst_id
            try:
                text = library.resolve(requirement_ref(inst_id, req)).text
            except RegulationDataError as exc:
                raise RegulationDataError(f"{where}: {exc}") from None
            if req.quote not in text:
                raise RegulationDataError(f"{where}: the quote {req.quote!r} is not in the cited text")
        if file.requirements:
            out[inst_id] = file.requirements
    return out
