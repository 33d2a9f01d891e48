"""Real LibreTranslate servers on loopback for the tests, offline.

LibreTranslate lives in its own virtualenv (``scripts/install-libretranslate.sh`` makes
``.venv-libretranslate``; ``make setup`` runs it). A data folder gets tiny generated Argos
packages through that venv's argostranslate (two at least, or the server downloads its
model index at start), each with a tiny sentence splitter (or it downloads one at the
first translation). Servers run with the network blocked (tests/netblock), greedy
decoding, and are ready when ``/languages`` answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("L10N_LIBRETRANSLATE_VENV", REPO / ".venv-libretranslate"))
PREPARE = Path(__file__).with_name("lt_prepare.py")
NETBLOCK = REPO / "tests" / "netblock"
START_TIMEOUT_S = 120  # two cores shared with other work: imports alone take seconds


def available() -> str:
    """ "" when a LibreTranslate server can run here, else why not."""
    if not (VENV / "bin" / "libretranslate").is_file():
        return f"no LibreTranslate virtualenv at {VENV} (run scripts/install-libretranslate.sh or make setup)"
    return ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(home: Path) -> dict[str, str]:
    """A private home for one server's data, caches and packages; no network beyond loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LT_", "ARGOS_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        ARGOS_PACKAGES_DIR=str(home / "data" / "argos-translate" / "packages"),
        ARGOS_BEAM_SIZE="1",  # greedy: random weights gain nothing from a beam
        ARGOS_DEVICE_TYPE="cpu",
        PYTHONPATH=str(NETBLOCK),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",  # the tests read which texts a server translated from its log
    )
    return env


def install_packages(home: Path, packages: list[Path]) -> None:
    subprocess.run(
        [str(VENV / "bin" / "python"), str(PREPARE), *map(str, packages)],
        env=server_environment(home),
        check=True,
        capture_output=True,
        timeout=300,
    )


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log: Path
    home: Path

    def stop(self) -> None:
        """End the server (it may be stopped with SIGSTOP: continue it first)."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def languages(self) -> list[dict]:
        with urllib.request.urlopen(self.url + "/languages", timeout=5) as response:
            return json.loads(response.read())


def start_server(home: Path, *options: str) -> Server:
    """Start LibreTranslate on a free loopback port with the packages installed in ``home``
    and wait until ``/languages`` answers."""
    port = free_port()
    log = home / f"server-{port}.log"
    command = [
        str(VENV / "bin" / "libretranslate"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--disable-web-ui",
        "--threads",
        "2",
        *options,
    ]
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            command, env=server_environment(home), stdout=sink, stderr=subprocess.STDOUT, cwd=home
        )
    server = Server(f"http://127.0.0.1:{port}", process, log, home)
    started = time.monotonic()
    while time.monotonic() - started < START_TIMEOUT_S:
        if process.poll() is not None:
            raise RuntimeError(f"LibreTranslate exited {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            server.languages()
            return server
        except OSError:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError(
        f"LibreTranslate did not answer within {START_TIMEOUT_S} s:\n{log.read_text()[-3000:]}"
    )


def add_api_key(home: Path, key: str, requests_per_minute: int = 1000) -> Path:
    """Write ``key`` into a key database for a server started with ``--api-keys
    --api-keys-db-path`` (the path returned); a request with another key gets HTTP 403."""
    database = home / "keys" / "api_keys.db"
    script = (
        "import sys; from libretranslate.api_keys import Database; "
        "Database(sys.argv[1]).add(int(sys.argv[2]), sys.argv[3], 0)"
    )
    subprocess.run(
        [str(VENV / "bin" / "python"), "-c", script, str(database), str(requests_per_minute), key],
        env=server_environment(home),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return database


if __name__ == "__main__":
    print(available() or f"LibreTranslate venv ready at {VENV}", file=sys.stderr)
