"""Glossary matching at scale: generated glossaries of 1,000 and 10,000 concepts, the
matcher before (one regular-expression alternation over every term, tried on each
sentence) and after (terms indexed by their first word) side by side, and a full
``l10n translate`` of the sample articles (fr, es, it, Apertium) with and without them.

Run: .venv/bin/python bench/glossary_scale.py [--before REF] → bench/glossary_scale.json

"Before" for the full translate runs the code of git REF (default: main) from a
``git archive`` copy; runs longer than --limit seconds are stopped and recorded as such.
Timings are wall-clock on this machine; the JSON records the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.glossary import Collector, load_glossary  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402

SIZES = [1_000, 10_000]
SENTENCE = (
    "The Trans-Caspian International Transport Route carried 4.5 million tonnes in 2024, "
    "and Central Asian ministers met their G7 counterparts."
)  # 130 characters, like the sentence of the issue
SEED = 12


def generated_csv(concepts: int, vocabulary: list[str]) -> str:
    """``concepts`` rows: mostly invented words, one in ten starting with a word of the
    sample articles (so the index meets real candidates), one in eight an acronym."""
    rng = random.Random(SEED)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def word() -> str:
        return "".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))

    rows, seen = ["en,fr,es,it,fr.gender,es.gender,it.gender"], set()
    while len(rows) <= concepts:
        if rng.random() < 1 / 8:
            english = "".join(rng.choice(letters.upper()) for _ in range(rng.randint(3, 5)))
        else:
            words = [word() for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.1:
                words[0] = rng.choice(vocabulary)
            english = " ".join(words)
        if english.casefold() in seen:
            continue
        seen.add(english.casefold())
        targets = [f"{english} {language}" for language in ("fr", "es", "it")]
        genders = [rng.choice("mf") for _ in range(3)]
        rows.append(",".join([english, *targets, *genders]))
    return "\n".join(rows) + "\n"


def sample_vocabulary() -> list[str]:
    text = " ".join(p.read_text() for p in sorted((REPO / "articles" / "en").glob("*.md")))
    return sorted({w for w in re.findall(r"[A-Za-z]{4,}", text)})


def timed(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def matching(size: int, folder: Path, csv_text: str) -> dict:
    glossaries = folder / f"g{size}"
    glossaries.mkdir()
    (glossaries / "generated.csv").write_text(csv_text, encoding="utf-8")
    start = time.perf_counter()
    glossary = load_glossary(glossaries, folder, Collector(collect=True))
    load_s = time.perf_counter() - start
    matcher = Matcher(glossary)
    after_first = timed(lambda: Matcher(glossary).find(SENTENCE), 3)  # building included
    after = timed(lambda: matcher.find(SENTENCE), 50)
    before_first = timed(lambda: Matcher(glossary).find_unindexed(SENTENCE), 1)  # compiles all
    before = timed(lambda: matcher.find_unindexed(SENTENCE), 3)
    assert matcher.find(SENTENCE) == matcher.find_unindexed(SENTENCE)
    return {
        "concepts": len(glossary),
        "load_s": round(load_s, 3),
        "candidates_for_sentence": len(matcher.candidates(SENTENCE)),
        "before_first_call_s": round(before_first, 4),
        "before_per_call_s": round(before, 4),
        "after_first_call_s": round(after_first, 4),
        "after_per_call_s": round(after, 6),
        "speedup_per_call": round(before / after, 1) if after else None,
    }


def translate_seconds(code: Path, project: Path, limit: float) -> float | None:
    """Wall time of ``l10n translate --lang fr,es,it`` with the code in ``code``; None if it
    ran past ``limit`` seconds."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    start = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-m", "l10n", "--project", str(project), "translate", "--lang", "fr,es,it"],
            env=env,
            cwd=code,  # python -m puts the working folder first on sys.path
            check=True,
            capture_output=True,
            timeout=limit,
        )
    except subprocess.TimeoutExpired:
        return None
    return round(time.perf_counter() - start, 2)


def new_project(code: Path, root: Path, csv_text: str | None) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "l10n", "init", str(root)],
        env={**os.environ, "PYTHONPATH": str(code)},
        cwd=code,
        check=True,
        capture_output=True,
    )
    for article in (REPO / "articles" / "en").glob("*.md"):
        shutil.copy(article, root / "articles" / "en" / article.name)
    if csv_text is not None:
        (root / "glossaries" / "generated.csv").write_text(csv_text, encoding="utf-8")
    return root


def full_translate(before: Path, folder: Path, texts: dict[int, str], limit: float) -> dict:
    results: dict[str, dict] = {}
    for label, code in (("before", before), ("after", REPO)):
        runs = {}
        for size in [0, *SIZES]:
            project = new_project(code, folder / f"{label}-{size}", texts.get(size))
            seconds = translate_seconds(code, project, limit)
            runs[str(size)] = seconds if seconds is not None else f"over {limit:.0f} s (stopped)"
            print(f"translate {label} {size} concepts: {runs[str(size)]}", file=sys.stderr, flush=True)
            if seconds is None:
                break  # a bigger glossary will not be faster
        base = runs["0"]
        runs["ratio_10000_to_none"] = (
            round(runs["10000"] / base, 2) if isinstance(runs.get("10000"), float) and base else None
        )
        results[label] = runs
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git ref of the code measured as 'before'")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds before a translate is stopped")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "glossary_scale.json")
    args = parser.parse_args()
    vocabulary = sample_vocabulary()
    texts = {size: generated_csv(size, vocabulary) for size in SIZES}
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        before = folder / "before-code"
        before.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", args.before, "l10n", "glossaries"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(before)], input=archive, check=True)
        match = {str(size): matching(size, folder, texts[size]) for size in SIZES}
        for size, row in match.items():
            print(f"match {size}: {row}", file=sys.stderr, flush=True)
        translate = full_translate(before, folder, texts, args.limit)
    report = {
        "what": "glossary matching cost, before (one alternation per sentence) and after (first-word index)",
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "before_ref": args.before,
        "sentence": SENTENCE,
        "matching": match,
        "full_translate_s": translate,
        "full_translate": "l10n translate --lang fr,es,it of articles/en (3 articles, 86 segments), Apertium",
    }
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
