"""Named points where a test can kill the process (``L10N_CRASH_AT=<point>``), to prove
that a crash at any of them leaves every file and the database valid."""

import os
import signal


def checkpoint(name: str) -> None:
    if os.environ.get("L10N_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
