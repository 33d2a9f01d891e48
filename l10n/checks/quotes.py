"""Straight quotation marks where the language writes its own (« », „ “), from the
language's table; machine drafts get them converted when they pair up."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.languages import rules, table_for


class StraightQuotesCheck(Check):
    id = "quotes"
    name = "Quotation marks"
    description = "Straight double quotes where the language has its own quotation marks."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        table = table_for(unit.language)
        if not table.known or table.quotes[0] == '"':
            return []
        marks = "".join(table.quotes)
        return [
            Finding(f"straight quote: use {marks}", (offset + index, offset + index + 1))
            for offset, piece in rules.plain_pieces(target)
            for index, char in enumerate(piece)
            if char == '"'
        ]
