"""One translate run: what is pending, what can be reused, one engine batch per language
under the glossary, and the results written back without touching anything a person
translated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import polib

from l10n import catalog, entries
from l10n.engines import Engine, choose_engine
from l10n.entries import Provenance
from l10n.extract import extract
from l10n.glossary import Glossary, project_glossary
from l10n.glossary.enforce import Enforcer
from l10n.glossary.matcher import Matcher
from l10n.project import Project
from l10n.reporting import Reporter
from l10n.store import DraftRow
from l10n.typography import localise
from l10n.workspace import Changes, Workspace, entry_key, file_signature


@dataclass
class LanguageResult:
    sent: int = 0  # distinct texts sent to the engine
    reused: int = 0  # entries filled without an engine call of their own
    unchanged: int = 0  # entries that needed nothing
    engine: str = ""
    route: str = ""
    engine_calls: int = 0
    suggested: int = 0  # changed sources of human translations given a machine suggestion
    unenforced: int = 0  # entries flagged because a glossary term could not be placed
    files_written: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        return {"sent": self.sent, "reused": self.reused, "unchanged": self.unchanged}

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Draft:
    text: str
    provenance: Provenance
    unenforced: tuple[str, ...] = ()


def translate(
    project: Project,
    languages: list[str],
    slugs: list[str],
    engine_name: str | None = None,
    reporter: Reporter | None = None,
) -> dict[str, LanguageResult]:
    reporter = reporter or Reporter()
    glossary = project_glossary(project)
    matcher = Matcher(glossary)
    with Workspace(project) as workspace:
        extract(project, slugs, languages, glossary, matcher, workspace)
        return {
            language: _translate_language(
                workspace, language, slugs, engine_name, reporter, glossary, matcher
            )
            for language in languages
        }


def _stale(entry: polib.POEntry, glossary: Glossary, matcher: Matcher) -> bool:
    """A machine draft made under another version of the glossary, for a text with terms."""
    provenance = entries.machine_provenance(entry)
    if provenance is None or not entry.fuzzy or provenance.glossary == glossary.version:
        return False
    if entries.state(entry) == "rejected":
        return False  # a reviewer's note waits for a person, not for the engine
    return bool(matcher.find(entry.msgid))


def _translate_language(
    workspace, language, slugs, engine_name, reporter, glossary, matcher
) -> LanguageResult:
    project = workspace.project
    source = project.config.source_language
    result = LanguageResult()
    pending: dict[str, None] = {}  # msgids to fill, in order of first appearance
    wanting_suggestion: dict[str, None] = {}
    finished: dict[str, str] = {}  # cache: catalogs with nothing to do, as of their signature
    for slug in slugs:
        path = project.po_path(language, slug)
        key, signature = f"pending:{language}:{slug}", file_signature(path)
        cached = workspace.store.cached(key)
        if cached and cached.rsplit("|", 1)[0] == f"{signature}|{glossary.version}":
            result.unchanged += int(cached.rsplit("|", 1)[1])  # nobody touched it since: skip
            continue
        todo, suggest, unchanged = _scan(catalog.read_catalog(path), glossary, matcher)
        pending.update(dict.fromkeys(todo))
        wanting_suggestion.update(dict.fromkeys(suggest))
        result.unchanged += unchanged
        if not todo and not suggest:
            finished[key] = f"{signature}|{glossary.version}|{unchanged}"
    workspace.store.cache(finished)
    if not pending and not wanting_suggestion:
        return result

    # Only now is an engine needed (a no-op run works even where none is installed).
    engine = choose_engine(project.config, source, language, engine_name)
    provenance = Provenance(
        engine=engine.name,
        route=engine.route(source, language),
        version=engine.version(source, language),
        glossary=glossary.version,
    )
    result.engine, result.route = engine.name, provenance.route
    memory = _memory(project, language, provenance) if pending else {}
    resolved: dict[str, Draft] = {m: memory[m] for m in pending if m in memory}
    to_send = [m for m in pending if m not in resolved]
    to_send += [m for m in wanting_suggestion if m not in resolved and m not in pending]
    enforcer = Enforcer(glossary, language, matcher)
    machine = _run_engine(engine, enforcer, to_send, source, language, reporter, result, provenance)
    resolved.update(machine)

    first_use = set(machine)  # a msgid's first entry is the engine call, later ones reuse it
    done: dict[str, int | None] = {}
    for slug in slugs:
        path = project.po_path(language, slug)

        def apply(po: polib.POFile, changes: Changes, slug=slug) -> tuple[list[str], int, int]:
            filled, suggested, flagged = [], 0, 0
            for entry in _active(po):
                draft = resolved.get(entry.msgid)
                if draft is None:
                    continue
                if not entry.msgstr or _stale(entry, glossary, matcher):
                    entries.set_machine_draft(entry, draft.text, draft.provenance)
                    entries.set_unenforced_terms(entry, list(draft.unenforced))
                    filled.append(entry.msgid)
                    flagged += bool(draft.unenforced)
                    origin = draft.provenance
                    changes.drafts.append(
                        DraftRow(
                            entry_key(language, slug, entry),
                            draft.text,
                            origin.engine,
                            origin.route,
                            origin.version,
                            origin.glossary,
                        )
                    )
                elif entries.needs_suggestion(entry):
                    entries.set_suggestion(entry, draft.text, draft.provenance)
                    suggested += 1
            todo, suggest, unchanged = _scan(po, glossary, matcher)
            done[slug] = unchanged if not todo and not suggest else None
            return filled, suggested, flagged

        before = path.stat().st_mtime_ns
        filled, suggested, flagged = workspace.edit(language, slug, apply)
        if done.get(slug) is not None:
            value = f"{file_signature(path)}|{glossary.version}|{done[slug]}"
            workspace.store.cache({f"pending:{language}:{slug}": value})
        for msgid in filled:
            if msgid in first_use:
                first_use.discard(msgid)
            else:
                result.reused += 1
        result.suggested += suggested
        result.unenforced += flagged
        if path.stat().st_mtime_ns != before:
            result.files_written.append(project.relative(path))
    reporter.info(
        f"{language}: {result.sent} sent to {engine.name} ({provenance.route}), "
        f"{result.reused} reused, {result.unchanged} unchanged"
    )
    if result.unenforced:
        reporter.warn(f"{language}: {result.unenforced} entries have glossary terms that could not be placed")
    return result


def _scan(po: polib.POFile, glossary: Glossary, matcher: Matcher) -> tuple[list[str], list[str], int]:
    """Entries to translate, entries wanting a suggestion, and the number of the others."""
    todo, suggest, unchanged = [], [], 0
    for entry in _active(po):
        if not entry.msgstr or _stale(entry, glossary, matcher):
            todo.append(entry.msgid)
        elif entries.needs_suggestion(entry):
            suggest.append(entry.msgid)
        else:
            unchanged += 1
    return todo, suggest, unchanged


def _active(po: polib.POFile):
    return (e for e in po if not e.obsolete)


def _run_engine(
    engine: Engine, enforcer: Enforcer, texts: list[str], source, target, reporter, result, provenance
) -> dict[str, Draft]:
    if not texts:
        return {}
    protected = [enforcer.protect(text) for text in texts]
    reporter.start(f"{target} ({engine.name})", len(texts))
    try:
        outputs = engine.translate_batch(
            [p.text for p in protected], source, target, progress=reporter.advance
        )
    finally:
        reporter.finish()
    result.engine_calls += 1
    result.sent = len(texts)
    drafts = {}
    for text, shielded, output in zip(texts, protected, outputs, strict=True):
        enforced = enforcer.restore(shielded, output, text)
        drafts[text] = Draft(localise(enforced.text, target), provenance, tuple(enforced.unenforced))
    return drafts


def _memory(project: Project, language: str, provenance: Provenance) -> dict[str, Draft]:
    """Exact matches from every catalog of the language: a reviewed human translation first,
    else an identical machine draft from the same engine, route, version and glossary."""
    human: dict[str, Draft] = {}
    machine: dict[str, Draft] = {}
    for slug in project.slugs():
        path = project.po_path(language, slug)
        if not path.exists():
            continue
        for entry in _active(catalog.read_catalog(path)):
            if not entry.msgstr:
                continue
            if not entry.fuzzy and entry.msgid not in human:
                human[entry.msgid] = Draft(
                    entry.msgstr, Provenance("memory", route=slug, glossary=provenance.glossary)
                )
            elif entries.machine_provenance(entry) == provenance and entry.msgid not in machine:
                machine[entry.msgid] = Draft(entry.msgstr, provenance, tuple(entries.unenforced_terms(entry)))
    return {**machine, **human}
