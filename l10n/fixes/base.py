"""The interface of an automatic fix rule: it rewrites a machine draft completely or not at
all. A rule that finds something it should repair but cannot repair cleanly says why
(:class:`Skip`); the draft is then left as the engine wrote it, and flagged."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.languages import LanguageTable, table_for


@dataclass
class Context:
    language: str
    glossary: Glossary = field(default_factory=Glossary)
    matcher: Matcher | None = None
    source_language: str = "en"

    @property
    def table(self) -> LanguageTable:
        return table_for(self.language)

    def terms(self) -> Matcher:
        if self.matcher is None:
            self.matcher = Matcher(self.glossary)
        return self.matcher


@dataclass(frozen=True)
class Skip:
    """A repair the rule saw but could not make cleanly."""

    reason: str


class FixRule:
    id: str = ""
    description: str = ""

    def apply(self, source: str, text: str, context: Context) -> str | Skip:
        """The draft with this rule applied (the same text when nothing applies), or a Skip."""
        raise NotImplementedError
