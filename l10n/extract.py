"""Articles → POT templates → per-language PO catalogs (the ``extract`` step)."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n import catalog
from l10n.documents import Document, parse_markdown
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
        text.replace("\r\n", "\n"),
        project.relative(path),
        fields=project.config.front_matter,
        language=project.config.source_language,
    )


@dataclass
class ExtractReport:
    templates_written: list[str] = field(default_factory=list)
    catalogs: dict[str, catalog.UpdateResult] = field(default_factory=dict)  # po path → result
    segments: int = 0


def extract(
    project: Project,
    slugs: list[str],
    languages: list[str],
    decorate=None,
    workspace=None,
) -> tuple[dict[str, Document], ExtractReport]:
    """Parse articles, refresh their templates and merge them into each language's catalog.

    ``decorate(entry, language)`` may refresh derived comments (glossary hints) on every
    entry of every catalog as it is merged.
    """
    from l10n.workspace import Workspace

    if workspace is None:
        with Workspace(project) as own:
            return extract(project, slugs, languages, decorate, own)
    report = ExtractReport()
    documents: dict[str, Document] = {}
    project_name = project.root.name
    # Parse everything first: a malformed article stops the run before any file is written.
    for slug in slugs:
        documents[slug] = load_document(project, slug)
    for slug, document in documents.items():
        template = catalog.build_template(document.path, document.segments, project_name)
        report.segments += len(template)
        if catalog.write_template(template, project.template_path(slug)):
            report.templates_written.append(project.relative(project.template_path(slug)))
        for language in languages:
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
    return documents, report
