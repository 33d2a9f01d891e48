"""Typography of the target language.

French: a narrow no-break space (U+202F) before ; ! ? and a no-break space (U+00A0 or
U+202F) before : and inside « »; "15 %" with a no-break space; decimal comma; groups of
three digits separated by a narrow no-break space from 10 000 up. Spanish, Italian,
Portuguese, German, Dutch and Polish: decimal comma and their thousands separator.
"""

import re

from l10n.checks.base import Check, Unit
from l10n.documents.segment import strip_placeholders

NBSP, NNBSP = "\u00a0", "\u202f"
_URL = re.compile(r"\w+://\S+|www\.\S+")
_DECIMAL_POINT = re.compile(r"(?<![\w.,])\d+\.\d{1,2}(?![\d\w])")
_ENGLISH_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d])")
_UNGROUPED = re.compile(r"(?<![\w.,\u00a0\u202f])\d{5,}(?![\d\w])")
_THOUSANDS = {
    "fr": "narrow no-break space",
    "pl": "no-break space",
    "es": ".",
    "it": ".",
    "pt": ".",
    "de": ".",
    "nl": ".",
}


class TypographyCheck(Check):
    id = "typography"
    name = "Typography"
    description = "Spacing before punctuation, quotes, percent, decimal and thousands separators."
    severity = "warning"

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        language = unit.language.split("_")[0].split("-")[0]
        if language not in _THOUSANDS:
            return []
        text = _URL.sub(" ", strip_placeholders(target))
        problems = []
        if language == "fr":
            problems += _french(text)
        if _DECIMAL_POINT.search(text):
            problems.append("decimal point: use a decimal comma")
        if _ENGLISH_THOUSANDS.search(text) or _UNGROUPED.search(text):
            problems.append(f"group thousands with a {_THOUSANDS[language]}")
        return problems


def _french(text: str) -> list[str]:
    problems = []
    for mark in sorted(set(re.findall(rf"(?<![{NBSP}{NNBSP}!?]) *([;!?])", text))):
        problems.append(f"use a narrow no-break space before '{mark}'")
    if re.search(rf"(?<![{NBSP}{NNBSP}]):(?!\d|//)", text):
        problems.append("use a no-break space before ':'")
    if re.search(rf"«[^{NBSP}{NNBSP}]", text) or re.search(rf"[^{NBSP}{NNBSP}]»", text):
        problems.append("use no-break spaces inside « »")
    if re.search(r"\d ?%", text):
        problems.append("write '15 %' with a no-break space")
    return problems
