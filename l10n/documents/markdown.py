"""Markdown articles ⇄ segments, with markdown-it-py as the parser.

Extraction walks markdown-it's block tokens and keeps, for every leaf block that holds
reader-facing text (headings, paragraphs, list items, table rows, front-matter fields), its
line range and its sentences. Building replaces exactly those line ranges with the
translated block and copies every other line (code, HTML, comments, blank lines) as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from l10n.documents.inline import (
    Slot,
    Text,
    escape_line_start,
    flatten,
    make_slot,
    render_segment,
    split_pieces,
)
from l10n.documents.segment import PlaceholderError, Segment
from l10n.errors import L10nError

# translate(segment) → translated msgstr, or None to keep the source text
Translate = Callable[[Segment], "str | None"]
# problem(segment, message) is told when a translation cannot be used
Problem = Callable[[Segment, str], None]


_QUOTE_PREFIX = re.compile(r"^(?:\s*>)*\s*")
_BLOCK_PREFIX = re.compile(r"^(?:\s*>)*\s*(?:[-+*]\s+|\d{1,9}[.)]\s+)?(?:#{1,6}\s+)?")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass
class _Renderer:
    translate: Translate
    problem: Problem | None
    mark_source: str = ""  # put before text kept in the source language ("" = no mark)

    def slot(self, slot: Slot, escape: bool = True) -> str:
        if slot.segment is None:
            return slot.fixed if escape else slot.fixed_plain
        segment = slot.segment
        translation = self.translate(segment)
        if translation is not None:
            try:
                return render_segment(segment, translation, escape=escape)
            except PlaceholderError as exc:
                if self.problem:
                    self.problem(segment, str(exc))
        text = render_segment(segment, segment.text, escape=escape)
        return self.mark_source + text if (self.mark_source and escape) else text


@dataclass
class _Prose:
    """A paragraph or heading: its lines are replaced by one line of translated sentences."""

    start: int
    end: int
    prefix: str
    slots: list[Slot]
    line_start_sensitive: bool = True  # False for ATX headings, whose content follows "## "

    def render(self, renderer: _Renderer) -> list[str]:
        text = _join(self.slots, renderer.slot)
        if self.line_start_sensitive:
            text = escape_line_start(text)
        elif text.endswith("#"):
            text = text[:-1] + "\\#"
        continuation = "".join(ch if ch == ">" else " " for ch in self.prefix)
        text = text.replace("\n", "\n" + continuation)
        return (self.prefix + text).split("\n")


@dataclass
class _TableRow:
    start: int
    end: int
    prefix: str
    cells: list[Slot | None]

    def render(self, renderer: _Renderer) -> list[str]:
        rendered = []
        for cell in self.cells:
            text = renderer.slot(cell) if cell else ""
            rendered.append(re.sub(r"(?<!\\)\|", r"\\|", text))
        return [self.prefix + "| " + " | ".join(rendered) + " |"]


@dataclass
class _FrontMatter:
    start: int  # first line after the opening ---
    end: int  # the closing --- line (not replaced)
    text: str
    fields: list[tuple[int, int, list[Slot]]]  # value span in text, sentences

    def render(self, renderer: _Renderer) -> list[str]:
        out, position = [], 0
        for begin, finish, slots in self.fields:
            original = self.text[begin:finish]
            trailing = original[len(original.rstrip()) :]
            value = _join(slots, lambda slot: renderer.slot(slot, escape=False))
            out += [self.text[position:begin], json.dumps(value, ensure_ascii=False), trailing]
            position = finish
        out.append(self.text[position:])
        return "".join(out)[:-1].split("\n")  # the text ends with the newline we added


Block = _Prose | _TableRow | _FrontMatter


def _join(slots: list[Slot], render: Callable[[Slot], str]) -> str:
    """Sentences back into one line, spaced as they were in the source."""
    return "".join((" " if i and s.space_before else "") + render(s) for i, s in enumerate(slots))


@dataclass
class Document:
    path: str  # as written in PO references
    lines: list[str]  # source lines without line ends
    blocks: list[Block]
    final_newline: bool = True

    @property
    def segments(self) -> list[Segment]:
        return [s.segment for s in self._slots() if s.segment is not None]

    def _slots(self) -> Iterator[Slot]:
        for block in self.blocks:
            if isinstance(block, _TableRow):
                yield from (c for c in block.cells if c is not None)
            elif isinstance(block, _FrontMatter):
                for _, _, slots in block.fields:
                    yield from slots
            else:
                yield from block.slots

    def render(self, translate: Translate, problem: Problem | None = None, mark_source: str = "") -> str:
        """The document with every segment passed through ``translate``."""
        renderer = _Renderer(translate, problem, mark_source)
        out: list[str] = []
        position = 0
        for block in self.blocks:
            out += self.lines[position : block.start]
            out += block.render(renderer)
            position = block.end
        out += self.lines[position:]
        return "\n".join(out) + ("\n" if self.final_newline else "")


def parse_markdown(
    text: str, path: str = "<article>", fields: list[str] | None = None, language: str = "en"
) -> Document:
    """Parse an article. ``fields``: front-matter keys whose values are translated."""
    fields = ["title", "summary"] if fields is None else fields
    final_newline = text.endswith("\n")
    lines = text.split("\n")
    if final_newline:
        lines.pop()
    blocks: list[Block] = []
    body_start = 0
    if lines and lines[0].rstrip() == "---":
        front, body_start = _front_matter(lines, path, fields, language)
        if front is not None:
            blocks.append(front)
    body = "\n".join(lines[body_start:]) + "\n"
    blocks += _body_blocks(body, lines, body_start, language)
    return Document(path, lines, blocks, final_newline)


def _front_matter(lines, path, fields, language) -> tuple[_FrontMatter | None, int]:
    import yaml

    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        raise L10nError("front matter opened here is never closed by a '---' line", path, 1)
    text = "\n".join(lines[1:closing]) + "\n"
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark else 1
        raise L10nError(f"malformed front matter: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise L10nError(f"malformed front matter: {exc}", path, 1) from None
    if node is None:
        return None, closing + 1
    if not isinstance(node, yaml.MappingNode):
        raise L10nError("front matter must be a mapping of keys to values", path, 2)
    found = []
    for key, value in node.value:
        if key.value not in fields or not isinstance(value, yaml.ScalarNode):
            continue
        if value.tag != "tag:yaml.org,2002:str" or not value.value.strip():
            continue
        line = value.start_mark.line + 2
        kind = f"front matter: {key.value}"
        slots = [
            make_slot(pieces, line, kind, spaced)
            for _, spaced, pieces in split_pieces([Text(value.value)], language)
        ]
        found.append((value.start_mark.index, value.end_mark.index, slots))
    if not found:
        return None, closing + 1
    return _FrontMatter(1, closing, text, found), closing + 1


def _body_blocks(body: str, lines: list[str], offset: int, language: str) -> list[Block]:
    tokens = _parser().parse(body)
    blocks: list[Block] = []
    lists = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            inline = tokens[index + 1]
            start, end = token.map[0] + offset, token.map[1] + offset
            heading = token.type == "heading_open"
            setext = heading and token.markup in ("=", "-")
            kind = "heading" if heading else "list item" if lists else "paragraph"
            first_line = inline.content.split("\n")[0].strip()
            blocks.append(
                _Prose(
                    start=start,
                    end=end - 1 if setext else end,
                    prefix=_prefix(lines[start], first_line),
                    slots=_sentences(inline.children or [], start + 1, kind, language),
                    line_start_sensitive=not heading or setext,
                )
            )
        elif token.type == "tr_open" and token.map:
            row, index = _table_row(tokens, index, lines, offset)
            blocks.append(row)
            continue
        index += 1
    return blocks


def _sentences(children, line: int, kind: str, language: str) -> list[Slot]:
    pieces = flatten(children)
    return [
        make_slot(sentence, line + breaks, kind, spaced)
        for breaks, spaced, sentence in split_pieces(pieces, language)
    ]


def _table_row(tokens, index: int, lines: list[str], offset: int) -> tuple[_TableRow, int]:
    start = tokens[index].map[0] + offset
    cells: list[Slot | None] = []
    index += 1
    while tokens[index].type != "tr_close":
        if tokens[index].type == "inline":
            pieces = flatten(tokens[index].children or [])
            cells.append(make_slot(pieces, start + 1, "table cell") if pieces else None)
        index += 1
    prefix = _QUOTE_PREFIX.match(lines[start]).group(0)  # type: ignore[union-attr]  # matches ""
    return _TableRow(start, start + 1, prefix, cells), index + 1


def _prefix(line: str, first_content: str) -> str:
    """What precedes the block's text on its first line: container marks, "## ", indentation."""
    if first_content:
        stripped = line.rstrip()
        if stripped.endswith(first_content):
            return stripped[: len(stripped) - len(first_content)]
        position = line.find(first_content)  # an ATX heading with closing hashes
        if position >= 0:
            return line[:position]
    return _BLOCK_PREFIX.match(line).group(0)  # type: ignore[union-attr]  # matches ""
