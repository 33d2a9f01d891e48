"""Per-sentence route selection: where two Apertium routes reach a language (French and
Italian through Spanish or Catalan; Spanish directly or through Catalan), translate by
each and keep, per sentence, the draft with the better quality estimate. Measured by
corpus chrF against the single best route, on the reference sets (the 120 sentences the
estimate was fitted on, and the 48 held-out ones), with the estimate without engine calls
and with the round trip; the oracle (the better draft by its own chrF) bounds what any
selection could gain.

Run: .venv/bin/python bench/route_selection.py  → bench/route_selection.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sacrebleu.metrics import CHRF  # noqa: E402

from l10n.checks import run_checks  # noqa: E402
from l10n.config import Config  # noqa: E402
from l10n.drafting import translate_as_pipeline  # noqa: E402
from l10n.engines.apertium import ApertiumEngine  # noqa: E402
from l10n.engines.second_route import second_opinion  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402
from l10n.scoring import risk  # noqa: E402
from l10n.scoring.metrics import chrf_similarity, sentence_scores  # noqa: E402

LANGUAGES = ["fr", "it", "es"]
FOLDER = REPO / "tests" / "data" / "reference"


def chrf(drafts: list[str], references: list[str]) -> float:
    return round(CHRF().corpus_score(drafts, [references]).score, 2)


def estimates(engine, drafts, sources, language, glossary, matcher, round_trip: bool) -> list[float]:
    back = engine.translate_batch([d.text for d in drafts], language, "en") if round_trip else None
    out = []
    for index, (source, draft) in enumerate(zip(sources, drafts, strict=True)):
        unit = draft.unit(language, glossary, matcher)
        trip = chrf_similarity(back[index], source) if back else None
        values = risk.signals(
            source, draft.text, unit, round_trip=trip, failures=run_checks(source, draft.text, unit)
        )
        out.append(risk.quality(values))
    return out


def main() -> None:
    glossary = load_glossary(REPO / "glossaries")
    matcher = Matcher(glossary)
    primary = ApertiumEngine(Config())
    report: dict = {}
    for language in LANGUAGES:
        second = second_opinion(primary, "en", language)
        assert second is not None
        report[language] = {"routes": [primary.route("en", language), second.route("en", language)]}
        for name in (f"{language}.tsv", f"{language}.extra.tsv"):
            pairs = read_reference_set(FOLDER / name)
            sources, references = [s for s, _ in pairs], [r for _, r in pairs]
            first = translate_as_pipeline(primary, glossary, sources, "en", language, matcher)
            other = translate_as_pipeline(second, glossary, sources, "en", language, matcher)
            row = {"sentences": len(sources), "primary": chrf([d.text for d in first], references),
                   "second": chrf([d.text for d in other], references)}  # fmt: skip
            for label, trip in (("selected_without_engine_calls", False), ("selected_with_round_trip", True)):
                a = estimates(primary, first, sources, language, glossary, matcher, trip)
                b = estimates(second, other, sources, language, glossary, matcher, trip)
                chosen = [
                    x.text if qa >= qb else y.text for x, y, qa, qb in zip(first, other, a, b, strict=True)
                ]
                row[label] = chrf(chosen, references)
                row[label + "_second_taken"] = sum(qb > qa for qa, qb in zip(a, b, strict=True))
            oracle = [
                x.text
                if sentence_scores(x.text, r, ("chrF",))["chrF"].score
                >= sentence_scores(y.text, r, ("chrF",))["chrF"].score
                else y.text
                for x, y, r in zip(first, other, references, strict=True)
            ]
            row["oracle"] = chrf(oracle, references)
            report[language][name] = row
            print(language, name, row)
    (REPO / "bench" / "route_selection.json").write_text(
        json.dumps(report, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
