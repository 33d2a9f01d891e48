"""Catalogs → translated articles (``output/<lang>/<slug>.md``) and compiled ``.mo`` files."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from l10n import catalog
from l10n.articles import load_document
from l10n.documents import Segment
from l10n.errors import L10nError
from l10n.fileio import atomic_write
from l10n.pofile import read_po
from l10n.project import Project

# Put before text a --reviewed-only build leaves in the source language: invisible when the
# Markdown is rendered, easy to find in the file.
SOURCE_MARK = "<!-- l10n: not reviewed, source text -->"


@dataclass
class ArticleBuild:
    language: str
    slug: str
    output: str
    segments: int = 0
    reviewed: int = 0  # a person translated or accepted it
    unreviewed: int = 0  # machine drafts or carried-over translations awaiting review
    source: int = 0  # no usable translation: the English text is shown
    problems: list[str] = field(default_factory=list)  # po file:line: why a translation was unusable


def build(
    project: Project,
    languages: list[str],
    slugs: list[str],
    reviewed_only: bool = False,
    allow_source: bool = False,
) -> list[ArticleBuild]:
    if not allow_source:
        for language in languages:
            _require_translations(project, language, slugs)
    results = []
    for slug in slugs:
        document = load_document(project, slug)
        for language in languages:
            results.append(_build_one(project, document, language, slug, reviewed_only))
    return results


def _require_translations(project: Project, language: str, slugs: list[str]) -> None:
    """Refuse to ship a language nobody translated: it would be the source text renamed."""
    for slug in slugs:
        if any(entry.msgstr for entry in catalog.active_entries(project.po_path(language, slug))):
            return
    raise L10nError(
        f"nothing is translated into {language!r}: run `l10n translate --lang {language}` first"
        " (or build with --allow-source to ship the source text)"
    )


def _build_one(project, document, language, slug, reviewed_only) -> ArticleBuild:
    po_path = project.po_path(language, slug)
    po = read_po(po_path) if po_path.exists() else None
    by_id = {e.msgid: e for e in po if not e.obsolete and e.msgstr} if po else {}
    output = project.inside("output", language, f"{slug}.md")
    report = ArticleBuild(language, slug, project.relative(output))
    po_name = project.relative(po_path)

    def translate(segment: Segment) -> str | None:
        report.segments += 1
        entry = by_id.get(segment.text)
        if entry is None:
            report.source += 1
            return None
        if entry.fuzzy:
            if reviewed_only:
                report.source += 1
                return None
            report.unreviewed += 1
        else:
            report.reviewed += 1
        return entry.msgstr

    def problem(segment: Segment, message: str) -> None:
        entry = by_id[segment.text]
        report.problems.append(f"{po_name}:{entry.linenum}: {message}; source text used")

    text = document.render(translate, problem, mark_source=SOURCE_MARK if reviewed_only else "")
    _write_if_changed(output, text.encode("utf-8"))
    if po is not None:
        mo = project.inside("output", language, "LC_MESSAGES", f"{slug}.mo")
        _write_if_changed(mo, po.to_binary())
    return report


def _write_if_changed(path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    atomic_write(path, data)


def as_dicts(results: list[ArticleBuild]) -> list[dict]:
    return [asdict(r) for r in results]
