#!/usr/bin/env bash
# Run by `mvn -Pbench verify` before the benchmark: installs wrk (Debian's package) when it is missing.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "wrk is missing and this user cannot install it: run apt-get install -y wrk as root" >&2; exit 1; }
  as_root=(sudo -n)
fi
command -v apt-get >/dev/null 2>&1 || { echo "wrk is missing and there is no apt-get here: install wrk 4.x with this system's package manager" >&2; exit 1; }
echo "installing wrk (apt-get install -y wrk)"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq wrk >/dev/null
# wrk --version prints its version and exits 1: under pipefail that would fail the freshly installed case.
{ wrk --version 2>&1 || true; } | sed -n 1p
