"""Source documents ⇄ translatable segments.

``parse_markdown`` turns an article into a :class:`Document`: an ordered list of segments
(the msgids of its catalog) and the knowledge needed to put translations back in place.
"""

from l10n.documents.markdown import Document, Unextracted, parse_markdown
from l10n.documents.segment import Markup, PlaceholderError, Segment

# Changes whenever the same article can give other segments, so that cached extractions
# (skipped when the article is unchanged) are redone: 2 = literal <1> text as placeholders,
# every table cell, footnotes, deep nesting.
SEGMENTATION = "2"

__all__ = [
    "SEGMENTATION",
    "Document",
    "Markup",
    "PlaceholderError",
    "Segment",
    "Unextracted",
    "parse_markdown",
]
