"""Words the engine itself marked as unknown when it made the draft (Apertium's ``*``,
``@`` and ``#`` marks, kept with the draft and shown as ``#. l10n unknown to the engine``
notes): the engine could not translate them, so they are likely English left in, a
pivot-language word, or a form with no inflection. A word no longer in the text (a
reviewer fixed it) is not reported."""

from __future__ import annotations

import re

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.engines.marks import MEANING


def _place(word: str, target: str, taken: set[int]) -> tuple[int, int] | None:
    for found in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", target):
        if found.start() not in taken:
            taken.add(found.start())
            return found.span()
    return None


class EngineUnknownWordsCheck(Check):
    id = "unknown-words"
    name = "Words the engine did not know"
    description = "Words machine translation marked as unknown to its dictionaries."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        problems, taken = [], set[int]()
        for marked in unit.unknown_words:
            mark, word = marked[:1], marked[1:]
            span = _place(word, target, taken)
            if span is not None:
                problems.append(Finding(f"{word}: {MEANING.get(mark, 'unknown to the engine')}", span))
        return problems
