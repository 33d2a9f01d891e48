"""Articles → POT templates → per-language PO catalogs (the ``extract`` step)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from l10n import __version__, catalog
from l10n.articles import load_documents
from l10n.documents import SEGMENTATION, Document
from l10n.errors import L10nError
from l10n.fileio import signature
from l10n.glossary import Glossary, project_glossary
from l10n.glossary.check import hints
from l10n.glossary.matcher import Matcher
from l10n.project import Project
from l10n.repository import Catalogs, Change, Edit

# Articles whose files are written in one group (one sync pass): about 4 files each, all
# their catalogs' locks held at once, so well under the usual limit of 1,024 open files.
GROUP = 100


def glossary_hints(glossary, matcher):
    """A ``decorate`` for :func:`extract` adding ``#. glossary: SDGs → ODD`` lines (derived
    data: recomputed on every update, so msgmerge dropping them is harmless)."""
    if not glossary.concepts:
        return None

    def decorate(entry, language: str) -> None:
        lines = hints(glossary, matcher, entry.msgid, language)
        if lines:
            entry.comment = "\n".join([entry.comment, *lines]) if entry.comment else "\n".join(lines)

    return decorate


@dataclass
class ExtractReport:
    templates_written: list[str] = field(default_factory=list)
    catalogs: dict[str, catalog.UpdateResult] = field(default_factory=dict)  # po path → result
    segments: int = 0
    skipped: int = 0  # articles unchanged since their catalogs were last written


def extract(
    project: Project,
    slugs: list[str],
    languages: list[str],
    glossary: Glossary | None = None,
    matcher: Matcher | None = None,
    catalogs: Catalogs | None = None,
    parse: Callable[[Project, list[str]], list[Document]] = load_documents,
) -> tuple[dict[str, Document], ExtractReport]:
    """Parse articles, refresh their templates and merge them into each language's catalog,
    with the glossary's hints on every entry (default: the project's glossary).

    An article whose text, settings and glossary are unchanged since its catalogs were
    last written, and whose catalogs nobody touched since, is skipped without being
    parsed. ``parse`` reads articles (an executor's can use several processes). Returns
    the documents parsed and a report.
    """
    if catalogs is None:
        with Catalogs(project) as own:
            return extract(project, slugs, languages, glossary, matcher, own, parse)
    glossary = project_glossary(project) if glossary is None else glossary
    decorate = glossary_hints(glossary, matcher or Matcher(glossary))
    report = ExtractReport()
    store = catalogs.store
    settings = "|".join(
        [
            __version__,
            SEGMENTATION,
            project.config.source_language,
            ",".join(project.config.front_matter),
            glossary.version,
        ]
    )
    plans: dict[str, tuple[str, list[str]]] = {}  # slug → (digest, stale languages)
    for slug in slugs:
        digest = _digest(project, slug, settings)
        stale = [
            language
            for language in languages
            if store.cached(f"extract:{language}:{slug}")
            != f"{digest}|{signature(project.po_path(language, slug))}"
        ]
        template_stale = (
            store.cached(f"template:{slug}") != f"{digest}|{signature(project.template_path(slug))}"
        )
        if stale or template_stale:
            plans[slug] = (digest, stale)
        else:
            report.skipped += 1
    # Parse everything first: a malformed article stops the run before any file is written.
    documents = dict(zip(plans, parse(project, list(plans)), strict=True))
    slugs_parsed = list(documents)
    for start in range(0, len(slugs_parsed), GROUP):
        _write_group(
            project,
            catalogs,
            {s: documents[s] for s in slugs_parsed[start : start + GROUP]},
            plans,
            decorate,
            report,
        )
    return documents, report


def _write_group(project, catalogs, documents, plans, decorate, report: ExtractReport) -> None:
    """Templates and catalogs of some articles, written together (one sync pass)."""
    templates: dict[Path, str] = {}
    changes: list[Change] = []
    for slug, document in documents.items():
        template = catalog.build_template(document.path, document.segments, project.config.name)
        report.segments += len(template)
        text = catalog.template_text(template, project.template_path(slug))
        if text is not None:
            templates[project.template_path(slug)] = text
        for language in plans[slug][1]:
            changes.append(
                Change(
                    language,
                    slug,
                    functools.partial(_merge, template=template, language=language, decorate=decorate),
                    create=functools.partial(catalog.new_catalog, template, language),
                )
            )
    outcomes = iter(catalogs.edit_all(changes, also=templates))
    report.templates_written += [project.relative(path) for path in templates]
    written: dict[str, str] = {}
    for slug in documents:
        digest, stale = plans[slug]
        written[f"template:{slug}"] = f"{digest}|{signature(project.template_path(slug))}"
        for language in stale:
            path = project.po_path(language, slug)
            outcome = next(outcomes)
            if outcome.result is not None:
                report.catalogs[project.relative(path)] = outcome.result
            written[f"extract:{language}:{slug}"] = f"{digest}|{signature(path)}"
    catalogs.store.cache(written)


def _merge(edit: Edit, template, language: str, decorate) -> catalog.UpdateResult:
    result, carried = catalog.update_catalog(edit.catalog, template)
    for entry in carried:
        entry.mark_edited(edit.event(entry, "carry", None, entry.text, note=entry.po.previous_msgid))
    if decorate:
        for entry in edit.catalog.active():
            decorate(entry.po, language)
    return result


def _digest(project: Project, slug: str, settings: str) -> str:
    path = project.article_path(slug)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", project.relative(path)) from None
    return hashlib.sha1(settings.encode() + b"\0" + data).hexdigest()[:16]
