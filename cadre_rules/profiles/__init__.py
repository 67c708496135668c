"""Profiles: which rules apply and which parameters are overridden, as data (regulations/profiles/*.yaml).

A profile file::

    id: my-city
    title: {zh: 某市从严规定, en: A city's stricter rules}
    extends: default                 # optional: a shipped profile's name, or a file beside this one
    source_levels: [national, local] # rules whose source level is listed (national cannot be dropped)
    local_instruments: null          # or a list: local-practice rules only from these instruments
    local_practice: advice           # advice (shown apart, never turns the outcome) or binding (adopted)
    exclude_rules: []                # rule ids left out (a national one is named at the top of the report)
    params: {min_publicity_working_days: 7}   # overrides, typed and bounded per parameter (PARAM_BOUNDS)

A profile validates against :class:`Profile` (unknown keys refused) with the rule registry as context: rule
ids, instruments and parameter names must be known; an integer parameter lies within the bounds of its unit
(:data:`PARAM_BOUNDS`); a ratio is an exact fraction between 0 and 1 (``"2/3"`` or ``"0.75"``, in quotes),
kept as :class:`fractions.Fraction`, with a denominator of at most :data:`MAX_RATIO_DENOMINATOR` so that
both engines compute with it exactly. Every error is a :class:`ProfileError` naming the key, in Chinese and
English.

Where a profile comes from: a bare name (``seed-002``) is a shipped profile and nothing else; a user's
profile is a path the caller names (it contains a path separator or ends ``.yaml``/``.yml``), read as is.
``extends:`` names a shipped profile, or a file relative to the profile's own folder that stays inside it.
"""

from __future__ import annotations

import difflib
import re
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from cadre_rules._errors import CaseError, Problem, ProfileError, clip
from cadre_rules._yaml import SafeLoader
from cadre_rules.instruments import SourceLevel, data_root
from cadre_rules.instruments._model import Bilingual, ParamValue
from cadre_rules.records._bounds import EARLIEST_DATE, LATEST_DATE, MAX_FACT_INT
from cadre_rules.rules import CompiledRule, Registry, default_registry

PARAM_BOUNDS: dict[str, tuple[int, int]] = {  # each within the record's bound of its unit (records/_bounds.py)
    "days": (0, 366),
    "working_days": (0, 366),
    "months": (0, 600),
    "years": (0, 60),
    "age": (0, 100),
    "count": (0, 1000),
    "hours": (0, 10_000),
}
"""Inclusive bounds of an integer parameter by its unit: a period is at most a year of days, fifty years of
months, sixty years (a working life); an age at most 100; a count at most 1,000; hours at most 10,000 (the
texts ask for 550 in five years). A calendar year (a parameter named ``…birth_year…``) lies in
:data:`CALENDAR_YEAR_BOUNDS`."""
CALENDAR_YEAR_BOUNDS = (EARLIEST_DATE.year, LATEST_DATE.year)
"""Inclusive bounds of a parameter that is a calendar year (the first birth cohort of a retirement reform): the
years of the record's dates."""
MAX_RATIO_DENOMINATOR = MAX_FACT_INT
"""The largest denominator of a ratio in lowest terms (six decimal places, or any fraction ``a/b`` up to it):
the engines multiply counts by it, and durable_rules computes in 64-bit numbers; like every integer the engines
receive it is at most :data:`~cadre_rules.records._bounds.MAX_FACT_INT`, which the compiler's worst case
assumes."""
MAX_PROFILE_BYTES = 64 * 1024
"""A profile file larger than this is refused unread."""
MAX_EXTENDS_DEPTH = 8
"""How many profiles an ``extends:`` chain may hold."""
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_RATIO_TEXT = re.compile(r"^(\d{1,30}(/\d{1,30}|\.\d{1,30})?|\.\d{1,30})$")


def _registry(info: ValidationInfo) -> Registry:
    context = info.context if isinstance(info.context, dict) else {}
    registry = context.get("registry")
    return registry if isinstance(registry, Registry) else default_registry()


def _known_rule(rule_id: str, info: ValidationInfo) -> str:
    registry = _registry(info)
    if rule_id not in registry.by_id:
        close = difflib.get_close_matches(rule_id, list(registry.by_id), n=3)
        raise PydanticCustomError(
            "profile_unknown_rule",
            "unknown rule id (`cadre-rules rules` lists them){hint}",
            {"hint": f"; did you mean {', '.join(close)}?" if close else "", "close": "、".join(close)},
        )
    return rule_id


def _known_instrument(instrument: str, info: ValidationInfo) -> str:
    if instrument not in _registry(info).library.instruments:
        raise PydanticCustomError("profile_unknown_instrument", "unknown instrument id")
    return instrument


def _ratio(value: Any) -> Fraction:
    """A ratio parameter: an exact fraction between 0 and 1, given as text ``"2/3"`` or ``"0.75"``."""
    if isinstance(value, Fraction):
        ratio = value
    elif not isinstance(value, str):
        raise PydanticCustomError(
            "profile_ratio_type",
            "a ratio is text in quotes: a fraction such as '2/3' or an exact decimal such as '0.75'",
        )
    else:
        text = value.strip()
        if len(text) > 64 or not _RATIO_TEXT.match(text):
            raise PydanticCustomError(
                "profile_ratio_form", "expected a fraction such as '2/3' or an exact decimal such as '0.75'"
            )
        try:
            ratio = Fraction(text)
        except ZeroDivisionError:
            raise PydanticCustomError("profile_ratio_form", "the denominator of a ratio cannot be 0") from None
    if not 0 <= ratio <= 1:
        raise PydanticCustomError("profile_ratio_range", "a ratio lies between 0 and 1")
    if ratio.denominator > MAX_RATIO_DENOMINATOR:
        raise PydanticCustomError(
            "profile_ratio_precision",
            "too fine a ratio: at most {places} decimal places, or a fraction a/b with b at most {most}",
            {"places": len(str(MAX_RATIO_DENOMINATOR)) - 1, "most": MAX_RATIO_DENOMINATOR},
        )
    return ratio


def param_bounds(registry: Registry, name: str) -> tuple[int, int] | None:
    """The inclusive bounds of an integer parameter (None for a ratio)."""
    unit = registry.library.params[name][1].unit
    if unit == "ratio":
        return None
    if "birth_year" in name:
        return CALENDAR_YEAR_BOUNDS
    return PARAM_BOUNDS[unit]


_PARAMS_MODELS: dict[int, type[BaseModel]] = {}


def _params_model(registry: Registry) -> type[BaseModel]:
    """A pydantic model of the ``params`` of a profile: one optional, typed and bounded field per parameter."""
    if id(registry) in _PARAMS_MODELS:
        return _PARAMS_MODELS[id(registry)]
    fields: dict[str, Any] = {}
    for name in registry.library.params:
        bounds = param_bounds(registry, name)
        if bounds is None:
            fields[name] = (Annotated[Fraction | None, PlainValidator(_ratio)], None)
        else:
            fields[name] = (Annotated[int, Field(strict=True, ge=bounds[0], le=bounds[1])] | None, None)
    config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)
    model: type[BaseModel] = create_model("ProfileParams", __config__=config, **fields)
    _PARAMS_MODELS[id(registry)] = model
    return model


def _unknown_params(value: dict[Any, Any], registry: Registry) -> list[InitErrorDetails]:
    errors: list[InitErrorDetails] = []
    for name in value:
        if isinstance(name, str) and name in registry.library.params:
            continue
        known = list(registry.library.params)
        close = difflib.get_close_matches(name, known, n=3) if isinstance(name, str) else []
        error = PydanticCustomError(
            "profile_unknown_param",
            "unknown parameter (`cadre-rules rules --format json` lists them){hint}",
            {"hint": f"; did you mean {', '.join(close)}?" if close else "", "close": "、".join(close)},
        )
        errors.append({"type": error, "loc": (clip(str(name), 60),), "input": value[name]})
    return errors


class Profile(BaseModel):
    """A named selection of rules with parameter overrides, validated against the rule registry."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    title: Bilingual
    description: str | None = Field(None, max_length=4000)
    extends: str | None = Field(None, min_length=1, max_length=500)
    source_levels: list[SourceLevel] = Field(
        default_factory=lambda: [SourceLevel.NATIONAL, SourceLevel.LOCAL], max_length=2
    )
    local_instruments: list[Annotated[str, AfterValidator(_known_instrument)]] | None = Field(None, max_length=1000)
    local_practice: Literal["advice", "binding"] = Field(
        "advice",
        description=(
            "advice: local-practice findings are shown apart as advice and never turn the outcome; binding: the "
            "profile adopts the local practices it selects as rules that decide the outcome"
        ),
    )
    exclude_rules: list[Annotated[str, AfterValidator(_known_rule)]] = Field(default_factory=list, max_length=5000)
    params: dict[str, ParamValue] = Field(default_factory=dict)

    @field_validator("source_levels")
    @classmethod
    def _keeps_national(cls, levels: list[SourceLevel]) -> list[SourceLevel]:
        if SourceLevel.NATIONAL not in levels:
            raise PydanticCustomError(
                "profile_drops_national",
                "a profile cannot drop the national texts: keep national and name any national rule it leaves "
                "out in exclude_rules",
            )
        return levels

    @field_validator("params", mode="plain")
    @classmethod
    def _typed_params(cls, value: Any, info: ValidationInfo) -> dict[str, ParamValue]:
        registry = _registry(info)
        unknown = _unknown_params(value, registry) if isinstance(value, dict) else []
        known = {k: v for k, v in value.items() if k in registry.library.params} if unknown else value
        try:
            model = _params_model(registry).model_validate(known, context=info.context)
        except ValidationError as exc:
            errors: list[InitErrorDetails] = [
                {"type": PydanticCustomError(e["type"], e["msg"], e.get("ctx")), "loc": e["loc"], "input": e["input"]}
                for e in exc.errors(include_url=False)
            ]
            raise ValidationError.from_exception_data("params", unknown + errors) from None
        if unknown:
            raise ValidationError.from_exception_data("params", unknown)
        return {name: getattr(model, name) for name in sorted(model.model_fields_set)}

    def selects(self, rule: CompiledRule) -> bool:
        """True when ``rule`` belongs to this profile."""
        if rule.id in self.exclude_rules or rule.source_level not in self.source_levels:
            return False
        if rule.source_level is SourceLevel.NATIONAL or self.local_instruments is None:
            return True
        return any(c.instrument in self.local_instruments for c in rule.spec.citations)

    def binding(self, rule: CompiledRule) -> bool:
        """True when the rule's findings decide the outcome (national rules, or local ones the profile adopts)."""
        return rule.source_level is SourceLevel.NATIONAL or self.local_practice == "binding"

    def overrides(self, registry: Registry) -> dict[str, ParamValue]:
        """Parameter overrides as typed values (integers, and ratios as exact fractions)."""
        return dict(self.params)

    def excluded_national(self, registry: Registry) -> list[str]:
        """The national rules this profile leaves out, sorted."""
        return sorted(r for r in self.exclude_rules if registry.by_id[r].source_level is SourceLevel.NATIONAL)

    def notice(self, registry: Registry) -> dict[str, str] | None:
        """What the top of a report says when the profile leaves out national rules (zh, en), else None."""
        excluded = self.excluded_national(registry)
        if not excluded:
            return None
        ids = ", ".join(excluded)
        return {
            "zh": f"规则集“{self.id}”排除了 {len(excluded)} 项国家规定，本报告未作这些检查：{ids}",
            "en": f"Profile {self.id} leaves out {len(excluded)} national rule(s), not checked in this report: {ids}",
        }

    def check(self, registry: Registry) -> None:
        """Raise :class:`ProfileError` unless every rule, instrument and parameter is known to ``registry``."""
        try:
            Profile.model_validate(_fields(self), context={"registry": registry})
        except ValidationError as exc:
            raise ProfileError(self.id, _problems(exc)) from None


def _fields(profile: Profile, names: set[str] | None = None) -> dict[str, Any]:
    """The fields of a profile as they are (no serialisation: ratios stay fractions), or only ``names``."""
    return {name: getattr(profile, name) for name in Profile.model_fields if names is None or name in names}


def _problems(exc: ValidationError) -> list[Problem]:
    from cadre_rules.records._load import problems_from_validation

    return problems_from_validation(exc)


def profiles_dir() -> Path:
    """Where the shipped profiles live."""
    return data_root() / "profiles"


def available_profiles() -> list[str]:
    """Names of the shipped profiles."""
    return sorted(p.stem for p in profiles_dir().glob("*.yaml"))


def _is_path(ref: str | Path) -> bool:
    """A caller's file rather than a shipped name: a Path, or text with a path separator or a YAML suffix."""
    return isinstance(ref, Path) or "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml"))


def _shipped_path(name: str, source: str, key: str = "(profile)") -> Path:
    if not _NAME.match(name) or name not in available_profiles():
        known = ", ".join(available_profiles())
        close = difflib.get_close_matches(name, available_profiles(), n=1, cutoff=0.6)
        hint_en, hint_zh = (f"; did you mean {close[0]!r}?", f"；是否应为 {close[0]}？") if close else ("", "")
        raise ProfileError(
            source,
            [
                Problem(
                    key,
                    f"unknown profile {clip(name, 60)!r}: a name is one of the shipped profiles ({known}); a file of "
                    f"your own is given by its path (with a / or ending .yaml){hint_en}",
                    f"未知规则集 {clip(name, 60)!r}：名称只能是随附规则集之一（{known}）；自备规则集文件请给出路径"
                    f"（含 / 或以 .yaml 结尾）{hint_zh}",
                )
            ],
        )
    return profiles_dir() / f"{name}.yaml"


def _read(path: Path, source: str) -> dict[str, Any]:
    """A profile file's mapping, read safely (:mod:`cadre_rules._files`: a regular file of at most
    :data:`MAX_PROFILE_BYTES`, UTF-8, no duplicate key, nested at most 64 levels)."""
    from cadre_rules._files import load_data

    try:
        data = load_data(path, limit=MAX_PROFILE_BYTES, what=("profile file", "规则集文件"), loader=SafeLoader)
    except CaseError as exc:
        raise ProfileError(source, exc.problems, exc.more) from None
    if not isinstance(data, dict):
        raise ProfileError(
            source, [Problem("(profile)", "expected a mapping at the top level", "顶层应为对象（映射）")]
        )
    return data


def _validated(data: dict[str, Any], registry: Registry, source: str) -> Profile:
    from cadre_rules.records._load import input_problems

    if problems := input_problems(data):
        raise ProfileError(source, problems)
    try:
        return Profile.model_validate(data, context={"registry": registry})
    except ValidationError as exc:
        raise ProfileError(source, _problems(exc)) from None


def _parent_path(ref: str, path: Path, source: str) -> Path:
    """Where ``extends: ref`` of the profile file ``path`` points: a shipped name, or a file in its folder."""
    if not _is_path(ref):
        return _shipped_path(ref, source, "extends")
    folder = path.parent.resolve()
    target = (path.parent / ref).resolve()
    if not target.is_relative_to(folder):
        raise ProfileError(
            source,
            [
                Problem(
                    "extends",
                    "extends names a shipped profile or a file inside the profile's own folder; "
                    f"{clip(ref, 60)!r} leads outside it",
                    f"只能继承随附规则集或本规则集文件所在目录内的文件；{clip(ref, 60)!r} 指向目录之外",
                )
            ],
        )
    return target


def _load(path: Path, source: str, registry: Registry, chain: tuple[Path, ...]) -> Profile:
    data = _read(path, source)
    profile = _validated(data, registry, source)
    if profile.extends is None:
        return profile
    parent_path = _parent_path(profile.extends, path, source)
    if parent_path.resolve() in chain or len(chain) >= MAX_EXTENDS_DEPTH:
        why_en = "extends itself" if parent_path.resolve() in chain else f"more than {MAX_EXTENDS_DEPTH} profiles deep"
        why_zh = "继承链循环指向自身" if parent_path.resolve() in chain else f"继承层级超过 {MAX_EXTENDS_DEPTH} 层"
        raise ProfileError(source, [Problem("extends", f"the chain of extends {why_en}", why_zh)])
    parent_source = profile.extends if not _is_path(profile.extends) else str(parent_path)
    base = _load(parent_path, parent_source, registry, (*chain, parent_path.resolve()))
    merged = _fields(base) | _fields(profile, profile.model_fields_set)
    merged["params"] = {**base.params, **profile.params}
    merged["exclude_rules"] = sorted({*base.exclude_rules, *profile.exclude_rules})
    return _validated(merged, registry, source)


_SHIPPED: dict[tuple[str, int], Profile] = {}


def load_profile(name_or_path: str | Path, registry: Registry) -> Profile:
    """Load a shipped profile by name, or a user's profile file by path; validate it against ``registry``.

    A bare name resolves only to a shipped profile; a path (a :class:`~pathlib.Path`, or text with a path
    separator or ending ``.yaml``/``.yml``) is read as given. Shipped profiles are read once per process; a
    user's file is read on every call. Raises :class:`ProfileError` naming the key at fault.
    """
    if _is_path(name_or_path):
        path = Path(name_or_path)
        profile = _load(path, str(name_or_path), registry, (path.resolve(),))
        shipped = profiles_dir() / f"{profile.id}.yaml"
        if profile.id in available_profiles() and path.resolve() != shipped.resolve():
            en = f"{profile.id!r} is a shipped profile's id: give your profile an id of its own"
            zh = f"{profile.id!r} 是随附规则集的名称，自备规则集请另取名称"
            raise ProfileError(str(name_or_path), [Problem("id", en, zh)])
        return profile
    name = str(name_or_path)
    key = (name, id(registry))
    if key not in _SHIPPED:
        path = _shipped_path(name, name)
        _SHIPPED[key] = _load(path, name, registry, (path.resolve(),))
    return _SHIPPED[key]


__all__ = [
    "CALENDAR_YEAR_BOUNDS",
    "MAX_RATIO_DENOMINATOR",
    "PARAM_BOUNDS",
    "Profile",
    "available_profiles",
    "load_profile",
    "param_bounds",
    "profiles_dir",
]
