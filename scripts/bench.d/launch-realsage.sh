#!/usr/bin/env bash
# Launch overhead with the real SageMath image (tests/fixtures/realsage, Debian 12's sagemath 9.5 +
# Jupyter Notebook 6.4; docs/benchmarks/launch-realsage.md): `sagedock-cli launch` against what a user
# scripts by hand, `docker run` + polling the log for the token URL every 100 ms + polling GET /api.
# Runs alternate (sagedock, docker-run, sagedock, ...) so a drifting machine load hits both alike.
# Both are measured from the moment the command is started until Jupyter answers GET /api, outside
# the tools (wall clock of this script), and the Sage kernel is not started (not part of a launch).
# Usage: scripts/bench launch-realsage      REALSAGE_RUNS=N (default 7, at least 5)
#   SAGEDOCK_CLI=path/to/sagedock-cli; the image is built (or loaded from its cache) first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
source "$repo_root/scripts/lib/common.sh" # free_loopback_port
cli="${SAGEDOCK_CLI:-${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}/app/cli/sagedock-cli}"
runs="${REALSAGE_RUNS:-7}"
[ "$runs" -ge 5 ] || { echo "launch-realsage bench: REALSAGE_RUNS must be at least 5" >&2; exit 1; }
out="${REALSAGE_RESULTS:-$repo_root/build/bench-launch-realsage.tsv}"
[ -x "$cli" ] || { echo "launch-realsage bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
# A failure to build the image is a failure of the benchmark, never a skip.
bash "$repo_root/tests/fixtures/realsage/build.sh" >/dev/null
image="$(bash "$repo_root/tests/fixtures/realsage/build.sh" --image sagemath)"
work="$(mktemp -d)"
mkdir -p "$work/nb" "$work/nb-peer"
export XDG_CONFIG_HOME="$work/config" # scratch settings: never the user's
label="org.sagedock.test=bench-realsage-$$"
cleanup() {
    # Only this run's containers: its peer label and its CLI sessions' notebooks folder.
    for filter in "label=$label" "label=org.sagedock.notebooks=$work/nb"; do
        ids=$(docker ps -aq --filter "$filter")
        [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

printf 'run\ttool\tready_ms\n' > "$out"
echo "launch-realsage bench: $runs alternating runs each, image $image, engine $(docker version -f '{{.Server.Version}}')"
for i in $(seq 1 "$runs"); do
    t0=$(now_ms)
    json=$("$cli" launch "$image" --json --no-browser --notebooks "$work/nb" --timeout 600)
    t1=$(now_ms)
    id=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    printf '%s\tsagedock\t%s\n' "$i" $((t1 - t0)) >> "$out"
    "$cli" stop "$id" --timeout 5 >/dev/null

    port=$(free_loopback_port)
    t0=$(now_ms)
    cid=$(docker run -d --init --label "$label" -p "127.0.0.1:$port:8888" -v "$work/nb-peer:/home/sage/notebooks" \
        "$image" sage-jupyter)
    until docker logs "$cid" 2>&1 | grep -q 'token='; do sleep 0.1; done
    token=$(docker logs "$cid" 2>&1 | grep -o 'token=[0-9a-f]*' | head -1)
    until curl -fs "http://127.0.0.1:$port/api?$token" >/dev/null; do sleep 0.1; done
    t1=$(now_ms)
    printf '%s\tdocker-run\t%s\n' "$i" $((t1 - t0)) >> "$out"
    docker rm -f "$cid" >/dev/null
done
column -t "$out"
s=$(awk '$2=="sagedock" {print $3}' "$out" | median)
d=$(awk '$2=="docker-run" {print $3}' "$out" | median)
echo "median ready: sagedock-cli launch ${s} ms, docker run + polling ${d} ms (difference $((s - d)) ms)"
if [ "$s" -le "$d" ]; then echo "target met: sagedock-cli launch <= docker run + polling"; else echo "target MISSED: sagedock-cli launch is $((s - d)) ms slower"; fi
