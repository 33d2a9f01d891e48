"""Brackets and quotation marks that do not pair up in the translation while they do in
the source: "(see the annex" with its ")" lost."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.documents.segment import strip_placeholders

PAIRS = {"(": ")", "[": "]", "{": "}", "«": "»", "“": "”"}
CLOSING = {close: open_ for open_, close in PAIRS.items()}


def unbalanced(text: str) -> list[tuple[int, str]]:
    """(index, mark) of each bracket without its partner."""
    stack: list[tuple[int, str]] = []
    lone = []
    for index, char in enumerate(text):
        if char in PAIRS:
            stack.append((index, char))
        elif char in CLOSING:
            if stack and stack[-1][1] == CLOSING[char]:
                stack.pop()
            else:
                lone.append((index, char))
    return sorted(lone + stack)


class UnbalancedBracketsCheck(Check):
    id = "brackets"
    name = "Unbalanced brackets"
    description = "A bracket or quotation mark without its partner (when the source pairs its own)."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        if unbalanced(strip_placeholders(source)):
            return []  # "1) first item": the source does not pair them either
        plain = strip_placeholders(target)
        return [Finding(f"'{mark}' without its partner") for _, mark in unbalanced(plain)]
