#!/usr/bin/env bash
# Launch benchmark (docs/benchmarks/launch.md): SageDock's overhead from "Launch" to Ready, minus the
# container's own start-to-listening time, side by side with `docker run` + polling the log by hand.
# Image present locally (fixture sagemath). Prints per-run numbers and medians; writes a TSV.
# Usage: scripts/bench.d/launch.sh            (SAGEDOCK_CLI=path/to/sagedock-cli, LAUNCH_RUNS=N)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
cli="${SAGEDOCK_CLI:-${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}/app/cli/sagedock-cli}"
runs="${LAUNCH_RUNS:-10}"
image="sagedock-fixture/sagemath:latest"
label="org.sagedock.test=bench-launch-$$"
out="${LAUNCH_RESULTS:-$repo_root/build/bench-launch.tsv}"
[ -x "$cli" ] || { echo "launch bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
bash "$repo_root/tests/fixtures/build-images.sh" >/dev/null
work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config" # scratch settings: never the user's
cleanup() {
    ids=$(docker ps -aq --filter "label=$label")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    "$cli" stop --all --timeout 2 >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
ts_ms() { echo $(( $(date -d "$1" +%s%N) / 1000000 )); }
# The container's own start-to-listening time: State.StartedAt to the timestamp of the log line
# carrying the token URL (Jupyter prints it when it listens).
own_ms() {
    local id="$1" started url_ts
    started=$(docker inspect -f '{{.State.StartedAt}}' "$id")
    url_ts=$(docker logs --timestamps "$id" 2>&1 | grep -m1 'token=' | cut -d' ' -f1)
    echo $(( $(ts_ms "$url_ts") - $(ts_ms "$started") ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

printf 'run\ttool\ttotal_ms\tready_ms\town_ms\toverhead_ms\tengine_ms\n' > "$out"
echo "launch bench: $runs runs each, image $image, engine $(docker version -f '{{.Server.Version}}')"
for i in $(seq 1 "$runs"); do
    # SageDock: the CLI runs the same Launcher the Launch button runs; ready_ms is measured inside
    # it from the click-equivalent (Launcher::start) to GET /api answering.
    t0=$(now_ms)
    json=$("$cli" launch "$image" --json --timings --no-browser --notebooks "$work/nb" 2>/dev/null)
    t1=$(now_ms)
    id=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    ready=$(echo "$json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["timings"]["ready_ms"])')
    # The engine's own create+start API time (docker run pays it too).
    engine=$(echo "$json" | python3 -c 'import json,sys; t=json.load(sys.stdin)["timings"]; print(t["container_started_ms"]-t["create_sent_ms"])')
    own=$(own_ms "$id")
    printf '%s\tsagedock\t%s\t%s\t%s\t%s\t%s\n' "$i" $((t1 - t0)) "$ready" "$own" $((ready - own)) "$engine" >> "$out"
    "$cli" stop "$id" --timeout 2 >/dev/null

    # Peer: what a user scripts by hand: docker run, poll `docker logs` for the token URL every
    # 100 ms, then poll GET /api until it answers.
    port=18888
    t0=$(now_ms)
    cid=$(docker run -d --init --label "$label" -p "127.0.0.1:$port:8888" -v "$work/nb:/home/sage/notebooks" \
        "$image" sage-jupyter)
    until docker logs "$cid" 2>&1 | grep -q 'token='; do sleep 0.1; done
    until curl -fs "http://127.0.0.1:$port/api" >/dev/null; do sleep 0.1; done
    t1=$(now_ms)
    own=$(own_ms "$cid")
    printf '%s\tdocker-run\t%s\t%s\t%s\t%s\t-\n' "$i" $((t1 - t0)) $((t1 - t0)) "$own" $((t1 - t0 - own)) >> "$out"
    docker rm -f "$cid" >/dev/null
done

column -t "$out"
for tool in sagedock docker-run; do
    m_total=$(awk -v t="$tool" '$2==t {print $3}' "$out" | median)
    m_ready=$(awk -v t="$tool" '$2==t {print $4}' "$out" | median)
    m_own=$(awk -v t="$tool" '$2==t {print $5}' "$out" | median)
    m_over=$(awk -v t="$tool" '$2==t {print $6}' "$out" | median)
    printf '%-10s median: process %5s ms, ready %5s ms, container start-to-listening %4s ms, overhead %5s ms\n' \
        "$tool" "$m_total" "$m_ready" "$m_own" "$m_over"
done
over=$(awk '$2=="sagedock" {print $6}' "$out" | median)
eng=$(awk '$2=="sagedock" {print $7}' "$out" | median)
echo "SageDock overhead without the engine's create+start API time (median ${eng} ms): $(awk '$2=="sagedock" {print $6-$7}' "$out" | median) ms"
if [ "$over" -lt 300 ]; then echo "target met: SageDock overhead ${over} ms < 300 ms"; else echo "target MISSED: SageDock overhead ${over} ms >= 300 ms"; fi
