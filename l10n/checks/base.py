"""The check interface: one small class per check, each asked about one entry at a time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.findings import Failure, Severity
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.model import Entry


@dataclass
class Unit:
    """What a check may know about the entry besides its two texts."""

    language: str
    glossary: Glossary = field(default_factory=Glossary)
    matcher: Matcher | None = None
    unenforced_terms: list[str] = field(default_factory=list)  # flagged by machine translation
    unknown_words: list[str] = field(default_factory=list)  # marked by the engine: "*counterparts"
    unfixed: list[str] = field(default_factory=list)  # automatic fixes that did not apply cleanly
    comments: list[str] = field(default_factory=list)  # extracted comments: "<1>…</1> = link: URL"
    elsewhere: dict[str, str] = field(default_factory=dict)  # article -> its translation of the source
    source_language: str = "en"

    def terms(self) -> Matcher:
        if self.matcher is None:
            self.matcher = Matcher(self.glossary)
        return self.matcher


def entry_unit(entry: Entry, glossary: Glossary, matcher: Matcher | None = None) -> Unit:
    """The unit of a catalog entry, with what machine translation noted about its draft."""
    return Unit(
        entry.language,
        glossary,
        matcher,
        list(entry.unenforced),
        list(entry.unknown),
        list(entry.unfixed),
        comments=(entry.po.comment or "").splitlines(),
    )


@dataclass(frozen=True)
class Finding:
    """One problem a check found: a message, and where it is in the translation."""

    message: str
    span: tuple[int, int] | None = None  # [start, end) in the target text, when known


class Check:
    id: str = ""
    name: str = ""
    description: str = ""
    severity: Severity = Severity.ERROR

    def check_single(self, source: str, target: str, unit: Unit) -> Sequence[str | Finding]:
        """Problems found, one message (or :class:`Finding`) each; empty when the entry passes."""
        raise NotImplementedError


__all__ = ["Check", "Failure", "Finding", "Severity", "Unit", "entry_unit"]
