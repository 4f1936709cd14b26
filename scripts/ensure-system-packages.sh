#!/usr/bin/env bash
# Install the Debian packages the project needs, quietly and only when missing.
# Usage: scripts/ensure-system-packages.sh gettext [chromium ...]
# Each argument is a Debian package, checked by the command it provides.
set -euo pipefail

declare -A provides=([gettext]=msgfmt [chromium]=chromium [postgresql-client]=psql [default-jre-headless]=java)

missing=()
for package in "$@"; do
  command -v "${provides[$package]:-$package}" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Missing system packages: ${missing[*]}. Install them with your package manager (as root)." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}. This script only knows apt-get; install them by hand." >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
