"""One contender per process (so each has its own peak RSS): ``contenders.py NAME JSON``.
Prints a JSON result. Model loading is always done before the clock starts."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _count_tokens():
    """Wrap ctranslate2.Translator.translate_batch to count generated tokens (equal work)."""
    import ctranslate2

    counter = {"tokens": 0, "calls": 0, "extra": {}}
    original = ctranslate2.Translator.translate_batch

    def counting(self, source, *args, **kwargs):
        kwargs.update(counter["extra"])
        results = original(self, source, *args, **kwargs)
        counter["tokens"] += sum(len(r.hypotheses[0]) for r in results)
        counter["calls"] += 1
        return results

    ctranslate2.Translator.translate_batch = counting
    return counter


def raw(args: dict) -> dict:
    import ctranslate2
    import sentencepiece

    sentences = json.loads(Path(args["sentences"]).read_text())
    sp = sentencepiece.SentencePieceProcessor(model_file=str(Path(args["package"]) / "sentencepiece.model"))
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    settings = args["settings"]
    options = {
        "beam_size": args["beam_size"],
        "max_batch_size": settings["max_batch_size"],
        "batch_type": settings["batch_type"],
        "max_decoding_length": args["max_decoding_length"],
    }
    if settings.get("workers", 1) == 1:
        translator = ctranslate2.Translator(
            str(Path(args["package"]) / "model"),
            device=args.get("device", "cpu"),
            compute_type=args.get("compute_type", "int8"),
            inter_threads=settings["inter_threads"],
            intra_threads=settings["intra_threads"],
        )
        translator.translate_batch(tokens[:4], **options)  # warm-up
        start = time.perf_counter()
        results = translator.translate_batch(tokens, **options)
        seconds = time.perf_counter() - start
        output_tokens = sum(len(r.hypotheses[0]) for r in results)
    else:
        seconds, output_tokens = _workers(args, tokens, options, settings)
    return {"sentences": len(sentences), "seconds": seconds, "output_tokens": output_tokens}


def _worker(args, share, options, settings, ready, start, results):
    import ctranslate2

    translator = ctranslate2.Translator(
        str(Path(args["package"]) / "model"),
        compute_type="int8",
        inter_threads=1,
        intra_threads=settings["intra_threads"],
    )
    translator.translate_batch(share[:2], **options)
    ready.put(True)
    start.wait()
    output = translator.translate_batch(share, **options)
    results.put((time.perf_counter(), sum(len(r.hypotheses[0]) for r in output)))


def _workers(args, tokens, options, settings):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    ready, results, start = context.Queue(), context.Queue(), context.Event()
    count = settings["workers"]
    processes = [
        context.Process(
            target=_worker, args=(args, tokens[i::count], options, settings, ready, start, results)
        )
        for i in range(count)
    ]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get()
    began = time.perf_counter()
    start.set()
    finished = [results.get() for _ in processes]
    for process in processes:
        process.join()
    return max(t for t, _ in finished) - began, sum(n for _, n in finished)


def pipeline(args: dict) -> dict:
    counter = _count_tokens()
    from l10n import pipeline as l10n_pipeline
    from l10n.engines.argos import ArgosEngine
    from l10n.project import Project

    project = Project.open(Path(args["project"]))
    engine = ArgosEngine(project.config)
    engine.translate_batch(["A sentence to load the model before the clock starts."], "en", args["language"])
    counter["tokens"] = 0
    start = time.perf_counter()
    results = l10n_pipeline.translate(project, [args["language"]], project.slugs(), "argos")
    seconds = time.perf_counter() - start
    result = results[args["language"]]
    return {
        "sentences": result.sent,
        "seconds": seconds,
        "output_tokens": counter["tokens"],
        "engine_calls": counter["calls"] - 1,
    }


class OfflineSentencizer:
    """Stands in for argostranslate's MiniSBD sentencizer, which downloads a model on first
    use: splits with pysbd, as our pipeline does."""

    def __init__(self, pkg) -> None:
        self.pkg = pkg

    def split_sentences(self, text: str) -> list[str]:
        from l10n.documents.sentences import split_sentences

        return split_sentences(text) or [text]


def argos_usual(args: dict) -> dict:
    """argostranslate.translate.translate() once per sentence, with two patches only:
    MiniSBDSentencizer is replaced by OfflineSentencizer, and every
    ctranslate2.Translator.translate_batch call gets max_decoding_length added."""
    counter = _count_tokens()
    counter["extra"] = {"max_decoding_length": args["max_decoding_length"]}
    import argostranslate.translate as argos_translate

    argos_translate.MiniSBDSentencizer = OfflineSentencizer
    sentences = json.loads(Path(args["sentences"]).read_text())[: args["count"]]
    argos_translate.translate("A sentence to load the model.", "en", args["language"])
    counter["tokens"] = 0
    start = time.perf_counter()
    for sentence in sentences:
        argos_translate.translate(sentence, "en", args["language"])
    seconds = time.perf_counter() - start
    return {"sentences": len(sentences), "seconds": seconds, "output_tokens": counter["tokens"]}


def apertium(args: dict) -> dict:
    from l10n.config import Config
    from l10n.engines.apertium import ApertiumEngine

    sentences = json.loads(Path(args["sentences"]).read_text())
    engine = ApertiumEngine(Config())
    start = time.perf_counter()
    outputs = engine.translate_batch(sentences, "en", args["language"])
    seconds = time.perf_counter() - start
    return {
        "sentences": len(sentences),
        "seconds": seconds,
        "output_tokens": sum(len(o.split()) for o in outputs),
    }


def pipeline_apertium(args: dict) -> dict:
    """``l10n translate --engine apertium`` end to end, in this process (PO writing included)."""
    from l10n import pipeline as l10n_pipeline
    from l10n.executors import make_executor
    from l10n.project import Project

    project = Project.open(Path(args["project"]))
    start = time.perf_counter()
    results = l10n_pipeline.translate(
        project,
        [args["language"]],
        project.slugs(),
        "apertium",
        executor=make_executor("local", args.get("jobs")),
    )
    seconds = time.perf_counter() - start
    result = results[args["language"]]
    return {
        "sentences": result.sent,
        "seconds": seconds,
        "output_tokens": 0,
        "engine_calls": result.engine_calls,
    }


def build_model(args: dict) -> dict:
    """Build the bench model here, in a child of the bench, so that no contender inherits
    the build's memory in its peak RSS (Linux keeps a forked child's pre-exec peak)."""
    sys.path.insert(0, str(REPO / "tests"))
    from support.argosmodel import ARGOS_SIZED, build_package

    texts = json.loads(Path(args["sentences"]).read_text())
    build_package(Path(args["out"]), texts * 3, shape=ARGOS_SIZED)
    return {"built": True}


if __name__ == "__main__":
    name, payload = sys.argv[1], json.loads(sys.argv[2])
    print(json.dumps(globals()[name](payload)))
