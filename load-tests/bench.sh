#!/usr/bin/env bash
# One benchmark run, as written in docs/performance.md: starts a fresh target (Townhall with its embedded Redis,
# or the floor) on loopback, warms it up, runs the generator (two processes above 9 900 residents: one process
# may hold at most ~19 900 sockets here), merges the results and stops the target. Bounded in time; loopback only.
#
#   load-tests/bench.sh TARGET RESIDENTS VOTES_PER_S DURATION_S OUT_DIR [NODES]
#   TARGET: townhall | floor     NODES (townhall only): 1 (default) or 2 nodes sharing one Redis
#   Environment: JAVA_OPTS for the target's JVM; THRESHOLD: residents per generator process (default 9900).
set -euo pipefail
target=$1 residents=$2 rate=$3 duration=$4 out=$5 nodes=${6:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/townhall-bench.XXXXXX)
# The generator is one loopback address standing for a whole city: the limits per address and per resident would
# refuse it, so the nodes run without them.
export TOWNHALL_RATELIMITS_IDENTITIES_BURST=0 TOWNHALL_RATELIMITS_CONNECTIONS_BURST=0 \
  TOWNHALL_RATELIMITS_ASKS_BURST=0 TOWNHALL_RATELIMITS_VOTES_BURST=0
cp "$here/server/target/townhall.jar" "$here/load-tests/target/townhall-load.jar" "$work/"
load="$work/townhall-load.jar"
mkdir -p "$out"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

wait_up() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.5; done; return 1; }

urls=() samples=()
# the nodes refuse an admin token under 32 characters; two nodes on one Redis must share their secrets
admin=bench-admin-token-0123456789abcdefghij
token_secret=bench-token-secret-0123456789abcdefghij
address_key=bench-address-hash-key-0123456789abcdef
if [ "$target" = floor ]; then
  java ${JAVA_OPTS:-} -jar "$load" floor --port 18690 --tick-ms 100 > "$out/target.log" 2>&1 &
  pids+=($!); urls=(http://127.0.0.1:18690); samples=("floor=$!")
  wait_up 18690
else
  redis_port=18691
  if [ "$nodes" = 2 ]; then
    redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$out/redis.log" 2>&1 &
    pids+=($!); redis_pid=$!
    for n in 1 2; do
      (cd "$work" && PORT=1869$((n + 1)) REDIS_URL=redis://127.0.0.1:$redis_port TOWNHALL_ADMIN_TOKEN=$admin \
        TOWNHALL_SECURITY_TOKENSECRET=$token_secret TOWNHALL_SECURITY_ADDRESSHASHKEY=$address_key \
        TOWNHALL_METRICS_PORT=1969$((n + 1)) exec java ${JAVA_OPTS:-} -jar townhall.jar > "$out/node$n.log" 2>&1) &
      pids+=($!); samples+=("node$n=$!"); urls+=("http://127.0.0.1:1869$((n + 1))")
    done
    samples+=("redis=$redis_pid")
  else
    (cd "$work" && PORT=18692 TOWNHALL_ADMIN_TOKEN=$admin TOWNHALL_METRICS_PORT=19692 exec java ${JAVA_OPTS:-} -jar townhall.jar \
      > "$out/target.log" 2>&1) &
    pids+=($!); samples=("server=$!"); urls=(http://127.0.0.1:18692)
  fi
  for u in "${urls[@]}"; do wait_up "${u##*:}"; done
  if [ "$nodes" != 2 ]; then samples+=("redis=$(pgrep -P "${pids[0]}" -f redis-server | head -1)"); fi
fi
url=$(IFS=,; echo "${urls[*]}")

# warm-up: the JIT compiles the hot paths before the measured run
java -jar "$load" --url "$url" --admin-token "$admin" --residents 500 --vote-rate 200 --duration 8 --ramp 2 \
  --drain 2 > "$out/warmup.txt" 2>&1 || true

threshold=${THRESHOLD:-9900}
procs=$(( (residents + threshold - 1) / threshold ))
per=$(( residents / procs ))
ramp=$(( residents / 1000 + 5 ))
start=$(( $(date +%s%3N) + (ramp + 20) * 1000 ))
common=(--url "$url" --residents "$per" --vote-rate "$rate" --duration "$duration" --ramp "$ramp"
  --process-count "$procs" --start-at "$start" --session-file "$work/session.json")
gen=()
for i in $(seq 0 $((procs - 1))); do
  extra=()
  if [ "$i" = 0 ]; then extra=(--admin-token "$admin" --moderators 1 --stage --pids "$(IFS=,; echo "${samples[*]}")"); fi
  java -Xss256k -jar "$load" "${common[@]}" --process-index "$i" "${extra[@]}" --out "$out/p$i.json" \
    > "$out/p$i.txt" 2> "$out/p$i.log" &
  gen+=($!)
done
status=0
for g in "${gen[@]}"; do wait "$g" || status=1; done
java -jar "$load" merge "$out"/p*.json --out "$out/result.json" --report "$out/report" > "$out/result.txt" 2>&1 || status=1
cat "$out/result.txt"
exit $status
