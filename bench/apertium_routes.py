"""chrF of each Apertium route from English on the reference set: which pivot to use.

Run: .venv/bin/python bench/apertium_routes.py  → bench/apertium_routes.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sacrebleu.metrics import CHRF  # noqa: E402

from l10n.config import Config  # noqa: E402
from l10n.engines.apertium import ApertiumEngine, data_dir, installed_modes  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.enforce import Enforcer  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402

# Every route Debian's Apertium packages give from English to an EU language (all their
# packages are in scripts/install-system-packages.sh). A route whose modes are not installed
# here is reported as skipped, not measured.
ROUTES = {
    "fr": ["eng-spa|es-fr", "eng-cat|cat-fra"],
    "it": ["eng-spa|spa-ita", "eng-cat|cat-ita"],
    "es": ["eng-spa"],
    "pt": ["eng-spa|es-pt", "eng-cat|cat-por"],
    "hr": ["eng-hbs_HR"],
    "sl": ["eng-hbs_HR|hbs-slv", "eng-hbs|hbs-slv"],
    "gl": ["en-gl", "eng-spa|es-gl"],
    "ca": ["eng-cat", "eng-spa|spa-cat"],
}


def main() -> None:
    results = {}
    glossary = load_glossary(REPO / "glossaries", REPO)
    for language, routes in ROUTES.items():
        pairs = read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")
        sources = [s for s, _ in pairs]
        references = [r for _, r in pairs]
        for route in routes:
            absent = sorted(set(route.split("|")) - installed_modes(data_dir()))
            if absent:
                print(f"{language}  {route:<20} skipped: modes not installed: {', '.join(absent)}")
                continue
            engine = ApertiumEngine(Config(apertium_routes={language: route}))
            started = time.perf_counter()
            hypotheses = engine.translate_batch(sources, "en", language)
            seconds = time.perf_counter() - started
            metric = CHRF()
            chrf = metric.corpus_score(hypotheses, [references])
            enforcer = Enforcer(glossary, language)
            protected = [enforcer.protect(s) for s in sources]
            outputs = engine.translate_batch([p.text for p in protected], "en", language)
            restored = [
                enforcer.restore(p, o, s).text for p, o, s in zip(protected, outputs, sources, strict=True)
            ]
            chrf_glossary = CHRF().corpus_score(restored, [references])
            results.setdefault(language, []).append(
                {
                    "route": route,
                    "chrf": round(chrf.score, 2),
                    "chrf_with_glossary": round(chrf_glossary.score, 2),
                    "signature": str(metric.get_signature()),
                    "sentences": len(sources),
                    "seconds": round(seconds, 2),
                }
            )
    for language, rows in results.items():
        best = max(rows, key=lambda r: r["chrf_with_glossary"])
        for row in rows:
            mark = "  <- best" if row is best else ""
            print(
                f"{language}  {row['route']:<20} chrF {row['chrf']:6.2f}"
                f"  with glossary {row['chrf_with_glossary']:6.2f}  {row['seconds']:5.2f} s{mark}"
            )
    (REPO / "bench" / "apertium_routes.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
