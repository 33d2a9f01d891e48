"""What a check reports, as plain values: severities, failures and the findings of one
entry. Nothing here imports polib or the checks, so that a listing served from the local
index (``l10n.listings``) can rebuild them cheaply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is; a ``str``, so ``failure.severity == "error"`` still reads."""

    ERROR = "error"  # the text is wrong
    WARNING = "warning"  # worth a look


@dataclass(frozen=True)
class Failure:
    check: str
    severity: Severity
    message: str
    span: tuple[int, int] | None = None


@dataclass
class EntryFindings:
    language: str
    article: str
    ref: str  # file:line
    state: str
    msgid: str
    msgstr: str
    failures: list[Failure] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.failures)

    def as_dict(self) -> dict:
        return asdict(self)


def differently_translated(target: str, elsewhere: dict[str, str]) -> list[str]:
    """The consistency check's messages: other articles (by name) whose translation of the
    same source differs from ``target`` beyond spacing."""
    same = " ".join(target.split())
    return [
        f"translated differently in {article}: {text}"
        for article, text in sorted(elsewhere.items())
        if " ".join(text.split()) != same
    ]
