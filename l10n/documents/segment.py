"""The segment: one translatable unit, with inline markup shown as numbered placeholders.

In a msgid, ``<1>…</1>`` stands for markup that wraps text (emphasis, a link, an image) and
``<2/>`` for something kept as it is (inline code, a URL, raw HTML, a line break). Numbers
count from 1 in each segment, so the same sentence gets the same msgid wherever it occurs;
what each number stands for is taken from the source at build time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PLACEHOLDER = re.compile(r"<(/?)(\d+)(/?)>")


class PlaceholderError(ValueError):
    """A translation's placeholders do not match its source."""


@dataclass(frozen=True)
class Markup:
    """What a placeholder stands for in Markdown."""

    kind: str  # strong, em, strike, link, image, code, autolink, html, break
    open: str  # the Markdown before the wrapped text, or the whole atom
    close: str = ""  # the Markdown after the wrapped text ("" for atoms)
    detail: str = ""  # shown to translators: a URL, the code text

    @property
    def paired(self) -> bool:
        return self.kind in PAIRED_KINDS

    def describe(self, number: int) -> str:
        tag = f"<{number}>…</{number}>" if self.paired else f"<{number}/>"
        return f"{tag} = {self.kind}" + (f": {self.detail}" if self.detail else "")


PAIRED_KINDS = frozenset({"strong", "em", "strike", "link", "image"})


@dataclass(frozen=True)
class Segment:
    text: str  # the msgid
    line: int  # 1-based line of the source file where the segment starts
    kind: str  # heading, paragraph, list item, table cell, image alt text, front matter: <key>
    markup: tuple[Markup, ...] = ()  # markup[i] is placeholder i + 1
    wrapper: tuple[Markup, ...] = field(default=(), compare=False)  # markup around the whole text

    def notes(self) -> list[str]:
        """Extracted comments for translators: where the text comes from, what tags mean."""
        lines = [self.kind]
        lines += [m.describe(i) for i, m in enumerate(self.markup, start=1)]
        return lines


@dataclass(frozen=True)
class Tag:
    number: int
    role: str  # "open", "close" or "atom"

    def __str__(self) -> str:
        return _show(self.number, self.role)


def tokenize(text: str) -> list[str | Tag]:
    """Split tagged text into plain strings and placeholder tags."""
    out: list[str | Tag] = []
    position = 0
    for found in PLACEHOLDER.finditer(text):
        closing, number, self_closing = found.groups()
        if closing and self_closing:
            continue  # "</3/>" is not a placeholder: leave it as text
        if found.start() > position:
            out.append(text[position : found.start()])
        role = "close" if closing else "atom" if self_closing else "open"
        out.append(Tag(int(number), role))
        position = found.end()
    if position < len(text):
        out.append(text[position:])
    return out


def placeholder_signature(text: str) -> list[tuple[int, str]]:
    """The placeholders of a text in order, for comparing a translation with its source."""
    return [(t.number, t.role) for t in tokenize(text) if isinstance(t, Tag)]


def validate_placeholders(source: str, translation: str) -> None:
    """Raise :class:`PlaceholderError` unless ``translation`` keeps every placeholder of
    ``source`` exactly once, properly nested (order may change: languages reorder)."""
    expected = sorted(placeholder_signature(source), key=_order)
    found = placeholder_signature(translation)
    if sorted(found, key=_order) != expected:
        missing = sorted(set(expected) - set(found), key=_order)
        extra = sorted(set(found) - set(expected), key=_order)
        problems = []
        if missing:
            problems.append("missing " + ", ".join(_show(n, r) for n, r in missing))
        if extra:
            problems.append("unexpected " + ", ".join(_show(n, r) for n, r in extra))
        if not problems:
            problems.append("a placeholder is repeated")
        raise PlaceholderError("; ".join(problems))
    stack: list[int] = []
    for number, role in found:
        if role == "open":
            stack.append(number)
        elif role == "close":
            if not stack or stack[-1] != number:
                raise PlaceholderError(f"</{number}> closes out of order")
            stack.pop()


def _order(tag: tuple[int, str]) -> tuple[int, int]:
    return tag[0], ("open", "close", "atom").index(tag[1])


def _show(number: int, role: str) -> str:
    return {"open": f"<{number}>", "close": f"</{number}>", "atom": f"<{number}/>"}[role]


def join_parts(parts: list[str | Tag]) -> str:
    """The inverse of :func:`tokenize`."""
    return "".join(str(part) for part in parts)


def strip_placeholders(text: str) -> str:
    """The text a reader would see, without tags (atoms vanish)."""
    return "".join(t for t in tokenize(text) if isinstance(t, str))
