import re

from l10n.checks.base import Check, Unit
from l10n.documents.segment import strip_placeholders

# A number: digits, maybe grouped (1,234 / 1.234 / 1 234 with any space), maybe decimals.
_NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])"
)
_SPACES = "\u00a0\u202f "


def readings(token: str) -> set[str]:
    """Every value a written number can stand for ("1.234" is 1234 or 1.234)."""
    values = set()
    for group, decimal in ((",", "."), (".", ","), (_SPACES, ",")):
        text = token
        for separator in group:
            text = re.sub(rf"(?<=\d){re.escape(separator)}(?=\d{{3}}(?!\d))", "", text)
        text = text.replace(decimal, ".")
        try:
            values.add(f"{float(text):g}")
        except ValueError:
            continue
    return values


def numbers(text: str) -> list[str]:
    return _NUMBER.findall(strip_placeholders(text))


class NumbersCheck(Check):
    id = "numbers"
    name = "Numbers and amounts"
    description = "Every number of the source appears in the translation (any local format)."

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        available = [readings(n) for n in numbers(target)]
        problems = []
        for number in numbers(source):
            values = readings(number)
            for index, candidate in enumerate(available):
                if values & candidate:
                    del available[index]
                    break
            else:
                problems.append(f"{number} is missing or changed")
        return problems
