"""Unusual Markdown that once lost, changed or left text untranslated (issue 12), through the
real parser and renderer: every case is an article extracted and rendered back."""

from __future__ import annotations

import re

import pytest
import yaml

from l10n.documents import parse_markdown
from l10n.documents.markdown import markdown_parser
from l10n.documents.segment import tokenize


def segments(text: str) -> list[str]:
    return [s.text for s in parse_markdown(text, "a.md").segments]


def identity(text: str) -> str:
    return parse_markdown(text, "a.md").render(lambda segment: segment.text)


def shouted(text: str, problems: list | None = None) -> str:
    """Every segment "translated" into upper case: lower-case letters left in the output
    are text that was never offered for translation."""
    document = parse_markdown(text, "a.md")
    report = (lambda segment, message: problems.append(message)) if problems is not None else None
    return document.render(lambda segment: _upper(segment.text), report)


def _upper(msgid: str) -> str:
    return "".join(part.upper() if isinstance(part, str) else str(part) for part in tokenize(msgid))


def tokens(text: str) -> list[tuple]:
    out = []
    for token in markdown_parser().parse(text):
        children = tuple((c.type, c.content if c.type != "image" else _alt(c)) for c in token.children or [])
        out.append((token.type, token.tag, token.markup, token.content if not children else "", children))
    return out


def _alt(image) -> str:
    return "".join(child.content for child in image.children or [])


def visible_text(text: str) -> str:
    """The text a reader sees (code and raw HTML aside)."""
    parts = []
    for token in markdown_parser().parse(text):
        for child in token.children or []:
            if child.type == "text":
                parts.append(child.content)
            for grandchild in child.children or []:
                if grandchild.type == "text":
                    parts.append(grandchild.content)
    return "".join(parts)


# -- 1. tables keep every cell ------------------------------------------------------------------


def test_a_row_with_more_cells_than_the_header_keeps_them():
    source = "| Country | Amount |\n|---|---|\n| Kazakhstan | one | extra cell |\n"
    assert segments(source) == ["Country", "Amount", "Kazakhstan", "one", "extra cell"]
    assert "| Kazakhstan | one | extra cell |" in identity(source)
    assert "| KAZAKHSTAN | ONE | EXTRA CELL |" in shouted(source)


def test_a_pipe_inside_inline_code_does_not_lose_the_next_cell():
    # GFM splits `a|b` at the pipe (only \| is kept in a cell); the cell after it must survive.
    source = "| Name | Value |\n|---|---|\n| `a|b` | kept here |\n"
    rebuilt = identity(source)
    assert "kept here" in rebuilt
    assert tokens(rebuilt) == tokens(source)
    assert "KEPT HERE" in shouted(source)


def test_an_escaped_pipe_in_code_stays_in_its_cell():
    source = "| Name | Value |\n|---|---|\n| `a\\|b` | kept |\n"
    assert identity(source) == source
    assert tokens(identity(source)) == tokens(source)


def test_a_table_in_a_list_item_keeps_its_list_marker():
    source = "- | Head | Other |\n  |---|---|\n  | cell | more |\n"
    rebuilt = identity(source)
    assert tokens(rebuilt) == tokens(source)


# -- 2. literal text that looks like a placeholder ----------------------------------------------


def test_placeholder_like_text_becomes_a_documented_placeholder():
    source = "Type x <1> y, then </2> and <3/> here.\n"
    document = parse_markdown(source, "a.md")
    [segment] = document.segments
    assert segment.text == "Type x <1/> y, then <2/> and <3/> here."
    assert segment.notes() == [
        "paragraph",
        "<1/> = literal text: <1>",
        "<2/> = literal text: </2>",
        "<3/> = literal text: <3/>",
    ]
    rebuilt = identity(source)
    assert tokens(rebuilt) == tokens(source)
    assert "<1> y, then </2> and <3/>" in visible_text(rebuilt)


def test_fake_tags_are_not_published_as_markup():
    source = "Real **bold** and <1>fake</1>\n"
    [segment] = parse_markdown(source, "a.md").segments
    assert segment.text == "Real <1>bold</1> and <2/>fake<3/>"
    rendered = parse_markdown(source, "a.md").render(lambda s: "Vrai <1>gras</1> et <2/>faux<3/>")
    assert visible_text(rendered) == "Vrai gras et <1>faux</1>"
    assert rendered.count("**") == 2


def test_placeholder_like_text_in_front_matter_and_alt_text():
    source = '---\ntitle: "Step <1> of 3"\n---\n\n![Figure <2/> here](a.png)\n'
    assert segments(source) == ["Step <1/> of 3", "Figure <1/> here"]
    rebuilt = identity(source)
    assert yaml.safe_load(rebuilt.split("---\n")[1]) == {"title": "Step <1> of 3"}
    assert tokens(rebuilt) == tokens(source)


@pytest.mark.parametrize(
    "translation",
    [
        "x <7/> y",  # a placeholder the source does not have
        "x <1> y",  # an atom used as an opening tag
        "<1/> <1/>",  # repeated
        "</1>",
    ],
)
def test_a_translation_with_bad_placeholders_falls_back_to_the_source(translation):
    source = "Press `Enter` now.\n"
    problems = []
    rendered = parse_markdown(source, "a.md").render(lambda s: translation, lambda s, m: problems.append(m))
    assert rendered == source
    assert len(problems) == 1


# -- 3. byte order mark ---------------------------------------------------------------------------


def test_a_byte_order_mark_does_not_hide_the_front_matter():
    source = '\ufeff---\ntitle: "Hello there"\n---\n\nBody text.\n'
    assert segments(source) == ["Hello there", "Body text."]
    assert identity(source) == source
    assert shouted(source).startswith('\ufeff---\ntitle: "HELLO THERE"\n---\n')


# -- 4. deep nesting -----------------------------------------------------------------------------


def test_lists_nested_twelve_deep_are_extracted():
    source = "".join("  " * depth + f"- item at level {depth}\n" for depth in range(12))
    assert segments(source) == [f"item at level {depth}" for depth in range(12)]
    rebuilt = shouted(source)
    assert "level" not in rebuilt and "LEVEL 11" in rebuilt


def test_blockquotes_twenty_deep_are_extracted():
    source = ">" * 20 + " A deep quote.\n"
    assert segments(source) == ["A deep quote."]
    assert shouted(source) == ">" * 20 + " A DEEP QUOTE.\n"


def test_what_is_too_deep_to_extract_is_reported_not_silently_kept():
    source = "Before.\n\n" + ">" * 200 + " Far too deep.\n\nAfter.\n"
    document = parse_markdown(source, "a.md")
    assert [s.text for s in document.segments] == ["Before.", "After."]
    assert [(u.line, u.reason) for u in document.unextracted] == [
        (3, "not extracted: nested more than 80 levels deep")
    ]
    assert document.render(lambda s: s.text) == source  # kept as it was, and reported


# -- 5. line endings and footnotes ---------------------------------------------------------------


def test_crlf_line_endings_are_kept():
    source = "---\r\ntitle: Hello\r\n---\r\n\r\n# A title\r\n\r\nOne line\r\nand two.\r\n\r\n```\r\ncode\r\n```\r\n"
    rebuilt = shouted(source)
    assert re.search(r"(?<!\r)\n", rebuilt) is None, rebuilt
    assert rebuilt.count("\r\n") == source.count("\r\n") - 1  # the paragraph's two lines became one
    assert "# A TITLE\r\n" in rebuilt and "```\r\ncode\r\n```\r\n" in rebuilt


def test_a_lone_carriage_return_is_a_line_break_like_markdown_says():
    source = "# Title\r\rBody text.\r"
    assert segments(source) == ["Title", "Body text."]
    assert identity(source) == source


def test_footnotes_round_trip():
    source = (
        "Text with a note[^1] and another[^long].\n\n"
        "[^1]: The note text.\n\n"
        "[^long]: A long note.\n\n"
        "    With a second paragraph.\n"
    )
    assert segments(source) == [
        "Text with a note<1/> and another<2/>.",
        "The note text.",
        "A long note.",
        "With a second paragraph.",
    ]
    assert identity(source) == source
    rebuilt = shouted(source)
    assert "[^1]: THE NOTE TEXT." in rebuilt and "    WITH A SECOND PARAGRAPH." in rebuilt
    assert "\\[" not in rebuilt


# -- 6. front matter stays safe and valid ---------------------------------------------------------


def front(text: str) -> dict:
    return yaml.safe_load(text.lstrip("\ufeff").split("---")[1])


@pytest.mark.parametrize(
    "translation, expected",
    [
        ("<script>alert(1)</script> Titre", "&lt;script>alert(1)&lt;/script> Titre"),
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)">'),
        ("Caf&eacute; &#38; co", "Caf&amp;eacute; &amp;#38; co"),
        ("A < B & C > D", "A < B & C > D"),  # not markup: kept as written
        ('Quote " back\\slash: #no comment', 'Quote " back\\slash: #no comment'),
        ("line\u2028sep\x85next\x7fdel\ufeffbom", "line\u2028sep\x85next\x7fdel\ufeffbom"),
    ],
)
def test_a_translated_title_cannot_inject_html_and_stays_valid_yaml(translation, expected):
    source = '---\ntitle: "Central Asia"\ndate: 2026-05-03\n---\n\nBody.\n'
    rendered = parse_markdown(source, "a.md").render(
        lambda s: translation if s.kind.startswith("front matter") else None
    )
    assert front(rendered) == {"title": expected, "date": front(source)["date"]}


def test_html_the_source_title_already_had_is_kept():
    source = '---\ntitle: "Use <br> & <b>bold</b>"\n---\n\nBody.\n'
    assert front(identity(source)) == {"title": "Use <br> & <b>bold</b>"}


# -- line starts and hard breaks a translation cannot turn into structure --------------------------


def test_a_translation_cannot_start_a_block_after_a_hard_break():
    source = "- First line\\\n  second line.\n"
    [segment] = parse_markdown(source, "a.md").segments
    assert segment.text == "First line<1/>second line."
    rendered = parse_markdown(source, "a.md").render(lambda s: "Un<1/># pas un titre\n- ni une liste")
    kinds = [t.type for t in markdown_parser().parse(rendered)]
    assert "heading_open" not in kinds and kinds.count("list_item_open") == 1
    assert "# pas un titre - ni une liste" in visible_text(rendered)


def test_a_setext_heading_with_a_pipe_does_not_become_a_table():
    # Found by the round-trip property: "0 \\| 0" over "---" is a one-column table.
    source = "Ratio 0 | 1\n---\n"
    rebuilt = identity(source)
    assert [t.type for t in markdown_parser().parse(rebuilt)][:1] == ["heading_open"]
    assert visible_text(rebuilt) == "Ratio 0 | 1"


def test_no_space_is_added_between_an_html_tag_and_the_full_stop_after_it():
    # Found by the round-trip property: the splitter cut before ".", and the closing tag
    # (a space to the splitter) made the join put a space there.
    source = "Cdwc [a]? 9. ~~ziuàGj~~ (x) dqpB `iJ4hye` ![C8](img/c8.png) [a] <b>qF5z1uJ</b>. 10. Wb.\n"
    rebuilt = identity(source)
    assert "<b>qF5z1uJ</b>. 10. Wb." in rebuilt
    assert tokens(rebuilt) == tokens(source)
