#!/bin/sh
# Installs the Debian 12 packages pyjit needs, if any is missing.  Run as root or with
# sudo available.  Idempotent and quiet when everything is present.
set -eu
PKGS="cmake make gcc g++ pkg-config python3.11 python3.11-dev llvm-19-dev libunwind-dev \
libgtest-dev python3-pytest gdb clang-format libpython3.11-testsuite"
missing=""
for p in $PKGS; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0
echo "pyjit: installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "pyjit: need root (or sudo) to install:$missing" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y --no-install-recommends $missing; then
  $SUDO apt-get update
  # shellcheck disable=SC2086
  $SUDO apt-get install -y --no-install-recommends $missing
fi
