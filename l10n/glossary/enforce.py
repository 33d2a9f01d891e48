"""Enforce the glossary in machine translation, for any engine.

Before translation each English term becomes an opaque placeholder (``<901/>``), which
every engine carries through untouched; afterwards the placeholder is replaced by the
approved target term in the number of the English match, and the article or fused
preposition before it is made to agree (``grammar.agree``). In languages with grammatical
case only names and acronyms are placed this way (``inflection``): a nominative pasted into
a genitive slot would be wrong, so other terms are left to the engine and checked. The
output is then verified: a term that could not be placed is reported, never silently
passed, and no placeholder of ours survives into the translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from l10n.documents.segment import Tag, strip_placeholders, tokenize
from l10n.glossary.check import check_translation
from l10n.glossary.grammar import agree, determiners
from l10n.glossary.inflection import declines, is_invariant
from l10n.glossary.matcher import Match, Matcher
from l10n.glossary.model import Glossary

FIRST_ATOM = 901  # above any inline placeholder a sentence can have
_MARKER = re.compile(r"XT\d+X|</?9\d\d/?>")


@dataclass
class Protected:
    text: str  # the source with terms replaced by placeholders
    matches: dict[int, Match] = field(default_factory=dict)


@dataclass
class Enforced:
    text: str
    unenforced: list[str] = field(default_factory=list)  # "SDGs → ODD" for terms not placed


class Enforcer:
    def __init__(
        self,
        glossary: Glossary,
        language: str,
        matcher: Matcher | None = None,
        place_nominative: bool = False,
    ):
        self.glossary = glossary
        self.language = language
        self.matcher = matcher or Matcher(glossary)
        # In a language with case, also place declinable terms (as the glossary writes them)
        # and flag each one for a case check. Off by default; bench/glossary.py measures both.
        self.place_nominative = place_nominative

    def _left_to_engine(self, match: Match) -> bool:
        return declines(self.language) and not is_invariant(match.concept, self.language)

    def protect(self, text: str) -> Protected:
        protected = Protected(text)
        pieces, position = [], 0
        for match in self.matcher.find(text):
            if match.concept.target(self.language, match.plural) is None:
                continue  # no approved form in this language: let the engine translate it
            if self._left_to_engine(match) and not self.place_nominative:
                continue  # the engine declines it; restore() checks it and flags it if absent
            number = FIRST_ATOM + len(protected.matches)
            protected.matches[number] = match
            pieces += [text[position : match.start], f"<{number}/>"]
            position = match.end
        pieces.append(text[position:])
        protected.text = "".join(pieces)
        return protected

    def restore(self, protected: Protected, output: str, source: str) -> Enforced:
        result = ""
        placed: set[int] = set()
        lower_next = ""  # after a term: "determiner" (lower a capitalised article) or "word"
        for part in tokenize(output):
            if isinstance(part, Tag) and part.number in protected.matches:
                if part.number in placed:
                    continue
                placed.add(part.number)
                match = protected.matches[part.number]
                target = match.concept.target(self.language, match.plural)
                assert target is not None  # protect() shields only terms with a target
                form = target.text
                # A target that is plural whatever the English ("Nações Unidas", "alterações
                # climáticas" for "climate change") takes a plural article.
                plural = target.number == "plural" if target.number else match.plural
                result = agree(self.language, result, form, target.gender, plural)
                starts = not re.search(r"\w", strip_placeholders(result))
                if starts and form[:1].islower():
                    form = form[:1].upper() + form[1:]  # it starts the sentence
                result += form
                # Apertium capitalises the word after a sentence-initial unknown token
                # ("Kazajistán Ha puesto"): lower it when the English word there is lower case.
                lower_next = "word" if starts and re.match(r"\s*[a-z]", source[match.end :]) else "determiner"
                continue
            if isinstance(part, Tag):
                result += str(part)
                continue
            if lower_next:
                part = self._lower_next_word(part, any_word=lower_next == "word")
            result += part
            lower_next = ""
        result = re.sub(r"[ \t]{2,}", " ", _MARKER.sub("", result)).strip()
        unenforced = []
        for number, match in protected.matches.items():
            target = match.concept.target(self.language, match.plural)
            if target is None:
                continue
            if number not in placed:
                unenforced.append(f"{match.text} → {target.text}")
            elif self._left_to_engine(match):
                unenforced.append(f"{match.text} → {target.text} (placed as written: check its case)")
        # Verify the final text itself, not our bookkeeping.
        for issue in check_translation(self.glossary, self.matcher, source, result, self.language):
            if issue.kind != "forbidden":
                note = f"{issue.source} → {issue.expected}"
                if not any(n.startswith(note) for n in unenforced):
                    unenforced.append(note)
        return Enforced(result, unenforced)

    def _lower_next_word(self, text: str, any_word: bool) -> str:
        """After a term, engines sometimes capitalise the next article ("PGII Los
        proyectos"), or any next word after a term that starts the sentence: lower it (a
        capitalised word only, never an acronym)."""
        found = re.match(r"(\s+)(\w+)", text)
        if not found:
            return text
        word = found.group(2)
        ordinary = word[:1].isupper() and (len(word) == 1 or word[1:].islower())
        if ordinary and (any_word or word.lower() in determiners(self.language)):
            return found.group(1) + word[:1].lower() + word[1:] + text[found.end() :]
        return text


def leaked_markers(text: str) -> list[str]:
    """Placeholders of ours left in a translation (must always be empty)."""
    return _MARKER.findall(text)
