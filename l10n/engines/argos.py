"""Translating with Argos Translate packages, driven the way CTranslate2 is meant to be used.

argostranslate's own path translates one string per call, splits sentences with a model it
downloads on first use, and decodes with ``.replace("_", " ")``. Here packages are found by
``argos_packages``; sentences come from our segmenter, every pending sentence of a language
pair goes through one batched CTranslate2 call, and the package's own tokenizer
(sentencepiece or BPE, ``argos_tokenizers``) decodes. A multilingual package's
``target_prefix`` (NLLB style: the target language as the first decoder token) leads every
decoding and is dropped from the output, as argostranslate does.

Placeholders never reach the model: each sentence is encoded as the text between its tags,
and the tags are put back where the model's attention says their words went.

This is the only module that imports ctranslate2, and only inside the functions that need
it (package management and listing need no machine-learning library).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from l10n.config import ArgosSettings
from l10n.documents.segment import Tag, tokenize
from l10n.documents.sentences import split_tagged
from l10n.engines.argos_metadata import read_metadata
from l10n.engines.argos_packages import PackageInfo, find_package, package_for
from l10n.engines.argos_tokenizers import Tokenizer, load_tokenizer
from l10n.engines.base import Engine, EngineError, Progress


@dataclass(frozen=True)
class ModelKey:
    """Everything that makes a loaded model what it is: its files, and how CTranslate2 runs
    them. Two engines that differ in any of these never share a model."""

    path: str
    files: tuple[int, int, int]  # model.bin's inode, size and mtime: a reinstalled package reloads
    device: str
    compute_type: str
    inter_threads: int
    intra_threads: int


def model_key(package: Path, settings: ArgosSettings) -> ModelKey:
    try:
        found = (Path(package) / "model" / "model.bin").stat()
        files = (found.st_ino, found.st_size, found.st_mtime_ns)
    except OSError:
        files = (0, 0, 0)
    return ModelKey(
        str(Path(package).resolve()),
        files,
        settings.device,
        settings.compute_type,
        settings.inter_threads,
        settings.intra_threads,
    )


class _Loaded:
    """A package's tokenizer and CTranslate2 translator."""

    def __init__(self, package: Path, key: ModelKey) -> None:
        import ctranslate2

        self.path = Path(package)
        self.key = key
        metadata = read_metadata(self.path)
        self.target_prefix: str = metadata.get("target_prefix", "")
        if self.target_prefix:
            check_target_prefix(self.path, self.target_prefix)
        self.tokenizer: Tokenizer = load_tokenizer(self.path, metadata["from_code"], metadata["to_code"])
        self.translator = ctranslate2.Translator(
            str(self.path / "model"),
            device=key.device,
            compute_type=key.compute_type,
            inter_threads=key.inter_threads,
            intra_threads=key.intra_threads,
        )

    def encode(self, text: str) -> list[str]:
        return self.tokenizer.encode(text)

    def usable(self, token: str) -> bool:
        return self.tokenizer.usable(token)


def target_vocabulary(model: Path) -> set[str] | None:
    """The tokens a CTranslate2 model can output, from its vocabulary file (None when the
    file is not one we can read: CTranslate2's own loading then has the last word)."""
    for name in ("target_vocabulary", "shared_vocabulary"):
        if (model / f"{name}.json").is_file():
            try:
                tokens = json.loads((model / f"{name}.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
            return {t for t in tokens if isinstance(t, str)} if isinstance(tokens, list) else None
        if (model / f"{name}.txt").is_file():
            try:
                return set((model / f"{name}.txt").read_text("utf-8").splitlines())
            except (OSError, ValueError):
                return None
    return None


def check_target_prefix(package: Path, prefix: str) -> None:
    """A prefix the model does not know would decode from <unk> and leak into the text."""
    vocabulary = target_vocabulary(package / "model")
    if vocabulary is not None and prefix not in vocabulary:
        raise EngineError(
            f"target_prefix {prefix!r} is not in the model's target vocabulary", package / "metadata.json"
        )


_LOADED: dict[ModelKey, _Loaded] = {}  # loaded once per process and per key


def load_model(package: Path, settings: ArgosSettings) -> _Loaded:
    """The package's model under these settings, loaded on first use."""
    key = model_key(package, settings)
    if key not in _LOADED:
        _LOADED[key] = _load(package, key, str(package))
    return _LOADED[key]


def load_test(package: Path, shown: str) -> None:
    """Load a package's tokenizer and model and translate one sentence with them, as
    ``install`` does before a package goes live; any failure is one line naming ``shown``."""
    model = _load(package, model_key(package, ArgosSettings(inter_threads=1, intra_threads=1)), shown)
    try:
        model.tokenizer.decode(model.encode("Hello world."))
        tokens = model.encode("Hello world.")
        prefix = [[model.target_prefix]] if model.target_prefix else None
        model.translator.translate_batch([tokens], target_prefix=prefix, beam_size=1, max_decoding_length=4)
    except Exception as exc:  # any failure of a native library on untrusted files
        raise EngineError(f"refused: the package cannot translate: {_one_line(exc)}", shown) from None


def _load(package: Path, key: ModelKey, shown: str) -> _Loaded:
    try:
        return _Loaded(package, key)
    except EngineError as exc:
        raise _shown_as(exc, Path(package), shown) from None
    except Exception as exc:  # sentencepiece and CTranslate2 raise what they like
        raise EngineError(f"cannot load the Argos package: {_one_line(exc)}", shown) from None


def _shown_as(error: EngineError, package: Path, shown: str) -> EngineError:
    """An error about a file of a package being installed names the archive, then the
    file inside it (the staging folder it was unpacked to means nothing to the user)."""
    if shown == str(package) or not error.path or not Path(error.path).is_relative_to(package):
        return error
    inside = f"{package.name}/{Path(error.path).relative_to(package).as_posix()}".rstrip("/.")
    where = inside if error.line is None else f"{inside}:{error.line}"
    return EngineError(f"{where}: {error.message}", shown)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


@dataclass
class _Unit:
    """One sentence: its tokens, and where its placeholders sit between them."""

    text_index: int
    tokens: list[str]
    spans: list[tuple[int, int, int]]  # (number, first token, end token) of paired tags
    atoms: list[tuple[int, int, bool]]  # (number, token position, space before it)


class ArgosEngine(Engine):
    name = "argos"

    def supports(self, source: str, target: str) -> bool:
        return find_package(source, target) is not None

    def missing(self, source: str, target: str) -> str:
        broken = package_for(source, target)
        if broken is not None and not broken.usable:
            return f"the Argos package {broken.path} cannot be used: {broken.problem}"
        return (
            f"no Argos package for {source}→{target} is installed "
            f"(l10n models install {source} {target}, or l10n models install FILE.argosmodel)"
        )

    def route(self, source: str, target: str) -> str:
        info = find_package(source, target)
        return info.name if info else ""

    def version(self, source: str, target: str) -> str:
        import ctranslate2

        info = find_package(source, target)
        package_version = info.version if info else "?"
        settings = self.config.argos
        return f"package:{package_version},ctranslate2:{ctranslate2.__version__},{settings.compute_type}"

    def loaded(self, source: str, target: str) -> _Loaded:
        info = find_package(source, target)
        if info is None:
            raise EngineError(self.missing(source, target))
        return load_model(Path(info.path), self.config.argos)

    def translate_batch(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[str]:
        if not texts:
            return []
        model = self.loaded(source, target)
        units: list[_Unit] = []
        for index, text in enumerate(texts):
            for sentence in split_tagged(text, source) or [""]:
                units.append(_encode(model, index, sentence))
        outputs = self._run(model, units)
        per_text: list[list[str]] = [[] for _ in texts]
        for unit, output in zip(units, outputs, strict=True):
            per_text[unit.text_index].append(output)
        if progress:
            progress(len(texts))
        return [" ".join(s for s in sentences if s) for sentences in per_text]

    def _run(self, model: _Loaded, units: list[_Unit]) -> list[str]:
        """Translate all units: plain ones in one batched call, tagged ones in another that
        also returns attention, so their tags can be placed."""
        settings = self.config.argos
        outputs: list[str] = [""] * len(units)
        groups = {
            False: [i for i, u in enumerate(units) if u.tokens and not (u.spans or u.atoms)],
            True: [i for i, u in enumerate(units) if u.tokens and (u.spans or u.atoms)],
        }
        for with_tags, indices in groups.items():
            if not indices:
                continue
            batch = [units[i].tokens for i in indices]
            prefix = [[model.target_prefix]] * len(batch) if model.target_prefix else None
            results = model.translator.translate_batch(
                batch,
                target_prefix=prefix,
                beam_size=settings.beam_size,
                max_batch_size=settings.max_batch_size,
                batch_type=settings.batch_type,
                max_decoding_length=settings.max_decoding_length,
                replace_unknowns=True,
                return_attention=with_tags,
            )
            for i, result in zip(indices, results, strict=True):
                tokens = list(result.hypotheses[0])
                attention = result.attention[0] if with_tags else None
                skip = 1 if model.target_prefix and tokens[:1] == [model.target_prefix] else 0
                tokens = tokens[skip:]
                if attention is not None:
                    attention = attention[skip:]
                outputs[i] = _decode(model, units[i], tokens, attention)
        for i, unit in enumerate(units):
            if not unit.tokens and (unit.spans or unit.atoms):
                outputs[i] = _decode(model, unit, [], None)
        return outputs


def _encode(model: _Loaded, index: int, sentence: str) -> _Unit:
    """Tokenize the text between tags, remembering each tag's token position."""
    tokens: list[str] = []
    spans: list[tuple[int, int, int]] = []
    atoms: list[tuple[int, int, bool]] = []
    open_at: dict[int, int] = {}
    previous = ""
    for part in tokenize(sentence):
        if isinstance(part, Tag):
            if part.role == "open":
                open_at[part.number] = len(tokens)
            elif part.role == "close":
                spans.append((part.number, open_at.pop(part.number, len(tokens)), len(tokens)))
            else:
                atoms.append((part.number, len(tokens), previous.endswith(" ") or not tokens))
            continue
        tokens += model.encode(part)
        previous = part
    return _Unit(index, tokens, spans, atoms)


def _decode(model: _Loaded, unit: _Unit, tokens: list[str], attention) -> str:
    """Detokenize with the package's tokenizer and put the placeholders back."""
    keep = [i for i, t in enumerate(tokens) if model.usable(t)]
    tokens = [tokens[i] for i in keep]
    if not (unit.spans or unit.atoms):
        return model.tokenizer.decode(tokens).strip()
    rows = [attention[i] for i in keep] if attention is not None else []
    aligned = [max(range(len(row)), key=row.__getitem__) if row else 0 for row in rows]
    events: dict[int, dict[str, list]] = {}

    def at(boundary: int) -> dict[str, list]:
        return events.setdefault(boundary, {"open": [], "close": [], "atom": []})

    if not tokens:  # nothing came out: keep the tags, in source order
        shapes = {"open": "<{n}>", "close": "</{n}>", "empty": "<{n}></{n}>", "atom": "<{n}/>"}
        return "".join(shapes[role].format(n=n) for n, role in _source_tags(unit))
    for order, (number, start, end) in enumerate(_project_spans(unit.spans, aligned, len(tokens))):
        at(start)["open"].append((-(end - start), order, number))
        at(end)["close"].append((end - start, -order, number))
    for number, position, space in unit.atoms:
        target = next((t for t, s in enumerate(aligned) if s >= position), len(tokens))
        at(target)["atom"].append((number, space))
    out: list[str] = []
    boundaries = sorted(set(events) | {0})
    for i, boundary in enumerate(boundaries):
        event = events.get(boundary, {"open": [], "close": [], "atom": []})
        out += [f"</{n}>" for *_, n in sorted(event["close"])]  # innermost first
        out += [(" " if space else "") + f"<{n}/>" for n, space in event["atom"]]
        if model.tokenizer.space_before(tokens, boundary):
            out.append(" ")
        out += [f"<{n}>" for *_, n in sorted(event["open"])]  # outermost first
        stop = boundaries[i + 1] if i + 1 < len(boundaries) else len(tokens)
        out.append(model.tokenizer.decode(tokens[boundary:stop]))
    return " ".join("".join(out).split())


def _source_tags(unit: _Unit) -> list[tuple[int, str]]:
    """The unit's tags in source order (positions are token indices)."""
    events = []
    for number, start, end in unit.spans:
        if start == end:  # an empty span: its tags go together
            events.append((start, 1, -end, number, "empty"))
            continue
        events.append((start, 1, -end, number, "open"))
        events.append((end, 0, -start, number, "close"))
    for number, position, _ in unit.atoms:
        events.append((position, 2, 0, number, "atom"))
    return [(number, role) for *_, number, role in sorted(events)]


def _project_spans(spans, aligned: list[int], length: int) -> list[tuple[int, int, int]]:
    """Target token ranges for source spans: each covers the target tokens aligned (by
    attention) to its source tokens, at least one token, and any two ranges are either
    nested or disjoint, so the tags always nest properly."""
    if not length:
        return [(number, 0, 0) for number, _, _ in spans]
    ordered = sorted(spans, key=lambda s: (s[1], -(s[2] - s[1])))  # parents before children
    projected: list[list[int]] = []
    for number, start, end in ordered:
        hits = [t for t, s in enumerate(aligned) if start <= s < end]
        if hits:
            first, last = min(hits), max(hits) + 1
        else:
            first = min(next((t for t, s in enumerate(aligned) if s >= start), length), length - 1)
            last = first + 1
        projected.append([number, first, last])
    changed = True
    while changed:  # shrink crossing ranges until none cross; each step keeps both non-empty
        changed = False
        for i, later in enumerate(projected):
            for earlier in projected[:i]:
                if earlier[1] < later[1] < earlier[2] < later[2]:
                    later[1] = earlier[2]
                    changed = True
                elif later[1] < earlier[1] < later[2] < earlier[2]:
                    later[2] = earlier[1]
                    changed = True
    return [(n, s, e) for n, s, e in projected]


__all__ = ["ArgosEngine", "ModelKey", "PackageInfo", "load_model", "load_test", "model_key"]
