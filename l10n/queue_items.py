"""An entry awaiting review as the queue shows it. A plain value with no heavy imports, so
that a queue served from the local index (``l10n.listings``) can rebuild it cheaply."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class QueueItem:
    id: str
    language: str
    article: str
    ref: str  # file:line
    msgctxt: str
    msgid: str
    text: str
    state: str
    reasons: list[str] = field(default_factory=list)
    assignee: str = ""
    machine_draft: str = ""
    quality: float | None = None
    priority: int = 0
    waiting_since: str = ""
    tm: dict | None = None  # a fuzzy memory match: score, source, target, diff (its English → this one)
    glossary_issues: int = 0
    check_errors: int = 0
    check_warnings: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    risk: float = 0.0  # 1 - the quality estimate (l10n.scoring.risk): higher is riskier

    def order(self) -> tuple:
        """Smaller comes first: entries a reviewer sent back, then by risk, then article
        priority, then age."""
        return (
            not any(r.startswith("rejected") for r in self.reasons),
            -self.risk,
            -self.priority,
            self.waiting_since,
            self.article,
            self.ref,
        )


def reason_kind(reason: str) -> str:
    """What kind of reason a queue reason is ("low quality estimate 0.09" → "low quality
    estimate"), for summaries that count kinds rather than exact texts."""
    head = reason.split(":", 1)[0] if ":" in reason else reason
    return " ".join(word for word in head.split() if not any(ch.isdigit() for ch in word))
