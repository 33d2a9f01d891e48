"""XLIFF 1.2 (1.1 read too), the bilingual file CAT tools (Trados, memoQ, Phrase, OmegaT) open: reading and
writing trans-units, with l10n's placeholders as inline elements.

``<1>…</1>`` becomes ``<g id="1">…</g>`` and ``<2/>`` becomes ``<x id="2"/>``; a text whose
tags do not nest (a broken machine draft) uses ``<bx/>``/``<ex/>``. Reading also accepts
what tools write instead (``<bpt>``/``<ept>``/``<ph>``/``<it>`` numbered by ``id``/``rid``)
and looks through ``<mrk>`` (segmentation markers Trados and memoQ add).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from l10n.documents.segment import Tag, tokenize
from l10n.errors import L10nError
from l10n.formats.xml import XML_SPACE, local, parse

NS = "urn:oasis:names:tc:xliff:document:1.2"
STATES = (
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
    "translated",
    "signed-off",
    "final",
)
CONFIRMED = ("translated", "signed-off", "final")  # a translator stands by the target
_OUR_TAG = re.compile(r"^<(/?)(\d+)(/?)>$")


@dataclass
class XliffUnit:
    id: str
    source: str
    target: str | None = None
    state: str = ""
    state_qualifier: str = ""
    approved: bool = False
    base: str = ""  # extradata: what l10n knew of the target when it exported it
    context: str = ""  # resname: the entry's msgctxt
    notes: list[tuple[str, str]] = field(default_factory=list)  # (from, text)
    locations: list[tuple[str, str]] = field(default_factory=list)  # (file, line)
    line: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.approved or self.state in CONFIRMED


@dataclass
class XliffFile:
    original: str
    source_language: str
    target_language: str
    units: list[XliffUnit] = field(default_factory=list)
    translator: str = ""  # "Name <email>" from the header's <phase>, if any
    line: int | None = None


class InlineError(ValueError):
    """An inline element l10n cannot map to a placeholder."""


# -- reading ---------------------------------------------------------------------------------


def read_xliff(path: Path, shown: str | None = None) -> list[XliffFile]:
    shown = shown or str(path)
    root = parse(path, shown).getroot()
    if local(root.tag) != "xliff":
        raise L10nError(f"not an XLIFF file (root element <{local(root.tag)}>)", shown, root.sourceline)
    if not str(root.get("version", "1.2")).startswith("1."):
        raise L10nError(f"XLIFF {root.get('version')} is not supported (use 1.2)", shown, root.sourceline)
    files = []
    for element in (e for e in root if local(e.tag) == "file"):
        found = XliffFile(
            element.get("original", ""),
            element.get("source-language", ""),
            element.get("target-language", ""),
            translator=_translator(element),
            line=element.sourceline,
        )
        for unit in element.iter():
            if local(unit.tag) == "trans-unit" and not unit.get("restype", "").endswith("domain-header"):
                found.units.append(_unit(unit, shown))
        files.append(found)
    if not files:
        raise L10nError("no <file> element", shown, root.sourceline)
    return files


def _translator(file: etree._Element) -> str:
    """The last phase's contact in the header: who worked on the file last."""
    contacts = [
        (p.get("contact-name") or "", p.get("contact-email") or "")
        for p in file.iter()
        if local(p.tag) == "phase" and (p.get("contact-name") or p.get("contact-email"))
    ]
    if not contacts:
        return ""
    name, email = contacts[-1]
    return f"{name} <{email}>" if email else name


def _unit(unit: etree._Element, shown: str) -> XliffUnit:
    where = f"unit {unit.get('id', '?')}"
    source = _first(unit, "source")
    if source is None:
        raise L10nError(f"{where}: no <source>", shown, unit.sourceline)
    segmented = _first(unit, "seg-source")
    target = _first(unit, "target")
    try:
        source_text = inline_text(segmented if segmented is not None else source)
        target_text = inline_text(target) if target is not None else None
    except InlineError as exc:
        raise L10nError(f"{where}: {exc}", shown, unit.sourceline) from None
    extradata = unit.get("extradata", "")
    return XliffUnit(
        id=unit.get("id", ""),
        source=source_text,
        target=target_text,
        state=(target.get("state", "") if target is not None else ""),
        state_qualifier=(target.get("state-qualifier", "") if target is not None else ""),
        approved=unit.get("approved") == "yes",
        base=extradata.removeprefix("l10n-base:") if extradata.startswith("l10n-base:") else "",
        context=unit.get("resname", ""),
        notes=[(n.get("from", ""), n.text or "") for n in unit if local(n.tag) == "note"],
        line=unit.sourceline,
    )


def _first(element: etree._Element, name: str) -> etree._Element | None:
    return next((e for e in element if local(e.tag) == name), None)


def inline_text(element: etree._Element) -> str:
    """An element's text with inline elements as l10n placeholders."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        name = local(child.tag)
        if name == "g":
            number = _number(child)
            parts.append(f"<{number}>{inline_text(child)}</{number}>")
        elif name == "mrk":
            parts.append(inline_text(child))
        elif name in ("x", "bx", "ex", "ph", "bpt", "ept", "it"):
            parts.append(_code(child, name))
        else:
            raise InlineError(f"unexpected element <{name}> in a segment")
        parts.append(child.tail or "")
    return "".join(parts)


def _code(element: etree._Element, name: str) -> str:
    content = "".join(element.itertext()).strip()
    if name in ("ph", "bpt", "ept", "it") and _OUR_TAG.match(content):
        return content
    number = _number(element, prefer_rid=name in ("bx", "ex", "bpt", "ept"))
    if name in ("bx", "bpt") or (name == "it" and element.get("pos") == "open"):
        return f"<{number}>"
    if name in ("ex", "ept") or name == "it":
        return f"</{number}>"
    return f"<{number}/>"


def _number(element: etree._Element, prefer_rid: bool = False) -> int:
    raw = (element.get("rid") if prefer_rid else None) or element.get("id") or ""
    digits = re.sub(r"\D", "", raw)
    if not digits:
        raise InlineError(f"inline element <{local(element.tag)} id={raw!r}> has no number")
    return int(digits)


# -- writing ---------------------------------------------------------------------------------


def write_xliff(files: list[XliffFile], tool_version: str) -> bytes:
    nsmap = {None: NS}
    root = etree.Element(f"{{{NS}}}xliff", nsmap=nsmap, version="1.2")
    for file in files:
        element = etree.SubElement(
            root,
            _q("file"),
            original=file.original,
            datatype="plaintext",
            **{"source-language": file.source_language, "target-language": file.target_language},
        )
        header = etree.SubElement(element, _q("header"))
        etree.SubElement(
            header, _q("tool"), {"tool-id": "l10n", "tool-name": "l10n", "tool-version": tool_version}
        )
        body = etree.SubElement(element, _q("body"))
        for unit in file.units:
            _write_unit(body, unit)
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _write_unit(body: etree._Element, unit: XliffUnit) -> None:
    element = etree.SubElement(body, _q("trans-unit"), id=unit.id)
    element.set(XML_SPACE, "preserve")
    if unit.context:
        element.set("resname", unit.context)
    element.set("extradata", f"l10n-base:{unit.base}")
    if unit.approved:
        element.set("approved", "yes")
    fill_inline(etree.SubElement(element, _q("source")), unit.source)
    if unit.target is not None:
        target = etree.SubElement(element, _q("target"))
        if unit.state:
            target.set("state", unit.state)
        if unit.state_qualifier:
            target.set("state-qualifier", unit.state_qualifier)
        fill_inline(target, unit.target)
    for author, text in unit.notes:
        note = etree.SubElement(element, _q("note"))
        if author:
            note.set("from", author)
        note.text = text
    for path, line in unit.locations:
        group = etree.SubElement(element, _q("context-group"), purpose="location")
        etree.SubElement(group, _q("context"), {"context-type": "sourcefile"}).text = path
        etree.SubElement(group, _q("context"), {"context-type": "linenumber"}).text = line


def fill_inline(element: etree._Element, text: str) -> None:
    """Write ``text`` into ``element`` with ``<g>``/``<x>``, or ``<bx>``/``<ex>`` where the
    tags do not nest."""
    parts = tokenize(text)
    nests = _nests(parts)
    stack = [element]
    last: etree._Element | None = None  # the element whose tail the next text extends

    def add_text(value: str) -> None:
        if last is None:
            stack[-1].text = (stack[-1].text or "") + value
        else:
            last.tail = (last.tail or "") + value

    for part in parts:
        if isinstance(part, str):
            add_text(part)
        elif part.role == "atom":
            last = etree.SubElement(stack[-1], _q("x"), id=str(part.number))
        elif nests and part.role == "open":
            stack.append(etree.SubElement(stack[-1], _q("g"), id=str(part.number)))
            last = None
        elif nests:
            last = stack.pop()
        else:
            name = "bx" if part.role == "open" else "ex"
            last = etree.SubElement(stack[-1], _q(name), id=f"{name}{part.number}", rid=str(part.number))


def _nests(parts: list[str | Tag]) -> bool:
    stack: list[int] = []
    for part in parts:
        if isinstance(part, Tag) and part.role == "open":
            stack.append(part.number)
        elif isinstance(part, Tag) and part.role == "close" and (not stack or stack.pop() != part.number):
            return False
    return not stack
