"""How much the committed history grows per translate/review cycle (100 articles × 3
languages, Apertium): bytes and lines of history/ after the first translate, after
reviewing a tenth of the entries, after a second reviewer approves them, and after one
edited sentence per article is translated again. Writes bench/history_growth.json."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import articles, sentences  # noqa: E402

BENCH = Path(__file__).resolve().parent
L10N = [sys.executable, "-m", "l10n"]
LANGUAGES = ["fr", "es", "it"]


def l10n(project: Path, *args: str) -> str:
    return subprocess.run(
        [*L10N, "--project", str(project), *args], check=True, capture_output=True, text=True
    ).stdout


def size(project: Path) -> dict:
    files = list((project / "history").rglob("*.jsonl"))
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "lines": sum(len(p.read_bytes().splitlines()) for p in files),
        "files": len(files),
    }


def main() -> None:
    work = BENCH / "work" / "history"
    subprocess.run(["rm", "-rf", str(work)], check=True)
    subprocess.run([*L10N, "init", str(work), "--lang", ",".join(LANGUAGES)], check=True, capture_output=True)
    docs = articles(sentences(3000), 30)
    for slug, text in list(docs.items())[:100]:
        (work / "articles" / "en" / f"{slug}.md").write_text(text)
    steps = []
    started = time.perf_counter()
    l10n(work, "translate")
    steps.append({"step": "first translate (every entry drafted)", **size(work)})
    queue = json.loads(l10n(work, "queue", "--format", "json"))
    chosen = [item["id"] for item in queue[::10]]
    for index in range(0, len(chosen), 50):
        l10n(work, "approve", *chosen[index : index + 50], "--reviewer", "Alice <alice@example.org>")
    steps.append({"step": f"{len(chosen)} entries reviewed", **size(work)})
    for index in range(0, len(chosen), 50):
        l10n(work, "approve", *chosen[index : index + 50], "--reviewer", "Bob <bob@example.org>")
    steps.append({"step": f"{len(chosen)} entries approved by a second reviewer", **size(work)})
    for path in sorted((work / "articles" / "en").glob("*.md")):
        text = path.read_text()
        path.write_text(text.replace(" March", " April", 1))
    l10n(work, "translate")
    steps.append({"step": "one sentence edited per article, translated again", **size(work)})
    entries = len(queue)
    growth = [
        {**step, "added_bytes": step["bytes"] - (steps[i - 1]["bytes"] if i else 0)}
        for i, step in enumerate(steps)
    ]
    result = {
        "articles": 100,
        "languages": LANGUAGES,
        "entries": entries,
        "steps": growth,
        "bytes_per_draft": round(steps[0]["bytes"] / max(steps[0]["lines"], 1), 1),
        "seconds": round(time.perf_counter() - started, 1),
    }
    (BENCH / "history_growth.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
