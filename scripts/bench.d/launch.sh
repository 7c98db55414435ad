#!/usr/bin/env bash
# Launch benchmark (docs/benchmarks/launch.md), two parts:
#  overhead: SageDock's overhead from "Launch" to Ready, minus the container's own start-to-listening
#            time, side by side with `docker run` + polling the log by hand. Image present locally
#            (fixture sagemath). Prints per-run numbers and medians; writes a TSV.
#  pull:     pull progress in the UI: the Launch page (offscreen, tests/gui/launch/bench_launchpull)
#            launches an image with one large random layer that is only in a private loopback
#            docker-registry, reached through a bandwidth throttle so the pull lasts like a real
#            download; how often the progress widgets change, the longest gap between changes, the
#            longest event-loop stall; `docker pull` of the same image through the same throttle.
# Usage: scripts/bench launch [overhead|pull]    (default both)
#   SAGEDOCK_CLI=path/to/sagedock-cli, LAUNCH_RUNS=N, LAUNCH_PULL_RUNS=N, LAUNCH_PULL_MB=250,
#   LAUNCH_PULL_RATE_MBPS=25 (the throttle, MB/s), SAGEDOCK_LAUNCH_PULL_GUI=path/to/bench_launchpull
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
source "$repo_root/scripts/lib/common.sh" # free_loopback_port
cli="${SAGEDOCK_CLI:-${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}/app/cli/sagedock-cli}"
runs="${LAUNCH_RUNS:-10}"
image="sagedock-fixture/sagemath:latest"
label="org.sagedock.test=bench-launch-$$"
out="${LAUNCH_RESULTS:-$repo_root/build/bench-launch.tsv}"
gui="${SAGEDOCK_LAUNCH_PULL_GUI:-$(dirname "$(dirname "$(dirname "$cli")")")/tests/gui/launch/bench_launchpull}"
# scripts/bench passes the benchmark's name first; an optional part follows.
[ "${1:-}" = launch ] && shift
parts="${1:-overhead pull}"
[ -x "$cli" ] || { echo "launch bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
bash "$repo_root/tests/fixtures/build-images.sh" >/dev/null
work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config" # scratch settings: never the user's
registry_pid=""
throttle_pid=""
pull_images=()
cleanup() {
    ids=$(docker ps -aq --filter "label=$label")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    ids=$(docker ps -aq --filter "label=org.sagedock.bench=launch-pull")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    # Only this run's CLI sessions (their notebooks folder is ours): never other sessions on the machine.
    ids=$(docker ps -aq --filter "label=org.sagedock.notebooks=$work/nb")
    [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1 || true
    for img in "${pull_images[@]}"; do docker rmi -f "$img" >/dev/null 2>&1 || true; done
    for pid in $throttle_pid $registry_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
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

bench_overhead() {
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
}

bench_pull() {
    local pull_runs="${LAUNCH_PULL_RUNS:-3}" mb="${LAUNCH_PULL_MB:-250}" rate="${LAUNCH_PULL_RATE_MBPS:-25}"
    local pull_out="${LAUNCH_PULL_RESULTS:-$repo_root/build/bench-launch-pull.txt}"
    [ -x "$gui" ] || { echo "launch bench: $gui not built (it is built with the tests)" >&2; return 1; }
    for tool in docker-registry python3 curl; do
        command -v "$tool" >/dev/null || { echo "launch bench: $tool missing (packaging/deps-bench.txt)" >&2; return 1; }
    done
    local reg_port relay_port
    reg_port=$(free_loopback_port)
    cat > "$work/registry.yml" <<YML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$reg_port
YML
    docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
    registry_pid=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$reg_port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -fs "http://127.0.0.1:$reg_port/v2/" >/dev/null || { echo "launch bench: registry did not start" >&2; return 1; }

    # The throttle: a TCP relay in its own process (never on the measured UI's event loop) that paces
    # registry → client bytes to `rate` MB/s shared by all connections, like one download link.
    cat > "$work/throttle.py" <<'PY'
import asyncio, sys, time
listen_port, upstream_port, rate = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) * 1e6
next_free = 0.0
async def pump(reader, writer, paced):
    global next_free
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if paced:
                now = time.monotonic()
                start = max(now, next_free)
                next_free = start + len(data) / rate
                if start > now:
                    await asyncio.sleep(start - now)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()
async def handle(client_reader, client_writer):
    try:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, up_writer, False), pump(up_reader, client_writer, True))
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY
    relay_port=$(free_loopback_port)
    python3 "$work/throttle.py" "$relay_port" "$reg_port" "$rate" &
    throttle_pid=$!
    for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$relay_port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

    # One large layer of random bytes (gzip cannot shrink it) on top of the fixture sagemath image,
    # whose own layers are already here: the pull downloads exactly that layer. Built, pushed
    # straight to the registry (not throttled), then removed here so only the registry has it.
    local repo="bench/sagemath-pull" direct relayed
    direct="127.0.0.1:$reg_port/$repo:latest"
    relayed="127.0.0.1:$relay_port/$repo:latest"
    pull_images+=("$direct" "$relayed")
    printf 'FROM sagedock-fixture/sagemath:latest\nRUN head -c %s /dev/urandom > /home/sage/large-layer\n' \
        "$((mb * 1000 * 1000))" > "$work/Dockerfile.pull"
    mkdir -p "$work/empty-context"
    echo "launch bench: building a ${mb} MB layer, pushing it to 127.0.0.1:$reg_port"
    docker build -q --no-cache --label "$label" -t "$direct" -f "$work/Dockerfile.pull" "$work/empty-context" >/dev/null
    docker push -q "$direct" >/dev/null
    docker rmi "$direct" >/dev/null

    echo "launch bench: pulling through a ${rate} MB/s throttle, $pull_runs runs each (SageDock Launch page, docker pull)"
    : > "$work/pull.jsonl"
    for i in $(seq 1 "$pull_runs"); do
        "$gui" "127.0.0.1:$relay_port/$repo" latest > "$work/gui.json"
        cat "$work/gui.json" >> "$work/pull.jsonl"
        echo "  run $i sagedock: $(cat "$work/gui.json")"
        docker rmi "$relayed" >/dev/null
        t0=$(now_ms)
        docker pull -q "$relayed" >/dev/null
        t1=$(now_ms)
        echo "{\"docker_pull_ms\": $((t1 - t0))}" >> "$work/pull.jsonl"
        echo "  run $i docker pull: $((t1 - t0)) ms"
        docker rmi "$relayed" >/dev/null
    done
    echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
    python3 - "$work/pull.jsonl" "$mb" "$rate" <<'PY' | tee "$pull_out"
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
gui = [r for r in rows if "pull_ms" in r]
docker = [r["docker_pull_ms"] for r in rows if "docker_pull_ms" in r]
med = lambda key: statistics.median(r[key] for r in gui)
worst = lambda key: max(r[key] for r in gui)
print("layer: %s MB random, throttle %s MB/s, %d runs" % (sys.argv[2], sys.argv[3], len(gui)))
print("SageDock Launch page pull: median %.0f ms (download %.0f ms), docker pull median %.0f ms"
      % (med("pull_ms"), med("download_ms"), statistics.median(docker)))
print("UI progress updates (bar or text): median %.1f/s (worst run %.1f/s), longest gap %d ms (worst run), "
      "first update after %d ms, last update %d ms before the pull ended"
      % (med("updates_per_s"), min(r["updates_per_s"] for r in gui), worst("max_update_gap_ms"),
         worst("first_update_ms"), worst("tail_gap_ms")))
print("progress bar value alone: median %.1f/s (worst run %.1f/s), longest gap %d ms (worst run)"
      % (med("bar_updates_per_s"), min(r["bar_updates_per_s"] for r in gui), worst("max_bar_gap_ms")))
w = max(gui, key=lambda r: r["max_stall_pull_ms"])
print("longest event-loop stall during the pull: %d ms (worst run; %.1f ms of it CPU on the UI thread, at %d ms "
      "into the pull); most UI-thread CPU between two 5 ms ticks: %.1f ms; whole launch: %d ms"
      % (w["max_stall_pull_ms"], w["max_stall_pull_cpu_ms"], w["max_stall_pull_at_ms"],
         worst("max_busy_pull_ms"), worst("max_stall_all_ms")))
# Judged on the bar alone: a moving rate figure is not progress.
ok_rate = min(r["bar_updates_per_s"] for r in gui) >= 2 and worst("max_bar_gap_ms") <= 500
ok_stall = worst("max_stall_pull_ms") <= 50
ok_busy = worst("max_busy_pull_ms") <= 50
verdict = lambda ok: "met" if ok else "MISSED"
print("target >= 2 bar updates/s, no gap over 500 ms: %s; event-loop stalls <= 50 ms: %s wall clock, %s in "
      "UI-thread CPU" % (verdict(ok_rate), verdict(ok_stall), verdict(ok_busy)))
PY
}

for part in $parts; do
    case "$part" in
        overhead) bench_overhead ;;
        pull) bench_pull ;;
        *) echo "launch bench: no part named $part (have: overhead pull)" >&2; exit 2 ;;
    esac
done
