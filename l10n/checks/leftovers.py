"""Leftover words of the source language (English) or of a pivot language (Spanish, which
Apertium goes through for French and Italian): words the target language's dictionary
does not know and the other language's does ("counterparts", "turbulencia",
"Azerbaiyán" in a French draft). Names and glossary terms are left alone."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.checks.words import Word, exempt, words
from l10n.languages.lexicon import lexicon

LANGUAGE_NAMES = {"en": "English", "es": "Spanish", "ca": "Catalan", "fr": "French", "it": "Italian"}
PIVOTS = ("es",)  # the pivot of every Apertium route that has one (eng-spa | es-fr, spa-ita)
MIN_LENGTH = 3  # "la", "de": short words read in too many languages


def unknown_words(source: str, target: str, unit: Unit) -> list[Word] | None:
    """The target's words its language's dictionary does not know (names and terms aside);
    None when there is no dictionary for the language."""
    known = lexicon(unit.language)
    if known is None:
        return None
    skip = exempt(source, target, unit)
    candidates = [
        w for w in words(target) if len(w.text) >= MIN_LENGTH and not w.text.isupper() and w.text not in skip
    ]
    missing = known.unknown([w.text for w in candidates])
    return [w for w in candidates if w.text in missing]


def foreign_language(word: str, unit: Unit) -> str | None:
    """The first of the source and pivot languages whose dictionary knows the word, read
    without an elided article ("l'Azerbaiyán"). Hyphenated forms ("Amou-Daria") are left
    out: some dictionaries split them and then report their pieces, not the word."""
    word = re.sub(r"^[^\W\d_]{1,5}['’]", "", word)
    if re.search(r"['’-]", word):
        return None
    base = unit.language.replace("-", "_").split("_")[0]
    for language in (unit.source_language, *PIVOTS):
        other = lexicon(language) if language != base else None
        if other is not None and other.knows(word):
            return language
    return None


class LeftoverWordsCheck(Check):
    id = "leftover"
    name = "Source or pivot words left in"
    description = "Words the target language does not know and English (or Spanish, the pivot) does."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        problems = []
        for word in unknown_words(source, target, unit) or []:
            language = foreign_language(word.text, unit)
            if language:
                name = LANGUAGE_NAMES.get(language, language)
                problems.append(Finding(f"{name} word: {word.text}", (word.start, word.end)))
        return problems
