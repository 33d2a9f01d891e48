"""``make bench``: throughput against CTranslate2's limit and argostranslate's usual path,
incremental runs, scale and start-up, written to bench/results.json and results.md.

Models and data are generated here, in bench/work/ (not committed). Ratios are measured
side by side in one run; each contender runs in its own process, model load excluded.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "bench" / "work"
PYTHON = sys.executable
L10N = [PYTHON, "-m", "l10n"]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests"))

from corpus import articles, sentences  # noqa: E402

BEAM = 4
THROUGHPUT_SENTENCES = 1000
SEARCH_SENTENCES = 96
ARGOS_SUBSET = 200
LANGUAGE = "fr"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


GNU_TIME = "/usr/bin/time"  # Debian package `time` (scripts/install-system-packages.sh)


def measured(
    command: list[str], env: dict | None = None, cwd: Path | None = None, memory: bool = True
) -> tuple[str, float, float | None]:
    """Run a command; (stdout, wall seconds, peak RSS in MB of that command).

    The peak comes from GNU time, which runs the command as its own child: ``ru_maxrss``
    of a child forked from this process would start at this process's size (Linux keeps
    the pre-exec RSS), so every row showed the bench's own peak. It is the largest
    process of the command's tree (its workers included), not their sum. ``memory=False``
    (start-up timings) runs the command bare; None when GNU time is missing."""
    started = time.perf_counter()
    environment = {**os.environ, **(env or {})}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # measure l10n as users run it: cached bytecode
    report = None
    if memory and os.access(GNU_TIME, os.X_OK):
        fd, report = tempfile.mkstemp(prefix="bench-rss-", suffix=".txt")
        os.close(fd)
        command = [GNU_TIME, "-f", "%M", "-o", report, *command]
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, env=environment, cwd=cwd, text=True)
        output = process.stdout.read()
        code = process.wait()
        seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
        rss = int(Path(report).read_text().split()[-1]) / 1024 if report else None
    finally:
        if report:
            os.unlink(report)
    return output, seconds, rss


def contender(name: str, args: dict, env: dict | None = None, timed: bool = True) -> dict:
    output, _, rss = measured([PYTHON, str(REPO / "bench" / "contenders.py"), name, json.dumps(args)], env)
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(rss, 1) if rss is not None else None
    if timed:
        result["sentences_per_s"] = round(result["sentences"] / result["seconds"], 2)
    return result


def argos_env() -> dict:
    home = WORK / "argos-home"
    return {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(home / "data" / "argos-translate" / "packages"),
    }


def build_model(texts: list[str]) -> Path:
    from support.argosmodel import ARGOS_SIZED

    marker = WORK / "model" / "shape.json"
    package = WORK / "model" / "translate-en_fr-1_0.argosmodel"
    shape = json.dumps(ARGOS_SIZED.__dict__, sort_keys=True)
    if not (package.exists() and marker.exists() and marker.read_text() == shape):
        log(
            "building an Argos-sized model (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8)"
        )
        shutil.rmtree(WORK / "model", ignore_errors=True)
        (WORK / "model").mkdir(parents=True)
        build_input = WORK / "model" / "sentences.json"
        build_input.write_text(json.dumps(texts))
        contender("build_model", {"sentences": str(build_input), "out": str(WORK / "model")}, timed=False)
        marker.write_text(shape)
    shutil.rmtree(WORK / "argos-home", ignore_errors=True)
    measured([*L10N, "models", "install", str(package)], argos_env())
    return Path(argos_env()["ARGOS_PACKAGES_DIR"]) / "translate-en_fr-1_0"


def decoding_length(package: Path, texts: list[str]) -> int:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    return round(1.2 * statistics.mean(len(sp.encode(t)) for t in texts))


def write_project(
    root: Path, docs: dict[str, str], languages: list[str], settings: dict | None = None
) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    measured([*L10N, "init", str(root)])
    for slug, text in docs.items():
        (root / "articles" / "en" / f"{slug}.md").write_text(text)
    config = (
        (root / "l10n.toml")
        .read_text()
        .replace('target_languages = ["fr", "es", "it"]', f"target_languages = {json.dumps(languages)}")
    )
    for key, value in (settings or {}).items():
        config = _set(config, key, value)
    (root / "l10n.toml").write_text(config)
    return root


def _set(config: str, key: str, value) -> str:
    import re

    rendered = json.dumps(value) if isinstance(value, str) else str(value)
    if not re.search(rf"^{key} = ", config, flags=re.MULTILINE):
        raise SystemExit(f"l10n.toml has no {key} to set")
    return re.sub(rf"^{key} = .*$", f"{key} = {rendered}", config, flags=re.MULTILINE)


# -- throughput ------------------------------------------------------------------------------


def throughput(texts: list[str], package: Path, length: int) -> dict:
    sentences_file = WORK / "sentences.json"
    sentences_file.write_text(json.dumps(texts))
    search_file = WORK / "search.json"
    search_file.write_text(json.dumps(texts[:SEARCH_SENTENCES]))
    base = {"package": str(package), "beam_size": BEAM, "max_decoding_length": length}
    candidates = [
        {
            "workers": 1,
            "inter_threads": 1,
            "intra_threads": 2,
            "max_batch_size": 32,
            "batch_type": "examples",
        },
        {
            "workers": 1,
            "inter_threads": 1,
            "intra_threads": 2,
            "max_batch_size": 64,
            "batch_type": "examples",
        },
        {
            "workers": 1,
            "inter_threads": 2,
            "intra_threads": 1,
            "max_batch_size": 16,
            "batch_type": "examples",
        },
        {
            "workers": 1,
            "inter_threads": 2,
            "intra_threads": 1,
            "max_batch_size": 32,
            "batch_type": "examples",
        },
        {
            "workers": 1,
            "inter_threads": 2,
            "intra_threads": 1,
            "max_batch_size": 1024,
            "batch_type": "tokens",
        },
        {
            "workers": 2,
            "inter_threads": 1,
            "intra_threads": 1,
            "max_batch_size": 32,
            "batch_type": "examples",
        },
    ]
    search = []
    for settings in candidates:
        result = contender("raw", {**base, "sentences": str(search_file), "settings": settings})
        search.append({"settings": settings, "sentences_per_s": result["sentences_per_s"]})
        log(f"raw search {settings}: {result['sentences_per_s']} sentences/s")
    best = max(search, key=lambda s: s["sentences_per_s"])["settings"]
    single = dict(best)
    if single.pop("workers", 1) == 2:  # one process: two inter threads do what two workers did
        single.update(inter_threads=2, intra_threads=1)
    # (a) and (b) alternate, twice each: the machine is noisy, and each keeps its best run.
    raw_runs, our_runs = [], []
    for round_number in (1, 2):
        log(f"(a) raw CTranslate2, best settings, {len(texts)} sentences (round {round_number})")
        raw_runs.append(contender("raw", {**base, "sentences": str(sentences_file), "settings": best}))
        log(f"(b) l10n translate --engine argos, same sentences laid out as articles (round {round_number})")
        project = write_project(
            WORK / "pipeline-project",
            articles(texts, 50),
            [LANGUAGE],
            {**single, "beam_size": BEAM, "max_decoding_length": length, "compute_type": "int8"},
        )
        our_runs.append(contender("pipeline", {"project": str(project), "language": LANGUAGE}, argos_env()))
    raw = max(raw_runs, key=lambda r: r["sentences_per_s"])
    raw["runs_sentences_per_s"] = [r["sentences_per_s"] for r in raw_runs]
    raw["settings"] = {**best, "beam_size": BEAM, "max_decoding_length": length, "compute_type": "int8"}
    raw["search"] = search
    ours = max(our_runs, key=lambda r: r["sentences_per_s"])
    ours["runs_sentences_per_s"] = [r["sentences_per_s"] for r in our_runs]
    ours["settings"] = {**single, "beam_size": BEAM, "max_decoding_length": length, "articles": 20}

    log(f"(c) argostranslate.translate() once per sentence, {ARGOS_SUBSET} sentences")
    usual = contender(
        "argos_usual",
        {
            "sentences": str(sentences_file),
            "count": ARGOS_SUBSET,
            "language": LANGUAGE,
            "max_decoding_length": length,
        },
        argos_env(),
    )
    usual["settings"] = {
        "beam_size": BEAM,
        "max_decoding_length": length,
        "argostranslate_defaults": "ARGOS_BATCH_SIZE=32 tokens, inter_threads=1, intra_threads=0 (all cores), compute_type=auto",
        "patched": [
            "argostranslate.translate.MiniSBDSentencizer replaced by a pysbd sentencizer (no download)",
            "ctranslate2.Translator.translate_batch wrapped to add max_decoding_length",
        ],
    }

    log("(d) Apertium on the same sentences")
    apertium = contender("apertium", {"sentences": str(sentences_file), "language": LANGUAGE})
    apertium["settings"] = {"route": "eng-spa|es-fr", "format": "html", "one pipeline per batch": True}

    words = statistics.mean(len(t.split()) for t in texts)
    for result in (raw, ours, usual, apertium):
        result["words_per_s"] = round(result["sentences_per_s"] * words, 1)
        result["output_tokens_per_s"] = round(result["output_tokens"] / result["seconds"], 1)
        result["seconds"] = round(result["seconds"], 2)
    return {
        "ratio_pipeline_to_raw": round(ours["sentences_per_s"] / raw["sentences_per_s"], 3),
        "ratio_pipeline_to_argos": round(ours["sentences_per_s"] / usual["sentences_per_s"], 2),
        "ratio_raw_to_argos": round(raw["sentences_per_s"] / usual["sentences_per_s"], 2),
        "contenders": {
            "raw_ctranslate2": raw,
            "l10n_pipeline": ours,
            "argostranslate_per_sentence": usual,
            "apertium": apertium,
        },
    }


# -- incremental runs ------------------------------------------------------------------------


def no_apertium_path() -> str:
    folder = WORK / "bin-without-apertium"
    folder.mkdir(exist_ok=True)
    return str(folder)


def incremental(texts: list[str]) -> dict:
    languages = ["fr", "es", "it"]
    docs = articles(texts, 10)
    project = write_project(WORK / "incremental", docs, languages)
    translate = [
        *L10N,
        "--project",
        str(project),
        "translate",
        "--lang",
        ",".join(languages),
        "--format",
        "json",
    ]
    log("incremental: cold Apertium run over 100 articles × 3 languages")
    _, cold, _ = measured(translate)
    log("incremental: no-op rerun, with apertium off the PATH (any engine call would fail)")
    output, noop, _ = measured(translate, {"PATH": no_apertium_path()})
    counts = json.loads(output)
    noop_calls = sum(c["sent"] for c in counts.values())
    slug = sorted(docs)[42]
    article = project / "articles" / "en" / f"{slug}.md"
    original = article.read_text()
    changed = original
    edited = 0
    for sentence in texts[420:423]:  # three sentences of article 42, each reworded
        if sentence in changed:
            changed = changed.replace(sentence, sentence[:-1] + " once again.")
            edited += 1
    article.write_text(changed)
    output, one, _ = measured(translate)
    sent = {lang: c["sent"] for lang, c in json.loads(output).items()}
    return {
        "articles": len(docs),
        "languages": languages,
        "cold_seconds": round(cold, 2),
        "noop_seconds": round(noop, 2),
        "noop_engine_calls": noop_calls,
        "noop_time_fraction": round(noop / cold, 4),
        "changed_article": slug,
        "changed_segments": edited,
        "changed_sent_per_language": sent,
        "changed_seconds": round(one, 2),
    }


# -- scale -----------------------------------------------------------------------------------


def fill_translations(project: Path) -> None:
    """Mark every entry translated (msgstr = msgid), as a finished project would be."""
    import polib

    for path in (project / "locales").glob("*/*.po"):
        po = polib.pofile(str(path), wrapwidth=0)
        for entry in po:
            entry.msgstr = entry.msgid
        po.save(str(path))


def scale(pool: list[str]) -> list[dict]:
    languages = ["fr", "es", "it"]
    rows = []
    for count in (10, 100, 1000):
        docs = articles(pool[: count * 10], 10, prefix="doc")
        project = write_project(WORK / f"scale-{count}", docs, languages)
        base = [*L10N, "--project", str(project)]
        extract = [*base, "extract", "--lang", ",".join(languages), "--format", "json"]
        translate = [*base, "translate", "--lang", ",".join(languages), "--format", "json"]
        offline = {"PATH": no_apertium_path()}  # any engine call would fail

        def step(
            name: str, command: list[str], env: dict | None = None, engine: str | None = None, count=count
        ) -> None:
            _, seconds, rss = measured(command, env)
            rows.append(
                {
                    "articles": count,
                    "languages": len(languages),
                    "step": name,
                    "engine": engine,
                    "seconds": round(seconds, 2),
                    "peak_rss_mb": round(rss, 1) if rss is not None else None,
                }
            )
            log(f"scale {count}: {name} {seconds:.2f} s {rss} MB")

        step("extract", extract)
        step("update (nothing changed)", extract)
        fill_translations(project)  # translators finished every entry (files edited outside l10n)
        step("translate (records the translators' edits)", translate, offline)
        step("translate (no-op)", translate, offline)
        if count <= 100:
            shutil.rmtree(project / "locales")
            shutil.rmtree(project / ".l10n", ignore_errors=True)
            step("translate (full)", translate, engine="apertium")
    return rows


# -- start-up --------------------------------------------------------------------------------


def startup(project: Path) -> dict:
    """Wall time of start-up and of the listings on a warm index (the first of 11 runs,
    which may compute and keep what the others read, is left out), against a bare
    ``python -c pass``."""

    def median(command: list[str]) -> float:
        times = []
        for _ in range(11):
            _, seconds, _ = measured(command, memory=False)
            times.append(seconds)
        return statistics.median(times[1:])

    python = median([PYTHON, "-c", "pass"])
    help_ = median([*L10N, "--help"])
    listing = [*L10N, "--project", str(project)]
    status = median([*listing, "status", "--format", "json"])
    queue = median([*listing, "queue", "--format", "json"])
    check = median([*listing, "check", "--format", "json"])
    return {
        "python_seconds": round(python, 4),
        "help_seconds": round(help_, 4),
        "status_seconds": round(status, 4),
        "queue_seconds": round(queue, 4),
        "check_seconds": round(check, 4),
        "help_to_python_ratio": round(help_ / python, 2),
        "status_to_python_ratio": round(status / python, 2),
        "queue_to_python_ratio": round(queue / python, 2),
        "check_to_python_ratio": round(check / python, 2),
        "status_project": "100 articles × 3 languages (the incremental project)",
    }


def cuda(texts: list[str], package: Path, length: int) -> dict | None:
    import ctranslate2

    if ctranslate2.get_cuda_device_count() == 0:
        return None
    name = subprocess.run(
        ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"], capture_output=True, text=True
    ).stdout.strip()
    sentences_file = WORK / "sentences.json"
    settings = {
        "workers": 1,
        "inter_threads": 1,
        "intra_threads": 1,
        "max_batch_size": 64,
        "batch_type": "examples",
    }
    raw = contender(
        "raw",
        {
            "package": str(package),
            "beam_size": BEAM,
            "max_decoding_length": length,
            "sentences": str(sentences_file),
            "settings": settings,
            "device": "cuda",
            "compute_type": "int8_float16",
        },
    )
    cpu = contender(
        "raw",
        {
            "package": str(package),
            "beam_size": BEAM,
            "max_decoding_length": length,
            "sentences": str(sentences_file),
            "settings": settings,
        },
    )
    return {
        "device": name,
        "compute_type": "int8_float16",
        "raw_ctranslate2": raw,
        "cpu_int8_same_settings": cpu,
    }


def meta() -> dict:
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "commit": commit,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


def table(results: dict) -> str:
    rows = [
        "| contender | settings | sentences/s | words/s | output tokens/s | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for name, result in results["throughput"]["contenders"].items():
        settings = ", ".join(
            f"{k}={v}"
            for k, v in result["settings"].items()
            if k not in ("patched", "argostranslate_defaults", "max_decoding_length")
        )
        rows.append(
            f"| {name} | {settings} | {result['sentences_per_s']} | {result['words_per_s']} | {result['output_tokens_per_s']} | {result['peak_rss_mb']} |"
        )
    t = results["throughput"]
    rows += [
        "",
        f"- (b)/(a) pipeline / raw CTranslate2: **{t['ratio_pipeline_to_raw']}** (target ≥ 0.9)",
        f"- (b)/(c) pipeline / argostranslate per sentence: **{t['ratio_pipeline_to_argos']}** (target ≥ 4)",
        f"- (a)/(c) raw / argostranslate per sentence: {t['ratio_raw_to_argos']}",
    ]
    inc = results["incremental"]
    rows += [
        f"- no-op rerun: {inc['noop_engine_calls']} engine calls, {inc['noop_time_fraction'] * 100:.1f} % of the cold run ({inc['noop_seconds']} s vs {inc['cold_seconds']} s; target ≤ 5 %)",
        f"- one article of {inc['articles']} changed ({inc['changed_segments']} segments): sent per language {inc['changed_sent_per_language']}",
        f"- start-up: `l10n --help` {results['startup']['help_to_python_ratio']}× `python -c pass` (target ≤ 3×); `l10n status` {results['startup']['status_to_python_ratio']}×",
        "",
        "| articles × languages | step | engine | seconds | peak RSS MB (the command's own) |",
        "|---|---|---|---|---|",
    ]
    for row in results["scale"]["rows"]:
        rows.append(
            f"| {row['articles']} × {row['languages']} | {row['step']} | {row['engine'] or '—'} | {row['seconds']} | {row['peak_rss_mb']} |"
        )
    rows.append("")
    rows.append(f"CUDA: {results['cuda'] if results['cuda'] else 'none (' + results['cuda_reason'] + ')'}")
    rows += speed_table(results)
    return "\n".join(rows) + "\n"


SECTIONS = ("throughput", "apertium", "incremental", "parallel", "scale", "startup", "cuda", "ray", "quality")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only",
        help=f"comma-separated sections to run, others kept from results.json: {', '.join(SECTIONS)}",
    )
    only = set((parser.parse_args().only or ",".join(SECTIONS)).split(","))
    if only - set(SECTIONS):
        raise SystemExit(f"unknown sections: {', '.join(sorted(only - set(SECTIONS)))}")
    import speed

    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    path = REPO / "bench" / "results.json"
    results = json.loads(path.read_text()) if path.exists() and only != set(SECTIONS) else {}
    if isinstance(results.get("scale"), list):  # results.json from before issue 16
        results["scale"] = {"extract_1000_s": None, "rows": results["scale"]}
    results["meta"] = {**results.get("meta", {}), **meta(), "sections_run": sorted(only)}
    texts = sentences(THROUGHPUT_SENTENCES)
    package = length = None
    if only & {"throughput", "parallel", "cuda"}:
        package = build_model(texts)
        length = decoding_length(package, texts)
        results["max_decoding_length"] = length
        log(f"max_decoding_length = {length} (1.2 × mean source tokens) for every contender")
    if "throughput" in only:
        results["throughput"] = {**results.get("throughput", {}), **throughput(texts, package, length)}
    if "apertium" in only:
        ratio = speed.apertium_ratio(texts)
        throughput_ = results.setdefault("throughput", {})
        throughput_["ratio_pipeline_to_raw_apertium"] = ratio.pop("ratio_pipeline_to_raw_apertium")
        throughput_["apertium_pipeline"] = ratio
    if "incremental" in only:
        results["incremental"] = incremental(texts)
    if "parallel" in only:
        results["parallel"] = speed.parallel(texts, package, length)
    if "scale" in only:
        rows = scale(sentences(10000, seed=11))
        extract_1000 = [r["seconds"] for r in rows if r["articles"] == 1000 and r["step"] == "extract"]
        results["scale"] = {"extract_1000_s": extract_1000[0] if extract_1000 else None, "rows": rows}
    if "startup" in only:
        if not (WORK / "incremental" / "locales").is_dir():
            results["incremental"] = incremental(texts)
        results["startup"] = startup(WORK / "incremental")
    if "cuda" in only:
        results["cuda"] = cuda(texts, package, length)
        results["cuda_reason"] = None if results["cuda"] else cuda_reason()
    save(path, results)  # a later section that fails keeps what was measured
    if "ray" in only:
        results["ray"] = speed.ray(texts)
    if "quality" in only:
        for script in ("glossary.py", "apertium_routes.py"):
            log(f"bench/{script}")
            subprocess.run([PYTHON, str(REPO / "bench" / script)], check=True, stdout=subprocess.DEVNULL)
    results["meta"]["bench_seconds"] = round(time.perf_counter() - started, 1)
    path.write_text(json.dumps(results, indent=2) + "\n")
    (REPO / "bench" / "results.md").write_text(table(results))
    print(table(results))


def save(path: Path, results: dict) -> None:
    path.write_text(json.dumps(results, indent=2) + "\n")


def speed_table(results: dict) -> list[str]:
    out = [""]
    t, par, ray = results.get("throughput", {}), results.get("parallel"), results.get("ray")
    if "ratio_pipeline_to_raw_apertium" in t:
        a = t["apertium_pipeline"]
        out.append(
            f"- Apertium: l10n translate / one raw `apertium -f html` pipeline: **{t['ratio_pipeline_to_raw_apertium']}** "
            f"(target ≥ 0.85; French by one route, {a['l10n_apertium']['sentences_per_s']} vs {a['raw_apertium']['sentences_per_s']} sentences/s; "
            f"with --jobs 1: {a['ratio_pipeline_jobs1_to_raw_apertium']}; with route selection, four engine passes: "
            f"{a.get('ratio_with_route_selection_to_raw_apertium')})"
        )
    if par:
        out.append(
            f"- --jobs 2 / --jobs 1 wall time, {par['cores']} cores: Apertium 100 articles × 3 languages **{par['apertium_languages_ratio']}** "
            f"(target ≤ 0.65; one route per language: {par.get('apertium_one_route_languages_ratio')}), "
            f"Argos-sized model 10 articles × 3 languages **{par['argos_languages_ratio']}**"
        )
    if "scale" in results:
        out.append(
            f"- extract, 1,000 articles × 3 languages: **{results['scale']['extract_1000_s']} s** (target ≤ 15 s)"
        )
    start = results.get("startup", {})
    if "queue_to_python_ratio" in start:
        out.append(
            f"- warm listings, {start['status_project']}, wall time / `python -c pass`: "
            f"status **{start['status_to_python_ratio']}×**, queue **{start['queue_to_python_ratio']}×**, "
            f"check **{start['check_to_python_ratio']}×** (target ≤ 3×)"
        )
    if ray:
        out.append(
            f"- Ray (local head, 2 CPUs): identical output **{ray['identical_output']}**, wall time / one process **{ray.get('local_ratio')}**"
        )
        if ray.get("projection"):
            out.append(f"  - {ray['projection']}")
    return out


def cuda_reason() -> str:
    try:
        import ctranslate2

        count = ctranslate2.get_cuda_device_count()
    except Exception as exc:  # a broken CUDA install is a reason too
        return f"CUDA unusable: {exc}"
    return f"no CUDA device on this machine (ctranslate2.get_cuda_device_count() == {count})"


if __name__ == "__main__":
    main()
