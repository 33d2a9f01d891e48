"""Gender and number of a noun, from the morphological analysers that Apertium's Debian
language pairs install (``lt-proc`` on an ``.automorf.bin``): the possessive fix needs the
article of a noun it moves ("l'engagement", "la capacité")."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path


def data_dir() -> Path:
    """Where Apertium's language data is (as the Apertium engine reads it)."""
    return Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"))


# An analyser per language, from a pair that is installed with the routes l10n uses.
ANALYSERS = {
    "fr": "apertium-fr-es/fr-es.automorf.bin",
    "it": "apertium-spa-ita/ita-spa.automorf.bin",
    "es": "apertium-eng-spa/spa-eng.automorf.bin",
}
_NOUN = re.compile(r"<n><(m|f|mf)><(sg|pl|sp)>")


def _analyser(language: str) -> Path | None:
    relative = ANALYSERS.get(language.replace("-", "_").split("_")[0])
    path = data_dir() / relative if relative else None
    return path if path and path.is_file() and shutil.which("lt-proc") else None


@cache
def noun(language: str, word: str) -> tuple[str, str] | None:
    """(gender, number) of ``word`` when every reading of it as a noun agrees:
    ("m", "sg") for "engagement", ("m", "pl") for "investissements"; None when the word
    is not a noun, is ambiguous, or no analyser is installed."""
    path = _analyser(language)
    if path is None or not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", word):
        return None
    result = subprocess.run(
        ["lt-proc", str(path)], input=word + "\n", capture_output=True, text=True, timeout=30
    )
    readings = {(g, n) for g, n in _NOUN.findall(result.stdout)}
    if len(readings) != 1:
        return None
    gender, number = next(iter(readings))
    if gender == "mf" or number == "sp":
        return None
    return gender, number
