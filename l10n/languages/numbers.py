"""Numbers in running text: where they are, how English writes them, how a language
writes them, and what they are worth ("1,5 milliard" is 1.5 × 10⁹).

The fixer rewrites exactly the tokens that :func:`english_format` recognises, always into
:func:`format_local`'s output, and the check flags exactly the tokens that are in English
format and not a valid local number: so whatever the fixer writes, the check accepts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from l10n.languages.table import LanguageTable

SPACES = " \u00a0\u202f"
# A number: digits and separators (a space groups only whole groups of three, "600 000").
# Not part of a word ("G7", "COP29"); a dotted identifier ("1.2.3") is one token.
_TOKEN = re.compile(
    r"(?<![\w.,'’])(?:\d{3}0(?=s(?!\w))"  # a decade: "the 1960s"
    # groups of three after one kind of no-break space, maybe decimals ("12 345,5")
    r"|(?:\d{1,3}(?:\u202f\d{3})+|\d{1,3}(?:\u00a0\d{3})+)(?!\d)(?:,\d+)?(?![\w'’]|[.,]\d)"
    # or after plain spaces, as people type them ("600 000"); a no-break space binds first
    r"|\d{1,3}(?: \d{3})+(?![\u00a0\u202f]?\d|[\w'’]|[.,]\d)"
    r"|\d+(?:[.,'’]\d+)*(?![\w'’]|[.,]\d))"
)
# Identifiers, not quantities: "ISO 14001", "No. 12345", "n° 75001", "#12345".
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z][A-Za-z]*[A-Z]|\bNo\.|\bn[°º]|#)[ \u00a0]?$")
_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{5,}")
MIN_GROUPED = 5  # digits from which a whole number is grouped (4 digits are often years)


@dataclass(frozen=True)
class NumberToken:
    start: int
    end: int
    text: str
    decade: bool = False  # "1960" of "the 1960s": a translation may say it in words


def tokens(text: str) -> Iterator[NumberToken]:
    """The numbers of a plain text (no placeholders, no URLs), identifiers left out."""
    for found in _TOKEN.finditer(text):
        if _IDENTIFIER_BEFORE.search(text, 0, found.start()):
            continue
        decade = text.startswith("s", found.end())
        yield NumberToken(found.start(), found.end(), found.group(0), decade)


def english_format(token: str) -> tuple[str, str] | None:
    """(whole digits, decimals) of a number written the English way that a language with
    other conventions must rewrite: "1,234.5", "2.5", "12345"; None for anything else."""
    if not _ENGLISH.fullmatch(token):
        return None
    whole, _, decimals = token.partition(".")
    return whole.replace(",", ""), decimals


def format_local(whole: str, decimals: str, table: LanguageTable) -> str:
    """Digits in the language's format: grouped from 4 digits up (CLDR's patterns)."""
    if len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(table.group + whole[i : i + 3] for i in range(head, len(whole), 3))
    return whole + (table.decimal + decimals if decimals else "")


def is_local(token: str, table: LanguageTable) -> bool:
    """Whether a language may write the number this way: its own group symbol or a space
    between groups of three, its own decimal symbol, whole numbers of up to 4 digits
    ungrouped."""
    decimal = re.escape(table.decimal)
    groups = re.escape(table.group) + "|[" + SPACES + "]"
    fraction = rf"(?:{decimal}\d+)?"
    return bool(
        re.fullmatch(rf"\d{{1,3}}(?:(?:{groups})\d{{3}})+{fraction}", token)
        or re.fullmatch(rf"\d{{1,{MIN_GROUPED - 1}}}{fraction}", token)
    )


def localise(token: str, table: LanguageTable) -> str:
    """An English-format number in the language's format; any other token unchanged."""
    english = english_format(token)
    if english is None or table.english_numbers or not table.known:
        return token
    return format_local(*english, table)


def problem(token: str, table: LanguageTable) -> str | None:
    """Why a number is not in the language's format, with the form the fixer would write."""
    if not table.known or table.english_numbers or is_local(token, table):
        return None
    english = english_format(token)
    if english is None:
        return None
    fixed = format_local(*english, table)
    if not english[1] and "," not in token:
        return f"group the thousands: {fixed}"
    return f"English number format {token}: write {fixed}"


# -- what a number is worth ---------------------------------------------------------------------

_READINGS = ((",'’" + SPACES, "."), (".'’" + SPACES, ","))


def readings(token: str) -> set[Decimal]:
    """Every value a written number can stand for: "1.234" is 1234 (grouped) or 1.234."""
    values = set()
    for groups, decimal in _READINGS:
        text = token
        for separator in groups:
            text = re.sub(rf"(?<=\d){re.escape(separator)}(?=\d{{3}}(?!\d))", "", text)
        try:
            values.add(Decimal(text.replace(decimal, ".")).normalize())
        except InvalidOperation:
            continue
    return values


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str  # the number and its scale word: "2,5 milliards"
    number: str  # the number alone: "2,5"
    values: frozenset[Decimal]
    decade: bool = False


def _scale_pattern(table: LanguageTable) -> re.Pattern | None:
    words = sorted(table.scale_words, key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w).replace(r"\ ", f"[{SPACES}]+") for w in words)
    return re.compile(rf"[{SPACES}]+({alternatives})(?!\w)", re.IGNORECASE)


def amounts(text: str, table: LanguageTable) -> list[Amount]:
    """The numbers of a plain text with what they are worth, a scale word included:
    "1.5 billion" and "1,5 milliard" are both 1.5 × 10⁹."""
    scale = _scale_pattern(table)
    found = []
    for token in tokens(text):
        multiplier, end = 1, token.end
        word = scale.match(text, token.end) if scale else None
        if word:
            multiplier, end = table.scale_words[word.group(1).casefold()], word.end()
        values = frozenset((v * multiplier).normalize() for v in readings(token.text))
        if not values:
            continue  # "1,0001,000": digits, but no number
        found.append(Amount(token.start, end, text[token.start : end], token.text, values, token.decade))
    return found
