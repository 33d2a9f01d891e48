"""Comparing two runs' outputs: PO files byte for byte (apart from their dates), and the
drafts recorded in the history (apart from ids and times)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

DATES = re.compile(r'^"(PO-Revision-Date|POT-Creation-Date): .*\\n"$', re.MULTILINE)


def po_files(project: Path) -> dict[str, str]:
    """Every PO and POT file, by path, with its dates blanked."""
    return {
        path.relative_to(project).as_posix(): DATES.sub(r'"\1: -\\n"', path.read_text(encoding="utf-8"))
        for path in sorted((project / "locales").rglob("*.po*"))
    }


def drafts(project: Path) -> dict[str, list[dict]]:
    """Every catalog's history records, without ids and times, in file order."""
    found = {}
    for path in sorted((project / "history").glob("*/*.jsonl")):
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        found[path.relative_to(project).as_posix()] = [
            {k: v for k, v in record.items() if k not in ("id", "at")} for record in records
        ]
    return found


def twin(project: Path, name: str) -> Path:
    """A copy of a project, before any translation, under another folder name (the same
    project name, so that PO headers agree)."""
    copy = project.parent / name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".l10n", "locales", "history"))
    return copy


def many_sentences(count: int) -> list[str]:
    """Distinct English sentences, as varied as a short template allows."""
    subjects = ["The minister", "A delegation", "The council", "Our partners", "The new office"]
    verbs = ["discussed", "approved", "reviewed", "welcomed", "presented"]
    objects = ["the transport plan", "a water agreement", "the energy report", "new customs rules"]
    places = ["in Astana", "in Tashkent", "in Brussels", "in Baku", "in Bishkek"]
    out = []
    for index in range(count):
        out.append(
            f"{subjects[index % 5]} {verbs[index // 5 % 5]} {objects[index // 25 % 4]} "
            f"{places[index // 100 % 5]} on {index % 28 + 1} May {1900 + index}."
        )
    return out


def write_articles(project: Path, sentences: list[str], per_article: int) -> None:
    for start in range(0, len(sentences), per_article):
        chunk = sentences[start : start + per_article]
        paragraphs = [" ".join(chunk[i : i + 3]) for i in range(0, len(chunk), 3)]
        text = f"---\ntitle: Report {start // per_article}\n---\n\n" + "\n\n".join(paragraphs) + "\n"
        (project / "articles" / "en" / f"report-{start // per_article:03d}.md").write_text(text)


def one_route(root: Path) -> None:
    """Turn French route selection off in a project: one engine batch per chunk of text."""
    config = root / "l10n.toml"
    config.write_text(config.read_text().replace('route_selection = ["fr"]', "route_selection = []"))
