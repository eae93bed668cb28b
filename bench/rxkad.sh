#!/usr/bin/env bash
# bench/rxkad.sh — the cost of rxkad: throughput and small-call rate at null/clear/auth/crypt,
# rxgate against rxgate (rxperf on loopback) and rxgate against the real OpenAFS servers of the
# interop cell with authorization on (StoreData64/FetchData64, PR_NameToID). Root. Prints one
# Markdown table (also bench/out/rxkad/report.md) with crypt's throughput as a share of null's.
# Never asserts timing. The cell is shared: phase 2 holds /tmp/rxgate-cell.lock while it uses it,
# restarts it with RXG_AUTH=1 and afterwards puts it back as it found it (down, or up without auth).
# Knobs: MIB (32), PERF_ROUNDS (3), RPCS (5000), PT_CALLS (3000), LIMIT (180 s/run).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/rxkad
mkdir -p "$OUT"
JAR=$ROOT/rxrpc-transport/target/rxrpc-transport-0.1.0-SNAPSHOT-cli.jar
CLI=$ROOT/bin/rxgate-cli
MIB=${MIB:-32}; PERF_ROUNDS=${PERF_ROUNDS:-3}; RPCS=${RPCS:-5000}; PT_CALLS=${PT_CALLS:-3000}; LIMIT=${LIMIT:-180}
# the lock every user of the cell holds around it (the cell script's own lock is another file)
CELL_LOCK=/tmp/rxgate-cell.lock
FIX=/tmp/rxgate-cell/fixtures.env
LEVELS=(null clear auth crypt)
die() { echo "rxkad.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root"
[ -f "$JAR" ] || die "no $JAR (build: ./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests)"
now() { date +%s.%N; }
mibps() { awk -v m="$1" -v a="$2" -v b="$3" 'BEGIN{d=b-a; if (d<=0) print "n/a"; else printf "%.1f", m/d}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN{if (a+0<=0||b+0<=0) print "n/a"; else printf "%.0f%%", 100*a/b}'; }
FAILS=()
declare -A R   # R[test.level] = number
PERF_PID=; STARTED_AUTH=0; WAS=none; VOLNAME=
cleanup() {
    [ -n "$PERF_PID" ] && kill "$PERF_PID" 2>/dev/null
    if [ "$STARTED_AUTH" = 1 ]; then
        [ -n "$VOLNAME" ] && timeout 120 vos remove -id "$VOLNAME" -cell "$CELL" -localauth -noresolve >>"$OUT/vos.log" 2>&1
        case $WAS in
            noauth) RXG_AUTH=0 bash "$ROOT/interop/openafs-cell.sh" up >"$OUT/cell-restore.log" 2>&1 ;;
            auth) ;;
            *) bash "$ROOT/interop/openafs-cell.sh" down >"$OUT/cell-down.log" 2>&1 ;;
        esac
    fi
}
trap cleanup EXIT
trap 'exit 3' INT TERM
# sec LEVEL KEYFILE: the CLI's credential options for a level ("null" = none)
sec() { [ "$1" = null ] || echo "--keyfile $2 --level $1"; }

# ---- 1. rxgate <-> rxgate: rxperf on loopback, server accepts rxnull and rxkad (min clear)
KF=$OUT/KeyFile
python3 -c 'import os,struct,sys; open(sys.argv[1],"wb").write(struct.pack(">II",1,1)+os.urandom(8))' "$KF"
"$CLI" perf server --bind 127.0.0.1 --port 0 --keyfile "$KF" >"$OUT/perf-server.log" 2>&1 &
PERF_PID=$!
for _ in $(seq 100); do grep -q "listening on" "$OUT/perf-server.log" && break; sleep 0.1; done
PORT=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$OUT/perf-server.log")
[ -n "$PORT" ] || die "perf server did not start: $(cat "$OUT/perf-server.log")"
: >"$OUT/runs.txt"
for lvl in "${LEVELS[@]}"; do
    # shellcheck disable=SC2046
    timeout "$LIMIT" "$CLI" perf client --host 127.0.0.1 --port "$PORT" --send --size "${MIB}M" \
        --count "$PERF_ROUNDS" --warmup 1 $(sec "$lvl" "$KF") >"$OUT/perf-send-$lvl.log" 2>&1
    v=$(awk '/^MB\/s:/ {print $2}' "$OUT/perf-send-$lvl.log")
    R[perf.$lvl]=${v:-FAIL}; [ -n "$v" ] || FAILS+=("perf send $lvl (see $OUT/perf-send-$lvl.log)")
    # shellcheck disable=SC2046
    timeout "$LIMIT" "$CLI" perf client --host 127.0.0.1 --port "$PORT" --rpc --size 100 --count "$RPCS" \
        --warmup 1000 $(sec "$lvl" "$KF") >"$OUT/perf-rpc-$lvl.log" 2>&1
    v=$(awk '/^calls\/s:/ {printf "%.0f", $2}' "$OUT/perf-rpc-$lvl.log")
    R[rpc.$lvl]=${v:-FAIL}; [ -n "$v" ] || FAILS+=("perf rpc $lvl (see $OUT/perf-rpc-$lvl.log)")
    echo "rxperf $lvl: send ${R[perf.$lvl]} MB/s, rpc ${R[rpc.$lvl]} calls/s" | tee -a "$OUT/runs.txt"
done
kill "$PERF_PID" 2>/dev/null; wait "$PERF_PID" 2>/dev/null; PERF_PID=

# ---- 2. the real OpenAFS cell with authorization on (holding the cell lock)
exec 9>"$CELL_LOCK"
flock 9
if [ -f "$FIX" ] && ip netns exec rxgtest ss -uln 2>/dev/null | grep -q '10.77.0.1:7000'; then
    WAS=$(awk -F= '$1 == "RXG_AUTH" {print ($2 == "1") ? "auth" : "noauth"}' "$FIX")
fi
STARTED_AUTH=1
if [ "$WAS" != auth ]; then
    RXG_AUTH=1 bash "$ROOT/interop/openafs-cell.sh" up >"$OUT/cell-up.log" 2>&1 || die "cell up (auth) failed"
fi
# shellcheck disable=SC1090
. "$FIX"
S=$RXG_SERVER; CELL=$RXG_CELL
[ "$S" = 10.77.0.1 ] || die "refusing server $S"
[ "$RXG_AUTH" = 1 ] || die "the cell is not in auth mode"
VOLNAME=rxgkb.$(date +%H%M%S)
# shellcheck source=lib/writable-volume.sh
. "$ROOT/bench/lib/writable-volume.sh"
make_writable_volume "$VOLNAME" "$OUT" || die "writable volume (see $OUT/vos.log)"
FID=$(timeout 60 "$CLI" fs create --servers "$S" --keyfile "$RXG_KEYFILE" "$VOLNAME:/" rxkad.bin 2>"$OUT/create.err" | awk '{print $1}')
[ -n "$FID" ] || die "fs create: $(cat "$OUT/create.err")"
head -c $((MIB << 20)) /dev/urandom >"$OUT/data"
MD5=$(md5sum <"$OUT/data" | cut -d' ' -f1)
for lvl in "${LEVELS[@]}"; do
    a=$(now)
    # shellcheck disable=SC2046
    timeout "$LIMIT" "$CLI" fs write --servers "$S" --timeout 60 --input "$OUT/data" $(sec "$lvl" "$RXG_KEYFILE") "$FID" >"$OUT/fs-write-$lvl.log" 2>&1
    rc=$?; b=$(now)
    [ "$rc" = 0 ] && R[store.$lvl]=$(mibps "$MIB" "$a" "$b") || { R[store.$lvl]=FAIL; FAILS+=("store $lvl rc=$rc (see $OUT/fs-write-$lvl.log)"); }
    a=$(now)
    # shellcheck disable=SC2046
    timeout "$LIMIT" "$CLI" fs read --servers "$S" --timeout 60 --md5 -o /dev/null $(sec "$lvl" "$RXG_KEYFILE") "$FID" >"$OUT/fs-read-$lvl.log" 2>&1
    rc=$?; b=$(now)
    grep -q "$MD5" "$OUT/fs-read-$lvl.log" || rc=${rc/#0/99}
    [ "$rc" = 0 ] && R[fetch.$lvl]=$(mibps "$MIB" "$a" "$b") || { R[fetch.$lvl]=FAIL; FAILS+=("fetch $lvl rc=$rc (see $OUT/fs-read-$lvl.log)"); }
    # shellcheck disable=SC2046
    line=$(timeout "$LIMIT" java -cp "$JAR" rxgate.rxrpc.bench.SmallCallBench --server "$S" --rpc pt --name alice \
        --calls "$PT_CALLS" --concurrency 1 --warmup 500 --duration-limit $((LIMIT - 10)) \
        $( [ "$lvl" = null ] || echo "--keyfile $RXG_KEYFILE --level $lvl" ) 2>"$OUT/pt-$lvl.err" | tail -1)
    v=$(echo "$line" | awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} if (v["secs"]>0) printf "%.0f", v["calls"]/v["secs"]}')
    R[pt.$lvl]=${v:-FAIL}; [ -n "$v" ] || FAILS+=("PR_NameToID $lvl: $(tail -2 "$OUT/pt-$lvl.err" | tr '\n' ' ')")
    echo "openafs $lvl: store ${R[store.$lvl]} MiB/s, fetch ${R[fetch.$lvl]} MiB/s, PR_NameToID ${R[pt.$lvl]} calls/s" | tee -a "$OUT/runs.txt"
done
rm -f "$OUT/data"
cleanup; STARTED_AUTH=0
flock -u 9

# ---- 3. the table
{
    echo "## rxkad: cost per level ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "| test | null | clear | auth | crypt | crypt/null |"
    echo "|---|---:|---:|---:|---:|---:|"
    row() { # LABEL KEY
        printf "| %s | %s | %s | %s | %s | %s |\n" "$1" "${R[$2.null]}" "${R[$2.clear]}" "${R[$2.auth]}" "${R[$2.crypt]}" \
            "$(pct "${R[$2.crypt]}" "${R[$2.null]}")"
    }
    row "rxgate↔rxgate rxperf send ${MIB} MiB ×${PERF_ROUNDS} (MB/s)" perf
    row "rxgate→OpenAFS fileserver StoreData64 ${MIB} MiB (MiB/s)" store
    row "rxgate→OpenAFS fileserver FetchData64 ${MIB} MiB (MiB/s)" fetch
    row "rxgate↔rxgate rxperf RPC 100 B, 1 at a time (calls/s)" rpc
    row "rxgate→OpenAFS ptserver PR_NameToID, 1 at a time (calls/s)" pt
    echo
    echo "Target: crypt ≥ 40% of null throughput. FetchData64's MD5 was checked at every level."
    [ ${#FAILS[@]} = 0 ] || { echo; echo "Failures:"; printf -- "- %s\n" "${FAILS[@]}"; }
} | tee "$OUT/report.md"
[ ${#FAILS[@]} = 0 ] || exit 1
