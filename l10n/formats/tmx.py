"""TMX 1.4b, the translation-memory exchange format: reading and writing translation units.

A segment's text is l10n's msgid form: ``<1>…</1>`` for markup around text, ``<2/>`` for
a kept atom. In TMX they become inline elements whose content is that very code
(``<bpt i="1" x="1">&lt;1&gt;</bpt>``), so a reader that flattens a segment to its text
(translate-toolkit does) gets the placeholders back unchanged. Inline codes written by
other tools (``<bpt i="3">&lt;b&gt;</bpt>``) are numbered from their ``i``/``x``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from lxml import etree

from l10n.documents.segment import PLACEHOLDER, Tag, tokenize
from l10n.errors import L10nError
from l10n.formats.xml import XML_LANG, local, parse

TMX_DATE = "%Y%m%dT%H%M%SZ"
_OUR_TAG = re.compile(r"^<(/?)(\d+)(/?)>$")


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>``: its text per language (as the file writes the language code)."""

    variants: dict[str, str]
    tuid: str = ""
    created: str = ""  # ISO 8601 (``2024-05-01T12:00:00Z``) or ""
    creator: str = ""
    props: dict[str, str] = field(default_factory=dict)
    line: int | None = None


@dataclass
class TmxDocument:
    srclang: str
    units: list[TmxUnit]


# -- reading ---------------------------------------------------------------------------------


def read_tmx(path: Path, shown: str | None = None) -> TmxDocument:
    shown = shown or str(path)
    root = parse(path, shown).getroot()
    if local(root.tag) != "tmx":
        raise L10nError(f"not a TMX file (root element <{local(root.tag)}>)", shown, root.sourceline)
    header = _child(root, "header")
    body = _child(root, "body")
    if header is None or body is None:
        raise L10nError("not a TMX file (no <header> or <body>)", shown, root.sourceline)
    srclang = header.get("srclang", "")
    units = []
    for number, tu in enumerate((e for e in body if local(e.tag) == "tu"), start=1):
        where = f"unit {number}" + (f" (tuid {tu.get('tuid')})" if tu.get("tuid") else "")
        variants: dict[str, str] = {}
        for tuv in (e for e in tu if local(e.tag) == "tuv"):
            language = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = _child(tuv, "seg")
            if not language or seg is None:
                raise L10nError(f"{where}: a <tuv> without xml:lang or <seg>", shown, tuv.sourceline)
            variants[language] = segment_text(seg)
        props = {p.get("type", ""): (p.text or "") for p in tu if local(p.tag) == "prop"}
        units.append(
            TmxUnit(
                variants,
                tu.get("tuid", ""),
                _iso(tu.get("creationdate") or tu.get("changedate") or ""),
                tu.get("creationid", ""),
                props,
                tu.sourceline,
            )
        )
    return TmxDocument(srclang, units)


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((e for e in element if local(e.tag) == name), None)


def segment_text(seg: etree._Element) -> str:
    """A ``<seg>``'s text with inline codes as l10n placeholders."""
    parts = [seg.text or ""]
    for child in seg:
        parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _inline(element: etree._Element) -> str:
    name = local(element.tag)
    content = "".join(element.itertext())
    if name in ("bpt", "ept", "ph", "it") and _OUR_TAG.match(content.strip()):
        return content.strip()
    number = element.get("i") or element.get("x") or "0"
    if name == "bpt":
        return f"<{number}>"
    if name == "ept":
        return f"</{number}>"
    if name == "it":
        return f"<{number}>" if element.get("pos") == "begin" else f"</{number}>"
    if name in ("ph", "ut"):
        return f"<{number}/>"
    return segment_text(element)  # <hi>, <sub>: their text is part of the segment


def _iso(value: str) -> str:
    try:
        return datetime.strptime(value, TMX_DATE).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""


# -- writing ---------------------------------------------------------------------------------


def write_tmx(srclang: str, units: list[TmxUnit], tool_version: str) -> bytes:
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="l10n",
        creationtoolversion=tool_version,
        datatype="plaintext",
        segtype="sentence",
        adminlang="en",
        srclang=srclang,
        **{"o-tmf": "l10n"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.tuid:
            tu.set("tuid", unit.tuid)
        if unit.created:
            tu.set("creationdate", tmx_date(unit.created))
        if unit.creator:
            tu.set("creationid", unit.creator)
        for kind, value in unit.props.items():
            if value:
                prop = etree.SubElement(tu, "prop", type=kind)
                prop.text = value
        for language, text in unit.variants.items():
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            fill_segment(etree.SubElement(tuv, "seg"), text)
    return etree.tostring(
        root.getroottree(),
        xml_declaration=True,
        encoding="UTF-8",
        pretty_print=True,
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )


def tmx_date(iso: str) -> str:
    try:
        return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").strftime(TMX_DATE)
    except ValueError:
        return ""


def fill_segment(seg: etree._Element, text: str) -> None:
    """Write ``text`` into ``seg``: paired tags as ``<bpt>``/``<ept>``, atoms as ``<ph>``, a
    tag whose partner is missing as ``<it>`` (TMX requires bpt/ept pairs in a segment)."""
    parts = tokenize(text)
    paired = _paired(parts)
    last: etree._Element | None = None
    for part in parts:
        if isinstance(part, str):
            if last is None:
                seg.text = (seg.text or "") + part
            else:
                last.tail = (last.tail or "") + part
            continue
        if part.role == "atom":
            last = etree.SubElement(seg, "ph", x=str(part.number))
        elif id(part) in paired:
            name = "bpt" if part.role == "open" else "ept"
            last = etree.SubElement(seg, name, i=str(part.number))
            if name == "bpt":
                last.set("x", str(part.number))
        else:
            last = etree.SubElement(seg, "it", pos="begin" if part.role == "open" else "end")
            last.set("x", str(part.number))
        last.text = str(part)


def _paired(parts: list[str | Tag]) -> set[int]:
    """Tags that open and close properly within the text."""
    stack: list[Tag] = []
    paired: set[int] = set()
    for part in parts:
        if isinstance(part, Tag) and part.role == "open":
            stack.append(part)
        elif isinstance(part, Tag) and part.role == "close":
            if stack and stack[-1].number == part.number:
                paired |= {id(stack.pop()), id(part)}
            else:
                stack.clear()
    return paired


__all__ = ["PLACEHOLDER", "TmxDocument", "TmxUnit", "read_tmx", "write_tmx"]
