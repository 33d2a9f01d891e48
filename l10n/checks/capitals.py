"""Capitals in mid-sentence where the language has none: an engine that meets a name it
cannot analyse often capitalises the next word ("Kazakhstan Et Azerbaïdjan",
"Ouzbékistan A présenté"). Flagged: a capitalised common word (the dictionary knows it
in lower case) right after a name (a capitalised word it does not know, or one of the
source's names), unless the source or the glossary writes it so."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.checks.words import exempt, words
from l10n.languages.lexicon import lexicon


class MidSentenceCapitalsCheck(Check):
    id = "capitals"
    name = "Mid-sentence capitals"
    description = "A common word capitalised after a name, in the middle of a sentence."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        known = lexicon(unit.language)
        if known is None:
            return []
        found = words(target)
        skip = exempt(source, target, unit)
        names = {w.text for w in words(source) if w.capitalised}
        pairs = [
            (before, word)
            for before, word in zip(found, found[1:], strict=False)
            if word.capitalised and not word.initial and before.capitalised and word.text not in skip
        ]
        lower = known.unknown([w.text.lower() for _, w in pairs] + [b.text.lower() for b, _ in pairs])
        return [
            Finding(f"capital in mid-sentence: {before.text} {word.text}", (word.start, word.end))
            for before, word in pairs
            if word.text.lower() not in lower and (before.text in names or before.text.lower() in lower)
        ]
