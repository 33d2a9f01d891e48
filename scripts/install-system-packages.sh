#!/usr/bin/env bash
# Install the Debian packages l10n needs (Apertium and its language pairs, gettext,
# Chromium for the dashboard test) when any is missing. Safe to run again.
set -euo pipefail

packages=(
  apertium apertium-eng-spa apertium-eng-cat apertium-fr-es apertium-fra-cat
  apertium-spa-ita apertium-cat-ita
  apertium-spa-cat apertium-por-cat apertium-es-pt apertium-es-gl apertium-en-gl
  apertium-hbs-eng apertium-hbs-slv
  gettext chromium chromium-driver
  # GNU time: the bench's peak memory of each command (bench/run.py measured())
  time
  # dictionaries for the lexicon checks (l10n/languages/lexicon.py), read by hunspell
  hunspell hunspell-en-us hunspell-fr hunspell-es hunspell-it hunspell-pt-pt hunspell-ca
  hunspell-gl hunspell-hr hunspell-sl
)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
