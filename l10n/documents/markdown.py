"""Markdown articles ⇄ segments, with markdown-it-py as the parser.

Extraction walks markdown-it's block tokens and keeps, for every leaf block that holds
reader-facing text (headings, paragraphs, list items, footnotes, table rows, front-matter
fields), its line range and its sentences. Building replaces exactly those line ranges with
the translated block and copies every other line (code, HTML, comments, blank lines) as it
was, with its own line ending; a byte order mark is kept.

Nothing is left in the source language unnoticed: code and HTML blocks are counted as kept on
purpose (``Document.kept``), and what could not be read (quotes and lists nested too deep) is
listed in ``Document.unextracted``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from l10n.documents.frontmatter import FrontMatter, inert_html, read_front_matter
from l10n.documents.inline import (
    Slot,
    escape_line_start,
    flatten,
    make_slot,
    render_segment,
    split_pieces,
)
from l10n.documents.parser import NESTING_LIMIT, TOO_DEEP, markdown_parser
from l10n.documents.segment import PlaceholderError, Segment

__all__ = ["Document", "Unextracted", "markdown_parser", "parse_markdown"]

# translate(segment) → translated msgstr, or None to keep the source text
Translate = Callable[[Segment], "str | None"]
# problem(segment, message) is told when a translation cannot be used
Problem = Callable[[Segment, str], None]

BOM = "\ufeff"
_KEPT = {"fence": "code block", "code_block": "code block", "html_block": "HTML block"}
_CONTAINERS = {"blockquote": "blockquote", "list": "list item", "footnote": "footnote"}

_QUOTES = re.compile(r"^(?:\s*>)*\s*")  # matches at least ""
_BLOCK_PREFIX = re.compile(r"^(?:\s*>)*\s*(?:[-+*]\s+|\d{1,9}[.)]\s+)?(?:#{1,6}\s+)?")


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
                text = render_segment(segment, translation, escape=escape)
            except PlaceholderError as exc:
                if self.problem:
                    self.problem(segment, str(exc))
            else:
                # Plain-text fields reach templates that may print them unescaped: what a
                # translator adds cannot become HTML there (the body escapes it as Markdown).
                return text if escape or translation == segment.text else inert_html(text)
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
    underline: str | None = None  # a setext heading's "---" or "===" line, kept as it was

    def render(self, renderer: _Renderer) -> list[str]:
        text = _join(self.slots, renderer.slot)
        atx, prefix = not self.line_start_sensitive, self.prefix
        if self.underline is not None and self.underline.strip().startswith("-") and _table_header(text):
            # "a \| b" over "---" would read as a table: the same level-2 heading, ATX style.
            atx, prefix = True, prefix + "## "
        if not atx:
            text = escape_line_start(text)
        elif text.endswith("#"):
            text = text[:-1] + "\\#"
        continuation = "".join(ch if ch == ">" else " " for ch in prefix)
        text = text.replace("\n", "\n" + continuation)
        lines = (prefix + text).split("\n")
        return lines if atx or self.underline is None else [*lines, self.underline]


@dataclass
class _TableRow:
    start: int
    end: int
    prefix: str  # container marks before the row's text
    cells: list[Slot | None]  # every cell of the source row, beyond the header's count too

    def render(self, renderer: _Renderer) -> list[str]:
        # A table cell drops one backslash before each pipe: escape every pipe, in code too.
        rendered = [(renderer.slot(cell) if cell else "").replace("|", "\\|") for cell in self.cells]
        return [self.prefix + "| " + " | ".join(rendered) + " |"]


@dataclass
class _FrontMatterBlock:
    front: FrontMatter

    @property
    def start(self) -> int:
        return self.front.start

    @property
    def end(self) -> int:
        return self.front.end

    def render(self, renderer: _Renderer) -> list[str]:
        return self.front.render(lambda slots: _join(slots, lambda s: renderer.slot(s, escape=False)))


Block = _Prose | _TableRow | _FrontMatterBlock


def _join(slots: list[Slot], render: Callable[[Slot], str]) -> str:
    """Sentences back into one line, spaced as they were in the source."""
    return "".join((" " if i and s.space_before else "") + render(s) for i, s in enumerate(slots))


@dataclass(frozen=True)
class Unextracted:
    """Source text that could not be offered for translation, so stays in the source language."""

    line: int  # 1-based, where it starts
    kind: str  # blockquote, list item, …
    reason: str
    text: str  # its first words, to find it


@dataclass
class Document:
    path: str  # as written in PO references
    lines: list[str]  # source lines without line ends
    blocks: list[Block]
    endings: list[str] = field(default_factory=list)  # each line's own end ("\n", "\r\n", "\r", "")
    bom: bool = False
    kept: Counter = field(default_factory=Counter)  # blocks kept as they are on purpose, by kind
    unextracted: list[Unextracted] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return [s.segment for s in self._slots() if s.segment is not None]

    def _slots(self) -> Iterator[Slot]:
        for block in self.blocks:
            if isinstance(block, _TableRow):
                yield from (c for c in block.cells if c is not None)
            elif isinstance(block, _FrontMatterBlock):
                for _, _, slots in block.front.fields:
                    yield from slots
            else:
                yield from block.slots

    @property
    def newline(self) -> str:
        """The article's usual line ending, for lines that a build adds."""
        counts = Counter(e for e in self.endings if e)
        return counts.most_common(1)[0][0] if counts else "\n"

    def render(self, translate: Translate, problem: Problem | None = None, mark_source: str = "") -> str:
        """The document with every segment passed through ``translate``."""
        renderer = _Renderer(translate, problem, mark_source)
        out: list[str] = [BOM] if self.bom else []
        position = 0
        for block in self.blocks:
            out += self._copy(position, block.start)
            rendered = block.render(renderer)
            inner = self.endings[block.start] or self.newline
            for number, line in enumerate(rendered, start=1):
                out += [line, self.endings[block.end - 1] if number == len(rendered) else inner]
            position = block.end
        out += self._copy(position, len(self.lines))
        return "".join(out)

    def _copy(self, start: int, end: int) -> list[str]:
        return [part for i in range(start, end) for part in (self.lines[i], self.endings[i])]


def parse_markdown(
    text: str, path: str = "<article>", fields: list[str] | None = None, language: str = "en"
) -> Document:
    """Parse an article. ``fields``: front-matter keys whose values are translated."""
    fields = ["title", "summary"] if fields is None else fields
    bom = text.startswith(BOM)
    lines, endings = _split_lines(text[1:] if bom else text)
    document = Document(path, lines, [], endings, bom)
    body_start = 0
    if lines and lines[0].rstrip() == "---":
        front, body_start = read_front_matter(lines, path, fields, language)
        if front is not None:
            document.blocks.append(_FrontMatterBlock(front))
    _read_body(document, body_start, language)
    return document


def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """Lines and their own endings, cut where markdown-it cuts them (\\r\\n, \\r, \\n)."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    lines, endings = parts[0::2], parts[1::2] + [""]
    if len(lines) > 1 and lines[-1] == "":  # the text ended with a line end
        lines.pop()
        endings.pop()
    return lines, endings


def _read_body(document: Document, offset: int, language: str) -> None:
    lines = document.lines
    env: dict = {}
    tokens = markdown_parser().parse("\n".join(lines[offset:]) + "\n", env)
    lists = footnotes = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "footnote_reference_open":
            footnotes += 1
        elif token.type == "footnote_reference_close":
            footnotes -= 1
        elif token.type in _KEPT:
            document.kept[_KEPT[token.type]] += 1
        elif token.type == TOO_DEEP:
            document.unextracted.append(_too_deep(token, lines, offset))
        elif token.type in ("paragraph_open", "heading_open") and token.map:
            inline = tokens[index + 1]
            start, end = token.map[0] + offset, token.map[1] + offset
            heading = token.type == "heading_open"
            setext = heading and token.markup in ("=", "-")
            kind = (
                "heading" if heading else "list item" if lists else "footnote" if footnotes else "paragraph"
            )
            first_line = inline.content.split("\n")[0].strip()
            document.blocks.append(
                _Prose(
                    start=start,
                    end=end,
                    prefix=_prefix(lines[start], first_line),
                    slots=_sentences(inline.children or [], start + 1, kind, language),
                    line_start_sensitive=not heading or setext,
                    underline=lines[end - 1] if setext else None,
                )
            )
        elif token.type == "tr_open" and token.map:
            row, index = _table_row(tokens, index, lines, offset, env)
            document.blocks.append(row)
            continue
        index += 1


def _table_header(line: str) -> bool:
    """Whether markdown-it would take ``line`` for a one-column table's header row."""
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block.table import escapedSplit

    line = mdTrim(line)
    columns = escapedSplit(line)
    return "|" in line and len([c for i, c in enumerate(columns) if c or 0 < i < len(columns) - 1]) == 1


def _too_deep(token, lines: list[str], offset: int) -> Unextracted:
    start, end = token.map[0] + offset, token.map[1] + offset
    first = next((line for line in lines[start:end] if line.strip()), "")
    words = re.sub(r"^(?:\s*(?:>|[-+*](?=\s)|\d{1,9}[.)](?=\s)))*\s*", "", first)
    kind = _CONTAINERS.get(token.meta.get("container"), "block")
    reason = f"not extracted: nested more than {NESTING_LIMIT} levels deep"
    return Unextracted(start + 1, kind, reason, words[:60])


def _sentences(children, line: int, kind: str, language: str) -> list[Slot]:
    pieces = flatten(children)
    return [
        make_slot(sentence, line + breaks, kind, spaced)
        for breaks, spaced, sentence in split_pieces(pieces, language)
    ]


def _table_row(tokens, index: int, lines: list[str], offset: int, env: dict) -> tuple[_TableRow, int]:
    from markdown_it.common.utils import mdTrim
    from markdown_it.rules_block.table import escapedSplit

    row = tokens[index]
    start = row.map[0] + offset
    inlines = []
    index += 1
    while tokens[index].type != "tr_close":
        if tokens[index].type == "inline":
            inlines.append(tokens[index])
        index += 1
    line = lines[start]
    text_start = row.meta.get("text_start", len(_QUOTES.match(line).group(0)))  # type: ignore[union-attr]
    # The row's own cells, split as markdown-it splits them: it shows only as many as the
    # header has (padding shorter rows), but the others are the author's text all the same.
    columns = escapedSplit(mdTrim(line[text_start:]))
    if columns and columns[0] == "":
        columns.pop(0)
    if columns and columns[-1] == "":
        columns.pop()
    cells: list[Slot | None] = []
    for number, column in enumerate(columns):
        if number < len(inlines):
            children = inlines[number].children or []
        else:
            children = markdown_parser().parseInline(mdTrim(column), env)[0].children or []
        pieces = flatten(children)
        cells.append(make_slot(pieces, start + 1, "table cell") if pieces else None)
    return _TableRow(start, start + 1, line[:text_start], cells), index + 1


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
