"""Rule engines behind one interface: durable_rules (default) and the native evaluator."""

from cadre_rules.engine._base import Engine, EngineError, EngineUnavailableError, applies_key, violated_key
from cadre_rules.engine._durable import AVAILABLE as DURABLE_AVAILABLE
from cadre_rules.engine._durable import DurableEngine, durable_unavailable_message, shared_engine
from cadre_rules.engine._native import NativeEngine

__all__ = [
    "DURABLE_AVAILABLE",
    "DurableEngine",
    "Engine",
    "EngineError",
    "EngineUnavailableError",
    "NativeEngine",
    "applies_key",
    "durable_unavailable_message",
    "shared_engine",
    "violated_key",
]
