#!/usr/bin/env bash
# Benchmark runs, as written in docs/performance.md. Each starts fresh targets on loopback (Townhall nodes, a Redis,
# or the floor), runs the generator, writes its results into OUT_DIR and stops everything it started (only those
# processes, by pid). Bounded in time; loopback only.
#
#   load-tests/bench.sh TARGET RESIDENTS VOTES_PER_S DURATION_S OUT_DIR [NODES]
#       TARGET: townhall | floor. NODES (townhall only): 1 (default, its embedded Redis) or 2 nodes sharing one
#       Redis. Warms the target up, then the vote run (two generator processes above 9 900 residents).
#   load-tests/bench.sh join-storm JOINERS JOINS_PER_S QUESTIONS OUT_DIR [VOTES_PER_S]
#       One fresh node (no warm-up: a hall starts cold) on a Redis of its own, a session seeded with QUESTIONS
#       questions (and SEED_VOTES votes, default 10 per question) through the store (SeedSession), then the node is
#       restarted; VOTERS residents (default 200) vote at VOTES_PER_S (default 200) while JOINERS join at JOINS_PER_S.
#       PAGE_ALL=1: once they are in, one more resident pages through the whole session.
#       JOIN_TARGET=floor: the same storm against the floor instead (no Redis, no seeding: the voters' process asks
#       QUESTIONS questions first, which every floor welcome carries whole; give it the number of questions
#       Townhall's bounded welcome carries, e.g. 100, for welcomes of the same size).
#   load-tests/bench.sh reconnect-storm RESIDENTS_PER_NODE OUT_DIR [VOTES_PER_S]
#       Two fresh nodes on one Redis, RESIDENTS_PER_NODE residents on each, votes at VOTES_PER_S (default 200); at
#       KILL_AT s (default 10) the generator kill -9s node 2; its residents come back on node 1, measured for
#       RECONNECT_WAIT s after the kill (default 60). At most 2 x 9 900 with 20 000 open files per process (the
#       surviving node holds every socket): a larger size is refused with the largest that fits.
#   load-tests/bench.sh restart-storm RESIDENTS OUT_DIR [VOTES_PER_S]
#       RESIDENTS residents on one node (node 2; node 1 only holds the embedded PostgreSQL and serves nobody), votes
#       at VOTES_PER_S (default 200); at KILL_AT s the generator kill -9s the node and this script starts it again at
#       once; the residents come back to it. "reconnect.backAfterHealthy" in result.json: each resident's time back
#       counted from the restarted node's first healthy answer (target: p95 within 3 s). RESTART_WAIT: seconds the
#       run goes on after the kill (default 50). With PROFILE, the restarted node is profiled from its first healthy
#       answer for PROFILE_S s (default 20), into OUT/profile-restarted.*.
#   load-tests/bench.sh poll-storm RESIDENTS WITHIN_S OUT_DIR
#       One fresh node on a Redis of its own; RESIDENTS residents join, a moderator opens a single-choice poll and
#       every resident answers it at a random moment within WITHIN_S seconds (a tenth change their answer once).
#       Checks every answer counted once (the counts at the close equal each resident's last answer) and measures,
#       on every screen (each resident, the stage, the moderator), when the final results showed after the last
#       answer was acknowledged (poll-storm.json: visibleAfterLastAnswerMs p50/p99/max) and the most results frames
#       one screen got within a tick.
#   load-tests/bench.sh seed QUESTIONS VOTES OUT_DIR
#       Seeds a session through the store and writes Redis memory per question and per vote (seed.txt) and the
#       vote script's Redis time per call.
#   load-tests/bench.sh redis-per-join OUT_DIR [JOINERS] [JOINS_PER_S]
#       join-storm runs without votes (default 1 000 joiners at 200/s) into sessions of 50, 1 000 and 100 000
#       questions (QUESTION_SIZES to change them); prints Redis time per join for each (redis-per-join.txt).
#   load-tests/bench.sh script-cost OUT_DIR [VOTES] [QUESTIONS]
#       The vote script's Redis time (INFO commandstats, EVALSHA usec per call) beside its floor in the same run: a
#       Redis of its own on a free loopback port, a session of QUESTIONS (default 10 000) questions, VOTES (default
#       20 000) fresh upvotes, half as many changed, then EVALSHA of an empty script and the vote's writes in one
#       MULTI; three runs, each on a fresh Redis, and their medians (script-cost.txt; load-tests/script-cost.py).
#       FIFO=1: Redis under SCHED_FIFO (chrt, needs root), so other processes' load does not stretch its calls.
#       Needs no jar.
#   load-tests/bench.sh export-check QUESTIONS OUT_DIR [HEAP]
#       A session seeded with QUESTIONS questions; the node restarted with -Xmx HEAP (default 256m) and a GC log;
#       downloads the record as CSV and checks the node is still up and never ran out of heap (export.txt).
#
# Environment: LIMITS=default: the nodes keep the shipped rate limits per address and per token (else those per
# address are off: the generator is one address; those per participant are always off); JAVA_OPTS for the nodes' JVM; THRESHOLD: sockets per generator process (default 9900); VOTERS,
# SEED_VOTES, KILL_AT as above; SEED_IN_FLIGHT: store calls in flight while seeding (default 256); PORT_BASE (default
# 18690): the floor listens on it, the bench's Redis on +1, node N on +1+N, node N's metrics on +1001+N.
# Vote runs only: WARMUP_S: seconds of the warm-up (default 8; the JIT may still compile after it: see the
# profile); PROFILE: profile each target JVM during the measured window only (not the warm-up or the ramp), into
# OUT/profile-<name>.jfr (PROFILE=jfr: JFR's "profile" settings) or OUT/profile-<name>.collapsed
# (PROFILE=async:/path/to/libasyncProfiler.so: async-profiler's CPU samples, kernel frames included, one line per
# stack with its thread; summarise with load-tests/profile-summary.py).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# Every run but the floor's starts a Redis of its own: Debian's redis-server, not the embedded one (a bench runs
# the server as a resident would deploy it).
if [ "${1:-}" != floor ] && [ "${JOIN_TARGET:-}" != floor ] && ! command -v redis-server > /dev/null; then
  echo "bench: needs redis-server on the PATH (Debian: apt-get install -y redis-server)" >&2
  exit 2
fi
if [ "${1:-}" = script-cost ]; then
  # no node, no jar, no fixed port: the tool starts and stops a Redis of its own
  [ $# -ge 2 ] || { sed -n '2,/^set -e/{/^#/p}' "$0"; exit 2; }
  mkdir -p "$2"
  python3 "$here/load-tests/script-cost.py" --votes "${3:-20000}" --changes $(( ${3:-20000} / 2 )) \
    --questions "${4:-10000}" ${FIFO:+--fifo} | tee "$2/script-cost.txt"
  exit "${PIPESTATUS[0]}"
fi
work=$(mktemp -d /tmp/townhall-bench.XXXXXX)
# The generator is one loopback address standing for a whole city: the limits per address and per resident would
# refuse it, so the nodes run without them — unless LIMITS=default, which keeps the shipped limits per address
# (identities, connections) and per token (hellos) to measure a crowd behind one address (a hall's Wi-Fi, a
# carrier's shared address) as the defaults treat it; the limits per participant stay off either way (one helper
# participant of the generator asks all of a run's questions, far beyond a resident's asks).
export TOWNHALL_RATELIMITS_ASKS_BURST=0 TOWNHALL_RATELIMITS_VOTES_BURST=0
if [ "${LIMITS:-off}" != default ]; then
  export TOWNHALL_RATELIMITS_IDENTITIES_BURST=0 TOWNHALL_RATELIMITS_CONNECTIONS_BURST=0
fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  # processes started by a background subshell (the restarted node of restart-storm)
  if [ -f "$work/more-pids" ]; then while read -r p; do kill "$p" 2>/dev/null || true; done < "$work/more-pids"; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp "$here/server/target/townhall.jar" "$here/load-tests/target/townhall-load.jar" "$work/"
load="$work/townhall-load.jar"

wait_up() { for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$1/health" >/dev/null && return 0; sleep 0.5; done; return 1; }

# the nodes refuse an admin token under 32 characters; nodes on one Redis must share their secrets
admin=bench-admin-token-0123456789abcdefghij
token_secret=bench-token-secret-0123456789abcdefghij
address_key=bench-address-hash-key-0123456789abcdef
base=${PORT_BASE:-18690}
redis_port=$((base + 1))
node_port() { echo $((base + 1 + $1)); }
threshold=${THRESHOLD:-9900}
declare -A node_pid
if [[ ${PROFILE:-} == async:* ]]; then
  # loaded at start and only started for the window: loading an agent into a running JVM deoptimises its code
  JAVA_OPTS="${JAVA_OPTS:-} -agentpath:$(realpath "${PROFILE#async:}")"
fi
# another run on the same ports would be measured instead of this one's target
for p in $base $((base + 1)) $((base + 2)) $((base + 3)); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT_BASE" >&2; exit 1; fi
done

# Profiles each sampled JVM (not Redis) from START (epoch ms) for DURATION s, in the background (see PROFILE);
# the caller waits for "${profilers[@]}".
profile_window() {
  local start=$1 duration=$2
  profilers=()
  [ -n "${PROFILE:-}" ] || return 0
  for sample in "${samples[@]}"; do
    local name=${sample%%=*} pid=${sample#*=}
    [ "$name" = redis ] && continue
    (
      sleep "$(awk "BEGIN { d = ($start - $(date +%s%3N)) / 1000; print (d > 0 ? d : 0) }")"
      case $PROFILE in
        jfr) jcmd "$pid" JFR.start name=bench settings=profile duration="${duration}s" \
               filename="$out/profile-$name.jfr" > /dev/null ;;
        async:*) lib=$(realpath "${PROFILE#async:}")
               # quoted for jcmd's own parser, which would split the options at '='
               jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms,threads"' > /dev/null
               sleep "$duration"
               jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,collapsed,file=$out/profile-$name.collapsed\"" > /dev/null ;;
        *) echo "PROFILE: jfr or async:/path/to/libasyncProfiler.so" >&2 ;;
      esac
    ) &
    profilers+=($!)
  done
}

# A Redis of the bench's own (so the generator can read its INFO and the seeder can write to it), with the
# embedded Redis's settings: every write appended and fsynced, never evicting. start_redis volatile: no
# persistence at all (the two-node vote runs of series 1 and 2).
start_redis() {
  if redis-cli -p $redis_port ping >/dev/null 2>&1; then
    echo "bench: something already answers on port $redis_port (another bench?): set PORT_BASE" >&2; return 1
  fi
  local persistence=(--appendonly yes --appendfsync always)
  if [ "${1:-}" = volatile ]; then persistence=(--appendonly no); fi
  mkdir -p "$work/redis"
  redis-server --port $redis_port --bind 127.0.0.1 --dir "$work/redis" --save '' "${persistence[@]}" \
    --maxmemory-policy noeviction --daemonize no > "$out/redis.log" 2>&1 &
  pids+=($!); redis_pid=$!
  for _ in $(seq 1 40); do redis-cli -p $redis_port ping >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "bench: redis-server did not start (see $out/redis.log)" >&2; return 1
}

# Node N (1 or 2) on port PORT_BASE+1+N, on the bench's Redis. Node 1 starts the embedded PostgreSQL (in $work/data);
# node 2 uses node 1's (one deployment, one database): a second embedded one in the same folder would stop the first.
start_node() {
  local n=$1 port; port=$(node_port "$1"); local db=""
  if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
    echo "bench: something already answers on port $port (another bench?): set PORT_BASE" >&2; return 1
  fi
  if [ "$n" != 1 ]; then
    db="postgresql://postgres@127.0.0.1:$(grep -o 'Embedded PostgreSQL on 127.0.0.1:[0-9]*' "$out/node1.log" \
      | tail -1 | sed 's/.*://')/postgres"
  fi
  # a node that cannot start (on a box this busy, its first Redis connection may time out) is started again, twice
  for attempt in 1 2 3; do
    (cd "$work" && export PORT=$port REDIS_URL=redis://127.0.0.1:$redis_port TOWNHALL_ADMIN_TOKEN=$admin \
      TOWNHALL_SECURITY_TOKENSECRET=$token_secret TOWNHALL_SECURITY_ADDRESSHASHKEY=$address_key \
      TOWNHALL_METRICS_PORT=$((base + 1001 + n)) && { [ -z "$db" ] || export DATABASE_URL="$db"; } \
      && exec java ${JAVA_OPTS:-} -jar townhall.jar >> "$out/node$n.log" 2>&1) &
    pids+=($!); node_pid[$n]=$!
    for _ in $(seq 1 240); do
      curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
      kill -0 "${node_pid[$n]}" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "${node_pid[$n]}" 2>/dev/null; then break; fi
    echo "bench: node $n exited before it was up (attempt $attempt; see $out/node$n.log)" >&2
  done
  echo "bench: node $n did not come up (see $out/node$n.log)" >&2; return 1
}

stop_node() {
  kill "${node_pid[$1]}" 2>/dev/null || true
  wait "${node_pid[$1]}" 2>/dev/null || true
}

# Creates a post-moderated anonymous session on node 1: sets $session and $moderator_token.
create_session() {
  curl -sf -X POST "http://127.0.0.1:$(node_port 1)/api/sessions" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' \
    -d '{"title":"Bench","moderation":"post","anonymous":true,"locale":"vi"}' > "$out/session.json"
  session=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$out/session.json")
  moderator_token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["moderatorToken"])' \
    "$out/session.json")
}

# Seeds $session with $1 questions and $2 votes through the store (townhall.store.redis.SeedSession).
seed_session() {
  (cd "$work" && REDIS_URL=redis://127.0.0.1:$redis_port java -cp townhall.jar townhall.store.redis.SeedSession \
    --session "$session" --questions "$1" --votes "$2" --in-flight "${SEED_IN_FLIGHT:-256}") \
    > "$out/seed.txt" 2> "$out/seed.log"
  cat "$out/seed.txt"
}

# Runs the generator in as many processes as the sockets need: run_generator SOCKETS_IN_ALL DURATION_S ARGS...
# (ARGS are given to every process; --residents is per process and comes from $residents_total.)
run_generator() {
  local sockets=$1 duration=$2; shift 2
  local procs=$(( (sockets + threshold - 1) / threshold ))
  local per=$(( (residents_total + procs - 1) / procs ))
  local start=$(( $(date +%s%3N) + (per / 500 + 25) * 1000 ))
  local gen=() status=0
  rm -f "$out"/p*.json
  for i in $(seq 0 $((procs - 1))); do
    local extra=()
    if [ "$i" = 0 ]; then
      extra=(--pids "$(IFS=,; echo "${samples[*]}")")
      if [ -n "${redis_pid:-}" ]; then extra+=(--redis 127.0.0.1:$redis_port); fi
    fi
    java -Xss256k -jar "$load" "$@" --residents "$per" --duration "$duration" --process-count "$procs" \
      --process-index "$i" --start-at "$start" "${extra[@]}" --out "$out/p$i.json" > "$out/p$i.txt" 2> "$out/p$i.log" &
    gen+=($!)
  done
  for g in "${gen[@]}"; do wait "$g" || status=1; done
  java -jar "$load" merge "$out"/p*.json --out "$out/result.json" --report "$out/report" > "$out/result.txt" 2>&1 \
    || status=1
  cat "$out/result.txt"
  return $status
}

vote_run() {
  local target=$1 residents=$2 rate=$3 duration=$4 nodes=${5:-1}
  local urls=() 
  samples=()
  if [ "$target" = floor ]; then
    java ${JAVA_OPTS:-} -jar "$load" floor --port "$base" --tick-ms 100 > "$out/target.log" 2>&1 &
    pids+=($!); urls=("http://127.0.0.1:$base"); samples=("floor=$!")
    wait_up "$base"
  elif [ "$nodes" = 2 ]; then
    start_redis volatile
    start_node 1; start_node 2
    samples=("node1=${node_pid[1]}" "node2=${node_pid[2]}" "redis=$redis_pid")
    urls=("http://127.0.0.1:$(node_port 1)" "http://127.0.0.1:$(node_port 2)")
  else
    (cd "$work" && PORT=$(node_port 1) TOWNHALL_ADMIN_TOKEN=$admin TOWNHALL_METRICS_PORT=$((base + 1002)) \
      exec java ${JAVA_OPTS:-} -jar townhall.jar > "$out/target.log" 2>&1) &
    pids+=($!); samples=("server=$!"); urls=("http://127.0.0.1:$(node_port 1)")
    wait_up "$(node_port 1)"
    samples+=("redis=$(pgrep -P "${pids[0]}" -f redis-server | head -1)")
  fi
  local url; url=$(IFS=,; echo "${urls[*]}")

  # warm-up: the JIT compiles the hot paths before the measured run
  java -jar "$load" --url "$url" --admin-token "$admin" --residents 500 --vote-rate 200 --duration "${WARMUP_S:-8}" \
    --ramp 2 --drain 2 > "$out/warmup.txt" 2>&1 || true

  local procs=$(( (residents + threshold - 1) / threshold ))
  local per=$(( residents / procs ))
  local ramp=$(( residents / 1000 + 5 ))
  local start=$(( $(date +%s%3N) + (ramp + 20) * 1000 ))
  local common=(--url "$url" --residents "$per" --vote-rate "$rate" --duration "$duration" --ramp "$ramp"
    --process-count "$procs" --start-at "$start" --session-file "$work/session.json")
  local gen=() status=0
  profile_window "$start" "$duration"
  for i in $(seq 0 $((procs - 1))); do
    local extra=()
    if [ "$i" = 0 ]; then extra=(--admin-token "$admin" --moderators 1 --stage --pids "$(IFS=,; echo "${samples[*]}")"); fi
    java -Xss256k -jar "$load" "${common[@]}" --process-index "$i" "${extra[@]}" --out "$out/p$i.json" \
      > "$out/p$i.txt" 2> "$out/p$i.log" &
    gen+=($!)
  done
  for g in "${gen[@]}"; do wait "$g" || status=1; done
  for p in "${profilers[@]}"; do wait "$p" || true; done
  java -jar "$load" merge "$out"/p*.json --out "$out/result.json" --report "$out/report" > "$out/result.txt" 2>&1 || status=1
  cat "$out/result.txt"
  return $status
}

# join-storm JOINERS JOINS_PER_S QUESTIONS OUT [VOTES_PER_S]
join_storm() {
  local joiners=$1 rate=$2 questions=$3 votes_per_s=${4:-200}
  local voters=${VOTERS:-200}
  local seed_votes=${SEED_VOTES:-$(( questions >= 100 ? questions * 10 : 0 ))}
  if [ "${JOIN_TARGET:-townhall}" = floor ]; then
    java ${JAVA_OPTS:-} -jar "$load" floor --port "$base" --tick-ms 100 > "$out/target.log" 2>&1 &
    pids+=($!); samples=("floor=$!")
    wait_up "$base"
    local floor_session
    floor_session=$(curl -sf -X POST "http://127.0.0.1:$base/api/sessions" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d '{"title":"Bench","moderation":"post","anonymous":true}')
    session=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$floor_session")
    moderator_token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["moderatorToken"])' "$floor_session")
    residents_total=$voters
    run_generator $(( voters + joiners )) $(( joiners / rate + 15 )) --url "http://127.0.0.1:$base" \
      --session "$session" --moderator-token "$moderator_token" --vote-rate "$votes_per_s" \
      --ask-rate "${ASK_RATE:-0.2}" --ramp $(( voters / 200 + 2 )) --joiners "$joiners" --join-rate "$rate" \
      --join-at 2 --drain 5 --questions "$questions"
    return
  fi
  start_redis
  start_node 1
  create_session
  if [ "$questions" -gt 0 ]; then seed_session "$questions" "$seed_votes"; fi
  stop_node 1            # a fresh node: its view of the session is built from Redis on the first join
  start_node 1
  samples=("node1=${node_pid[1]}" "redis=$redis_pid")
  residents_total=$voters
  local duration=$(( joiners / rate + 15 ))
  # Redis's main-thread CPU over the whole run, from before the first resident (the voters join before the storm's
  # t0, and the first join makes the fresh node read its view, which the storm's own figure then leaves out)
  local cpu_before status=0; cpu_before=$(redis_cpu_micros)
  run_generator $(( voters + joiners )) "$duration" --url "http://127.0.0.1:$(node_port 1)" --session "$session" \
    --moderator-token "$moderator_token" --vote-rate "$votes_per_s" --ask-rate "${ASK_RATE:-0.2}" \
    --ramp $(( voters / 200 + 2 )) --joiners "$joiners" --join-rate "$rate" --join-at 2 --drain 5 \
    ${PAGE_ALL:+--page-all} || status=$?
  echo $(( $(redis_cpu_micros) - cpu_before )) > "$out/redis-cpu-micros.txt"
  return $status
}

# CPU time of the bench's Redis's main thread so far, in microseconds (INFO cpu)
redis_cpu_micros() {
  redis-cli -p $redis_port INFO cpu | tr -d '\r' | awk -F: '/^used_cpu_(sys|user)_main_thread:/ { s += $2 }
    END { printf "%d\n", s * 1000000 }'
}

# reconnect-storm RESIDENTS_PER_NODE OUT [VOTES_PER_S]
reconnect_storm() {
  local per_node=$1 votes_per_s=${2:-200} kill_at=${KILL_AT:-10}
  # The surviving node ends up holding every resident's socket, next to its own files (the JDK's and Townhall's
  # jars, its Redis and PostgreSQL connections, epoll and pipe descriptors: ~150; NODE_FILES): a process here may
  # open $(ulimit -n) files, so 2 x 10 000 cannot fit (series 4: "Too many open files" on accept) and 2 x 9 900 is
  # the largest size that does.
  local limit; limit=$(ulimit -n)
  local most=$(( (limit - ${NODE_FILES:-150}) / 2 / 100 * 100 ))
  if [ "$limit" != unlimited ] && [ "$per_node" -gt "$most" ]; then
    echo "bench: 2 x $per_node residents cannot fit one node: it may open $limit files (ulimit -n), so at most" \
      "2 x $most" >&2
    return 2
  fi
  start_redis
  start_node 1; start_node 2
  echo "files held by node 1 before the storm: $(ls "/proc/${node_pid[1]}/fd" | wc -l)" | tee "$out/node-files.txt"
  samples=("node1=${node_pid[1]}" "node2=${node_pid[2]}" "redis=$redis_pid")
  residents_total=$(( per_node * 2 ))
  create_session
  run_generator "$residents_total" $(( kill_at + ${RECONNECT_WAIT:-60} )) \
    --url "http://127.0.0.1:$(node_port 1),http://127.0.0.1:$(node_port 2)" \
    --session "$session" --vote-rate "$votes_per_s" --ramp $(( residents_total / 1000 + 5 )) \
    --kill-pid "${node_pid[2]}" --kill-node 1 --kill-at "$kill_at" --drain 5
}

# restart-storm RESIDENTS OUT [VOTES_PER_S]
restart_storm() {
  local residents=$1 votes_per_s=${2:-200} kill_at=${KILL_AT:-10}
  start_redis
  start_node 1             # holds the embedded PostgreSQL, so that killing the other node kills no database
  start_node 2
  samples=("node2=${node_pid[2]}" "redis=$redis_pid")
  residents_total=$residents
  create_session
  local victim=${node_pid[2]}
  (
    while kill -0 "$victim" 2>/dev/null; do sleep 0.05; done
    echo "killed (seen) at $(date +%s%3N) ms" >> "$out/restart.txt"
    start_node 2 && echo "${node_pid[2]}" >> "$work/more-pids"
    echo "healthy (seen by this script, every 0.5 s) at $(date +%s%3N) ms" >> "$out/restart.txt"
    # the restarted node's CPU time (user + system, clock ticks of $(getconf CLK_TCK)/s) every second: what the
    # resumes cost it, apart from how long the box made them wait
    restarted=${node_pid[2]}
    ( while [ -r "/proc/$restarted/stat" ]; do
        echo "$(date +%s%3N) $(awk '{print $14 + $15}' "/proc/$restarted/stat" 2>/dev/null)"; sleep 1
      done >> "$out/restarted-cpu.txt" ) &
    # PROFILE: the restarted node from its first healthy answer on, for PROFILE_S s (default 20): the resumes
    samples=("restarted=${node_pid[2]}")
    profile_window "$(date +%s%3N)" "${PROFILE_S:-20}"
    for p in "${profilers[@]}"; do wait "$p" || true; done
  ) &
  pids+=($!)
  run_generator "$residents" $(( kill_at + ${RESTART_WAIT:-50} )) --url "http://127.0.0.1:$(node_port 2)" \
    --session "$session" --vote-rate "$votes_per_s" --ramp $(( residents / 1000 + 5 )) \
    --kill-pid "$victim" --kill-node 0 --kill-at "$kill_at" --drain 5
}

# poll-storm RESIDENTS WITHIN_S OUT
poll_storm() {
  local residents=$1 within=$2
  start_redis
  start_node 1
  local status=0
  java -Xss256k -jar "$load" poll-storm --url "http://127.0.0.1:$(node_port 1)" --admin-token "$admin" \
    --residents "$residents" --within "$within" --out "$out/poll-storm.json" > "$out/poll-storm.txt" 2>&1 || status=1
  cat "$out/poll-storm.txt"
  return $status
}

seed_only() {
  start_redis
  start_node 1
  create_session
  stop_node 1            # nothing but the seeder writes to Redis while it measures
  redis-cli -p $redis_port INFO memory > "$out/info-memory-before.txt"
  seed_session "$1" "$2"
  redis-cli -p $redis_port INFO memory > "$out/info-memory-after.txt"
  redis-cli -p $redis_port MEMORY STATS > "$out/memory-stats-after.txt"
}

redis_per_join() {
  local joiners=${1:-1000} rate=${2:-200} status=0
  : > "$out/redis-per-join.txt"
  for q in ${QUESTION_SIZES:-50 1000 100000}; do
    VOTERS=${VOTERS:-1} ASK_RATE=0 "$0" join-storm "$joiners" "$rate" "$q" "$out/q$q" 0 > "$out/q$q.txt" 2>&1 \
      || status=1
    python3 - "$out/q$q/result.json" "$q" "$out/q$q/redis-cpu-micros.txt" >> "$out/redis-per-join.txt" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]["storms"]
redis = s.get("redis", {})
j = s.get("joinStorm", {})
print(f'{sys.argv[2]:>7} questions: {redis.get("usecPerJoin", float("nan")):8.1f} µs of Redis main-thread CPU'
      f' per join, {redis.get("scriptUsecPerJoin", float("nan")):8.1f} µs in scripts'
      f' ({redis.get("scriptCallsPerJoin", float("nan")):.2f} calls) ({j.get("joined")} of {j.get("planned")} joined;'
      f' join p99 {j.get("joinTime", {}).get("p99", 0) / 1000:.0f} ms;'
      f' welcome p99 {j.get("welcomeBytes", {}).get("p99", 0)} bytes)')
try:
    whole = int(open(sys.argv[3]).read())
    print(f'{"":>7}            {whole / max(1, j.get("joined") or 0):8.1f} µs of Redis main-thread CPU per join over'
          f' the whole run (the view read and the voters\' join included; {whole / 1000:.0f} ms in all)')
except (OSError, ValueError):
    pass
EOF
  done
  cat "$out/redis-per-join.txt"
  return $status
}

export_check() {
  local questions=$1 heap=${2:-256m}
  start_redis
  start_node 1
  create_session
  seed_session "$questions" $(( questions >= 100 ? questions * 10 : 0 ))
  stop_node 1
  JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$out/gc.log ${JAVA_OPTS:-}" start_node 1
  local began; began=$(date +%s%3N)
  local code
  code=$(curl -s -o "$out/record.csv" -w '%{http_code} %{size_download} %{time_total}' \
    -H "Authorization: Bearer $admin" "http://127.0.0.1:$(node_port 1)/api/sessions/$session/record?format=csv")
  local health; health=$(curl -s "http://127.0.0.1:$(node_port 1)/health" || true)
  local peak; peak=$(grep -o '[0-9]*M->[0-9]*M' "$out/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
  {
    echo "export of $questions questions with -Xmx$heap: HTTP status, bytes, seconds: $code"
    echo "rows (lines of the CSV, header included): $(wc -l < "$out/record.csv")"
    echo "heap before a collection, at most (GC log): ${peak:-?} MiB of $heap"
    echo "OutOfMemoryError in the node's log: $(grep -c OutOfMemoryError "$out/node1.log" || true)"
    echo "health after the export: $health"
    echo "wall time of the request: $(( $(date +%s%3N) - began )) ms"
  } | tee "$out/export.txt"
  rm -f "$out/record.csv.gz"; gzip -f "$out/record.csv"
  case "$code" in 200\ *) grep -q '"status":"UP"' <<< "$health" ;; *) return 1 ;; esac
}

usage() { sed -n '2,/^set -e/{/^#/p}' "$0"; exit 2; }

command=${1:-}
case "$command" in
  join-storm)
    [ $# -ge 5 ] || usage
    out=$5; mkdir -p "$out"; out=$(cd "$out" && pwd); join_storm "$2" "$3" "$4" "${6:-200}" ;;
  reconnect-storm)
    [ $# -ge 3 ] || usage
    out=$3; mkdir -p "$out"; out=$(cd "$out" && pwd); reconnect_storm "$2" "${4:-200}" ;;
  restart-storm)
    [ $# -ge 3 ] || usage
    out=$3; mkdir -p "$out"; out=$(cd "$out" && pwd); restart_storm "$2" "${4:-200}" ;;
  poll-storm)
    [ $# -ge 4 ] || usage
    out=$4; mkdir -p "$out"; out=$(cd "$out" && pwd); poll_storm "$2" "$3" ;;
  seed)
    [ $# -ge 4 ] || usage
    out=$4; mkdir -p "$out"; out=$(cd "$out" && pwd); seed_only "$2" "$3" ;;
  redis-per-join)
    [ $# -ge 2 ] || usage
    out=$2; mkdir -p "$out"; out=$(cd "$out" && pwd); redis_per_join "${3:-1000}" "${4:-200}" ;;
  export-check)
    [ $# -ge 3 ] || usage
    out=$3; mkdir -p "$out"; out=$(cd "$out" && pwd); export_check "$2" "${4:-256m}" ;;
  townhall|floor)
    [ $# -ge 5 ] || usage
    out=$5; mkdir -p "$out"; out=$(cd "$out" && pwd); vote_run "$1" "$2" "$3" "$4" "${6:-1}" ;;
  *)
    usage ;;
esac
