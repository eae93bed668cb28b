#!/usr/bin/env bash
# bench/rxperf.sh — rxgate's rxperf on loopback against the raw UDP ceiling (iperf3), in one run.
#
#   bench/rxperf.sh                 # ~1–2 min on 2 cores (plus a build if the jar is stale)
#
# Starts `rxgate-cli perf server` on 127.0.0.1 (a free port) and measures:
#   (a) bulk --send and --recv throughput (BULK_COUNT calls of BULK_SIZE, jumbograms on; without
#       jumbograms too if `perf client --no-jumbo` is supported — today it is not);
#   (b) iperf3 -u on 127.0.0.1 at the datagram sizes of rxgate DATA packets (1440 bytes: 28-byte
#       header + 1412; 5688 bytes: a jumbogram of 4) — the raw UDP ceiling, receiver's rate + loss;
#   (c) the small-RPC rate at concurrency 1 and 16, with CPU per call on both sides;
#   (d) heap per idle connection and per active call (`rxgate-cli perf memory`, hidden).
# Then prints one Markdown table (also in bench/out/rxperf/report.md) with the ratios
# rxgate MB/s ÷ iperf3 MB/s (target: bulk ≥ 0.50). Traffic stays on 127.0.0.1. Everything the
# script starts is stopped on exit. It never asserts anything about timing: exit 1 only if a
# run failed, 2 if the setup failed. See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/out/rxperf
HOST=127.0.0.1                          # loopback only, by design

BULK_SIZE=${BULK_SIZE:-64M}             # bytes per bulk call (K/M/G = KiB/MiB/GiB)
BULK_COUNT=${BULK_COUNT:-8}             # measured bulk calls per direction
BULK_WARMUP=${BULK_WARMUP:-8}           # unmeasured bulk calls first, same JVM (the JIT needs several)
RPC_SIZE=${RPC_SIZE:-1000}              # request and reply bytes of an RPC (one packet each way)
RPC_CALLS=${RPC_CALLS:-10000}           # measured RPCs at concurrency 1
RPC_CONC_CALLS=${RPC_CONC_CALLS:-30000} # measured RPCs at concurrency 16
RPC_WARMUP=${RPC_WARMUP:-20000}         # unmeasured RPCs first (same JVM)
IPERF_SECS=${IPERF_SECS:-5}             # seconds per iperf3 run
IPERF_SIZES=${IPERF_SIZES:-"1440 5688"} # UDP payload sizes (-l)
IPERF_RATE=${IPERF_RATE:-0}             # iperf3 -b (0 = as fast as it can)
IPERF_WINDOW=${IPERF_WINDOW:-4M}        # iperf3 -w: the same socket buffers as an rxgate endpoint (4 MiB)
MEM_CALLS=${MEM_CALLS:-200}             # calls held open by the memory runs (4..256)
LIMIT=${LIMIT:-120}                     # seconds before any one step is killed
JAVA_OPTS=${JAVA_OPTS:-}                # extra JVM options for server and clients

JAR_GLOB=$ROOT/rxrpc-transport/target/rxrpc-transport-*-cli.jar

log() { printf '[rxperf] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

mkdir -p "$OUT"
T_START=$(date +%s)
FAILURES=0

# ---------------------------------------------------------------- cleanup
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do
        if kill -0 "$p" 2>/dev/null; then
            kill -TERM "$p" 2>/dev/null || true
            for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
            kill -KILL "$p" 2>/dev/null || true
        fi
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- packages
command -v java >/dev/null || die "java (17) not found"
if ! command -v iperf3 >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        log "installing iperf3 (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 >"$OUT/apt.log" 2>&1 \
            || { apt-get update -q >>"$OUT/apt.log" 2>&1 \
                 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 >>"$OUT/apt.log" 2>&1; } \
            || die "apt-get install iperf3 failed (see $OUT/apt.log)"
    else
        die "iperf3 is missing; install it (apt-get install iperf3) or run as root"
    fi
fi

# ---------------------------------------------------------------- the CLI jar
newest_jar() {
    local j best=""
    shopt -s nullglob
    for j in $JAR_GLOB; do
        if [ -z "$best" ] || [ "$j" -nt "$best" ]; then best=$j; fi
    done
    shopt -u nullglob
    echo "$best"
}
JAR=$(newest_jar)
stale=0
if [ -z "$JAR" ]; then
    stale=1
elif [ -n "$(find "$ROOT/rxrpc-transport/src/main" "$ROOT/rxrpc-transport/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -type f -print -quit)" ]; then
    stale=1
fi
BUILD_NOTE="existing jar ($(basename "${JAR:-none}"), built $( [ -n "$JAR" ] && date -r "$JAR" '+%F %T' || echo never)), up to date"
if [ "$stale" -eq 1 ]; then
    # Another Maven run in this tree would clash on target/: wait for it (at most 15 min).
    for _ in $(seq 1 30); do
        pgrep -f "maven.multiModuleProjectDirectory=$ROOT( |$)" >/dev/null || break
        log "another Maven build of $ROOT is running; waiting 30 s"
        sleep 30
    done
    log "building the CLI jar (./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests)"
    if (cd "$ROOT" && timeout 900 ./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests) >"$OUT/mvn.log" 2>&1; then
        JAR=$(newest_jar)
        BUILD_NOTE="jar built now by ./mvnw"
    else
        [ -n "$JAR" ] || die "maven build failed and there is no jar (see $OUT/mvn.log)"
        log "maven build failed (see $OUT/mvn.log); using the existing jar from $(date -r "$JAR" '+%F %T')"
        BUILD_NOTE="./mvnw build FAILED (see $OUT/mvn.log); used the existing jar built $(date -r "$JAR" '+%F %T')"
    fi
fi
# shellcheck disable=SC2206  # JAVA_OPTS is meant to be word-split
CLI=(java $JAVA_OPTS -jar "$JAR")
timeout 60 "${CLI[@]}" perf client --help >/dev/null 2>&1 || die "$JAR has no 'perf' command (rebuild it)"

# ---------------------------------------------------------------- helpers
CLK_TCK=$(getconf CLK_TCK)

# cpu_ticks PID — user+system ticks of a process.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# loop_ticks PID — user+system ticks of its rxgate-io threads (the Rx event loops).
loop_ticks() {
    local t s=0 c
    for t in /proc/"$1"/task/*; do
        c=$(cat "$t/comm" 2>/dev/null || true)
        case "$c" in rxgate-io*) s=$((s + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0))) ;; esac
    done
    echo "$s"
}
# udp_errors — "RcvbufErrors InErrors" of the host (all UDP sockets, /proc/net/snmp).
udp_errors() {
    awk '$1 == "Udp:" { if (!h) { for (i = 2; i <= NF; i++) n[$i] = i; h = 1 } else print $n["RcvbufErrors"], $n["InErrors"] }' /proc/net/snmp
}
# calc PROGRAM — runs an awk BEGIN block (arithmetic for the report).
calc() { awk "BEGIN { $1 }"; }

# run_client NAME ARGS… — one `perf client` run (new JVM), with server CPU, client CPU and UDP
# error counters around it. Output in $OUT/NAME.out; key=value facts in $OUT/NAME.facts.
run_client() {
    local name=$1 rc=0 s0 s1 l0 l1 u0 u1 t0 t1
    shift
    s0=$(cpu_ticks "$SPID"); l0=$(loop_ticks "$SPID"); u0=$(udp_errors); t0=$(date +%s%N)
    timeout -k 5 "$LIMIT" "${CLI[@]}" perf client --host "$HOST" --port "$PORT" "$@" \
        >"$OUT/$name.out" 2>"$OUT/$name.err" &
    local cpid=$!
    PIDS+=("$cpid")
    wait "$cpid" || rc=$?
    t1=$(date +%s%N); s1=$(cpu_ticks "$SPID"); l1=$(loop_ticks "$SPID"); u1=$(udp_errors)
    {
        echo "rc=$rc"
        echo "wall_ms=$(( (t1 - t0) / 1000000 ))"
        echo "server_cpu_ms=$(( (s1 - s0) * 1000 / CLK_TCK ))"
        echo "server_loop_ms=$(( (l1 - l0) * 1000 / CLK_TCK ))"
        calc "split(\"$u0\", a, \" \"); split(\"$u1\", b, \" \"); print \"udp_rcvbuf_errors=\" (b[1] - a[1]); print \"udp_in_errors=\" (b[2] - a[2])"
    } >"$OUT/$name.facts"
    if [ "$rc" -ne 0 ]; then
        FAILURES=$((FAILURES + 1))
        log "FAILED: perf client $* (exit $rc): $(head -3 "$OUT/$name.err" | tr '\n' ' ')"
        return 0
    fi
    log "$name: $(grep -E '^(MB/s|calls/s):' "$OUT/$name.out" | tr -s ' ' | tr '\n' ' ')"
}
fact() { sed -n "s/^$2=//p" "$OUT/$1.facts" 2>/dev/null | head -1; }

# rxstats — the server's "resends" and "data read" counters (rxdebug -rxstats), "resends data_sent data_read".
rxstats() {
    timeout 30 "${CLI[@]}" rxdebug "$HOST" "$PORT" --rxstats --noconns --timeout 5 2>/dev/null | awk '
        /other send counters:/ { for (i = 1; i <= NF; i++) { if ($i == "resends") r = $(i + 1); if ($i == "data") d = $(i + 1) } sub(",", "", r); sub(",", "", d) }
        /packets read: data/ { rd = $4 }
        END { print (r == "" ? "?" : r), (d == "" ? "?" : d), (rd == "" ? "?" : rd) }'
}

# free_port — a TCP+UDP port nobody uses on 127.0.0.1 (for iperf3, which needs both).
free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$(( (RANDOM % 20000) + 30000 ))
        if [ -z "$(ss -Hantu "( sport = :$p )" 2>/dev/null)" ]; then echo "$p"; return 0; fi
    done
    return 1
}

# ---------------------------------------------------------------- machine facts
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
RMEM_MAX=$(cat /proc/sys/net/core/rmem_max 2>/dev/null || echo '?')
WMEM_MAX=$(cat /proc/sys/net/core/wmem_max 2>/dev/null || echo '?')
LO_MTU=$(cat /sys/class/net/lo/mtu 2>/dev/null || echo '?')
JAVA_VERSION=$(java -version 2>&1 | head -1)
IPERF_VERSION=$(iperf3 --version 2>/dev/null | head -1)
log "load average before: $LOAD_BEFORE"

# ---------------------------------------------------------------- the server
"${CLI[@]}" perf server --bind "$HOST" --port 0 >"$OUT/server.out" 2>"$OUT/server.err" &
SPID=$!
PIDS+=("$SPID")
PORT=""
for _ in $(seq 1 100); do
    PORT=$(sed -n 's/^rxperf server listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$OUT/server.out" 2>/dev/null || true)
    [ -n "$PORT" ] && break
    kill -0 "$SPID" 2>/dev/null || die "the rxperf server exited: $(cat "$OUT/server.err")"
    sleep 0.2
done
[ -n "$PORT" ] || die "the rxperf server did not report its port in 20 s"
log "rxperf server (pid $SPID) on $HOST:$PORT"

# ---------------------------------------------------------------- (a) bulk
R0=$(rxstats)
run_client send-jumbo --send --size "$BULK_SIZE" --count "$BULK_COUNT" --warmup "$BULK_WARMUP"
run_client recv-jumbo --recv --size "$BULK_SIZE" --count "$BULK_COUNT" --warmup "$BULK_WARMUP"
R1=$(rxstats)
# Without jumbograms, if the client can do it (it says "not supported yet" and exits 2 today).
NOJUMBO=supported
if ! timeout 60 "${CLI[@]}" perf client --host "$HOST" --port "$PORT" --rpc --count 1 --no-jumbo \
        >"$OUT/nojumbo-probe.out" 2>&1; then
    NOJUMBO="not supported: $(sed -n 's/^rxgate-cli: perf client: //p' "$OUT/nojumbo-probe.out" | head -1)"
    log "--no-jumbo: $NOJUMBO"
else
    run_client send-nojumbo --send --size "$BULK_SIZE" --count "$BULK_COUNT" --warmup "$BULK_WARMUP" --no-jumbo
    run_client recv-nojumbo --recv --size "$BULK_SIZE" --count "$BULK_COUNT" --warmup "$BULK_WARMUP" --no-jumbo
fi

# ---------------------------------------------------------------- (b) iperf3
for size in $IPERF_SIZES; do
    ip=$(free_port) || die "no free port for iperf3"
    timeout -k 5 $((IPERF_SECS + 30)) iperf3 -s -1 -B "$HOST" -p "$ip" >"$OUT/iperf3-server-$size.out" 2>&1 &
    ipid=$!
    PIDS+=("$ipid")
    for _ in $(seq 1 50); do
        [ -n "$(ss -Hltn "( sport = :$ip )" 2>/dev/null)" ] && break
        sleep 0.1
    done
    u0=$(udp_errors)
    rc=0
    timeout -k 5 $((IPERF_SECS + 30)) iperf3 -c "$HOST" -B "$HOST" -p "$ip" -u -b "$IPERF_RATE" -l "$size" \
        -w "$IPERF_WINDOW" -t "$IPERF_SECS" -f k >"$OUT/iperf3-$size.out" 2>&1 || rc=$?
    u1=$(udp_errors)
    wait "$ipid" 2>/dev/null || true
    # The receiver's line: "[  5] 0.00-5.00 sec  X KBytes  Y Kbits/sec  J ms  lost/total (p%)  receiver"
    awk -v rc="$rc" -v u0="$u0" -v u1="$u1" '
        / receiver$/ { for (i = 1; i <= NF; i++) { if ($i == "Kbits/sec") r = $(i - 1); if ($i ~ /^[0-9]+\/[0-9]+$/) lt = $i; if ($i ~ /^\(.*%\)$/) { p = $i; gsub(/[()]/, "", p) } } }
        / sender$/   { for (i = 1; i <= NF; i++) if ($i == "Kbits/sec") s = $(i - 1) }
        END { split(u0, a, " "); split(u1, b, " ")
              printf "rc=%s\nrecv_mbs=%s\nsend_mbs=%s\nlost_total=%s\nloss=%s\nudp_rcvbuf_errors=%d\n", rc,
                  (r == "" ? "" : sprintf("%.1f", r / 8000)), (s == "" ? "" : sprintf("%.1f", s / 8000)), lt, p, b[1] - a[1] }' \
        "$OUT/iperf3-$size.out" >"$OUT/iperf3-$size.facts"
    if [ "$rc" -ne 0 ] || [ -z "$(fact "iperf3-$size" recv_mbs)" ]; then
        FAILURES=$((FAILURES + 1))
        log "FAILED: iperf3 -l $size (exit $rc): $(tail -2 "$OUT/iperf3-$size.out" | tr '\n' ' ')"
    else
        log "iperf3 -u -l $size: receiver $(fact "iperf3-$size" recv_mbs) MB/s, loss $(fact "iperf3-$size" lost_total) $(fact "iperf3-$size" loss)"
    fi
done

# ---------------------------------------------------------------- (c) small RPCs
run_client rpc-c1 --rpc --size "$RPC_SIZE" --count "$RPC_CALLS" --concurrency 1 --warmup "$RPC_WARMUP"
run_client rpc-c16 --rpc --size "$RPC_SIZE" --count "$RPC_CONC_CALLS" --concurrency 16 --warmup "$RPC_WARMUP"

# ---------------------------------------------------------------- (d) memory
mem_run() {
    local name=$1 rc=0
    shift
    timeout -k 5 "$LIMIT" "${CLI[@]}" perf memory --calls "$MEM_CALLS" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
    if [ "$rc" -ne 0 ]; then
        FAILURES=$((FAILURES + 1))
        log "FAILED: perf memory $* (exit $rc): $(head -3 "$OUT/$name.err" | tr '\n' ' ')"
    fi
}
mem_run mem-client --host "$HOST" --port "$PORT"
mem_run mem-both
R2=$(rxstats)

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
T_END=$(date +%s)

# ---------------------------------------------------------------- report
mbs() { sed -n 's|^MB/s: *\([0-9.]*\).*|\1|p' "$OUT/$1.out" 2>/dev/null | head -1; }
cps() { sed -n 's|^calls/s: *\([0-9.]*\).*|\1|p' "$OUT/$1.out" 2>/dev/null | head -1; }
lat() { awk '/^latency:/ { print $3 "/" $9 }' "$OUT/$1.out" 2>/dev/null; }
resent() { sed -n 's/.*(resent \([0-9]*\);.*/\1/p' "$OUT/$1.out" 2>/dev/null | head -1; }
cbusy() { sed -n 's/.*event loop [0-9]* ms (busy \([0-9]*\)%.*/\1/p' "$OUT/$1.out" 2>/dev/null | head -1; }
cus() { sed -n 's/^client cpu: process [0-9]* ms (\([0-9.]*\) us\/call).*/\1/p' "$OUT/$1.out" 2>/dev/null | head -1; }
ratio() { calc "a = \"$1\" + 0; b = \"$2\" + 0; if (a > 0 && b > 0) printf \"%.2f\", a / b; else printf \"n/a\""; }
verdict() { calc "r = \"$1\" + 0; if (\"$1\" == \"n/a\") print \"—\"; else if (r >= 0.5) print \"met (≥ 0.50)\"; else print \"**MISSED** (< 0.50)\""; }
# server CPU per call over the whole client process (its warm-up calls included)
scpu() { calc "c = \"$(fact "$1" server_cpu_ms)\"; if (c == \"\") print \"?\"; else printf \"%.1f\", c * 1000 / $2"; }
# server event-loop busy share over the client process's wall time
sbusy() { calc "w = \"$(fact "$1" wall_ms)\" + 0; l = \"$(fact "$1" server_loop_ms)\" + 0; if (w > 0) printf \"%.0f\", 100 * l / w; else print \"?\""; }
# server event-loop CPU per MB moved (all calls of the client process, warm-up included) and the
# share of one core that makes at the measured rate: "µs/MB ≈busy%"
sloop() {
    calc "l = \"$(fact "$1" server_loop_ms)\" + 0; mb = $BULK_MB * $((BULK_COUNT + BULK_WARMUP)); r = \"$2\" + 0;
          if (mb > 0) printf \"%.0f µs/MB, ≈%.0f%% of a core at %s MB/s\", l * 1000 / mb, l * 1000 / mb * r / 1e4, r; else print \"?\""
}
# size_bytes 64M — bytes of a size with an optional K/M/G (KiB/MiB/GiB) suffix, as `perf client --size`.
size_bytes() {
    local v=${1^^}
    v=${v%IB}; v=${v%B}
    case $v in
        *K) echo $(( ${v%K} << 10 )) ;;
        *M) echo $(( ${v%M} << 20 )) ;;
        *G) echo $(( ${v%G} << 30 )) ;;
        *) echo $(( v )) ;;
    esac
}
BULK_MB=$(calc "printf \"%.3f\", $(size_bytes "$BULK_SIZE") / 1e6")
memv() { sed -n "s/^$2: \\(-\\?[0-9]*\\) bytes.*/\\1/p" "$OUT/$1.out" 2>/dev/null | head -1; }

I_J=$(fact iperf3-5688 recv_mbs); I_P=$(fact iperf3-1440 recv_mbs)
R_SJ=$(mbs send-jumbo); R_RJ=$(mbs recv-jumbo)
RS_SJ=$(ratio "$R_SJ" "$I_J"); RS_RJ=$(ratio "$R_RJ" "$I_J")
bulk_calls=$((BULK_COUNT + BULK_WARMUP))
{
    echo
    echo "## rxperf on loopback: rxgate vs the raw UDP ceiling (iperf3)"
    echo
    echo "- date: $(date -u '+%F %T UTC'); host: $(uname -sr); cpu: $CPU_MODEL × $(nproc); load average before/after: $LOAD_BEFORE / $LOAD_AFTER"
    echo "- loopback MTU $LO_MTU; net.core.rmem_max $RMEM_MAX, wmem_max $WMEM_MAX (rxgate asks for 4 MiB socket buffers; iperf3 -w $IPERF_WINDOW)"
    echo "- java: $JAVA_VERSION; JAVA_OPTS='$JAVA_OPTS'; $IPERF_VERSION"
    echo "- build: $BUILD_NOTE"
    echo "- rxgate: \`rxgate-cli perf server\` (one JVM for the whole run) ← \`perf client\` (a new JVM per row) on $HOST:$PORT; bulk = $BULK_COUNT calls of $BULK_SIZE after $BULK_WARMUP warm-up call(s); RPC = $RPC_SIZE bytes each way, $RPC_WARMUP warm-up calls first"
    echo
    echo "| measurement | rxgate | raw UDP: iperf3 receiver | ratio | target | details |"
    echo "| --- | ---: | ---: | ---: | --- | --- |"
    printf '| bulk send, jumbograms (5688-byte datagrams) | %s MB/s | %s MB/s (-l 5688, loss %s) | %s | %s | client resent %s packets; client event loop busy %s%% (measured calls); server event loop %s; host UDP rcvbuf errors %s |\n' \
        "${R_SJ:-FAILED}" "${I_J:-?}" "$(fact iperf3-5688 loss)" "$RS_SJ" "$(verdict "$RS_SJ")" \
        "$(resent send-jumbo)" "$(cbusy send-jumbo)" "$(sloop send-jumbo "$R_SJ")" "$(fact send-jumbo udp_rcvbuf_errors)"
    printf '| bulk recv, jumbograms (5688-byte datagrams) | %s MB/s | %s MB/s (-l 5688, loss %s) | %s | %s | server resent %s packets (both bulk runs); client event loop busy %s%% (measured calls); server event loop %s; host UDP rcvbuf errors %s |\n' \
        "${R_RJ:-FAILED}" "${I_J:-?}" "$(fact iperf3-5688 loss)" "$RS_RJ" "$(verdict "$RS_RJ")" \
        "$(calc "split(\"$R0\", a, \" \"); split(\"$R1\", b, \" \"); print b[1] - a[1]")" \
        "$(cbusy recv-jumbo)" "$(sloop recv-jumbo "$R_RJ")" "$(fact recv-jumbo udp_rcvbuf_errors)"
    if [ "$NOJUMBO" = supported ]; then
        R_SP=$(mbs send-nojumbo); R_RP=$(mbs recv-nojumbo)
        RS_SP=$(ratio "$R_SP" "$I_P"); RS_RP=$(ratio "$R_RP" "$I_P")
        printf '| bulk send, no jumbograms (1440-byte datagrams) | %s MB/s | %s MB/s (-l 1440, loss %s) | %s | %s | client resent %s |\n' \
            "${R_SP:-FAILED}" "${I_P:-?}" "$(fact iperf3-1440 loss)" "$RS_SP" "$(verdict "$RS_SP")" "$(resent send-nojumbo)"
        printf '| bulk recv, no jumbograms (1440-byte datagrams) | %s MB/s | %s MB/s (-l 1440, loss %s) | %s | %s | |\n' \
            "${R_RP:-FAILED}" "${I_P:-?}" "$(fact iperf3-1440 loss)" "$RS_RP" "$(verdict "$RS_RP")"
    else
        printf '| bulk send/recv, no jumbograms (1440-byte datagrams) | n/a ¹ | %s MB/s (-l 1440, loss %s) | n/a | — | `--no-jumbo` %s |\n' \
            "${I_P:-?}" "$(fact iperf3-1440 loss)" "$NOJUMBO"
    fi
    printf '| RPC rate, concurrency 1 | %s calls/s | — | — | — | p50/p99 %s µs; CPU per call: client %s µs (measured calls), server %s µs (incl. warm-up calls); server loop busy %s%% |\n' \
        "$(cps rpc-c1)" "$(lat rpc-c1)" "$(cus rpc-c1)" "$(scpu rpc-c1 $((RPC_CALLS + RPC_WARMUP)))" "$(sbusy rpc-c1)"
    printf '| RPC rate, concurrency 16 | %s calls/s | — | — | — | p50/p99 %s µs; CPU per call: client %s µs (measured calls), server %s µs (incl. warm-up calls); server loop busy %s%% |\n' \
        "$(cps rpc-c16)" "$(lat rpc-c16)" "$(cus rpc-c16)" "$(scpu rpc-c16 $((RPC_CONC_CALLS + RPC_WARMUP)))" "$(sbusy rpc-c16)"
    c_idle=$(memv mem-client "heap per idle connection"); b_idle=$(memv mem-both "heap per idle connection")
    c_call=$(memv mem-client "heap per active call"); b_call=$(memv mem-both "heap per active call")
    printf '| heap per idle connection | %s B (client %s + server %s) | — | — | — | %s |\n' \
        "${b_idle:-FAILED}" "${c_idle:-?}" "$(calc "if (\"$b_idle\" != \"\" && \"$c_idle\" != \"\") print $b_idle - $c_idle; else print \"?\"")" \
        "$(sed -n 's/^rxperf memory ([^)]*): //p' "$OUT/mem-both.out" 2>/dev/null | head -1)"
    printf '| heap per active call (beyond its connection) | %s B (client %s + server %s) | — | — | — | a SEND call holding its first 1412-byte packet on both sides |\n' \
        "${b_call:-FAILED}" "${c_call:-?}" "$(calc "if (\"$b_call\" != \"\" && \"$c_call\" != \"\") print $b_call - $c_call; else print \"?\"")"
    echo
    echo "¹ rxgate's transport has no setting to turn jumbograms off yet (\`RxEndpoint.Builder\`); the 1440-byte iperf3 row is the ceiling such a run would be compared with."
    echo
    printf -- '- iperf3 runs (%s s each, -u -b %s -w %s): ' "$IPERF_SECS" "$IPERF_RATE" "$IPERF_WINDOW"
    for size in $IPERF_SIZES; do
        printf -- '-l %s: sender %s MB/s, receiver %s MB/s, lost %s %s, host UDP rcvbuf errors %s; ' "$size" \
            "$(fact "iperf3-$size" send_mbs)" "$(fact "iperf3-$size" recv_mbs)" "$(fact "iperf3-$size" lost_total)" \
            "$(fact "iperf3-$size" loss)" "$(fact "iperf3-$size" udp_rcvbuf_errors)"
    done
    echo
    echo "- server rx counters (\`rxgate-cli rxdebug $HOST $PORT --rxstats\`, \"resends data-sent data-read\"): start $R0, after bulk $R1, end $R2"
    echo "- MB = 10^6 bytes. Ratios: rxgate MB/s ÷ iperf3 receiver MB/s at the same datagram size. CPU: /proc/<pid>/stat of the server JVM around each client process (10 ms ticks); the client's own line from \`perf client\` (process CPU during the measured calls). Memory: MemoryMXBean heap used after System.gc(), $MEM_CALLS calls on one client endpoint; \"client\" = against the script's server, \"server\" = (client + in-process server) − client. Netty's pooled direct buffers are not heap and not counted."
    echo "- client outputs: $OUT/*.out; total time: $((T_END - T_START)) s; failures: $FAILURES"
} | tee "$OUT/report.md"

[ "$FAILURES" -eq 0 ] || exit 1
