"""Glossaries as CSV: one row per concept, a column per language.

    en,fr,de,es,status,note,fr.gender
    SDG|SDGs,ODD,SDG,ODS,,,m
    Roman Vassilenko,,,,do-not-translate,Kazakh deputy foreign minister,
    ,objectifs de développement soutenable,,,forbidden,use: objectifs de développement durable,

``|`` separates variants, the preferred one first. ``status`` is ``preferred`` (default),
``forbidden`` or ``do-not-translate``. A forbidden row names a rendering that must not
appear; with only one language filled, its note names the approved form (that is how it
is tied to its concept). Optional ``<lang>.gender`` (m, f, n) and ``<lang>.number``
(singular, plural) columns describe the variants of a language, in the same order.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from l10n.config import LANGUAGE_CODE
from l10n.glossary.model import GENDERS, NUMBERS, Concept, Term
from l10n.glossary.problems import Collector

STATUS_VALUES = ("preferred", "forbidden", "do-not-translate")


def read_csv(path: Path, collector: Collector, shown: str | None = None) -> list[Concept]:
    shown = shown or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        collector.report(shown, None, f"not UTF-8 text ({exc.reason})")
        return []
    except OSError as exc:
        collector.report(shown, None, f"cannot read: {exc.strerror}")
        return []
    reader = csv.reader(io.StringIO(text), strict=True)  # strict: an unclosed quote is an error
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        collector.report(shown, 1, "empty CSV file (expected a header such as en,fr,status,note)")
        return []
    except csv.Error as exc:
        collector.report(shown, 1, f"malformed CSV: {exc}")
        return []
    if not _check_header(header, shown, collector):
        return []
    concepts = []
    while True:
        line = reader.line_num + 1  # where the row starts (a quoted field may span lines)
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            collector.report(shown, line, _csv_problem(exc))
            break
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != len(header):
            collector.report(shown, line, f"expected {len(header)} fields, found {len(row)}")
            continue
        concept = _concept(dict(zip(header, (c.strip() for c in row), strict=True)), shown, line, collector)
        if concept is not None:
            concepts.append(concept)
    return concepts


def _csv_problem(exc: csv.Error) -> str:
    if "unexpected end of data" in str(exc):
        return "unterminated quote: the quoted field that starts on this line never closes"
    return f"malformed CSV: {exc}"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _check_header(header: list[str], shown: str, collector: Collector) -> bool:
    ok = True
    if "en" not in header:
        collector.report(shown, 1, "the header needs an 'en' column")
        ok = False
    for name in header:
        base, _, suffix = name.partition(".")
        if name in ("status", "note") or (LANGUAGE_CODE.match(base) and suffix in ("", "gender", "number")):
            continue
        collector.report(
            shown, 1, f"unknown column {name!r} (languages, status, note, <lang>.gender, <lang>.number)"
        )
        ok = False
    if len(set(header)) != len(header):
        collector.report(shown, 1, "a column appears twice in the header")
        ok = False
    return ok


def _concept(cells: dict[str, str], shown: str, line: int, collector: Collector) -> Concept | None:
    status = cells.get("status", "") or "preferred"
    if status not in STATUS_VALUES:
        collector.report(shown, line, f"unknown status {status!r} (preferred, forbidden, do-not-translate)")
        return None
    languages = [k for k in cells if "." not in k and k not in ("status", "note")]
    english = cells.get("en", "").split("|")[0].strip()
    concept_id = _slug(english) if english and status != "forbidden" else f"{Path(shown).stem}-{line}"
    concept = Concept(id=concept_id, note=cells.get("note", ""), source=shown, line=line)
    concept.do_not_translate = status == "do-not-translate"
    if status == "forbidden":
        # The English cell, if any, only says which concept the forbidden renderings belong to.
        concept.anchor = cells.get("en", "").split("|")[0].strip()
        languages = [lang for lang in languages if lang != "en"]
        if not any(cells[lang] for lang in languages):
            collector.report(
                shown, line, "a forbidden row needs the forbidden rendering in a target language"
            )
            return None
    for language in languages:
        if not cells[language]:
            continue
        variants = [v.strip() for v in cells[language].split("|")]
        if any(not v for v in variants):
            collector.report(shown, line, f"empty variant in the {language} column")
            return None
        genders = _parallel(
            cells.get(f"{language}.gender", ""),
            len(variants),
            GENDERS,
            f"{language}.gender",
            shown,
            line,
            collector,
        )
        numbers = _parallel(
            cells.get(f"{language}.number", ""),
            len(variants),
            NUMBERS,
            f"{language}.number",
            shown,
            line,
            collector,
        )
        if genders is None or numbers is None:
            return None
        terms = []
        for index, variant in enumerate(variants):
            term_status = (
                "forbidden" if status == "forbidden" else ("preferred" if index == 0 else "admitted")
            )
            terms.append(Term(variant, term_status, genders[index], numbers[index], line))
        concept.terms[language] = terms
    if not concept.terms:
        collector.report(shown, line, "a row with no term in any language")
        return None
    if concept.do_not_translate and "en" not in concept.terms:
        collector.report(shown, line, "a do-not-translate row needs its English form")
        return None
    if concept.do_not_translate:
        # The name stays in English everywhere; <lang>.gender tells articles how to agree.
        english = concept.terms["en"][0].text
        for column, value in cells.items():
            language, _, key = column.partition(".")
            if key == "gender" and value and language not in concept.terms:
                if value not in GENDERS:
                    collector.report(shown, line, f"{column} must be one of {', '.join(GENDERS)}")
                    return None
                concept.terms[language] = [Term(english, "preferred", value, "", line)]
    if status == "preferred" and "en" not in concept.terms:
        collector.report(shown, line, "a preferred row needs its English term")
        return None
    return concept


def _parallel(value, count, allowed, column, shown, line, collector) -> list[str] | None:
    if not value:
        return [""] * count
    items = [v.strip() for v in value.split("|")]
    if len(items) == 1:
        items = items * count
    if len(items) != count or any(i not in allowed for i in items):
        collector.report(shown, line, f"{column} must be one of {', '.join(allowed)} per variant")
        return None
    return items


def write_csv(concepts: list[Concept]) -> str:
    languages = sorted({lang for c in concepts for lang in c.terms}, key=lambda lang: (lang != "en", lang))
    extra = []
    for language in languages:
        for key in ("gender", "number"):
            if any(getattr(t, key) for c in concepts for t in c.terms.get(language, [])):
                extra.append(f"{language}.{key}")
    header = [*languages, "status", "note", *extra]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for concept in concepts:
        approved = {lang: [t for t in terms if t.approved] for lang, terms in concept.terms.items()}
        forbidden = {lang: [t for t in terms if not t.approved] for lang, terms in concept.terms.items()}
        if any(approved.values()):
            status = "do-not-translate" if concept.do_not_translate else "preferred"
            writer.writerow(_row(header, languages, approved, status, concept.note))
        for language, terms in forbidden.items():
            if terms:
                preferred = concept.approved(language)
                note = f"use: {preferred[0].text}" if preferred else concept.note
                english = {"en": concept.english()[:1]} if language != "en" and concept.english() else {}
                writer.writerow(_row(header, languages, {language: terms} | english, "forbidden", note))
    return out.getvalue()


def _row(header, languages, terms_by_language, status, note) -> list[str]:
    cells = dict.fromkeys(header, "")
    for language in languages:
        terms = terms_by_language.get(language, [])
        if not terms:
            continue
        cells[language] = "|".join(t.text for t in terms)
        for key in ("gender", "number"):
            column = f"{language}.{key}"
            if column in cells and any(getattr(t, key) for t in terms):
                values = [getattr(t, key) for t in terms]
                cells[column] = values[0] if len(set(values)) == 1 else "|".join(values)
    cells["status"] = "" if status == "preferred" else status
    cells["note"] = note
    return [cells[h] for h in header]
