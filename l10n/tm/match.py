"""Fuzzy matching of English sources against a memory, fast on large memories.

Scores are rapidfuzz's normalised Indel similarity (``fuzz.ratio``, 0–100) on *normalised*
text: placeholders lose their numbers (``<1>`` and ``<3>`` are the same) and each glossary
term becomes one symbol, so a match differing only in a placeholder number or in which term
it names scores as high as an identical one. Only an identical source scores 100; any other
is capped at 99.

Lookups do not scan the memory. An inverted index maps word stems (the first
:data:`STEM` letters of each word, so "minister"/"ministers" agree) to the units holding
them, each stem weighted by its rarity (idf). A query takes its rarest stems until their
weight exceeds ``1 - MIN_SHARED`` of its total: a unit sharing at least :data:`MIN_SHARED`
of the query's weight must hold one of them (weighted prefix filtering, as in
set-similarity joins), so only the units in those few short posting lists are scored.
``bench/tm.py`` measures the recall of this filter against a full scan.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import fuzz, process

from l10n.documents.segment import PLACEHOLDER

STEM = 4
MIN_SHARED = 0.6  # share of the query's stem weight a 75 % match is assumed to keep
_WORD = re.compile(r"\w+")
_TERM = "\u2060T\u2060"  # one symbol per glossary term (word joiners keep it out of stems)
_SYMBOLS = {"open": "\u2039", "close": "\u203a", "atom": "\u2022"}  # ‹ › •


def placeholders_free(text: str) -> str:
    """Placeholders without their numbers (``<1>`` → ‹, ``</1>`` → ›, ``<2/>`` → •)."""

    def symbol(found: re.Match) -> str:
        closing, _, atom = found.groups()
        if closing and atom:
            return found.group(0)
        return _SYMBOLS["close" if closing else "atom" if atom else "open"]

    return PLACEHOLDER.sub(symbol, text)


class Normaliser:
    """What matching compares: whitespace collapsed, placeholders unnumbered, glossary terms
    replaced by one symbol (when a glossary matcher is given)."""

    def __init__(self, find_terms: Callable[[str], list] | None = None):
        self.find_terms = find_terms

    def __call__(self, text: str) -> str:
        if self.find_terms is not None:
            found = self.find_terms(text)
            for match in sorted(found, key=lambda m: -m.start):
                text = text[: match.start] + _TERM + text[match.end :]
        return " ".join(placeholders_free(text).split())


def stems(normalised: str) -> set[str]:
    """Word stems, numbers left out (sentences that differ in a figure should still meet)."""
    return {
        word[:STEM].casefold() for word in _WORD.findall(normalised.replace(_TERM, " ")) if not word.isdigit()
    }


@dataclass(frozen=True)
class Hit:
    index: int  # position of the unit in the memory
    score: int  # 0–100


class MatchIndex:
    """Exact and fuzzy lookups over a list of English sources."""

    def __init__(self, sources: list[str], normalise: Callable[[str], str] | None = None):
        self.normalise = normalise or Normaliser()
        self.sources = sources
        self.normalised = [self.normalise(s) for s in sources]
        self.exact: dict[str, list[int]] = {}
        self.postings: dict[str, list[int]] = {}
        for index, (source, normalised) in enumerate(zip(sources, self.normalised, strict=True)):
            self.exact.setdefault(source, []).append(index)
            for stem in stems(normalised):
                self.postings.setdefault(stem, []).append(index)

    def __len__(self) -> int:
        return len(self.sources)

    def candidates(self, normalised: str) -> set[int]:
        """Units sharing one of the query's rarest stems: every unit that shares at least
        MIN_SHARED of the query's stems is among them."""
        total = len(self.sources) + 1
        # Stems no unit holds cannot lead to a match, and are left out of the weight.
        weighted = sorted(
            (math.log(total / len(self.postings[s])), s) for s in stems(normalised) if s in self.postings
        )
        budget = (1 - MIN_SHARED) * sum(weight for weight, _ in weighted)
        found: set[int] = set()
        while weighted and budget >= 0:
            weight, stem = weighted.pop()  # the rarest left
            found.update(self.postings.get(stem, ()))
            budget -= weight
        return found

    def lookup(self, source: str, threshold: int, limit: int = 1, scan: bool = False) -> list[Hit]:
        """The best units for ``source`` scoring at least ``threshold``, best first (exact
        matches first). ``scan`` scores every unit instead (for measuring the filter)."""
        exact = self.exact.get(source, [])
        hits = [Hit(i, 100) for i in exact]
        if len(hits) >= limit:
            return hits[:limit]
        normalised = self.normalise(source)
        pool = list(range(len(self)) if scan else self.candidates(normalised))
        if not pool:
            return hits
        strings = itemgetter(*pool)(self.normalised) if len(pool) > 1 else [self.normalised[pool[0]]]
        found = process.extract(
            normalised, strings, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit + len(exact)
        )
        fuzzy = [Hit(pool[position], min(99, int(score))) for _, score, position in found]
        hits += [hit for hit in fuzzy if hit.index not in exact]
        return [hit for hit in hits if hit.score >= threshold][:limit]


def word_diff(old: str, new: str) -> str:
    """What changed from ``old`` to ``new``, word by word: ``[-removed-]{+added+}``."""
    before, after = old.split(), new.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += before[i1:i2]
            continue
        if i2 > i1:
            out.append("[-" + " ".join(before[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(after[j1:j2]) + "+}")
    return " ".join(out)
