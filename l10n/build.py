"""Catalogs → translated articles (``output/<lang>/<slug>.md``) and compiled ``.mo`` files.

Every source block ends up translated, kept on purpose (code, HTML) or named in the report:
a segment without a usable translation and text too deeply nested to extract are listed in
``in_source``, with the article's file and line.
"""

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

# Why text stays in the source language
NO_TRANSLATION = "no translation"
NOT_REVIEWED = "not reviewed"
UNUSABLE = "unusable translation"


@dataclass
class InSource:
    """Source text shipped untranslated in a built article."""

    where: str  # articles/en/<slug>.md:LINE
    kind: str  # paragraph, heading, table cell, front matter: title, blockquote, …
    reason: str
    text: str  # the msgid, or the first words of what was not extracted


@dataclass
class ArticleBuild:
    language: str
    slug: str
    output: str
    segments: int = 0
    reviewed: int = 0  # a person translated or accepted it
    unreviewed: int = 0  # machine drafts or carried-over translations awaiting review
    source: int = 0  # segments and blocks shown in the source language (each named in in_source)
    problems: list[str] = field(default_factory=list)  # po file:line: why a translation was unusable
    kept: dict[str, int] = field(default_factory=dict)  # blocks kept as they are on purpose, by kind
    in_source: list[InSource] = field(default_factory=list)


def build(
    project: Project,
    languages: list[str],
    slugs: list[str],
    reviewed_only: bool = False,
    allow_source: bool = False,
) -> list[ArticleBuild]:
    documents = {slug: load_document(project, slug) for slug in slugs}
    if not allow_source:
        segments = sum(len(document.segments) for document in documents.values())
        for language in languages:
            _require_translations(project, language, slugs, segments)
    results = []
    for slug, document in documents.items():
        for language in languages:
            results.append(_build_one(project, document, language, slug, reviewed_only))
    return results


def _require_translations(project: Project, language: str, slugs: list[str], segments: int) -> None:
    """Refuse to ship a language nobody translated: it would be the source text renamed.
    (Articles with nothing to translate are no reason to refuse.)"""
    if not segments:
        return
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
    report = ArticleBuild(language, slug, project.relative(output), kept=dict(document.kept))
    po_name = project.relative(po_path)

    def in_source(segment: Segment, reason: str) -> None:
        where = f"{document.path}:{segment.line}"
        report.in_source.append(InSource(where, segment.kind, reason, segment.text))

    def translate(segment: Segment) -> str | None:
        report.segments += 1
        entry = by_id.get(segment.text)
        if entry is None:
            in_source(segment, NO_TRANSLATION)
            return None
        if entry.fuzzy:
            if reviewed_only:
                in_source(segment, NOT_REVIEWED)
                return None
            report.unreviewed += 1
        else:
            report.reviewed += 1
        return entry.msgstr

    def problem(segment: Segment, message: str) -> None:
        entry = by_id[segment.text]
        report.problems.append(f"{po_name}:{entry.linenum}: {message}; source text used")
        if entry.fuzzy:
            report.unreviewed -= 1
        else:
            report.reviewed -= 1
        in_source(segment, UNUSABLE)

    text = document.render(translate, problem, mark_source=SOURCE_MARK if reviewed_only else "")
    for block in document.unextracted:
        report.in_source.append(
            InSource(f"{document.path}:{block.line}", block.kind, block.reason, block.text)
        )
    report.in_source.sort(key=lambda item: int(item.where.rsplit(":", 1)[1]))
    report.source = len(report.in_source)
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


SHOWN = 10  # items of in_source listed per article in text output


def describe(result: ArticleBuild) -> list[str]:
    """The text report of one built article: counts, what was kept, what stayed in the source."""
    head = (
        f"{result.output}: {result.reviewed} reviewed, {result.unreviewed} awaiting review, "
        f"{result.source} in the source language"
    )
    if result.kept:
        head += "; kept as is: " + ", ".join(
            _count(n, kind) for kind, n in sorted(result.kept.items(), key=_lower)
        )
    lines = [head]
    for item in result.in_source[:SHOWN]:
        lines.append(f"  {item.where} {item.kind} ({item.reason}): {_excerpt(item.text)}")
    if len(result.in_source) > SHOWN:
        lines.append(f"  … and {len(result.in_source) - SHOWN} more (--format json lists them all)")
    return lines


def _lower(item: tuple[str, int]) -> str:
    return item[0].lower()


def _count(number: int, kind: str) -> str:
    return f"{number} {kind}" + ("" if number == 1 else "s")


def _excerpt(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
