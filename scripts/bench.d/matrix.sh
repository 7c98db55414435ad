#!/usr/bin/env bash
# Matrix benchmark (docs/benchmarks/matrix.md): the historical full matrix (Sage 10.4's 43 systems ×
# minimal/standard/maximal × the 5 published stages = 645 repositories of tiny images sharing layers)
# in a private loopback docker-registry, filled through the registry API (blob mounts + manifest PUTs).
# Measures in one run: `sagedock-cli matrix` cold (empty cache) and warm; `skopeo list-tags` over the
# same repositories sequentially and 8 in parallel; and the loopback bound = requests SageDock needs
# ÷ requests/s that wrk gets from the same registry.
# Usage: scripts/bench.d/matrix.sh     (SAGEDOCK_CLI=path/to/sagedock-cli, MATRIX_RUNS=N, MATRIX_RESULTS=file)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
cli="${SAGEDOCK_CLI:-${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}/app/cli/sagedock-cli}"
# GUI helper (tests/gui/matrix/bench_matrixpage.cpp): RSS and event-loop stalls of the Matrix page.
gui="${SAGEDOCK_MATRIX_GUI:-$(dirname "$(dirname "$(dirname "$cli")")")/tests/gui/matrix/bench_matrixpage}"
runs="${MATRIX_RUNS:-5}"
out="${MATRIX_RESULTS:-$repo_root/build/bench-matrix.txt}"
[ -x "$cli" ] || { echo "matrix bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
for tool in docker-registry skopeo wrk hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "matrix bench: $tool missing (packaging/deps-bench.txt)" >&2; exit 1; }
done

work="$(mktemp -d)"
registry_pid=""
cleanup() {
    [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port=""
for _ in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 20000 ))
    if [ -z "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]; then port=$p; break; fi
done
[ -n "$port" ] || { echo "matrix bench: no free loopback port" >&2; exit 1; }
reg="127.0.0.1:$port"
cat > "$work/registry.yml" <<EOF
version: 0.1
log:
  level: info
  formatter: text
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/registry
  delete:
    enabled: false
http:
  addr: $reg
EOF
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do curl -fs "http://$reg/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "http://$reg/v2/" >/dev/null || { echo "matrix bench: registry did not start" >&2; cat "$work/registry.log" >&2; exit 1; }

prefix="sagemath/sage"
python3 "$here/seedmatrix.py" --list "$repo_root/resources/catalog/sage-catalog.json" "$prefix" > "$work/repos.txt"
nrepos=$(wc -l < "$work/repos.txt")

echo "matrix bench: filling $reg with $nrepos repositories through the registry API"
t0=$(date +%s%N)
python3 "$here/seedmatrix.py" "$reg" "$work/repos.txt"
t1=$(date +%s%N)
echo "matrix bench: seeded in $(( (t1 - t0) / 1000000 )) ms"

matrix_args=(matrix --repo "$reg/$prefix/" --tag dev --release 10.4 --packages minimal,standard,maximal --format json)
export XDG_CONFIG_HOME="$work/config" DOCKER_CONFIG="$work/docker-config"

# One counted cold run: which HTTP requests does a cold matrix send? (the registry logs each one)
log_lines_before=$(wc -l < "$work/registry.log")
XDG_CACHE_HOME="$work/count-cache" "$cli" "${matrix_args[@]}" --output "$work/matrix.json"
tail -n +"$((log_lines_before + 1))" "$work/registry.log" | grep 'response completed' |
    sed -E 's/.*http\.request\.method=([A-Z]+) .*http\.request\.uri="?([^" ]+)"?.*/\1 \2/' > "$work/requests.txt"
needed=$(wc -l < "$work/requests.txt")
summary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$work/matrix.json")
echo "matrix bench: a cold matrix needs $needed HTTP requests; summary $summary"

# The loopback bound: how long the registry itself needs to serve exactly those requests. The kinds
# cost the registry very different amounts (a config blob GET ~2.5x a manifest GET on
# docker-registry 2.8), so wrk replays each kind's own URIs round robin (8 connections, SageDock's
# per-host limit) and the bound is the sum over kinds of count / (wrk req/s). wrk cannot drive HEAD
# (it waits for a body), so a HEAD is replayed as the GET of the same URI, which costs the registry
# at least as much.
kind_of() {
    case "$1" in
        */tags/list*) echo tags ;;
        */manifests/sha256:*) echo manifest-by-digest ;;
        */manifests/*) echo manifest-by-tag ;;
        */blobs/*) echo blob ;;
        *) echo other ;;
    esac
}
: > "$work/kinds.txt"
while read -r method uri; do
    k=$(kind_of "$uri")
    echo "$uri" >> "$work/uris-$k.txt"
    echo "$k" >> "$work/kinds.txt"
done < "$work/requests.txt"
bound_ms=0
kinds_summary=""
for k in $(sort -u "$work/kinds.txt"); do
    count=$(grep -cx "$k" "$work/kinds.txt")
    cat > "$work/replay-$k.lua" <<EOF
local uris = {}
for line in io.lines("$work/uris-$k.txt") do uris[#uris + 1] = line end
local i = 0
request = function()
  i = i % #uris + 1
  return wrk.format("GET", uris[i], {["Accept"] = "application/vnd.docker.distribution.manifest.v2+json"})
end
EOF
    krps=$(wrk -t2 -c8 -d4s -s "$work/replay-$k.lua" "http://$reg" | awk '/Requests\/sec/ {print $2}')
    bound_ms=$(python3 -c "print($bound_ms + $count / $krps * 1000)")
    kinds_summary="$kinds_summary $k=$count@${krps}req/s"
    echo "matrix bench: $count x $k, wrk replays them at $krps req/s"
done
bound_ms=$(python3 -c "print(round($bound_ms))")
rps=$(python3 -c "print(round($needed / $bound_ms * 1000))") # the mix's effective rate
echo "matrix bench: loopback bound ${bound_ms} ms for $needed requests (${kinds_summary# })"

# hyperfine: cold (fresh cache each run) and warm (cache kept), plus skopeo sequential and 8 in parallel.
hyperfine --style basic --runs "$runs" --export-json "$work/hf-sagedock.json" \
    --prepare "rm -rf '$work/cold-cache'" \
    -n sagedock-cold "XDG_CACHE_HOME='$work/cold-cache' '$cli' ${matrix_args[*]} --output /dev/null" \
    -n sagedock-warm "XDG_CACHE_HOME='$work/warm-cache' '$cli' ${matrix_args[*]} --output /dev/null" \
    --warmup 1 >/dev/null
skopeo_list() { sed "s|^|docker://$reg/|" "$work/repos.txt"; }
skopeo_list > "$work/skopeo-refs.txt"
hyperfine --style basic --runs 1 --export-json "$work/hf-skopeo.json" \
    -n skopeo-sequential "while read -r r; do skopeo list-tags --tls-verify=false \"\$r\" >/dev/null; done < '$work/skopeo-refs.txt'" \
    -n skopeo-8-parallel "xargs -P8 -n1 skopeo list-tags --tls-verify=false < '$work/skopeo-refs.txt' >/dev/null" \
    >/dev/null

gui_json="{}"
if [ -x "$gui" ]; then
    # Cold cache, like a first refresh in the app.
    gui_json=$(XDG_CACHE_HOME="$work/gui-cache" "$gui" "$reg/$prefix/" 2>/dev/null | tail -1)
    echo "matrix bench: GUI $gui_json"
else
    echo "matrix bench: $gui not built; GUI RSS and stalls not measured" >&2
fi

python3 - "$work/hf-sagedock.json" "$work/hf-skopeo.json" "$bound_ms" "$needed" "$rps" "$nrepos" "$gui_json" "${kinds_summary# }" <<'PY' | tee "$out"
import json, sys
runs = {}
for f in sys.argv[1:3]:
    for r in json.load(open(f))["results"]:
        runs[r["command"]] = r
bound, needed, rps, nrepos = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
def ms(name, key="median"): return runs[name][key] * 1000
print("repositories: %d, requests per cold matrix: %d (%s), wrk replay of that mix: %.0f req/s, bound: %.0f ms"
      % (nrepos, needed, sys.argv[8], rps, bound))
for name in ["sagedock-cold", "sagedock-warm", "skopeo-sequential", "skopeo-8-parallel"]:
    r = runs[name]
    print("%-18s median %8.0f ms  (min %.0f, max %.0f, runs %d)" % (name, ms(name), ms(name, "min"), ms(name, "max"), len(r["times"])))
cold, warm = ms("sagedock-cold"), ms("sagedock-warm")
seq, par = ms("skopeo-sequential"), ms("skopeo-8-parallel")
def verdict(ok): return "met" if ok else "MISSED"
print("cold / bound          = %.2f  (target <= 1.5: %s)" % (cold / bound, verdict(cold <= 1.5 * bound)))
print("skopeo-seq / cold     = %.1f  (target >= 20: %s)" % (seq / cold, verdict(seq >= 20 * cold)))
print("skopeo-8par / cold    = %.1f" % (par / cold))
print("warm / cold           = %.2f  (target <= 0.25: %s)" % (warm / cold, verdict(warm <= 0.25 * cold)))
gui = json.loads(sys.argv[7])
if gui:
    print("GUI full matrix       : refresh %d ms, %d cells, RSS %.1f MB (peak %.1f MB; target < 150: %s), "
          "longest event-loop stall %d ms (target <= 50: %s)" % (gui["refresh_ms"], gui["cells"], gui["rss_mb"],
          gui["rss_peak_mb"], verdict(gui["rss_peak_mb"] < 150), gui["max_stall_ms"], verdict(gui["max_stall_ms"] <= 50)))
PY
