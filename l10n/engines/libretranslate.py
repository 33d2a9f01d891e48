"""LibreTranslate: self-hosted translation servers (often a GPU box a newsroom shares).

Texts go in batches (``q`` as a list) in LibreTranslate's HTML format, which keeps elements
in place: a paired placeholder ``<1>…</1>`` travels as ``<l10n-1>…</l10n-1>`` and an atom
``<2/>`` (glossary terms among them) as an empty ``<l10n-a2 translate="no">`` element the
server leaves alone. The server answers with every entity unescaped, so only our own
elements are read back as markup; everything else is text.

Several servers make a pool: each is asked ``/languages`` once, batches go to the servers
that offer the pair, at most ``concurrency`` requests in flight on each. A request that
fails (refused, reset, timed out, HTTP 5xx or 429) is retried with backoff; a server that
keeps failing, or answers nonsense, is given up for the run and its batches go to the
others. When no server is left, or a server refuses a request (HTTP 4xx: a wrong API key,
a limit), the run stops with one line naming the engine and the URL, and nothing is
written for the language. Only the standard library is used (urllib, threads).
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from html import escape

from l10n.config import Config
from l10n.documents.segment import Tag, join_parts, tokenize
from l10n.engines.base import Engine, EngineError, Progress, batch_timeout

URL_VARIABLE = "L10N_LIBRETRANSLATE_URL"
BACKOFF_S = 0.5  # first retry after this, doubling each time
RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
_OURS = re.compile(r"<l10n-(\d+)\s*>|</l10n-(\d+)\s*>|<l10n-a(\d+)\b[^>]*>(?:</l10n-a\3\s*>)?")


class ServerFailed(Exception):
    """A server that cannot serve this run any more; its batches go elsewhere."""


class Refused(Exception):
    """A request the server turned down for a reason another try will not change."""


def server_urls(config: Config) -> list[str]:
    """The configured servers: ``L10N_LIBRETRANSLATE_URL`` or ``[libretranslate] url``."""
    raw = os.environ.get(URL_VARIABLE) or config.libretranslate.url
    where = URL_VARIABLE if os.environ.get(URL_VARIABLE) else "[libretranslate] url in l10n.toml"
    urls = []
    for url in (u for u in re.split(r"[,\s]+", raw.strip()) if u):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise EngineError(f"libretranslate: {where}: not an http(s) URL: {url!r:.80}")
        if "@" in parsed.netloc:  # it would be printed in every message about the server
            raise EngineError(f"libretranslate: {where}: a URL must not hold credentials (use api_key)")
        urls.append(url.rstrip("/"))
    return list(dict.fromkeys(urls))


def to_html(text: str) -> str:
    out = []
    for part in tokenize(text):
        if isinstance(part, Tag):
            if part.role == "open":
                out.append(f"<l10n-{part.number}>")
            elif part.role == "close":
                out.append(f"</l10n-{part.number}>")
            else:
                out.append(f'<l10n-a{part.number} translate="no"></l10n-a{part.number}>')
        else:
            out.append(escape(part, quote=False))
    return "".join(out)


def from_html(text: str) -> str:
    """The server's answer back to placeholder text (it arrives already unescaped)."""
    parts: list[str | Tag] = []
    position = 0
    for found in _OURS.finditer(text):
        parts.append(text[position : found.start()])
        opened, closed, atom = found.groups()
        if opened:
            parts.append(Tag(int(opened), "open"))
        elif closed:
            parts.append(Tag(int(closed), "close"))
        else:
            parts.append(Tag(int(atom), "atom"))
        position = found.end()
    parts.append(text[position:])
    return re.sub(r"[ \t\r\n]+", " ", join_parts(parts)).strip()  # no-break spaces are meant


@dataclass
class Server:
    url: str
    languages: dict[str, set[str]] = field(default_factory=dict)  # source → targets
    problem: str = ""  # why /languages could not be read ("" = it was)

    def offers(self, source: str, target: str) -> bool:
        return target in self.languages.get(source, set())


class LibreTranslateEngine(Engine):
    name = "libretranslate"

    def __init__(self, config: Config | None = None):
        super().__init__(config)
        self.settings = self.config.libretranslate
        self._servers: list[Server] | None = None

    # -- discovery -------------------------------------------------------------------

    def servers(self) -> list[Server]:
        """Every configured server with the languages it offers, asked once per engine."""
        if self._servers is None:
            urls = server_urls(self.config)
            with ThreadPoolExecutor(max_workers=max(1, len(urls))) as pool:
                self._servers = list(pool.map(self._discover, urls))
        return self._servers

    def _discover(self, url: str) -> Server:
        try:
            answer = self._request(url, "/languages", None)
        except (ServerFailed, Refused) as exc:
            return Server(url, problem=str(exc))
        languages: dict[str, set[str]] = {}
        if not isinstance(answer, list):
            return Server(url, problem="/languages did not answer a list of languages")
        for language in answer:
            if isinstance(language, dict) and isinstance(language.get("code"), str):
                targets = language.get("targets")
                if isinstance(targets, list):
                    languages[language["code"]] = {t for t in targets if isinstance(t, str)}
        return Server(url, languages)

    def offering(self, source: str, target: str) -> list[Server]:
        return [s for s in self.servers() if s.offers(source, target)]

    def supports(self, source: str, target: str) -> bool:
        return bool(server_urls(self.config)) and bool(self.offering(source, target))

    def missing(self, source: str, target: str) -> str:
        if not server_urls(self.config):
            return (
                f"no LibreTranslate server is configured ([libretranslate] url in l10n.toml, "
                f"or {URL_VARIABLE})"
            )
        reasons = []
        for server in self.servers():
            if server.problem:
                reasons.append(f"{server.url}: {server.problem}")
            else:
                offered = sorted(server.languages.get(source, set()) - {source})
                reasons.append(f"{server.url} offers {source}→{', '.join(offered) or 'nothing'}")
        return f"libretranslate: no server offers {source}→{target} (" + "; ".join(reasons) + ")"

    def route(self, source: str, target: str) -> str:
        return "+".join(s.url for s in self.offering(source, target))

    def version(self, source: str, target: str) -> str:
        return "libretranslate-api:v1,format:html"

    # -- translation -----------------------------------------------------------------

    def translate_batch(
        self, texts: Sequence[str], source: str, target: str, progress: Progress | None = None
    ) -> list[str]:
        if not texts:
            return []
        servers = self.offering(source, target)
        if not servers:
            raise EngineError(self.missing(source, target))
        size = self.settings.batch_size
        batches = [list(range(start, min(start + size, len(texts)))) for start in range(0, len(texts), size)]
        payloads = [[to_html(texts[i]) for i in batch] for batch in batches]
        answers = self._run_pool(
            servers, payloads, source, target, progress, batch_timeout(self.config, len(texts))
        )
        outputs = [""] * len(texts)
        for batch, answer in zip(batches, answers, strict=True):
            for index, translated in zip(batch, answer, strict=True):
                outputs[index] = from_html(translated)
        return outputs

    def _run_pool(
        self,
        servers: list[Server],
        payloads: list[list[str]],
        source: str,
        target: str,
        progress: Progress | None,
        deadline_s: float,
    ) -> list[list[str]]:
        """Send every batch, spread over the servers; a failed server's batches go to the
        others. Returns the translations per batch, in order."""
        concurrency = max(1, self.settings.concurrency)
        results: list[list[str] | None] = [None] * len(payloads)
        waiting = list(range(len(payloads)))
        busy = {s.url: 0 for s in servers}  # servers still in use → requests in flight
        sent = dict.fromkeys(busy, 0)
        failures: dict[str, str] = {}
        running: dict[Future, tuple[str, int]] = {}
        deadline = time.monotonic() + deadline_s
        pool = ThreadPoolExecutor(max_workers=concurrency * len(servers), thread_name_prefix="libretranslate")
        try:
            while waiting or running:
                while waiting and (free := [url for url in busy if busy[url] < concurrency]):
                    url = min(free, key=lambda u: (busy[u], sent[u]))  # least busy, then least used
                    batch = waiting.pop(0)
                    busy[url] += 1
                    sent[url] += 1
                    future = pool.submit(self._translate, url, payloads[batch], source, target, deadline)
                    running[future] = (url, batch)
                if not running:
                    shown = "; ".join(f"{url}: {why}" for url, why in failures.items())
                    raise EngineError(f"libretranslate: every server failed ({shown})")
                done, _ = wait(
                    running, timeout=max(0.0, deadline - time.monotonic()), return_when=FIRST_COMPLETED
                )
                if not done:
                    urls = ", ".join(sorted({url for url, _ in running.values()}))
                    raise EngineError(
                        f"libretranslate ({urls}) gave no answer within {deadline_s:.0f} s; stopped (if it "
                        "is only slow, raise [engines] timeout_base or timeout_per_segment in l10n.toml)"
                    )
                for future in done:
                    url, batch = running.pop(future)
                    if url in busy:
                        busy[url] -= 1
                    try:
                        results[batch] = future.result()
                    except Refused as exc:
                        raise EngineError(f"libretranslate ({url}): {exc}") from None
                    except ServerFailed as exc:
                        waiting.insert(0, batch)
                        failures[url] = str(exc)
                        if busy.pop(url, None) is not None and busy:
                            self._warn(f"{url}: {exc}; its batches go to {', '.join(busy)}")
                        continue
                    if progress:
                        progress(len(payloads[batch]))
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return [r for r in results if r is not None]

    def _warn(self, message: str) -> None:
        print(f"warning: libretranslate ({message})", file=sys.stderr)

    def _translate(self, url: str, texts: list[str], source: str, target: str, deadline: float) -> list[str]:
        body = {"q": texts, "source": source, "target": target, "format": "html"}
        if self.settings.api_key:
            body["api_key"] = self.settings.api_key
        answer = self._request(url, "/translate", body, deadline)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise ServerFailed("malformed answer: no list of translatedText strings")
        if len(translated) != len(texts):
            raise ServerFailed(f"malformed answer: {len(translated)} translations for {len(texts)} texts")
        return translated

    def _request(self, url: str, path: str, body: dict | None, deadline: float | None = None):
        """One call with retries and backoff, never waiting past ``deadline`` (so no thread
        outlives the run by more than a moment); the parsed JSON answer."""
        deadline = deadline or time.monotonic() + (self.settings.retries + 1) * self.settings.timeout
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerFailed("no answer before the batch deadline")
            try:
                return _call(url + path, body, min(float(self.settings.timeout), left))
            except ServerFailed:
                pause = BACKOFF_S * 2**attempt
                if attempt + 1 == attempts or time.monotonic() + pause >= deadline:
                    raise
                time.sleep(pause)
        raise AssertionError("unreachable")


def _call(url: str, body: dict | None, timeout: float):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        message = _error_text(exc)
        if exc.code in RETRYABLE_STATUS:
            raise ServerFailed(f"HTTP {exc.code}: {message}") from None
        raise Refused(f"HTTP {exc.code}: {message}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:  # refused, reset, timed out, bad URL
        reason = getattr(exc, "reason", exc)
        raise ServerFailed(f"no answer ({_one_line(reason) or type(exc).__name__})") from None
    try:
        return json.loads(raw)
    except ValueError:
        raise ServerFailed("malformed answer: not JSON") from None


def _error_text(error: urllib.error.HTTPError) -> str:
    """LibreTranslate's ``{"error": …}``, else the reason phrase."""
    try:
        answer = json.loads(error.read(4096) or b"null")
    except (ValueError, OSError):
        answer = None
    if isinstance(answer, dict) and isinstance(answer.get("error"), str):
        return _one_line(answer["error"])
    return _one_line(error.reason) or "error"


def _one_line(value: object) -> str:
    lines = str(value).strip().splitlines()
    return lines[0][:200] if lines else ""


__all__ = ["LibreTranslateEngine", "from_html", "server_urls", "to_html"]
