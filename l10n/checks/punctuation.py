"""End punctuation: a question stays a question, a sentence keeps its full stop, a
heading or label gains none. Closing quotes, brackets and placeholders are looked
through ("…border crossing,»" ends like "…crossing,\"")."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.documents.segment import strip_placeholders

_TRAILING = re.compile(r"[\s\"'»”“’)\]*_]+$")
_ENDS = {".": "full stop", "?": "question mark", "!": "exclamation mark", ":": "colon", "…": "ellipsis"}


def end_mark(text: str) -> str:
    """The sentence's final mark ("" for none); "..." counts as "…"."""
    plain = _TRAILING.sub("", strip_placeholders(text)).replace("...", "…")
    return plain[-1] if plain and plain[-1] in _ENDS else ""


class EndPunctuationCheck(Check):
    id = "end-punctuation"
    name = "End punctuation"
    description = "The translation ends with the same mark as the source (. ? ! : … or none)."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        expected, found = end_mark(source), end_mark(target)
        if expected == found or {expected, found} <= {".", "…"}:
            return []
        said = _ENDS.get(found, "no mark")
        return [Finding(f"ends with {said}, the source with {_ENDS.get(expected, 'no mark')}")]
