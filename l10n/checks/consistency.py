"""The same English sentence translated differently in another article of the same
language. Readers notice, and a reviewer fixing one usually wants to fix the other; the
runner fills ``Unit.elsewhere`` with the other articles' translations of the source."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.findings import differently_translated


class ConsistencyCheck(Check):
    id = "consistency"
    name = "Same sentence, other translation"
    description = "Another article translates the same English sentence differently."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        return [Finding(message) for message in differently_translated(target, unit.elsewhere)]
