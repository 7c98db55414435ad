#!/usr/bin/env bash
# Benchmark: SageDock's stage builds vs the same commands in a shell loop, side by side (hyperfine).
# The loop is exactly what `sagedock-cli build --dry-run` prints (cd, write-dockerfile.sh, one
# `docker build --target` per stage), so both sides do the same work; SageDock adds planning, the CLI
# probe, log parsing and diagnosis, the history record and the log file. Two cases on the mini Sage
# fixture (7 stages, busybox steps): every step cached, and cold (a fresh nonce before every run makes
# every stage execute). Results: docs/benchmarks/build.md. Needs a running dockerd.
# Usage: scripts/bench.d/build.sh [runs]     (SAGEDOCK_BUILD_DIR picks the build, default build/ci)
set -euo pipefail
repo_root="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}"
cli="$build_dir/app/cli/sagedock-cli"
runs="${1:-5}"
[[ "$runs" =~ ^[0-9]+$ ]] || runs="${2:-5}" # scripts/bench passes the benchmark name first
[[ "$runs" =~ ^[0-9]+$ ]] || runs=5
[ -x "$cli" ] || { echo "no $cli: build first (scripts/bench builds the ci preset)" >&2; exit 1; }
docker version >/dev/null 2>&1 || { echo "no Docker engine answers: start dockerd" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "hyperfine missing (apt-get install hyperfine)" >&2; exit 1; }

work="$(mktemp -d)"
export XDG_DATA_HOME="$work/xdg" # history and logs of the benchmark stay out of the user's
tag="bench$$"
cleanup() {
    for s in with-system-packages bootstrapped configured with-base-toolchain with-targets-pre with-targets with-targets-optional; do
        docker rmi -f "sage-ubuntu-jammy-standard-$s:$tag" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
bash "$repo_root/tests/fixtures/build-images.sh" >/dev/null
docker tag sagedock-fixture/base:latest ubuntu:jammy # the catalog's base image, resolved locally
cp -a "$repo_root/tests/fixtures/minisage" "$work/sage"
mkdir -p "$work/sage/build/pkgs/_nonce"
echo "debian: nonce-$RANDOM$RANDOM" > "$work/sage/build/pkgs/_nonce/distros.txt"

stages=with-system-packages,bootstrapped,configured,with-base-toolchain,with-targets-pre,with-targets,with-targets-optional
args=(build --source "$work/sage" --system ubuntu-jammy --stages "$stages" --tag "$tag")
# The shell loop: the exact commands SageDock runs (its dry run), as a script.
"$cli" "${args[@]}" --dry-run > "$work/loop.sh"
echo "--- the shell loop ($work/loop.sh):"; cat "$work/loop.sh"
"$cli" "${args[@]}" >/dev/null # warm the cache once
renonce="echo 'debian: nonce-'\$RANDOM\$RANDOM > $work/sage/build/pkgs/_nonce/distros.txt"

echo "--- all stages cached"
hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/cached.md" \
    -n sagedock "$cli ${args[*]} >/dev/null" \
    -n shell-loop "set -e; bash $work/loop.sh >/dev/null 2>&1"
echo "--- cold: every stage executes (a new nonce before each run)"
# One warm-up run each: the very first cold build after the cached case pays for filling the
# engine's and the page cache's state (seen as a 2 s outlier on either side).
hyperfine --warmup 1 --runs "$runs" --prepare "$renonce" --export-markdown "$work/cold.md" \
    -n sagedock "$cli ${args[*]} >/dev/null" \
    -n shell-loop "set -e; bash $work/loop.sh >/dev/null 2>&1"
cat "$work/cached.md" "$work/cold.md"
