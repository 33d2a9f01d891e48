"""The typography rules of a language table, each written twice side by side: ``fix_*``
rewrites machine output, ``find_*`` reports what a text gets wrong. A fix only ever
writes what the matching find accepts (a property test holds them to it).

All rules work on plain text: placeholders and URLs are cut out by the callers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.documents.segment import PLACEHOLDER
from l10n.languages import numbers
from l10n.languages.table import LanguageTable

SPACES = numbers.SPACES
# A URL ends at a space or a quotation mark: raw quotes are never part of one (they are
# percent-encoded), and a language that closes « » without a space glues one to it.
URL = re.compile(r"(?:\w+://|www\.)[^\s\"«»“”„‹›]+")
# ":" followed by a digit or "//" is not punctuation: "10:30", "3:1", "http://".
_NOT_PUNCTUATION = re.compile(r"\d|//")


@dataclass(frozen=True)
class Issue:
    start: int
    end: int
    message: str


def plain_pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of the text a reader sees: placeholders and URLs are cut out."""
    pieces, position = [], 0
    for cut in sorted([*PLACEHOLDER.finditer(text), *URL.finditer(text)], key=lambda m: m.start()):
        if cut.start() < position:
            continue  # a placeholder inside a URL
        pieces.append((position, text[position : cut.start()]))
        position = cut.end()
    pieces.append((position, text[position:]))
    return [(start, piece) for start, piece in pieces if piece]


def fix(text: str, table: LanguageTable) -> str:
    if not table.known:
        return text
    text = fix_numbers(text, table)
    text = fix_percent(text, table)
    text = fix_punctuation_space(text, table)
    return fix_quote_space(text, table)


def find(text: str, table: LanguageTable) -> list[Issue]:
    if not table.known:
        return []
    issues = find_numbers(text, table) + find_percent(text, table)
    issues += find_punctuation_space(text, table) + find_quote_space(text, table)
    return sorted(issues, key=lambda i: i.start)


# -- numbers: "12,345.5" → "12 345,5" ---------------------------------------------------------


def fix_numbers(text: str, table: LanguageTable) -> str:
    pieces, position = [], 0
    for token in numbers.tokens(text):
        pieces += [text[position : token.start], numbers.localise(token.text, table)]
        position = token.end
    return "".join(pieces) + text[position:]


def find_numbers(text: str, table: LanguageTable) -> list[Issue]:
    issues = []
    for token in numbers.tokens(text):
        problem = numbers.problem(token.text, table)
        if problem:
            issues.append(Issue(token.start, token.end, problem))
    return issues


# -- percent: "15 %" where CLDR's pattern has a space -------------------------------------------


def fix_percent(text: str, table: LanguageTable) -> str:
    if not table.percent_space:
        return text
    return re.sub(rf"(\d)[{SPACES}]?%", rf"\g<1>{table.percent_space}%", text)


def find_percent(text: str, table: LanguageTable) -> list[Issue]:
    if not table.percent_space:
        return []
    return [Issue(m.start(), m.end(), "a no-break space before '%'") for m in re.finditer(r"\d%", text)]


# -- spaces before punctuation (French: "Pourquoi ?", "trois points :") --------------------------


def _needs_space(text: str, index: int, table: LanguageTable, before: str) -> bool:
    """Whether the mark at ``index``, after the character ``before``, must follow a space
    (marks in a row share one)."""
    if text[index] == ":" and _NOT_PUNCTUATION.match(text, index + 1):
        return False
    return before not in table.space_before


def fix_punctuation_space(text: str, table: LanguageTable) -> str:
    if not table.space_before:
        return text
    marks = re.escape("".join(table.space_before))

    def space(found: re.Match) -> str:
        mark_at = found.end() - 1
        before = text[found.start() - 1] if found.start() else ""
        if before in table.space_before or not _needs_space(text, mark_at, table, before):
            return found.group(0)  # "! ?", "?!", "10:30": nothing to add
        return table.space_before[text[mark_at]] + text[mark_at]

    return re.sub(rf"[{SPACES}]*[{marks}]", space, text)


def find_punctuation_space(text: str, table: LanguageTable) -> list[Issue]:
    issues = []
    for mark, space in table.space_before.items():
        name = "narrow no-break space" if space == "\u202f" else "no-break space"
        for found in re.finditer(re.escape(mark), text):
            index = found.start()
            before = text[index - 1] if index else ""
            if (not before or before not in SPACES) and _needs_space(text, index, table, before):
                issues.append(Issue(index, index + 1, f"a {name} before '{mark}'"))
    return issues


# -- spaces inside quotation marks (French: « texte ») -------------------------------------------


def fix_quote_space(text: str, table: LanguageTable) -> str:
    space = table.space_inside_quotes
    if not space:
        return text
    opening, closing = (re.escape(q) for q in table.quotes)
    text = re.sub(rf"{opening}[{SPACES}]*", lambda m: m.group(0)[0] + space, text)
    return re.sub(rf"[{SPACES}]*{closing}", lambda m: space + m.group(0)[-1], text)


def find_quote_space(text: str, table: LanguageTable) -> list[Issue]:
    if not table.space_inside_quotes:
        return []
    opening, closing = (re.escape(q) for q in table.quotes)
    found = re.finditer(rf"{opening}(?![{SPACES}])|(?<![{SPACES}]){closing}", text)
    return [Issue(m.start(), m.end(), f"a no-break space inside {''.join(table.quotes)}") for m in found]


# -- straight quotes: "texte" → «texte» (paired over the whole entry) ------------------------------


def straight_quote_positions(pieces: list[str]) -> list[tuple[int, int]]:
    """(piece, index) of every straight double quote, in order."""
    return [(p, i) for p, piece in enumerate(pieces) for i, c in enumerate(piece) if c == '"']


def fix_straight_quotes(pieces: list[str], table: LanguageTable) -> list[str]:
    """Pieces with straight quotes replaced by the language's, opening and closing in turn;
    unchanged when they do not pair up (an odd count), so nothing is half-rewritten."""
    positions = straight_quote_positions(pieces)
    if not table.known or table.quotes[0] == '"' or not positions or len(positions) % 2:
        return pieces
    out = [list(piece) for piece in pieces]
    for number, (p, i) in enumerate(positions):
        out[p][i] = table.quotes[number % 2]
    texts = ["".join(chars) for chars in out]
    opening, closing = (re.escape(q) for q in table.quotes)
    texts = [re.sub(rf"({opening})[{SPACES}]+", r"\1", t) for t in texts]
    return [re.sub(rf"[{SPACES}]+({closing})", r"\1", t) for t in texts]
