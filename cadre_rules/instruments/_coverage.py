"""Which articles the rules encode, and why the others are not encoded (``<instrument>/coverage.yaml``).

The optional file of an instrument::

    not_encoded:
      - cite: {article: "7", paragraph: 1, item: 1}   # paragraph and item optional
        kind: not_checkable        # or not_a_requirement, out_of_scope, not_yet
        reason: {zh: "…", en: "…"}

Every ``cite`` must resolve to text (checked at load, like rule citations).

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

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cadre_rules._errors import RegulationDataError
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


class CoverageFile(BaseModel):
    """The content of ``<instrument>/coverage.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_encoded: list[NotEncoded] = Field(default_factory=list)


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


def load_coverage(library: Library, root: Path | None = None) -> dict[str, list[NotEncoded]]:
    """Every instrument's ``not_encoded`` entries (empty when it has no coverage.yaml), each cite checked."""
    root = root or data_root()
    out: dict[str, list[NotEncoded]] = {}
    for inst_id in sorted(library.instruments):
        path = root / inst_id / "coverage.yaml"
        if not path.exists():
            out[inst_id] = []
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            entries = CoverageFile.model_validate(data).not_encoded
        except (OSError, yaml.YAMLError) as exc:
            raise RegulationDataError(f"{path}: {exc}") from exc
        except ValidationError as exc:
            raise RegulationDataError(f"{inst_id}/coverage.yaml: {exc}") from None
        for i, entry in enumerate(entries):
            ref = CitationRef(inst_id, entry.cite.article, entry.cite.paragraph, entry.cite.item)
            try:
                library.resolve(ref)
            except RegulationDataError as exc:
                raise RegulationDataError(f"{inst_id}/coverage.yaml not_encoded[{i}]: {exc}") from None
        out[inst_id] = entries
    return out
