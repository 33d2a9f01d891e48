"""Issue 13's signal table: for each check, how many of the sample workspace's machine drafts
it flags, per language, and how often it fires on the human reference translations (its
false-positive rate: a reference is taken as correct).

Reads the committed sample catalogs through ``l10n check --format json`` (the same findings
a reviewer sees) and runs the same check classes over tests/data/reference/<lang>.tsv and
<lang>.extra.tsv. Writes bench/signals.json and prints the README's table."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.checks import CHECKS, Unit, run_checks  # noqa: E402
from l10n.glossary import load_glossary  # noqa: E402
from l10n.glossary.matcher import Matcher  # noqa: E402
from l10n.references import read_reference_set  # noqa: E402

LANGUAGES = ["fr", "es", "it"]
MACHINE = "machine-draft"


def l10n_json(*args: str) -> list[dict]:
    listing = subprocess.run(
        [sys.executable, "-m", "l10n", "--project", str(REPO), *args, "--format", "json"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )  # fmt: skip
    if listing.returncode != 0:
        raise SystemExit(listing.stderr.strip())
    return json.loads(listing.stdout)


def sample_findings() -> dict[str, dict]:
    """Per language: machine drafts in the sample catalogs, and per check how many it flags
    (``check`` lists the entries with findings, ``status`` counts the drafts)."""
    rows = l10n_json("check")
    status = l10n_json("status")
    out: dict[str, dict] = {}
    for language in LANGUAGES:
        flagged_rows = [r for r in rows if r["language"] == language and r["state"] == MACHINE]
        flagged: Counter[str] = Counter()
        for row in flagged_rows:
            for check in {f["check"] for f in row["failures"]}:
                flagged[check] += 1
        out[language] = {
            "drafts": sum(s["states"].get(MACHINE, 0) for s in status if s["language"] == language),
            "flagged_by_any": len(flagged_rows),
            "flagged": dict(flagged),
        }
    return out


def reference_findings(glossary, matcher: Matcher) -> dict[str, dict]:
    """Per language: how many human reference sentences each check flags."""
    out: dict[str, dict] = {}
    folder = REPO / "tests" / "data" / "reference"
    for language in LANGUAGES:
        pairs = [
            p
            for name in (f"{language}.tsv", f"{language}.extra.tsv")
            for p in read_reference_set(folder / name)
        ]
        flagged: Counter[str] = Counter()
        for source, reference in pairs:
            unit = Unit(language, glossary=glossary, matcher=matcher)
            for check in {f.check for f in run_checks(source, reference, unit)}:
                flagged[check] += 1
        out[language] = {"references": len(pairs), "flagged": dict(flagged)}
    return out


def table(samples: dict, references: dict) -> str:
    head = "| check | " + " | ".join(f"{lang} drafts ({samples[lang]['drafts']})" for lang in LANGUAGES)
    head += " | " + " | ".join(f"{lang} refs ({references[lang]['references']})" for lang in LANGUAGES) + " |"
    lines = [head, "|---" * (1 + 2 * len(LANGUAGES)) + "|"]
    for check in CHECKS:
        drafts = [str(samples[lang]["flagged"].get(check.id, 0)) for lang in LANGUAGES]
        refs = [str(references[lang]["flagged"].get(check.id, 0)) for lang in LANGUAGES]
        lines.append(f"| {check.id} | " + " | ".join(drafts) + " | " + " | ".join(refs) + " |")
    anyone = [str(samples[lang]["flagged_by_any"]) for lang in LANGUAGES]
    lines.append("| any check | " + " | ".join(anyone) + " |" + " |" * len(LANGUAGES))
    return "\n".join(lines)


def main() -> None:
    glossary = load_glossary(REPO / "glossaries", REPO)
    samples = sample_findings()
    references = reference_findings(glossary, Matcher(glossary))
    report = {"samples": samples, "references": references, "checks": [c.id for c in CHECKS]}
    (REPO / "bench" / "signals.json").write_text(json.dumps(report, indent=1) + "\n")
    print(table(samples, references))


if __name__ == "__main__":
    main()
