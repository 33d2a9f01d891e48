"""Quality scores with sacrebleu, always with their signature.

- Post-edit effort: each stored machine draft against what the reviewer made of it (TER
  and chrF), per entry and per language, article, engine and reviewer.
- Reference scores: each available engine's output (as the pipeline produces it, glossary
  enforced) against a reference set, with bootstrap confidence intervals, and a paired
  significance test against the first system when several are compared.
- Quality estimates without a reference: round-trip chrF through the reverse engine,
  lowered by failed checks; stored with the draft, used to rank the review queue, and
  compared with post-edit effort once reviews exist (Spearman rank correlation).

BLEU is only computed on whole corpora: on one sentence it means nothing.
"""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from dataclasses import dataclass

from l10n import catalog
from l10n.checks import Unit, run_checks
from l10n.glossary import Glossary
from l10n.glossary.check import check_translation
from l10n.glossary.matcher import Matcher
from l10n.project import Project
from l10n.references import read_reference_set, reference_files
from l10n.repository import Catalogs

N_BOOTSTRAP = 1000


def _metrics():
    from sacrebleu.metrics import BLEU, CHRF, TER

    return {"BLEU": BLEU(), "chrF++": CHRF(word_order=2), "TER": TER()}


def corpus_scores(hypotheses: list[str], references: list[str], n_bootstrap: int = 0, names=None) -> dict:
    scores = {}
    for name, metric in _metrics().items():
        if names and name not in names:
            continue
        result = metric.corpus_score(hypotheses, [references], n_bootstrap=n_bootstrap)
        scores[name] = {
            "score": round(result.score, 2),
            "signature": str(metric.get_signature()),
        }
        if n_bootstrap:
            scores[name]["mean"] = round(float(result._mean), 2)
            scores[name]["ci95"] = round(float(result._ci), 2)
    return scores


def sentence_effort(draft: str, final: str) -> dict:
    """TER and chrF of one draft against its reviewed text (no sentence BLEU)."""
    from sacrebleu.metrics import CHRF, TER

    return {
        "TER": round(TER().sentence_score(draft, [final]).score, 2),
        "chrF": round(CHRF().sentence_score(draft, [final]).score, 2),
    }


def spearman(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 3:
        return None

    def ranks(values):
        order = sorted(range(len(values)), key=values.__getitem__)
        result = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                result[order[k]] = (i + j) / 2
            i = j + 1
        return result

    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return round(cov / (vx * vy), 3) if vx and vy else None


# -- post-edit effort ------------------------------------------------------------------------


@dataclass
class Pair:
    language: str
    article: str
    ref: str
    msgid: str
    draft: str
    final: str
    engine: str
    reviewer: str
    quality: float | None


def reviewed_pairs(workspace: Catalogs, languages: list[str], articles: list[str]) -> list[Pair]:
    project = workspace.project
    pairs = []
    for language in languages:
        for article in articles:
            path = project.po_path(language, article)
            for _, entry in workspace.entries([language], [article]):
                if not entry.state.done:
                    continue
                draft = workspace.machine_draft(entry)
                if draft is None:
                    continue
                who = workspace.who("reviewed", entry)
                pairs.append(
                    Pair(
                        language,
                        article,
                        f"{project.relative(path)}:{entry.line}",
                        entry.msgid,
                        draft.text,
                        entry.text,
                        draft.engine,
                        str(who) if who else "unknown",
                        draft.quality,
                    )
                )
    return pairs


def post_edit_effort(pairs: list[Pair]) -> dict:
    groups: dict[str, dict[str, list[Pair]]] = {"language": {}, "article": {}, "engine": {}, "reviewer": {}}
    for pair in pairs:
        groups["language"].setdefault(pair.language, []).append(pair)
        groups["article"].setdefault(f"{pair.language}/{pair.article}", []).append(pair)
        groups["engine"].setdefault(f"{pair.language}/{pair.engine}", []).append(pair)
        groups["reviewer"].setdefault(pair.reviewer, []).append(pair)
    result: dict = {}
    # Signatures depend on the settings and the number of references only.
    signatures = {k: v["signature"] for k, v in corpus_scores(["x"], ["x"], names=("chrF++", "TER")).items()}
    for dimension, members in groups.items():
        result[dimension] = {}
        for name, group in sorted(members.items()):
            scores = corpus_scores(
                [p.draft for p in group], [p.final for p in group], names=("chrF++", "TER")
            )
            result[dimension][name] = {
                "entries": len(group),
                "edited": sum(p.draft != p.final for p in group),
                "TER": scores["TER"]["score"],
                "chrF++": scores["chrF++"]["score"],
            }
    entries_out = []
    for pair in pairs:
        entries_out.append(
            {
                "language": pair.language,
                "article": pair.article,
                "ref": pair.ref,
                "msgid": pair.msgid,
                "draft": pair.draft,
                "final": pair.final,
                "engine": pair.engine,
                "reviewer": pair.reviewer,
                "quality": pair.quality,
                **sentence_effort(pair.draft, pair.final),
            }
        )
    result["entries"] = sorted(entries_out, key=lambda e: -e["TER"])
    qe = [(e["quality"], e["TER"]) for e in entries_out if e["quality"] is not None]
    result["quality_vs_effort_spearman"] = spearman([q for q, _ in qe], [t for _, t in qe])
    result["signatures"] = signatures
    return result


# -- quality estimation ----------------------------------------------------------------------


def estimate_quality(
    workspace: Catalogs, glossary: Glossary, languages: list[str], articles: list[str]
) -> dict:
    """Round-trip chrF for every stored draft still in a catalog and not yet estimated."""
    from l10n.engines import EngineError
    from l10n.engines.apertium import ApertiumEngine

    project = workspace.project
    matcher = Matcher(glossary)
    source_language = project.config.source_language
    reverse = ApertiumEngine(project.config)
    summary = {}
    for language in languages:
        drafts = workspace.store.latest_drafts(language)
        todo = []
        for article in articles:
            for _, entry in workspace.entries([language], [article]):
                draft = drafts.get(entry.key)
                if draft is not None and draft.quality is None:
                    todo.append((entry, draft))
        if not todo:
            summary[language] = {"estimated": 0}
            continue
        if not reverse.supports(language, source_language):
            summary[language] = {"estimated": 0, "skipped": reverse.missing(language, source_language)}
            continue
        try:
            back = reverse.translate_batch([d.text for _, d in todo], language, source_language)
        except EngineError as exc:
            summary[language] = {"estimated": 0, "skipped": str(exc)}
            continue
        from sacrebleu.metrics import CHRF

        metric = CHRF()
        for (entry, draft), round_trip in zip(todo, back, strict=True):
            chrf = metric.sentence_score(round_trip, [entry.msgid]).score / 100
            unit = Unit(language, glossary, matcher, list(entry.unenforced))
            failures = [f for f in run_checks(entry.msgid, draft.text, unit) if f.severity == "error"]
            quality = round(chrf * (0.8 ** len(failures)), 3)
            detail = json.dumps(
                {
                    "round_trip": round_trip,
                    "chrF": round(chrf, 3),
                    "failed_checks": [f.check for f in failures],
                }
            )
            workspace.store.set_quality(draft.id, quality, detail)
        summary[language] = {
            "estimated": len(todo),
            "method": f"round-trip chrF via {reverse.route(language, source_language)},"
            " x0.8 per failed check",
        }
    return summary


# -- reference sets --------------------------------------------------------------------------


def reference_scores(project: Project, glossary: Glossary, languages: list[str]) -> dict:
    """Each available engine on each language's reference set, as the pipeline runs it."""
    from l10n.engines import ENGINES, load_engine
    from l10n.glossary.enforce import Enforcer
    from l10n.typography import localise

    files = reference_files(project.root)
    source_language = project.config.source_language
    results = {}
    for language in languages:
        if language not in files:
            continue
        pairs = read_reference_set(files[language])
        sources = [s for s, _ in pairs]
        references = [r for _, r in pairs]
        systems = []
        for name in ENGINES:
            engine = load_engine(name, project.config)
            if not engine.supports(source_language, language):
                continue
            enforcer = Enforcer(glossary, language)
            protected = [enforcer.protect(s) for s in sources]
            outputs = engine.translate_batch([p.text for p in protected], source_language, language)
            hypotheses = [
                localise(enforcer.restore(p, o, s).text, language)
                for p, o, s in zip(protected, outputs, sources, strict=True)
            ]
            systems.append((f"{name} ({engine.route(source_language, language)})", hypotheses))
            if name == "apertium" and glossary.concepts:
                raw = engine.translate_batch(sources, source_language, language)
                systems.append((f"{name} ({engine.route(source_language, language)}, no glossary)", raw))
        if not systems:
            continue
        results[language] = {
            "reference_set": project.relative(files[language]),
            "sentences": len(sources),
            "systems": [
                {"system": name, "scores": corpus_scores(hyps, references, n_bootstrap=N_BOOTSTRAP)}
                for name, hyps in systems
            ],
        }
        if len(systems) > 1:
            results[language]["paired_test"] = _paired_test(systems, references)
    return results


def _paired_test(systems: list[tuple[str, list[str]]], references: list[str]) -> dict:
    from sacrebleu.significance import PairedTest

    test = PairedTest(systems, _metrics(), [references], test_type="bs", n_samples=N_BOOTSTRAP)
    signatures, scores = test()
    out = {
        "baseline": systems[0][0],
        "test": "paired bootstrap resampling",
        "samples": N_BOOTSTRAP,
        "systems": {},
    }
    for index, name in enumerate(scores["System"]):
        if index == 0:
            continue
        # PairedTest names chrF++ by its signature name (chrF2++): take its columns in order.
        out["systems"][name] = {
            metric: {
                "score": round(scores[column][index].score, 2),
                "p_value": round(scores[column][index].p_value, 4),
            }
            for metric, column in zip(_metrics(), [c for c in scores if c != "System"], strict=True)
        }
    out["signatures"] = {metric: str(signature) for metric, signature in signatures.items()}
    return out


# -- the whole run ---------------------------------------------------------------------------


def git_commit(project: Project) -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=project.root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def glossary_adherence(project: Project, glossary: Glossary, language: str, articles: list[str]) -> dict:
    matcher = Matcher(glossary)
    with_terms = passing = 0
    for article in articles:
        path = project.po_path(language, article)
        for entry in catalog.active_entries(path):
            if not entry.msgstr or not matcher.find(entry.msgid):
                continue
            with_terms += 1
            passing += not check_translation(glossary, matcher, entry.msgid, entry.msgstr, language)
    return {
        "entries_with_terms": with_terms,
        "passing": passing,
        "percent": round(100 * passing / with_terms, 2) if with_terms else None,
    }


def score(
    project: Project, glossary: Glossary, languages: list[str], articles: list[str], snapshot: bool = True
) -> dict:
    from l10n.status import summarize

    with Catalogs(project) as workspace:
        quality = estimate_quality(workspace, glossary, languages, articles)
        pairs = reviewed_pairs(workspace, languages, articles)
        drafts = {lang: workspace.store.latest_drafts(lang) for lang in languages}
        effort = post_edit_effort(pairs)
        references = reference_scores(project, glossary, languages)
        states = [row.as_dict() for row in summarize(project, languages, articles)]
        per_language: dict = defaultdict(dict)
        per_article: dict = {}
        for row in states:
            key = f"{row['language']}/{row['article']}"
            qualities = [
                d.quality
                for k, d in drafts[row["language"]].items()
                if k[1] == row["article"] and d.quality is not None
            ]
            per_article[key] = {
                "states": row["states"],
                "post_edit": effort["article"].get(key),
                "quality_mean": round(sum(qualities) / len(qualities), 3) if qualities else None,
            }
            totals = per_language[row["language"]].setdefault("states", {})
            for state, count in row["states"].items():
                totals[state] = totals.get(state, 0) + count
        engines = set()
        for language in languages:
            qualities = [d.quality for d in drafts[language].values() if d.quality is not None]
            per_language[language]["post_edit"] = effort["language"].get(language)
            per_language[language]["quality_mean"] = (
                round(sum(qualities) / len(qualities), 3) if qualities else None
            )
            per_language[language]["glossary"] = glossary_adherence(project, glossary, language, articles)
            per_language[language]["reference"] = references.get(language)
            engines |= {f"{d.engine}:{d.route}:{d.engine_version}" for d in drafts[language].values()}
        report = {
            "git_commit": git_commit(project),
            "glossary_version": glossary.version,
            "engines": sorted(engines),
            "languages": dict(per_language),
            "articles": per_article,
            "post_edit": effort,
            "quality_estimation": quality,
        }
        report["snapshot"] = None
        if snapshot:
            report["snapshot"] = workspace.store.add_snapshot(
                report["git_commit"],
                glossary.version,
                json.dumps(report["engines"]),
                json.dumps(report, ensure_ascii=False),
            )
    return report
