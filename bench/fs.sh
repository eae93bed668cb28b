#!/usr/bin/env bash
# bench/fs.sh — AFS file access benchmark: rxgate (fs read/write, SmallCallBench) vs OpenAFS
# (afsio fidread/fidwrite, pts) against the interop test cell (10.77.0.1), clean and impaired.
# Root. Prints one Markdown table (also bench/out/fs/report.md). Never asserts timing.
# Knobs: BIG_MIB (256), IMP_MIB (32), SMALL_CALLS (2000), PTS_EXAMINES (40), LIMIT (120 s/run),
#        DELAY_MS (5), JITTER_MS (2).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/fs
mkdir -p "$OUT"
JAR=$ROOT/rxrpc-transport/target/rxrpc-transport-0.1.0-SNAPSHOT-cli.jar
CLI=$ROOT/bin/rxgate-cli
BIG_MIB=${BIG_MIB:-256}; IMP_MIB=${IMP_MIB:-32}; SMALL_CALLS=${SMALL_CALLS:-2000}
PTS_EXAMINES=${PTS_EXAMINES:-40}; LIMIT=${LIMIT:-120}; DELAY_MS=${DELAY_MS:-5}; JITTER_MS=${JITTER_MS:-2}
FIX=/tmp/rxgate-cell/fixtures.env
T0=$(date +%s.%N)
die() { echo "fs.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root"
[ -f "$JAR" ] || die "no $JAR (build: ./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests)"
STARTED_CELL=0
if ! [ -f "$FIX" ] || ! ip netns exec rxgtest ss -uln 2>/dev/null | grep -q '10.77.0.1:7000'; then
    bash "$ROOT/interop/openafs-cell.sh" up >"$OUT/cell-up.log" 2>&1 || die "cell up failed"
    STARTED_CELL=1
fi
# shellcheck disable=SC1090
. "$FIX"
S=$RXG_SERVER; CELL=$RXG_CELL; NS=$RXG_NETNS
[ "$S" = 10.77.0.1 ] || die "refusing server $S"
HOSTIF=rxgtest-h
NFT_T=rxgfsbench
QPID=
cleanup() {
    nft delete table inet $NFT_T 2>/dev/null
    ip netns exec "$NS" nft delete table inet $NFT_T 2>/dev/null
    [ -n "$QPID" ] && kill "$QPID" 2>/dev/null
    [ "$STARTED_CELL" = 1 ] && bash "$ROOT/interop/openafs-cell.sh" down >"$OUT/cell-down.log" 2>&1
}
trap cleanup EXIT
trap 'exit 3' INT TERM

now() { date +%s.%N; }
mibps() { awk -v m="$1" -v a="$2" -v b="$3" 'BEGIN{d=b-a; if (d<=0) print "n/a"; else printf "%.1f", m/d}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{if (a+0<=0||b+0<=0) print "n/a"; else printf "%.2f", a/b}'; }
FAILS=()

# ---- a writable volume (anyuser rlidwka)
VOLNAME=rxgfsb.$(date +%H%M%S)
# shellcheck source=lib/writable-volume.sh
. "$ROOT/bench/lib/writable-volume.sh"
make_writable_volume "$VOLNAME" "$OUT" || die "writable volume (see $OUT/vos.log)"
BIGFID=$(timeout 60 "$CLI" fs create --servers "$S" "$VOLNAME:/" big256.bin 2>"$OUT/create.err") || die "fs create: $(cat "$OUT/create.err")"
IMPFID=$(timeout 60 "$CLI" fs create --servers "$S" "$VOLNAME:/" imp.bin 2>>"$OUT/create.err") || die "fs create: $(cat "$OUT/create.err")"
BIGFID=$(echo "$BIGFID" | awk '{print $1}'); IMPFID=$(echo "$IMPFID" | awk '{print $1}')
echo "volume $VOLNAME big=$BIGFID imp=$IMPFID" | tee "$OUT/setup.txt"
head -c $((BIG_MIB << 20)) /dev/urandom >"$OUT/data-big"
head -c $((IMP_MIB << 20)) /dev/urandom >"$OUT/data-imp"
MD5_BIG=$(md5sum <"$OUT/data-big" | cut -d' ' -f1); MD5_IMP=$(md5sum <"$OUT/data-imp" | cut -d' ' -f1)

declare -A R   # results: R[phase.client.op]=MiB/s
# run_xfer PHASE CLIENT OP FID FILE MIB EXPECTED_MD5
run_xfer() {
    local ph=$1 cl=$2 op=$3 fid=$4 file=$5 mib=$6 md5=$7 a b rc got log=$OUT/$1-$2-$3.log
    a=$(now)
    case $cl.$op in
        rxgate.write) timeout "$LIMIT" "$CLI" fs write --servers "$S" --timeout 60 --input "$file" "$fid" >"$log" 2>&1; rc=$? ;;
        afsio.write)  timeout "$LIMIT" afsio fidwrite -vnode "$fid" -cell "$CELL" -clear -force <"$file" >"$log" 2>&1; rc=$? ;;
        rxgate.read)  timeout "$LIMIT" "$CLI" fs read --servers "$S" --timeout 60 --md5 -o /dev/null "$fid" >"$log" 2>&1; rc=$? ;;
        afsio.read)   timeout "$LIMIT" afsio fidread -fid "$fid" -cell "$CELL" -clear -md5 >/dev/null 2>"$log"; rc=$? ;;
    esac
    b=$(now)
    if [ "$op" = read ]; then
        grep -qi "$md5" "$log" || { rc=${rc/#0/99}; echo "md5 mismatch (want $md5)" >>"$log"; }
    fi
    if [ "$rc" != 0 ]; then
        R[$ph.$cl.$op]="FAIL(rc=$rc)"; FAILS+=("$ph $cl $op rc=$rc (see $log)")
    else
        R[$ph.$cl.$op]=$(mibps "$mib" "$a" "$b")
    fi
    echo "$ph $cl $op ${mib}MiB rc=$rc secs=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}') MiB/s=${R[$ph.$cl.$op]}" | tee -a "$OUT/runs.txt"
}

xfer_set() { # PHASE FID FILE MIB MD5
    local ph=$1 fid=$2 file=$3 mib=$4 md5=$5
    # each writer's result is read back by the other client (cross-check of the MD5)
    run_xfer "$ph" rxgate write "$fid" "$file" "$mib" "$md5"
    run_xfer "$ph" afsio read "$fid" "$file" "$mib" "$md5"
    # untimed: truncate to 0 first — afsio fidwrite over an existing 256 MiB file left it
    # 448 MiB long in a trial run (its StoreData64 length), so it always writes into an empty file
    timeout 60 "$CLI" fs write --servers "$S" --input /dev/null "$fid" >>"$OUT/truncate.log" 2>&1
    run_xfer "$ph" afsio write "$fid" "$file" "$mib" "$md5"
    run_xfer "$ph" rxgate read "$fid" "$file" "$mib" "$md5"
}

pt_calls() { timeout 35 rxdebug "$S" 7002 -rxstats -noconns 2>/dev/null | awk '/calls/ {for(i=1;i<=NF;i++) if ($i ~ /^calls/) {print $(i+1)+0; exit}}'; }
declare -A P
small_set() { # PHASE
    local ph=$1 line c0 c1 a b
    line=$(timeout "$LIMIT" java -cp "$JAR" rxgate.rxrpc.bench.SmallCallBench --server "$S" --rpc pt --name alice \
        --calls "$SMALL_CALLS" --concurrency 1 --warmup 200 --duration-limit $((LIMIT - 10)) 2>"$OUT/$ph-small.err" | tail -1)
    echo "$ph $line" | tee -a "$OUT/runs.txt"
    P[$ph.rx.mean]=$(echo "$line" | awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} if (v["calls"]>0) printf "%.0f", v["secs"]*1e6/v["calls"]; else print "n/a"}')
    P[$ph.rx.p99]=$(echo "$line" | sed -n 's/.*p99_us=\([0-9]*\).*/\1/p')
    [ -n "${P[$ph.rx.p99]}" ] || { P[$ph.rx.mean]=FAIL; P[$ph.rx.p99]=FAIL; FAILS+=("$ph SmallCallBench: $(tail -2 "$OUT/$ph-small.err" | tr '\n' ' ')"); }
    c0=$(pt_calls); a=$(now)
    for ((i = 0; i < PTS_EXAMINES; i++)); do echo "examine alice"; done | \
        timeout "$LIMIT" pts interactive -cell "$CELL" -noauth >"$OUT/$ph-pts.log" 2>&1
    local rc=$?
    b=$(now); c1=$(pt_calls)
    P[$ph.pts.mean]=$(awk -v a="$a" -v b="$b" -v n="$((c1 - c0))" 'BEGIN{if (n>0) printf "%.0f", (b-a)*1e6/n; else print "n/a"}')
    P[$ph.pts.rpcs]=$((c1 - c0))
    [ "$rc" = 0 ] || { P[$ph.pts.mean]="FAIL(rc=$rc)"; FAILS+=("$ph pts interactive rc=$rc"); }
    echo "$ph pts examines=$PTS_EXAMINES rpcs=$((c1 - c0)) secs=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}') mean_us=${P[$ph.pts.mean]}" | tee -a "$OUT/runs.txt"
}

: >"$OUT/runs.txt"
# ---- 1. clean
small_set clean
xfer_set clean "$BIGFID" "$OUT/data-big" "$BIG_MIB" "$MD5_BIG"
xfer_set clean-imp "$IMPFID" "$OUT/data-imp" "$IMP_MIB" "$MD5_IMP"

# ---- 2. 1% loss both ways, on the receiving side of the veth
nft -f - <<EOF
table inet $NFT_T {
  chain in { type filter hook input priority -10; iifname "$HOSTIF" ip saddr $S udp sport 7000-7003 numgen random mod 100 < 1 drop; }
}
EOF
ip netns exec "$NS" nft -f - <<EOF
table inet $NFT_T {
  chain in { type filter hook input priority -10; ip daddr $S udp dport 7000-7003 numgen random mod 100 < 1 drop; }
}
EOF
{ nft list table inet $NFT_T; ip netns exec "$NS" nft list table inet $NFT_T; } >"$OUT/loss-rules.txt"
small_set loss
xfer_set loss "$IMPFID" "$OUT/data-imp" "$IMP_MIB" "$MD5_IMP"
{ nft list table inet $NFT_T; ip netns exec "$NS" nft list table inet $NFT_T; } >"$OUT/loss-rules-after.txt"
nft delete table inet $NFT_T; ip netns exec "$NS" nft delete table inet $NFT_T

# ---- 3. delay: needs a packet-delaying mechanism
DELAY_NOTE=""
if tc qdisc add dev $HOSTIF root netem delay ${DELAY_MS}ms 2>"$OUT/netem.err"; then
    tc qdisc del dev $HOSTIF root
fi
DELAY_NOTE="netem: $(head -1 "$OUT/netem.err"); iptables: $(command -v iptables || echo absent); python netfilterqueue: $(python3 -c 'import netfilterqueue' 2>/dev/null && echo present || echo absent)"
if [ -x "$ROOT/bench/nfq_delay.py" ] && [ "${DELAY:-1}" = 1 ]; then
    python3 "$ROOT/bench/nfq_delay.py" --queue 7 --delay-ms "$DELAY_MS" --jitter-ms "$JITTER_MS" --limit $((LIMIT * 6)) >"$OUT/nfq.log" 2>&1 &
    QPID=$!
    sleep 1
    if kill -0 $QPID 2>/dev/null && nft -f - 2>"$OUT/nft-queue.err" <<EOF
table inet $NFT_T {
  chain in { type filter hook input priority -10; iifname "$HOSTIF" ip saddr $S udp sport 7000-7003 queue num 7; }
  chain out { type filter hook output priority -10; ip daddr $S udp dport 7000-7003 queue num 7; }
}
EOF
    then
        xfer_set delay "$IMPFID" "$OUT/data-imp" "$IMP_MIB" "$MD5_IMP"
        nft delete table inet $NFT_T
        DELAY_NOTE="NFQUEUE (stdlib netlink helper bench/nfq_delay.py) ${DELAY_MS}±${JITTER_MS} ms each way"
    else
        DELAY_NOTE="NOT MEASURED: $DELAY_NOTE; nft 'queue' rule: $(grep -m1 Error "$OUT/nft-queue.err") (kernel has nfnetlink_queue but no nft_queue expression; no iptables for xt_NFQUEUE)"
        FAILS+=("delay phase not measurable here (see report line 'delay:')")
    fi
    kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null; QPID=
fi

# ---- report
T1=$(now)
cell() { echo "${R[$1]:-not run}"; }
{
echo "# bench/fs.sh — $(date -u +%FT%TZ), server $S, volume $VOLNAME, wall $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.0f", b-a}') s"
echo
echo "| path | metric | rxgate | OpenAFS | rxgate/OpenAFS | target |"
echo "|---|---|---|---|---|---|"
for ph in clean clean-imp loss delay; do
    case $ph in clean) mib=$BIG_MIB; t=">= 1.0";; clean-imp) mib=$IMP_MIB; t="(baseline)";; loss) mib=$IMP_MIB; t="(none)";; delay) mib=$IMP_MIB; t=">= 5.0";; esac
    for op in read write; do
        [ "$op" = read ] && rpc=FetchData64 || rpc=StoreData64
        echo "| $ph | $rpc ${mib} MiB, MiB/s (afsio fid$op) | $(cell $ph.rxgate.$op) | $(cell $ph.afsio.$op) | $(ratio "$(cell $ph.rxgate.$op)" "$(cell $ph.afsio.$op)") | $t |"
    done
done
for ph in clean loss; do
    [ "$ph" = loss ] && t="rxgate <= 1/10 of OpenAFS (ratio <= 0.10)" || t="(baseline)"
    echo "| $ph | PR_NameToID mean µs (pts: wall/RPCs, ${P[$ph.pts.rpcs]:-?} RPCs) | ${P[$ph.rx.mean]:-n/a} | ${P[$ph.pts.mean]:-n/a} | $(ratio "${P[$ph.rx.mean]:-0}" "${P[$ph.pts.mean]:-0}") | $t |"
    echo "| $ph | PR_NameToID p99 µs (rxgate SmallCallBench) | ${P[$ph.rx.p99]:-n/a} | – | – | |"
done
echo
echo "delay: $DELAY_NOTE"
[ ${#FAILS[@]} -gt 0 ] && { echo; echo "failures:"; printf -- '- %s\n' "${FAILS[@]}"; }
} | tee "$OUT/report.md"
rm -f "$OUT/data-big" "$OUT/data-imp"
[ ${#FAILS[@]} -eq 0 ] || exit 1
