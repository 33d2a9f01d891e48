"""Find glossary terms in English text.

Longest term first where terms overlap ("UN Charter" before "UN"); acronyms match with
their case ("UN", not "un"), other words in any case; a hyphen and a space are the same
("Trans Caspian" = "Trans-Caspian"); the last word may take a plural ("supply chains") and
a possessive ("the G7's"); a term never matches inside another word ("UN" in "UNESCO").

Cost does not grow with the size of the glossary: every term is indexed by the first run of
word characters of its first word (lower-cased, a final "y" dropped so that "economies"
finds "economy"). A sentence looks up its own words (and their forms without a plural
ending) in that index, and only the few terms found there are tried, each with its own
expression (compiled once). A term outside the index could not match, and the candidates
are resolved as an alternation would resolve them: the result is exactly that of one
alternation over the whole glossary, longest first (a property test checks it).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from l10n.glossary.model import Concept, Glossary, Term

SEPARATOR = r"(?:\s*[-‐‑–]\s*|\s+)"
POSSESSIVE = r"(?:['’]s|(?<=s)['’])"
_WORD_SPLIT = re.compile(r"\s*[-‐‑–]\s*|\s+")
_WORD_RUN = re.compile(r"\w+")
_PLURAL_ENDINGS = ("ies", "es", "s")


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
        # Longest term first, as the regular expression tries them; rank = place in that order.
        order = sorted(range(len(self._terms)), key=lambda i: -len(self._terms[i][1].text))
        self._rank = {index: rank for rank, index in enumerate(order)}
        self._index: dict[str, list[int]] = defaultdict(list)
        self._unindexed: list[int] = []  # terms whose first word has no word character
        for index, (_, term, _) in enumerate(self._terms):
            key = _key(term.text)
            (self._index[key] if key else self._unindexed).append(index)
        self._compiled: dict[int, re.Pattern] = {}
        self._forbidden: dict[str, dict[str, list[tuple[int, int, Concept, Term]]]] = {}

    def candidates(self, text: str) -> tuple[int, ...]:
        """Terms that could match in ``text``, in the order the expression tries them."""
        found = set(self._unindexed)
        for run in {w.lower() for w in _WORD_RUN.findall(text)}:
            for key in _keys_of(run):
                found.update(self._index.get(key, ()))
        return tuple(sorted(found, key=self._rank.__getitem__))

    def _pattern(self, index: int) -> re.Pattern:
        """One term's expression, compiled on first use: compiling an alternation per
        sentence cost more than matching once candidate sets got large."""
        compiled = self._compiled.get(index)
        if compiled is None:
            body = _pattern(self._terms[index][1].text, index)
            compiled = self._compiled[index] = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        return compiled

    def find(self, text: str) -> list[Match]:
        return self._find(text, self.candidates(text))

    def find_unindexed(self, text: str) -> list[Match]:
        """``find`` with one alternation over the whole glossary, as before the index (the
        reference that tests and bench/glossary_scale.py compare ``find`` with)."""
        indices = tuple(sorted(range(len(self._terms)), key=self._rank.__getitem__))
        if not indices:
            return []
        alternatives = [f"(?P<t{i}>{_pattern(self._terms[i][1].text, i)})" for i in indices]
        regex = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
        return [self._match(int((hit.lastgroup or "t0")[1:]), hit) for hit in regex.finditer(text)]

    def _find(self, text: str, indices: tuple[int, ...]) -> list[Match]:
        """What one alternation of ``indices`` (in that order) finds, scanning left to right:
        at each position the first term in order that matches there wins, and the scan
        goes on after it. Each term's own expression is tried at every position it matches."""
        best: dict[int, tuple[int, int, re.Match]] = {}  # start → (rank, term, match) of the first
        for index in indices:
            rank, pattern, position = self._rank[index], self._pattern(index), 0
            while (hit := pattern.search(text, position)) is not None:
                if hit.start() not in best or best[hit.start()][0] > rank:
                    best[hit.start()] = (rank, index, hit)
                position = hit.start() + 1
        found, end = [], 0
        for start in sorted(best):
            if start < end:
                continue
            _, index, hit = best[start]
            found.append(self._match(index, hit))
            end = hit.end()
        return found

    def _match(self, index: int, hit: re.Match) -> Match:
        concept, term, plural = self._terms[index]
        return Match(
            start=hit.start(),
            end=hit.end(),
            text=hit.group(0),
            concept=concept,
            term=term,
            plural=plural or hit.group(f"p{index}") is not None,
            possessive=hit.group(f"s{index}") is not None,
        )

    def forbidden_candidates(self, text: str, language: str) -> list[tuple[Concept, Term]]:
        """Forbidden terms of ``language`` that could appear in ``text`` (their first word
        does), in glossary order; the caller checks each one properly."""
        index = self._forbidden.get(language)
        if index is None:
            index = self._forbidden[language] = defaultdict(list)
            for concept_number, concept in enumerate(self.glossary.concepts):
                for term_number, term in enumerate(concept.forbidden(language)):
                    entry = (concept_number, term_number, concept, term)
                    index[_key(term.text, plural=False) or ""].append(entry)
        found = list(index.get("", ()))
        for run in {w.lower() for w in _WORD_RUN.findall(text)}:
            found += index.get(run, ())
        return [(concept, term) for *_, concept, term in sorted(found, key=lambda e: e[:2])]


def _key(term: str, plural: bool = True) -> str:
    """A term's index key: the first run of word characters of its first word, lower-cased;
    for a one-word term that may take a plural, without a final "y" (economy/economies)."""
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    run = _WORD_RUN.search(words[0]) if words else None
    if run is None:
        return ""
    key = run.group(0).lower()
    single = len(words) == 1 and run.end() == len(words[0])
    if plural and single and len(words[0]) > 2 and key.endswith("y") and key[-2:-1] not in "aeiou":
        key = key[:-1]  # as _last_word: "economy" may come as "economies"
    return key


def _keys_of(run: str) -> tuple[str, ...]:
    """The keys a word of the text may stand for: itself, without a plural ending, and
    without a final "y" ("economy" → "econom", like the key of the term "economy")."""
    keys = [run]
    keys += [run[: -len(ending)] for ending in _PLURAL_ENDINGS if run.endswith(ending)]
    if run.endswith("y"):
        keys.append(run[:-1])
    return tuple(keys)


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
