"""Glossary enforcement on Apertium: term accuracy, leaked placeholders and chrF, with and
without enforcement, side by side, on the 120-sentence reference set of every language with
an Apertium route. For languages with grammatical case (hr, sl) a third row places the
glossary's nominative for every term and flags it ("nominative"), which l10n does not do by
default: the row shows what that choice would trade.

Run: .venv/bin/python bench/glossary.py  → bench/glossary.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sacrebleu.metrics import CHRF  # noqa: E402

from l10n.config import load_config  # noqa: E402
from l10n.engines.apertium import ApertiumEngine  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.check import MISSING, check_translation  # noqa: E402
from l10n.glossary.enforce import Enforcer, leaked_markers  # noqa: E402
from l10n.glossary.inflection import declines  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402

LANGUAGES = ["fr", "es", "it", "pt", "gl", "ca", "hr", "sl"]


def term_accuracy(glossary, matcher, sources, outputs, language) -> tuple[int, int, list[str]]:
    total = correct = 0
    misses = []
    for source, output in zip(sources, outputs, strict=True):
        matches = [m for m in matcher.find(source) if m.concept.target(language, m.plural)]
        issues = check_translation(glossary, matcher, source, output, language)
        wrong = {i.source for i in issues if i.kind != "forbidden"}
        total += len(matches)
        correct += sum(1 for m in matches if m.text not in wrong)
        misses += [f"{i.describe()} in: {output}" for i in issues if i.kind == MISSING]
    return correct, total, misses


def main() -> None:
    config = load_config(REPO / "l10n.toml")
    engine = ApertiumEngine(config)
    glossary = load_glossary(REPO / "glossaries", REPO)
    matcher = Matcher(glossary)
    rows, report = [], {"glossary_version": glossary.version, "concepts": len(glossary), "languages": {}}
    for language in LANGUAGES:
        pairs = read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")
        sources = [s for s, _ in pairs]
        references = [r for _, r in pairs]
        raw = engine.translate_batch(sources, "en", language)
        modes = [("without", raw, None)]
        policies = [("with", False), ("nominative", True)] if declines(language) else [("with", False)]
        for name, place_nominative in policies:
            enforcer = Enforcer(glossary, language, matcher, place_nominative=place_nominative)
            protected = [enforcer.protect(s) for s in sources]
            outputs = engine.translate_batch([p.text for p in protected], "en", language)
            enforced = [
                enforcer.restore(p, o, s) for p, o, s in zip(protected, outputs, sources, strict=True)
            ]
            modes.append((name, [e.text for e in enforced], enforced))
        result = {"route": engine.route("en", language)}
        for name, hypotheses, enforced in modes:
            correct, total, misses = term_accuracy(glossary, matcher, sources, hypotheses, language)
            metric = CHRF()
            score = metric.corpus_score(hypotheses, [references])
            result[name] = {
                "terms": total,
                "terms_correct": correct,
                "term_accuracy": round(100 * correct / total, 2) if total else None,
                "leaked_placeholders": sum(len(leaked_markers(h)) for h in hypotheses),
                "chrf": round(score.score, 2),
                "chrf_signature": str(metric.get_signature()),
                "misses": misses[:10],
            }
            if enforced is not None:
                result[name]["sentences_flagged"] = sum(1 for e in enforced if e.unenforced)
                result[name]["terms_flagged"] = sum(len(e.unenforced) for e in enforced)
        report["languages"][language] = result
        rows.append((language, result))
    print(f"glossary {glossary.version}: {len(glossary)} concepts; {len(sources)} sentences per language")
    print(f"{'lang':<5}{'mode':<11}{'terms':>7}{'accuracy':>10}{'leaks':>7}{'chrF':>8}{'flagged':>9}")
    for language, result in rows:
        for name in ("without", "with", "nominative"):
            if name not in result:
                continue
            r = result[name]
            print(
                f"{language:<5}{name:<11}{r['terms']:>7}{r['term_accuracy']:>9.2f}%"
                f"{r['leaked_placeholders']:>7}{r['chrf']:>8.2f}{r.get('terms_flagged', ''):>9}"
            )
    (REPO / "bench" / "glossary.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
