"""Sentence boundaries, from pysbd (rule-based: "Mr.", "U.S.", "No. 5" do not end a sentence).

pysbd passes its rules to ``re.sub`` & co. as strings, some built per abbreviation found in
the text: a paragraph needs a few hundred distinct patterns, more than the ``re`` module's
cache holds (512), so each call compiled most of them again (3.9 s of a 100-article
translate). Its modules get :class:`CompiledRules` as their ``re`` instead: the same
functions, each pattern compiled once per process. The rules and results are pysbd's own
(tests/test_sentences.py compares them with an unpatched pysbd).
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

MAX_PATTERNS = 20_000  # patterns are built from pysbd's abbreviation list: a bound, never reached


class CompiledRules:
    """Stands in for the ``re`` module inside pysbd: every pattern compiled once."""

    def __init__(self) -> None:
        self._compiled: dict[tuple[str, int], re.Pattern] = {}

    def __getattr__(self, name: str):
        return getattr(re, name)  # flags, escape, error, …

    def compile(self, pattern, flags=0) -> re.Pattern:
        if isinstance(pattern, re.Pattern):
            return pattern
        key = (pattern, int(flags))
        found = self._compiled.get(key)
        if found is None:
            if len(self._compiled) >= MAX_PATTERNS:
                self._compiled.clear()
            found = self._compiled[key] = re.compile(pattern, flags)
        return found

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).sub(repl, string, count)

    def subn(self, pattern, repl, string, count=0, flags=0):
        return self.compile(pattern, flags).subn(repl, string, count)

    def search(self, pattern, string, flags=0):
        return self.compile(pattern, flags).search(string)

    def match(self, pattern, string, flags=0):
        return self.compile(pattern, flags).match(string)

    def fullmatch(self, pattern, string, flags=0):
        return self.compile(pattern, flags).fullmatch(string)

    def findall(self, pattern, string, flags=0):
        return self.compile(pattern, flags).findall(string)

    def finditer(self, pattern, string, flags=0):
        return self.compile(pattern, flags).finditer(string)

    def split(self, pattern, string, maxsplit=0, flags=0):
        return self.compile(pattern, flags).split(string, maxsplit)


RULES = CompiledRules()


def _compile_rules_once() -> None:
    """Give every loaded pysbd module :data:`RULES` as its ``re``."""
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = RULES  # type: ignore[attr-defined]


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences):
            """pysbd's own, without a regular expression per sentence: the first
            occurrence of each sentence (and the whitespace after it) that ends past the
            previous one, scanning occurrences without overlap as ``re.finditer`` does."""
            spans, prior_end, text = [], 0, self.original_text
            for sentence in sentences:
                if not sentence:
                    spans += super().sentences_with_char_spans([sentence])[:1]  # never seen; kept exact
                    continue
                position = 0
                while (start := text.find(sentence, position)) >= 0:
                    end = start + len(sentence)
                    while end < len(text) and text[end].isspace():
                        end += 1
                    if end > prior_end:
                        spans.append(TextSpan(text[start:end], start, end))
                        prior_end = end
                        break
                    position = end
            return spans

    try:
        segmenter = Segmenter(language=language, clean=False, char_span=True)
    except ValueError:  # pysbd knows ~20 languages; English rules are a fair default
        segmenter = Segmenter(language="en", clean=False, char_span=True)
    _compile_rules_once()  # after the language's rule modules are imported
    return segmenter


def sentence_starts(text: str, language: str = "en") -> list[int]:
    """Offsets in ``text`` where a sentence other than the first begins."""
    if len(text) < 2:
        return []
    return list(_starts(text, language))


@lru_cache(maxsize=4096)
def _starts(text: str, language: str) -> tuple[int, ...]:
    """Cached: a title or a sentence repeated across articles is split once."""
    starts = []
    for span in _segmenter(language).segment(text)[1:]:
        start = span.start
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            starts.append(start)
    return tuple(starts)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Plain-text sentences of ``text``, stripped."""
    cuts = [0, *sentence_starts(text, language), len(text)]
    pieces = (text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False))
    return [p for p in pieces if p]


def split_tagged(text: str, language: str = "en") -> list[str]:
    """Sentences of a text with placeholders, never cutting inside a ``<n>…</n>`` span.

    A cut before a character goes before any tags that directly precede it, so a sentence
    that starts with ``<1>`` keeps its opening tag.
    """
    from l10n.documents.segment import PLACEHOLDER, tokenize

    plain: list[str] = []
    cut_at: list[int] = []  # plain offset → where to cut the tagged text
    depth_at: list[int] = []  # plain offset → nesting depth at that cut
    depth = position = 0
    run: tuple[int, int] | None = None  # (position, depth) where the current run of tags began
    for part in tokenize(text):
        if not isinstance(part, str):
            if run is None:
                run = (position, depth)
            depth += {"open": 1, "close": -1}.get(part.role, 0)
            found = PLACEHOLDER.match(text, position)
            assert found is not None  # tokenize() found a placeholder here
            position = found.end()
            if part.role == "atom":
                plain.append("X")
                cut_at.append(run[0])
                depth_at.append(run[1])
            continue
        for index, ch in enumerate(part):
            plain.append(ch)
            cut_at.append(run[0] if run and index == 0 else position)
            depth_at.append(run[1] if run and index == 0 else depth)
            position += 1
        run = None
    cuts = [0]
    for start in sentence_starts("".join(plain), language):
        if depth_at[start] == 0:
            cuts.append(cut_at[start])
    cuts.append(len(text))
    pieces = (text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False))
    return [p for p in pieces if p]
