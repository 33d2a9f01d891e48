"""Glossary terms in languages that decline nouns and adjectives (Croatian, Slovenian, …).

In these languages the glossary's form is the nominative ("Europska unija"), but a sentence
may need another case ("Vijeće Europske unije", "o Srednjoj Aziji"). Placing the nominative
where the engine put a placeholder would often be wrong, so only *invariant* terms are
enforced there: do-not-translate names and acronyms ("EU", "G7", "Roman Vassilenko"). The
other terms are left to the engine and checked with inflection-aware matching: each word of
the term may take a case ending ("Europsk-e unij-e"), and the fleeting a/e of a final
syllable may drop ("sastanak" → "sastanka"). The check is lenient by design — it accepts
any case, it cannot tell a right case from a wrong one — and a term it does not find is
flagged for review (``# l10n-term: not enforced``), never forced.
"""

from __future__ import annotations

import re
from functools import lru_cache

from l10n.glossary.matcher import is_acronym
from l10n.glossary.model import Concept

# Languages whose nouns and adjectives take case endings. Slavic ones share the ending
# system the stems below assume; Polish, Czech and Slovak have no Apertium route from English
# but can be reached by Argos or LibreTranslate.
CASE_LANGUAGES = frozenset({"hr", "sl", "bs", "sr", "pl", "cs", "sk"})
ENDING = r"\w{0,4}"  # the longest case endings: -ima, -oga, -ega, -emu, -ami
_VOWELS = "aeiouAEIOU"
_SPLIT = re.compile(r"\s*[-‐‑–]\s*|\s+")


def declines(language: str) -> bool:
    return language.split("_")[0].split("-")[0] in CASE_LANGUAGES


def is_invariant(concept: Concept, language: str) -> bool:
    """Terms whose written form does not change with case: names kept as they are in
    English, and acronyms (written without a case ending in Slovenian, and understood without
    one in Croatian, where a reviewer may add "-a")."""
    if concept.do_not_translate:
        return True
    forms = concept.approved(language)
    return bool(forms) and all(_is_code(word) for term in forms for word in _SPLIT.split(term.text) if word)


def _is_code(word: str) -> bool:
    return is_acronym(word) or any(c.isdigit() for c in word)


def _word_pattern(word: str) -> str:
    if _is_code(word) or len(word) <= 2:
        return re.escape(word)  # acronyms, numbers, prepositions and conjunctions stay as they are
    stem = word[:-1] if word[-1] in _VOWELS and len(word) > 3 else word
    fleeting = re.fullmatch(r"(.*[^aeiou])([ae])([^aeiou])", stem, re.IGNORECASE)
    if fleeting and stem == word:  # sastanak → sastanka, lanac → lanca
        body = re.escape(fleeting.group(1)) + f"(?:{fleeting.group(2)})?" + re.escape(fleeting.group(3))
    else:
        body = re.escape(stem)
    return body + ENDING


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern:
    words = [w for w in _SPLIT.split(form.replace("’", "'")) if w]
    body = r"(?:\s*[-‐‑–]\s*|\s+)".join(
        _word_pattern(w) if _is_code(w) else f"(?i:{_word_pattern(w)})" for w in words
    )
    return re.compile(rf"(?<!\w){body}(?!\w)")


def contains_inflected(text: str, form: str) -> bool:
    """Whether ``form`` appears in ``text`` in any case (see the module's docstring)."""
    return bool(_pattern(form).search(text.replace("’", "'")))
