"""Country and region names with their article and preposition, from the language's
table of place names (``l10n.languages.places``): "en Kazakhstan" → "au Kazakhstan",
"Kazakhstan est" at the start → "Le Kazakhstan est", "avec Azerbaïdjan" → "avec
l'Azerbaïdjan", "de Kazakhstan" → "du Kazakhstan"; Italian "con Uzbekistan" → "con
l'Uzbekistan", "di Kazakistan" → "del Kazakistan". A name right after a capitalised
word (part of a longer name) or a number is left alone."""

from __future__ import annotations

import re

from l10n.fixes.base import Context, FixRule, Skip
from l10n.glossary.grammar import agree

VOWEL = re.compile(r"[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜaeiouyàâäéèêëîïôöùûü]")
_START = re.compile(r"(?:^|[.!?:;«(]\s*|</?\d+/?>\s*)$")
_BEFORE = re.compile(r"(?<![\w'’])(?P<word>[\w'’]+)(?P<gap>\s*)$")


def _french(before: str, name: str, code: str) -> str | None:
    """``before`` (the text up to the name) rewritten, or None when it is right as it is."""
    vowel = bool(VOWEL.match(name))
    plural = code.endswith("pl")
    article = "les " if plural else "l'" if vowel else ("la " if code == "f" else "le ")
    located = "aux " if plural else "en " if vowel or code == "f" else "au "
    of = "des " if plural else "d'" if vowel else ("de " if code == "f" else "du ")
    found = _BEFORE.search(before)
    word = (found.group("word") if found else "").lower().replace("’", "'")
    head = before[: found.start()] if found else before
    if word in ("en", "au", "aux", "à"):
        new = located
    elif word in ("de", "du", "des", "d'"):
        new = of
    elif word in ("le", "la", "les", "l'"):
        new = article
    elif _START.search(before):
        return before + article[:1].upper() + article[1:]
    elif found and (word[:1].isdigit() or found.group("word")[:1].isupper()):
        return None
    elif found or before.endswith((", ", ",")):
        return before + article
    else:
        return None
    if found and found.group("word")[:1].isupper():
        new = new[:1].upper() + new[1:]
    return head + new


def _italian(before: str, name: str, code: str) -> str | None:
    gender = "f" if code.startswith("f") else "m"
    plural = code.endswith("pl")
    found = _BEFORE.search(before)
    word = (found.group("word") if found else "").lower().replace("’", "'")
    if word == "in" and found:
        return before if not plural else before[: found.start()] + "negli "  # "negli Stati Uniti"
    if word == "di" and found:
        return agree("it", before[: found.start()] + found.group("word")[:1] + "el ", name, gender, plural)
    if word in ("il", "lo", "la", "i", "gli", "le", "l'", "del", "dello", "della", "dell'", "dei", "degli"):
        return agree("it", before, name, gender, plural)
    if _START.search(before):
        return agree("it", before + "Il ", name, gender, plural)
    if found and (word[:1].isdigit() or found.group("word")[:1].isupper()):
        return None
    if found or before.endswith((", ", ",")):
        return agree("it", before + "il ", name, gender, plural)
    return None


_RULES = {"fr": _french, "it": _italian}


class PlaceArticleFix(FixRule):
    id = "place-article"
    description = "Country and region names with their article and preposition."

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        rule = _RULES.get(context.language.replace("-", "_").split("_")[0])
        table = context.table.places
        if rule is None or not table:
            return text
        names = "|".join(re.escape(name) for name in table)
        spans = [m for m in re.finditer(rf"(?<![\w'’-])(?:{names})(?![\w-])", text)]
        for found in reversed(spans):
            before = text[: found.start()]
            rewritten = rule(before, found.group(0), table[found.group(0)])
            if rewritten is not None and rewritten != before:
                text = rewritten + text[found.start() :]
        return text
