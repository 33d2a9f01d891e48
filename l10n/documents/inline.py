"""Inline Markdown (markdown-it's inline tokens) ⇄ sentences with numbered placeholders."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from l10n.documents.segment import (
    PLACEHOLDER,
    Markup,
    PlaceholderError,
    Segment,
    Tag,
    tokenize,
    validate_placeholders,
)
from l10n.documents.sentences import sentence_starts


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Open:
    key: int
    markup: Markup


@dataclass(frozen=True)
class Close:
    key: int


@dataclass(frozen=True)
class Atom:
    markup: Markup


Piece = Text | Open | Close | Atom

_PAIRED_TOKENS = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}
_CLOSING_TOKENS = {"strong_close", "em_close", "s_close", "link_close"}


def flatten(tokens: list) -> list[Piece]:
    """markdown-it inline children → a flat list of pieces with matched open/close keys, and
    source text that looks like a placeholder turned into a placeholder of its own."""
    return literal_pieces(_flatten(tokens, itertools.count()))


def literal_pieces(pieces: list[Piece]) -> list[Piece]:
    """Text such as ``<1>``, ``</2>`` or ``<3/>`` would be read back as a placeholder: it becomes
    an atom that stands for itself (``<1/> = literal text: <1>`` in the translators' notes),
    so the msgid is unambiguous and the text comes back exactly as written."""
    merged: list[Piece] = []
    for piece in pieces:  # join neighbouring texts: "<1" and ">" may come from two tokens
        if isinstance(piece, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + piece.text)
        else:
            merged.append(piece)
    out: list[Piece] = []
    for piece in merged:
        if not isinstance(piece, Text):
            out.append(piece)
            continue
        position = 0
        for found in PLACEHOLDER.finditer(piece.text):
            if found.group(1) and found.group(3):
                continue  # "</3/>" is not a placeholder either (see segment.tokenize)
            if found.start() > position:
                out.append(Text(piece.text[position : found.start()]))
            out.append(Atom(Markup("literal text", escape_text(found.group(0)), detail=found.group(0))))
            position = found.end()
        if position < len(piece.text):
            out.append(Text(piece.text[position:]))
    return out


def _flatten(tokens: list, counter: itertools.count) -> list[Piece]:
    pieces: list[Piece] = []
    open_keys: list[int] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind in ("text", "text_special"):
            pieces.append(Text(token.content))
        elif kind == "softbreak":
            pieces.append(Text("\n"))
        elif kind == "hardbreak":
            pieces.append(Atom(Markup("break", "\\\n")))
        elif kind in _PAIRED_TOKENS:
            key = next(counter)
            open_keys.append(key)
            markup = Markup(_PAIRED_TOKENS[kind], token.markup, token.markup)
            pieces.append(Open(key, markup))
        elif kind in _CLOSING_TOKENS:
            pieces.append(Close(open_keys.pop()))
        elif kind == "link_open" and token.markup == "autolink":
            end = index + 1
            while tokens[end].type != "link_close":
                end += 1
            shown = "".join(t.content for t in tokens[index + 1 : end])
            href = token.attrs.get("href", shown)
            pieces.append(Atom(Markup("autolink", f"<{shown}>", detail=str(href))))
            index = end + 1
            continue
        elif kind == "link_open":
            key = next(counter)
            open_keys.append(key)
            href = str(token.attrs.get("href", ""))
            title = token.attrs.get("title")
            close = f"]({_destination(href)}{_title(title)})"
            pieces.append(Open(key, Markup("link", "[", close, detail=href + _shown_title(title))))
        elif kind == "image":
            key = next(counter)
            src = str(token.attrs.get("src", ""))
            title = token.attrs.get("title")
            close = f"]({_destination(src)}{_title(title)})"
            pieces.append(Open(key, Markup("image", "![", close, detail=src + _shown_title(title))))
            pieces.extend(_flatten(token.children or [], counter))
            pieces.append(Close(key))
        elif kind == "code_inline":
            pieces.append(Atom(Markup("code", _code_span(token.content), detail=token.content)))
        elif kind == "html_inline":
            pieces.append(Atom(Markup("html", token.content, detail=token.content.strip())))
        elif kind == "footnote_ref":
            label = str(token.meta.get("label", ""))
            pieces.append(Atom(Markup("footnote", f"[^{label}]", detail=label)))
        else:
            pieces.append(Text(token.content))
        index += 1
    return pieces


def _destination(url: str) -> str:
    if not url or re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _title(title) -> str:
    if not title:
        return ""
    return ' "' + str(title).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shown_title(title) -> str:
    """A link's or image's title, for translators (it is not extracted: it stays as written)."""
    return f' (title "{" ".join(str(title).split())}")' if title else ""


def _code_span(content: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = content.startswith("`") or content.endswith("`")
    pad = pad or (content.startswith(" ") and content.endswith(" ") and content.strip() != "")
    space = " " if pad else ""
    return f"{fence}{space}{content}{space}{fence}"


# -- sentences --------------------------------------------------------------------------------


def _plain(piece: Piece) -> str:
    if isinstance(piece, Text):
        return piece.text.replace("\n", " ")
    if isinstance(piece, Atom):
        return "X" if piece.markup.kind in ("code", "autolink", "literal text", "footnote") else " "
    return ""


def split_pieces(pieces: list[Piece], language: str = "en") -> list[tuple[int, bool, list[Piece]]]:
    """Cut pieces into sentences; never inside a span of markup (a sentence that starts
    inside ``**…**`` stays joined to the one before). Each sentence comes with the number of
    line breaks before its first character (for its source line) and whether whitespace
    separated it from the sentence before."""
    plain = [_plain(p) for p in pieces]
    starts = [0]
    for text in plain:
        starts.append(starts[-1] + len(text))
    cuts: list[tuple[int, int]] = []  # (piece index, offset inside that piece)
    for boundary in sentence_starts("".join(plain), language):
        cut = _locate(pieces, plain, starts, boundary)
        if cut is not None and _depth(pieces[: cut[0]]) == 0:
            cuts.append(cut)
    sentences: list[list[Piece]] = []
    current: list[Piece] = []
    cut_iter = iter(cuts)
    next_cut = next(cut_iter, None)
    for index, piece in enumerate(pieces):
        consumed = 0  # characters of this piece already given to earlier sentences
        while next_cut is not None and next_cut[0] == index:
            offset = next_cut[1] - consumed
            if offset and isinstance(piece, Text):
                current.append(Text(piece.text[:offset]))
                piece = Text(piece.text[offset:])
                consumed = next_cut[1]
            sentences.append(current)
            current = []
            next_cut = next(cut_iter, None)
        current.append(piece)
    sentences.append(current)
    out: list[tuple[int, bool, list[Piece]]] = []
    breaks, previous = 0, ""
    for sentence in sentences:
        trimmed = _trim(sentence)
        # Only real whitespace separates sentences (an atom reads as a space to the splitter).
        said = "".join(
            p.text if isinstance(p, Text) else "" if isinstance(p, Open | Close) else "x" for p in sentence
        )
        if trimmed:
            spaced = previous[-1:].isspace() or said[:1].isspace()
            out.append((breaks + _leading_breaks(sentence), spaced, trimmed))
            previous = said
        else:
            previous += said
        breaks += sum(p.text.count("\n") for p in sentence if isinstance(p, Text))
    return out


def _leading_breaks(pieces: list[Piece]) -> int:
    count = 0
    for piece in pieces:
        if not isinstance(piece, Text):
            return count
        stripped = piece.text.lstrip()
        count += piece.text[: len(piece.text) - len(stripped)].count("\n")
        if stripped:
            return count
    return count


def _locate(pieces, plain, starts, boundary) -> tuple[int, int] | None:
    for index, piece in enumerate(pieces):
        if starts[index] == boundary:
            return index, 0
        if starts[index] < boundary < starts[index] + len(plain[index]):
            return (index, boundary - starts[index]) if isinstance(piece, Text) else None
    return None


def _depth(pieces: list[Piece]) -> int:
    return sum(1 if isinstance(p, Open) else -1 if isinstance(p, Close) else 0 for p in pieces)


def _trim(pieces: list[Piece]) -> list[Piece]:
    pieces = list(pieces)
    while pieces and isinstance(pieces[0], Text) and not pieces[0].text.strip():
        pieces.pop(0)
    while pieces and isinstance(pieces[-1], Text) and not pieces[-1].text.strip():
        pieces.pop()
    if pieces and isinstance(pieces[0], Text):
        pieces[0] = Text(pieces[0].text.lstrip())
    if pieces and isinstance(pieces[-1], Text):
        pieces[-1] = Text(pieces[-1].text.rstrip())
    return pieces


# -- segments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One sentence of a block: a segment to translate, or fixed Markdown kept as it is."""

    segment: Segment | None
    fixed: str = ""  # Markdown of a sentence with nothing to translate
    space_before: bool = True  # whitespace separated it from the previous sentence
    fixed_plain: str = ""  # the same sentence as plain text (for front matter)


def make_slot(pieces: list[Piece], line: int, kind: str, space_before: bool = True) -> Slot:
    pieces, wrapper = _unwrap(pieces)
    if not any(isinstance(p, Text) and _has_letter(p.text) for p in pieces):
        fixed = _render_wrapped(wrapper, render_pieces(pieces))
        plain = "".join(_plain_text(p) for p in pieces)
        return Slot(None, fixed=fixed, space_before=space_before, fixed_plain=plain)
    numbers: dict[int, int] = {}
    markup: list[Markup] = []
    text: list[str] = []
    for piece in pieces:
        if isinstance(piece, Text):
            text.append(piece.text)
        elif isinstance(piece, Open):
            markup.append(piece.markup)
            numbers[piece.key] = len(markup)
            text.append(f"<{len(markup)}>")
        elif isinstance(piece, Close):
            text.append(f"</{numbers[piece.key]}>")
        else:
            markup.append(piece.markup)
            text.append(f"<{len(markup)}/>")
    if wrapper and wrapper[-1].kind == "image":
        kind = "image alt text"
    msgid = re.sub(r"\s+", " ", "".join(text)).strip()
    return Slot(Segment(msgid, line, kind, tuple(markup), tuple(wrapper)), space_before=space_before)


def _plain_text(piece: Piece) -> str:
    if isinstance(piece, Text):
        return piece.text
    if isinstance(piece, Atom) and piece.markup.kind == "literal text":
        return piece.markup.detail
    return ""


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _unwrap(pieces: list[Piece]) -> tuple[list[Piece], list[Markup]]:
    """Strip markup that wraps the whole sentence (``**Note:**``, a lone image): translators
    see the text alone, and the wrapper is put back on build."""
    wrapper: list[Markup] = []
    while len(pieces) >= 2 and isinstance(pieces[0], Open) and isinstance(pieces[-1], Close):
        if pieces[-1].key != pieces[0].key or _closes_early(pieces):
            break
        wrapper.append(pieces[0].markup)
        pieces = _trim(pieces[1:-1])
    return pieces, wrapper


def _closes_early(pieces: list[Piece]) -> bool:
    depth = 0
    for piece in pieces[:-1]:
        depth += 1 if isinstance(piece, Open) else -1 if isinstance(piece, Close) else 0
        if depth == 0:
            return True
    return False


def _render_wrapped(wrapper, body: str) -> str:
    return "".join(m.open for m in wrapper) + body + "".join(m.close for m in reversed(wrapper))


def render_pieces(pieces: list[Piece]) -> str:
    """Markdown for pieces taken from the source (text that is not translated)."""
    opened = {p.key: p.markup for p in pieces if isinstance(p, Open)}
    out = []
    for piece in pieces:
        if isinstance(piece, Text):
            out.append(escape_text(piece.text.replace("\n", " ")))
        elif isinstance(piece, Close):
            out.append(opened[piece.key].close)
        else:
            out.append(piece.markup.open)
    return "".join(out)


def render_segment(segment: Segment, translation: str, escape: bool = True) -> str:
    """Markdown for ``translation`` with the segment's placeholders turned back into markup
    (``escape=False`` for plain-text fields such as front matter).

    Raises :class:`PlaceholderError` when the translation lost or invented a placeholder.
    """
    validate_placeholders(segment.text, translation)
    out = []
    line_start = False  # just after a hard line break: a "#" or "- " here would start a block
    for part in tokenize(translation):
        if isinstance(part, Tag):
            if not 0 < part.number <= len(segment.markup):
                raise PlaceholderError(f"unexpected {part}")
            markup = segment.markup[part.number - 1]
            if not escape and markup.kind == "literal text":
                out.append(markup.detail)
                continue
            shown = markup.close if part.role == "close" else markup.open
            out.append(shown)
            line_start = shown.endswith("\n") or (line_start and not shown)
        elif escape:
            # A line break typed in a translation would end the block or start another.
            text = escape_text(re.sub(r"[\r\n]+", " ", part))
            out.append(escape_line_start(text) if line_start else text)
            line_start = line_start and not text.strip()
        else:
            out.append(part)
    return _render_wrapped(segment.wrapper, "".join(out))


_SPECIAL = re.compile(r"([\\`*_\[\]<>~|])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_text(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so text stays text."""
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


_BLOCK_START = re.compile(r"^(?:#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|[-*_](?=(?:\s*[-*_]){2,}\s*$)|=+\s*$)")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_line_start(text: str) -> str:
    """Escape a leading character that would start a heading, list, quote or rule."""
    text = text.lstrip()
    ordered = _ORDERED_START.match(text)
    if ordered:
        return ordered.group(1) + "\\" + text[len(ordered.group(1)) :]
    if _BLOCK_START.match(text):
        return "\\" + text
    return text
