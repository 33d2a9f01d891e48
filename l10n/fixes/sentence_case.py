"""A common word capitalised after a name or term ("Kazakhstan A mis", "PGII Complète")
is lowered: everything the mid-sentence-capitals check flags (so it accepts every fixed
draft), and the same after an acronym of the source ("PGII Complète") or a glossary term
("Asie centrale Est"), which the check leaves alone: an acronym is not a capitalised word,
and a term may end in a lower-case one."""

from __future__ import annotations

import re

from l10n.checks import Unit
from l10n.checks.capitals import MidSentenceCapitalsCheck
from l10n.checks.words import exempt, words
from l10n.fixes.base import Context, FixRule, Skip
from l10n.languages.lexicon import lexicon

_CHECK = MidSentenceCapitalsCheck()


def _after_names(source: str, text: str, unit: Unit) -> list[int]:
    """Capitalised common words right after an acronym of the source or a glossary term of
    the draft ("PGII Complète", "Asie centrale Est")."""
    known = lexicon(unit.language)
    if known is None:
        return []
    acronyms = {w.text for w in words(source) if len(w.text) > 1 and w.text.isupper()}
    ends = set()
    for match in unit.terms().find(source):
        for term in match.concept.approved(unit.language):
            ends |= {m.end() for m in re.finditer(rf"(?<!\w){re.escape(term.text)}(?!\w)", text)}
    skip = exempt(source, text, unit)
    found = words(text)
    candidates = [
        word
        for before, word in zip(found, found[1:], strict=False)
        if (before.text in acronyms or (before.end in ends and not text[before.end : word.start].strip()))
        and word.capitalised
        and not word.initial
        and word.text not in skip
    ]
    unknown = known.unknown([w.text.lower() for w in candidates])
    return [w.start for w in candidates if w.text.lower() not in unknown]


class SentenceCaseFix(FixRule):
    id = "sentence-case"
    description = "Lower a common word capitalised after a name or acronym."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        unit = Unit(
            context.language, context.glossary, context.terms(), source_language=context.source_language
        )
        starts = {f.span[0] for f in _CHECK.check_single(source, text, unit) if f.span is not None}
        for start in starts | set(_after_names(source, text, unit)):
            text = text[:start] + text[start].lower() + text[start + 1 :]
        return text
