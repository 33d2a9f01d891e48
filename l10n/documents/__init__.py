"""Source documents ⇄ translatable segments.

``parse_markdown`` turns an article into a :class:`Document`: an ordered list of segments
(the msgids of its catalog) and the knowledge needed to put translations back in place.
"""

from l10n.documents.markdown import Document, Unextracted, parse_markdown
from l10n.documents.segment import Markup, PlaceholderError, Segment

__all__ = ["Document", "Markup", "PlaceholderError", "Segment", "Unextracted", "parse_markdown"]
