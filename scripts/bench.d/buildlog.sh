#!/usr/bin/env bash
# Build-log benchmark (method and results: docs/benchmarks/buildlog.md).
# 1. Parser throughput on a generated 50 MB BuildKit plain log (sagedock-parse-bench, best of 3 per mode),
#    then end to end with hyperfine: `sagedock-cli diagnose-log FILE --json` side by side with the
#    cheapest peers that read the same file (`grep -cE` of the step-end lines, `wc -l`).
# 2. The LogView fed 10 000 lines/s for 10 s (offscreen) with a 5 ms event-loop stall probe.
# Targets: plain parser >= 100 MB/s; max event-loop stall <= 50 ms. Exits 1 when a target is missed.
# Usage: scripts/bench.d/buildlog.sh   (SAGEDOCK_BUILD_DIR=build dir, BUILDLOG_MB=size, BUILDLOG_SECONDS=s)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
bdir="${SAGEDOCK_BUILD_DIR:-$repo_root/build/ci}"
parse_bench="$bdir/tests/bench/buildlog/sagedock-parse-bench"
view_bench="$bdir/tests/bench/buildlog/sagedock-logview-bench"
cli="${SAGEDOCK_CLI:-$bdir/app/cli/sagedock-cli}"
megabytes="${BUILDLOG_MB:-50}"
seconds="${BUILDLOG_SECONDS:-10}"
out="${BUILDLOG_RESULTS:-$repo_root/build/bench-buildlog.txt}"
for exe in "$parse_bench" "$view_bench" "$cli"; do
    [ -x "$exe" ] || { echo "buildlog bench: $exe not built (scripts/bench builds it)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/plain-${megabytes}MB.log"

echo "# parser throughput (${megabytes} MB generated plain log, 64 KiB chunks, best of 3)"
"$parse_bench" "$megabytes" --write "$log" | tee "$work/parse.jsonl"

echo "# end to end, side by side (hyperfine)"
if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 5 --export-markdown "$work/e2e.md" \
        "$cli diagnose-log $log --json" \
        "grep -cE '^#[0-9]+ (CACHED|DONE)' $log" \
        "wc -l $log" >&2
    cat "$work/e2e.md"
else
    echo "hyperfine not installed: skipping the end-to-end comparison" >&2
fi

echo "# LogView at 10 000 lines/s for ${seconds} s (offscreen)"
QT_QPA_PLATFORM=offscreen "$view_bench" "$seconds" 10000 | tee "$work/view.json"

{
    echo "date: $(date -u +%FT%TZ)  host: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$work/parse.jsonl" "$work/view.json"
    [ -f "$work/e2e.md" ] && cat "$work/e2e.md"
} >"$out"
echo "results written to $out"

python3 - "$work/parse.jsonl" "$work/view.json" <<'PY'
import json, sys
parse = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
view = json.load(open(sys.argv[2]))
plain = next(p for p in parse if p["mode"] == "plain")
ok = True
print(f"plain parser: {plain['mb_per_s']:.0f} MB/s (target >= 100)")
ok &= plain["mb_per_s"] >= 100
print(f"LogView: max stall {view['max_stall_ms']:.1f} ms (target <= 50), "
      f"{view['lines_shown']} of {view['lines_sent']} lines shown, caught up in {view['catch_up_ms']:.0f} ms")
ok &= view["max_stall_ms"] <= 50
sys.exit(0 if ok else 1)
PY
