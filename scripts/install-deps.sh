#!/usr/bin/env bash
# Installs what Hearth needs to build, run and test, and nothing that is already there.
# Debian packages come from apt (with sudo when not root); JavaScript packages from npm's lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost-dev libboost-system-dev libsqlite3-dev libsodium-dev nlohmann-json3-dev
  libcli11-dev libspdlog-dev libfmt-dev libicu-dev libgtest-dev libgmock-dev libbenchmark-dev libtomlplusplus-dev
  chromium wrk curl sqlite3
)
# Node.js may come from elsewhere than Debian (with its own npm); only install it when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm ci only when the lockfile changed since the last install.
stamp=node_modules/.hearth-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
