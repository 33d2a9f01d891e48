"""Apertium's unknown-word marks, read and removed.

Run without ``-u``, Apertium prefixes each word it could not handle with a mark: ``*word``
(unknown to the source analyser), ``@word`` (not in the bilingual dictionary), ``#word``
(no target form could be generated). A pivot route marks again at each stage, so a word
unknown from the start comes back as ``**word``: the mark next to the word is the first
stage's. The marks are a free signal of where a draft is weak; they never reach a draft.

A source that itself contains ``*``, ``#`` or ``@`` would make its output ambiguous (is
``#1`` a mark?): the engine translates such texts with ``-u`` and reports no words for them.
"""

from __future__ import annotations

import re

MARKS = "*#@"
MEANING = {
    "*": "unknown to the engine's analyser",
    "@": "not in the engine's bilingual dictionary",
    "#": "no target form in the engine's generator",
}
_RUN = re.compile(r"([*#@]+)(\w+(?:['’]\w+)*)?")


def ambiguous(source: str) -> bool:
    """Whether a source's own characters could be read as marks in its translation."""
    return any(mark in source for mark in MARKS)


def strip_marks(output: str) -> tuple[str, tuple[str, ...]]:
    """The output without its marks, and the marked words, each with the mark of the first
    stage that marked it (``"*counterparts"``), in order and without repeats. A mark before
    a placeholder (an opaque word) is removed and not reported."""
    words: dict[str, None] = {}
    for found in _RUN.finditer(output):
        word = found.group(2) or ""
        if len(word) > 1:
            words[found.group(1)[-1] + word] = None
    return _RUN.sub(lambda m: m.group(2) or "", output), tuple(words)
