"""One translate run: what is pending, what can be reused, one engine batch per language,
and the results written back without touching anything a person translated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import polib

from l10n import catalog, entries
from l10n.engines import Engine, choose_engine
from l10n.entries import Provenance
from l10n.extract import extract
from l10n.project import Project
from l10n.reporting import Reporter


@dataclass
class LanguageResult:
    sent: int = 0  # distinct texts sent to the engine
    reused: int = 0  # entries filled without an engine call of their own
    unchanged: int = 0  # entries that needed nothing
    engine: str = ""
    route: str = ""
    engine_calls: int = 0
    suggested: int = 0  # changed sources of human translations given a machine suggestion
    files_written: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"sent": self.sent, "reused": self.reused, "unchanged": self.unchanged}

    def as_dict(self) -> dict:
        return asdict(self)


def translate(
    project: Project,
    languages: list[str],
    slugs: list[str],
    engine_name: str | None = None,
    reporter: Reporter | None = None,
) -> dict[str, LanguageResult]:
    reporter = reporter or Reporter()
    extract(project, slugs, languages)
    results = {}
    for language in languages:
        results[language] = _translate_language(project, language, slugs, engine_name, reporter)
    return results


def _translate_language(project, language, slugs, engine_name, reporter) -> LanguageResult:
    source = project.config.source_language
    result = LanguageResult()
    pending: dict[str, None] = {}  # msgids to fill, in order of first appearance
    wanting_suggestion: dict[str, None] = {}
    for slug in slugs:
        for entry in _active(catalog.read_catalog(project.po_path(language, slug))):
            if not entry.msgstr:
                pending[entry.msgid] = None
            elif entries.needs_suggestion(entry):
                wanting_suggestion[entry.msgid] = None
            else:
                result.unchanged += 1
    if not pending and not wanting_suggestion:
        return result

    # Only now is an engine needed (a no-op run works even where none is installed).
    engine = choose_engine(project.config, source, language, engine_name)
    provenance = Provenance(
        engine=engine.name,
        route=engine.route(source, language),
        version=engine.version(source, language),
    )
    result.engine, result.route = engine.name, provenance.route
    memory = _memory(project, language, provenance) if pending else {}
    resolved: dict[str, tuple[str, Provenance]] = {m: memory[m] for m in pending if m in memory}
    to_send = [m for m in pending if m not in resolved]
    to_send += [m for m in wanting_suggestion if m not in resolved and m not in pending]
    machine = _run_engine(engine, to_send, source, language, reporter, result)
    resolved.update({m: (t, provenance) for m, t in machine.items()})

    first_use = set(machine)  # a msgid's first entry is the engine call, later ones reuse it
    for slug in slugs:
        path = project.po_path(language, slug)

        def apply(po: polib.POFile) -> tuple[list[str], int]:
            filled, suggested = [], 0
            for entry in _active(po):
                found = resolved.get(entry.msgid)
                if found is None:
                    continue
                text, origin = found
                if not entry.msgstr:
                    entries.set_machine_draft(entry, text, origin)
                    filled.append(entry.msgid)
                elif entries.needs_suggestion(entry):
                    entries.set_suggestion(entry, text, origin)
                    suggested += 1
            return filled, suggested

        before = path.stat().st_mtime_ns
        filled, suggested = catalog.edit_catalog(path, project.lock_path(path), apply)
        for msgid in filled:
            if msgid in first_use:
                first_use.discard(msgid)
            else:
                result.reused += 1
        result.suggested += suggested
        if path.stat().st_mtime_ns != before:
            result.files_written.append(project.relative(path))
    reporter.info(
        f"{language}: {result.sent} sent to {engine.name} ({provenance.route}), "
        f"{result.reused} reused, {result.unchanged} unchanged"
    )
    return result


def _active(po: polib.POFile):
    return (e for e in po if not e.obsolete)


def _run_engine(engine: Engine, texts: list[str], source, target, reporter, result) -> dict[str, str]:
    if not texts:
        return {}
    reporter.start(f"{target} ({engine.name})", len(texts))
    try:
        outputs = engine.translate_batch(texts, source, target, progress=reporter.advance)
    finally:
        reporter.finish()
    result.engine_calls += 1
    result.sent = len(texts)
    return dict(zip(texts, outputs, strict=True))


def _memory(project: Project, language: str, provenance: Provenance) -> dict[str, tuple[str, Provenance]]:
    """Exact matches from every catalog of the language: a reviewed human translation first,
    else an identical machine draft from the same engine, route and version."""
    human: dict[str, tuple[str, Provenance]] = {}
    machine: dict[str, tuple[str, Provenance]] = {}
    for slug in project.slugs():
        path = project.po_path(language, slug)
        if not path.exists():
            continue
        for entry in _active(catalog.read_catalog(path)):
            if not entry.msgstr:
                continue
            if not entry.fuzzy and entry.msgid not in human:
                human[entry.msgid] = (entry.msgstr, Provenance("memory", route=slug))
            elif entries.machine_provenance(entry) == provenance and entry.msgid not in machine:
                machine[entry.msgid] = (entry.msgstr, provenance)
    return {**machine, **human}
