"""Property: extract → PO with msgstr = msgid → build gives back the same Markdown token
stream as the source (line breaks inside a paragraph aside: they become spaces)."""

from __future__ import annotations

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from l10n import catalog, pofile
from l10n.documents import parse_markdown

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789éàüß", min_size=1, max_size=8)
PUNCT = st.sampled_from(
    [
        ".",
        ",",
        ";",
        ":",
        "!",
        "?",
        " -",
        " (x)",
        " 5%",
        " $3",
        " *",
        " _",
        " #",
        " &",
        " <",
        " [a]",
        " ~",
        " |",
    ]
)


@st.composite
def sentence(draw):
    words = draw(st.lists(WORD, min_size=1, max_size=7))
    parts = []
    for word in words:
        style = draw(st.sampled_from(["plain"] * 6 + ["em", "strong", "code", "link", "strike"]))
        parts.append(
            {
                "plain": word,
                "em": f"*{word}*",
                "strong": f"**{word}**",
                "code": f"`{word}`",
                "link": f"[{word}](https://example.org/{word.lower()})",
                "strike": f"~~{word}~~",
            }[style]
        )
        if draw(st.booleans()):
            parts[-1] += draw(PUNCT)
    text = " ".join(parts)
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", "!", "?", ""]))


@st.composite
def paragraph(draw):
    sentences = draw(st.lists(sentence(), min_size=1, max_size=4))
    glue = draw(st.sampled_from([" ", "\n"]))
    return glue.join(sentences)


@st.composite
def block(draw):
    kind = draw(
        st.sampled_from(
            ["para", "para", "heading", "list", "olist", "quote", "table", "code", "html", "image"]
        )
    )
    if kind == "para":
        return draw(paragraph())
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(sentence())
    if kind in ("list", "olist"):
        items = draw(st.lists(sentence(), min_size=1, max_size=4))
        marks = ["-"] * len(items) if kind == "list" else [f"{i}." for i in range(1, len(items) + 1)]
        return "\n".join(f"{m} {item}" for m, item in zip(marks, items, strict=True))
    if kind == "quote":
        return "\n".join("> " + line for line in draw(paragraph()).split("\n"))
    if kind == "table":
        rows = draw(st.lists(st.lists(WORD, min_size=2, max_size=2), min_size=1, max_size=3))
        return "\n".join(["| Head one | Head two |", "|---|---:|"] + [f"| {a} | {b} |" for a, b in rows])
    if kind == "code":
        return "```text\n" + draw(sentence()) + "\n```"
    if kind == "html":
        return "<!-- " + draw(WORD) + " -->"
    return f"![{draw(WORD)} picture](img/{draw(WORD).lower()}.png)"


@st.composite
def article(draw):
    title = draw(sentence()).replace('"', "")
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    front = f'---\ntitle: "{title}"\ndate: 2026-01-01\n---\n\n' if draw(st.booleans()) else ""
    return front + "\n\n".join(blocks) + "\n"


def token_stream(text: str) -> list:
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return [_token(t) for t in parser.parse(text)]


def _token(token):
    if token.type == "inline":
        return ("inline", _inline(token.children or []))
    content = token.content if token.type in ("fence", "code_block", "html_block") else ""
    return (
        token.type,
        token.tag,
        token.nesting,
        token.markup,
        token.info,
        token.hidden,
        tuple(sorted((token.attrs or {}).items())),
        content,
    )


def _inline(children) -> tuple:
    out: list = []
    for child in children:
        if child.type in ("text", "softbreak"):
            text = " " if child.type == "softbreak" else child.content
            if out and out[-1][0] == "text":
                out[-1] = ("text", out[-1][1] + text)
            else:
                out.append(("text", text))
            continue
        out.append(
            (
                child.type,
                child.markup,
                tuple(sorted((child.attrs or {}).items())),
                child.content,
                _inline(child.children or []),
            )
        )
    return tuple(("text", " ".join(t[1].split())) if t[0] == "text" else t for t in out if t != ("text", ""))


def front_matter(text: str):
    import yaml

    if text.startswith("---\n"):
        return yaml.safe_load(text.split("---\n")[1])
    return None


def body(text: str) -> str:
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_identity_translation_round_trips(tmp_path_factory, source):
    folder = tmp_path_factory.mktemp("roundtrip")
    document = parse_markdown(source, "articles/en/x.md")
    template = catalog.build_template("articles/en/x.md", document.segments, "test")
    po = pofile.parse_catalog(catalog.new_catalog(template, "fr"), "fr", "x")
    catalog.update_catalog(po, template)
    for entry in po.entries:
        entry.set_text(entry.msgid)
    path = folder / "x.po"
    path.write_text(po.render(), encoding="utf-8")
    translations = {e.msgid: e.msgstr for e in polib.pofile(str(path))}
    rebuilt = document.render(lambda segment: translations[segment.text])
    assert token_stream(body(rebuilt)) == token_stream(body(source))
    assert front_matter(rebuilt) == front_matter(source)
