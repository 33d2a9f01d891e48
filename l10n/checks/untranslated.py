import re

from l10n.checks.base import Check, Unit
from l10n.documents.segment import strip_placeholders


class UntranslatedCheck(Check):
    id = "untranslated"
    name = "Untranslated text"
    description = "The translation is a copy of the English source."

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        words = re.findall(r"[^\W\d_]+", strip_placeholders(source))
        if len(words) < 3:  # names, acronyms and short labels may well stay as they are
            return []
        if " ".join(source.split()).casefold() == " ".join(target.split()).casefold():
            return ["the translation is the English source"]
        return []
