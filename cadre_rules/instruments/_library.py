"""Loading and checking the regulation data; resolving citations and dated parameter values."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import YAMLError, read_yaml
from cadre_rules.instruments._model import (
    Article,
    Confidence,
    Instrument,
    InstrumentMeta,
    ParamSpec,
    ParamValue,
    Provenance,
    Revision,
    SourceLevel,
)


def data_root() -> Path:
    """The regulations/ folder: shipped inside the wheel, or at the top of a source checkout."""
    shipped = resources.files("cadre_rules") / "_regulations"
    if shipped.is_dir():
        return Path(str(shipped))
    checkout = Path(__file__).resolve().parents[2] / "regulations"
    if checkout.is_dir():
        return checkout
    raise RegulationDataError("the regulations/ data folder is missing from this installation")


@dataclass(frozen=True)
class CitationRef:
    """A typed pointer into the regulation data."""

    instrument: str
    article: str
    paragraph: int | None = None
    item: int | None = None


@dataclass(frozen=True)
class ResolvedCitation:
    """A citation with its quoted text and provenance."""

    ref: CitationRef
    instrument_title: str
    label: str
    text: str
    confidence: Confidence
    number_confidence: Confidence
    text_confidence: Confidence
    source_level: SourceLevel
    note: str | None

    item_label: str | None = None
    source_file: str | None = None

    def location_zh(self) -> str:
        """``第八条第一款第（一）项``-style location (``第7段第1句`` in a local document), flagged when unconfirmed."""
        where = f"（{self.source_file}）{self.label}" if self.source_file else self.label
        local_paragraph = self.ref.article.startswith("p")
        if self.ref.paragraph is not None:
            where += f"第{self.ref.paragraph}句" if local_paragraph else f"第{chinese_number(self.ref.paragraph)}款"
        if self.ref.item is not None:
            label = self.item_label or f"（{chinese_number(self.ref.item)}）"
            where += f"第{label}项" if label.startswith("（") and not local_paragraph else label
        if self.number_confidence is Confidence.LOW:
            where += "（条号未经核实）"
        return where


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 40 → 四十 (for 1 to 99)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _min_conf(*values: Confidence | None) -> Confidence:
    known = [v for v in values if v is not None]
    return min(known, key=lambda c: c.order) if known else Confidence.LOW


def _merge(base: Provenance, override: Provenance | None) -> Provenance:
    if override is None:
        return base
    return Provenance(
        number_confidence=override.number_confidence or base.number_confidence,
        text_confidence=override.text_confidence or base.text_confidence,
        sources=override.sources or base.sources,
        note=override.note or base.note,
    )


@dataclass(frozen=True)
class InfluencePeriod:
    """How long a sanction bars promotion, and from which date, with the parameter that says so."""

    param: str
    months: int
    counted_from: str


class Library:
    """All instruments and parameters, checked for duplicates, dangling references and bad dates."""

    def __init__(self, instruments: list[Instrument]) -> None:
        self.instruments: dict[str, Instrument] = {}
        self._articles: dict[tuple[str, str], Article] = {}
        self._resolved: dict[CitationRef, ResolvedCitation] = {}  # kept with the library in the registry cache
        self.params: dict[str, tuple[Instrument, ParamSpec]] = {}
        """Each parameter with the instrument of its latest value; ``values`` holds the values of every source."""
        self.param_sources: dict[str, list[tuple[Instrument, ParamSpec]]] = {}
        """Each parameter's sources, oldest first: one instrument, or several when a requirement outlives its
        text (the 2014 and 2019 条例 set the same five years of work, each value cited to its own article)."""
        for inst in instruments:
            if inst.meta.id in self.instruments:
                raise RegulationDataError(f"duplicate instrument id {inst.meta.id!r}")
            self.instruments[inst.meta.id] = inst
            for art in inst.articles:
                key = (inst.meta.id, art.number)
                if key in self._articles:
                    raise RegulationDataError(f"{inst.meta.id}: duplicate article {art.number!r}")
                self._articles[key] = art
                _check_numbers(inst.meta.id, art)
            for param in inst.params:
                if any(other is inst for other, _ in self.param_sources.get(param.id, [])):
                    raise RegulationDataError(f"duplicate parameter id {param.id!r}")
                self.param_sources.setdefault(param.id, []).append((inst, param))
        for name, sources in self.param_sources.items():
            self.params[name] = _merge_sources(name, sources)
            self.param_sources[name] = sorted(sources, key=lambda s: min(s[1].values))
        for inst in instruments:
            self._check_instrument(inst)

    def _check_instrument(self, inst: Instrument) -> None:
        meta = inst.meta
        for other in (meta.superseded_by, meta.supersedes):
            if other is not None and other not in self.instruments:
                raise RegulationDataError(f"{meta.id}: refers to unknown instrument {other!r}")
        if meta.promulgated is not None and meta.effective < meta.promulgated:
            raise RegulationDataError(f"{meta.id}: effective {meta.effective} before promulgated")
        if meta.in_force_until is not None and meta.in_force_until < meta.effective:
            raise RegulationDataError(f"{meta.id}: in force until {meta.in_force_until}, before it took effect")
        if meta.superseded_by is not None:
            newer = self.instruments[meta.superseded_by].meta
            if newer.effective < meta.effective:
                raise RegulationDataError(f"{meta.id}: superseded by an instrument effective earlier")
            if meta.in_force_until is None or meta.in_force_until >= newer.effective:
                raise RegulationDataError(
                    f"{meta.id}: superseded by {newer.id} (effective {newer.effective}): in_force_until must be "
                    "set, before that date"
                )
        if meta.governs is not None:
            cite = meta.governs.cite
            self.resolve(CitationRef(meta.id, cite.article, cite.paragraph, cite.item))
        for param in inst.params:
            ref = CitationRef(meta.id, param.cite.article, param.cite.paragraph, param.cite.item)
            self.resolve(ref)
            for when, value in param.values.items():
                if when < meta.effective:
                    raise RegulationDataError(f"parameter {param.id}: value dated {when} before {meta.id} is in force")
                if len(self.param_sources[param.id]) > 1 and not self.in_force(meta.id, when):
                    raise RegulationDataError(f"parameter {param.id}: value dated {when} after {meta.id} ceased")
                _param_value(param, value)

    def resolve(self, ref: CitationRef) -> ResolvedCitation:
        """Resolve a citation to its text (once per library and reference); raise :class:`RegulationDataError` if it
        points nowhere."""
        resolved = self._resolved.get(ref)
        if resolved is None:
            resolved = self._resolved[ref] = self._resolve(ref)
        return resolved

    def _resolve(self, ref: CitationRef) -> ResolvedCitation:
        inst = self.instruments.get(ref.instrument)
        if inst is None:
            raise RegulationDataError(f"citation to unknown instrument {ref.instrument!r}")
        art = self._articles.get((ref.instrument, ref.article))
        if art is None:
            raise RegulationDataError(f"citation to unknown article {ref.instrument} {ref.article}")
        prov = art.provenance
        item_label = None
        if ref.paragraph is None:
            if ref.item is not None:
                raise RegulationDataError(f"citation {ref}: an item needs its paragraph")
            text = "".join(_paragraph_text(p) for p in art.paragraphs)
            text_conf = _min_conf(*(_merge(prov, p.provenance).text_confidence for p in art.paragraphs))
        else:
            para = next((p for p in art.paragraphs if p.number == ref.paragraph), None)
            if para is None:
                raise RegulationDataError(f"citation {ref}: no paragraph {ref.paragraph}")
            prov = _merge(prov, para.provenance)
            if ref.item is None:
                text = _paragraph_text(para)
            else:
                found = next((i for i in para.items if i.number == ref.item), None)
                if found is None:
                    raise RegulationDataError(f"citation {ref}: no item {ref.item}")
                prov = _merge(prov, found.provenance)
                text = (found.label or "") + found.text
                item_label = found.label
            text_conf = _min_conf(prov.text_confidence)
        if not text.strip():
            raise RegulationDataError(f"citation {ref}: the cited text is empty")
        number_conf = _min_conf(prov.number_confidence)
        return ResolvedCitation(
            ref=ref,
            instrument_title=inst.meta.title.zh,
            label=art.label,
            text=text,
            confidence=_min_conf(number_conf, text_conf),
            number_confidence=number_conf,
            text_confidence=text_conf,
            source_level=inst.meta.source_level,
            note=prov.note,
            item_label=item_label,
            source_file=inst.meta.source_file,
        )

    def param_type(self, name: str) -> str:
        """``ratio`` for ratio parameters, else ``int``."""
        return "ratio" if self.params[name][1].unit == "ratio" else "int"

    def param_value(self, name: str, as_of: date, override: ParamValue | None = None) -> ParamValue | None:
        """The value in force on ``as_of`` (or ``override``); None before the first dated value."""
        if name not in self.params:
            raise RegulationDataError(f"unknown parameter {name!r}")
        spec = self.params[name][1]
        if override is not None:
            return override
        dates = sorted(spec.values)
        index = bisect.bisect_right(dates, as_of) - 1
        if index < 0:
            return None
        return _param_value(spec, spec.values[dates[index]])

    def window(self, instrument: str) -> tuple[date, date | None]:
        """The days ``instrument`` is in force: its effective date and its last day (None while in force)."""
        meta = self.instruments[instrument].meta
        return meta.effective, meta.in_force_until

    def in_force(self, instrument: str, when: date) -> bool:
        """Whether ``instrument`` is in force on ``when`` (from its effective date to its last day)."""
        start, end = self.window(instrument)
        return start <= when and (end is None or when <= end)

    def core_in_force(self, when: date) -> bool:
        """Whether a version of the 选拔任用条例 encoded here governs ``when``."""
        return any(inst.meta.core and self.in_force(inst.meta.id, when) for inst in self.instruments.values())

    def revisions_after(self, instrument: str, when: date) -> list[Revision]:
        """Revisions of ``instrument`` made on or before ``when`` whose text is not encoded."""
        return [r for r in self.instruments[instrument].meta.revisions if r.revised_on <= when]

    def influence_period(
        self, kind: str, measure: str, decided_on: date, appointment_kind: str
    ) -> InfluencePeriod | None:
        """The influence period of a sanction under the instrument in force on its decision date, if encoded."""
        for inst, spec in self.params.values():
            tag = spec.sanction
            if tag is None or tag.kind != kind or measure not in tag.measures or appointment_kind not in tag.applies_to:
                continue
            if not self.in_force(inst.meta.id, decided_on):
                continue
            value = self.param_value(spec.id, decided_on)
            if isinstance(value, int):
                return InfluencePeriod(spec.id, value if spec.unit == "months" else 12 * value, tag.counted_from)
        return None

    def param_citation(self, name: str, as_of: date | None = None) -> CitationRef:
        """Where the value of a parameter in force on ``as_of`` is set (the latest value's source by default)."""
        inst, spec = self.param_sources[name][-1]
        if as_of is not None:
            for source, source_spec in self.param_sources[name]:
                if min(source_spec.values) <= as_of:
                    inst, spec = source, source_spec
        return CitationRef(inst.meta.id, spec.cite.article, spec.cite.paragraph, spec.cite.item)

    def param_values(self, name: str) -> list[tuple[date, int | str, CitationRef]]:
        """Every dated value of a parameter with the citation that sets it, oldest first."""
        out: list[tuple[date, int | str, CitationRef]] = []
        for inst, spec in self.param_sources[name]:
            cite = CitationRef(inst.meta.id, spec.cite.article, spec.cite.paragraph, spec.cite.item)
            out.extend((when, value, cite) for when, value in spec.values.items())
        return sorted(out, key=lambda v: v[0])


def _merge_sources(name: str, sources: list[tuple[Instrument, ParamSpec]]) -> tuple[Instrument, ParamSpec]:
    """One parameter set by several instruments: same unit, no date twice, values merged under the latest."""
    if len(sources) == 1:
        return sources[0]
    merged: dict[date, int | str] = {}
    for _inst, spec in sources:
        if spec.unit != sources[0][1].unit or spec.sanction is not None:
            raise RegulationDataError(f"parameter {name!r}: its sources differ in unit or carry a sanction tag")
        if set(spec.values) & set(merged):
            raise RegulationDataError(f"parameter {name!r}: two instruments set a value on the same date")
        merged |= spec.values
    inst, latest = max(sources, key=lambda s: max(s[1].values))
    return inst, latest.model_copy(update={"values": dict(sorted(merged.items()))})


def _paragraph_text(para: Any) -> str:
    return str(para.text) + "".join((i.label or "") + i.text for i in para.items)


def _check_numbers(instrument: str, art: Article) -> None:
    seen = [p.number for p in art.paragraphs]
    if len(set(seen)) != len(seen):
        raise RegulationDataError(f"{instrument} {art.number}: duplicate paragraph numbers")
    for para in art.paragraphs:
        items = [i.number for i in para.items]
        if len(set(items)) != len(items):
            raise RegulationDataError(f"{instrument} {art.number}: duplicate item numbers")
        if not para.text.strip() and not para.items:
            raise RegulationDataError(f"{instrument} {art.number}: paragraph {para.number} has no text")


def _param_value(spec: ParamSpec, value: int | str) -> ParamValue:
    if spec.unit == "ratio":
        try:
            return Fraction(str(value))
        except (ValueError, ZeroDivisionError):
            raise RegulationDataError(f"parameter {spec.id}: {value!r} is not a ratio like 2/3") from None
    if not isinstance(value, int):
        raise RegulationDataError(f"parameter {spec.id}: {value!r} is not an integer")
    return value


def _read_yaml(path: Path) -> Any:
    try:
        return read_yaml(path)
    except (OSError, YAMLError) as exc:
        raise RegulationDataError(f"{path}: {exc}") from exc


def load_library(root: Path | None = None) -> Library:
    """Read every ``<instrument>/meta.yaml``, ``text.yaml`` and ``params.yaml`` under ``root``."""
    root = root or data_root()
    instruments = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and (p / "meta.yaml").exists()):
        try:
            meta = InstrumentMeta.model_validate(_read_yaml(folder / "meta.yaml"))
            text = _read_yaml(folder / "text.yaml") or {}
            params = _read_yaml(folder / "params.yaml") if (folder / "params.yaml").exists() else {}
            inst = Instrument.model_validate(
                {
                    "meta": meta,
                    "articles": text.get("articles", []),
                    "params": (params or {}).get("params", []),
                }
            )
        except ValidationError as exc:
            raise RegulationDataError(f"{folder.name}: {exc}") from None
        if meta.id != folder.name:
            raise RegulationDataError(f"{folder}: meta id {meta.id!r} differs from the folder name")
        instruments.append(inst)
    return Library(instruments)


@cache
def default_library() -> Library:
    """The library shipped with cadre-rules (loaded once per process; the cached registry's when valid)."""
    from cadre_rules._cache import cached_registry

    registry = cached_registry()
    return registry.library if registry is not None else load_library()
