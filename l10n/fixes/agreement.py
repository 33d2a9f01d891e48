"""The article or fused preposition before a glossary term agrees with the term's own
gender and number: "de la Nations unies" → "des Nations unies" (the English "United
Nations" is singular, the French term plural), "le Banque…" → "la Banque…"."""

from __future__ import annotations

import re

from l10n.fixes.base import Context, FixRule, Skip
from l10n.glossary.grammar import agree


class TermAgreementFix(FixRule):
    id = "term-agreement"
    description = "Articles and fused prepositions agree with the glossary term after them."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        places = []
        for match in context.terms().find(source):
            target = match.concept.target(context.language, match.plural)
            if target is None or not target.gender:
                continue
            plural = target.number == "plural" or (match.plural and target.number != "singular")
            for found in re.finditer(rf"(?<![\w'’-]){re.escape(target.text)}(?![\w-])", text):
                places.append((found.start(), target.text, target.gender, plural))
        for start, form, gender, plural in sorted(set(places), reverse=True):
            before = agree(context.language, text[:start], form, gender, plural)
            text = before + text[start:]
        return text
