"""The same word twice in a row ("the the", "de de"), unless the language doubles it on
purpose (French "nous nous", "vous vous") or the source does too."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.checks.words import words

ALLOWED = {"fr": {"nous", "vous"}, "es": {"que"}, "it": {"che"}}


class DoubledWordsCheck(Check):
    id = "doubled"
    name = "Doubled words"
    description = "The same word twice in a row."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        allowed = ALLOWED.get(unit.language.replace("-", "_").split("_")[0], set())
        found = words(target)
        problems = []
        for first, second in zip(found, found[1:], strict=False):
            word = second.text.casefold()
            if word != first.text.casefold() or word in allowed or target[first.end : second.start].strip():
                continue
            if re.search(rf"(?<!\w){re.escape(word)}\s+{re.escape(word)}(?!\w)", source, re.IGNORECASE):
                continue
            problems.append(Finding(f"doubled word: {second.text}", (first.start, second.end)))
        return problems
