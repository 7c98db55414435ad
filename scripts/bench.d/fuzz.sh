#!/usr/bin/env bash
# The input fuzz targets (issue 13) under libFuzzer, 10 minutes each (method and results:
# docs/benchmarks/fuzz.md). Builds the fuzz preset (clang-14, everything instrumented with
# -fsanitize=fuzzer-no-link,address,undefined) for the four targets, then runs them at nice 19, at
# most two at a time (the machine's other work keeps its cores), each starting from its seed corpus
# in tests/fuzz/corpus/<target> and growing a working corpus under build/fuzz-corpus/<target>.
# Records per target: seconds, executions, exec/s, corpus size, cov/ft, crashes (artifacts kept in
# build/fuzz-artifacts/<target>), peak RSS (/usr/bin/time -v of the fuzzer process).
# Exits 1 when any target crashed, leaked, timed out or ran out of memory.
# Usage: scripts/bench.d/fuzz.sh [target...]   (FUZZ_SECONDS per target, default 600; FUZZ_JOBS, default 2)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
seconds="${FUZZ_SECONDS:-600}"
parallel="${FUZZ_JOBS:-2}"
out="${FUZZ_RESULTS:-$repo_root/build/bench-fuzz.txt}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(engine pull dockerconfig history)
command -v clang++-14 >/dev/null || { echo "fuzz bench: clang++-14 missing (apt install clang-14 libclang-rt-14-dev)" >&2; exit 1; }

cd "$repo_root"
export CCACHE_BASEDIR="$repo_root"
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
nice -n 10 cmake --build build/fuzz --target "${targets[@]/#/fuzz_}" -- -j"$parallel" | grep -v '^\[' || true
[ "${PIPESTATUS[0]}" -eq 0 ] || { echo "fuzz bench: build failed" >&2; exit 1; }

logs="$repo_root/build/fuzz-logs"
mkdir -p "$logs"
run_target() { # name
    local name="$1" corpus="$repo_root/build/fuzz-corpus/$1" artifacts="$repo_root/build/fuzz-artifacts/$1"
    mkdir -p "$corpus" "$artifacts"
    # The working corpus first (written to), the seeds second (read only).
    nice -n 19 /usr/bin/time -v -o "$logs/$name.time" \
        "build/fuzz/tests/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts/" \
        "$corpus" "tests/fuzz/corpus/$name" >"$logs/$name.log" 2>&1 || true
}
{
    echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)  seconds: $seconds  parallel: $parallel"
} >"$out"
for name in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do wait -n || true; done
    echo "fuzz bench: starting $name ($(date -u +%T))" >&2
    run_target "$name" &
done
wait

ok=1
for name in "${targets[@]}"; do
    python3 - "$name" "$logs/$name.log" "$logs/$name.time" "$repo_root/build/fuzz-corpus/$name" \
        "$repo_root/build/fuzz-artifacts/$name" <<'PY' | tee -a "$out"
import json, os, re, sys
name, log, timefile, corpus, artifacts = sys.argv[1:6]
text = open(log, errors="replace").read()
def stat(key):
    m = re.search(r"stat::%s:\s+(\d+)" % key, text)
    return int(m.group(1)) if m else None
last = re.findall(r"#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+) corp: (\d+)/(\S+)", text)
t = open(timefile).read() if os.path.exists(timefile) else ""
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t)
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", t)
seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)) if wall else None
found = sorted(f for f in os.listdir(artifacts) if re.match(r"(crash|leak|timeout|oom|slow-unit)-", f))
print(json.dumps({"target": name, "seconds": round(seconds, 1) if seconds else None,
                  "executions": stat("number_of_executed_units"), "exec_per_s": stat("average_exec_per_sec"),
                  "corpus_files": len(os.listdir(corpus)), "corpus_libfuzzer": int(last[-1][3]) if last else None,
                  "cov": int(last[-1][1]) if last else None, "ft": int(last[-1][2]) if last else None,
                  "new_units": stat("new_units_added"),
                  "peak_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else stat("peak_rss_mb"),
                  "findings": found}))
PY
done
python3 - "$out" <<'PY' || ok=0
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
bad = [r["target"] for r in rows if r["findings"] or not r["executions"]]
for r in rows:
    print(f"{r['target']}: {r['seconds']} s, {r['executions']} runs, {r['exec_per_s']}/s, corpus {r['corpus_libfuzzer']}, "
          f"cov {r['cov']} ft {r['ft']}, peak RSS {r['peak_rss_mb']} MB, findings {r['findings'] or 'none'}")
sys.exit(1 if bad else 0)
PY
echo "results written to $out (logs in $logs)"
[ "$ok" = 1 ]
