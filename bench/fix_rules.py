"""Each automatic fix rule on the reference sets: chrF of the drafts with every rule on,
and with every rule but this one (per language), how many drafts each rule changes or
flags, and whether the typography and numbers checks accept every fixed draft. A rule
whose removal raises chrF lowers it: it is turned off for that language
(``l10n.fixes.ENABLED``).

Drafts are made as ``l10n translate`` makes them: Apertium on the configured route,
glossary enforced, then the rules, then local typography.

Run: .venv/bin/python bench/fix_rules.py  → bench/fix_rules.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sacrebleu.metrics import CHRF  # noqa: E402

from l10n.checks import Unit, run_checks  # noqa: E402
from l10n.checks.numbers import NumbersCheck  # noqa: E402
from l10n.checks.typography import TypographyCheck  # noqa: E402
from l10n.config import Config  # noqa: E402
from l10n.engines.apertium import ApertiumEngine  # noqa: E402
from l10n.fixes import RULES, Context, apply_fixes  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.enforce import Enforcer  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402
from l10n.typography import localise  # noqa: E402

LANGUAGES = ["fr", "es", "it"]
CHECKED = [NumbersCheck(), TypographyCheck()]


def enforced_drafts(engine, glossary, matcher, sources: list[str], language: str) -> list[str]:
    enforcer = Enforcer(glossary, language, matcher)
    protected = [enforcer.protect(s) for s in sources]
    outputs = engine.translate_batch([p.text for p in protected], "en", language)
    return [enforcer.restore(p, o, s).text for p, o, s in zip(protected, outputs, sources, strict=True)]


def chrf(drafts: list[str], references: list[str]) -> float:
    return round(CHRF().corpus_score(drafts, [references]).score, 2)


def finish(sources, drafts, context, rules) -> tuple[list[str], list]:
    results = [apply_fixes(s, d, context, rules) for s, d in zip(sources, drafts, strict=True)]
    return [localise(r.text, context.language) for r in results], results


def main() -> None:
    glossary = load_glossary(REPO / "glossaries")
    matcher = Matcher(glossary)
    engine = ApertiumEngine(Config())
    metric = CHRF()
    metric.corpus_score(["a"], [["a"]])
    report: dict = {"metric": str(metric.get_signature()), "languages": {}}
    for language in LANGUAGES:
        pairs = read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")
        sources, references = [s for s, _ in pairs], [r for _, r in pairs]
        drafts = enforced_drafts(engine, glossary, matcher, sources, language)
        context = Context(language, glossary, matcher)
        none, _ = finish(sources, drafts, context, [])
        every, results = finish(sources, drafts, context, RULES)
        rules = {}
        for rule in RULES:
            without, _ = finish(sources, drafts, context, [r for r in RULES if r is not rule])
            alone, _ = finish(sources, drafts, context, [rule])
            rules[rule.id] = {
                "changed": sum(rule.id in r.applied for r in results),
                "flagged": sum(any(u.startswith(rule.id) for u in r.unfixed) for r in results),
                "chrF_all_rules": chrf(every, references),
                "chrF_without_it": chrf(without, references),
                "chrF_none": chrf(none, references),
                "chrF_it_alone": chrf(alone, references),
            }
            rules[rule.id]["helps"] = rules[rule.id]["chrF_all_rules"] >= rules[rule.id]["chrF_without_it"]
        # Fixed drafts the typography and numbers checks reject, beyond what they rejected before.
        rejected = []
        for source, raw, fixed in zip(sources, none, every, strict=True):
            before = {(f.check, f.message) for f in run_checks(source, raw, Unit(language), CHECKED)}
            after = {(f.check, f.message) for f in run_checks(source, fixed, Unit(language), CHECKED)}
            if after - before:
                rejected.append({"source": source, "fixed": fixed, "new_findings": sorted(after - before)})
        report["languages"][language] = {
            "sentences": len(sources),
            "chrF_no_rules": chrf(none, references),
            "chrF_all_rules": chrf(every, references),
            "rules": rules,
            "new_check_findings": rejected,
            "examples": [
                {"source": s, "before": b, "after": a, "rules": r.applied}
                for s, b, a, r in zip(sources, none, every, results, strict=True)
                if r.applied
            ][:12],
        }
        print(
            language,
            report["languages"][language]["chrF_no_rules"],
            "→",
            report["languages"][language]["chrF_all_rules"],
        )
        for rule_id, row in rules.items():
            print(
                f"  {rule_id:18} changed {row['changed']:3} flagged {row['flagged']:2}  without {row['chrF_without_it']}  alone {row['chrF_it_alone']}"
            )
    (REPO / "bench" / "fix_rules.json").write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
