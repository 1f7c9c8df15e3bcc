#!/usr/bin/env bash
# Install the Debian packages that image/packages.list names for the given
# roles (build, run, test). Only missing packages are installed, so a second
# run costs one dpkg-query. Needs root (or sudo) only when something is missing.
# With --packages NAME...: those packages instead of a role's (a tool's own optional
# needs that are no role of the list, e.g. tests/bench/compare-kiosks.sh).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
roles=("$@")
[ ${#roles[@]} -gt 0 ] || roles=(build run)

wanted=()
if [ "${roles[0]}" = "--packages" ]; then
    wanted=("${roles[@]:1}")
    roles=()
fi
while [ ${#roles[@]} -gt 0 ] && read -r pkg pkg_roles; do
    case "$pkg" in ''|'#'*) continue ;; esac
    if [[ " $pkg_roles " =~ \ unless:([^ ]+)\  ]] && command -v "${BASH_REMATCH[1]}" >/dev/null; then
        continue
    fi
    for role in "${roles[@]}"; do
        if [[ " $pkg_roles " == *" $role "* ]]; then wanted+=("$pkg"); break; fi
    done
done < "$here/packages.list"

missing=()
for pkg in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-packages: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-packages: not root and no sudo: as root, run" >&2
        echo "  apt-get install --no-install-recommends ${missing[*]}" >&2
        echo "then run this command again." >&2
        exit 1
    fi
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
