"""Parsing XML we did not write, safely: no entity expansion, no network, no DTD loading,
no huge trees. An entity declaration is refused outright (an XXE or "billion laughs" file
is bad input, not something to half-read)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from l10n.errors import L10nError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def parse(path: Path, shown: str | None = None) -> etree._ElementTree:
    """The document at ``path``, or a located error; nothing outside the file is read."""
    shown = shown or str(path)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", shown) from None
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno and exc.lineno > 0 else None
        raise L10nError(f"not well-formed XML: {exc.msg}", shown, line) from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and list(dtd.iterentities()):
        raise L10nError("entity declarations are not allowed", shown, 1)
    for node in tree.iter():
        if isinstance(node, etree._Entity):
            raise L10nError(f"entity reference &{node.name}; is not allowed", shown, node.sourceline)
    return tree


def local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and the like)."""
    return etree.QName(tag).localname if isinstance(tag, str) else ""
