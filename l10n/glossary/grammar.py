"""Make the words before an inserted term agree with it.

Engines translate around an opaque placeholder as if it were a masculine singular noun
("le XT0X", "del XT0X"). Once the approved term is in, the article and any preposition
fused with it are rewritten for the term's gender, number and first letter:
"le route de transport…" → "la route…", "du ONU" → "de l'ONU", "de les ODD" → "des ODD",
"el Agenda" → "la Agenda", "il UE" → "l'UE", "dal Agenda" → "dall'Agenda",
"pelo Assembleia" → "pela Assembleia", "co Carta" → "coa Carta", "de la ONU" → "de l'ONU".
Languages without rules here (and those without articles, such as Croatian and Slovenian)
get the term as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

VOWELS = "aeiouy"


def _starts_with_vowel(text: str) -> bool:
    first = unicodedata.normalize("NFD", text[:1].lower())[:1]
    return bool(first) and first in VOWELS


# -- French ----------------------------------------------------------------------------------

_FR_FORMS = {
    None: {"m": "le ", "f": "la ", "v": "l'", "pl": "les "},
    "de": {"m": "du ", "f": "de la ", "v": "de l'", "pl": "des "},
    "à": {"m": "au ", "f": "à la ", "v": "à l'", "pl": "aux "},
}
_FR_READ = {
    "le": None,
    "la": None,
    "l'": None,
    "les": None,
    "du": "de",
    "de la": "de",
    "de l'": "de",
    "des": "de",
    "de le": "de",
    "de les": "de",
    "au": "à",
    "à la": "à",
    "à l'": "à",
    "aux": "à",
    "à le": "à",
    "à les": "à",
}
_FR_BARE = {"de": ("de ", "d'"), "d'": ("de ", "d'"), "que": ("que ", "qu'"), "qu'": ("que ", "qu'")}


def _french(determiner: str, gender: str, plural: bool, vowel: bool, term: str) -> str | None:
    key = determiner.lower()
    if key in _FR_BARE:
        plain, elided = _FR_BARE[key]
        return elided if vowel else plain
    if key not in _FR_READ:
        return None
    slot = "pl" if plural else "v" if vowel else ("f" if gender == "f" else "m")
    return _FR_FORMS[_FR_READ[key]][slot]


# -- Spanish and Portuguese: article (and preposition) by gender and number ------------------


def _by_gender_and_number(forms: dict[str | None, dict[str, str]]) -> tuple[Callable[..., str | None], dict]:
    """A rule for languages whose articles depend on gender and number only."""
    read = {form.strip(): preposition for preposition, slots in forms.items() for form in slots.values()}

    def rule(determiner: str, gender: str, plural: bool, vowel: bool, term: str) -> str | None:
        key = determiner.lower()
        if key not in read:
            return None
        return forms[read[key]][("f" if gender == "f" else "m") + ("pl" if plural else "")]

    return rule, read


_spanish, _ES_READ = _by_gender_and_number(
    {
        None: {"m": "el ", "f": "la ", "mpl": "los ", "fpl": "las "},
        "de": {"m": "del ", "f": "de la ", "mpl": "de los ", "fpl": "de las "},
        "a": {"m": "al ", "f": "a la ", "mpl": "a los ", "fpl": "a las "},
    }
)
_portuguese, _PT_READ = _by_gender_and_number(
    {
        None: {"m": "o ", "f": "a ", "mpl": "os ", "fpl": "as "},
        "de": {"m": "do ", "f": "da ", "mpl": "dos ", "fpl": "das "},
        "em": {"m": "no ", "f": "na ", "mpl": "nos ", "fpl": "nas "},
        "a": {"m": "ao ", "f": "à ", "mpl": "aos ", "fpl": "às "},
        "por": {"m": "pelo ", "f": "pela ", "mpl": "pelos ", "fpl": "pelas "},
        "um": {"m": "um ", "f": "uma ", "mpl": "uns ", "fpl": "umas "},
        "num": {"m": "num ", "f": "numa ", "mpl": "nuns ", "fpl": "numas "},
    }
)


_galician, _GL_READ = _by_gender_and_number(
    {
        None: {"m": "o ", "f": "a ", "mpl": "os ", "fpl": "as "},
        "de": {"m": "do ", "f": "da ", "mpl": "dos ", "fpl": "das "},
        "en": {"m": "no ", "f": "na ", "mpl": "nos ", "fpl": "nas "},
        "a": {"m": "ao ", "f": "á ", "mpl": "aos ", "fpl": "ás "},
        "por": {"m": "polo ", "f": "pola ", "mpl": "polos ", "fpl": "polas "},
        "con": {"m": "co ", "f": "coa ", "mpl": "cos ", "fpl": "coas "},
        "un": {"m": "un ", "f": "unha ", "mpl": "uns ", "fpl": "unhas "},
        "cun": {"m": "cun ", "f": "cunha ", "mpl": "cuns ", "fpl": "cunhas "},
        "nun": {"m": "nun ", "f": "nunha ", "mpl": "nuns ", "fpl": "nunhas "},
        "dun": {"m": "dun ", "f": "dunha ", "mpl": "duns ", "fpl": "dunhas "},
    }
)


# -- Catalan: like Spanish, plus elision (l', d') ---------------------------------------------

_CA_FORMS = {
    None: {"m": "el ", "f": "la ", "v": "l'", "mpl": "els ", "fpl": "les "},
    "de": {"m": "del ", "f": "de la ", "v": "de l'", "mpl": "dels ", "fpl": "de les "},
    "a": {"m": "al ", "f": "a la ", "v": "a l'", "mpl": "als ", "fpl": "a les "},
    "per": {"m": "pel ", "f": "per la ", "v": "per l'", "mpl": "pels ", "fpl": "per les "},
    "un": {"m": "un ", "f": "una ", "v": "", "mpl": "uns ", "fpl": "unes "},
}
# Engines also write the uncontracted "a el", "de el", "per el" before a placeholder.
_CA_READ = {form.strip(): prep for prep, slots in _CA_FORMS.items() for form in slots.values() if form} | {
    f"{prep} el": prep for prep in ("de", "a", "per")
}
_CA_BARE = {"de": ("de ", "d'"), "d'": ("de ", "d'")}


def _catalan_elides(term: str, gender: str) -> bool:
    """l' before a vowel or h + vowel; a feminine noun keeps "la" before an unstressed i/u
    ("la Unió", "la integritat"), which is the usual case for the glossary's terms."""
    first = unicodedata.normalize("NFD", term.lower())
    first = first[1:2] if first[:1] == "h" else first[:1]
    if first not in "aeiou" or not first:
        return False
    return gender != "f" or first not in "iu"


def _catalan(determiner: str, gender: str, plural: bool, vowel: bool, term: str) -> str | None:
    key = determiner.lower()
    if key in _CA_BARE:
        plain, elided = _CA_BARE[key]
        return elided if _catalan_elides(term, "m") else plain  # d'Astana, d'Uzbekistan
    if key not in _CA_READ:
        return None
    base = "f" if gender == "f" else "m"
    preposition = _CA_READ[key]
    elides = preposition != "un" and _catalan_elides(term, gender)  # "un" never elides
    slot = base + "pl" if plural else ("v" if elides else base)
    return _CA_FORMS[preposition][slot]


# -- Italian ---------------------------------------------------------------------------------

_IT_ARTICLES = {"m": "il", "lo": "lo", "v": "l'", "f": "la", "mpl": "i", "gli": "gli", "fpl": "le"}
_IT_FUSED = {"il": "l", "lo": "llo", "l'": "ll'", "la": "lla", "i": "i", "gli": "gli", "le": "lle"}
_IT_PREPOSITIONS = {"di": "de", "a": "a", "da": "da", "in": "ne", "su": "su"}


def _it_form(preposition: str | None, article: str) -> str:
    if preposition is None:
        return article
    return _IT_PREPOSITIONS[preposition] + _IT_FUSED[article]


_IT_READ = {
    _it_form(prep, article): prep for prep in [None, *_IT_PREPOSITIONS] for article in _IT_ARTICLES.values()
}


def _lo_initial(text: str) -> bool:
    """Words that take "lo"/"gli": s + consonant, z, gn, ps, pn, x, y."""
    lower = text.lower()
    return bool(re.match(r"(s[^aeiou]|z|gn|ps|pn|x|y)", lower))


def _italian(determiner: str, gender: str, plural: bool, vowel: bool, term: str) -> str | None:
    key = determiner.lower()
    if key not in _IT_READ:
        return None
    if plural:
        article = "le" if gender == "f" else ("gli" if vowel or _lo_initial(term) else "i")
    elif vowel:
        article = "l'"
    elif gender == "f":
        article = "la"
    else:
        article = "lo" if _lo_initial(term) else "il"
    form = _it_form(_IT_READ[key], article)
    return form if form.endswith("'") else form + " "


# -- the entry point -------------------------------------------------------------------------

_RULES: dict[str, Callable[..., str | None]] = {
    "fr": _french,
    "es": _spanish,
    "pt": _portuguese,
    "gl": _galician,
    "ca": _catalan,
    "it": _italian,
}
_DETERMINERS = {
    "fr": sorted({*_FR_READ, *_FR_BARE}, key=len, reverse=True),
    "es": sorted(_ES_READ, key=len, reverse=True),
    "pt": sorted(_PT_READ, key=len, reverse=True),
    "gl": sorted(_GL_READ, key=len, reverse=True),
    "ca": sorted({*_CA_READ, *_CA_BARE}, key=len, reverse=True),
    "it": sorted(_IT_READ, key=len, reverse=True),
}
_TAGS = r"(?:\s*</?\d+/?>)*"


def agree(language: str, before: str, term: str, gender: str, plural: bool) -> str:
    """``before`` (the text right before the term) with its last determiner made to agree."""
    base = language.split("_")[0].split("-")[0]
    rule = _RULES.get(base)
    if rule is None:
        return before
    words = "|".join(re.escape(d).replace(r"\ ", r"\s+") for d in _DETERMINERS[base])
    found = re.search(rf"(?<![\w'’])(?P<det>{words})(?P<gap>\s*{_TAGS}\s*)$", before, re.IGNORECASE)
    if not found:
        return before
    determiner = re.sub(r"\s+", " ", found.group("det")).replace("’", "'")
    vowel = _starts_with_vowel(term)
    replacement = rule(determiner, gender, plural, vowel, term)
    if replacement is None:
        return before
    if found.group("det")[:1].isupper():
        replacement = replacement[:1].upper() + replacement[1:]
    gap = found.group("gap")
    if replacement.endswith("'"):
        gap = gap.replace(" ", "")  # l'ONU, d'Asie: no space after an elision
    elif gap.startswith(" "):
        replacement = replacement.rstrip(" ")
    return before[: found.start()] + replacement + gap


def determiners(language: str) -> list[str]:
    return _DETERMINERS.get(language.split("_")[0].split("-")[0], [])
