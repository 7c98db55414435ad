#!/usr/bin/env bash
# Records what real tox 4 runs on the tox.ini fixtures (tests/fixtures/tox), with a recording
# `docker` first on PATH, and writes the expectations to tests/fixtures/tox/recorded/.
#
# Usage: scripts/record-tox.sh TOX_SRC TOX_VERSION PYPROJECT_API_SRC PYPROJECT_API_VERSION [CASE...]
#   TOX_SRC, PYPROJECT_API_SRC: the `src` folders of tox 4 and pyproject-api source trees (they
#   hold the packages `tox` and `pyproject_api`); they are not part of this repository. E.g.
#     git -C TOX_REPO archive 4.14.2 src | tar -x -C /tmp/tox4 && mv /tmp/tox4/src /tmp/tox4/tox-src
#     git -C PYPROJECT_API_REPO archive 1.6.1 src | tar -x -C /tmp/tox4 && mv /tmp/tox4/src /tmp/tox4/papi-src
#     scripts/record-tox.sh /tmp/tox4/tox-src 4.14.2 /tmp/tox4/papi-src 1.6.1
#   The versions name the trees: a source export lacks the version file and the package metadata
#   its build would generate, so this script adds both in a private copy.
# Runs with Debian's /usr/bin/python3 and the Debian packages of tox's dependencies
# (packaging/deps-record-tox.txt).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/tox4.sh"

if [ $# -lt 4 ]; then
    sed -n '2,15p' "$0" >&2
    exit 2
fi
tox_src="$1" tox_version="$2" api_src="$3" api_version="$4"
shift 4
cases=("$@")

root="$(cd "$(dirname "$0")/.." && pwd)"
install_packages packaging/deps-record-tox.txt

site="$(tox4_site "$tox_src" "$tox_version" "$api_src" "$api_version")"
trap 'rm -rf "$site"' EXIT

/usr/bin/python3 "$root/tests/fixtures/tox/record.py" "$site" "${cases[@]}"
