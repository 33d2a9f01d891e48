"""Translation memory: lookup speed on 100,000 units, and when a fuzzy match beats the engine.

1. Speed. A memory of 100,000 English sentences (words drawn with Zipf frequencies from the
   vocabulary of the sample articles, reference sets and glossary, 8–35 words, with
   placeholders in some) and 1,000 lookups: half are memory sentences edited in 1–6 places
   (a word replaced, dropped or added, a number or placeholder number changed), half new
   sentences. Time per lookup with the index, and for 200 of them with a full rapidfuzz scan
   of the memory; the index's recall is the share of lookups where it finds the scan's best
   score (≥ 75).
2. Fuzzy match vs engine, on the reference sets (tests/data/reference/<lang>.tsv). Leave one
   out: each English sentence is looked up in a memory made of the other 119 pairs (their
   reference translations standing for reviewed ones); its best match's target (adapted:
   placeholders renumbered, glossary terms swapped) is scored against the sentence's
   reference with sentence chrF, as is Apertium's draft with the glossary enforced (what
   translate writes). For each threshold: how many matches reach it, how often the match
   beats the engine, and the corpus chrF of "the match when it reaches the threshold, else
   the engine". Few reference sentences resemble each other, so the same is done for the
   sentences holding a figure, with the figure changed in the English and the reference
   (a newsroom repeating a sentence with a new date or amount) and looked up in the whole
   set: the match is then the unchanged sentence, its translation off by one figure.

Run: .venv/bin/python bench/tm.py [--units N] [--lookups N]  → bench/tm.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sacrebleu.metrics import CHRF  # noqa: E402

from l10n.config import load_config  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402
from l10n.tm.match import MatchIndex, Normaliser  # noqa: E402
from l10n.tm.memory import Memory  # noqa: E402
from l10n.tm.units import Unit  # noqa: E402

LANGUAGES = ["fr", "es", "it"]
THRESHOLDS = [50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 99]


# -- 1. speed --------------------------------------------------------------------------------


def vocabulary() -> list[str]:
    words: dict[str, int] = {}
    texts = [p.read_text(encoding="utf-8") for p in (REPO / "articles" / "en").glob("*.md")]
    for language in LANGUAGES:
        texts += [s for s, _ in read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")]
    texts.append((REPO / "glossaries" / "diplomatic.tbx").read_text(encoding="utf-8"))
    for text in texts:
        for word in re.findall(r"[A-Za-z][A-Za-z'-]+", text):
            words[word] = words.get(word, 0) + 1
    return sorted(words, key=lambda w: -words[w])


def sentence(rng: random.Random, vocab: list[str], weights: list[float]) -> str:
    words = rng.choices(vocab, weights, k=rng.randint(8, 35))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(2, 2030)))
    if rng.random() < 0.25:
        start = rng.randrange(len(words))
        words[start] = f"<1>{words[start]}</1>"
    if rng.random() < 0.1:
        words.insert(rng.randrange(len(words)), "<2/>")
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def edited(rng: random.Random, text: str, vocab: list[str], weights: list[float]) -> str:
    words = text.split()
    for _ in range(rng.randint(1, 6)):
        kind = rng.choice(["replace", "drop", "add", "number", "placeholder"])
        spot = rng.randrange(len(words))
        if kind == "replace":
            words[spot] = rng.choices(vocab, weights)[0]
        elif kind == "drop" and len(words) > 4:
            del words[spot]
        elif kind == "add":
            words.insert(spot, rng.choices(vocab, weights)[0])
        elif kind == "number":
            words[spot] = str(rng.randint(2, 2030))
        else:
            words = " ".join(words).replace("<1>", "<3>").replace("</1>", "</3>").split()
    return " ".join(words)


def speed(units: int, lookups: int, seed: int = 14) -> dict:
    rng = random.Random(seed)
    vocab = vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf's law
    sources: dict[str, None] = {}
    while len(sources) < units:
        sources[sentence(rng, vocab, weights)] = None
    memory = list(sources)
    queries = [
        edited(rng, rng.choice(memory), vocab, weights) if i % 2 == 0 else sentence(rng, vocab, weights)
        for i in range(lookups)
    ]
    started = time.perf_counter()
    index = MatchIndex(memory, Normaliser())
    build = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    indexed = [index.lookup(q, 75) for q in queries]
    per_lookup = (time.perf_counter() - started) / lookups
    cpu_per_lookup = (time.process_time() - cpu) / lookups
    candidates = sum(len(index.candidates(index.normalise(q))) for q in queries) / lookups
    sample = queries[:200]
    started, cpu = time.perf_counter(), time.process_time()
    scanned = [index.lookup(q, 75, scan=True) for q in sample]
    per_scan = (time.perf_counter() - started) / len(sample)
    cpu_per_scan = (time.process_time() - cpu) / len(sample)
    wanted = [(s[0].score if s else None) for s in scanned]
    got = [(h[0].score if h else None) for h in indexed[: len(sample)]]
    found = sum(1 for w, g in zip(wanted, got, strict=True) if w is not None and g == w)
    with_match = sum(1 for w in wanted if w is not None)
    return {
        "units": units,
        "lookups": lookups,
        "vocabulary": len(vocab),
        "build_seconds": round(build, 2),
        "ms_per_lookup_indexed": round(per_lookup * 1000, 3),
        "ms_per_lookup_full_scan": round(per_scan * 1000, 3),
        "cpu_ms_per_lookup_indexed": round(cpu_per_lookup * 1000, 3),
        "cpu_ms_per_lookup_full_scan": round(cpu_per_scan * 1000, 3),
        "speed_up": round(cpu_per_scan / cpu_per_lookup, 1),
        "mean_candidates_scored": round(candidates, 1),
        "lookups_with_a_match": sum(1 for h in indexed if h),
        "recall_vs_scan": {"checked": len(sample), "with_match": with_match, "same_best_score": found},
    }


# -- 2. fuzzy match vs engine ------------------------------------------------------------------


def engine_drafts(language: str, sources: list[str], glossary, matcher) -> list[str]:
    """Apertium with the glossary enforced and local typography, as translate does."""
    from l10n.engines.apertium import ApertiumEngine
    from l10n.glossary.enforce import Enforcer
    from l10n.typography import localise

    engine = ApertiumEngine(load_config(REPO / "l10n.toml"))
    enforcer = Enforcer(glossary, language, matcher)
    protected = [enforcer.protect(s) for s in sources]
    outputs = engine.translate_batch([p.text for p in protected], "en", language)
    return [
        localise(enforcer.restore(p, o, s).text, language)
        for p, o, s in zip(protected, outputs, sources, strict=True)
    ]


def number_variant(source: str, reference: str) -> tuple[str, str] | None:
    """The sentence with its first figure changed (in the English and in the reference),
    as when a newsroom repeats a sentence with a new date or amount."""
    for found in re.finditer(r"\d+", source):
        figure = found.group(0)
        if re.search(rf"(?<!\d){figure}(?!\d)", reference):
            new = str(int(figure) + 1)
            return (
                source[: found.start()] + new + source[found.end() :],
                re.sub(rf"(?<!\d){figure}(?!\d)", new, reference, count=1),
            )
    return None


def compare(rows_in: list[tuple], glossary, matcher) -> dict:
    """rows_in: (language, source, reference, memory pairs). The best match's target against
    the engine's draft, by sentence chrF, per threshold and band."""
    from l10n.tm.memory import TmMatch

    chrf = CHRF()
    rows = []
    for language in LANGUAGES:
        mine = [r for r in rows_in if r[0] == language]
        drafts = engine_drafts(language, [r[1] for r in mine], glossary, matcher)
        for (_, source, reference, pairs), draft in zip(mine, drafts, strict=True):
            memory = Memory([Unit(s, t, language, f"ref:{i}") for i, (s, t) in enumerate(pairs)], matcher)
            hits = memory.index.lookup(source, 1, scan=True)
            if not hits:
                continue
            match = TmMatch(memory.units[hits[0].index], hits[0].score)
            candidate = memory.adapt(match, source, language) or match.unit.target
            rows.append(
                (language, match.score, chrf.sentence_score(candidate, [reference]).score,
                 chrf.sentence_score(draft, [reference]).score, candidate, draft, reference,
                 match.unit.source, source)
            )  # fmt: skip
    by_threshold = {}
    for threshold in THRESHOLDS:
        chosen = [r for r in rows if r[1] >= threshold]
        hybrid = [r[4] if r[1] >= threshold else r[5] for r in rows]
        by_threshold[threshold] = {
            "matches": len(chosen),
            "tm_beats_engine": sum(1 for r in chosen if r[2] > r[3]),
            "mean_tm_chrf": round(sum(r[2] for r in chosen) / len(chosen), 1) if chosen else None,
            "mean_engine_chrf": round(sum(r[3] for r in chosen) / len(chosen), 1) if chosen else None,
            "hybrid_corpus_chrf": round(chrf.corpus_score(hybrid, [[r[6] for r in rows]]).score, 2),
        }
    bands = {}
    for low, high in ((0, 59), (60, 69), (70, 74), (75, 84), (85, 94), (95, 99), (100, 100)):
        band = [r for r in rows if low <= r[1] <= high]
        bands[f"{low}-{high}"] = {
            "matches": len(band),
            "tm_beats_engine": sum(1 for r in band if r[2] > r[3]),
            "mean_chrf_difference": round(sum(r[2] - r[3] for r in band) / len(band), 1) if band else None,
        }
    return {
        "sentences": len(rows),
        "signature": str(chrf.get_signature()),
        "engine_only_corpus_chrf": round(chrf.corpus_score([r[5] for r in rows], [[r[6] for r in rows]]).score, 2),
        "by_threshold": by_threshold,
        "bands": bands,
        "best_threshold_by_hybrid_chrf": max(by_threshold, key=lambda t: (by_threshold[t]["hybrid_corpus_chrf"], -t)),
        "highest_matches": [
            {"score": r[1], "language": r[0], "en": r[8], "matched_en": r[7], "tm": r[4], "engine": r[5],
             "reference": r[6], "tm_chrf": round(r[2], 1), "engine_chrf": round(r[3], 1)}
            for r in sorted(rows, key=lambda r: -r[1])[:6]
        ],
    }  # fmt: skip


def versus_engine() -> dict:
    """Leave one out on the reference sets, then the same sentences with a figure changed
    looked up in the whole set."""
    glossary = load_glossary(REPO / "glossaries", REPO)
    matcher = Matcher(glossary)
    leave_one_out, variants = [], []
    for language in LANGUAGES:
        pairs = read_reference_set(REPO / "tests" / "data" / "reference" / f"{language}.tsv")
        for index, (source, reference) in enumerate(pairs):
            leave_one_out.append((language, source, reference, pairs[:index] + pairs[index + 1 :]))
            changed = number_variant(source, reference)
            if changed is not None:
                variants.append((language, *changed, pairs))
    return {
        "leave_one_out": compare(leave_one_out, glossary, matcher),
        "figure_changed": compare(variants, glossary, matcher),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=1_000)
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    report = {"speed": speed(args.units, args.lookups)}
    if not args.speed_only:
        report["versus_engine"] = versus_engine()
    s = report["speed"]
    print(
        f"{s['units']} units: build {s['build_seconds']} s; {s['ms_per_lookup_indexed']} ms per lookup "
        f"(full scan {s['ms_per_lookup_full_scan']} ms, {s['speed_up']}x); "
        f"{s['mean_candidates_scored']} candidates scored; recall {s['recall_vs_scan']}"
    )
    for name, v in report.get("versus_engine", {}).items():
        print(f"{name}: {v['sentences']} sentences, engine alone chrF {v['engine_only_corpus_chrf']}")
        for threshold, row in v["by_threshold"].items():
            print(f"  >= {threshold}: {row}")
        for band, row in v["bands"].items():
            print(f"  band {band}: {row}")
        print(f"  best threshold (hybrid corpus chrF): {v['best_threshold_by_hybrid_chrf']}")
    (REPO / "bench" / "tm.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
