"""Numbers and amounts: every number of the source is in the translation with the same
value, in any local format and with the language's scale words ("1.5 billion" =
"1,5 milliard" = "1 500 millions"), and the translation adds none."""

from dataclasses import replace

from l10n.checks.base import Check, Finding, Unit
from l10n.languages import numbers, rules, table_for


def _amounts(text: str, language: str) -> list[numbers.Amount]:
    table = table_for(language)
    found = []
    for start, piece in rules.plain_pieces(text):
        for amount in numbers.amounts(piece, table):
            found.append(replace(amount, start=start + amount.start, end=start + amount.end))
    return found


def _take(candidates: list[numbers.Amount], same) -> numbers.Amount | None:
    found = next((c for c in candidates if same(c)), None)
    if found is not None:
        candidates.remove(found)
    return found


class NumbersCheck(Check):
    id = "numbers"
    name = "Numbers and amounts"
    description = "Every number of the source has the same value in the translation, none is added."

    def check_single(self, source: str, target: str, unit: Unit) -> list[Finding]:
        available = _amounts(target, unit.language)
        unmatched = [
            a
            for a in _amounts(source, unit.source_language)
            if not _take(available, lambda c, a=a: c.values & a.values)
        ]
        problems = []
        for amount in unmatched:
            changed = _take(
                available, lambda c, a=amount: numbers.readings(c.number) & numbers.readings(a.number)
            )
            if changed:
                message = f"{amount.text} became {changed.text!r} (another value, or a scale word not read)"
                problems.append(Finding(message, (changed.start, changed.end)))
            elif not amount.decade:  # "the 1960s" may well become "los años sesenta"
                problems.append(Finding(f"{amount.text} is missing or changed"))
        problems += [Finding(f"{a.text} is not in the source", (a.start, a.end)) for a in available]
        return problems
