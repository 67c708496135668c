"""Profiles: which rules apply and which parameters are overridden, as data (regulations/profiles/*.yaml).

A profile file::

    id: my-city
    title: {zh: 某市从严规定, en: A city's stricter rules}
    extends: default                 # optional: start from another profile
    source_levels: [national, local] # rules whose source level is listed
    local_instruments: null          # or a list: local-practice rules only from these instruments
    local_practice: advice           # advice (shown apart, never turns the outcome) or binding (adopted)
    exclude_rules: []                # rule ids left out
    params: {min_publicity_working_days: 7}   # overrides, checked against the regulation data
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cadre_rules._errors import RegulationDataError
from cadre_rules._yaml import YAMLError, read_yaml
from cadre_rules.instruments import SourceLevel, data_root
from cadre_rules.instruments._model import Bilingual, ParamValue
from cadre_rules.rules import CompiledRule, Registry


class Profile(BaseModel):
    """A named selection of rules with parameter overrides."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: Bilingual
    description: str | None = None
    extends: str | None = None
    source_levels: list[SourceLevel] = Field(default_factory=lambda: [SourceLevel.NATIONAL, SourceLevel.LOCAL])
    local_instruments: list[str] | None = None
    local_practice: Literal["advice", "binding"] = Field(
        "advice",
        description=(
            "advice: local-practice findings are shown apart as advice and never turn the outcome; binding: the "
            "profile adopts the local practices it selects as rules that decide the outcome"
        ),
    )
    exclude_rules: list[str] = Field(default_factory=list)
    params: dict[str, int | str] = Field(default_factory=dict)

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
        """Parameter overrides as typed values."""
        out: dict[str, ParamValue] = {}
        for name, value in self.params.items():
            kind = registry.library.param_type(name)
            out[name] = Fraction(str(value)) if kind == "ratio" else int(value)
        return out

    def check(self, registry: Registry) -> None:
        """Raise :class:`RegulationDataError` for unknown rules, instruments or parameters."""
        for rule_id in self.exclude_rules:
            if rule_id not in registry.by_id:
                raise RegulationDataError(f"profile {self.id}: unknown rule {rule_id!r}")
        for inst in self.local_instruments or []:
            if inst not in registry.library.instruments:
                raise RegulationDataError(f"profile {self.id}: unknown instrument {inst!r}")
        for name, value in self.params.items():
            if name not in registry.library.params:
                raise RegulationDataError(f"profile {self.id}: unknown parameter {name!r}")
            try:
                if registry.library.param_type(name) == "ratio":
                    Fraction(str(value))
                elif not isinstance(value, int) or isinstance(value, bool):
                    raise ValueError(value)
            except (ValueError, ZeroDivisionError):
                raise RegulationDataError(f"profile {self.id}: bad value {value!r} for {name}") from None


def profiles_dir() -> Path:
    """Where the shipped profiles live."""
    return data_root() / "profiles"


def available_profiles() -> list[str]:
    """Names of the shipped profiles."""
    return sorted(p.stem for p in profiles_dir().glob("*.yaml"))


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_yaml(path)
    except (OSError, YAMLError) as exc:
        raise RegulationDataError(f"profile {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise RegulationDataError(f"profile {path}: expected a mapping")
    return data


_SHIPPED: dict[tuple[str, int], Profile] = {}


def load_profile(name_or_path: str | Path, registry: Registry, _seen: tuple[str, ...] = ()) -> Profile:
    """Load a shipped profile by name, or a user's profile file by path; check it against ``registry``.

    Shipped profiles are read once per process; a user's file is read on every call.
    """
    key = (str(name_or_path), id(registry))
    if key in _SHIPPED:
        return _SHIPPED[key]
    path = Path(name_or_path)
    shipped = not (path.suffix in (".yaml", ".yml") and path.exists())
    if shipped:
        path = profiles_dir() / f"{name_or_path}.yaml"
        if not path.exists():
            known = ", ".join(available_profiles())
            raise RegulationDataError(f"unknown profile {str(name_or_path)!r} (known: {known}; or give a file path)")
    data = _read(path)
    parent = data.get("extends")
    if parent is not None:
        if parent in _seen:
            raise RegulationDataError(f"profile {path}: extends itself through {parent!r}")
        base = load_profile(str(parent), registry, (*_seen, str(parent)))
        merged = base.model_dump(mode="json")
        merged["params"] = {**base.params, **data.get("params", {})}
        merged["exclude_rules"] = sorted({*base.exclude_rules, *data.get("exclude_rules", [])})
        merged.update({k: v for k, v in data.items() if k not in ("params", "exclude_rules")})
        data = merged
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise RegulationDataError(f"profile {path}: {exc}") from None
    profile.check(registry)
    if shipped:
        _SHIPPED[key] = profile
    return profile


__all__ = ["Profile", "available_profiles", "load_profile", "profiles_dir"]
