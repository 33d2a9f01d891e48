"""Importing a glossary into a file that already holds one: merge by English term."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.glossary.conflicts import english_key
from l10n.glossary.model import Concept


@dataclass
class Merged:
    concepts: list[Concept] = field(default_factory=list)
    added: int = 0
    updated: int = 0


def merge(existing: list[Concept], imported: list[Concept]) -> Merged:
    """``existing`` with ``imported`` laid over it. An imported concept that shares an
    English term (or its id) with an existing one updates it: the languages the import
    gives replace that concept's terms in those languages, other languages are kept, and
    English terms are united (dropping one would stop the concept matching it). Others
    are added at the end."""
    merged = Merged([_copy(c) for c in existing])
    by_key: dict[str, Concept] = {}
    for concept in merged.concepts:
        by_key.setdefault(f"id:{concept.id}", concept)
        for term in concept.english():
            by_key.setdefault(english_key(term.text), concept)
    for concept in imported:
        keys = [english_key(t.text) for t in concept.english()] + [f"id:{concept.id}"]
        target = next((by_key[k] for k in keys if k in by_key), None)
        if target is None:
            merged.concepts.append(concept)
            merged.added += 1
            for key in keys:
                by_key.setdefault(key, concept)
            continue
        _update(target, concept)
        merged.updated += 1
    return merged


def _update(target: Concept, concept: Concept) -> None:
    for language, terms in concept.terms.items():
        if language == "en":
            texts = {t.text.casefold() for t in terms}
            terms = terms + [t for t in target.terms.get("en", []) if t.text.casefold() not in texts]
        target.terms[language] = list(terms)
    target.do_not_translate = target.do_not_translate or concept.do_not_translate
    target.note = concept.note or target.note


def _copy(concept: Concept) -> Concept:
    return Concept(
        concept.id,
        {language: list(terms) for language, terms in concept.terms.items()},
        concept.do_not_translate,
        concept.note,
        concept.source,
        concept.line,
        concept.anchor,
    )
