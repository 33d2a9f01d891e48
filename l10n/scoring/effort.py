"""Post-edit effort: each stored machine draft against what its reviewer made of it."""

from __future__ import annotations

from dataclasses import dataclass

from l10n.scoring.metrics import EFFORT_METRICS, corpus_scores, sentence_scores, spearman
from l10n.scoring.report import EffortGroup, EntryEffort, PostEdit


@dataclass(frozen=True)
class Pair:
    """A reviewed entry whose machine draft is known."""

    language: str
    article: str
    ref: str  # file:line
    msgid: str
    draft: str
    final: str
    engine: str
    reviewer: str
    quality: float | None


def effort_group(pairs: list[Pair]) -> EffortGroup:
    scores = corpus_scores([p.draft for p in pairs], [p.final for p in pairs], EFFORT_METRICS)
    return EffortGroup(len(pairs), sum(p.draft != p.final for p in pairs), scores)


def post_edit_effort(pairs: list[Pair]) -> PostEdit:
    """Effort per language, article, engine and reviewer, per entry (most edited first), and
    the quality estimate's rank correlation with sentence TER."""
    groupings: dict[str, dict[str, list[Pair]]] = {
        "language": {},
        "article": {},
        "engine": {},
        "reviewer": {},
    }
    for pair in pairs:
        groupings["language"].setdefault(pair.language, []).append(pair)
        groupings["article"].setdefault(f"{pair.language}/{pair.article}", []).append(pair)
        groupings["engine"].setdefault(f"{pair.language}/{pair.engine}", []).append(pair)
        groupings["reviewer"].setdefault(pair.reviewer, []).append(pair)
    groups = {
        grouping: {name: effort_group(members[name]) for name in sorted(members)}
        for grouping, members in groupings.items()
    }
    entries = [
        EntryEffort(
            p.language, p.article, p.ref, p.msgid, p.draft, p.final, p.engine, p.reviewer, p.quality,
            sentence_scores(p.draft, p.final),
        )
        for p in pairs
    ]  # fmt: skip
    entries.sort(key=lambda e: -e.scores["TER"].score)
    estimated = [e for e in entries if e.quality is not None]
    rho = spearman([e.quality for e in estimated], [e.scores["TER"].score for e in estimated])  # type: ignore[misc]
    return PostEdit(**groups, entries=entries, quality_vs_effort_spearman=rho)
