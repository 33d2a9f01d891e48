"""Build a real ``.argosmodel`` package with random weights, offline, without torch.

The package has the layout argostranslate installs and loads (one top folder with
``metadata.json``, a CTranslate2 ``model/`` and ``sentencepiece.model``); its translations
are garbage, which is all the tests and benchmarks need: the real loading and decoding
path, at a realistic size when asked.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class ModelShape:
    layers: int = 2
    d_model: int = 64
    heads: int = 4
    ffn: int = 128
    vocab: int = 0  # pad the CTranslate2 vocabulary to this size (0: sentencepiece's own)
    sp_vocab: int = 400


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
) -> Path:
    """Write ``translate-<from>_<to>-1_0.argosmodel`` in ``out_dir`` and return its path."""
    import ctranslate2
    import sentencepiece as spm

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"translate-{from_code}_{to_code}-1_0"
    with tempfile.TemporaryDirectory() as work:
        top = Path(work) / name
        top.mkdir()
        sp_model = train_sentencepiece(lines, Path(work) / "sp", shape.sp_vocab)
        processor = spm.SentencePieceProcessor(model_file=str(sp_model))
        vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        vocabulary += [f"<pad{i}>" for i in range(max(0, shape.vocab - len(vocabulary)))]
        spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
        _fill(spec, np.random.default_rng(seed), shape.d_model, shape.ffn, len(vocabulary))
        spec.register_source_vocabulary(vocabulary)
        spec.register_target_vocabulary(vocabulary)
        spec.validate()
        spec.optimize(quantization=quantization)
        (top / "model").mkdir()
        spec.save(str(top / "model"))
        (top / "sentencepiece.model").write_bytes(sp_model.read_bytes())
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
        (top / "metadata.json").write_text(json.dumps(metadata, indent=2))
        (top / "README.md").write_text("Random weights, for tests and benchmarks only.\n")
        package = out_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(top.rglob("*")):
                archive.write(path, path.relative_to(work).as_posix())
    return package
