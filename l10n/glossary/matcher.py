"""Find glossary terms in English text.

Longest term first where terms overlap ("UN Charter" before "UN"); acronyms match with
their case ("UN", not "un"), other words in any case; a hyphen and a space are the same
("Trans Caspian" = "Trans-Caspian"); the last word may take a plural ("supply chains") and
a possessive ("the G7's"); a term never matches inside another word ("UN" in "UNESCO").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from l10n.glossary.model import Concept, Glossary, Term

SEPARATOR = r"(?:\s*[-‐‑–]\s*|\s+)"
POSSESSIVE = r"(?:['’]s|(?<=s)['’])"
_WORD_SPLIT = re.compile(r"\s*[-‐‑–]\s*|\s+")


def is_acronym(word: str) -> bool:
    """ "PGII", "G7", "SDGs", "EU": letters that are capitals (a final plural s aside)."""
    core = word[:-1] if word.endswith("s") and len(word) > 2 else word
    return any(c.isupper() for c in core) and not any(c.islower() for c in core)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    concept: Concept
    term: Term
    plural: bool
    possessive: bool


class Matcher:
    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._terms: list[tuple[Concept, Term, bool]] = []
        for concept in glossary.concepts:
            english = concept.english()
            texts = {t.text.casefold() for t in english}
            for term in english:
                folded = term.text.casefold()
                plural = term.number == "plural" or (
                    not term.number and any(folded == t + s for t in texts for s in ("s", "es"))
                )
                self._terms.append((concept, term, plural))

    @cached_property
    def _regex(self) -> re.Pattern | None:
        if not self._terms:
            return None
        order = sorted(range(len(self._terms)), key=lambda i: -len(self._terms[i][1].text))
        alternatives = [f"(?P<t{i}>{_pattern(self._terms[i][1].text, i)})" for i in order]
        return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")

    def find(self, text: str) -> list[Match]:
        if self._regex is None:
            return []
        found = []
        for hit in self._regex.finditer(text):
            index = int(hit.lastgroup[1:])
            concept, term, plural = self._terms[index]
            found.append(
                Match(
                    start=hit.start(),
                    end=hit.end(),
                    text=hit.group(0),
                    concept=concept,
                    term=term,
                    plural=plural or hit.group(f"p{index}") is not None,
                    possessive=hit.group(f"s{index}") is not None,
                )
            )
        return found


def _pattern(term: str, index: int) -> str:
    """Regex for one term; groups p<index> (plural ending) and s<index> (possessive)."""
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    parts = []
    for position, word in enumerate(words):
        last = position == len(words) - 1
        if not last:
            parts.append(re.escape(word) if is_acronym(word) else f"(?i:{re.escape(word)})")
        elif is_acronym(word):
            plural = "(?!)" if word.endswith("s") else "s"  # "SDG" → "SDGs"
            parts.append(f"{re.escape(word)}(?P<p{index}>{plural})?")
        else:
            parts.append(_last_word(word, index))
    return SEPARATOR.join(parts) + f"(?P<s{index}>{POSSESSIVE})?"


def _last_word(word: str, index: int) -> str:
    lower = word.lower()
    if lower.endswith("y") and len(word) > 2 and lower[-2] not in "aeiou":  # economy → economies
        return f"(?i:{re.escape(word[:-1])})(?:(?i:y)|(?P<p{index}>(?i:ies)))"
    ending = "es" if lower.endswith(("s", "x", "z", "ch", "sh")) else "s"
    return f"(?i:{re.escape(word)})(?P<p{index}>(?i:{ending}))?"
