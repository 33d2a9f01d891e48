"""Quality checks, one class per check (a new check is one new module and one line here)."""

from __future__ import annotations

from l10n.checks.base import Check, Failure, Finding, Severity, Unit, entry_unit
from l10n.checks.brackets import UnbalancedBracketsCheck
from l10n.checks.capitals import MidSentenceCapitalsCheck
from l10n.checks.consistency import ConsistencyCheck
from l10n.checks.doubled import DoubledWordsCheck
from l10n.checks.glossary import GlossaryCheck
from l10n.checks.leftovers import LeftoverWordsCheck
from l10n.checks.length import LengthCheck
from l10n.checks.lexicon import UnknownWordsCheck
from l10n.checks.link_text import LinkTextCheck
from l10n.checks.numbers import NumbersCheck
from l10n.checks.placeholder_space import PlaceholderSpaceCheck
from l10n.checks.placeholders import PlaceholderCheck
from l10n.checks.punctuation import EndPunctuationCheck
from l10n.checks.quotes import StraightQuotesCheck
from l10n.checks.typography import TypographyCheck
from l10n.checks.unfixed import UnfixedCheck
from l10n.checks.unknown_words import EngineUnknownWordsCheck
from l10n.checks.untranslated import UntranslatedCheck

CHECKS: list[Check] = [
    PlaceholderCheck(),
    NumbersCheck(),
    UntranslatedCheck(),
    LengthCheck(),
    GlossaryCheck(),
    TypographyCheck(),
    StraightQuotesCheck(),
    EndPunctuationCheck(),
    DoubledWordsCheck(),
    UnbalancedBracketsCheck(),
    PlaceholderSpaceCheck(),
    MidSentenceCapitalsCheck(),
    LeftoverWordsCheck(),
    UnknownWordsCheck(),
    EngineUnknownWordsCheck(),
    UnfixedCheck(),
    ConsistencyCheck(),
    LinkTextCheck(),
]


def run_checks(source: str, target: str, unit: Unit, checks: list[Check] | None = None) -> list[Failure]:
    failures = []
    for check in checks or CHECKS:
        for found in check.check_single(source, target, unit):
            finding = found if isinstance(found, Finding) else Finding(found)
            failures.append(Failure(check.id, check.severity, finding.message, finding.span))
    return failures


__all__ = ["CHECKS", "Check", "Failure", "Finding", "Severity", "Unit", "entry_unit", "run_checks"]
