"""The tokenizers Argos packages ship, read the way argostranslate reads them.

A package holds ``sentencepiece.model`` (Argos's own packages) or, failing that,
``bpe.model``: subword-nmt merge codes applied to Moses-tokenized text, as in the OPUS-MT
conversions LibreTranslate's community publishes. argostranslate tries them in that order;
so do we. Both give the engine one interface: text to tokens, tokens to text, which
output tokens are words, and whether a space falls between two tokens (placeholders are
put back between tokens, so the engine asks).

sentencepiece, sacremoses and argostranslate's BPE reader are imported only when a
package is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from l10n.engines.base import EngineError

SENTENCEPIECE = "sentencepiece.model"
BPE = "bpe.model"
TOKENIZER_FILES = {SENTENCEPIECE: "sentencepiece", BPE: "bpe"}  # argostranslate's order
BPE_MARK = "@@"  # ends a subword that the next token continues
BPE_SPECIALS = frozenset({"<s>", "</s>", "<pad>", "<blank>"})


def package_kind(names: set[str]) -> str:
    """The package's tokenizer kind from the file names in its folder ("" if none)."""
    return next((kind for name, kind in TOKENIZER_FILES.items() if name in names), "")


def no_tokenizer(prefix: str = "") -> str:
    files = " or ".join(f"{prefix}{name}" for name in TOKENIZER_FILES)
    return f"no tokenizer: the package needs {files}"


class Tokenizer(Protocol):
    path: Path

    def encode(self, text: str) -> list[str]: ...

    def decode(self, tokens: list[str]) -> str: ...

    def usable(self, token: str) -> bool: ...

    def space_before(self, tokens: list[str], index: int) -> bool: ...


class SentencePieceTokenizer:
    def __init__(self, path: Path) -> None:
        import sentencepiece

        self.path = path
        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(path))

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str) if text.strip() else []

    def decode(self, tokens: list[str]) -> str:
        # Not argostranslate's .replace("_", " "): underscores in names and code survive.
        return self.processor.decode_pieces(tokens)

    def usable(self, token: str) -> bool:
        piece = self.processor.piece_to_id(token)
        unknown = piece == self.processor.unk_id() and token != "<unk>"
        return not (self.processor.is_control(piece) or unknown)

    def space_before(self, tokens: list[str], index: int) -> bool:
        return 0 < index < len(tokens) and tokens[index].startswith("▁")


class BPETokenizer:
    """Moses punctuation normalization and tokenization (source language), subword-nmt
    codes, and Moses detokenization (target language), as argostranslate's BPETokenizer."""

    def __init__(self, path: Path, source: str, target: str) -> None:
        try:
            from sacremoses import MosesDetokenizer, MosesPunctNormalizer, MosesTokenizer
        except ImportError:
            raise EngineError("BPE packages need sacremoses (pip install sacremoses)", path) from None
        from argostranslate.apply_bpe import BPE as Codes

        check_codes(path)
        self.path = path
        self.normalizer = MosesPunctNormalizer(source)
        self.tokenizer = MosesTokenizer(source)
        self.detokenizer = MosesDetokenizer(target)
        with open(path, encoding="utf-8") as codes:
            self.codes = Codes(codes)

    def encode(self, text: str) -> list[str]:
        if not text.strip():
            return []
        words = self.tokenizer.tokenize(self.normalizer.normalize(text))
        return self.codes.segment_tokens(words)

    def decode(self, tokens: list[str]) -> str:
        words = " ".join(tokens).replace(BPE_MARK + " ", "").removesuffix(BPE_MARK).split()
        return self.detokenizer.detokenize(words) if words else ""

    def usable(self, token: str) -> bool:
        return token not in BPE_SPECIALS and not (token.startswith("<pad") and token.endswith(">"))

    def space_before(self, tokens: list[str], index: int) -> bool:
        """A space, unless the previous token continues into this one or the Moses
        detokenizer glues the two together (punctuation, apostrophes)."""
        if not 0 < index < len(tokens) or tokens[index - 1].endswith(BPE_MARK):
            return False
        left, right = tokens[index - 1], tokens[index]
        return self.decode([left, right]) != self.decode([left]) + self.decode([right])


def check_codes(path: Path) -> None:
    """Refuse a codes file argostranslate's reader would choke on: it prints two lines
    and exits the process on a line that is not two symbols."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise EngineError(f"BPE codes are not UTF-8 text ({exc.reason})", path) from None
    except OSError as exc:
        raise EngineError(f"cannot read the BPE codes: {exc.strerror or exc}", path) from None
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith("#version:"):
            continue
        if len(line.strip("\r\n ").split(" ")) != 2:
            raise EngineError(
                f"not a BPE merge (two symbols separated by a space): {line[:60]!r}", path, number
            )


def load_tokenizer(package: Path, source: str, target: str) -> Tokenizer:
    """The package's tokenizer; one line naming the files when there is none."""
    if (package / SENTENCEPIECE).is_file():
        return SentencePieceTokenizer(package / SENTENCEPIECE)
    if (package / BPE).is_file():
        return BPETokenizer(package / BPE, source, target)
    raise EngineError(no_tokenizer(), package)
