"""The LibreTranslate engine against real LibreTranslate 1.9.6 servers on loopback, started
from their own virtualenv with tiny generated Argos packages (random weights: garbage
translations, the real server), offline. Three servers: A (en→fr, en→es), B (en→es, es→en,
API keys required to be right), and C, a copy of A that a test kills mid-run.

Faults a real server cannot be made to produce on demand (an answer that is not JSON, the
wrong number of translations) come from a small stand-in server; everything else is the
real thing: a port nobody listens on, a server stopped with SIGSTOP, a server whose model
was removed (HTTP 500), a server without the language, a wrong API key."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polib
import pytest

from conftest import REPO, SAMPLES, msgfmt_check, run_l10n
from l10n.documents.segment import validate_placeholders
from support import libretranslate as lt
from support import state
from support.argosmodel import build_package

if lt.available() and not os.environ.get("CI"):
    pytest.skip(lt.available(), allow_module_level=True)  # in CI a missing venv fails below

API_KEY = "l10n-test-key"
TEXTS = [
    "The G7 met in Astana on Monday.",
    "Ministers signed the joint communiqué.",
    "Trade grew by 18% last year.",
    "The <1>EU</1> and <2/> agreed on <3>new <4>rules</4></3>.",
    "Kazakhstan and Uzbekistan launched a pilot in January.",
    'R&D spending < 2% of GDP is "low".',
    "Clean energy is a priority. Water is another one.",
    "The Middle Corridor links China and Europe.",
]


@pytest.fixture(scope="session")
def lt_packages(tmp_path_factory) -> dict[str, Path]:
    assert not lt.available(), lt.available()
    lines = [line for path in SAMPLES.glob("*.md") for line in path.read_text().splitlines() if line.strip()]
    root = tmp_path_factory.mktemp("lt-packages")
    # The end-of-sentence bias keeps random-weight decoding short (LibreTranslate sets no limit).
    return {
        pair: build_package(root / pair, lines * 2, from_code=pair[:2], to_code=pair[3:], eos_bias=1.5)
        for pair in ("en_fr", "en_es", "es_en")
    }


@pytest.fixture(scope="session")
def homes(tmp_path_factory, lt_packages) -> dict[str, Path]:
    """Data folders: "a" with en→fr and en→es, "b" with en→es and es→en and a key database."""
    a, b = tmp_path_factory.mktemp("lt-a"), tmp_path_factory.mktemp("lt-b")
    lt.install_packages(a, [lt_packages["en_fr"], lt_packages["en_es"]])
    lt.install_packages(b, [lt_packages["en_es"], lt_packages["es_en"]])
    lt.add_api_key(b, API_KEY)
    return {"a": a, "b": b}


@pytest.fixture(scope="session")
def server_a(homes):
    server = lt.start_server(homes["a"])
    yield server
    server.stop()


@pytest.fixture(scope="session")
def server_b(homes):
    database = homes["b"] / "keys" / "api_keys.db"
    server = lt.start_server(homes["b"], "--api-keys", "--api-keys-db-path", str(database))
    yield server
    server.stop()


@pytest.fixture
def copy_of_a(homes, tmp_path):
    """A server of its own (a test stops, kills or breaks it), with A's packages."""
    home = tmp_path / "lt-c"
    shutil.copytree(homes["a"], home, ignore=shutil.ignore_patterns("server-*.log"))
    server = lt.start_server(home)
    yield server
    server.stop()


def engine(urls: str, **settings):
    from l10n.config import Config, LibreTranslateSettings
    from l10n.engines.libretranslate import LibreTranslateEngine

    defaults = {"url": urls, "api_key": API_KEY, "batch_size": 2, "timeout": 60, "retries": 1}
    return LibreTranslateEngine(Config(libretranslate=LibreTranslateSettings(**(defaults | settings))))


def configure(project: Path, **settings) -> None:
    """Write [libretranslate] settings into the project's l10n.toml."""
    config = project / "l10n.toml"
    text = config.read_text()
    for key, value in settings.items():
        text = text.replace(
            next(line for line in text.splitlines() if line.startswith(f"{key} = ")),
            f"{key} = {json.dumps(value)}",
        )
    config.write_text(text)


def with_glossary(project: Path) -> Path:
    (project / "glossaries" / "diplomatic.tbx").write_bytes(
        (REPO / "glossaries" / "diplomatic.tbx").read_bytes()
    )
    return project


def assert_one_line_error(result, *fragments: str) -> str:
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def requests_seen(server: lt.Server, text: str) -> int:
    """How many times the server's log shows it translating ``text``."""
    return server.log.read_text(errors="replace").count(f"('apply_packaged_translation', {text!r})")


# -- the real path -------------------------------------------------------------------------


def test_a_project_translates_through_a_server_with_glossary_terms_in_place(project, server_a):
    with_glossary(project)
    result = run_l10n(
        "translate",
        "--engine",
        "libretranslate",
        "--lang",
        "fr",
        "--article",
        "sdg-financing",
        "--format",
        "json",
        project=project,
        env={"L10N_LIBRETRANSLATE_URL": server_a.url},
    )
    counts = json.loads(result.stdout)["fr"]
    assert counts["sent"] > 5
    path = project / "locales" / "fr" / "sdg-financing.po"
    msgfmt_check(path)
    drafts = {d.key[3]: d for d in state.drafts(project, "fr")}
    with_terms = 0
    for entry in polib.pofile(str(path)):
        assert entry.msgstr and (drafts[entry.msgid].engine, drafts[entry.msgid].route) == (
            "libretranslate",
            server_a.url,
        )
        validate_placeholders(entry.msgid, entry.msgstr)
        assert "l10n-" not in entry.msgstr and "<9" not in entry.msgstr  # none of our markers leak
        # The approved French term is in place (random weights may glue garbage to it,
        # which the glossary check then flags: that flag is the check working).
        if "SDGs" in entry.msgid:
            with_terms += 1
            assert "ODD" in entry.msgstr, entry.msgstr
        if "PGII" in entry.msgid:
            assert "PGII" in entry.msgstr, entry.msgstr
    assert with_terms > 0


def test_markup_placeholders_and_escapes_come_back_from_the_server(server_a):
    outputs = engine(server_a.url).translate_batch(TEXTS, "en", "fr")
    assert len(outputs) == len(TEXTS) and all(outputs)
    for source, output in zip(TEXTS, outputs, strict=True):
        validate_placeholders(source, output)
    assert len(set(outputs)) > len(TEXTS) // 2  # outputs belong to their own texts


def test_a_pool_of_two_servers_shares_the_batches(server_a, server_b):
    texts = [f"Ministers from country {n} met in Astana." for n in range(12)]
    alone = engine(server_a.url).translate_batch(texts, "en", "es")
    before = [requests_seen(server_a, t) for t in texts]
    pooled = engine(f"{server_a.url}, {server_b.url}").translate_batch(texts, "en", "es")
    assert pooled == alone  # the same packages, greedy: the same text whichever server ran it
    by_a = [requests_seen(server_a, t) - seen for t, seen in zip(texts, before, strict=True)]
    by_b = [requests_seen(server_b, t) for t in texts]
    assert [a + b for a, b in zip(by_a, by_b, strict=True)] == [1] * len(texts)  # each text once
    assert sum(by_a) > 0 and sum(by_b) > 0


def test_a_server_killed_mid_run_leaves_its_batches_to_the_other(server_a, copy_of_a, capfd):
    texts = [f"The summit in city {n} ended early." for n in range(10)]
    expected = engine(server_a.url).translate_batch(texts, "en", "es")
    engine(copy_of_a.url).translate_batch(["Warm up."], "en", "es")  # its model loaded, as A's is
    pool = engine(f"{copy_of_a.url} {server_a.url}", batch_size=1, concurrency=1)
    finished = []

    def kill_after_three_batches(count: int) -> None:
        finished.append(count)
        if len(finished) == 3:
            copy_of_a.process.send_signal(signal.SIGKILL)
            copy_of_a.process.wait(timeout=10)

    assert pool.translate_batch(texts, "en", "es", progress=kill_after_three_batches) == expected
    assert copy_of_a.process.returncode == -signal.SIGKILL
    assert 1 <= sum(requests_seen(copy_of_a, t) for t in texts) < len(texts)  # it served, then died
    assert f"warning: libretranslate ({copy_of_a.url}: " in capfd.readouterr().err


def test_a_server_missing_the_language_gets_none_of_its_batches(server_a, server_b):
    texts = [f"Delegates from region {n} arrived." for n in range(4)]
    pool = engine(f"{server_b.url} {server_a.url}")
    assert pool.route("en", "fr") == server_a.url
    pool.translate_batch(texts, "en", "fr")
    assert [requests_seen(server_b, t) for t in texts] == [0] * 4


def test_the_engines_command_shows_what_the_servers_reach(tmp_path, server_a, server_b):
    result = run_l10n(
        "engines",
        "--format",
        "json",
        project=tmp_path,
        env={"L10N_LIBRETRANSLATE_URL": f"{server_a.url} {server_b.url}"},
    )
    report = {e["name"]: e for e in json.loads(result.stdout)["engines"]}["libretranslate"]
    assert report["available"] is True
    assert {r["language"]: r["route"] for r in report["reaches"]} == {
        "es": f"{server_a.url}+{server_b.url}",
        "fr": server_a.url,
    }
    assert report["not_reached"]["de"].startswith("libretranslate: no server offers en→de")


# -- bad servers: one line naming engine and URL, nothing written -------------------------


def translate_fails(project: Path, urls: str, *fragments: str, **settings) -> str:
    configure(project, url=urls, **({"timeout": 3, "retries": 1} | settings))
    result = run_l10n(
        "translate",
        "--engine",
        "libretranslate",
        "--lang",
        "fr",
        "--article",
        "sdg-financing",
        project=project,
        check=False,
    )
    line = assert_one_line_error(result, "libretranslate", *fragments)
    assert_nothing_translated(project, "fr")
    return line


def assert_nothing_translated(project: Path, language: str) -> None:
    """No translation reached the language's catalogs or history (extraction may have
    written catalogs with empty entries before the engine ran, as for every engine)."""
    catalogs = list((project / "locales" / language).glob("*.po"))
    assert all(not entry.msgstr for path in catalogs for entry in polib.pofile(str(path)))
    assert state.drafts(project, language) == []


def test_an_unreachable_server_is_one_line(project):
    url = f"http://127.0.0.1:{lt.free_port()}"
    translate_fails(project, url, url, "Connection refused")


def test_a_server_that_stops_answering_is_one_line_within_the_timeout(project, copy_of_a):
    copy_of_a.process.send_signal(signal.SIGSTOP)
    translate_fails(project, copy_of_a.url, copy_of_a.url, "timed out")


def test_a_server_that_stalls_mid_run_is_stopped_at_the_request_timeout(copy_of_a):
    from l10n.engines.base import EngineError

    stalling = engine(copy_of_a.url, timeout=2, retries=1)
    assert stalling.supports("en", "fr")  # languages discovered while it still answered
    copy_of_a.process.send_signal(signal.SIGSTOP)
    with pytest.raises(EngineError) as error:
        stalling.translate_batch(TEXTS[:2], "en", "fr")
    assert str(error.value).startswith("libretranslate: every server failed")
    assert copy_of_a.url in str(error.value) and "timed out" in str(error.value)


def test_a_failing_server_is_one_line(project, copy_of_a):
    """The server starts fine; its model then disappears: every translation is HTTP 500."""
    for model in (copy_of_a.home / "data").rglob("model.bin"):
        model.unlink()
    translate_fails(project, copy_of_a.url, copy_of_a.url, "HTTP 500")


def test_a_language_no_server_offers_is_one_line(project, server_a, server_b):
    configure(project, url=f"{server_a.url} {server_b.url}")
    result = run_l10n(
        "translate",
        "--engine",
        "libretranslate",
        "--lang",
        "de",
        "--article",
        "sdg-financing",
        project=project,
        check=False,
    )
    assert_one_line_error(result, "libretranslate: no server offers en→de", server_a.url, server_b.url)
    assert not (project / "locales" / "de").exists()


def test_a_wrong_api_key_is_one_line(project, server_b):
    configure(project, url=server_b.url, api_key="not-the-key")
    result = run_l10n(
        "translate",
        "--engine",
        "libretranslate",
        "--lang",
        "es",
        "--article",
        "sdg-financing",
        project=project,
        check=False,
    )
    assert_one_line_error(result, f"libretranslate ({server_b.url}): HTTP 403")
    assert_nothing_translated(project, "es")


class StandIn(BaseHTTPRequestHandler):
    """Answers /languages like LibreTranslate, and /translate with what the test asks."""

    answer: bytes = b""

    def do_GET(self):
        self._reply(json.dumps([{"code": "en", "name": "English", "targets": ["en", "fr"]}]).encode())

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self._reply(self.answer)

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.mark.parametrize(
    "answer, expected",
    [
        (b"<html>Service Unavailable</html>", "malformed answer: not JSON"),
        (b'{"translatedText": ["only one"]}', "malformed answer: 1 translations for"),
        (b'{"translatedText": "not a list"}', "malformed answer: no list of translatedText strings"),
        (b'{"error": null}', "malformed answer: no list of translatedText strings"),
    ],
)
def test_a_malformed_answer_is_one_line(project, answer, expected):
    handler = type("Answer", (StandIn,), {"answer": answer})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        translate_fails(project, url, url, expected)
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "url, expected",
    [
        ("ftp://example.org", "not an http(s) URL: 'ftp://example.org'"),
        ("http://", "not an http(s) URL"),
        ("http://user:secret@127.0.0.1:9", "a URL must not hold credentials (use api_key)"),
    ],
)
def test_a_bad_url_is_one_line_naming_the_variable(project, url, expected):
    result = run_l10n(
        "translate",
        "--engine",
        "libretranslate",
        "--lang",
        "fr",
        project=project,
        check=False,
        env={"L10N_LIBRETRANSLATE_URL": url},
    )
    line = assert_one_line_error(result, "libretranslate: L10N_LIBRETRANSLATE_URL: ", expected)
    assert "secret" not in line
