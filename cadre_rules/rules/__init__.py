"""Declarative rule specs, their condition language, and the registry that checks and compiles them."""

from cadre_rules.rules._registry import Registry, default_registry, load_specs, spec_files
from cadre_rules.rules._spec import CompiledRule, RuleSpec

__all__ = ["CompiledRule", "Registry", "RuleSpec", "default_registry", "load_specs", "spec_files"]
