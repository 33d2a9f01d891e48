"""The check interface: one small class per check, each asked about one entry at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher


@dataclass
class Unit:
    """What a check may know about the entry besides its two texts."""

    language: str
    glossary: Glossary = field(default_factory=Glossary)
    matcher: Matcher | None = None
    unenforced_terms: list[str] = field(default_factory=list)  # flagged by machine translation

    def terms(self) -> Matcher:
        if self.matcher is None:
            self.matcher = Matcher(self.glossary)
        return self.matcher


class Check:
    id: str = ""
    name: str = ""
    description: str = ""
    severity: str = "error"  # error: the text is wrong; warning: worth a look

    def check_single(self, source: str, target: str, unit: Unit) -> list[str]:
        """Problems found, one short message each; an empty list when the entry passes."""
        raise NotImplementedError


@dataclass(frozen=True)
class Failure:
    check: str
    severity: str
    message: str
