#!/usr/bin/env bash
# Installs the Debian packages explorer needs when they are missing.
#   scripts/deps.sh          runtime: Java 17+, Maven (fetches the Neo4j jars), Graphviz and fonts (PNG/PDF)
#   scripts/deps.sh test     the same plus Chromium for the browser tests, and a Python
#                            virtual environment with networkx and followthemoney, the
#                            readers the export tests open GraphML, GEXF and FtM files with
set -euo pipefail

# pyenv_readers creates (once) the virtual environment the export tests use.
pyenv_readers() {
  local dir="${EXPLORER_CACHE:-$HOME/.cache/explorer}/pyenv"
  if "$dir/bin/python" -c "import networkx, followthemoney" >/dev/null 2>&1; then
    return 0
  fi
  echo "creating $dir with networkx and followthemoney" >&2
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  python3 -m venv "$dir"
  "$dir/bin/pip" install -q --disable-pip-version-check networkx==3.6.1 followthemoney==4.11.2
}

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
  command -v python3 >/dev/null 2>&1 || need+=(python3)
  python3 -c "import venv, ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
fi
if [ ${#need[@]} -eq 0 ]; then
  [ "${1:-}" = test ] && pyenv_readers
  exit 0
fi

echo "installing Debian packages: ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "need root or sudo to install: ${need[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
[ "${1:-}" = test ] && pyenv_readers
exit 0
