"""A language's translation memory: its units, the match index over their sources, and a
match's target adapted to the sentence being translated."""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.documents.segment import Tag, join_parts, placeholder_signature, tokenize
from l10n.glossary.matcher import Matcher
from l10n.tm.match import MatchIndex, Normaliser
from l10n.tm.units import Unit


@dataclass(frozen=True)
class TmMatch:
    unit: Unit
    score: int  # 100: the same English; 99 and below: fuzzy

    @property
    def exact(self) -> bool:
        return self.score == 100


class Memory:
    def __init__(self, units: list[Unit], matcher: Matcher | None = None):
        # Newest first, so that among equal scores the latest translation wins.
        self.units = sorted(units, key=lambda u: u.created, reverse=True)
        self.matcher = matcher
        self.index = MatchIndex(
            [u.source for u in self.units], Normaliser(matcher.find if matcher is not None else None)
        )

    def __len__(self) -> int:
        return len(self.units)

    def best(self, source: str, threshold: int) -> TmMatch | None:
        hits = self.index.lookup(source, threshold, limit=1)
        return TmMatch(self.units[hits[0].index], hits[0].score) if hits else None

    def adapt(self, match: TmMatch, source: str, language: str) -> str | None:
        """The match's target fitted to ``source``: its placeholders renumbered as in
        ``source`` and glossary terms that differ swapped for the new ones. None when the
        placeholders cannot be paired (the target would not be a valid translation)."""
        target = _renumber(match.unit.source, source, match.unit.target)
        if target is None or self.matcher is None:
            return target
        return _swap_terms(self.matcher, match.unit.source, source, target, language)


def _renumber(old_source: str, new_source: str, target: str) -> str | None:
    old, new = placeholder_signature(old_source), placeholder_signature(new_source)
    if [role for _, role in old] != [role for _, role in new]:
        return None
    mapping = {o: n for (o, _), (n, _) in zip(old, new, strict=True)}
    if len(set(mapping.values())) != len(mapping):
        return None
    parts = tokenize(target)
    if sorted(placeholder_signature(target)) != sorted(old):
        return None
    return join_parts([Tag(mapping[p.number], p.role) if isinstance(p, Tag) else p for p in parts])


def _swap_terms(matcher: Matcher, old_source: str, new_source: str, target: str, language: str) -> str:
    """Replace the old term's approved translation by the new one's, term by term, where the
    two sources name different concepts at the same position."""
    old, new = matcher.find(old_source), matcher.find(new_source)
    if len(old) != len(new):
        return target
    for before, after in zip(old, new, strict=True):
        if before.concept.id == after.concept.id and before.plural == after.plural:
            continue
        was = before.concept.target(language, before.plural)
        now = after.concept.target(language, after.plural)
        if was is None or now is None:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(was.text)}(?!\w)")
        found = pattern.search(target)
        if found:  # the new term's text as is (no template escapes)
            target = target[: found.start()] + now.text + target[found.end() :]
    return target
