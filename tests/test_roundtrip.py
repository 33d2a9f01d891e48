"""Properties over generated articles (hypothesis), through the real library and, for a few,
the real CLI: extract → PO → build.

- Identity: with msgstr = msgid, the built article gives back the source's markdown-it token
  stream (line breaks inside a paragraph aside: they become spaces), the same front matter,
  the same byte order mark and line endings, and extracting it again gives the same msgids.
- Completeness: with every segment "translated" into upper case, no lower-case letter is
  left in what a reader sees outside code, raw HTML and URLs: nothing stayed English
  without being offered for translation or reported.
- Every PO file written passes ``msgfmt -c``; no exception; inputs untouched.

Examples per run (CI: 2 cores): IDENTITY_EXAMPLES + COMPLETENESS_EXAMPLES generated articles
through the library, CLI_EXAMPLES through the real command.
"""

from __future__ import annotations

import functools
import re
import shutil

import polib
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import msgfmt_check, run_l10n
from l10n import catalog, pofile
from l10n.documents import parse_markdown
from l10n.documents.segment import tokenize
from l10n.errors import L10nError

IDENTITY_EXAMPLES = 150
COMPLETENESS_EXAMPLES = 100
CLI_EXAMPLES = 6

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
        " &amp;",
        " <",
        " [a]",
        " ~",
        " |",
        " \\",
        ' "q"',
        " <1>",
        " </2>",
        " <3/>",
        " [^9]",
    ]
)
INLINE_STYLES = ["plain"] * 8 + [
    "em",
    "strong",
    "code",
    "code_pipe",
    "link",
    "strike",
    "html",
    "fake_tag",
    "autolink",
    "image",
    "footnote",
]


@st.composite
def sentence(draw, styles=INLINE_STYLES):
    words = draw(st.lists(WORD, min_size=1, max_size=7))
    parts = []
    for word in words:
        style = draw(st.sampled_from(styles))
        parts.append(
            {
                "plain": word,
                "em": f"*{word}*",
                "strong": f"**{word}**",
                "code": f"`{word}`",
                "code_pipe": f"`{word}|x`",
                "link": f"[{word}](https://example.org/{word.lower()})",
                "strike": f"~~{word}~~",
                "html": f"<b>{word}</b>",
                "fake_tag": f"<1>{word}</1>",
                "autolink": "<https://example.org/x>",
                "image": f"![{word}](img/{word.lower()}.png)",
                "footnote": f"{word}[^n]",
            }[style]
        )
        if draw(st.booleans()):
            parts[-1] += draw(PUNCT)
    text = " ".join(parts)
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", "!", "?", ""]))


@st.composite
def paragraph(draw):
    sentences = draw(st.lists(sentence(), min_size=1, max_size=4))
    glue = draw(st.sampled_from([" ", "\n", " ", "\\\n", "  \n"]))
    return glue.join(sentences)


TABLE_CELLS = ["plain", "plain", "em", "code", "code_pipe", "link"]


@st.composite
def table_cell(draw):
    kind = draw(st.sampled_from(["word", "sentence", "empty", "escaped_pipe", "number"]))
    if kind == "word":
        return draw(WORD)
    if kind == "sentence":
        return (
            draw(sentence(TABLE_CELLS)).replace("|", "\\|")
            if draw(st.booleans())
            else draw(sentence(TABLE_CELLS))
        )
    if kind == "escaped_pipe":
        return f"{draw(WORD)} \\| {draw(WORD)}"
    if kind == "number":
        return str(draw(st.integers(0, 10**6)))
    return ""


@st.composite
def table(draw):
    columns = draw(st.integers(1, 3))
    header = [draw(WORD) for _ in range(columns)]
    rows = draw(st.lists(st.lists(table_cell(), min_size=1, max_size=columns + 2), min_size=1, max_size=3))
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * columns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


@st.composite
def nested_list(draw):
    depth = draw(st.integers(1, 14))
    ordered = draw(st.booleans())
    lines, indent = [], ""
    for level in range(depth):
        mark = f"{level + 1}." if ordered else "-"
        lines.append(f"{indent}{mark} {draw(sentence())}")
        indent += " " * (len(mark) + 1)
    return "\n".join(lines)


@st.composite
def block(draw):
    """A block, sometimes inside a quote or a list item."""
    text = draw(leaf_block())
    container = draw(st.sampled_from(["none"] * 4 + ["quote", "item"]))
    if container == "quote":
        return "\n".join("> " + line for line in text.split("\n"))
    if container == "item":
        return "\n".join(("- " if i == 0 else "  ") + line for i, line in enumerate(text.split("\n")))
    return text


@st.composite
def leaf_block(draw):
    kind = draw(
        st.sampled_from(
            ["para", "para", "heading", "setext", "list", "olist", "nested", "quote", "deep_quote"]
            + ["table", "table", "code", "indented", "html", "image", "footnote_def"]
        )
    )
    if kind == "para":
        return draw(paragraph())
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + draw(sentence())
    if kind == "setext":
        return draw(sentence()) + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind in ("list", "olist"):
        items = draw(st.lists(sentence(), min_size=1, max_size=4))
        marks = ["-"] * len(items) if kind == "list" else [f"{i}." for i in range(1, len(items) + 1)]
        return "\n".join(f"{m} {item}" for m, item in zip(marks, items, strict=True))
    if kind == "nested":
        return draw(nested_list())
    if kind == "quote":
        return "\n".join("> " + line for line in draw(paragraph()).split("\n"))
    if kind == "deep_quote":
        return ">" * draw(st.integers(2, 25)) + " " + draw(sentence())
    if kind == "table":
        return draw(table())
    if kind == "code":
        return "```text\n" + draw(sentence()) + "\n```"
    if kind == "indented":
        return "    " + draw(sentence())
    if kind == "html":
        return draw(st.sampled_from(["<!-- {} -->", "<div>\n{}\n</div>"])).format(draw(WORD))
    if kind == "footnote_def":
        return "[^n]: " + draw(sentence())
    return f"![{draw(WORD)} picture](img/{draw(WORD).lower()}.png)"


@st.composite
def article(draw):
    title = draw(sentence()).replace('"', "").replace("\\", "")
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    front = f'---\ntitle: "{title}"\ndate: 2026-01-01\n---\n\n' if draw(st.booleans()) else ""
    text = front + "\n\n".join(blocks) + "\n"
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    bom = "\ufeff" if draw(st.integers(0, 4)) == 0 else ""
    return bom + text.replace("\n", newline)


# -- comparing articles ------------------------------------------------------------------------


@functools.cache
def reader():
    """How a reader's renderer parses the articles: the same syntax as l10n's parser but
    without its nesting guard, so what l10n did not extract is still seen here."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    parser = MarkdownIt("commonmark", {"maxNesting": 400}).enable(["table", "strikethrough"])
    return parser.use(footnote_plugin, inline=False, move_to_end=False)


def normalised(text: str) -> str:
    return re.sub(r"\r\n?", "\n", text.removeprefix("\ufeff"))


def token_stream(text: str) -> list:
    return [_token(t) for t in reader().parse(body(normalised(text)))]


def _token(token):
    if token.type == "inline":
        return ("inline", _inline(token.children or []))
    content = token.content if token.type in ("fence", "code_block", "html_block") else ""
    # A setext heading may come back in ATX style (same tag, h1 or h2): see _Prose.render.
    markup = "" if token.type.startswith("heading_") else token.markup
    return (
        token.type,
        token.tag,
        token.nesting,
        markup,
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
                child.content if child.type != "image" else "",
                child.meta.get("label"),
                _inline(child.children or []),
            )
        )
    return tuple(("text", " ".join(t[1].split())) if t[0] == "text" else t for t in out if t != ("text", ""))


def front_matter(text: str):
    """The front matter's data, with runs of spaces in strings as one (as in paragraphs)."""
    text = normalised(text)
    if not text.startswith("---\n"):
        return None
    data = yaml.safe_load(text.split("---\n")[1])
    return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in data.items()}


def body(text: str) -> str:
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


def line_ends(text: str) -> set[str]:
    return set(re.findall(r"\r\n|\r|\n", text))


def visible_lowercase(text: str) -> list[str]:
    """Lower-case words a reader sees, outside code, raw HTML and URLs."""
    found = []
    for token in reader().parse(body(normalised(text))):
        in_autolink = False
        for child in token.children or []:
            if child.type == "link_open":
                in_autolink = child.markup == "autolink"
            elif child.type == "link_close":
                in_autolink = False
            texts = [child] if child.type == "text" else [g for g in child.children or [] if g.type == "text"]
            for item in texts:
                if not in_autolink and any(ch.islower() for ch in item.content):
                    found.append(item.content)
    title = re.sub(r"&(?:lt|amp);", "", str((front_matter(text) or {}).get("title", "")))
    if any(ch.islower() for ch in title):
        found.append(str(title))
    return found


def _upper(msgid: str) -> str:
    return "".join(part.upper() if isinstance(part, str) else str(part) for part in tokenize(msgid))


# -- properties ---------------------------------------------------------------------------------


def written_catalog(folder, document) -> dict[str, str]:
    """The document's template and an identity catalog, written and checked by msgfmt -c."""
    template = catalog.build_template("articles/en/x.md", document.segments, "test")
    catalog.write_template(template, folder / "x.pot")
    po = pofile.parse_catalog(catalog.new_catalog(template, "fr"), "fr", "x")
    catalog.update_catalog(po, template)
    for entry in po.entries:
        entry.set_text(entry.msgid)
    (folder / "x.po").write_text(po.render(), encoding="utf-8")
    msgfmt_check(folder / "x.pot")
    msgfmt_check(folder / "x.po")
    return {e.msgid: e.msgstr for e in polib.pofile(str(folder / "x.po"))}


@settings(max_examples=IDENTITY_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_identity_translation_round_trips(tmp_path_factory, source):
    folder = tmp_path_factory.mktemp("roundtrip")
    document = parse_markdown(source, "articles/en/x.md")
    translations = written_catalog(folder, document)
    problems = []
    rebuilt = document.render(lambda segment: translations[segment.text], lambda s, m: problems.append(m))
    assert problems == []
    assert token_stream(rebuilt) == token_stream(source)
    assert front_matter(rebuilt) == front_matter(source)
    assert rebuilt.startswith("\ufeff") == source.startswith("\ufeff")
    assert line_ends(rebuilt) == line_ends(source)
    again = parse_markdown(rebuilt, "articles/en/x.md")
    assert [s.text for s in again.segments] == [s.text for s in document.segments]
    assert document.unextracted == []


@settings(max_examples=COMPLETENESS_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article())
def test_every_word_a_reader_sees_is_offered_for_translation(source):
    document = parse_markdown(source, "articles/en/x.md")
    problems = []
    rebuilt = document.render(lambda segment: _upper(segment.text), lambda s, m: problems.append(m))
    assert problems == []
    assert visible_lowercase(rebuilt) == []


def test_what_is_nested_too_deep_is_reported_by_the_same_property():
    source = ">" * 100 + " far too deep\n"
    document = parse_markdown(source, "articles/en/x.md")
    assert document.segments == [] and len(document.unextracted) == 1
    assert visible_lowercase(document.render(lambda s: _upper(s.text))) == ["far too deep"]


# -- the same through the real command -------------------------------------------------------------


@pytest.fixture(scope="module")
def template_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "template"
    run_l10n("init", str(root))
    return root


@st.composite
def cli_article(draw):
    if draw(st.integers(0, 5)) == 0:  # hostile: front matter that never closes
        return "---\ntitle: " + draw(WORD) + "\n\nBody.\n", False
    return draw(article()), True


@settings(max_examples=CLI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cli_article())
def test_extract_and_build_through_the_cli(tmp_path_factory, template_project, generated):
    source, valid = generated
    root = tmp_path_factory.mktemp("cli") / "project"
    shutil.copytree(template_project, root)
    article_path = root / "articles" / "en" / "x.md"
    article_path.write_bytes(source.encode("utf-8"))
    extract = run_l10n("extract", "--lang", "fr", project=root, check=False)
    assert "Traceback" not in extract.stderr
    if not valid:
        assert extract.returncode == 1
        assert extract.stderr.strip().splitlines() == [extract.stderr.strip()]
        assert extract.stderr.startswith("error: articles/en/x.md:1: ")
        assert not (root / "locales" / "fr" / "x.po").exists()
        return
    assert extract.returncode == 0, extract.stderr
    po_path = root / "locales" / "fr" / "x.po"
    msgfmt_check(po_path)
    po = polib.pofile(str(po_path))
    for entry in po:
        entry.msgstr = entry.msgid
    po.save(str(po_path))
    build = run_l10n("build", "--lang", "fr", project=root, check=False)
    assert build.returncode == 0 and "Traceback" not in build.stderr, build.stderr
    assert article_path.read_bytes() == source.encode("utf-8")
    built = (root / "output" / "fr" / "x.md").read_bytes().decode("utf-8")
    assert token_stream(built) == token_stream(source)
    assert front_matter(built) == front_matter(source)
    assert line_ends(built) == line_ends(source) and built.startswith("\ufeff") == source.startswith("\ufeff")
    for path in (root / "locales").rglob("*.po*"):
        msgfmt_check(path)


def test_the_parse_error_is_a_located_l10n_error():
    with pytest.raises(L10nError) as error:
        parse_markdown("\ufeff---\r\ntitle: x\r\n", "articles/en/x.md")
    assert str(error.value).startswith("articles/en/x.md:1: ")
