"""Articles → POT templates → per-language PO catalogs (the ``extract`` step)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from l10n import __version__, catalog
from l10n.documents import SEGMENTATION, Document, parse_markdown
from l10n.errors import L10nError
from l10n.project import Project


def glossary_hints(glossary, matcher):
    """A ``decorate`` for :func:`extract` adding ``#. glossary: SDGs → ODD`` lines (derived
    data: recomputed on every update, so msgmerge dropping them is harmless)."""
    if not glossary.concepts:
        return None
    from l10n.glossary.check import hints

    def decorate(entry, language: str) -> None:
        lines = hints(glossary, matcher, entry.msgid, language)
        if lines:
            entry.comment = "\n".join([entry.comment, *lines]) if entry.comment else "\n".join(lines)

    return decorate


def load_document(project: Project, slug: str) -> Document:
    path = project.article_path(slug)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", project.relative(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError("not UTF-8 text", project.relative(path), line) from None
    return parse_markdown(
        text,
        project.relative(path),
        fields=project.config.front_matter,
        language=project.config.source_language,
    )


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
    glossary=None,
    matcher=None,
    workspace=None,
) -> tuple[dict[str, Document], ExtractReport]:
    """Parse articles, refresh their templates and merge them into each language's catalog,
    with the glossary's hints on every entry (default: the project's glossary).

    An article whose text, settings and glossary are unchanged since its catalogs were
    last written, and whose catalogs nobody touched since, is skipped without being
    parsed. Returns the documents parsed and a report.
    """
    from l10n.glossary import project_glossary
    from l10n.glossary.matcher import Matcher
    from l10n.workspace import Workspace, file_signature

    if workspace is None:
        with Workspace(project) as own:
            return extract(project, slugs, languages, glossary, matcher, own)
    glossary = project_glossary(project) if glossary is None else glossary
    decorate = glossary_hints(glossary, matcher or Matcher(glossary))
    salt = glossary.version
    report = ExtractReport()
    store = workspace.store
    settings = (
        f"{__version__}|{SEGMENTATION}|{project.config.source_language}"
        f"|{','.join(project.config.front_matter)}|{salt}"
    )
    plans: dict[str, tuple[str, list[str], bool]] = {}  # slug → (digest, stale languages, template stale)
    for slug in slugs:
        digest = _digest(project, slug, settings)
        stale = [
            language
            for language in languages
            if store.cached(f"extract:{language}:{slug}")
            != f"{digest}|{_signature(project.po_path(language, slug))}"
        ]
        template_stale = (
            store.cached(f"template:{slug}") != f"{digest}|{_signature(project.template_path(slug))}"
        )
        if stale or template_stale:
            plans[slug] = (digest, stale, template_stale)
        else:
            report.skipped += 1
    # Parse everything first: a malformed article stops the run before any file is written.
    documents = {slug: load_document(project, slug) for slug in plans}
    project_name = project.root.name
    for slug, document in documents.items():
        digest, stale, _ = plans[slug]
        template = catalog.build_template(document.path, document.segments, project_name)
        report.segments += len(template)
        template_path = project.template_path(slug)
        if catalog.write_template(template, template_path):
            report.templates_written.append(project.relative(template_path))
        written = {f"template:{slug}": f"{digest}|{file_signature(template_path)}"}
        for language in stale:
            path = project.po_path(language, slug)

            def merge(po, changes, template=template, language=language):
                result = catalog.update_catalog(po, template)
                if decorate:
                    for entry in po:
                        if not entry.obsolete:
                            decorate(entry, language)
                return result

            result = workspace.edit(
                language,
                slug,
                merge,
                create=lambda template=template, language=language: catalog.new_catalog(template, language),
            )
            report.catalogs[project.relative(path)] = result
            written[f"extract:{language}:{slug}"] = f"{digest}|{file_signature(path)}"
        store.cache(written)
    return documents, report


def _digest(project: Project, slug: str, settings: str) -> str:
    path = project.article_path(slug)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", project.relative(path)) from None
    return hashlib.sha1(settings.encode() + b"\0" + data).hexdigest()[:16]


def _signature(path) -> str | None:
    from l10n.workspace import file_signature

    return file_signature(path) if path.exists() else None
