"""Both engines agree at the bounds: every integer field of the case and every parameter, at each end.

Issue 13 (``discipline.over_quota`` differed between the engines) and issue 14 (arithmetic at the int64 edges):
durable_rules computes ``unit_holders_before + 1`` in 64-bit integers that wrap silently, the native evaluator
exactly; the record's bounds keep every integer far from the edge, and both engines refuse a fact beyond it.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction
from typing import Any

import pytest

from cadre_rules import CaseError, ProfileError, validate
from cadre_rules.engine import DURABLE_AVAILABLE, EngineError, NativeEngine, shared_engine
from cadre_rules.engine._durable_compile import check_magnitude, worst_case
from cadre_rules.facts import DEFAULT_CALENDAR, default_as_of, derive
from cadre_rules.profiles import CALENDAR_YEAR_BOUNDS, MAX_RATIO_DENOMINATOR, PARAM_BOUNDS, Profile, param_bounds
from cadre_rules.records import case_from_mapping
from cadre_rules.records._bounds import (
    EARLIEST_DATE,
    ENGINE_INT_LIMIT,
    LATEST_DATE,
    MAX_COUNT,
    MAX_DAYS,
    MAX_FACT_INT,
    MAX_HOURS,
    MAX_YEARS,
)
from cadre_rules.rules import default_registry
from cadre_rules.rules._expr import CoreCompare, param_key
from cadre_rules.testing import base_methods, base_variants, compliant_base, deep_merge
from tests.records.bounds_walk import NumberField, base_holding, dotted, number_fields, number_paths, put

pytestmark = pytest.mark.skipif(not DURABLE_AVAILABLE, reason="durable_rules does not import here")

OVER_QUOTA = "discipline.over_quota"
BASES = [(m, v) for v in (None, *base_variants()) for m in base_methods(v)]


def _durable() -> Any:
    registry = default_registry()
    return shared_engine(registry, registry.rules)


def _both(data: dict[str, Any], profile: str | Profile = "default") -> tuple[str, str]:
    """The JSON reports of both engines, each with its engine's name left out."""
    native = validate(data, engine="native", profile=profile).to_json()
    durable = validate(data, engine="durable", profile=profile).to_json()
    assert '"engine":"native"' in native and '"engine":"durable"' in durable
    return native.replace('"engine":"native"', ""), durable.replace('"engine":"durable"', "")


def test_over_quota_smallest_reproducer_no_longer_differs() -> None:
    """The smallest reproducer of the over_quota difference: holders 2**63 - 1, quota 5, a promotion.

    Before the fix native said violated (2**63 > 5) and durable said satisfied (2**63 - 1 + 1 wrapped to
    -2**63).  Now the fact is refused alike by both engines, and the record refuses the count at input.
    """
    rule = default_registry().by_id[OVER_QUOTA]
    fact: dict[str, int | str | bool] = {
        "appointment_kind": "promotion",
        "unit_holders_before": 2**63 - 1,
        "unit_approved_quota": 5,
    }
    for engine in (NativeEngine(), _durable()):
        with pytest.raises(EngineError, match="unit_holders_before"):
            engine.fired([rule], fact)
    at_bound = fact | {"unit_holders_before": MAX_FACT_INT, "unit_approved_quota": MAX_FACT_INT}
    expected = {f"{OVER_QUOTA}#applies", f"{OVER_QUOTA}#violated"}
    assert NativeEngine().fired([rule], at_bound) == _durable().fired([rule], at_bound) == expected
    with pytest.raises(CaseError, match=r"post\.unit\.holders_before"):
        case_from_mapping(deep_merge(compliant_base(), {"post": {"unit": {"holders_before": 2**63 - 1}}}))


@pytest.mark.parametrize(("holders", "quota"), [(MAX_COUNT, MAX_COUNT), (MAX_COUNT - 1, MAX_COUNT), (0, 0), (0, 1)])
def test_over_quota_at_the_count_bounds(holders: int, quota: int) -> None:
    """At the count bounds both engines give the report the arithmetic says (holders + 1 > quota: violated)."""
    data = deep_merge(compliant_base(), {"post": {"unit": {"holders_before": holders, "approved_quota": quota}}})
    native, durable = _both(data)
    assert native == durable
    finding = next(f for f in validate(data, engine="durable").findings if f.rule_id == OVER_QUOTA)
    assert finding.status == ("violated" if holders + 1 > quota else "satisfied")


def test_every_rule_is_within_the_engine_integer_limit() -> None:
    """With every fact and parameter at ±MAX_FACT_INT no rule's arithmetic leaves ±2**62."""
    for rule in default_registry().rules:
        check_magnitude(rule)
        assert worst_case(rule.violated_core) <= ENGINE_INT_LIMIT


def test_a_condition_that_could_overflow_is_refused() -> None:
    """A product of four integer facts could pass 2**63 within the bounds: the compiler refuses it."""
    rule = default_registry().by_id[OVER_QUOTA]
    product = ((1, ("a", "b", "c", "d")),)
    wide = dataclasses.replace(rule, violated_core=CoreCompare(">", product, ((1, ("e",)),)))
    with pytest.raises(EngineError, match=OVER_QUOTA):
        check_magnitude(wide)


def _variants(field: NumberField, value: int | float) -> list[tuple[dict[str, Any], str]]:
    """The case with every number of ``field``'s record at the same end as ``value``, then ``field`` alone."""
    held = base_holding(field.model)
    assert held is not None, f"no shipped case holds a {field.model.__name__}"
    data, path = held
    alone = put(data, (*path, field.name), value)
    together = alone
    for sibling in number_fields():
        if sibling.model is field.model and sibling.name != field.name:
            end = sibling.low if value == field.low else sibling.high
            together = put(together, (*path, sibling.name), end)
    return [(together, dotted((*path, field.name))), (alone, dotted((*path, field.name)))]


def _all_at_one_end(
    data: dict[str, Any], end: str
) -> tuple[dict[str, Any], list[tuple[tuple[str | int, ...], NumberField]]]:
    """``data`` with as many of its numbers as possible at one end: every number at first, then, while a
    cross-field check refuses the case, the numbers of the records it names put back as they were."""
    located = number_paths(data)
    for _ in range(6):
        moved = data
        for path, field in located:
            moved = put(moved, path, field.low if end == "low" else field.high)
        try:
            case_from_mapping(moved)
        except CaseError as exc:
            named = [p.path for p in exc.problems]
            kept = [(path, f) for path, f in located if not any(dotted(path).startswith(n) for n in named)]
            if len(kept) == len(located):
                break
            located = kept
            continue
        break
    return moved, located


def _agree_or_refused(data: dict[str, Any], where: list[str]) -> bool:
    """True when both engines give one report on ``data``; False when a cross-field check refuses it (a bound
    error at one of the ``where`` paths fails the test: a value at its bound is admissible)."""
    try:
        case_from_mapping(data)
    except CaseError as exc:
        bound_errors = [p for p in exc.problems if p.path in where and "数值过" in p.message_zh]
        assert not bound_errors, bound_errors
        return False
    native, durable = _both(data)
    assert native == durable, where
    return True


def test_every_integer_field_at_its_bounds_engines_agree() -> None:
    """Each number field of the model (found from the pydantic models) at its lower and upper bound: the value
    is admissible, and the case is either valid with identical reports on both engines or refused for a
    cross-field reason (e.g. more agree votes than members), never for the bound itself.

    First every number of a shipped base at once (one end), then each record's numbers together, then each
    field alone, until the field at that end has been evaluated."""
    pairs = {(field, end) for field in number_fields() for end in ("low", "high")}
    covered: set[tuple[NumberField, str]] = set()
    for method, variant in BASES:
        data = compliant_base(method, variant)
        for end in ("low", "high"):
            moved, placed = _all_at_one_end(data, end)
            if _agree_or_refused(moved, [dotted(path) for path, _ in placed]):
                covered |= {(field, end) for _, field in placed}
    for field, end in sorted(pairs - covered, key=lambda p: (p[0].model.__name__, p[0].name, p[1])):
        value = field.low if end == "low" else field.high
        assert value is not None
        for data, where in _variants(field, value):
            if _agree_or_refused(data, [where]):
                covered.add((field, end))
                break
    assert len(covered) >= len(pairs) * 3 // 4, (len(covered), len(pairs))


def _flat(data: dict[str, Any]) -> tuple[dict[str, int | str | bool], Any]:
    """The facts of a case as the engines receive them (without parameters), and its as-of date."""
    case = case_from_mapping(data)
    when = default_as_of(case)
    facts = derive(case, when, DEFAULT_CALENDAR, default_registry().library)
    return dict(facts.values), when


def _param_ends(name: str) -> list[int | Fraction]:
    registry = default_registry()
    bounds = param_bounds(registry, name)
    if bounds is None:
        tiny = Fraction(1, MAX_RATIO_DENOMINATOR)
        return [Fraction(0), tiny, 1 - tiny, Fraction(1)]
    return list(bounds)


def _with_param(flat: dict[str, int | str | bool], name: str, value: int | Fraction) -> dict[str, int | str | bool]:
    out = dict(flat)
    if isinstance(value, Fraction):
        out[param_key(name, "num")] = value.numerator
        out[param_key(name, "den")] = value.denominator
    else:
        out[param_key(name)] = value
    return out


@pytest.mark.parametrize("method", ["standard", "open_selection", "competitive_post"])
def test_every_parameter_at_its_bounds_engines_agree(method: str) -> None:
    """Each parameter (integers at both ends of their bounds, ratios at 0, 1 and one step from each) with the
    others at their values in force: both engines fire the same conditions on the rules that read it."""
    registry = default_registry()
    flat, when = _flat(compliant_base(method))
    in_force = {
        name: registry.library.param_value(name, when) for name in registry.library.params if name in _read_params()
    }
    base = flat
    for name, value in in_force.items():
        if value is not None:
            base = _with_param(base, name, value)
    for name in sorted(_read_params()):
        readers = [r for r in registry.rules if name in r.params]
        for end in _param_ends(name):
            fact = _with_param(base, name, end)
            assert NativeEngine().fired(readers, fact) == _durable().fired(readers, fact), f"{name} = {end}"


def _read_params() -> set[str]:
    return {p for r in default_registry().rules for p in r.params}


@pytest.mark.parametrize("end", ["low", "high"])
def test_every_parameter_at_one_end_in_a_profile_engines_agree(end: str) -> None:
    """A profile that sets every parameter to its lower (upper) bound validates every shipped base with
    identical reports on both engines."""
    registry = default_registry()
    params: dict[str, Any] = {}
    for name in registry.library.params:
        ends = _param_ends(name)
        value = ends[0] if end == "low" else ends[-1]
        params[name] = f"{value.numerator}/{value.denominator}" if isinstance(value, Fraction) else value
    profile = Profile.model_validate(
        {"id": f"edge-{end}", "title": {"zh": "边界", "en": "edges"}, "params": params}, context={"registry": registry}
    )
    for method in ("standard", "open_selection", "competitive_post"):
        native, durable = _both(compliant_base(method), profile)
        assert native == durable, method


def test_parameter_bounds_lie_within_the_record_bounds() -> None:
    """Each unit's parameter bounds lie within the record's bound for that unit, and within MAX_FACT_INT."""
    record_max = {
        "days": MAX_DAYS,
        "working_days": MAX_DAYS,
        "months": 12 * MAX_YEARS,
        "years": MAX_YEARS,
        "age": MAX_YEARS,
        "count": MAX_COUNT,
        "hours": MAX_HOURS,
    }
    assert set(PARAM_BOUNDS) == set(record_max)
    for unit, (low, high) in PARAM_BOUNDS.items():
        assert 0 <= low <= high <= record_max[unit] <= MAX_FACT_INT, unit
    assert (EARLIEST_DATE.year, LATEST_DATE.year) == CALENDAR_YEAR_BOUNDS
    assert MAX_RATIO_DENOMINATOR <= MAX_FACT_INT
    registry = default_registry()
    for name, (_, spec) in registry.library.params.items():
        assert spec.unit == "ratio" or spec.unit in PARAM_BOUNDS, name


def test_a_parameter_beyond_its_bound_is_refused_naming_it() -> None:
    """Every integer parameter one past either bound, and a ratio one step too fine, is a ProfileError naming it."""
    registry = default_registry()
    for name in registry.library.params:
        bounds = param_bounds(registry, name)
        outside: list[Any] = (
            [f"1/{MAX_RATIO_DENOMINATOR + 1}", "-1/2", "3/2"] if bounds is None else [bounds[0] - 1, bounds[1] + 1]
        )
        for value in outside:
            with pytest.raises(ProfileError) as caught:
                load_profile_data({"id": "edge", "title": {"zh": "边界", "en": "edges"}, "params": {name: value}})
            assert any(p.path == f"params.{name}" for p in caught.value.problems), caught.value


def load_profile_data(data: dict[str, Any]) -> Profile:
    """A profile from a mapping, as a profile file is read (errors as ProfileError)."""
    from cadre_rules.profiles import _validated

    return _validated(data, default_registry(), "(test)")
