"""Sentence boundaries, from pysbd (rule-based: "Mr.", "U.S.", "No. 5" do not end a sentence)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def _segmenter(language: str):
    import pysbd

    try:
        return pysbd.Segmenter(language=language, clean=False, char_span=True)
    except ValueError:  # pysbd knows ~20 languages; English rules are a fair default
        return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentence_starts(text: str, language: str = "en") -> list[int]:
    """Offsets in ``text`` where a sentence other than the first begins."""
    if len(text) < 2:
        return []
    starts = []
    for span in _segmenter(language).segment(text)[1:]:
        start = span.start
        while start < len(text) and text[start].isspace():
            start += 1
        if 0 < start < len(text):
            starts.append(start)
    return starts


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
