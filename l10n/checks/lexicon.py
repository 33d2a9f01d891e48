"""Words outside the target language's lexicon (its Debian hunspell dictionary) that no
other language explains either: misspellings, garbled or invented forms. Words with a
capital ("Tbilissi", "d'Aktaou") are left alone: most are names no dictionary knows."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.checks.leftovers import foreign_language, unknown_words


class UnknownWordsCheck(Check):
    id = "lexicon"
    name = "Words outside the lexicon"
    description = "Lower-case words the target language's dictionary does not know."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        return [
            Finding(f"unknown word: {word.text}", (word.start, word.end))
            for word in unknown_words(source, target, unit) or []
            if word.text.islower() and foreign_language(word.text, unit) is None
        ]
