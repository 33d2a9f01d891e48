"""What ``l10n score`` reports, as typed values: the CLI prints them, the dashboard draws
them, and a snapshot stores them (``as_dict`` to JSON, ``from_dict`` back).

``from_dict`` also reads snapshots written by older versions of l10n, where a score was a
bare number without its signature.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METRIC_KEYS = ("BLEU", "chrF++", "TER", "chrF")


@dataclass(frozen=True)
class Score:
    """One sacrebleu score with its signature; ``mean`` and ``ci95`` from bootstrap
    resampling, ``p_value`` from a paired test against a baseline system."""

    name: str  # sacrebleu's name for the metric as configured, e.g. chrF2++
    score: float
    signature: str
    mean: float | None = None
    ci95: float | None = None
    p_value: float | None = None

    def line(self) -> str:
        """sacrebleu's own way of writing a score: ``name|signature = value (μ = m ± ci)``."""
        text = f"{self.name}|{self.signature} = {self.score:.2f}"
        if self.mean is not None and self.ci95 is not None:
            text += f" (μ = {self.mean:.2f} ± {self.ci95:.2f})"
        if self.p_value is not None:
            text += f" p = {self.p_value:.4f}"
        return text

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "score": self.score, "signature": self.signature}
        for key in ("mean", "ci95", "p_value"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Score:
        if isinstance(data, int | float):  # an older snapshot: a bare number
            return cls("", float(data), "")
        return cls(
            data.get("name", ""),
            data["score"],
            data.get("signature", ""),
            data.get("mean"),
            data.get("ci95"),
            data.get("p_value"),
        )


def _scores_dict(scores: dict[str, Score]) -> dict[str, Any]:
    return {key: score.as_dict() for key, score in scores.items()}


def _scores_from(data: dict[str, Any]) -> dict[str, Score]:
    return {key: Score.from_dict(data[key]) for key in METRIC_KEYS if data.get(key) is not None}


@dataclass(frozen=True)
class EffortGroup:
    """Post-edit effort of a group of reviewed entries: their machine drafts against the
    reviewed texts, as a corpus (TER and chrF++)."""

    entries: int
    edited: int
    scores: dict[str, Score]

    def as_dict(self) -> dict[str, Any]:
        return {"entries": self.entries, "edited": self.edited, **_scores_dict(self.scores)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EffortGroup:
        return cls(data["entries"], data["edited"], _scores_from(data))


@dataclass(frozen=True)
class EntryEffort:
    """One reviewed entry: its machine draft, the reviewed text and sentence TER and chrF."""

    language: str
    article: str
    ref: str  # file:line
    msgid: str
    draft: str
    final: str
    engine: str
    reviewer: str
    quality: float | None
    scores: dict[str, Score]

    def as_dict(self) -> dict[str, Any]:
        fields = ("language", "article", "ref", "msgid", "draft", "final", "engine", "reviewer", "quality")
        return {**{key: getattr(self, key) for key in fields}, **_scores_dict(self.scores)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntryEffort:
        return cls(
            data["language"],
            data["article"],
            data["ref"],
            data["msgid"],
            data["draft"],
            data["final"],
            data["engine"],
            data["reviewer"],
            data.get("quality"),
            _scores_from(data),
        )


GROUPINGS = ("language", "article", "engine", "reviewer")


@dataclass(frozen=True)
class PostEdit:
    """Post-edit effort per language, article (``lang/slug``), engine (``lang/engine``) and
    reviewer, each entry (most edited first), and how well the quality estimate predicted
    the effort (Spearman's rho against sentence TER; negative is right)."""

    language: dict[str, EffortGroup] = field(default_factory=dict)
    article: dict[str, EffortGroup] = field(default_factory=dict)
    engine: dict[str, EffortGroup] = field(default_factory=dict)
    reviewer: dict[str, EffortGroup] = field(default_factory=dict)
    entries: list[EntryEffort] = field(default_factory=list)
    quality_vs_effort_spearman: float | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            grouping: {name: group.as_dict() for name, group in getattr(self, grouping).items()}
            for grouping in GROUPINGS
        }
        data["entries"] = [entry.as_dict() for entry in self.entries]
        data["quality_vs_effort_spearman"] = self.quality_vs_effort_spearman
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PostEdit:
        groups = {
            grouping: {name: EffortGroup.from_dict(g) for name, g in (data.get(grouping) or {}).items()}
            for grouping in GROUPINGS
        }
        return cls(
            **groups,
            entries=[EntryEffort.from_dict(e) for e in data.get("entries") or []],
            quality_vs_effort_spearman=data.get("quality_vs_effort_spearman"),
        )


@dataclass(frozen=True)
class QualityEstimates:
    """What the quality-estimate pass did for one language."""

    estimated: int
    method: str = ""
    skipped: str = ""  # why nothing could be estimated

    def as_dict(self) -> dict[str, Any]:
        return {"estimated": self.estimated, "method": self.method, "skipped": self.skipped}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QualityEstimates:
        return cls(data.get("estimated", 0), data.get("method", ""), data.get("skipped", ""))


@dataclass(frozen=True)
class EstimateCorrelation:
    """How well the quality estimate ranks a system's reference-set translations: Spearman's
    rho between each sentence's estimate and its chrF against the reference, on sentences
    the estimate was not fitted on, and how many of the worst quarter of drafts (by chrF)
    the estimate puts in its riskiest quarter."""

    system: str
    sentences: int
    spearman: float | None
    method: str
    chrf_signature: str  # the per-sentence chrF the estimate is compared with
    left_out: int = 0  # sentences of the set the estimate was fitted on, not counted
    worst_quarter: int | None = None  # of the worst quarter by chrF, how many are ranked riskiest
    quarter: int = 0  # sentences in a quarter

    def as_dict(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "sentences": self.sentences,
            "spearman": self.spearman,
            "method": self.method,
            "chrf_signature": self.chrf_signature,
            "left_out": self.left_out,
            "worst_quarter": self.worst_quarter,
            "quarter": self.quarter,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EstimateCorrelation:
        return cls(
            data["system"],
            data["sentences"],
            data.get("spearman"),
            data["method"],
            data["chrf_signature"],
            data.get("left_out", 0),
            data.get("worst_quarter"),
            data.get("quarter", 0),
        )


@dataclass(frozen=True)
class SystemScores:
    system: str
    scores: dict[str, Score]

    def as_dict(self) -> dict[str, Any]:
        return {"system": self.system, "scores": _scores_dict(self.scores)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SystemScores:
        return cls(data["system"], _scores_from(data["scores"]))


@dataclass(frozen=True)
class ReferenceReport:
    """Each system on a language's reference set; the first is the baseline of the paired
    bootstrap test (the others carry its p-values)."""

    reference_set: str
    sentences: int
    systems: list[SystemScores]
    test: str = "paired bootstrap resampling"
    samples: int = 0
    quality_estimate: EstimateCorrelation | None = None

    @property
    def baseline(self) -> str:
        return self.systems[0].system if self.systems else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "reference_set": self.reference_set,
            "sentences": self.sentences,
            "baseline": self.baseline,
            "test": self.test,
            "samples": self.samples,
            "systems": [system.as_dict() for system in self.systems],
            "quality_estimate": self.quality_estimate.as_dict() if self.quality_estimate else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReferenceReport:
        estimate = data.get("quality_estimate")
        return cls(
            data["reference_set"],
            data["sentences"],
            [SystemScores.from_dict(s) for s in data["systems"]],
            data.get("test", "paired bootstrap resampling"),
            data.get("samples", 0),
            EstimateCorrelation.from_dict(estimate) if estimate else None,
        )


@dataclass(frozen=True)
class GlossaryAdherence:
    entries_with_terms: int
    passing: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.passing / self.entries_with_terms, 2) if self.entries_with_terms else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "entries_with_terms": self.entries_with_terms,
            "passing": self.passing,
            "percent": self.percent,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GlossaryAdherence:
        return cls(data["entries_with_terms"], data["passing"])


def _optional(kind: Any, data: Any) -> Any:
    return kind.from_dict(data) if data else None


@dataclass(frozen=True)
class ArticleReport:
    states: dict[str, int]
    post_edit: EffortGroup | None = None
    quality_mean: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "states": self.states,
            "post_edit": self.post_edit.as_dict() if self.post_edit else None,
            "quality_mean": self.quality_mean,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleReport:
        return cls(
            data.get("states", {}), _optional(EffortGroup, data.get("post_edit")), data.get("quality_mean")
        )


@dataclass(frozen=True)
class LanguageReport:
    states: dict[str, int]
    post_edit: EffortGroup | None = None
    quality_mean: float | None = None
    quality_estimation: QualityEstimates | None = None
    glossary: GlossaryAdherence | None = None
    reference: ReferenceReport | None = None

    def as_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            return value.as_dict() if value is not None else None

        return {
            "states": self.states,
            "post_edit": plain(self.post_edit),
            "quality_mean": self.quality_mean,
            "quality_estimation": plain(self.quality_estimation),
            "glossary": plain(self.glossary),
            "reference": plain(self.reference),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LanguageReport:
        return cls(
            data.get("states", {}),
            _optional(EffortGroup, data.get("post_edit")),
            data.get("quality_mean"),
            _optional(QualityEstimates, data.get("quality_estimation")),
            _optional(GlossaryAdherence, data.get("glossary")),
            _optional(ReferenceReport, data.get("reference")),
        )


@dataclass(frozen=True)
class ScoreReport:
    """One run of ``l10n score``: what a snapshot holds. Only the languages scored appear."""

    git_commit: str | None
    glossary_version: str
    engines: list[str]
    languages: dict[str, LanguageReport]
    articles: dict[str, ArticleReport]  # key: lang/slug
    post_edit: PostEdit
    snapshot: str | None = None  # the history's id, once stored
    taken_at: str = ""  # known when read back from the store

    def as_dict(self) -> dict[str, Any]:
        return {
            "snapshot": self.snapshot,
            **({"taken_at": self.taken_at} if self.taken_at else {}),
            "git_commit": self.git_commit,
            "glossary_version": self.glossary_version,
            "engines": self.engines,
            "languages": {lang: report.as_dict() for lang, report in self.languages.items()},
            "articles": {key: report.as_dict() for key, report in self.articles.items()},
            "post_edit": self.post_edit.as_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScoreReport:
        return cls(
            git_commit=data.get("git_commit"),
            glossary_version=data.get("glossary_version") or "",
            engines=list(data.get("engines") or []),
            languages={k: LanguageReport.from_dict(v) for k, v in (data.get("languages") or {}).items()},
            articles={k: ArticleReport.from_dict(v) for k, v in (data.get("articles") or {}).items()},
            post_edit=PostEdit.from_dict(data.get("post_edit") or {}),
            snapshot=data.get("snapshot"),
            taken_at=data.get("taken_at") or "",
        )
