"""quotes: who said what, in what capacity, about which claim — with offsets into the source text."""

__version__ = "0.1.0"

from .extractor import Extractor, extract, stance  # noqa: E402
from . import tables  # noqa: E402
from .model import Claim, Cue, Document, Entity, Quote, Speaker, Stance  # noqa: E402

__all__ = ["Extractor", "extract", "stance", "Claim", "Cue", "Document", "Entity", "Quote", "Speaker", "Stance",
           "tables", "__version__"]
