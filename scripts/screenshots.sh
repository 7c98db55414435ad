#!/usr/bin/env bash
# The README's Launch and Sessions screenshots with a real Sage session: tags the real SageMath image
# of tests/fixtures/realsage as sagedock-e2e/sagemath:9.5 (Debian 12's sagemath 9.5), runs the
# screenshots helper (tests/gui/launch/screenshots.cpp) under Xvfb, writes
# docs/screenshots/{launch,sessions}-realsage.png and removes the tag again.
# Usage: scripts/screenshots.sh [build dir, default build/dev]
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$repo_root/build/dev}"
helper="$build/tests/gui/launch/screenshots"
[ -x "$helper" ] || { echo "screenshots: $helper not built (cmake --build $build --target screenshots)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run missing (apt-get install xvfb)" >&2; exit 1; }
bash "$repo_root/tests/fixtures/realsage/build.sh" >/dev/null
image="$(bash "$repo_root/tests/fixtures/realsage/build.sh" --image sagemath)"
work="$(mktemp -d)"
trap 'docker rmi sagedock-e2e/sagemath:9.5 >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
docker tag "$image" sagedock-e2e/sagemath:9.5
mkdir -p "$work/home"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    xvfb-run -a -s "-screen 0 1400x900x24" "$helper" sagedock-e2e/sagemath 9.5 "$work"
cp "$work/launch-page.png" "$repo_root/docs/screenshots/launch-realsage.png"
cp "$work/sessions-page.png" "$repo_root/docs/screenshots/sessions-realsage.png"
echo "screenshots: docs/screenshots/launch-realsage.png docs/screenshots/sessions-realsage.png"
