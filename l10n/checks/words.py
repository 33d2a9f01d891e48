"""Words of an entry with their place in the text, and the words a check must leave alone:
names (capitalised in the source) and the glossary's approved terms."""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.checks.base import Unit
from l10n.languages import rules

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SENTENCE_START = set('.!?:;«“„"(¿¡…')


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str
    initial: bool  # first word of the text or of a sentence

    @property
    def capitalised(self) -> bool:
        """ "Et", "A" (a lone capital too), not "ODD" nor "G7"."""
        return self.text[:1].isupper() and (len(self.text) == 1 or not self.text[1:].isupper())


def words(text: str) -> list[Word]:
    """The words a reader sees (placeholders and URLs cut out), each with its span."""
    found = []
    for offset, piece in rules.plain_pieces(text):
        for match in WORD.finditer(piece):
            before = (text[: offset + match.start()]).rstrip()
            initial = not before or before[-1] in SENTENCE_START or re.search(r"<\d+>$", before) is not None
            found.append(Word(offset + match.start(), offset + match.end(), match.group(0), initial))
    return found


def exempt(source: str, target: str, unit: Unit) -> set[str]:
    """Words no lexicon check should judge: words capitalised in the source (names,
    acronyms) and every word of the glossary terms the target should contain."""
    names = {w.text for w in words(source) if w.text[:1].isupper()}
    terms = set()
    for match in unit.terms().find(source):
        for term in match.concept.approved(unit.language):
            terms.update(WORD.findall(term.text))
    return names | terms
