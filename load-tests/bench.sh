#!/usr/bin/env bash
# One benchmark run, as written in docs/performance.md: starts a fresh target (Townhall with its embedded Redis,
# or the floor) on loopback, warms it up, runs the generator (two processes above 9 900 residents: one process
# may hold at most ~19 900 sockets here), merges the results and stops the target. Bounded in time; loopback only.
#
#   load-tests/bench.sh TARGET RESIDENTS VOTES_PER_S DURATION_S OUT_DIR [NODES]
#   TARGET: townhall | floor     NODES (townhall only): 1 (default) or 2 nodes sharing one Redis
#   Environment: JAVA_OPTS for the target's JVM; THRESHOLD: residents per generator process (default 9900);
#   WARMUP_S: seconds of the warm-up run (default 8; the JIT may still compile after it: see the profile);
#   PORT_BASE (default 18690): the target listens on PORT_BASE (floor), PORT_BASE+1 (Redis of two nodes),
#     PORT_BASE+2/+3 (nodes) and PORT_BASE+1002/+1003 (their metrics): give concurrent runs different bases;
#   PROFILE: profile each target JVM during the measured window only (not the warm-up or the ramp), into
#     OUT/profile-<name>.jfr (PROFILE=jfr: JFR's "profile" settings) or OUT/profile-<name>.collapsed
#     (PROFILE=async:/path/to/libasyncProfiler.so: async-profiler's CPU samples, kernel frames included, one
#     line per stack with its thread; summarise with load-tests/profile-summary.py).
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
port_base=${PORT_BASE:-18690}
if [[ ${PROFILE:-} == async:* ]]; then
  # loaded at start and only started for the window: loading an agent into a running JVM deoptimises its code
  JAVA_OPTS="${JAVA_OPTS:-} -agentpath:$(realpath "${PROFILE#async:}")"
fi
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# another run on the same ports would be measured instead of this one's target
for p in $port_base $((port_base + 1)) $((port_base + 2)) $((port_base + 3)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT_BASE" >&2; exit 1; fi
done
wait_up() { for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.5; done; return 1; }

urls=() samples=()
# the nodes refuse an admin token under 32 characters; two nodes on one Redis must share their secrets
admin=bench-admin-token-0123456789abcdefghij
token_secret=bench-token-secret-0123456789abcdefghij
address_key=bench-address-hash-key-0123456789abcdef
if [ "$target" = floor ]; then
  java ${JAVA_OPTS:-} -jar "$load" floor --port $port_base --tick-ms 100 > "$out/target.log" 2>&1 &
  pids+=($!); urls=(http://127.0.0.1:$port_base); samples=("floor=$!")
  wait_up $port_base
else
  redis_port=$((port_base + 1))
  if [ "$nodes" = 2 ]; then
    redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$out/redis.log" 2>&1 &
    pids+=($!); redis_pid=$!
    for n in 1 2; do
      (cd "$work" && PORT=$((port_base + n + 1)) REDIS_URL=redis://127.0.0.1:$redis_port TOWNHALL_ADMIN_TOKEN=$admin \
        TOWNHALL_SECURITY_TOKENSECRET=$token_secret TOWNHALL_SECURITY_ADDRESSHASHKEY=$address_key \
        TOWNHALL_METRICS_PORT=$((port_base + 1000 + n + 1)) exec java ${JAVA_OPTS:-} -jar townhall.jar > "$out/node$n.log" 2>&1) &
      pids+=($!); samples+=("node$n=$!"); urls+=("http://127.0.0.1:$((port_base + n + 1))")
    done
    samples+=("redis=$redis_pid")
  else
    (cd "$work" && PORT=$((port_base + 2)) TOWNHALL_ADMIN_TOKEN=$admin TOWNHALL_METRICS_PORT=$((port_base + 1002)) exec java ${JAVA_OPTS:-} -jar townhall.jar \
      > "$out/target.log" 2>&1) &
    pids+=($!); samples=("server=$!"); urls=(http://127.0.0.1:$((port_base + 2)))
  fi
  for u in "${urls[@]}"; do wait_up "${u##*:}"; done
  if [ "$nodes" != 2 ]; then samples+=("redis=$(pgrep -P "${pids[0]}" -f redis-server | head -1)"); fi
fi
url=$(IFS=,; echo "${urls[*]}")

# warm-up: the JIT compiles the hot paths before the measured run
java -jar "$load" --url "$url" --admin-token "$admin" --residents 500 --vote-rate 200 --duration "${WARMUP_S:-8}" --ramp 2 \
  --drain 2 > "$out/warmup.txt" 2>&1 || true

threshold=${THRESHOLD:-9900}
procs=$(( (residents + threshold - 1) / threshold ))
per=$(( residents / procs ))
ramp=$(( residents / 1000 + 5 ))
start=$(( $(date +%s%3N) + (ramp + 20) * 1000 ))
common=(--url "$url" --residents "$per" --vote-rate "$rate" --duration "$duration" --ramp "$ramp"
  --process-count "$procs" --start-at "$start" --session-file "$work/session.json")
profilers=()
if [ -n "${PROFILE:-}" ]; then
  for sample in "${samples[@]}"; do
    name=${sample%%=*} pid=${sample#*=}
    [ "$name" = redis ] && continue
    (
      sleep "$(awk "BEGIN { print ($start - $(date +%s%3N)) / 1000 }")"
      case $PROFILE in
        jfr) jcmd "$pid" JFR.start name=bench settings=profile duration="${duration}s" \
               filename="$(realpath "$out")/profile-$name.jfr" > /dev/null ;;
        async:*) lib=$(realpath "${PROFILE#async:}")
               # quoted for jcmd's own parser, which would split the options at '='
               jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms,threads"' > /dev/null
               sleep "$duration"
               jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,collapsed,file=$(realpath "$out")/profile-$name.collapsed\"" \
                 > /dev/null ;;
        *) echo "PROFILE: jfr or async:/path/to/libasyncProfiler.so" >&2 ;;
      esac
    ) &
    profilers+=($!)
  done
fi
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
for p in "${profilers[@]}"; do wait "$p" || true; done
java -jar "$load" merge "$out"/p*.json --out "$out/result.json" --report "$out/report" > "$out/result.txt" 2>&1 || status=1
cat "$out/result.txt"
exit $status
