#!/usr/bin/env bash
# bench/small-calls.sh — small-call benchmark: rxgate's Java client vs OpenAFS's C client
# library (and OpenAFS's `pts`) against the real OpenAFS test cell, in one run.
#
#   sudo bench/small-calls.sh
#
# For rpc in vl (VL_GetEntryByNameN) and pt (PR_NameToID), concurrency 1 and 16, it runs
# rxgate (rxgate.rxrpc.bench.SmallCallBench) and openafs-c (bench/c/afsbench.c) back to back,
# ROUNDS times, alternating which goes first, and reports each client's median run. It then
# prints a Markdown table. It never asserts anything about timing; it exits non-zero only if a
# run failed (an RPC error, a wrong answer, the time limit) or the setup failed.
# See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out

ROUNDS=${ROUNDS:-3}                 # interleaved rounds; the median run is reported
SEQ_CALLS=${SEQ_CALLS:-20000}       # measured calls at concurrency 1
CONC_CALLS=${CONC_CALLS:-50000}     # measured calls at concurrency 16
WARMUP=${WARMUP:-20000}             # warm-up calls before every measured run (both clients)
PTS_EXAMINES=${PTS_EXAMINES:-3000}  # `examine` lines fed to `pts interactive` per round
ACCT_CALLS=${ACCT_CALLS:-2000}      # calls of the packet-accounting runs
STEADY_WARMUP=${STEADY_WARMUP:-300000} # warm-up of the extra steady-state runs (concurrency 16, one round; 0 = skip)
LIMIT=${LIMIT:-60}                  # time limit of one run in seconds (each run is also killed at LIMIT+30)
JAVA_OPTS=${JAVA_OPTS:-}            # extra JVM options (none by default)

STATE=${RXG_STATE:-/tmp/rxgate-cell}
CELL_SH=$ROOT/interop/openafs-cell.sh
JAR=$ROOT/rxrpc-transport/target/rxrpc-transport-0.1.0-SNAPSHOT-cli.jar
BENCH_SRC=$ROOT/rxrpc-transport/src/main/java/rxgate/rxrpc/bench/SmallCallBench.java
AFSBENCH=$OUT/afsbench

log() { printf '[small-calls] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

[ "$(id -u)" -eq 0 ] || die "run as root (the cell script and rxdebug/pts setup need it)"
mkdir -p "$OUT"
T_START=$(date +%s)

# ---------------------------------------------------------------- packages
need=()
dpkg-query -W -f='${Status}' libopenafs-dev 2>/dev/null | grep -q "install ok installed" || need+=(libopenafs-dev)
command -v gcc >/dev/null || need+=(gcc)
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >"$OUT/apt.log" 2>&1 \
        || { apt-get update -q >>"$OUT/apt.log" 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >>"$OUT/apt.log" 2>&1; } \
        || die "apt-get install ${need[*]} failed (see $OUT/apt.log)"
fi

# ---------------------------------------------------------------- cell
BROUGHT_UP=0
cleanup() {
    if [ "$BROUGHT_UP" -eq 1 ]; then
        log "taking the cell down again (this script brought it up)"
        "$CELL_SH" down >"$OUT/cell-down.log" 2>&1 || log "cell down failed (see $OUT/cell-down.log)"
    fi
}
trap cleanup EXIT
if [ ! -f "$STATE/fixtures.env" ]; then
    log "no $STATE/fixtures.env: bringing the cell up"
    BROUGHT_UP=1
    "$CELL_SH" up >"$OUT/cell-up.log" 2>&1 || die "cell up failed (see $OUT/cell-up.log)"
else
    "$CELL_SH" status >/dev/null 2>&1 \
        || die "$STATE/fixtures.env exists but the cell's servers are not all alive; fix or restart the cell first"
fi
# shellcheck disable=SC1091
. "$STATE/fixtures.env"
SERVER=$RXG_SERVER
case "$SERVER" in
    10.77.0.1|127.*) ;;
    *) die "refusing to send traffic to $SERVER (only the test cell at 10.77.0.1 or loopback)" ;;
esac
VL_NAME=$RXG_VOL
PT_NAME=$ALICE_NAME

# ---------------------------------------------------------------- builds
log "building the rxgate jar (./mvnw -q -pl rxrpc-transport package -DskipTests)"
CP=$JAR
BUILD_NOTE="jar built now by ./mvnw"
if ! (cd "$ROOT" && ./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests >"$OUT/mvn.log" 2>&1); then
    [ -f "$JAR" ] || die "maven build failed and there is no jar (see $OUT/mvn.log)"
    # The module does not compile right now (work in progress elsewhere): compile only the
    # benchmark class against the last jar that was built, and say so.
    log "maven build failed (see $OUT/mvn.log); using the existing jar from $(date -r "$JAR" '+%F %T')"
    rm -rf "$OUT/classes" && mkdir -p "$OUT/classes"
    javac -nowarn -d "$OUT/classes" -cp "$JAR" "$BENCH_SRC" 2>"$OUT/javac.log" \
        || die "SmallCallBench does not compile against the existing jar (see $OUT/javac.log)"
    CP=$OUT/classes:$JAR
    BUILD_NOTE="./mvnw build FAILED (others' work in progress); transport = existing jar built $(date -r "$JAR" '+%F %T'), SmallCallBench compiled with javac against it"
fi

log "compiling bench/c/afsbench.c"
# The rxgen client stubs (VL_GetEntryByNameN, PR_NameToID) and the ubik client code they
# reference are in the static, pthreaded libafsauthent.a; rx itself in libafsrpc.a. Their
# shared versions do not export the stubs. Both need Heimdal's roken and hcrypto at run time.
first_file() { local f; for f in "$@"; do [ -f "$f" ] && { echo "$f"; return 0; }; done; return 0; }
ROKEN=$(first_file /lib/x86_64-linux-gnu/libroken.so.* /usr/lib/x86_64-linux-gnu/libroken.so.*)
HCRYPTO=$(first_file /lib/x86_64-linux-gnu/libhcrypto.so.* /usr/lib/x86_64-linux-gnu/libhcrypto.so.*)
[ -n "$ROKEN" ] && [ -n "$HCRYPTO" ] || die "libroken/libhcrypto (Heimdal) not found"
gcc -O2 -Wall -pthread -o "$AFSBENCH" "$HERE/c/afsbench.c" \
    /usr/lib/libafsauthent.a /usr/lib/libafsrpc.a "$ROKEN" "$HCRYPTO" 2>"$OUT/gcc.log" \
    || die "gcc failed (see $OUT/gcc.log)"

# ---------------------------------------------------------------- helpers
RESULTS=$OUT/results.txt   # one line per run (the clients' stdout lines, prefixed with the round)
STATS=$OUT/stats.txt       # the clients' --stats lines
FAILURES=0
: >"$RESULTS"
: >"$STATS"

port_of() { [ "$1" = vl ] && echo 7003 || echo 7002; }
name_of() { [ "$1" = vl ] && echo "$VL_NAME" || echo "$PT_NAME"; }

# run_client CLIENT RPC CONC CALLS WARMUP ROUND — one run; appends its line to $RESULTS.
run_client() {
    local client=$1 rpc=$2 conc=$3 calls=$4 warmup=$5 round=$6 out err rc=0
    local args=(--server "$SERVER" --rpc "$rpc" --name "$(name_of "$rpc")" --calls "$calls"
        --concurrency "$conc" --warmup "$warmup" --duration-limit "$LIMIT" --stats)
    out=$OUT/run.out
    err=$OUT/run.err
    if [ "$client" = rxgate ]; then
        # shellcheck disable=SC2086
        timeout -k 5 $((LIMIT + 30)) java $JAVA_OPTS -cp "$CP" rxgate.rxrpc.bench.SmallCallBench "${args[@]}" \
            >"$out" 2>"$err" || rc=$?
    else
        timeout -k 5 $((LIMIT + 30)) "$AFSBENCH" "${args[@]}" >"$out" 2>"$err" || rc=$?
    fi
    grep -E "^(rxgate|openafs-c)-stats " "$err" | sed "s/^/round=$round /" >>"$STATS" || true
    if [ "$rc" -ne 0 ] || ! grep -qE "^$client $rpc conc=$conc calls=$calls .* errors=0$" "$out"; then
        FAILURES=$((FAILURES + 1))
        log "FAILED: $client $rpc conc=$conc (exit $rc)"
        sed 's/^/    /' "$out" "$err" >&2 || true
        printf 'round=%s FAILED %s %s conc=%s exit=%s\n' "$round" "$client" "$rpc" "$conc" "$rc" >>"$RESULTS"
        return 0
    fi
    sed "s/^/round=$round /" "$out" >>"$RESULTS"
    log "round $round: $(cat "$out")"
}

# rx_counters PORT — "calls data_read ack_read data_sent ack_sent" of the server (rxdebug -rxstats).
rx_counters() {
    timeout 40 rxdebug "$SERVER" "$1" -rxstats -noconns 2>/dev/null | awk '
        /calls: [0-9]+/ { for (i = 1; i <= NF; i++) if ($i == "calls:") { c = $(i + 1); sub(",", "", c) } }
        /packets read: data/ { rd = $4; ra = $6 }
        /packets sent: data/ { sd = $4; sa = $6 }
        END { if (c == "") exit 1; print c, rd, ra, sd, sa }'
}

# veth_counters — "tx_pkts tx_bytes rx_pkts rx_bytes" of the host side of the cell's veth.
VETH=$(ip -o -4 addr show 2>/dev/null | awk -v a="$RXG_CLIENT_ADDR" '{ split($4, p, "/"); if (p[1] == a) { sub("@.*", "", $2); print $2; exit } }')
veth_counters() {
    awk -v d="$VETH:" '$1 == d { print $11, $10, $3, $2 }' /proc/net/dev
}

# run_pts ROUND — `pts interactive` fed PTS_EXAMINES lines of `examine NAME`.
run_pts() {
    local round=$1 before after t0 t1 ok rc=0 rpcs secs
    awk -v n="$PTS_EXAMINES" -v who="$PT_NAME" 'BEGIN { for (i = 0; i < n; i++) print "examine " who }' >"$OUT/pts-input.txt"
    before=$(rx_counters 7002 | cut -d' ' -f1) || die "rxdebug on $SERVER:7002 failed"
    t0=$(date +%s%N)
    timeout -k 5 "$LIMIT" pts interactive -cell "$RXG_CELL" -noauth -config "$RXG_CONFIG_DIR" \
        <"$OUT/pts-input.txt" >"$OUT/pts-output.txt" 2>"$OUT/pts-error.txt" || rc=$?
    t1=$(date +%s%N)
    after=$(rx_counters 7002 | cut -d' ' -f1) || die "rxdebug on $SERVER:7002 failed"
    ok=$(grep -c "^Name: $PT_NAME, id: $ALICE_ID," "$OUT/pts-output.txt" || true)
    rpcs=$((after - before))
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [ "$rc" -ne 0 ] || [ "$ok" -ne "$PTS_EXAMINES" ]; then
        FAILURES=$((FAILURES + 1))
        log "FAILED: pts interactive (exit $rc, $ok of $PTS_EXAMINES correct answers)"
        head -5 "$OUT/pts-error.txt" >&2 || true
        printf 'round=%s FAILED pts-interactive exit=%s\n' "$round" "$rc" >>"$RESULTS"
        return 0
    fi
    awk -v r="$round" -v n="$PTS_EXAMINES" -v rpcs="$rpcs" -v s="$secs" 'BEGIN {
        printf "round=%s pts-interactive pt examines=%d rpcs=%d rpcs_per_examine=%.2f secs=%.3f rate=%.0f errors=0\n",
            r, n, rpcs, rpcs / n, s, rpcs / s }' >>"$RESULTS"
    log "round $round: $(tail -1 "$RESULTS" | cut -d' ' -f2-)"
}

# field LINE KEY — the value of KEY=value in LINE.
field() { sed -n "s|.* $2=\([^ ]*\).*|\1|p" <<<" $1"; }

# median_line CLIENT RPC CONC — the result line of the run with the median rate.
median_line() {
    grep -E "^round=[0-9]+ $1 $2 conc=$3 " "$RESULTS" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^rate=/) { split($i, p, "="); print p[2], $0 } }' \
        | sort -n | awk '{ l[NR] = $0 } END { if (NR > 0) { m = l[int((NR + 1) / 2)]; sub(/^[^ ]+ /, "", m); print m } }' || true
}

# median_stat CLIENT RPC CONC KEY — median of KEY over the --stats lines.
median_stat() {
    grep -E "^round=[0-9]+ $1-stats $2 conc=$3 " "$STATS" | sed -n "s|.* $4=\([^ ]*\).*|\1|p" | sort -g \
        | awk '{ v[NR] = $1 } END { if (NR > 0) print v[int((NR + 1) / 2)]; else print "n/a" }' || true
}

# ---------------------------------------------------------------- machine facts
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "load average before: $LOAD_BEFORE"

# ---------------------------------------------------------------- the runs
for round in $(seq 1 "$ROUNDS"); do
    for rpc in vl pt; do
        for conc in 1 16; do
            calls=$SEQ_CALLS
            [ "$conc" -gt 1 ] && calls=$CONC_CALLS
            if [ $((round % 2)) -eq 1 ]; then order="rxgate openafs-c"; else order="openafs-c rxgate"; fi
            for client in $order; do
                run_client "$client" "$rpc" "$conc" "$calls" "$WARMUP" "$round"
            done
        done
    done
    run_pts "$round"
done

# ---------------------------------------------------------------- steady state
# One extra pair per rpc at concurrency 16 after a long warm-up, so that the JVM's JIT has
# finished compiling before the measurement (with WARMUP calls it is still busy; see the
# C2_CompilerThread share in the stats). Same warm-up for both clients.
if [ "$STEADY_WARMUP" -gt 0 ]; then
    for rpc in vl pt; do
        for client in rxgate openafs-c; do
            run_client "$client" "$rpc" 16 "$CONC_CALLS" "$STEADY_WARMUP" steady
        done
    done
fi

# ---------------------------------------------------------------- packet accounting
# One short sequential run per client and rpc, with the server's rx counters and the veth's
# packet counters read before and after: packets on the wire per call.
ACCT=$OUT/accounting.txt
: >"$ACCT"
for rpc in vl pt; do
    for client in rxgate openafs-c; do
        port=$(port_of "$rpc")
        s0=$(rx_counters "$port") || die "rxdebug on $SERVER:$port failed"
        v0=$(veth_counters)
        run_client "$client" "$rpc" 1 "$ACCT_CALLS" 0 acct
        v1=$(veth_counters)
        s1=$(rx_counters "$port") || die "rxdebug on $SERVER:$port failed"
        # calls = measured calls + the first call that learns the expected answer
        awk -v c="$client" -v r="$rpc" -v n=$((ACCT_CALLS + 1)) -v s0="$s0" -v s1="$s1" -v v0="$v0" -v v1="$v1" 'BEGIN {
            split(s0, a, " "); split(s1, b, " "); split(v0, x, " "); split(v1, y, " ")
            printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f |\n", r, c,
                (b[1] - a[1]) / n, (b[2] - a[2]) / n, (b[3] - a[3]) / n, (b[4] - a[4]) / n, (b[5] - a[5]) / n,
                (y[1] - x[1]) / n + (y[3] - x[3]) / n, (y[2] - x[2]) / n, (y[4] - x[4]) / n }' >>"$ACCT"
    done
done
grep -v "^round=acct" "$RESULTS" >"$RESULTS.tmp" || true
mv "$RESULTS.tmp" "$RESULTS"

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
T_END=$(date +%s)

# ---------------------------------------------------------------- report
{
    echo
    echo "## rxgate vs OpenAFS C client: small calls"
    echo
    echo "- date: $(date -u '+%F %T UTC'); host: $(uname -sr); nproc: $(nproc); load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
    echo "- server: $SERVER (OpenAFS $(dpkg-query -W -f='${Version}' openafs-dbserver 2>/dev/null || echo '?') in netns ${RXG_NETNS:-rxgtest}); client: root namespace over a veth"
    echo "- java: $(java -version 2>&1 | head -1); JAVA_OPTS='${JAVA_OPTS}'; gcc: $(gcc -dumpfullversion); libopenafs-dev $(dpkg-query -W -f='${Version}' libopenafs-dev)"
    echo "- build: $BUILD_NOTE"
    echo "- runs: $ROUNDS interleaved rounds (order alternates), the **median** run by rate is shown;" \
        "calls: $SEQ_CALLS at concurrency 1, $CONC_CALLS at 16; $WARMUP warm-up calls before each (both clients);" \
        "VL = VL_GetEntryByNameN($VL_NAME) to :7003, PT = PR_NameToID([$PT_NAME]) to :7002, rxnull"
    echo
    echo "| rpc | concurrency | rxgate calls/s | openafs-c calls/s | ratio (rxgate/openafs-c) | rxgate p50/p99 µs | openafs-c p50/p99 µs |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    for rpc in vl pt; do
        for conc in 1 16; do
            j=$(median_line rxgate "$rpc" "$conc")
            c=$(median_line openafs-c "$rpc" "$conc")
            jr=$(field "$j" rate); cr=$(field "$c" rate)
            ratio=$(awk -v a="${jr:-0}" -v b="${cr:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }')
            printf '| %s | %s | %s | %s | %s | %s/%s | %s/%s |\n' "$rpc" "$conc" "${jr:-FAILED}" "${cr:-FAILED}" "$ratio" \
                "$(field "$j" p50_us)" "$(field "$j" p99_us)" "$(field "$c" p50_us)" "$(field "$c" p99_us)"
        done
    done
    p=$(grep -E "^round=[0-9]+ pts-interactive " "$RESULTS" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^rate=/) { split($i, q, "="); print q[2], $0 } }' \
        | sort -n | awk '{ l[NR] = $0 } END { if (NR > 0) { m = l[int((NR + 1) / 2)]; sub(/^[^ ]+ /, "", m); print m } }' || true)
    printf '| pt via `pts interactive` (examine) ¹ | 1 | — | %s RPCs/s | — | — | — |\n' "$(field "$p" rate)"
    echo
    echo "¹ \`pts interactive -noauth\` fed $PTS_EXAMINES lines of \`examine $PT_NAME\`; rate = **RPCs executed by the ptserver**" \
        "(delta of \`rxdebug $SERVER 7002 -rxstats\` \"calls:\", $(field "$p" rpcs) RPCs = $(field "$p" rpcs_per_examine) per examine)" \
        "/ wall time of the pts process ($(field "$p" secs) s, including its start-up). These are mixed RPCs (NameToID, ListEntry, IDToName...)," \
        "sequential, from one pthreaded OpenAFS client; the count includes any other client's calls to the ptserver meanwhile."
    echo
    if [ "$STEADY_WARMUP" -gt 0 ]; then
        echo "Steady state (one run each, concurrency 16, $STEADY_WARMUP warm-up calls before $CONC_CALLS measured calls, both clients):"
        echo
        echo "| rpc | concurrency | rxgate calls/s | openafs-c calls/s | ratio (rxgate/openafs-c) | rxgate p50/p99 µs | openafs-c p50/p99 µs | rxgate CPU µs/call | openafs-c CPU µs/call |"
        echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        for rpc in vl pt; do
            j=$(grep -E "^round=steady rxgate $rpc conc=16 " "$RESULTS" | tail -1 || true)
            c=$(grep -E "^round=steady openafs-c $rpc conc=16 " "$RESULTS" | tail -1 || true)
            jr=$(field "$j" rate); cr=$(field "$c" rate)
            ratio=$(awk -v a="${jr:-0}" -v b="${cr:-0}" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }')
            js=$(grep -E "^round=steady rxgate-stats $rpc conc=16 " "$STATS" | tail -1 || true)
            cs=$(grep -E "^round=steady openafs-c-stats $rpc conc=16 " "$STATS" | tail -1 || true)
            printf '| %s | 16 | %s | %s | %s | %s/%s | %s/%s | %s | %s |\n' "$rpc" "${jr:-FAILED}" "${cr:-FAILED}" "$ratio" \
                "$(field "$j" p50_us)" "$(field "$j" p99_us)" "$(field "$c" p50_us)" "$(field "$c" p99_us)" \
                "$(field "$js" cpu_us/call)" "$(field "$cs" cpu_us/call)"
        done
        echo
    fi
    echo "Client cost per measured call (median over rounds; CPU = user+sys of the whole client process, all threads;" \
        "for rxgate that includes the JIT compiler and GC threads):"
    echo
    echo "| rpc | concurrency | rxgate CPU µs/call | openafs-c CPU µs/call | rxgate ctx switches/call | openafs-c ctx switches/call |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    for rpc in vl pt; do
        for conc in 1 16; do
            printf '| %s | %s | %s | %s | %s | %s |\n' "$rpc" "$conc" \
                "$(median_stat rxgate "$rpc" "$conc" cpu_us/call)" "$(median_stat openafs-c "$rpc" "$conc" cpu_us/call)" \
                "$(median_stat rxgate "$rpc" "$conc" ctxsw/call)" "$(median_stat openafs-c "$rpc" "$conc" ctxsw/call)"
        done
    done
    echo
    echo "Packets per call, concurrency 1, $ACCT_CALLS calls (+1 first call) per client; server columns are" \
        "\`rxdebug -rxstats\` deltas, veth columns the host-side interface $VETH (/proc/net/dev, bytes include Ethernet/IP/UDP headers):"
    echo
    echo "| rpc | client | server calls | server data read | server acks read | server data sent | server acks sent | veth packets | veth bytes out | veth bytes in |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    cat "$ACCT"
    echo
    echo "All runs ($RESULTS):"
    echo
    echo '```'
    cat "$RESULTS"
    echo '```'
    echo
    echo "rxgate's CPU per measured call by thread (from /proc, 10 ms ticks; all --stats lines are in $STATS):"
    echo
    echo '```'
    grep -E "^round=([0-9]+|steady) rxgate-stats " "$STATS" | sed -n 's/^\(round=[0-9a-z]* rxgate-stats [a-z]* conc=[0-9]*\).* cpu_us\/call=\([^ ]*\).*top_threads_cpu_us\/call=\(.*\)$/\1 cpu_us\/call=\2 threads: \3/p'
    echo '```'
    echo
    echo "Total time: $((T_END - T_START)) s; failures: $FAILURES"
} | tee "$OUT/report.md"

[ "$FAILURES" -eq 0 ] || exit 1
