"""Markdown → segments → Markdown, on hand-written articles."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.documents import parse_markdown
from l10n.documents.inline import render_segment
from l10n.documents.segment import PlaceholderError, validate_placeholders
from l10n.documents.sentences import split_sentences, split_tagged
from l10n.errors import L10nError

ARTICLE = """\
---
title: "Central Asia and the G7: a new agenda"
summary: >
  Ministers met in Astana. They agreed on PGII projects.
date: 2026-05-03
tags: [g7, pgii]
---

# The G7 meets *Central Asia*

Mr. Smith met the U.S. delegation at 5 p.m. on 3 May. The **G7** pledged $600 billion
(about 2.5%) to [PGII](https://example.org/pgii "PGII site") under item No. 5.
**Note:** this is *important. Really.* Done.

![The Aral Sea in 2024](img/aral.png)

- First item with `code | x`
- Second **item**
  1. nested *one*

> A quote line
> continues here.

| Country | Amount |
|---|---:|
| Kazakhstan | $1.2 billion |
| Uzbekistan | 2024 |

```python
print("Do not translate this sentence.")
```

<!-- An HTML comment that must stay as it is. -->

See <https://example.org/un> for details.

Setext heading
--------------
"""


SENTENCES = [
    "The G7 met in Astana.",
    "Mr. Smith arrived at 5 p.m. on Monday.",
    "Was it enough?",
    "Yes!",
    "The U.S. envoy spoke about item No. 5.",
    "Trade grew by 2.5% in 2025.",
    "Ministers signed the joint communiqué.",
]


def segments_of(text):
    return parse_markdown(text, "articles/en/a.md").segments


def test_segments_cover_reader_facing_text_only():
    texts = [s.text for s in segments_of(ARTICLE)]
    assert texts == [
        "Central Asia and the G7: a new agenda",
        "Ministers met in Astana.",
        "They agreed on PGII projects.",
        "The G7 meets <1>Central Asia</1>",
        "Mr. Smith met the U.S. delegation at 5 p.m. on 3 May.",
        "The <1>G7</1> pledged $600 billion (about 2.5%) to <2>PGII</2> under item No. 5.",
        "<1>Note:</1> this is <2>important. Really.</2>",
        "Done.",
        "The Aral Sea in 2024",
        "First item with <1/>",
        "Second <1>item</1>",
        "nested <1>one</1>",
        "A quote line continues here.",
        "Country",
        "Amount",
        "Kazakhstan",
        "$1.2 billion",
        "Uzbekistan",
        "See <1/> for details.",
        "Setext heading",
    ]


def test_segments_know_their_line_and_kind():
    by_text = {s.text: s for s in segments_of(ARTICLE)}
    assert by_text["Ministers met in Astana."].line == 3
    assert by_text["Ministers met in Astana."].kind == "front matter: summary"
    assert by_text["Mr. Smith met the U.S. delegation at 5 p.m. on 3 May."].line == 11
    assert by_text["Done."].line == 13  # the third source line of its paragraph
    assert by_text["The Aral Sea in 2024"].kind == "image alt text"
    assert by_text["Second <1>item</1>"].kind == "list item"
    assert by_text["Kazakhstan"].kind == "table cell"


def test_placeholder_notes_tell_translators_what_tags_stand_for():
    segment = next(s for s in segments_of(ARTICLE) if "PGII</2>" in s.text)
    assert segment.notes() == [
        "paragraph",
        "<1>…</1> = strong",
        '<2>…</2> = link: https://example.org/pgii (title "PGII site")',
    ]


def test_abbreviations_do_not_end_sentences():
    assert split_sentences("Mr. Smith met the U.S. envoy on item No. 5 today. It went well.") == [
        "Mr. Smith met the U.S. envoy on item No. 5 today.",
        "It went well.",
    ]


def test_tagged_split_keeps_spans_whole():
    assert split_tagged("First here. <1>Then one. And two.</1> Last <2/> one.") == [
        "First here.",
        "<1>Then one. And two.</1>",
        "Last <2/> one.",
    ]


def test_source_renders_back_unchanged_except_joined_lines():
    document = parse_markdown(ARTICLE, "a.md")
    rebuilt = document.render(lambda segment: None)
    assert '```python\nprint("Do not translate this sentence.")\n```' in rebuilt
    assert "<!-- An HTML comment that must stay as it is. -->" in rebuilt
    assert "tags: [g7, pgii]" in rebuilt
    assert "| Kazakhstan | $1.2 billion |" in rebuilt
    assert "- First item with `code | x`" in rebuilt


def test_translations_replace_text_and_restore_markup():
    translations = {
        "The <1>G7</1> pledged $600 billion (about 2.5%) to <2>PGII</2> under item No. 5.": (
            "Le <1>G7</1> a promis 600 milliards de dollars au <2>PGII</2>."
        ),
        "Central Asia and the G7: a new agenda": "L'Asie centrale et le G7 : un nouvel agenda",
        "Kazakhstan": "Kazakhstan *",
    }
    document = parse_markdown(ARTICLE, "a.md")
    rebuilt = document.render(lambda s: translations.get(s.text))
    assert 'title: "L\'Asie centrale et le G7 : un nouvel agenda"' in rebuilt
    assert 'au [PGII](https://example.org/pgii "PGII site").' in rebuilt
    assert "Le **G7** a promis" in rebuilt
    assert "| Kazakhstan \\* |" in rebuilt  # translator's text is escaped, not markup


def test_a_translation_that_loses_a_placeholder_falls_back_to_the_source():
    problems = []
    document = parse_markdown(ARTICLE, "a.md")
    rebuilt = document.render(
        lambda s: "Le G7 a promis." if s.text.startswith("The <1>G7</1> pledged") else None,
        problem=lambda segment, message: problems.append(message),
    )
    assert "The **G7** pledged $600 billion" in rebuilt
    assert problems == ["missing <1>, </1>, <2>, </2>"]


def test_placeholder_validation():
    validate_placeholders("a <1>b</1> <2/>", "<2/> x <1>y</1>")  # reordering is fine
    with pytest.raises(PlaceholderError):
        validate_placeholders("a <1>b</1>", "<1>a</1> <1>b</1>")
    with pytest.raises(PlaceholderError):
        validate_placeholders("<1>a <2>b</2></1>", "<1>a <2>b</1></2>")


def test_render_segment_escapes_markdown_in_text():
    segment = segments_of("Plain *text* here.\n")[0]
    assert render_segment(segment, "Un <1>texte</1> avec [crochets] et 5 * 3") == (
        "Un *texte* avec \\[crochets\\] et 5 \\* 3"
    )


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("---\ntitle: x\n", 1, "never closed"),
        ("---\ntitle: [unclosed\n---\nBody.\n", 3, "malformed front matter"),
        ("---\n- a list\n---\nBody.\n", 2, "mapping"),
    ],
)
def test_malformed_front_matter_is_located(text, line, message):
    with pytest.raises(L10nError) as error:
        parse_markdown(text, "articles/en/bad.md")
    assert error.value.line == line
    assert message in error.value.message
    assert str(error.value).startswith(f"articles/en/bad.md:{line}: ")


def test_every_sentence_of_a_long_paragraph_is_its_own_segment():
    text = "One is here. Two is there. Three is near. Four is far.\n"
    assert [s.text for s in segments_of(text)] == [
        "One is here.",
        "Two is there.",
        "Three is near.",
        "Four is far.",
    ]


@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8))
def test_plain_paragraph_segments_match_the_sentence_splitter(sentences):
    paragraph = " ".join(sentences)
    assert [s.text for s in segments_of(paragraph + "\n")] == split_sentences(paragraph)
