"""quotes: who said what, in what capacity, about which claim — with offsets into the source text.

The names below are loaded when first used, so that importing one module (`quotes.model`) loads only it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "Extractor": "extractor", "extract": "extractor", "stance": "extractor", "tables": None,
    "Claim": "model", "Cue": "model", "Document": "model", "Entity": "model", "Quote": "model", "Speaker": "model",
    "Stance": "model",
}
__all__ = [*_LAZY, "__version__"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'quotes' has no attribute {name!r}")
    module = _LAZY[name]
    value = import_module(f".{module or name}", __name__)
    return getattr(value, name) if module else value


def __dir__() -> list[str]:
    return sorted(__all__)
