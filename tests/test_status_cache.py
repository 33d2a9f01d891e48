"""``l10n status`` reads only what it needs (issue 16): once a catalog's counts are in the
local index, a listing of catalogs nobody touched neither parses a PO file nor imports the
PO parser; a touched catalog is counted again."""

from __future__ import annotations

import json
import os

import polib

from conftest import NETBLOCK, REPO, run_l10n

NO_POLIB = "raise ImportError('status imported polib')\n"


def status(project, env=None) -> list[dict]:
    return json.loads(run_l10n("status", "--format", "json", project=project, env=env).stdout)


def test_status_of_untouched_catalogs_reads_the_index_alone(project, tmp_path):
    run_l10n("translate", "--lang", "fr,es", project=project)
    first = status(project)
    trap = tmp_path / "trap"
    trap.mkdir()
    (trap / "polib.py").write_text(NO_POLIB)
    without_polib = {"PYTHONPATH": os.pathsep.join([str(trap), str(NETBLOCK), str(REPO)])}
    assert status(project, without_polib) == first  # no PO file parsed: polib never imported

    path = project / "locales" / "fr" / "middle-corridor.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgstr:
            entry.msgstr = "Revu à la main."
            entry.flags = []
            break
    po.save(str(path))
    result = run_l10n("status", "--format", "json", project=project, env=without_polib, check=False)
    assert result.returncode != 0  # a touched catalog must be parsed again
    again = {(r["language"], r["article"]): r["states"] for r in status(project)}
    before = {(r["language"], r["article"]): r["states"] for r in first}
    assert again[("fr", "middle-corridor")] != before[("fr", "middle-corridor")]
    assert sum(again[("fr", "middle-corridor")].values()) == sum(before[("fr", "middle-corridor")].values())
    assert {k: v for k, v in again.items() if k != ("fr", "middle-corridor")} == {
        k: v for k, v in before.items() if k != ("fr", "middle-corridor")
    }
