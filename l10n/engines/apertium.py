"""Apertium, the rule-based engine from Debian's packages: offline, fast, gist quality.

Markup goes through Apertium's HTML format (``-f html``), which keeps inline tags in place;
in plain-text mode Apertium translates tag and attribute names. Paired placeholders become
``<span>`` elements (inline, so they do not break sentences); atoms become opaque words
(``XT3X``), which pass through untouched. Each batch is one pipeline per language pair:
units are ``<p>`` blocks, one per text, so outputs map back one to one.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from l10n.documents.segment import Tag, join_parts, strip_placeholders, tokenize
from l10n.engines import marks
from l10n.engines.base import Engine, EngineError, Progress, Translation, batch_timeout

# Routes from English, measured on tests/data/reference (see README); override per language
# in l10n.toml under [apertium.routes]. Reverse routes serve round-trip quality estimates.
DEFAULT_ROUTES = {
    ("en", "es"): "eng-spa",
    ("en", "ca"): "eng-spa|spa-cat",
    ("en", "fr"): "eng-spa|es-fr",
    ("en", "it"): "eng-spa|spa-ita",
    ("en", "pt"): "eng-cat|cat-por",
    ("en", "gl"): "eng-spa|es-gl",
    ("en", "hr"): "eng-hbs_HR",
    ("en", "sl"): "eng-hbs_HR|hbs-slv",
    ("es", "en"): "spa-eng",
    ("ca", "en"): "cat-eng",
    ("fr", "en"): "fr-es|spa-eng",
    ("it", "en"): "ita-spa|spa-eng",
    ("pt", "en"): "pt-es|spa-eng",
    ("gl", "en"): "gl-en",
    ("hr", "en"): "hbs-eng",
    ("sl", "en"): "slv-hbs_HR|hbs-eng",
}
INSTALL_HINT = (
    "apt-get install apertium apertium-eng-spa apertium-eng-cat apertium-fr-es "
    "apertium-fra-cat apertium-spa-ita apertium-cat-ita apertium-spa-cat apertium-por-cat "
    "apertium-es-pt apertium-es-gl apertium-en-gl apertium-hbs-eng apertium-hbs-slv"
)

_SPAN_OPEN = re.compile(r'<span id="l10n-(\d+)">')
# Apertium re-cases an unknown word it reads as sentence-initial or glued to one
# ("theXT1XXT2X.is" comes back as "Thext1xxt2x.is" on es-fr): atoms match in any case.
# Without -u the Croatian analyser splits an atom and marks both halves ("@X*T901X"): the
# marks around and inside an atom belong to no word and go with it.
_ATOM = re.compile(r"[*#@]*X[*#@]*T(\d+)X", re.IGNORECASE)
_HTML_TOKEN = re.compile(r"<[^>]*>|[^<]+")


def data_dir() -> Path:
    return Path(os.environ.get("APERTIUM_DATADIR", "/usr/share/apertium"))


@cache
def installed_modes(folder: Path) -> frozenset[str]:
    modes = folder / "modes"
    if not modes.is_dir():
        return frozenset()
    return frozenset(p.stem for p in modes.glob("*.mode"))


class ApertiumEngine(Engine):
    name = "apertium"

    def modes(self, source: str, target: str) -> list[str]:
        configured = self.config.apertium_routes.get(target) if source == "en" else None
        route = configured or DEFAULT_ROUTES.get((source, target), "")
        return [m.strip() for m in route.split("|") if m.strip()]

    def supports(self, source: str, target: str) -> bool:
        modes = self.modes(source, target)
        if not modes or shutil.which("apertium") is None:
            return False
        return set(modes) <= installed_modes(data_dir())

    def missing(self, source: str, target: str) -> str:
        modes = self.modes(source, target)
        if not modes:
            return f"Apertium has no route for {source}→{target}"
        if shutil.which("apertium") is None:
            return f"Apertium is not installed ({INSTALL_HINT})"
        absent = sorted(set(modes) - installed_modes(data_dir()))
        return f"Apertium lacks the mode(s) {', '.join(absent)} ({INSTALL_HINT})"

    def route(self, source: str, target: str) -> str:
        return ">".join(self.modes(source, target))

    def version(self, source: str, target: str) -> str:
        return _versions(tuple(self.modes(source, target)), data_dir())

    def translate_batch(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[str]:
        return [t.text for t in self.translate_annotated(texts, source, target, progress)]

    def translate_annotated(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[Translation]:
        """Outputs without Apertium's unknown-word marks, and the marked words of each.
        Texts whose own characters could pass for marks go through a ``-u`` run."""
        if not texts:
            return []
        if not self.supports(source, target):
            raise EngineError(self.missing(source, target))
        plain = [i for i, t in enumerate(texts) if marks.ambiguous(t)]
        marked = [i for i in range(len(texts)) if i not in set(plain)]
        results: dict[int, Translation] = {}
        for indexes, keep_marks in ((marked, True), (plain, False)):
            if not indexes:
                continue
            units = self._units([texts[i] for i in indexes], source, target, progress, keep_marks)
            for index, unit in zip(indexes, units, strict=True):
                text, unknown = marks.strip_marks(from_html(unit)) if keep_marks else (from_html(unit), ())
                results[index] = Translation(match_initial_case(texts[index], text), unknown)
        return [results[i] for i in range(len(texts))]

    def _units(
        self, texts: list[str], source: str, target: str, progress: Progress | None, keep_marks: bool
    ) -> list[str]:
        payload = "".join(f"<p>{to_html(t)}</p>\n" for t in texts).encode("utf-8")
        timeout = batch_timeout(self.config, len(texts))
        output = _run_pipeline(self.modes(source, target), payload, progress, timeout, keep_marks)
        units = re.findall(r"<p>(.*?)</p>", output, re.S)
        if len(units) != len(texts):
            route = self.route(source, target)
            raise EngineError(f"apertium ({route}) returned {len(units)} units for {len(texts)} texts")
        return units


def match_initial_case(source: str, translation: str) -> str:
    """Apertium lower-cases a sentence-initial elided article ("l'Asie centrale…" for
    "Central Asia…"): give the translation the capital its source starts with."""
    first = next((c for c in strip_placeholders(source) if c.isalpha()), "")
    if not first.isupper():
        return translation
    parts = tokenize(translation)
    for index, part in enumerate(parts):
        if isinstance(part, Tag):
            continue
        for position, char in enumerate(part):
            if char.isalpha():
                if char.islower():
                    parts[index] = part[:position] + char.upper() + part[position + 1 :]
                return join_parts(parts)
    return translation


def to_html(text: str) -> str:
    out = []
    for part in tokenize(text):
        if isinstance(part, Tag):
            if part.role == "open":
                out.append(f'<span id="l10n-{part.number}">')
            elif part.role == "close":
                out.append("</span>")
            else:
                out.append(f"XT{part.number}X")
        else:
            out.append(html.escape(part, quote=False))
    return "".join(out)


def from_html(unit: str) -> str:
    """Apertium's HTML back to placeholder text. Apertium sometimes splits a span in two
    around a reordered word (``<a>le communiqué</a> de <a>presse</a>``): the halves are
    joined into one span."""
    parts: list[str | Tag] = []
    stack: list[int | None] = []
    for token in _HTML_TOKEN.findall(unit):
        if token.startswith("<"):
            opened = _SPAN_OPEN.fullmatch(token)
            if opened:
                stack.append(int(opened.group(1)))
                parts.append(Tag(int(opened.group(1)), "open"))
            elif token.startswith("<span"):
                stack.append(None)
            elif token == "</span>" and stack:
                number = stack.pop()
                if number is not None:
                    parts.append(Tag(number, "close"))
            continue
        text = html.unescape(token)
        position = 0
        for atom in _ATOM.finditer(text):
            parts.append(text[position : atom.start()])
            parts.append(Tag(int(atom.group(1)), "atom"))
            position = atom.end()
        parts.append(text[position:])
    return _join(_merge_split_spans(parts))


def _merge_split_spans(parts: list[str | Tag]) -> list[str | Tag]:
    out: list[str | Tag] = []
    closed: dict[int, int] = {}  # number → index of its close tag in out
    atoms: set[int] = set()
    for part in parts:
        if isinstance(part, Tag):
            if part.role == "open" and part.number in closed:
                out[closed.pop(part.number)] = ""  # reopen: drop the earlier close
                continue
            if part.role == "close":
                closed[part.number] = len(out)
            if part.role == "atom":
                if part.number in atoms:
                    continue
                atoms.add(part.number)
        out.append(part)
    return out


def _join(parts: list[str | Tag]) -> str:
    text = join_parts(parts)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def _run_pipeline(
    modes: list[str], payload: bytes, progress: Progress | None, timeout: float, keep_marks: bool = False
) -> str:
    """Run the modes as one shell-less pipeline, with unknown-word marks if ``keep_marks``.
    Each stage gets its own process group: ``apertium`` is a shell script that starts more
    processes, and all of them must go when the batch runs past ``timeout`` seconds or fails."""
    route = ">".join(modes)
    env = dict(os.environ, LC_ALL="C.UTF-8")
    processes: list[subprocess.Popen] = []
    errors = [tempfile.TemporaryFile() for _ in modes]  # noqa: SIM115 (closed in finally)
    expired = threading.Event()

    def stop() -> None:
        expired.set()
        _kill(processes)

    watchdog = threading.Timer(timeout, stop)
    try:
        upstream = None
        for mode, error in zip(modes, errors, strict=True):
            try:
                process = subprocess.Popen(
                    ["apertium", *([] if keep_marks else ["-u"]), "-f", "html", mode],
                    stdin=upstream.stdout if upstream else subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=error,
                    env=env,
                    process_group=0,
                )
            except OSError as exc:
                raise EngineError(f"apertium ({route}) cannot start: {exc.strerror or exc}") from None
            if upstream and upstream.stdout:
                upstream.stdout.close()  # the next process owns it now
            processes.append(process)
            upstream = process
        watchdog.start()
        writer = threading.Thread(target=_feed, args=(processes[0].stdin, payload), daemon=True)
        writer.start()
        chunks = []
        output = processes[-1].stdout
        assert output is not None  # opened with stdout=PIPE
        while chunk := output.read(65536):
            chunks.append(chunk)
            if progress and (finished := chunk.count(b"</p>")):
                progress(finished)
        writer.join()
        for process in processes:
            process.wait()
        if expired.is_set():
            raise EngineError(
                f"apertium ({route}) gave no answer within {timeout:.0f} s; stopped "
                "(if it is only slow, raise [engines] timeout_base or timeout_per_segment in l10n.toml)"
            )
        for mode, process, error in zip(modes, processes, errors, strict=True):
            if process.returncode != 0:
                error.seek(0)
                detail = error.read().decode("utf-8", "replace").strip().splitlines()
                status = process.returncode
                how = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
                reason = f"{detail[-1].strip()} ({how})" if detail else how
                raise EngineError(f"apertium ({route}) failed in mode {mode}: {reason}")
        return b"".join(chunks).decode("utf-8", "replace")
    finally:
        watchdog.cancel()
        _kill(processes)
        for error in errors:
            error.close()


def _kill(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:  # still running: its whole group goes
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
    for process in processes:
        with contextlib.suppress(ChildProcessError):
            process.wait()


def _feed(stream, payload: bytes) -> None:
    try:
        stream.write(payload)
    except BrokenPipeError:
        pass
    finally:
        stream.close()


@cache
def _versions(modes: tuple[str, ...], folder: Path) -> str:
    """Debian package versions of the language data a route uses, e.g.
    ``apertium-eng-spa:0.8.1-2,apertium-fr-es:0.9.4-1``."""
    packages: list[str] = []
    for mode in modes:
        try:
            text = (folder / "modes" / f"{mode}.mode").read_text(encoding="utf-8")
        except OSError:
            continue
        for name in re.findall(r"/(apertium-[a-z_-]+)/", text):
            if name not in packages:
                packages.append(name)
    found = {}
    if packages and shutil.which("dpkg-query"):
        result = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Package}:${Version}\\n", *packages],
            capture_output=True,
            text=True,
        )
        for line in result.stdout.splitlines():
            name, _, version = line.partition(":")
            if version:
                found[name] = version
    return ",".join(f"{p}:{found.get(p, 'unknown')}" for p in packages) or "unknown"
