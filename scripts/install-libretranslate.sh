#!/usr/bin/env bash
# Install a LibreTranslate server into its own virtualenv (default .venv-libretranslate),
# for the LibreTranslate engine's tests and for anyone who wants a local server.
# LibreTranslate pins its own argostranslate, flask and requests, so it cannot share
# l10n's virtualenv. Safe to run again: an existing, complete venv is left alone.
set -euo pipefail

VENV="${1:-.venv-libretranslate}"
PYTHON="${PYTHON:-python3}"
VERSION="1.9.6"
STAMP="$VENV/.installed-$VERSION"

[ -f "$STAMP" ] && exit 0
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
# onnx writes the tiny sentence-splitter model the tests place in their packages.
"$VENV/bin/pip" install -q "libretranslate==$VERSION" "onnx>=1.16"
touch "$STAMP"
