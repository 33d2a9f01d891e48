"""Argos Translate packages, driven the way CTranslate2 is meant to be used.

argostranslate's own path translates one string per call, splits sentences with a model it
downloads on first use, and decodes with ``.replace("_", " ")``. Here we only use it to find
and load installed packages; sentences come from our segmenter, every pending sentence of a
language pair goes through one batched CTranslate2 call, and sentencepiece decodes.

Placeholders never reach the model: each sentence is encoded as the text between its tags,
and the tags are put back where the model's attention says their words went.

This is the only module that imports argostranslate or ctranslate2, and only inside the
functions that need them.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from l10n.documents.segment import Tag, tokenize
from l10n.documents.sentences import split_tagged
from l10n.engines.base import Engine, EngineError, Progress

INDEX_TIMEOUT_S = 5.0
MAX_UNPACKED_BYTES = 8 * 1024**3
OFFLINE_HINT = "install a package file instead: l10n models install FILE.argosmodel"


# -- installed packages --------------------------------------------------------------------


@dataclass(frozen=True)
class PackageInfo:
    name: str
    path: str
    from_code: str
    to_code: str
    version: str
    problem: str = ""  # why the package cannot be used ("" = usable)

    @property
    def usable(self) -> bool:
        return not self.problem


def package_dirs() -> list[Path]:
    from argostranslate import settings

    return [Path(p) for p in settings.package_dirs]


def installed_packages() -> list[PackageInfo]:
    """Every folder in Argos's package folders, loaded with argostranslate's own ``Package``
    class; a broken folder is listed with its problem instead of breaking the listing."""
    from argostranslate.package import Package

    found = []
    for folder in package_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            try:
                package = Package(path)
            except (OSError, ValueError, KeyError, TypeError) as exc:
                found.append(PackageInfo(path.name, str(path), "?", "?", "?", f"unreadable: {exc}"))
                continue
            problem = ""
            if package.type != "translate":
                problem = f"not a translation package (type {package.type})"
            elif not (path / "sentencepiece.model").is_file():
                problem = "no sentencepiece.model (BPE packages are not supported)"
            elif not (path / "model" / "model.bin").is_file():
                problem = "no CTranslate2 model (model/model.bin)"
            found.append(
                PackageInfo(
                    path.name,
                    str(path),
                    package.from_code,
                    package.to_code,
                    str(package.package_version),
                    problem,
                )
            )
    return found


def find_package(source: str, target: str) -> PackageInfo | None:
    for info in installed_packages():
        if info.usable and info.from_code == source and info.to_code == target:
            return info
    return None


# -- installing ----------------------------------------------------------------------------


def validate_archive(archive: Path) -> tuple[str, dict]:
    """Check a ``.argosmodel`` before anything is written: a zip holding exactly one top
    folder with ``metadata.json``, ``model/`` and a tokenizer, and no member that could land
    outside that folder (absolute paths, ``..``, links). Returns (top folder, metadata)."""
    if not zipfile.is_zipfile(archive):
        raise EngineError("not an Argos package: not a zip archive", archive)
    with zipfile.ZipFile(archive) as zipped:
        members = zipped.infolist()
        tops = set()
        total = 0
        for member in members:
            name = member.filename
            parts = PurePosixPath(name).parts
            if (
                not name
                or name.startswith(("/", "\\"))
                or "\\" in name
                or ".." in parts
                or (parts and parts[0].endswith(":"))
            ):
                raise EngineError(f"refused: member {name!r} would be written outside the package", archive)
            if stat.S_ISLNK(member.external_attr >> 16):
                raise EngineError(f"refused: member {name!r} is a symbolic link", archive)
            tops.add(parts[0])
            total += member.file_size
            if len(parts) == 1 and not member.is_dir():
                raise EngineError(f"refused: {name!r} lies outside a package folder", archive)
        if len(tops) != 1:
            raise EngineError(f"an Argos package holds exactly one top folder, found {len(tops)}", archive)
        if total > MAX_UNPACKED_BYTES:
            raise EngineError("refused: unpacks to more than 8 GiB", archive)
        top = tops.pop()
        names = {m.filename.rstrip("/") for m in members}
        for required in ("metadata.json", "model/model.bin", "model/config.json"):
            if f"{top}/{required}" not in names:
                raise EngineError(f"not an Argos package: no {top}/{required}", archive)
        if f"{top}/sentencepiece.model" not in names and f"{top}/bpe.model" not in names:
            raise EngineError("not an Argos package: no tokenizer (sentencepiece.model)", archive)
        try:
            metadata = json.loads(zipped.read(f"{top}/metadata.json"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise EngineError(f"{top}/metadata.json is not valid JSON: {exc}", archive) from None
    if not isinstance(metadata, dict) or not all(
        isinstance(metadata.get(k), str) and metadata.get(k) for k in ("from_code", "to_code")
    ):
        raise EngineError(f"{top}/metadata.json lacks from_code / to_code", archive)
    if metadata.get("type", "translate") != "translate":
        raise EngineError(f"not a translation package (type {metadata.get('type')})", archive)
    return top, metadata


def install_file(archive: Path) -> PackageInfo:
    """Validate and install a package file; an existing package of that name is replaced."""
    archive = Path(archive)
    top, _ = validate_archive(archive)
    destination_root = package_dirs()[0]
    destination_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=destination_root))
    try:
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.infolist():
                target = (staging / member.filename).resolve()
                if not target.is_relative_to(staging.resolve()):
                    raise EngineError(f"refused: {member.filename!r} escapes the package folder", archive)
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as source, open(target, "wb") as sink:
                    shutil.copyfileobj(source, sink)
        from argostranslate.package import Package

        Package(staging / top)  # argostranslate must be able to load it before it goes live
        final = destination_root / top
        if final.exists():
            shutil.rmtree(final)
        os.replace(staging / top, final)
    except zipfile.BadZipFile as exc:
        raise EngineError(f"damaged archive: {exc}", archive) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for info in installed_packages():
        if info.path == str(final):
            return info
    raise EngineError("installed, but argostranslate cannot list it", final)


def install_from_index(source: str, target: str, timeout: float = INDEX_TIMEOUT_S) -> PackageInfo:
    """Download and install the index's package for a pair (needs internet)."""
    from argostranslate import settings

    index_url = settings.remote_package_index
    try:
        with urllib.request.urlopen(index_url, timeout=timeout) as response:
            index = json.loads(response.read())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EngineError(f"cannot reach the Argos package index ({reason}); {OFFLINE_HINT}") from None
    for entry in index if isinstance(index, list) else []:
        if entry.get("from_code") == source and entry.get("to_code") == target:
            links = entry.get("links") or []
            break
    else:
        raise EngineError(f"the Argos index has no package for {source}→{target}")
    with tempfile.TemporaryDirectory() as work:
        archive = Path(work) / f"translate-{source}_{target}.argosmodel"
        for link in links:
            try:
                with urllib.request.urlopen(link, timeout=60) as response, open(archive, "wb") as sink:
                    shutil.copyfileobj(response, sink)
                break
            except (urllib.error.URLError, OSError):
                continue
        else:
            raise EngineError(f"could not download the {source}→{target} package; {OFFLINE_HINT}")
        return install_file(archive)


# -- translating ---------------------------------------------------------------------------


class _Loaded:
    """A package's tokenizer and CTranslate2 translator, loaded once per process."""

    def __init__(self, info: PackageInfo, settings) -> None:
        import ctranslate2
        import sentencepiece
        from argostranslate.package import Package

        package = Package(Path(info.path))
        self.info = info
        self.target_prefix = package.target_prefix or ""
        tokenizer = Path(info.path) / "sentencepiece.model"
        self.sp = sentencepiece.SentencePieceProcessor(model_file=str(tokenizer))
        self.translator = ctranslate2.Translator(
            str(Path(info.path) / "model"),
            device=settings.device,
            compute_type=settings.compute_type,
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
        )

    def encode(self, text: str) -> list[str]:
        return self.sp.encode(text, out_type=str) if text.strip() else []

    def usable(self, token: str) -> bool:
        piece = self.sp.piece_to_id(token)
        return not (self.sp.is_control(piece) or (piece == self.sp.unk_id() and token != "<unk>"))


_LOADED: dict[tuple[str, str], _Loaded] = {}


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
        key = (source, target)
        if key not in _LOADED:
            info = find_package(source, target)
            if info is None:
                raise EngineError(self.missing(source, target))
            _LOADED[key] = _Loaded(info, self.config.argos)
        return _LOADED[key]

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
    """Detokenize with sentencepiece and put the placeholders back."""
    keep = [i for i, t in enumerate(tokens) if model.usable(t)]
    tokens = [tokens[i] for i in keep]
    if not (unit.spans or unit.atoms):
        return model.sp.decode_pieces(tokens).strip()
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
        if 0 < boundary < len(tokens) and tokens[boundary].startswith("▁"):
            out.append(" ")
        out += [f"<{n}>" for *_, n in sorted(event["open"])]  # outermost first
        stop = boundaries[i + 1] if i + 1 < len(boundaries) else len(tokens)
        out.append(model.sp.decode_pieces(tokens[boundary:stop]))
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


__all__ = [
    "ArgosEngine",
    "PackageInfo",
    "find_package",
    "install_file",
    "install_from_index",
    "installed_packages",
    "validate_archive",
]
