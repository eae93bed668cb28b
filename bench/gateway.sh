#!/usr/bin/env bash
# bench/gateway.sh — what the gateway costs: the same VLDB lookup (VL_GetEntryByNameN of
# root.cell) made directly with the rxgate client API, through the gateway's REST API (wrk) and
# through its gRPC API (GrpcLoad), at 1, 16 and 64 connections / calls in flight, in one run.
#
#   sudo bench/gateway.sh        # ~4 min on 2 cores (plus a build if needed)
#
# It starts the gateway jar on its embedded demo cell (demo.rxgate: in-process VL/PT servers on a
# loopback UDP port), warms it up, then runs the three clients one after another against it —
# the direct client against the very VL server the gateway uses — and prints one Markdown table
# with requests/s, p50/p99 latency and, for the gateway rows, the ratios to the direct call
# (targets of issue 6: rate >= 0.80 of direct, p50 <= 1.25 x direct). Loopback only. It never
# asserts anything about timing; it exits 1 if a run failed, 2 if the setup failed.
# See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out/gateway

CONCS=${CONCS:-"1 16 64"}         # connections (wrk, gRPC) / calls in flight (direct)
DURATION=${DURATION:-10}          # measured seconds per run
WARMUP=${WARMUP:-3}               # unmeasured seconds before each run (same load, same process for the JVM clients)
GW_WARMUP=${GW_WARMUP:-20}        # seconds of REST and then of gRPC load (c=16) right after the gateway starts
QUIET_MAX=${QUIET_MAX:-60}        # at most this many seconds waiting for the gateway's JIT to go quiet
HTTP_PORT=${HTTP_PORT:-18080}
GRPC_PORT=${GRPC_PORT:-19090}
VOLUME=${VOLUME:-root.cell}
JAVA_OPTS=${JAVA_OPTS:-}          # extra JVM options of the load clients
GW_JAVA_OPTS=${GW_JAVA_OPTS:-}    # extra JVM options of the gateway
LIMIT=$((DURATION + WARMUP + 60)) # a run that takes longer is killed and counted as failed

CELL=demo.rxgate
GW_SRC_JAR=$ROOT/gateway-app/target/rxgate-gateway.jar
BENCH_CLASSES=$ROOT/gateway-app/target/test-classes/rxgate/gateway/bench

log() { printf '[gateway-bench] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

mkdir -p "$OUT"
T_START=$(date +%s)

# ---------------------------------------------------------------- packages
if ! command -v wrk >/dev/null; then
    [ "$(id -u)" -eq 0 ] || die "wrk is not installed; run as root (it installs it) or apt-get install wrk"
    log "installing wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >"$OUT/apt.log" 2>&1 \
        || { apt-get update -q >>"$OUT/apt.log" 2>&1 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk >>"$OUT/apt.log" 2>&1; } \
        || die "apt-get install wrk failed (see $OUT/apt.log)"
fi
command -v java >/dev/null || die "no java on PATH"
command -v curl >/dev/null || die "no curl on PATH"

# ---------------------------------------------------------------- build
stale=0
if [ ! -f "$GW_SRC_JAR" ] || [ ! -f "$BENCH_CLASSES/DirectLoad.class" ] || [ ! -f "$BENCH_CLASSES/GrpcLoad.class" ]; then
    stale=1
elif [ -n "$(find "$ROOT/gateway-app/src" "$ROOT/proto/src" "$ROOT/gateway-app/pom.xml" "$ROOT/proto/pom.xml" "$ROOT/pom.xml" \
        -newer "$GW_SRC_JAR" -type f -print -quit)" ]; then
    stale=1
fi
BUILD_NOTE="existing jar (built $( [ -f "$GW_SRC_JAR" ] && date -r "$GW_SRC_JAR" '+%F %T' || echo never)), up to date"
if [ "$stale" -eq 1 ]; then
    # Another Maven run in this tree would clash on target/: wait for it (at most 15 min).
    for _ in $(seq 1 30); do
        pgrep -f "maven.multiModuleProjectDirectory=$ROOT( |$)" >/dev/null || break
        log "another Maven build of $ROOT is running; waiting 30 s"
        sleep 30
    done
    log "building (./mvnw -B -ntp -o -q -pl proto,gateway-app package -DskipTests; rxrpc-transport from ~/.m2)"
    if (cd "$ROOT" && timeout 900 ./mvnw -B -ntp -o -q -pl proto,gateway-app package -DskipTests) >"$OUT/mvn.log" 2>&1; then
        BUILD_NOTE="built now by ./mvnw (proto, gateway-app; rxrpc-transport from ~/.m2)"
    else
        [ -f "$GW_SRC_JAR" ] && [ -f "$BENCH_CLASSES/DirectLoad.class" ] \
            || die "maven build failed and there is no jar or no load clients (see $OUT/mvn.log)"
        log "maven build failed (see $OUT/mvn.log); using the existing jar from $(date -r "$GW_SRC_JAR" '+%F %T')"
        BUILD_NOTE="./mvnw build FAILED (see $OUT/mvn.log); used the existing jar built $(date -r "$GW_SRC_JAR" '+%F %T')"
    fi
fi
# Private copies, so that someone else's build during the run does not change what runs.
cp "$GW_SRC_JAR" "$OUT/rxgate-gateway.jar"
rm -rf "$OUT/classes" && mkdir -p "$OUT/classes/rxgate/gateway"
cp -r "$BENCH_CLASSES" "$OUT/classes/rxgate/gateway/"
CPFILE=$OUT/classpath.txt
if [ ! -s "$CPFILE" ] || [ -n "$(find "$ROOT/gateway-app/pom.xml" "$ROOT/pom.xml" -newer "$CPFILE" -print -quit)" ]; then
    (cd "$ROOT" && timeout 300 ./mvnw -B -ntp -o -q -pl gateway-app dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$CPFILE") >"$OUT/mvn-cp.log" 2>&1 \
        || die "dependency:build-classpath failed (see $OUT/mvn-cp.log)"
fi
CP=$OUT/classes:$ROOT/proto/target/classes:$(cat "$CPFILE")

# ---------------------------------------------------------------- gateway
for p in "$HTTP_PORT" "$GRPC_PORT"; do
    ! ss -Htln "sport = :$p" 2>/dev/null | grep -q . || die "port $p is in use (set HTTP_PORT / GRPC_PORT)"
done
GW_PID=
cleanup() {
    if [ -n "$GW_PID" ] && kill -0 "$GW_PID" 2>/dev/null; then
        log "stopping the gateway (pid $GW_PID)"
        kill "$GW_PID" 2>/dev/null || true
        for _ in $(seq 1 30); do kill -0 "$GW_PID" 2>/dev/null || break; sleep 1; done
        kill -9 "$GW_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log "starting the gateway (HTTP 127.0.0.1:$HTTP_PORT, gRPC 127.0.0.1:$GRPC_PORT, embedded cell $CELL)"
# shellcheck disable=SC2086  # GW_JAVA_OPTS is meant to be word-split
java $GW_JAVA_OPTS -jar "$OUT/rxgate-gateway.jar" --server.address=127.0.0.1 --server.port="$HTTP_PORT" \
    --spring.grpc.server.address=127.0.0.1 --spring.grpc.server.port="$GRPC_PORT" >"$OUT/gateway.log" 2>&1 &
GW_PID=$!
BASE=http://127.0.0.1:$HTTP_PORT
for i in $(seq 1 120); do
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway exited (see $OUT/gateway.log)"
    curl -fsS -o /dev/null "$BASE/actuator/health/readiness" 2>/dev/null && break
    [ "$i" -lt 120 ] || die "the gateway was not ready after 120 s (see $OUT/gateway.log)"
    sleep 1
done
CELLS_JSON=$(curl -fsS "$BASE/api/v1/cells") || die "GET /api/v1/cells failed"
# [{"name":"demo.rxgate","dbServers":["127.0.0.1:56668"],...,"embedded":true}]
VL_ADDR=$(sed -n 's|.*"name":"'"$CELL"'","dbServers":\["\([0-9.]*:[0-9]*\)".*|\1|p' <<<"$CELLS_JSON")
[ -n "$VL_ADDR" ] || die "no embedded cell $CELL in /api/v1/cells: $CELLS_JSON (is a cell configured in the environment?)"
case "$VL_ADDR" in 127.*) ;; *) die "the embedded cell's server $VL_ADDR is not on loopback" ;; esac
REST_URL=$BASE/api/v1/cells/$CELL/volumes/$VOLUME
curl -fsS "$REST_URL" | grep -q "\"name\":\"$VOLUME\"" || die "GET $REST_URL did not answer the entry of $VOLUME"
log "gateway ready (pid $GW_PID); the embedded VL server is $VL_ADDR"

# gw_ticks — CPU ticks (user+sys, 1/100 s) of the gateway process so far.
gw_ticks() { awk '{ print $14 + $15 }' "/proc/$GW_PID/stat"; }
# c2_ticks — CPU ticks of the gateway's C2 compiler threads.
c2_ticks() {
    local t s=0
    for t in /proc/"$GW_PID"/task/*; do
        if grep -q '^C2 Compiler' "$t/comm" 2>/dev/null; then s=$((s + $(awk '{ print $14 + $15 }' "$t/stat"))); fi
    done
    echo "$s"
}
# wait_quiet — until the gateway's JIT uses < 10% of a core over 2 s (at most QUIET_MAX s).
wait_quiet() {
    local a b waited=0
    while [ "$waited" -lt "$QUIET_MAX" ]; do
        a=$(c2_ticks); sleep 2; b=$(c2_ticks); waited=$((waited + 2))
        [ $((b - a)) -lt 20 ] && { log "gateway JIT quiet after ${waited} s"; return 0; }
    done
    log "gateway JIT still busy after ${QUIET_MAX} s; measuring anyway"
}

# ---------------------------------------------------------------- runs
RESULTS=$OUT/results.txt   # one line per run: client conc rate p50_us p99_us requests errors gw_cpu_us_per_req
: >"$RESULTS"
FAILURES=0

# us VALUE — wrk's latency (e.g. 270.00us, 1.76ms, 1.02s) in µs.
us() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 1 : (u == "ms") ? 1000 : (u == "s") ? 1000000 : (u == "m") ? 60000000 : -1
        if (f < 0) print "?"; else printf "%.0f", n * f }'
}
threads() { [ "$1" -lt 2 ] && echo "$1" || echo 2; }

# record CLIENT CONC RATE P50 P99 REQUESTS ERRORS TICKS
record() {
    local cpu
    cpu=$(awk -v t="$8" -v n="$6" 'BEGIN { if (n > 0) printf "%.0f", t * 10000 / n; else print "n/a" }')
    echo "$1 $2 $3 $4 $5 $6 $7 $cpu" >>"$RESULTS"
    log "$1 c=$2: $3 req/s, p50 $4 us, p99 $5 us, $6 requests, $7 errors, gateway process CPU $cpu us/request"
}
failed() {
    FAILURES=$((FAILURES + 1))
    log "FAILED: $1 c=$2 ($3)"
    echo "$1 $2 FAILED" >>"$RESULTS"
}

# A JVM client (DirectLoad or GrpcLoad): warm-up and measurement in one process.
run_java() {
    local client=$1 c=$2 cls out rc=0 t0 t1 line rate p50 p99 n err
    shift 2
    out=$OUT/$client-c$c.out
    cls=rxgate.gateway.bench.DirectLoad
    [ "$client" = grpc ] && cls=rxgate.gateway.bench.GrpcLoad
    t0=$(gw_ticks)
    # shellcheck disable=SC2086
    timeout -k 5 "$LIMIT" java $JAVA_OPTS -cp "$CP" "$cls" "$@" --concurrency "$c" \
        --duration "${DURATION}s" --warmup "${WARMUP}s" --max-requests 100000000 >"$out" 2>&1 || rc=$?
    t1=$(gw_ticks)
    line=$(grep -E '^(direct|grpc) ' "$out" | tail -1 || true)
    rate=$(sed -n 's|.* requests/s=\([0-9]*\).*|\1|p' <<<"$line")
    p50=$(sed -n 's|.* p50_us=\([0-9]*\).*|\1|p' <<<"$line")
    p99=$(sed -n 's|.* p99_us=\([0-9]*\).*|\1|p' <<<"$line")
    n=$(sed -n 's|.* requests=\([0-9]*\).*|\1|p' <<<"$line")
    err=$(sed -n 's|.* errors=\([0-9]*\).*|\1|p' <<<"$line")
    if [ "$rc" -ne 0 ] || [ -z "$rate" ] || [ "${err:-1}" -ne 0 ]; then
        failed "$client" "$c" "exit $rc, errors ${err:-?}; see $out"
        sed 's/^/    /' "$out" | tail -5 >&2
        return 0
    fi
    # The gateway's CPU over the whole client process (warm-up included), per request of the
    # whole run: the measured requests scaled by (duration + warm-up) / duration.
    record "$client" "$c" "$rate" "$p50" "$p99" "$n" 0 \
        "$(awk -v t=$((t1 - t0)) -v d="$DURATION" -v w="$WARMUP" 'BEGIN { printf "%.1f", t * d / (d + w) }')"
}

# wrk: a warm-up run, then the measured run with --latency.
run_wrk() {
    local c=$1 out rc=0 t0 t1 rate p50 p99 n non2xx sockerr
    out=$OUT/rest-c$c.out
    timeout -k 5 "$LIMIT" wrk -t "$(threads "$c")" -c "$c" -d "${WARMUP}s" --timeout 10s "$REST_URL" >"$OUT/rest-c$c.warmup.out" 2>&1 || true
    t0=$(gw_ticks)
    timeout -k 5 "$LIMIT" wrk -t "$(threads "$c")" -c "$c" -d "${DURATION}s" --timeout 10s --latency "$REST_URL" >"$out" 2>&1 || rc=$?
    t1=$(gw_ticks)
    rate=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    n=$(awk '/requests in/ { print $1 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(grep -E '^ *Socket errors:' "$out" || true)
    if [ "$rc" -ne 0 ] || [ -z "$rate" ] || [ -z "$p50" ] || [ -n "$non2xx" ] || [ -n "$sockerr" ]; then
        failed rest "$c" "exit $rc, non-2xx ${non2xx:-0}, ${sockerr:-no socket errors}; see $out"
        return 0
    fi
    record rest "$c" "$rate" "$(us "$p50")" "$(us "$p99")" "$n" 0 $((t1 - t0))
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"

# Gateway warm-up: its JIT compiles for tens of seconds (C2 uses a whole core meanwhile), and
# measuring before that shows a gateway several times slower than it is.
log "warming up the gateway: ${GW_WARMUP} s REST, ${GW_WARMUP} s gRPC at 16 connections"
timeout -k 5 $((GW_WARMUP + 30)) wrk -t 2 -c 16 -d "${GW_WARMUP}s" --timeout 10s "$REST_URL" >"$OUT/gw-warmup-rest.out" 2>&1 \
    || die "REST warm-up failed (see $OUT/gw-warmup-rest.out)"
# shellcheck disable=SC2086
timeout -k 5 $((GW_WARMUP + 60)) java $JAVA_OPTS -cp "$CP" rxgate.gateway.bench.GrpcLoad --target "127.0.0.1:$GRPC_PORT" \
    --cell "$CELL" --volume "$VOLUME" --concurrency 16 --channels 16 --duration 1s --warmup "${GW_WARMUP}s" \
    >"$OUT/gw-warmup-grpc.out" 2>&1 || die "gRPC warm-up failed (see $OUT/gw-warmup-grpc.out)"
wait_quiet

# The three clients one after another (never at once), each at every concurrency.
for c in $CONCS; do
    run_java direct "$c" --server "$VL_ADDR" --volume "$VOLUME"
done
for c in $CONCS; do
    run_wrk "$c"
done
for c in $CONCS; do
    run_java grpc "$c" --target "127.0.0.1:$GRPC_PORT" --cell "$CELL" --volume "$VOLUME" --channels "$c"
done

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
T_END=$(date +%s)

# ---------------------------------------------------------------- report
# get CLIENT CONC FIELD (3 rate, 4 p50, 5 p99, 6 requests, 8 gateway CPU µs/request)
get() { awk -v k="$1" -v c="$2" -v f="$3" '$1 == k && $2 == c && $3 != "FAILED" { print $f }' "$RESULTS"; }
label() { case $1 in direct) echo "direct rxgate client";; rest) echo "REST via gateway (wrk)";; grpc) echo "gRPC via gateway (GrpcLoad)";; esac; }
{
    echo
    echo "## rxgate gateway vs direct rxgate client: VL_GetEntryByNameN($VOLUME) on the embedded cell"
    echo
    echo "- date: $(date -u '+%F %T UTC'); host: $(uname -sr); nproc: $(nproc); load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
    echo "- **one machine, $(nproc) cores shared** by the gateway (with its embedded VL server), the load client" \
        "(wrk or a JVM) and anyone else's work: every row is CPU-bound from 16 on; the clients ran one after another, never at once"
    echo "- gateway: \`java -jar rxgate-gateway.jar\` (${GW_JAVA_OPTS:-default JVM options}), embedded cell $CELL, VL server $VL_ADDR;" \
        "warmed up ${GW_WARMUP} s REST + ${GW_WARMUP} s gRPC, then waited for its JIT to go quiet; build: $BUILD_NOTE"
    echo "- direct: \`DirectLoad\` (RxEndpoint + VlClient, rxnull) to $VL_ADDR, c calls in flight;" \
        "REST: \`wrk -t min(c,2) -c c --latency\` on GET /api/v1/cells/$CELL/volumes/$VOLUME;" \
        "gRPC: \`GrpcLoad\` VolumeService.GetVolume, c callers on c channels (HTTP/2 connections)"
    echo "- each run: ${WARMUP} s warm-up, then ${DURATION} s measured; java: $(java -version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "- targets (issue 6): gateway rate ≥ 0.80 × direct, gateway p50 ≤ 1.25 × direct"
    echo
    echo "| client | c | req/s | p50 µs | p99 µs | rate / direct (≥ 0.80) | p50 / direct (≤ 1.25) | gateway process CPU µs/req |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for client in direct rest grpc; do
        for c in $CONCS; do
            r=$(get "$client" "$c" 3); p=$(get "$client" "$c" 4); q=$(get "$client" "$c" 5); cpu=$(get "$client" "$c" 8)
            if [ -z "$r" ]; then
                printf '| %s | %s | FAILED | | | | | |\n' "$(label "$client")" "$c"
                continue
            fi
            rr="—"; pr="—"
            if [ "$client" != direct ]; then
                dr=$(get direct "$c" 3); dp=$(get direct "$c" 4)
                rr=$(awk -v a="$r" -v b="${dr:-0}" 'BEGIN { if (b > 0) { x = a / b; printf "%.2f %s", x, (x >= 0.80 ? "met" : "**missed**") } else print "n/a" }')
                pr=$(awk -v a="$p" -v b="${dp:-0}" 'BEGIN { if (b > 0) { x = a / b; printf "%.2f %s", x, (x <= 1.25 ? "met" : "**missed**") } else print "n/a" }')
            fi
            printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(label "$client")" "$c" "$r" "$p" "$q" "$rr" "$pr" "$cpu"
        done
    done
    echo
    echo "\"gateway process CPU\" is the gateway JVM's CPU (all its threads, /proc, 10 ms ticks) per request;" \
        "the embedded VL server runs in that JVM, so on the direct rows it is the server side's cost alone."
    echo "Raw outputs: $OUT/{direct,rest,grpc}-c*.out; gateway log: $OUT/gateway.log."
    echo
    echo "Total time: $((T_END - T_START)) s; failures: $FAILURES"
} | tee "$OUT/report.md"

[ "$FAILURES" -eq 0 ] || exit 1
