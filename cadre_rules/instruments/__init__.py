"""Regulation data with provenance: instruments, articles, dated parameters, citation resolution."""

from cadre_rules.instruments._library import (
    CitationRef,
    Library,
    ResolvedCitation,
    data_root,
    default_library,
    load_library,
)
from cadre_rules.instruments._model import Confidence, Instrument, SourceLevel

__all__ = [
    "CitationRef",
    "Confidence",
    "Instrument",
    "Library",
    "ResolvedCitation",
    "SourceLevel",
    "data_root",
    "default_library",
    "load_library",
]
