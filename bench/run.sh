#!/usr/bin/env bash
# Hearth benchmarks: the micro-benchmarks, the communication coach against the npm package
# `sentiment`, then HTTP load scenarios with wrk against release builds on loopback. See bench/README.md for what each scenario measures and how to read it.
#
# Usage: bench/run.sh          (from anywhere; `make bench` builds first and runs this)
# Environment knobs (defaults in brackets):
#   BENCH_DURATION [10s]   wrk -d for every measured run
#   BENCH_CONNECTIONS [64] wrk -c for every scenario
#   BENCH_WRK_THREADS [2]  wrk -t for every scenario
#   BENCH_WARMUP [2s]      unmeasured wrk run before each measured one ("0" to skip)
#   BENCH_SERVER_THREADS   --threads for hearth and bare_beast_hello [one per core]
#   BENCH_MICRO_MIN_TIME [0.2]  --benchmark_min_time for the micro-benchmarks
#   BENCH_SKIP_MICRO=1     skip the micro-benchmarks
#   BENCH_COACH_SECONDS [3] length of each coach and sentiment run (three of each, alternating)
#   BENCH_COACH_FILE       messages for the coach section [../shared/coach/dev-set.tsv]
#   BENCH_SKIP_COACH=1     skip the coach section
#   BENCH_SKIP_HTTP=1      skip the HTTP load scenarios
#   BENCH_SCALE_COUPLES [10000]  the large demo for the insights-at-scale scenario (a year each)
#   BENCH_SKIP_SCALE=1     skip the insights-at-scale scenario
#   BENCH_NO_BUILD=1       use the binaries in build/ as they are
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
OUT_DIR="$ROOT/bench/out"
OUT_MD="$OUT_DIR/latest.md"

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
WRK_THREADS="${BENCH_WRK_THREADS:-2}"
WARMUP="${BENCH_WARMUP:-2s}"
SERVER_THREADS="${BENCH_SERVER_THREADS:-}"
MICRO_MIN_TIME="${BENCH_MICRO_MIN_TIME:-0.2}"

HEARTH="$BUILD/hearth"
BARE="$BUILD/bare_beast_hello"
MICRO="$BUILD/hearth_micro_bench"
COACH="$BUILD/coach_bench"
COACH_SECONDS="${BENCH_COACH_SECONDS:-3}"
COACH_FILE="${BENCH_COACH_FILE:-$ROOT/../shared/coach/dev-set.tsv}"

die() { echo "bench: $*" >&2; exit 1; }

tools=(awk)
[[ "${BENCH_SKIP_HTTP:-0}" == 1 ]] || tools+=(wrk curl)
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install $tool)"
done

# ---- Build ---------------------------------------------------------------------------------------
if [[ "${BENCH_NO_BUILD:-0}" != 1 ]]; then
  # Two builds in one build directory at once corrupt each other's state: wait for any other.
  while pgrep -x ninja >/dev/null; do
    echo "bench: waiting for a running build to finish..." >&2
    sleep 5
  done
  if ! grep -q '^HEARTH_BUILD_BENCH:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
    cmake --preset release -DHEARTH_BUILD_BENCH=ON -S "$ROOT" >/dev/null
  fi
  (cd "$ROOT" && cmake --build --preset release --target hearth hearth_micro_bench bare_beast_hello coach_bench)
fi
for bin in "$HEARTH" "$BARE" "$MICRO" "$COACH"; do
  [[ -x "$bin" ]] || die "$bin is missing: build with cmake --build --preset release"
done
grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$BUILD/CMakeCache.txt" ||
  echo "bench: WARNING: $BUILD is not a Release build; figures will be meaningless" >&2

# ---- Servers and clean-up ---------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/hearth-bench.XXXXXX")"
PIDS=()

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      # hearth drains in-flight work on SIGTERM; give it a moment, then insist.
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A loopback port nobody listens on (the server is started right after, so the race is short).
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p"; then echo "$p"; return; fi
  done
  die "no free port found"
}

# start_server NAME PORT CMD... : starts CMD in the background, waits until PORT answers.
start_server() {
  local name="$1" port="$2"; shift 2
  "$@" >"$WORK/$name.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$WORK/$name.log" >&2
      die "$name exited during start-up"
    fi
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then return; fi
    sleep 0.1
  done
  die "$name did not start listening on port $port"
}

stop_server() {  # stop_server PID
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

thread_args() { if [[ -n "$SERVER_THREADS" ]]; then echo "--threads $SERVER_THREADS"; fi; }

start_hearth() {  # start_hearth NAME PORT EXTRA_ARGS...
  local name="$1" port="$2"; shift 2
  # shellcheck disable=SC2046
  start_server "$name" "$port" "$HEARTH" serve --port "$port" --data "$WORK/$name-data" \
    --access-log off $(thread_args) "$@"
}

# Registers an account and prints the value of its hearth_session cookie.
register() {
  local port="$1" email="$2"
  local status
  status=$(curl -s -o "$WORK/register.json" -D "$WORK/register.headers" -w '%{http_code}' \
    -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark-password-1\",\"display_name\":\"Bench\"}" \
    "http://127.0.0.1:$port/api/v1/accounts")
  [[ "$status" == 201 ]] || die "registration answered $status: $(cat "$WORK/register.json")"
  local cookie
  cookie=$(tr -d '\r' <"$WORK/register.headers" |
    sed -n 's/^[Ss]et-[Cc]ookie: *hearth_session=\([^;]*\).*/\1/p' | head -n1)
  [[ -n "$cookie" ]] || die "registration set no hearth_session cookie"
  echo "$cookie"
}

# Prints "<sum> <count>" of a histogram on /metrics (e.g. hearth_db_commit_batch_size).
histogram() {
  curl -s "http://127.0.0.1:$1/metrics" |
    awk -v n="$2" '$1 == n"_sum" { s = $2 } $1 == n"_count" { c = $2 } END { print s + 0, c + 0 }'
}

# ---- wrk and its output ------------------------------------------------------------------------------
# Result of the last measured run.
RPS="" P50="" P99="" NON2XX=0 SOCKERR=""

run_wrk() {  # run_wrk NAME URL [LUA_SCRIPT]
  local name="$1" url="$2" script="${3:-}"
  local args=(-t "$WRK_THREADS" -c "$CONNECTIONS")
  [[ -n "$script" ]] && args+=(-s "$script")
  if [[ "$WARMUP" != 0 ]]; then
    wrk "${args[@]}" -d "$WARMUP" "$url" >"$WORK/$name.warmup.txt" 2>&1 ||
      die "wrk failed (warm-up of $name): $(cat "$WORK/$name.warmup.txt")"
  fi
  local out="$WORK/$name.wrk.txt"
  wrk "${args[@]}" -d "$DURATION" --latency "$url" >"$out" 2>&1 ||
    die "wrk failed ($name): $(cat "$out")"
  cp "$out" "$OUT_DIR/$name.wrk.txt"
  RPS=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  # The 50% and 99% lines of the "Latency Distribution" block.
  P50=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "$out")
  P99=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "$out")
  NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
  NON2XX=${NON2XX:-0}
  SOCKERR=$(grep -m1 'Socket errors:' "$out" | sed 's/^ *//' || true)
  [[ -n "$RPS" && -n "$P50" && -n "$P99" ]] || die "could not read wrk's output for $name: $(cat "$out")"
}

# Figures per scenario, in order, for the summary and the Markdown table.
NAMES=() RPSS=() P50S=() P99S=() NOTES=()
BARE_RPS=""

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

line() { printf '%-36s %12s %10s %10s %14s\n' "$@"; }

record() {  # record NAME NOTE
  local name="$1" note="${2:-}"
  local r
  r=$(ratio "$RPS" "$BARE_RPS")
  line "$name" "$RPS" "$P50" "$P99" "${r}x"
  if [[ "$NON2XX" != 0 ]]; then
    echo "  WARNING: wrk saw $NON2XX non-2xx/3xx responses in \"$name\": requests/s counts them too"
    note="${note:+$note; }WARNING: $NON2XX non-2xx responses"
  fi
  if [[ -n "$SOCKERR" ]]; then
    echo "  WARNING: $SOCKERR"
    note="${note:+$note; }WARNING: $SOCKERR"
  fi
  NAMES+=("$name") RPSS+=("$RPS") P50S+=("$P50") P99S+=("$P99") NOTES+=("$note")
}

mkdir -p "$OUT_DIR"

# ---- 1. Micro-benchmarks -----------------------------------------------------------------------------
if [[ "${BENCH_SKIP_MICRO:-0}" != 1 ]]; then
  echo "== micro-benchmarks (build/hearth_micro_bench --benchmark_min_time=$MICRO_MIN_TIME) =="
  "$MICRO" --benchmark_min_time="$MICRO_MIN_TIME" \
    --benchmark_out="$OUT_DIR/micro.csv" --benchmark_out_format=csv
  echo
fi

# ---- 2. The coach against sentiment ------------------------------------------------------------------
# The coach's full verdict (ten flags, evidence, rewrite, tip) single-threaded over the dev set, and
# the npm package `sentiment` (AFINN word scores) over the same messages in node. Three runs of
# each, alternating, so a busy moment hurts both; the median of each is reported.
COACH_RPS="" SENTIMENT_RPS="" COACH_P50="" COACH_P99="" COACH_MESSAGES=""
coach_field() { tr ' ' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k { print $2 }'; }
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
if [[ "${BENCH_SKIP_COACH:-0}" != 1 ]]; then
  [[ -f "$COACH_FILE" ]] || COACH_FILE="$ROOT/tests/data/coach/messages.tsv"
  command -v node >/dev/null || die "node is not installed (needed for the sentiment peer)"
  [[ -d "$ROOT/node_modules/sentiment" ]] || die "npm package sentiment is missing: run npm install"
  echo "== coach vs sentiment: ${COACH_FILE#"$ROOT"/}, single-threaded, 3 × ${COACH_SECONDS}s each =="
  c_runs=() s_runs=() p50s=() p99s=()
  for _ in 1 2 3; do
    out=$("$COACH" "$COACH_FILE" --content "$ROOT/content" --seconds "$COACH_SECONDS") ||
      die "coach_bench failed: $out"
    c_runs+=("$(coach_field "$out" messages_per_second)")
    p50s+=("$(coach_field "$out" p50_us)") p99s+=("$(coach_field "$out" p99_us)")
    COACH_MESSAGES=$(coach_field "$out" messages)
    out=$(cd "$ROOT" && node bench/sentiment_bench.mjs "$COACH_FILE" "$COACH_SECONDS") ||
      die "sentiment_bench failed: $out"
    s_runs+=("$(coach_field "$out" messages_per_second)")
  done
  COACH_RPS=$(median3 "${c_runs[@]}") SENTIMENT_RPS=$(median3 "${s_runs[@]}")
  COACH_P50=$(median3 "${p50s[@]}") COACH_P99=$(median3 "${p99s[@]}")
  printf '%-44s %14s   (runs: %s)\n' "coach, full verdict (messages/s)" "$COACH_RPS" "${c_runs[*]}"
  printf '%-44s %14s   (runs: %s)\n' "sentiment in node (messages/s)" "$SENTIMENT_RPS" "${s_runs[*]}"
  printf '%-44s %14s\n' "coach per message p50 / p99 (µs)" "$COACH_P50 / $COACH_P99"
  echo
fi

# ---- 3. HTTP load scenarios ---------------------------------------------------------------------------
if [[ "${BENCH_SKIP_HTTP:-0}" != 1 ]]; then
echo "== HTTP load: wrk -t $WRK_THREADS -c $CONNECTIONS -d $DURATION --latency" \
  "(after a ${WARMUP} warm-up), loopback, server threads: ${SERVER_THREADS:-one per core ($(nproc))} =="
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
line "scenario" "requests/s" "p50" "p99" "ratio-to-bare"

# bare-beast-hello: the reference.
port=$(free_port)
# shellcheck disable=SC2046
start_server bare "$port" "$BARE" "$port" ${SERVER_THREADS:+"$SERVER_THREADS"}
bare_pid=${PIDS[-1]}
run_wrk bare "http://127.0.0.1:$port/"
BARE_RPS="$RPS"
record "bare-beast-hello"
stop_server "$bare_pid"

# GET /api/v1/me, authenticated.
port=$(free_port)
start_hearth hearth-get "$port"
get_pid=${PIDS[-1]}
cookie=$(register "$port" "bench-get@example.com")
cat >"$WORK/get_me.lua" <<EOF
wrk.method = "GET"
wrk.headers["Cookie"] = "hearth_session=$cookie"
EOF
curl -s -f -o /dev/null -H "Cookie: hearth_session=$cookie" "http://127.0.0.1:$port/api/v1/me" ||
  die "GET /api/v1/me with the new session failed"
run_wrk get-me "http://127.0.0.1:$port/api/v1/me" "$WORK/get_me.lua"
GET_RPS="$RPS"
record "GET /api/v1/me (authenticated)"
stop_server "$get_pid"

# Durable writes: POST /api/v1/couple replaces the person's open invite in one transaction.
declare -A WRITE_RPS WRITE_BATCH WRITE_COMMIT_MS
for mode in on off; do
  flag=$([[ "$mode" == on ]] && echo true || echo false)
  port=$(free_port)
  start_hearth "hearth-write-$mode" "$port" --group-commit "$flag"
  pid=${PIDS[-1]}
  cookie=$(register "$port" "bench-write-$mode@example.com")
  cat >"$WORK/post_couple.lua" <<EOF
wrk.method = "POST"
wrk.body = "{}"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = "hearth_session=$cookie"
EOF
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d '{}' \
    -H 'Content-Type: application/json' -H "Cookie: hearth_session=$cookie" \
    "http://127.0.0.1:$port/api/v1/couple")
  [[ "$status" == 201 ]] || die "POST /api/v1/couple answered $status"

  # The warm-up's commits are not counted: take the histograms just before the measured run.
  if [[ "$WARMUP" != 0 ]]; then
    wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s "$WORK/post_couple.lua" \
      "http://127.0.0.1:$port/api/v1/couple" >/dev/null 2>&1 || die "wrk failed (warm-up)"
  fi
  read -r b_sum0 b_cnt0 < <(histogram "$port" hearth_db_commit_batch_size)
  read -r d_sum0 _ < <(histogram "$port" hearth_db_commit_duration_seconds)
  WARMUP_SAVED="$WARMUP" WARMUP=0
  run_wrk "write-$mode" "http://127.0.0.1:$port/api/v1/couple" "$WORK/post_couple.lua"
  WARMUP="$WARMUP_SAVED"
  read -r b_sum1 b_cnt1 < <(histogram "$port" hearth_db_commit_batch_size)
  read -r d_sum1 _ < <(histogram "$port" hearth_db_commit_duration_seconds)
  commits=$(awk -v a="$b_cnt1" -v b="$b_cnt0" 'BEGIN { printf "%d", a - b }')
  WRITE_BATCH[$mode]=$(awk -v s1="$b_sum1" -v s0="$b_sum0" -v c="$commits" \
    'BEGIN { if (c > 0) printf "%.1f", (s1 - s0) / c; else print "n/a" }')
  WRITE_COMMIT_MS[$mode]=$(awk -v s1="$d_sum1" -v s0="$d_sum0" -v c="$commits" \
    'BEGIN { if (c > 0) printf "%.2f", 1000 * (s1 - s0) / c; else print "n/a" }')
  WRITE_RPS[$mode]="$RPS"
  record "durable write, group commit $mode" \
    "$commits commits, mean batch ${WRITE_BATCH[$mode]} writes, mean commit ${WRITE_COMMIT_MS[$mode]} ms"
  echo "  ($commits commits; mean batch ${WRITE_BATCH[$mode]} writes;" \
    "mean commit (run + fsync) ${WRITE_COMMIT_MS[$mode]} ms)"
  stop_server "$pid"
done

# Insights at scale: GET /api/v1/insights for one couple (Maya & Daniel, a year of check-ins)
# in a database of 10 demo couples and in one of BENCH_SCALE_COUPLES, each with a year of data.
# Indexed reads by person and day should keep latency flat as the database grows.
declare -A SCALE_RPS SCALE_P50 SCALE_P99 SCALE_SETUP
SCALE_COUPLES="${BENCH_SCALE_COUPLES:-10000}"
if [[ "${BENCH_SKIP_SCALE:-0}" != 1 ]]; then
  for n in 10 "$SCALE_COUPLES"; do
    data="$WORK/scale-$n-data"
    t0=$(date +%s.%N)
    "$HEARTH" demo --data "$data" --couples "$n" --days 365 >"$WORK/demo-$n.txt" ||
      die "hearth demo --couples $n failed: $(cat "$WORK/demo-$n.txt")"
    SCALE_SETUP[$n]=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    port=$(free_port)
    # shellcheck disable=SC2046
    start_server "scale-$n" "$port" "$HEARTH" serve --port "$port" --data "$data" \
      --access-log off $(thread_args)
    pid=${PIDS[-1]}
    cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
      -d '{"email":"maya@demo.hearth","password":"hearth-demo-password"}' \
      "http://127.0.0.1:$port/api/v1/session" |
      tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: *hearth_session=\([^;]*\).*/\1/p' | head -n1)
    [[ -n "$cookie" ]] || die "could not log in to the demo of $n couples"
    printf 'wrk.method = "GET"\nwrk.headers["Cookie"] = "hearth_session=%s"\n' "$cookie" \
      >"$WORK/insights.lua"
    url="http://127.0.0.1:$port/api/v1/insights?days=30&time_zone=UTC"
    curl -s -f -o /dev/null -H "Cookie: hearth_session=$cookie" "$url" ||
      die "GET /api/v1/insights failed on the demo of $n couples"
    run_wrk "insights-$n" "$url" "$WORK/insights.lua"
    SCALE_RPS[$n]="$RPS" SCALE_P50[$n]="$P50" SCALE_P99[$n]="$P99"
    record "GET /api/v1/insights, $n couples" "a year of check-ins each; demo built in ${SCALE_SETUP[$n]} s"
    stop_server "$pid"
    # The weekly batch job over the same database: every couple's plan, made and stored.
    if [[ "$n" == "$SCALE_COUPLES" ]]; then
      t0=$(date +%s.%N)
      "$HEARTH" plan --all --fresh --data "$data" >"$WORK/plan-all.txt" ||
        die "hearth plan --all failed: $(cat "$WORK/plan-all.txt")"
      PLAN_ALL_SECONDS=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
      echo "  hearth plan --all over $n couples: ${PLAN_ALL_SECONDS} s ($(cat "$WORK/plan-all.txt"))"
    fi
    rm -rf "$data"
  done
fi
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

# ---- 4. Targets -------------------------------------------------------------------------------------
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r != "n/a" && r + 0 >= t) ? "PASS" : "MISS" }'; }
below() { awk -v r="$1" -v t="$2" 'BEGIN { print (r != "" && r + 0 < t) ? "PASS" : "MISS" }'; }
echo
echo "== targets =="
if [[ "${BENCH_SKIP_HTTP:-0}" != 1 ]]; then
  get_ratio=$(ratio "$GET_RPS" "$BARE_RPS")
  gc_ratio=$(ratio "${WRITE_RPS[on]}" "${WRITE_RPS[off]}")
  get_verdict=$(verdict "$get_ratio" 0.5)
  gc_verdict=$(verdict "$gc_ratio" 5)
  printf '%-52s %8s  %s\n' "authenticated GET /api/v1/me >= 0.5x bare-beast-hello" "${get_ratio}x" "$get_verdict"
  printf '%-52s %8s  %s\n' "durable write: group commit on >= 5x off" "${gc_ratio}x" "$gc_verdict"
  echo "   (group commit on/off: ${WRITE_RPS[on]} / ${WRITE_RPS[off]} requests/s;" \
    "mean batch ${WRITE_BATCH[on]} vs ${WRITE_BATCH[off]})"
fi
# wrk prints latencies with units (us, ms, s); compare them in microseconds.
to_us() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000;
  else if (v ~ /s$/) print n * 1000000; else print n }'; }
if [[ "${BENCH_SKIP_HTTP:-0}" != 1 && "${BENCH_SKIP_SCALE:-0}" != 1 ]]; then
  small_p99=$(to_us "${SCALE_P99[10]}") large_p99=$(to_us "${SCALE_P99[$SCALE_COUPLES]}")
  scale_ratio=$(ratio "$large_p99" "$small_p99")
  # Flat: the large database's p99 within 1.5x of the small one's (or within 1 ms of it).
  scale_verdict=$(awk -v a="$large_p99" -v b="$small_p99" \
    'BEGIN { print (a <= 1.5 * b || a - b <= 1000) ? "PASS" : "MISS" }')
  printf '%-52s %8s  %s\n' "insights p99, $SCALE_COUPLES vs 10 couples (flat)" "${scale_ratio}x" "$scale_verdict"
  echo "   (10 couples: ${SCALE_RPS[10]} req/s, p50 ${SCALE_P50[10]}, p99 ${SCALE_P99[10]};" \
    "$SCALE_COUPLES couples: ${SCALE_RPS[$SCALE_COUPLES]} req/s, p50 ${SCALE_P50[$SCALE_COUPLES]}," \
    "p99 ${SCALE_P99[$SCALE_COUPLES]})"
fi
if [[ -n "${PLAN_ALL_SECONDS:-}" ]]; then
  plan_all_verdict=$(below "$PLAN_ALL_SECONDS" 60)
  printf '%-52s %8s  %s\n' "hearth plan --all, $SCALE_COUPLES couples < 60 s" "${PLAN_ALL_SECONDS}s" "$plan_all_verdict"
fi
if [[ -f "$OUT_DIR/micro.csv" && "${BENCH_SKIP_MICRO:-0}" != 1 ]]; then
  plan_us=$(awk -F, '$1 ~ /BM_MakePlan/ { print $4 }' "$OUT_DIR/micro.csv")
  plan_verdict=$(below "$plan_us" 5000)
  printf '%-52s %8s  %s\n' "plan for one couple < 5 ms" "${plan_us}µs" "$plan_verdict"
  insights_us=$(awk -F, '$1 ~ /BM_AllInsightsOneCoupleYear/ { print $4 }' "$OUT_DIR/micro.csv")
  insights_verdict=$(below "$insights_us" 1000)
  printf '%-52s %8s  %s\n' "all insights, one couple, a year < 1 ms" "${insights_us}µs" "$insights_verdict"
fi
if [[ "${BENCH_SKIP_COACH:-0}" != 1 ]]; then
  coach_ratio=$(ratio "$COACH_RPS" "$SENTIMENT_RPS")
  coach_verdict=$(verdict "$coach_ratio" 1.0)
  p99_verdict=$(below "$COACH_P99" 50)
  printf '%-52s %8s  %s\n' "coach (all ten flags) >= 1.0x sentiment" "${coach_ratio}x" "$coach_verdict"
  printf '%-52s %8s  %s\n' "coach p99 per message < 50 µs" "${COACH_P99}µs" "$p99_verdict"
fi

# ---- 5. Markdown for the README ---------------------------------------------------------------------
{
  echo "<!-- written by bench/run.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ) -->"
  # shellcheck disable=SC1091
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))," \
    "$(. /etc/os-release && echo "$PRETTY_NAME"); wrk -t $WRK_THREADS -c $CONNECTIONS" \
    "-d $DURATION --latency on loopback; server threads: ${SERVER_THREADS:-one per core}."
  echo
  if [[ "${BENCH_SKIP_HTTP:-0}" != 1 ]]; then
    echo "| scenario | requests/s | p50 | p99 | ratio to bare | notes |"
    echo "|---|---:|---:|---:|---:|---|"
    for i in "${!NAMES[@]}"; do
      echo "| ${NAMES[$i]} | ${RPSS[$i]} | ${P50S[$i]} | ${P99S[$i]} |" \
        "$(ratio "${RPSS[$i]}" "$BARE_RPS")x | ${NOTES[$i]} |"
    done
    echo
  fi
  if [[ "${BENCH_SKIP_COACH:-0}" != 1 ]]; then
    echo "| coach benchmark ($COACH_MESSAGES messages, single-threaded) | messages/s | p50 | p99 |"
    echo "|---|---:|---:|---:|"
    echo "| coach, full verdict (ten flags, evidence, rewrite, tip) | $COACH_RPS | ${COACH_P50} µs | ${COACH_P99} µs |"
    echo "| npm sentiment (AFINN score), node | $SENTIMENT_RPS | | |"
    echo
  fi
  echo "| target | measured | result |"
  echo "|---|---:|---|"
  if [[ "${BENCH_SKIP_HTTP:-0}" != 1 ]]; then
    echo "| authenticated GET ≥ 0.5× bare | ${get_ratio}× | $get_verdict |"
    echo "| group commit on ≥ 5× off | ${gc_ratio}× | $gc_verdict |"
  fi
  if [[ "${BENCH_SKIP_HTTP:-0}" != 1 && "${BENCH_SKIP_SCALE:-0}" != 1 ]]; then
    echo "| insights p99 flat: $SCALE_COUPLES vs 10 couples | ${scale_ratio}× (${SCALE_P99[$SCALE_COUPLES]} vs ${SCALE_P99[10]}) | $scale_verdict |"
  fi
  if [[ -n "${PLAN_ALL_SECONDS:-}" ]]; then
    echo "| hearth plan --all, $SCALE_COUPLES couples < 60 s | ${PLAN_ALL_SECONDS} s | $plan_all_verdict |"
  fi
  if [[ -n "${plan_us:-}" ]]; then
    echo "| weekly plan for one couple < 5 ms | ${plan_us} µs | $plan_verdict |"
  fi
  if [[ -n "${insights_us:-}" ]]; then
    echo "| all insights for one couple over a year < 1 ms | ${insights_us} µs | $insights_verdict |"
  fi
  if [[ "${BENCH_SKIP_COACH:-0}" != 1 ]]; then
    echo "| coach ≥ 1.0× sentiment | ${coach_ratio}× | $coach_verdict |"
    echo "| coach p99 < 50 µs | ${COACH_P99} µs | $p99_verdict |"
  fi
  if [[ -f "$OUT_DIR/micro.csv" && "${BENCH_SKIP_MICRO:-0}" != 1 ]]; then
    echo
    echo "| micro-benchmark | time | CPU |"
    echo "|---|---:|---:|"
    # CSV: name,iterations,real_time,cpu_time,time_unit,... after a header line.
    awk -F, '$1 == "name" { go = 1; next } go && NF > 4 {
      gsub(/"/, "", $1); printf "| %s | %.4g %s | %.4g %s |\n", $1, $3, $5, $4, $5 }' \
      "$OUT_DIR/micro.csv"
  fi
} >"$OUT_MD"
echo
echo "Markdown table written to ${OUT_MD#"$ROOT"/}; raw wrk output in bench/out/*.wrk.txt"
