"""``l10n glossary lint``: what is wrong or doubtful in the glossary files."""

from __future__ import annotations

from pathlib import Path

from l10n.glossary import load_glossary
from l10n.glossary.conflicts import duplicates
from l10n.glossary.model import Glossary
from l10n.glossary.problems import Collector, Problem


def lint(folder: Path, root: Path | None = None) -> list[Problem]:
    collector = Collector(collect=True)
    glossary = load_glossary(folder, root, collector)
    return collector.problems + _duplicates(glossary) + _empty_languages(glossary) + _self_forbidden(glossary)


def _duplicates(glossary: Glossary) -> list[Problem]:
    problems = []
    for found in duplicates(glossary):
        concept, term, other = found.concept, found.term, found.other
        if other is concept:
            problems.append(
                Problem(concept.source, term.line or concept.line, f"{term.text!r} is listed twice")
            )
            continue
        kind = "conflicting targets" if found.differing else "duplicate"
        detail = f" ({', '.join(found.differing)})" if found.differing else ""
        problems.append(
            Problem(
                concept.source,
                concept.line,
                f"{kind}{detail}: {term.text!r} is also defined at {other.where()}",
            )
        )
    return problems


def _empty_languages(glossary: Glossary) -> list[Problem]:
    languages = [lang for lang in glossary.languages() if lang != "en"]
    problems = []
    for concept in glossary.concepts:
        if concept.do_not_translate or not concept.english():
            continue
        missing = [lang for lang in languages if not concept.approved(lang)]
        if missing:
            name = concept.english()[0].text
            problems.append(
                Problem(concept.source, concept.line, f"{name!r} has no term in: {', '.join(missing)}")
            )
    return problems


def _self_forbidden(glossary: Glossary) -> list[Problem]:
    problems = []
    for concept in glossary.concepts:
        for language in concept.terms:
            approved = {t.text.casefold() for t in concept.approved(language)}
            for term in concept.forbidden(language):
                if term.text.casefold() in approved:
                    problems.append(
                        Problem(
                            concept.source,
                            term.line or concept.line,
                            f"{term.text!r} is both approved and forbidden in {language}",
                        )
                    )
    return problems
