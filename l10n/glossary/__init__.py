"""The glossary: loaded from every TBX and CSV file in ``glossaries/``, matched on the
English side, enforced in machine translation and checked in every PO file."""

from __future__ import annotations

from pathlib import Path

from l10n.glossary.model import Concept, Glossary, Term
from l10n.glossary.problems import Collector, Problem


def glossary_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".tbx", ".csv") and p.is_file())


def read_file(path: Path, collector: Collector, shown: str | None = None) -> list[Concept]:
    if path.suffix.lower() == ".tbx":
        from l10n.glossary.tbx import read_tbx

        return read_tbx(path, collector, shown)
    from l10n.glossary.csvfile import read_csv

    return read_csv(path, collector, shown)


def load_glossary(folder: Path, root: Path | None = None, collector: Collector | None = None) -> Glossary:
    """Every glossary file of a folder as one glossary. Errors stop the load with their
    file and line, unless ``collector`` collects them."""
    collector = collector or Collector()
    concepts: list[Concept] = []
    files = []
    for path in glossary_files(folder):
        shown = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        files.append(shown)
        concepts += read_file(path, collector, shown)
    return Glossary(attach_forbidden(concepts, collector), files)


def project_glossary(project) -> Glossary:
    """The glossary of a project (every file in its ``glossaries/`` folder). Two files that
    give one English term different targets stop here: silently preferring one file (the
    first by name) would enforce a term nobody chose."""
    from l10n.glossary.conflicts import refuse_file_conflicts

    glossary = load_glossary(project.glossaries_dir, project.root)
    refuse_file_conflicts(glossary)
    return glossary


def attach_forbidden(concepts: list[Concept], collector: Collector) -> list[Concept]:
    """Tie forbidden-only rows to the concept they belong to: by their English anchor, or
    by the approved form their note names. Rows that match nothing stay on their own."""
    by_english: dict[str, Concept] = {}
    for concept in concepts:
        for term in concept.english():
            by_english.setdefault(term.text.casefold(), concept)
    kept = []
    for concept in concepts:
        is_forbidden_only = all(not t.approved for terms in concept.terms.values() for t in terms)
        if not is_forbidden_only:
            kept.append(concept)
            continue
        owner = by_english.get(concept.anchor.casefold()) if concept.anchor else None
        if concept.anchor and owner is None:
            collector.report(
                concept.source, concept.line, f"forbidden row for unknown English term {concept.anchor!r}"
            )
            continue
        if owner is None:
            owner = _named_in_note(concept, kept + concepts)
        if owner is None or owner is concept:
            kept.append(concept)
            continue
        for language, terms in concept.terms.items():
            owner.terms.setdefault(language, []).extend(terms)
    return kept


def _named_in_note(forbidden: Concept, candidates: list[Concept]) -> Concept | None:
    note = forbidden.note.casefold()
    if not note:
        return None
    best, best_length = None, 0
    for language in forbidden.terms:
        for candidate in candidates:
            for term in candidate.approved(language):
                text = term.text.casefold()
                if text in note and len(text) > best_length:
                    best, best_length = candidate, len(text)
    return best


__all__ = [
    "Collector",
    "Concept",
    "Glossary",
    "Problem",
    "Term",
    "glossary_files",
    "load_glossary",
    "project_glossary",
]
