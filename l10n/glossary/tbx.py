"""Glossaries as TBX (ISO 30042), the TBX-Basic dialect in DCA style, read with lxml.

Per term: ``administrativeStatus`` (preferred / admitted / deprecated = forbidden),
``grammaticalGender`` and ``grammaticalNumber``. A do-not-translate concept carries a
``transferComment`` of ``do-not-translate`` on its English term. TBX v2 files
(``martif``/``termEntry``/``langSet``/``tig``) are read too.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from l10n.glossary.model import Concept, Term
from l10n.glossary.problems import Collector

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_FROM_TBX = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "forbidden",
    "supersededTerm-admn-sts": "forbidden",
}
STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
GENDER_FROM_TBX = {"masculine": "m", "feminine": "f", "neuter": "n"}
GENDER_TO_TBX = {v: k for k, v in GENDER_FROM_TBX.items()}
DO_NOT_TRANSLATE = "do-not-translate"


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, *names: str):
    return [child for child in element if _local(child) in names]


def read_tbx(path: Path, collector: Collector, shown: str | None = None) -> list[Concept]:
    shown = shown or str(path)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        collector.report(shown, exc.lineno, f"malformed TBX: {' '.join(str(exc.msg).split())}")  # one line
        return []
    except OSError as exc:
        collector.report(shown, None, f"cannot read: {exc}")
        return []
    if _local(root) not in ("tbx", "martif"):
        collector.report(shown, root.sourceline, f"not a TBX file (root element <{_local(root)}>)")
        return []
    concepts = []
    for entry in root.iter():
        if _local(entry) not in ("conceptEntry", "termEntry"):
            continue
        concept = Concept(
            id=entry.get("id") or f"{Path(shown).stem}-{entry.sourceline}",
            source=shown,
            line=entry.sourceline,
        )
        notes = [n.text.strip() for n in _children(entry, "note") if n.text and n.text.strip()]
        notes += [
            d.text.strip() for d in _children(entry, "descrip") if d.get("type") == "definition" and d.text
        ]
        concept.note = " ".join(notes)
        for lang_section in _children(entry, "langSec", "langSet"):
            language = lang_section.get(XML_LANG) or lang_section.get("lang")
            if not language:
                collector.report(shown, lang_section.sourceline, "a language section without xml:lang")
                continue
            for term_section in _children(lang_section, "termSec", "tig", "ntig"):
                term = _term(term_section, shown, collector)
                if term is None:
                    continue
                text, status, gender, number, dnt = term
                concept.do_not_translate |= dnt
                concept.terms.setdefault(language, []).append(
                    Term(text, status, gender, number, term_section.sourceline)
                )
        if not concept.terms:
            collector.report(shown, entry.sourceline, "a concept without terms")
            continue
        if not concept.english():
            forbidden_only = all(t.status == "forbidden" for terms in concept.terms.values() for t in terms)
            if not forbidden_only:
                collector.report(shown, entry.sourceline, "a concept without an English term")
                continue
        concepts.append(concept)
    return concepts


def _term(section, shown, collector):
    term_elements = [e for e in section.iter() if _local(e) == "term"]
    if not term_elements or not (term_elements[0].text or "").strip():
        collector.report(shown, section.sourceline, "a term section without a term")
        return None
    text = " ".join(term_elements[0].text.split())
    status, gender, number, dnt = "preferred", "", "", False
    for note in section.iter():
        kind = note.get("type") if _local(note) in ("termNote", "descrip", "admin") else None
        value = (note.text or "").strip()
        if kind == "administrativeStatus":
            if value not in STATUS_FROM_TBX:
                collector.report(shown, note.sourceline, f"unknown administrativeStatus {value!r}")
                return None
            status = STATUS_FROM_TBX[value]
        elif kind == "grammaticalGender":
            gender = GENDER_FROM_TBX.get(value, "")
        elif kind == "grammaticalNumber":
            number = value if value in ("singular", "plural") else ""
        elif kind == "transferComment" and value == DO_NOT_TRANSLATE:
            dnt = True
    return text, status, gender, number, dnt


def write_tbx(concepts: list[Concept], description: str = "Glossary of the l10n project") -> bytes:
    root = etree.Element(
        f"{{{NS}}}tbx", nsmap={None: NS}, attrib={"style": "dca", "type": "TBX-Basic", XML_LANG: "en"}
    )
    header = etree.SubElement(root, f"{{{NS}}}tbxHeader")
    file_desc = etree.SubElement(header, f"{{{NS}}}fileDesc")
    source_desc = etree.SubElement(file_desc, f"{{{NS}}}sourceDesc")
    etree.SubElement(source_desc, f"{{{NS}}}p").text = description
    body = etree.SubElement(etree.SubElement(root, f"{{{NS}}}text"), f"{{{NS}}}body")
    for concept in concepts:
        entry = etree.SubElement(body, f"{{{NS}}}conceptEntry", id=concept.id)
        if concept.note:
            etree.SubElement(entry, f"{{{NS}}}note").text = concept.note
        languages = sorted(concept.terms, key=lambda lang: (lang != "en", lang))
        for language in languages:
            lang_section = etree.SubElement(entry, f"{{{NS}}}langSec", attrib={XML_LANG: language})
            for term in concept.terms[language]:
                section = etree.SubElement(lang_section, f"{{{NS}}}termSec")
                etree.SubElement(section, f"{{{NS}}}term").text = term.text
                _note(section, "administrativeStatus", STATUS_TO_TBX[term.status])
                if term.gender:
                    _note(section, "grammaticalGender", GENDER_TO_TBX[term.gender])
                if term.number:
                    _note(section, "grammaticalNumber", term.number)
                if concept.do_not_translate and language == "en" and term is concept.terms["en"][0]:
                    _note(section, "transferComment", DO_NOT_TRANSLATE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _note(parent, kind: str, value: str) -> None:
    etree.SubElement(parent, f"{{{NS}}}termNote", type=kind).text = value
