#!/usr/bin/env bash
# TLS + token matrix benchmark (docs/benchmarks/matrix-tls.md): the 645-repository matrix of
# matrix.sh in the registry twin (tests/fixtures/registrytwin/twin.py: docker-registry 2.8 serving
# TLS itself with `auth: token`, a token issuer of our own, a TCP latency proxy, 25 ms each way).
# Measures in one run, over the same images:
#   * `sagedock-cli matrix` cold on plain HTTP without auth (the twin's seed door, same storage);
#   * `sagedock-cli matrix` cold on the twin, direct and through the proxy (exit code and message
#     recorded as they are: SageDock has no HTTPS for loopback registries yet, issue 10 section 2);
#   * sequential `skopeo inspect --config` and `skopeo list-tags` loops through the proxy (50 ms RTT)
#     and through the proxy set to 0 ms.
# Usage: scripts/bench.d/matrix-tls.sh
#   SAGEDOCK_CLI=path/to/sagedock-cli  MATRIX_TLS_RUNS=N (cold runs of each kind: plain, TLS direct, TLS proxied; default 3)
#   MATRIX_TLS_SKOPEO=N (repositories per skopeo loop, default 129 = every 5th; each loop is extrapolated
#   to 645: one skopeo process per repository costs the same for all, and four full loops at 50 ms
#   RTT would take ~40 min)
#   MATRIX_TLS_LATENCY_MS=25  MATRIX_TLS_RESULTS=file
#   MATRIX_TLS_ALSO_CONCURRENCY=48 (optional: more proxied runs with `--concurrency 48`, side by side
#   with the default, e.g. to show what the number of images in flight does at this latency)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
cli="${SAGEDOCK_CLI:-${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}/app/cli/sagedock-cli}"
runs="${MATRIX_TLS_RUNS:-3}"
latency="${MATRIX_TLS_LATENCY_MS:-25}"
out="${MATRIX_TLS_RESULTS:-$repo_root/build/bench-matrix-tls.txt}"
py=/usr/bin/python3 # Debian's: python3-jwt and python3-cryptography (another python3 may lead PATH)
[ -x "$cli" ] || { echo "matrix-tls bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
for tool in docker-registry skopeo openssl curl; do
    command -v "$tool" >/dev/null || { echo "matrix-tls bench: $tool missing (packaging/deps-test.txt)" >&2; exit 1; }
done
"$py" -c 'import jwt, cryptography' 2>/dev/null ||
    { echo "matrix-tls bench: apt-get install python3-jwt python3-cryptography" >&2; exit 1; }

work="$(mktemp -d)"
twin_pid=""
cleanup() {
    [ -n "$twin_pid" ] && kill "$twin_pid" 2>/dev/null && wait "$twin_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$py" "$repo_root/tests/fixtures/registrytwin/twin.py" up --dir "$work/twin" --latency-ms "$latency" \
    --user sage:sage-secret > "$work/twin.out" 2>&1 &
twin_pid=$!
for _ in $(seq 1 600); do [ -f "$work/twin/twin.json" ] && break; kill -0 "$twin_pid" 2>/dev/null || break; sleep 0.1; done
[ -f "$work/twin/twin.json" ] || { echo "matrix-tls bench: the twin did not start" >&2; cat "$work/twin.out" >&2; exit 1; }
endpoint() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/twin/twin.json" "$1"; }
reg=$(endpoint registry)
proxied=$(endpoint registryProxied)
seed=$(endpoint seed)
certdir=$(endpoint certDir)
latency_file=$(endpoint latencyFile)
realm_port=$(endpoint realm | sed -E 's|.*:([0-9]+)/.*|\1|')
# TCP connections the latency proxy accepted on a port so far (each one to a TLS port is a handshake).
connections() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], 0))' \
    "$work/twin/connections.json" "$1" 2>/dev/null || echo 0; }
echo "matrix-tls bench: twin up: TLS+token registry $reg, through the ${latency} ms proxy $proxied, seed door $seed"

prefix="sagemath/sage"
python3 "$here/seedmatrix.py" --list "$repo_root/resources/catalog/sage-catalog.json" "$prefix" > "$work/repos.txt"
nrepos=$(wc -l < "$work/repos.txt")
t0=$(date +%s%N)
python3 "$here/seedmatrix.py" "$seed" "$work/repos.txt"
echo "matrix-tls bench: seeded $nrepos repositories in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

export XDG_CONFIG_HOME="$work/config" DOCKER_CONFIG="$work/docker-config"
# Trust as a user would set it up: the twin's CA in a certs.d folder per registry address (the root
# through SAGEDOCK_CERTS_D instead of /etc/docker/certs.d), the login in the docker config.
export SAGEDOCK_CERTS_D="$work/certs.d"
for address in "$reg" "$proxied"; do mkdir -p "$SAGEDOCK_CERTS_D/$address"; cp "$certdir/ca.crt" "$SAGEDOCK_CERTS_D/$address/"; done
mkdir -p "$DOCKER_CONFIG"
auth=$(printf 'sage:sage-secret' | base64)
printf '{"auths": {"%s": {"auth": "%s"}, "%s": {"auth": "%s"}}}\n' "$reg" "$auth" "$proxied" "$auth" > "$DOCKER_CONFIG/config.json"
uptime | sed 's/^/matrix-tls bench: load at start: /' 
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
results="$work/results.txt"
: > "$results"
record() { echo "$*" | tee -a "$results"; }

# 1. sagedock-cli on plain HTTP without auth: the baseline the TLS numbers will be compared with.
matrix() { # ADDRESS NAME [CLI-ARGS...]: one cold run; records exit code, time, summary or the first error line
    local address=$1 name=$2 t rc
    shift 2
    t=$(date +%s%N)
    set +e
    XDG_CACHE_HOME="$work/cache-$name-$RANDOM" timeout 600 "$cli" matrix --repo "$address/$prefix/" --tag dev \
        --release 10.4 --packages minimal,standard,maximal --format json --output "$work/$name.json" "$@" \
        > "$work/$name.out" 2>&1
    rc=$?
    set -e
    local elapsed summary
    elapsed=$(ms_since "$t")
    summary=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"])' "$work/$name.json" 2>/dev/null || echo "-")
    record "$name: exit $rc, ${elapsed} ms, summary $summary"
    if [ "$rc" != 0 ] || [ "$summary" = "-" ]; then
        record "$name: output: $(head -c 600 "$work/$name.out" | tr '\n' ' ')"
    fi
    # The first error cell, if any (the JSON holds one entry per cell).
    python3 - "$work/$name.json" <<'PY' 2>/dev/null | sed "s/^/$name: /" | tee -a "$results" || true
import json, sys
doc = json.load(open(sys.argv[1]))
def walk(x):
    if isinstance(x, dict):
        if x.get("error"):
            yield x["error"]
        for v in x.values():
            yield from walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from walk(v)
errors = list(walk(doc))
print("%d cells with an error%s" % (len(errors), (", first: %s" % errors[0]) if errors else ""))
PY
}
echo 0 > "$latency_file"
for i in $(seq 1 "$runs"); do matrix "$seed" "plain-http-cold-$i"; done
# 2. sagedock-cli on the twin, direct (TLS + tokens) and through the latency proxy.
for i in $(seq 1 "$runs"); do matrix "$reg" "tls-direct-cold-$i"; done
echo "$latency" > "$latency_file"
for i in $(seq 1 "$runs"); do
    reg_before=$(connections "${proxied##*:}")
    realm_before=$(connections "$realm_port")
    matrix "$proxied" "tls-${latency}ms-cold-$i"
    record "tls-${latency}ms-cold-$i: TCP+TLS connections: $(( $(connections "${proxied##*:}") - reg_before )) to the registry," \
        "$(( $(connections "$realm_port") - realm_before )) to the token service"
done
if [ -n "${MATRIX_TLS_ALSO_CONCURRENCY:-}" ]; then
    n="$MATRIX_TLS_ALSO_CONCURRENCY"
    for i in $(seq 1 "$runs"); do
        matrix "$proxied" "tls-${latency}ms-concurrency-$n-cold-$i" --concurrency "$n"
        matrix "$proxied" "tls-${latency}ms-default-again-cold-$i"
    done
fi
uptime | sed 's/^/matrix-tls bench: load after the matrix runs: /' | tee -a "$results"

# 3. skopeo loops over the same images, sequential, one process per repository (as a shell script would).
sample="${MATRIX_TLS_SKOPEO:-129}"
awk -v n="$nrepos" -v k="$sample" 'BEGIN { step = n / k } { if (NR - 1 >= next_pick) { print; next_pick += step } }' \
    "$work/repos.txt" | head -n "$sample" > "$work/sample.txt"
nsample=$(wc -l < "$work/sample.txt")
skopeo_loop() { # LATENCY_MS NAME SKOPEO-ARGS...
    local lat=$1 name=$2 t failed=0
    shift 2
    echo "$lat" > "$latency_file"
    local reg_before realm_before
    reg_before=$(connections "${proxied##*:}")
    realm_before=$(connections "$realm_port")
    t=$(date +%s%N)
    while read -r r; do
        if [ "$1" = inspect ]; then ref="docker://$proxied/$r:dev"; else ref="docker://$proxied/$r"; fi
        skopeo "$@" --cert-dir "$certdir" --creds sage:sage-secret "$ref" > /dev/null 2>>"$work/skopeo.err" ||
            failed=$((failed + 1))
    done < "$work/sample.txt"
    local elapsed
    elapsed=$(ms_since "$t")
    record "$name: $nsample repositories in ${elapsed} ms, $(( elapsed / nsample )) ms each, $failed failed," \
        "x$nrepos = $(( elapsed * nrepos / nsample / 1000 )) s;" \
        "TCP+TLS connections: $(( $(connections "${proxied##*:}") - reg_before )) to the registry," \
        "$(( $(connections "$realm_port") - realm_before )) to the token service"
}
skopeo_loop "$latency" "skopeo-inspect-config-${latency}ms" inspect --config
skopeo_loop "$latency" "skopeo-list-tags-${latency}ms" list-tags
skopeo_loop 0 "skopeo-inspect-config-0ms" inspect --config
skopeo_loop 0 "skopeo-list-tags-0ms" list-tags
[ -s "$work/skopeo.err" ] && record "skopeo: first error: $(head -1 "$work/skopeo.err")"

{ echo "matrix-tls bench $(date -u +%FT%TZ), $nrepos repositories, latency ${latency} ms each way"; cat "$results"; } > "$out"
echo "matrix-tls bench: results in $out"
