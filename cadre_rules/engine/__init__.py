"""Rule engines behind one interface: durable_rules (default) and the native evaluator."""

from cadre_rules.engine._base import Engine, EngineError, applies_key, violated_key
from cadre_rules.engine._durable import AVAILABLE as DURABLE_AVAILABLE
from cadre_rules.engine._durable import DurableEngine, shared_engine
from cadre_rules.engine._native import NativeEngine

__all__ = [
    "DURABLE_AVAILABLE",
    "DurableEngine",
    "Engine",
    "EngineError",
    "NativeEngine",
    "applies_key",
    "shared_engine",
    "violated_key",
]
