"""One table per language, built from Babel's CLDR data plus the few conventions CLDR
lacks (``conventions``). The fixer that localises machine drafts and the checks read the
same table, so they cannot disagree about what a language writes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from babel import Locale, UnknownLocaleError

from l10n.languages import conventions
from l10n.languages.places import places


@dataclass(frozen=True)
class LanguageTable:
    code: str  # as the project names the language: "fr", "pt_PT", "pt-BR"
    known: bool  # False: Babel has no such locale, and nothing is localised or checked
    decimal: str = "."
    group: str = ","
    percent_space: str = ""  # between a number and "%": "" or a no-break space
    quotes: tuple[str, str] = ('"', '"')
    space_before: dict[str, str] = field(default_factory=dict)  # mark -> the space it takes
    space_inside_quotes: str = ""
    scale_words: dict[str, int] = field(default_factory=dict)  # "milliards" -> 10**9
    currency_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # "USD" -> (dollar, dollars)
    currency_link: tuple[str, str] = ("", "")  # "milliards de dollars", "milliards d'euros"
    amount_debris: tuple[str, ...] = ()  # words a pivot leaves around an amount
    places: dict[str, str] = field(default_factory=dict)  # "Kazakhstan" -> "m": names with an article

    @property
    def english_numbers(self) -> bool:
        """Whether the language writes numbers as English does (nothing to convert)."""
        return (self.decimal, self.group) == (".", ",")


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def _lookup(table: dict, locale: Locale, default):
    """The most specific entry: "pt_PT", then "pt"."""
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in table:
            return table[key]
    return default


def scale_words(locale: Locale) -> dict[str, int]:
    """Words that multiply a number ("2,5 milliards", "600 mil millones"), from CLDR's long
    compact decimal formats: the pattern "000 milliards" under 10¹¹ says "milliards" is 10⁹."""
    words: dict[str, int] = {}
    formats = locale._data["compact_decimal_formats"].get("long", {})
    for forms in formats.values():
        for magnitude, pattern in forms.items():
            text = getattr(pattern, "pattern", pattern)
            zeros = re.search(r"0+", text)
            word = re.sub(r"[0']", "", text).strip()
            if not zeros or not word or not magnitude.isdigit():
                continue
            words[word.casefold()] = int(magnitude) // 10 ** (len(zeros.group(0)) - 1)
    return words


def _percent_space(locale: Locale) -> str:
    pattern = locale.percent_formats[None].pattern
    between = pattern[pattern.rfind("0") + 1 : pattern.find("%")]
    return between if between.isspace() else ""


@cache
def table_for(code: str) -> LanguageTable:
    """The table of a language code; an unknown code gets a table that changes nothing."""
    locale = _locale(code)
    if locale is None:
        return LanguageTable(code, known=False)
    symbols = (
        locale.number_symbols.get(locale.default_numbering_system or "latn") or locale.number_symbols["latn"]
    )
    return LanguageTable(
        code=code,
        known=True,
        decimal=symbols["decimal"],
        group=symbols["group"],
        percent_space=_percent_space(locale),
        quotes=_lookup(conventions.QUOTES, locale, ("“", "”")),
        space_before=_lookup(conventions.SPACE_BEFORE, locale, {}),
        space_inside_quotes=_lookup(conventions.SPACE_INSIDE_QUOTES, locale, ""),
        scale_words=scale_words(locale) | _lookup(conventions.EXTRA_SCALE_WORDS, locale, {}),
        currency_words=_lookup(conventions.CURRENCY_WORDS, locale, {}),
        currency_link=_lookup(conventions.CURRENCY_LINK, locale, ("", "")),
        amount_debris=_lookup(conventions.AMOUNT_DEBRIS, locale, ()),
        places=places(code),
    )
