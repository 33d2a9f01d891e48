"""Concepts defined twice: the same English term in two places, with or without the same
targets. ``lint`` reports them all; translation refuses a conflict between two files,
since nothing says which file should win."""

from __future__ import annotations

from dataclasses import dataclass

from l10n.errors import L10nError
from l10n.glossary.model import Concept, Glossary, Term


@dataclass(frozen=True)
class Duplicate:
    concept: Concept  # the later definition
    term: Term
    other: Concept  # the earlier one (may be the same concept: a term listed twice)
    differing: tuple[str, ...]  # languages whose preferred targets differ


def english_key(text: str) -> str:
    return " ".join(text.replace("-", " ").casefold().split())


def duplicates(glossary: Glossary) -> list[Duplicate]:
    found = []
    seen: dict[str, Concept] = {}
    for concept in glossary.concepts:
        for term in concept.english():
            key = english_key(term.text)
            other = seen.get(key)
            if other is None:
                seen[key] = concept
                continue
            found.append(Duplicate(concept, term, other, _differing(concept, other)))
    return found


def _differing(concept: Concept, other: Concept) -> tuple[str, ...]:
    if other is concept:
        return ()
    return tuple(
        language
        for language in sorted(set(concept.terms) & set(other.terms))
        if language != "en" and _first(concept, language) != _first(other, language)
    )


def _first(concept: Concept, language: str) -> str | None:
    approved = concept.approved(language)
    return approved[0].text if approved else None


def refuse_file_conflicts(glossary: Glossary) -> None:
    """One line naming both files, the term and the differing targets, for the first term
    two files define differently."""
    for duplicate in duplicates(glossary):
        concept, other = duplicate.concept, duplicate.other
        if not duplicate.differing or concept.source == other.source:
            continue
        language = duplicate.differing[0]
        raise L10nError(
            f"{duplicate.term.text!r} conflicts with {other.where()} "
            f"({language}: {_first(concept, language)!r} vs {_first(other, language)!r}); "
            "keep one (l10n glossary lint)",
            concept.source,
            concept.line,
        )
