#!/usr/bin/env bash
# diagnose-log on 1 GiB (issue 13; method and results: docs/benchmarks/diagnose-1g.md).
# Generates two 1 GiB BuildKit plain logs: "huge-build", one build whose single step prints 1 GiB
# of output lines, and "many-steps", one build of millions of short steps (the shape that used to
# cost 4x the file in memory). Each is diagnosed with `sagedock-cli diagnose-log FILE --json` under
# /usr/bin/time -v (peak RSS, wall time), beside `wc -l` of the same file as the read-speed peer.
# Targets: peak RSS <= 100 MB and >= 100 MB/s for both logs. Exits 1 when a target is missed.
# Usage: scripts/bench.d/diagnose-1g.sh   (SAGEDOCK_BUILD_DIR=build dir, DIAGNOSE_MB=size in MiB)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
bdir="${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}"
cli="${SAGEDOCK_CLI:-$bdir/app/cli/sagedock-cli}"
mib="${DIAGNOSE_MB:-1024}"
out="${DIAGNOSE_RESULTS:-$repo_root/build/bench-diagnose-1g.txt}"
[ -x "$cli" ] || { echo "diagnose-1g bench: $cli not built (scripts/bench builds it)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

generate() { # shape file
    python3 - "$1" "$2" "$mib" <<'PY'
import sys
shape, path, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
target = mib * 1024 * 1024
with open(path, "w", buffering=1 << 20) as f:
    f.write('#0 building with "default" instance using docker driver\n\n')
    f.write("#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n\n")
    size = 0
    if shape == "huge-build":
        f.write("#2 [app 1/2] RUN make -j2 build\n")
        block = "".join(f"#2 {i // 100}.{i % 100:02d} [sagelib] gcc -O2 -c src/module_{i}.c -o build/module_{i}.o\n"
                        for i in range(2000))
        while size < target:
            f.write(block)
            size += len(block)
        f.write("#2 DONE 7200.0s\n\n#3 [app 2/2] COPY . /app\n#3 CACHED\n")
    else:
        n = 2
        while size < target:
            chunk = "".join(f"#{k} [app {k}/99999999] RUN make target-{k}\n#{k} 0.1 built target-{k}\n#{k} DONE 0.1s\n\n"
                            for k in range(n, n + 10000))
            f.write(chunk)
            size += len(chunk)
            n += 10000
PY
}

{
    echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)  cli: $cli"
} >"$out"
ok=1
for shape in huge-build many-steps; do
    log="$work/$shape.log"
    generate "$shape" "$log"
    bytes=$(stat -c %s "$log")
    cat "$log" >/dev/null # both runs read from the page cache
    /usr/bin/time -v "$cli" diagnose-log "$log" --json >"$work/$shape.json" 2>"$work/$shape.time"
    wc_start=$(date +%s.%N); wc -l "$log" >/dev/null; wc_end=$(date +%s.%N)
    python3 - "$shape" "$bytes" "$work/$shape.time" "$wc_start" "$wc_end" "$work/$shape.json" <<'PY' | tee -a "$out"
import json, re, sys
shape, size, timefile, wc0, wc1, result = sys.argv[1:7]
size = int(size)
t = open(timefile).read()
rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", t)
wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
warnings = [w["kind"] for w in json.load(open(result)).get("warnings", [])]
print(json.dumps({"log": shape, "bytes": size, "peak_rss_mb": round(rss_kb / 1024, 1),
                  "seconds": round(wall, 2), "mb_per_s": round(size / 1e6 / wall, 1),
                  "wc_l_mb_per_s": round(size / 1e6 / max(1e-3, float(wc1) - float(wc0)), 1),
                  "warnings": sorted(set(warnings))}))
PY
    rm -f "$log"
done
python3 - "$out" <<'PY' || ok=0
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
good = True
for r in rows:
    rss_ok, speed_ok = r["peak_rss_mb"] <= 100, r["mb_per_s"] >= 100
    print(f"{r['log']}: peak RSS {r['peak_rss_mb']} MB (target <= 100) {'ok' if rss_ok else 'MISSED'}, "
          f"{r['mb_per_s']} MB/s (target >= 100) {'ok' if speed_ok else 'MISSED'}")
    good &= rss_ok and speed_ok
sys.exit(0 if good else 1)
PY
echo "results written to $out"
[ "$ok" = 1 ]
