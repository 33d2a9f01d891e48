"""Reading English articles into documents. Nothing here writes, so that worker processes
can parse articles in parallel (l10n.executors)."""

from __future__ import annotations

from l10n.documents import Document, parse_markdown
from l10n.errors import L10nError
from l10n.project import Project


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
        text,  # line endings are the parser's to keep
        project.relative(path),
        fields=project.config.front_matter,
        language=project.config.source_language,
    )


def load_documents(project: Project, slugs: list[str]) -> list[Document]:
    """The articles' documents, in order; the first malformed one raises."""
    return [load_document(project, slug) for slug in slugs]
