"""One translate run: what is pending, what can be reused, one engine batch per language
under the glossary, and the results written back without touching anything a person
translated."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace

from l10n import route_selection
from l10n.drafting import translate_as_pipeline
from l10n.engines import Engine, choose_engine
from l10n.engines.second_route import second_opinion
from l10n.extract import extract
from l10n.fileio import signature
from l10n.glossary import Glossary, project_glossary
from l10n.glossary.enforce import Enforcer
from l10n.glossary.matcher import Matcher
from l10n.history import Draft as StoredDraft
from l10n.model import Entry, Provenance, State
from l10n.pofile import Catalog
from l10n.project import Project
from l10n.reporting import Reporter
from l10n.repository import Catalogs, Edit


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
    unknown: tuple[str, ...] = ()  # words the engine marked as unknown
    fixes: tuple[str, ...] = ()  # automatic fix rules applied
    unfixed: tuple[str, ...] = ()  # fix rules that did not apply cleanly, and why


@dataclass
class Work:
    """What one language needs: texts to translate, texts wanting a suggestion."""

    pending: dict[str, None] = field(default_factory=dict)  # msgids, in order of first appearance
    suggest: dict[str, None] = field(default_factory=dict)


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
    source = project.config.source_language
    # A language that has no catalog yet certainly needs an engine: find out before writing
    # anything, so that a language no engine reaches leaves no files behind.
    for language in languages:
        if not any(project.po_path(language, slug).exists() for slug in slugs) and slugs:
            choose_engine(project.config, source, language, engine_name)
    with Catalogs(project) as catalogs:
        extract(project, slugs, languages, glossary, matcher, catalogs)
        return {
            language: _translate_language(catalogs, language, slugs, engine_name, reporter, glossary, matcher)
            for language in languages
        }


class Planner:
    """Decides, entry by entry, what a translate run must do."""

    def __init__(self, catalogs: Catalogs, glossary: Glossary, matcher: Matcher):
        self.catalogs, self.glossary, self.matcher = catalogs, glossary, matcher

    def stale(self, entry: Entry, drafts: dict) -> bool:
        """A machine draft made under another version of the glossary, for a text with terms."""
        if not entry.is_machine_draft or entry.state is State.REJECTED:
            return False
        stored: StoredDraft | None = drafts.get((entry.key, entry.machine))
        if stored is None or stored.glossary == self.glossary.version:
            return False
        return bool(self.matcher.find(entry.msgid))

    def scan(self, catalog: Catalog, work: Work) -> int:
        """Add the catalog's work; return how many entries need nothing."""
        drafts = self.catalogs.store.drafts_of(catalog.language, catalog.article)
        unchanged = 0
        for entry in catalog.active():
            if entry.po.msgid_plural:
                unchanged += 1
            elif not entry.text or self.stale(entry, drafts):
                work.pending[entry.msgid] = None
            elif entry.needs_suggestion:
                work.suggest[entry.msgid] = None
            else:
                unchanged += 1
        return unchanged


def _translate_language(
    catalogs: Catalogs,
    language: str,
    slugs: list[str],
    engine_name: str | None,
    reporter: Reporter,
    glossary: Glossary,
    matcher: Matcher,
) -> LanguageResult:
    project = catalogs.project
    store = catalogs.store
    planner = Planner(catalogs, glossary, matcher)
    result = LanguageResult()
    work = Work()
    for slug in slugs:
        key, now = f"pending:{language}:{slug}", signature(project.po_path(language, slug))
        cached = json.loads(store.cached(key) or "{}")
        if cached.get("signature") == now and cached.get("glossary") == glossary.version:
            result.unchanged += cached["unchanged"]  # nobody touched it since: skip unread
            continue
        catalog = catalogs.read(language, slug)
        if catalog is None:
            continue
        mine = Work()
        unchanged = planner.scan(catalog, mine)
        work.pending.update(mine.pending)
        work.suggest.update(mine.suggest)
        result.unchanged += unchanged
        if not mine.pending and not mine.suggest:
            _remember_done(catalogs, language, slug, glossary, unchanged)
    if not work.pending and not work.suggest:
        return result

    # Only now is an engine needed (a no-op run works even where none is installed).
    source = project.config.source_language
    engine = choose_engine(project.config, source, language, engine_name)
    provenance = Provenance(
        engine.name, engine.route(source, language), engine.version(source, language), glossary.version
    )
    result.engine, result.route = engine.name, provenance.route
    memory = _memory(catalogs, language, slugs, provenance) if work.pending else {}
    resolved: dict[str, Draft] = {m: memory[m] for m in work.pending if m in memory}
    to_send = [m for m in work.pending if m not in resolved]
    to_send += [m for m in work.suggest if m not in resolved and m not in work.pending]
    enforcer = Enforcer(glossary, language, matcher)
    machine = _run_engine(engine, enforcer, to_send, source, language, reporter, provenance)
    result.sent, result.engine_calls = len(to_send), int(bool(to_send))
    resolved.update(machine)

    first_use = set(machine)  # a msgid's first entry is the engine call, later ones reuse it
    for slug in slugs:
        outcome = catalogs.edit(language, slug, lambda edit: _fill(edit, planner, resolved))
        if outcome.result is None:
            continue
        filled, suggested, flagged, left = outcome.result
        if left is not None:
            _remember_done(catalogs, language, slug, glossary, left)
        for msgid in filled:
            if msgid in first_use:
                first_use.discard(msgid)
            else:
                result.reused += 1
        result.suggested += suggested
        result.unenforced += flagged
        if outcome.written:
            result.files_written.append(project.relative(project.po_path(language, slug)))
    reporter.info(
        f"{language}: {result.sent} sent to {engine.name} ({provenance.route}), "
        f"{result.reused} reused, {result.unchanged} unchanged"
    )
    if result.unenforced:
        reporter.warn(f"{language}: {result.unenforced} entries have glossary terms that could not be placed")
    return result


def _fill(edit: Edit, planner: Planner, resolved: dict[str, Draft]) -> tuple[list[str], int, int, int | None]:
    """Put drafts into empty (or stale) entries and suggestions beside carried human text."""
    catalog = edit.catalog
    drafts = planner.catalogs.store.drafts_of(catalog.language, catalog.article)
    filled, suggested, flagged = [], 0, 0
    for entry in catalog.active():
        draft = resolved.get(entry.msgid)
        if draft is None or entry.po.msgid_plural:
            continue
        if not entry.text or planner.stale(entry, drafts):
            entry.set_machine_draft(draft.text, draft.unenforced, draft.unknown, draft.unfixed)
            edit.draft(
                entry, draft.text, draft.provenance, draft.unenforced,
                unknown=draft.unknown, fixes=draft.fixes, unfixed=draft.unfixed,
            )  # fmt: skip
            filled.append(entry.msgid)
            flagged += bool(draft.unenforced)
        elif entry.needs_suggestion:
            entry.set_suggestion(draft.text)
            edit.draft(entry, draft.text, draft.provenance, kind="suggestion")
            suggested += 1
    rest = Work()
    unchanged = planner.scan(catalog, rest)
    return filled, suggested, flagged, (None if rest.pending or rest.suggest else unchanged)


def _remember_done(catalogs: Catalogs, language: str, slug: str, glossary: Glossary, unchanged: int) -> None:
    value = {
        "signature": signature(catalogs.project.po_path(language, slug)),
        "glossary": glossary.version,
        "unchanged": unchanged,
    }
    catalogs.store.cache({f"pending:{language}:{slug}": json.dumps(value)})


def _run_engine(
    engine: Engine,
    enforcer: Enforcer,
    texts: list[str],
    source: str,
    target: str,
    reporter: Reporter,
    provenance: Provenance,
) -> dict[str, Draft]:
    if not texts:
        return {}
    reporter.start(f"{target} ({engine.name})", len(texts))
    try:
        made = translate_as_pipeline(
            engine, enforcer.glossary, texts, source, target, enforcer.matcher, progress=reporter.advance
        )
    finally:
        reporter.finish()
    provenances = [provenance] * len(texts)
    second = second_opinion(engine, source, target) if target in route_selection.LANGUAGES else None
    if second is not None:  # per sentence, the route whose draft is estimated better
        other = translate_as_pipeline(second, enforcer.glossary, texts, source, target, enforcer.matcher)
        picks = route_selection.prefer_second(
            (engine, made), (second, other), texts, source, target, enforcer.glossary, enforcer.matcher
        )
        alternative = replace(
            provenance, route=second.route(source, target), version=second.version(source, target)
        )
        made = [o if pick else d for d, o, pick in zip(made, other, picks, strict=True)]
        provenances = [alternative if pick else provenance for pick in picks]
    return {
        text: Draft(d.text, p, d.unenforced, d.unknown, d.fixes, d.unfixed)
        for text, d, p in zip(texts, made, provenances, strict=True)
    }


def _memory(catalogs: Catalogs, language: str, slugs: list[str], provenance: Provenance) -> dict[str, Draft]:
    """Exact matches from every catalog of the language: a reviewed human translation first,
    else an identical machine draft from the same engine, route, version and glossary."""
    human: dict[str, Draft] = {}
    machine: dict[str, Draft] = {}
    project = catalogs.project
    for slug in project.slugs():
        catalog = catalogs.read(language, slug)
        if catalog is None:
            continue
        drafts = catalogs.store.drafts_of(language, slug)
        for entry in catalog.active():
            if not entry.text or entry.po.msgid_plural:
                continue
            if entry.state.done and entry.msgid not in human:
                human[entry.msgid] = Draft(
                    entry.text, Provenance("memory", route=slug, glossary=provenance.glossary)
                )
            elif entry.is_machine_draft and entry.machine and entry.msgid not in machine:
                stored = drafts.get((entry.key, entry.machine))
                if stored is not None and _same_origin(stored, provenance):
                    notes = (stored.unenforced, stored.unknown, stored.fixes, stored.unfixed)
                    machine[entry.msgid] = Draft(entry.text, provenance, *notes)
    return {**machine, **human}


def _same_origin(stored: StoredDraft, provenance: Provenance) -> bool:
    return (stored.engine, stored.route, stored.engine_version, stored.glossary) == (
        provenance.engine,
        provenance.route,
        provenance.version,
        provenance.glossary,
    )
