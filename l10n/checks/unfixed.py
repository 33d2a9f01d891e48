"""Automatic fixes that did not apply cleanly to a machine draft: the rule saw something
to repair (an amount in the source it could not find in the draft, a possessive whose
noun it could not read), left the draft as the engine wrote it, and says why here."""

from __future__ import annotations

from l10n.checks.base import Check, Finding, Severity, Unit


class UnfixedCheck(Check):
    id = "unfixed"
    name = "Automatic fix not applied"
    description = "A safe automatic fix saw a problem in the machine draft but could not repair it."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        return [Finding(reason) for reason in unit.unfixed]
