"""Amounts of money in the target language's words and order. A Spanish pivot leaves
"$600 mil millions", "600 milliers de millions les EE.UU. dollars" or "1,5 milliers de
millions dollars" for "$600 billion"; the rule writes "600 milliards de dollars",
"1,5 milliard de dollars" (CLDR's long compact number format through Babel, and the
language's currency words from its table).

Driven by the source: each English amount with a currency (symbol or word) is looked for
in the draft as the same number, with the currency symbol and the pivot's debris around
it; only that run of words is replaced. When a source amount cannot be found exactly once
the draft is left as it is and flagged."""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_compact_decimal, format_decimal

from l10n.fixes.base import Context, FixRule, Skip
from l10n.languages import numbers

_SYMBOLS = {"US$": "USD", "$": "USD", "€": "EUR", "£": "GBP"}
_WORDS = {"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP"}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SOURCE = re.compile(
    r"(?P<symbol>US\$|\$|€|£)?(?P<number>\d+(?:[.,]\d+)*)"
    r"(?:[ \u00a0](?P<scale>thousand|million|billion|trillion))?"
    r"(?:[ \u00a0](?:US[ \u00a0])?(?P<word>dollars?|euros?|pounds?))?(?!\w)"
)
# What the scale words a pivot writes multiply by: "mil millions" and "milliers de
# millions" are 10³ × 10⁶, as "mille milioni" and "miles de millones" are.
_MULTIPLIERS = {
    **dict.fromkeys(("mil", "mille", "milliers", "millier", "miles", "mila", "migliaia", "milhares"), 10**3),
    **dict.fromkeys(
        ("million", "millions", "millón", "millones", "milione", "milioni", "milhão", "milhões"), 10**6
    ),
    **dict.fromkeys(("milliard", "milliards", "millardo", "millardos", "miliardo", "miliardi"), 10**9),
    **dict.fromkeys(
        ("billion", "billions", "billón", "billones", "bilione", "bilioni", "bilhão", "bilhões"), 10**12
    ),
}
_SYMBOL_BEFORE = re.compile(r"(?:US\$|\$|€|£)[ \u00a0]?$")


def source_amounts(source: str) -> list[tuple[str, Decimal, Decimal, str, bool]]:
    """(number as written, its value, value with scale, currency, has scale) of each amount
    of money in an English text."""
    found = []
    for match in _SOURCE.finditer(source):
        symbol, word = match.group("symbol"), match.group("word")
        if not symbol and not word:
            continue
        currency = _SYMBOLS.get(symbol or "") or _WORDS[(word or "").lower()]
        written = match.group("number").replace(",", "")
        try:
            value = Decimal(written)
        except ArithmeticError:
            continue
        scale = _SCALES.get(match.group("scale") or "", 1)
        found.append((match.group("number"), value, value * scale, currency, bool(match.group("scale"))))
    return found


def local_amount(total: Decimal, currency: str, scaled: bool, context: Context) -> str | None:
    table = context.table
    words = table.currency_words.get(currency)
    if words is None or not table.known:
        return None
    locale = context.language.replace("-", "_")
    if scaled:
        number = format_compact_decimal(total, format_type="long", locale=locale, fraction_digits=2)
        plain, elided = table.currency_link
        word = words[1]
        link = elided if re.match(r"[aeiouyéèAEIOU]", word) else plain
        return f"{number} {link}{word}".replace("' ", "'")
    number = format_decimal(total, locale=locale)
    return f"{number} {words[0] if total == 1 else words[1]}"


class AmountsFix(FixRule):
    id = "amounts"
    description = "Amounts of money in the language's words and order."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        table = context.table
        amounts = source_amounts(source)
        if not amounts or not table.currency_words:
            return text
        debris = {w.casefold() for w in table.amount_debris}
        currency = {w.casefold() for pair in table.currency_words.values() for w in pair}
        scale = {w for words in table.scale_words for w in words.split()} | {"mil", "mille", "mila"}
        used: set[int] = set()
        edits = []
        for written, value, total, code, scaled in amounts:
            wanted = local_amount(total, code, scaled, context)
            candidates = [
                t for t in numbers.tokens(text) if value in numbers.readings(t.text) and t.start not in used
            ]
            if wanted is None:
                continue
            if not candidates:
                return Skip(f"amounts: {written} of the source is not in the draft")
            token = candidates[0]
            used.add(token.start)
            start = token.start
            symbol = _SYMBOL_BEFORE.search(text, 0, start)
            if symbol:
                start = symbol.start()
            end = _debris_end(text, token.end, debris, currency)
            following = re.match(r"[ \u00a0]+([^\W\d_]+)", text[end:])
            if following and following.group(1).casefold() in scale:
                return Skip(f"amounts: {written} of the source is followed by words the rule cannot read")
            said = 1
            for word in re.findall(r"[^\W\d_]+", text[token.end : end]):
                said *= _MULTIPLIERS.get(word.casefold(), 1)
            if said * value != total:
                return Skip(f"amounts: the draft's scale words for {written} do not make the source's amount")
            edits.append((start, end, wanted))
        rest = "".join(
            text[a:b]
            for a, b in zip(
                [0, *(e for _, e, _ in sorted(edits))],
                [*(s for s, _, _ in sorted(edits)), len(text)],
                strict=True,
            )
        )
        if any(symbol in rest for symbol in _SYMBOLS):  # "il €a ajouté 10 mil millions"
            return Skip("amounts: a currency sign the engine moved away from its number")
        for start, end, wanted in sorted(edits, reverse=True):
            text = text[:start] + wanted + text[end:]
        return text


_LINKS = {"de", "d'", "les", "los", "di", "dei", "degli", "gli", "i", "des", "dos", "os"}
_WORD = re.compile(r"[ \u00a0]+(\S+)")


def _debris_end(text: str, position: int, debris: set[str], currency: set[str]) -> int:
    """Where the run of scale words, links and currency after a number ends: it may only
    end on a scale or currency word (never on a bare "de"), and stops at punctuation."""
    end = cursor = position
    while word := _WORD.match(text, cursor):
        whole = word.group(1).casefold().replace("’", "'")
        core = whole.rstrip(".,;:!?)")
        token, stop = (whole, False) if whole in debris else (core, core != whole)
        token_end = word.start(1) + len(token)
        elided = re.fullmatch(r"d'(\w+)", token)
        if token in currency or (elided and elided.group(1) in currency) or token in ("$", "€", "£"):
            end = token_end
        elif token in debris and token not in _LINKS:
            end = token_end  # a scale word or a calque of "EE.UU.": part of the amount
        elif token not in debris or stop:
            break
        if stop:
            break
        cursor = word.end()
    return end
