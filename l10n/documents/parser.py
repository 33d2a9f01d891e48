"""The markdown-it parser articles are read with: CommonMark, GFM tables and strikethrough,
footnotes (``[^1]``), and two rules of l10n's own:

- a guard that stops descending into quotes and lists nested deeper than ``NESTING_LIMIT``
  (markdown-it would silently drop what lies beyond its own limit; Python's recursion
  limit is not far past it) and emits one ``l10n_too_deep`` token for what it did not
  read, so the extractor can report it;
- a note on each table row of the column where the row's text starts (after the ``>`` or
  list marker of its containers), so a row can be split into all of its cells.
"""

from __future__ import annotations

from functools import lru_cache

# Levels of nesting read: each quote counts one, each list two (list and item).
NESTING_LIMIT = 80
TOO_DEEP = "l10n_too_deep"


@lru_cache(maxsize=1)
def markdown_parser():
    """The parser that decides what an article's blocks and inline markup are."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    # Inline nesting (emphasis in links in …) keeps markdown-it's own guard, above ours.
    md = MarkdownIt("commonmark", {"maxNesting": NESTING_LIMIT + 20}).enable(["table", "strikethrough"])
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.block.ruler.before("table", TOO_DEEP, _too_deep)
    table = next(rule for rule in md.block.ruler.__rules__ if rule.name == "table")
    md.block.ruler.at("table", _noting_row_starts(table.fn), {"alt": list(table.alt)})
    return md


def _too_deep(state, start: int, end: int, silent: bool) -> bool:
    if state.level < NESTING_LIMIT or silent:
        return False
    line = last = start
    while line < end:  # the lines of this container, as markdown-it's own loop would take them
        if not state.isEmpty(line):
            if state.sCount[line] < state.blkIndent:
                break
            last = line + 1
        line += 1
    token = state.push(TOO_DEEP, "", 0)
    token.map = [start, last]
    token.meta = {"container": state.parentType}
    state.line = last
    return True


def _noting_row_starts(table_rule):
    def rule(state, start: int, end: int, silent: bool) -> bool:
        first = len(state.tokens)
        if not table_rule(state, start, end, silent):
            return False
        for token in state.tokens[first:]:
            if token.type == "tr_open" and token.map:
                line = token.map[0]
                position = state.bMarks[line] + state.tShift[line]
                token.meta["text_start"] = position - (state.src.rfind("\n", 0, position) + 1)
        return True

    return rule
