"""Local typography for machine output: engines keep English number formats, straight
quotes and French punctuation spacing wrong. These are rules, not judgement, so they are
applied to every machine draft (never to a person's text), from the language's table in
``l10n.languages``: the typography check reads the same table and the same rules."""

from __future__ import annotations

from l10n.languages import rules, table_for


def localise(text: str, language: str) -> str:
    """``text`` (with placeholders) with the language's quotes, number format and spacing;
    placeholders and URLs are left exactly as they are."""
    table = table_for(language)
    if not table.known:
        return text
    pieces = rules.plain_pieces(text)
    quoted = rules.fix_straight_quotes([piece for _, piece in pieces], table)
    out, position = [], 0
    for (start, piece), fixed in zip(pieces, quoted, strict=True):
        out += [text[position:start], rules.fix(fixed, table)]
        position = start + len(piece)
    return "".join(out) + text[position:]
