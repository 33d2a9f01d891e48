"""Which words a language knows, from the Debian hunspell dictionaries
(/usr/share/hunspell, `hunspell-fr`, `hunspell-es`…), asked through the `hunspell`
program: one process per language, started on first use and kept for the run.

Measured on this machine: spylls (pure-Python hunspell from PyPI) installs cleanly but
takes 1.7–3.5 s to load one dictionary (fr 2.6–3.5 s, es 2.7 s, it 2.2 s, en 1.7 s), so a
`l10n queue` over French would spend about 8 s loading French, English and Spanish; the
hunspell program loads one in about 0.1 s and answers 300 queries in 0.04 s."""

from __future__ import annotations

import atexit
import os
import select
import shutil
import subprocess
from functools import cache
from pathlib import Path

DICTIONARIES = Path("/usr/share/hunspell")
# A word no dictionary knows, letters only (some dictionaries split words at digits):
# hunspell lists it last, which marks the end of its answer.
_SENTINEL = "qxqzvendofbatchqxqzv"
ANSWER_TIMEOUT = 10  # seconds


def dictionary(language: str, folder: Path = DICTIONARIES) -> Path | None:
    """The .dic of a language code: "fr" → fr.dic, "es" → es_ES.dic, "pt" → pt_PT.dic."""
    code = language.replace("-", "_")
    base = code.split("_")[0]
    for name in (code, f"{base}_{base.upper()}", base):
        if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
            return folder / f"{name}.dic"
    found = sorted(folder.glob(f"{base}_*.dic"))
    return found[0] if found else None


class Lexicon:
    """The words of one dictionary; answers are cached for the life of the process."""

    def __init__(self, path: Path):
        self.path = path
        self._known: dict[str, bool] = {}
        self._process: subprocess.Popen | None = None

    def unknown(self, words: list[str]) -> set[str]:
        """Those of ``words`` the dictionary does not know."""
        ask = sorted({w for w in words if w not in self._known and "\n" not in w})
        if ask:
            missing = self._ask(ask)
            self._known.update({w: w not in missing for w in ask})
        return {w for w in words if not self._known.get(w, True)}

    def knows(self, word: str) -> bool:
        return not self.unknown([word])

    def _ask(self, words: list[str]) -> set[str]:
        if self._process is None:
            # hunspell buffers its output when writing to a pipe: stdbuf makes it answer
            # line by line, so one process serves the whole run.
            command = ["stdbuf", "-oL", "hunspell", "-i", "utf-8", "-l", "-d", str(self.path.with_suffix(""))]
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
            atexit.register(self.close)
        assert self._process.stdin and self._process.stdout
        self._process.stdin.write(("\n".join([*words, _SENTINEL]) + "\n").encode("utf-8"))
        self._process.stdin.flush()
        answer = b""
        while not answer.endswith(f"\n{_SENTINEL}\n".encode()) and answer != f"{_SENTINEL}\n".encode():
            ready, _, _ = select.select([self._process.stdout], [], [], ANSWER_TIMEOUT)
            chunk = os.read(self._process.stdout.fileno(), 65536) if ready else b""
            if not chunk:  # hunspell died or never answered: judge nothing rather than hang
                self.close()
                return set()
            answer += chunk
        return set(answer.decode("utf-8", "replace").splitlines()) - {_SENTINEL}

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait(timeout=5)
            self._process = None


@cache
def lexicon(language: str) -> Lexicon | None:
    """The language's lexicon, or None when hunspell or its dictionary is not installed
    (scripts/install-system-packages.sh installs both)."""
    path = dictionary(language)
    if path is None or not shutil.which("hunspell") or not shutil.which("stdbuf"):
        return None
    return Lexicon(path)
