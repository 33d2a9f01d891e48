"""TMX import and export of a project's translation memory.

Import checks every file completely before storing anything: XML that parses safely, a
source language that is the project's, at least one unit in a language the project
translates into, every unit with its English and with the same placeholders in each
translation. The first problem is one located error and nothing is imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n import __version__
from l10n.documents.segment import PlaceholderError, validate_placeholders
from l10n.errors import L10nError
from l10n.formats.tmx import TmxUnit, read_tmx, write_tmx
from l10n.project import Project
from l10n.repository import Catalogs
from l10n.tm.units import Unit, add_imported, language_units


def primary(code: str) -> str:
    """``fr-FR`` → ``fr``; ``pt_BR`` → ``pt``."""
    return code.replace("_", "-").split("-")[0].lower()


def language_of(code: str, languages: list[str]) -> str | None:
    """The project language a TMX/XLIFF language code stands for, if any."""
    normal = code.replace("_", "-").lower()
    for language in languages:
        if normal == language.replace("_", "-").lower():
            return language
    candidates = [language for language in languages if primary(language) == primary(code)]
    return candidates[0] if len(candidates) == 1 else None


@dataclass
class Imported:
    file: str
    language: str
    units: int
    new: int


def import_tmx(project: Project, paths: list[Path], languages: list[str]) -> list[Imported]:
    source = project.config.source_language
    read: list[tuple[str, dict[str, list[Unit]]]] = []
    for path in paths:
        shown = str(path)
        document = read_tmx(path, shown)
        if document.srclang and document.srclang != "*all*" and primary(document.srclang) != primary(source):
            raise L10nError(
                f"wrong languages: the memory translates from {document.srclang!r}, "
                f"the project from {source!r}",
                shown,
            )
        found: dict[str, list[Unit]] = {}
        for number, tu in enumerate(document.units, start=1):
            for language, unit in _units(tu, number, source, languages, path.name, shown):
                found.setdefault(language, []).append(unit)
        if not found:
            present = sorted({code for tu in document.units for code in tu.variants})
            raise L10nError(
                f"wrong languages: no unit in {', '.join(languages)} "
                f"(the file has {', '.join(present) or 'none'})",
                shown,
            )
        read.append((shown, found))
    report = []
    for shown, found in read:
        for language, units in sorted(found.items()):
            report.append(Imported(shown, language, len(units), add_imported(project, language, units)))
    return report


def _units(tu: TmxUnit, number: int, source: str, languages: list[str], name: str, shown: str):
    where = f"unit {number}" + (f" (tuid {tu.tuid})" if tu.tuid else "")
    english = next((text for code, text in tu.variants.items() if primary(code) == primary(source)), None)
    if english is None or not english.strip():
        raise L10nError(f"{where}: no {source} text", shown, tu.line)
    for code, text in tu.variants.items():
        language = language_of(code, languages)
        if language is None or primary(code) == primary(source) or not text.strip():
            continue
        try:
            validate_placeholders(english, text)
        except PlaceholderError as exc:
            raise L10nError(
                f"{where}: {code} placeholders do not match the source: {exc}", shown, tu.line
            ) from None
        props = {k: v for k, v in tu.props.items() if k and v}
        yield (
            language,
            Unit(
                english,
                text,
                language,
                f"tmx:{name}",
                tu.created,
                props.get("x-reviewer", tu.creator),
                props.get("x-article", ""),
                props,
            ),
        )


def export_tmx(catalogs: Catalogs, language: str) -> tuple[bytes, int]:
    source = catalogs.project.config.source_language
    units = language_units(catalogs, language)
    tus = [
        TmxUnit(
            {source: unit.source, language: unit.target},
            tuid=unit.id,
            created=unit.created,
            creator=unit.reviewer,
            props={"x-article": unit.article, "x-reviewer": unit.reviewer, "x-origin": unit.origin},
        )
        for unit in units
    ]
    return write_tmx(source, tus, __version__), len(tus)
