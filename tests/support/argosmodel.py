"""Build a real ``.argosmodel`` package with random weights, offline, without torch.

The package has the layout argostranslate installs and loads (one top folder with
``metadata.json``, a CTranslate2 ``model/`` and a tokenizer); its translations are
garbage, which is all the tests and benchmarks need: the real loading and decoding path,
at a realistic size when asked.

Every published kind can be built: ``sentencepiece`` (``sentencepiece.model``, Argos's own
packages), ``bpe`` (``bpe.model``: subword-nmt codes over Moses-tokenized text, the OPUS-MT
conversions argostranslate reads with sacremoses), and either of them with a
``target_prefix`` (multilingual models such as NLLB, told their target by a first token).
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class ModelShape:
    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab: int = 0  # pad the CTranslate2 vocabulary to this size (0: sentencepiece's own)
    sp_vocab: int = 400  # sentencepiece vocabulary size, or the number of BPE merges


TINY = ModelShape()
ARGOS_SIZED = ModelShape(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000, sp_vocab=4000)


def train_sentencepiece(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="bpe",
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def moses_tokens(lines: list[str], language: str) -> list[list[str]]:
    """The lines as argostranslate's BPE tokenizer sees them before BPE: punctuation
    normalized, then Moses-tokenized (with its HTML escapes)."""
    from sacremoses import MosesPunctNormalizer, MosesTokenizer

    normalizer, tokenizer = MosesPunctNormalizer(language), MosesTokenizer(language)
    return [tokenizer.tokenize(normalizer.normalize(line)) for line in lines]


def learn_bpe(words: Counter, merges: int) -> list[tuple[str, str]]:
    """subword-nmt's merge learning (format 0.2: the last symbol of a word ends in
    ``</w>``), the plain quadratic way: enough for a few thousand words."""
    vocab = {tuple(word[:-1]) + (word[-1] + "</w>",): count for word, count in words.items() if word}
    learned: list[tuple[str, str]] = []
    for _ in range(merges):
        pairs: Counter = Counter()
        for symbols, count in vocab.items():
            for pair in pairwise(symbols):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs, key=lambda pair: (pairs[pair], pair))  # ties broken the same way every run
        if pairs[best] < 2:
            break
        learned.append(best)
        vocab = {_merge(symbols, best): count for symbols, count in vocab.items()}
    return learned


def _merge(symbols: tuple[str, ...], pair: tuple[str, str]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(symbols):
        if symbols[i : i + 2] == pair:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def write_bpe_codes(lines: list[str], path: Path, language: str, merges: int) -> list[str]:
    """Write subword-nmt codes learned from ``lines`` to ``path``; return the vocabulary
    the model needs: every subword the codes give the lines, and every character alone
    (with and without the ``@@`` continuation mark) so that any word can be spelled."""
    from argostranslate.apply_bpe import BPE

    tokenized = moses_tokens(lines, language)
    words = Counter(word for line in tokenized for word in line)
    codes = learn_bpe(words, merges)
    path.write_text("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in codes), encoding="utf-8")
    with open(path, encoding="utf-8") as handle:
        bpe = BPE(handle)
    subwords = {piece for line in tokenized for piece in bpe.segment_tokens(line)}
    characters = {c for word in words for c in word}
    subwords |= characters | {c + "@@" for c in characters}
    return ["<unk>", "<s>", "</s>"] + sorted(subwords)


def _fill(spec, rng: np.random.Generator, d: int, ffn: int, vocab: int) -> None:
    """Give every weight of a Transformer spec a random value of the right shape. The scale
    (Xavier-like) is large enough that different inputs give different outputs, which the
    tests need to check that outputs come back to the right entries."""
    scale = 1.0 / np.sqrt(d)
    from ctranslate2.specs import attention_spec, common_spec, transformer_spec

    def rand(*shape):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    def norm(layer):
        layer.gamma = np.ones(d, np.float32)
        layer.beta = np.zeros(d, np.float32)

    def linear(layer, out_dim, in_dim):
        layer.weight = rand(out_dim, in_dim)
        layer.bias = np.zeros(out_dim, np.float32)

    def attention(layer: attention_spec.MultiHeadAttentionSpec, self_attention: bool):
        norm(layer.layer_norm)
        if self_attention:
            linear(layer.linear[0], 3 * d, d)
            linear(layer.linear[1], d, d)
        else:
            linear(layer.linear[0], d, d)
            linear(layer.linear[1], 2 * d, d)
            linear(layer.linear[2], d, d)

    def ffn_layer(layer: transformer_spec.FeedForwardSpec):
        norm(layer.layer_norm)
        linear(layer.linear_0, ffn, d)
        linear(layer.linear_1, d, ffn)

    encoder, decoder = spec.encoder, spec.decoder
    for embeddings in encoder.embeddings:
        embeddings.weight = rand(vocab, d)
    norm(encoder.layer_norm)
    for layer in encoder.layer:
        attention(layer.self_attention, True)
        ffn_layer(layer.ffn)
    decoder.embeddings.weight = rand(vocab, d)
    norm(decoder.layer_norm)
    linear(decoder.projection, vocab, d)
    for layer in decoder.layer:
        attention(layer.self_attention, True)
        attention(layer.attention, False)
        ffn_layer(layer.ffn)
    assert isinstance(decoder.projection, common_spec.LinearSpec)


def build_package(
    out_dir: Path,
    lines: list[str],
    from_code: str = "en",
    to_code: str = "fr",
    shape: ModelShape = TINY,
    seed: int = 0,
    quantization: str = "int8",
    tokenizer: str = "sentencepiece",
    target_prefix: str = "",
    name: str = "",
    eos_bias: float = 0.0,
) -> Path:
    """Write ``<name>.argosmodel`` (by default ``translate-<from>_<to>-1_0``) in ``out_dir``
    and return its path. ``tokenizer`` is ``sentencepiece`` or ``bpe``; a ``target_prefix``
    goes into the metadata and the model's vocabulary, as multilingual packages have it.
    ``eos_bias`` raises the end-of-sentence logit: random weights otherwise decode to the
    length limit, which a server that sets no limit (LibreTranslate) takes seconds over."""
    import ctranslate2
    import sentencepiece as spm

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = name or f"translate-{from_code}_{to_code}-1_0"
    with tempfile.TemporaryDirectory() as work:
        top = Path(work) / name
        top.mkdir()
        if tokenizer == "sentencepiece":
            sp_model = train_sentencepiece(lines, Path(work) / "sp", shape.sp_vocab)
            processor = spm.SentencePieceProcessor(model_file=str(sp_model))
            vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
            (top / "sentencepiece.model").write_bytes(sp_model.read_bytes())
        elif tokenizer == "bpe":
            vocabulary = write_bpe_codes(lines, top / "bpe.model", from_code, shape.sp_vocab)
        else:
            raise ValueError(f"unknown tokenizer kind {tokenizer!r}")
        if target_prefix:
            vocabulary.append(target_prefix)
        vocabulary += [f"<pad{i}>" for i in range(max(0, shape.vocab - len(vocabulary)))]
        spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
        _fill(spec, np.random.default_rng(seed), shape.d_model, shape.ffn, len(vocabulary))
        spec.decoder.projection.bias[vocabulary.index("</s>")] = eos_bias
        spec.register_source_vocabulary(vocabulary)
        spec.register_target_vocabulary(vocabulary)
        spec.validate()
        spec.optimize(quantization=quantization)
        (top / "model").mkdir()
        spec.save(str(top / "model"))
        metadata = {
            "package_version": "1.0",
            "argos_version": "1.11.0",
            "from_code": from_code,
            "from_name": from_code,
            "to_code": to_code,
            "to_name": to_code,
            "type": "translate",
            "links": [],
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (top / "metadata.json").write_text(json.dumps(metadata, indent=2))
        (top / "README.md").write_text("Random weights, for tests and benchmarks only.\n")
        package = out_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(top.rglob("*")):
                archive.write(path, path.relative_to(work).as_posix())
    return package
