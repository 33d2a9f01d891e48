"""Per-sentence route selection: for a language two Apertium routes reach, each text is
translated by both and the draft with the better quality estimate (``l10n.scoring.risk``,
with the round trip of each draft back into the source language) is kept.

Measured by ``bench/route_selection.py`` (corpus chrF on the reference sets against the
single best route) and enabled by default (``[apertium] route_selection`` in l10n.toml) only
where it helped on both the sentences the estimate was fitted on and the held-out ones:
French (+1.0 and +0.8 chrF). For Italian it lowered chrF on one set (-0.4), for Spanish it
changed nothing (+0.01, +0.03): off."""

from __future__ import annotations

from collections.abc import Sequence

from l10n.checks import run_checks
from l10n.drafting import PipelineDraft
from l10n.glossary import Glossary
from l10n.glossary.matcher import Matcher
from l10n.scoring import risk
from l10n.scoring.metrics import chrf_similarity

# A gain below this (chrF points, on either set) is noise that does not pay for three
# times the engine calls: Spanish gained 0.01 and 0.03.
MIN_GAIN = 0.1


def estimates(
    drafts: Sequence[PipelineDraft],
    back: Sequence[str],
    sources: Sequence[str],
    language: str,
    glossary: Glossary,
    matcher: Matcher,
) -> list[float]:
    """The quality estimate of each draft, given its round trip back into the source language."""
    out = []
    for source, draft, trip in zip(sources, drafts, back, strict=True):
        unit = draft.unit(language, glossary, matcher)
        chrf = chrf_similarity(trip, source)
        failures = run_checks(source, draft.text, unit)
        out.append(risk.quality(risk.signals(source, draft.text, unit, round_trip=chrf, failures=failures)))
    return out


def prefer_second(
    first: Sequence[PipelineDraft],
    second: Sequence[PipelineDraft],
    back: Sequence[str],
    sources: Sequence[str],
    language: str,
    glossary: Glossary,
    matcher: Matcher,
) -> list[bool]:
    """Per text, whether the second route's draft is estimated better (ties keep the
    first). ``back``: the round trips of the first drafts, then of the second ones."""
    count = len(sources)
    a = estimates(first, back[:count], sources, language, glossary, matcher)
    b = estimates(second, back[count:], sources, language, glossary, matcher)
    return [qb > qa for qa, qb in zip(a, b, strict=True)]
