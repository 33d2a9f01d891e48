"""The glossary: concepts, each with its terms per language.

A term is *preferred* (the approved form; the first preferred term of a language is the
one machine translation inserts), *admitted* (an accepted variant: an inflected or plural
form) or *forbidden* (a rendering that must not appear). A concept marked
*do-not-translate* keeps its English form in every language (names, brands, acronyms).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property

STATUSES = ("preferred", "admitted", "forbidden")
GENDERS = ("m", "f", "n")
NUMBERS = ("singular", "plural")


@dataclass
class Term:
    text: str
    status: str = "preferred"
    gender: str = ""  # m, f, n or "" (unknown)
    number: str = ""  # singular, plural or "" (either)
    line: int | None = field(default=None, compare=False)

    @property
    def approved(self) -> bool:
        return self.status != "forbidden"


@dataclass
class Concept:
    id: str
    terms: dict[str, list[Term]] = field(default_factory=dict)
    do_not_translate: bool = False
    note: str = ""
    source: str = field(default="", compare=False)  # file the concept was read from
    line: int | None = field(default=None, compare=False)
    anchor: str = field(default="", compare=False)  # forbidden rows: the English term they belong to

    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def english(self) -> list[Term]:
        return [t for t in self.terms.get("en", []) if t.approved]

    def approved(self, language: str) -> list[Term]:
        """Forms accepted in a translation, the one to insert first."""
        if self.do_not_translate:
            return self.english()
        return [t for t in self.terms.get(language, []) if t.approved]

    def forbidden(self, language: str) -> list[Term]:
        return [t for t in self.terms.get(language, []) if t.status == "forbidden"]

    def target(self, language: str, plural: bool) -> Term | None:
        """The form machine translation inserts, in the number of the English match."""
        forms = self.approved(language)
        if not forms:
            return None
        if self.do_not_translate:
            # Same text everywhere; a language section, if any, carries its gender.
            return next(iter(self.terms.get(language, [])), forms[0])
        wanted = "plural" if plural else "singular"
        for term in forms:
            if term.number == wanted:
                return term
        for term in forms:
            if not term.number:
                return term
        return forms[0]

    def languages(self) -> set[str]:
        return {lang for lang, terms in self.terms.items() if any(t.approved for t in terms)}


def _term_data(term: Term) -> dict:
    # What asdict() gave (line left out), built directly: asdict deep-copies, which took
    # seconds on a 10,000-concept glossary. The version hash must not change.
    return {
        "text": term.text,
        "status": term.status,
        "gender": term.gender,
        "number": term.number,
        "line": None,
    }


@dataclass
class Glossary:
    concepts: list[Concept] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @cached_property
    def version(self) -> str:
        """A short hash of the content: it changes whenever a term, status or note does."""
        if not self.concepts:
            return ""
        data = [
            {
                "id": c.id,
                "dnt": c.do_not_translate,
                "note": c.note,
                "terms": {lang: [_term_data(t) for t in terms] for lang, terms in sorted(c.terms.items())},
            }
            for c in self.concepts
        ]
        return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:10]

    def languages(self) -> list[str]:
        found: set[str] = set()
        for concept in self.concepts:
            found |= concept.languages()
        return sorted(found)

    def __len__(self) -> int:
        return len(self.concepts)
