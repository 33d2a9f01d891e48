"""Enforce the glossary in machine translation, for any engine.

Before translation each English term becomes an opaque placeholder (``<901/>``), which
every engine carries through untouched; afterwards the placeholder is replaced by the
approved target term in the number of the English match, and the article or fused
preposition before it is made to agree (``grammar.agree``). The output is then verified:
a term that could not be placed is reported, never silently passed, and no placeholder of
ours survives into the translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from l10n.documents.segment import Tag, strip_placeholders, tokenize
from l10n.glossary.check import check_translation
from l10n.glossary.grammar import agree, determiners
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
    def __init__(self, glossary: Glossary, language: str, matcher: Matcher | None = None):
        self.glossary = glossary
        self.language = language
        self.matcher = matcher or Matcher(glossary)

    def protect(self, text: str) -> Protected:
        protected = Protected(text)
        pieces, position = [], 0
        for match in self.matcher.find(text):
            if match.concept.target(self.language, match.plural) is None:
                continue  # no approved form in this language: let the engine translate it
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
        lower_next = False
        for part in tokenize(output):
            if isinstance(part, Tag) and part.number in protected.matches:
                if part.number in placed:
                    continue
                placed.add(part.number)
                match = protected.matches[part.number]
                target = match.concept.target(self.language, match.plural)
                assert target is not None  # protect() shields only terms with a target
                form = target.text
                result = agree(self.language, result, form, target.gender, match.plural)
                if not re.search(r"\w", strip_placeholders(result)) and form[:1].islower():
                    form = form[:1].upper() + form[1:]  # it starts the sentence
                result += form
                lower_next = True
                continue
            if isinstance(part, Tag):
                result += str(part)
                continue
            if lower_next:
                part = self._lower_determiner(part)
            result += part
            lower_next = False
        result = re.sub(r"[ \t]{2,}", " ", _MARKER.sub("", result)).strip()
        unenforced = []
        for number, match in protected.matches.items():
            target = match.concept.target(self.language, match.plural)
            if number not in placed and target is not None:
                unenforced.append(f"{match.text} → {target.text}")
        # Verify the final text itself, not our bookkeeping.
        for issue in check_translation(self.glossary, self.matcher, source, result, self.language):
            if issue.kind != "forbidden":
                note = f"{issue.source} → {issue.expected}"
                if note not in unenforced:
                    unenforced.append(note)
        return Enforced(result, unenforced)

    def _lower_determiner(self, text: str) -> str:
        """After a term at the start, engines sometimes capitalise the next article
        ("PGII Los proyectos"): lower it."""
        found = re.match(r"(\s+)(\w+)", text)
        if found and found.group(2).lower() in determiners(self.language) and found.group(2)[:1].isupper():
            word = found.group(2)
            return found.group(1) + word[:1].lower() + word[1:] + text[found.end() :]
        return text


def leaked_markers(text: str) -> list[str]:
    """Placeholders of ours left in a translation (must always be empty)."""
    return _MARKER.findall(text)
