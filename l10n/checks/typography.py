"""Typography of the target language, read from its table in ``l10n.languages`` (the same
rules the fixer applies to machine drafts): numbers in the language's format (decimal
symbol, thousands grouped from five digits, CLDR's symbols), the space before "%" where
CLDR writes one, and French spacing (a no-break space before ; ! ? : and inside « »).
A plain space where a no-break one belongs is accepted: people's editors write them."""

from l10n.checks.base import Check, Finding, Severity, Unit
from l10n.languages import rules, table_for


class TypographyCheck(Check):
    id = "typography"
    name = "Typography"
    description = "Spacing before punctuation and inside quotes, percent, decimal and thousands separators."
    severity = Severity.WARNING

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        table = table_for(unit.language)
        return [
            Finding(issue.message, (start + issue.start, start + issue.end))
            for start, piece in rules.plain_pieces(target)
            for issue in rules.find(piece, table)
        ]
