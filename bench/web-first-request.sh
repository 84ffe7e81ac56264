#!/usr/bin/env bash
# The web host's first request: time from starting the published app (offline Sandbox mode) until `GET /` first
# answers, N runs, median. Compares a plain (JIT) publish with a ReadyToRun one (docs/performance.md):
#   bench/web-first-request.sh [runs]
# Prints `web first request: jit median N ms …` and `… r2r median N ms …` with the load average.
set -euo pipefail
# -p:PublishAot=false: the web host bundles the CLI, a NativeAOT tool project, which a RID would make self-contained.
cd "$(dirname "$0")/.."
runs=${1:-5}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

dotnet publish samples/SpaceFactory.Web -c Release -r linux-x64 --self-contained false -p:PublishAot=false -o "$out/jit" > "$out/jit.log" 2>&1 \
  || { tail -30 "$out/jit.log"; exit 1; }
dotnet publish samples/SpaceFactory.Web -c Release -r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true -o "$out/r2r" > "$out/r2r.log" 2>&1 \
  || { tail -30 "$out/r2r.log"; exit 1; }

# One start: spawn, poll `/` every 5 ms until it answers, stop the app; prints the milliseconds.
first_request_ms() {
  local dir=$1 port=$2 start pid ms
  start=$(date +%s%N)
  (cd "$out" && ASPNETCORE_URLS="http://127.0.0.1:$port" exec dotnet "$dir/SpaceFactory.Web.dll" > "$out/app.log" 2>&1) &
  pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out/app.log" >&2; return 1; }
    sleep 0.005
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$ms"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

port=5191
first_request_ms "$out/jit" "$port" > /dev/null   # warm the page cache for both
first_request_ms "$out/r2r" "$port" > /dev/null
jit=() r2r=()
for _ in $(seq "$runs"); do   # alternating, so that both see the same machine
  jit+=("$(first_request_ms "$out/jit" "$port")")
  r2r+=("$(first_request_ms "$out/r2r" "$port")")
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "web first request: jit median $(printf '%s\n' "${jit[@]}" | median) ms (${jit[*]}), load $load"
echo "web first request: r2r median $(printf '%s\n' "${r2r[@]}" | median) ms (${r2r[*]}), size $(du -sm "$out/jit" | cut -f1) → $(du -sm "$out/r2r" | cut -f1) MiB"
