#!/usr/bin/env bash
# Install the Debian packages the project needs, quietly and only when missing.
# Usage: scripts/ensure-system-packages.sh gettext [chromium ...]
# Each argument is a Debian package, checked by the command it provides.
set -euo pipefail

declare -A provides=([gettext]=msgfmt [chromium]=chromium [postgresql-client]=psql [nginx]=nginx [default-jre-headless]=java)
# Daemons such as nginx live in /usr/sbin, which is not on every user's PATH.
found() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }

missing=()
for package in "$@"; do
  found "${provides[$package]:-$package}" || missing+=("$package")
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
if ! { $sudo apt-get update -qq -o DPkg::Lock::Timeout=300 && $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 1
fi
rm -f "$log"
