#!/usr/bin/env bash
# Installs the Debian packages explorer needs when they are missing.
#   scripts/deps.sh          runtime: Java 17+, Maven (fetches the Neo4j jars), Graphviz and fonts (PNG/PDF)
#   scripts/deps.sh test     the same plus Chromium for the browser tests
set -euo pipefail

need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v dot >/dev/null 2>&1 || need+=(graphviz)
# Fonts for names in Korean and Persian in PNG and PDF diagrams. (fc-list is
# read whole: with pipefail, grep -q closing the pipe early would fail it.)
fonts="$(fc-list 2>/dev/null || true)"
grep -qi "Noto Sans CJK" <<<"$fonts" || need+=(fonts-noto-cjk)
grep -qiE "Noto (Naskh|Sans) Arabic" <<<"$fonts" || need+=(fonts-noto-core)
if [ "${1:-}" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${need[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
