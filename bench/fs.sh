#!/usr/bin/env bash
# bench/fs.sh — AFS file access benchmark of issue 4: rxgate (rxgate-cli fs read/write,
# SmallCallBench) vs OpenAFS (afsio fidread/fidwrite, pts, and OpenAFS's C rx via bench/c/afsbench)
# against the interop test cell (10.77.0.1), clean, under 1% loss and under 5±2 ms delay each way.
# Root. Prints one Markdown table with ratios and targets (also bench/out/fs/report.md).
# Never asserts timing; a missed target is shown in the table.
# Run it holding the cell lock:  sudo flock /tmp/rxgate-cell.lock bench/fs.sh
# Knobs: BIG_MIB (256), IMP_MIB (32), SMALL_CALLS (2000), LOSS_C_CALLS (300), DELAY_CALLS (300),
#        PTS_EXAMINES (40), LOSS_PTS_EXAMINES (150), DELAY_MIB (16), LIMIT (120 s per process),
#        LOSS_PCT (1), DELAY_MS (5), JITTER_MS (2), PHASES ("clean loss delay").
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/bench/out/fs
mkdir -p "$OUT"
JAR=$ROOT/rxrpc-transport/target/rxrpc-transport-0.1.0-SNAPSHOT-cli.jar
CLI=$ROOT/bin/rxgate-cli
BIG_MIB=${BIG_MIB:-256}; IMP_MIB=${IMP_MIB:-32}; SMALL_CALLS=${SMALL_CALLS:-2000}
LOSS_C_CALLS=${LOSS_C_CALLS:-300}; DELAY_CALLS=${DELAY_CALLS:-300}
PTS_EXAMINES=${PTS_EXAMINES:-40}; LOSS_PTS_EXAMINES=${LOSS_PTS_EXAMINES:-150}; DELAY_MIB=${DELAY_MIB:-16}; LIMIT=${LIMIT:-120}; LOSS_PCT=${LOSS_PCT:-1}
DELAY_MS=${DELAY_MS:-5}; JITTER_MS=${JITTER_MS:-2}; PHASES=${PHASES:-"clean loss delay"}
FIX=/tmp/rxgate-cell/fixtures.env
QNUM=7
T0=$(date +%s.%N)
die() { echo "fs.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "needs root"
[ -f "$JAR" ] || die "no $JAR (build: ./mvnw -B -ntp -q -pl rxrpc-transport package -DskipTests)"
command -v afsio >/dev/null || die "no afsio (apt-get install openafs-client)"
if ! command -v iptables >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends iptables >"$OUT/apt.log" 2>&1 \
        || die "iptables missing and could not be installed (see $OUT/apt.log)"
fi
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
IPT_RULES=()   # iptables rule specs added (for removal)
ipt_del_all() {
    local r
    for r in "${IPT_RULES[@]}"; do
        # shellcheck disable=SC2086
        iptables -D $r 2>/dev/null
    done
    IPT_RULES=()
}
cleanup() {
    nft delete table inet $NFT_T 2>/dev/null
    ip netns exec "$NS" nft delete table inet $NFT_T 2>/dev/null
    ipt_del_all
    [ -n "$QPID" ] && kill "$QPID" 2>/dev/null
    [ "$STARTED_CELL" = 1 ] && bash "$ROOT/interop/openafs-cell.sh" down >"$OUT/cell-down.log" 2>&1
}
trap cleanup EXIT
trap 'exit 3' INT TERM

now() { date +%s.%N; }
mibps() { awk -v m="$1" -v a="$2" -v b="$3" 'BEGIN{d=b-a; if (d<=0) print "n/a"; else printf "%.2f", m/d}'; }
FAILS=()
: >"$OUT/runs.txt"
log() { echo "$*" | tee -a "$OUT/runs.txt"; }

# ---- OpenAFS's C rx client for PR_NameToID (per-call mean and p99, like SmallCallBench)
AFSBENCH=$OUT/afsbench
if ! [ -x "$AFSBENCH" ] || [ "$ROOT/bench/c/afsbench.c" -nt "$AFSBENCH" ]; then
    ROKEN=$(ls /lib/x86_64-linux-gnu/libroken.so.* /usr/lib/x86_64-linux-gnu/libroken.so.* 2>/dev/null | head -1)
    HCRYPTO=$(ls /lib/x86_64-linux-gnu/libhcrypto.so.* /usr/lib/x86_64-linux-gnu/libhcrypto.so.* 2>/dev/null | head -1)
    if ! gcc -O2 -Wall -pthread -o "$AFSBENCH" "$ROOT/bench/c/afsbench.c" /usr/lib/libafsauthent.a \
            /usr/lib/libafsrpc.a "$ROKEN" "$HCRYPTO" >"$OUT/gcc.log" 2>&1; then
        rm -f "$AFSBENCH"   # the afsbench column is then "not run" (bench/small-calls.sh installs libopenafs-dev)
    fi
fi

# ---- a writable volume (anyuser rlidwka) and fresh files
VOLNAME=rxgfsb.$(date +%H%M%S)
# shellcheck source=lib/writable-volume.sh
. "$ROOT/bench/lib/writable-volume.sh"
make_writable_volume "$VOLNAME" "$OUT" || die "writable volume (see $OUT/vos.log)"
NFILE=0
# newfile VAR: a new empty file in the volume (untimed); its FID goes into VAR. Every writer gets
# its own fresh file: afsio fidwrite never writes over another client's data.
newfile() {
    local fid
    NFILE=$((NFILE + 1))
    fid=$(timeout 60 "$CLI" fs create --servers "$S" "$VOLNAME:/" "f$NFILE.bin" 2>>"$OUT/create.err" | awk '{print $1}')
    [ -n "$fid" ] || die "fs create f$NFILE.bin: $(tail -2 "$OUT/create.err")"
    printf -v "$1" '%s' "$fid"
}
file_length() { timeout 60 "$CLI" fs stat --servers "$S" "$1" 2>/dev/null | awk '/^length:/ {print $2}'; }
head -c $((BIG_MIB << 20)) /dev/urandom >"$OUT/data-big"
head -c $((IMP_MIB << 20)) /dev/urandom >"$OUT/data-imp"
head -c $((DELAY_MIB << 20)) /dev/urandom >"$OUT/data-delay"
MD5_DELAY=$(md5sum <"$OUT/data-delay" | cut -d' ' -f1)
MD5_BIG=$(md5sum <"$OUT/data-big" | cut -d' ' -f1); MD5_IMP=$(md5sum <"$OUT/data-imp" | cut -d' ' -f1)
log "volume $VOLNAME; data md5 big=$MD5_BIG imp=$MD5_IMP; afsbench: $([ -x "$AFSBENCH" ] && echo yes || echo 'not built (see gcc.log)')"

declare -A SECS   # SECS[phase.client.op] = wall seconds
LAST_RX_FID=
declare -A R   # R[phase.client.op] = MiB/s, or FAIL(...), or "<x" (timed out: below MiB/LIMIT)
# run_xfer PHASE CLIENT OP FID FILE MIB EXPECTED_MD5
run_xfer() {
    local ph=$1 cl=$2 op=$3 fid=$4 file=$5 mib=$6 md5=$7 a b rc log=$OUT/$1-$2-$3.log note=""
    a=$(now)
    case $cl.$op in
        rxgate.write) timeout "$LIMIT" "$CLI" fs write --servers "$S" --timeout 60 --input "$file" "$fid" >"$log" 2>&1; rc=$? ;;
        afsio.write)  timeout "$LIMIT" afsio fidwrite -vnode "$fid" -cell "$CELL" -clear -force -md5 <"$file" >"$log" 2>&1; rc=$? ;;
        rxgate.read)  timeout "$LIMIT" "$CLI" fs read --servers "$S" --timeout 60 --md5 -o /dev/null "$fid" >"$log" 2>&1; rc=$? ;;
        afsio.read)   timeout "$LIMIT" afsio fidread -fid "$fid" -cell "$CELL" -clear -md5 >/dev/null 2>"$log"; rc=$? ;;
    esac
    b=$(now)
    SECS[$ph.$cl.$op]=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}')
    if [ "$rc" = 0 ] && [ "$op" = read ] && ! grep -qi "$md5" "$log"; then
        rc=99; echo "md5 mismatch (want $md5)" >>"$log"
    fi
    if [ "$rc" = 0 ] && [ "$op" = write ]; then
        # what the writer left: the length must be the input's (afsio's own -md5 is of its input)
        local len; len=$(file_length "$fid")
        if [ "$len" != $((mib << 20)) ]; then
            note=" length=$len"
            if [ "$cl" = afsio ] && [ "$mib" -gt 64 ]; then
                # afsio 1.8.9 writeFile(): beyond its 64 MiB buffer (WRITEBUFLEN) each refill is
                # written at Pos+xfered with Pos already advanced, so a 256 MiB input ends as a
                # 448 MiB file with holes. All 256 MiB went over the wire; the rate stands, the
                # content does not (checked reads use files written by rxgate or ≤ 64 MiB).
                note="$note (afsio offset bug for inputs > 64 MiB; rate kept)"
            else
                rc=98
            fi
        fi
    fi
    if [ "$rc" = 124 ]; then
        R[$ph.$cl.$op]="<$(awk -v m="$mib" -v l="$LIMIT" 'BEGIN{printf "%.2f", m/l}')"
        FAILS+=("$ph $cl $op: did not finish in $LIMIT s (rate shown as an upper bound)")
    elif [ "$rc" != 0 ]; then
        R[$ph.$cl.$op]="FAIL(rc=$rc)"; FAILS+=("$ph $cl $op rc=$rc (see $log)")
    else
        R[$ph.$cl.$op]=$(mibps "$mib" "$a" "$b")
    fi
    log "$ph $cl $op ${mib}MiB fid=$fid rc=$rc secs=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}') MiB/s=${R[$ph.$cl.$op]}$note"
}

# xfer_set PHASE FILE MIB MD5: both clients read the same file (written by rxgate, so its content
# is known to be right: both reads check its MD5); each client writes its own fresh file.
xfer_set() {
    local ph=$1 file=$2 mib=$3 md5=$4 f_rx f_afs
    newfile f_rx; newfile f_afs
    LAST_RX_FID=$f_rx
    run_xfer "$ph" rxgate write "$f_rx" "$file" "$mib" "$md5"
    run_xfer "$ph" afsio write "$f_afs" "$file" "$mib" "$md5"
    run_xfer "$ph" afsio read "$f_rx" "$file" "$mib" "$md5"
    run_xfer "$ph" rxgate read "$f_rx" "$file" "$mib" "$md5"
    if [ "$ph" = clean-imp ] && [ "${R[$ph.afsio.write]:0:1}" != F ] && [ "${R[$ph.afsio.write]:0:1}" != "<" ]; then
        # cross-check, untimed: rxgate reads what afsio wrote
        timeout "$LIMIT" "$CLI" fs read --servers "$S" --timeout 60 --md5 -o /dev/null "$f_afs" >"$OUT/$ph-cross.log" 2>&1
        grep -qi "$md5" "$OUT/$ph-cross.log" || FAILS+=("$ph: rxgate read of afsio's file: md5 mismatch (see $OUT/$ph-cross.log)")
    fi
}

pt_calls() { timeout 35 rxdebug "$S" 7002 -rxstats -noconns 2>/dev/null | awk '/calls/ {for(i=1;i<=NF;i++) if ($i ~ /^calls/) {print $(i+1)+0; exit}}'; }
declare -A P   # P[phase.client.mean|p99] µs
# one_small PHASE CLIENT CALLS: SmallCallBench (rxgate) or afsbench (OpenAFS C rx), PR_NameToID, one at a time
one_small() {
    local ph=$1 cl=$2 n=$3 line warm=200
    [ "$ph" = clean ] || warm=20
    if [ "$cl" = rxgate ]; then
        line=$(timeout "$LIMIT" java -cp "$JAR" rxgate.rxrpc.bench.SmallCallBench --server "$S" --rpc pt --name alice \
            --calls "$n" --concurrency 1 --warmup "$warm" --duration-limit $((LIMIT - 10)) 2>"$OUT/$ph-$cl-small.err" | tail -1)
    else
        [ -x "$AFSBENCH" ] || { P[$ph.$cl.mean]="not run"; P[$ph.$cl.p99]="not run"; return; }
        line=$(timeout "$LIMIT" "$AFSBENCH" --server "$S" --rpc pt --name alice \
            --calls "$n" --concurrency 1 --warmup "$warm" --duration-limit $((LIMIT - 10)) 2>"$OUT/$ph-$cl-small.err" | tail -1)
    fi
    log "$ph $line"
    P[$ph.$cl.mean]=$(echo "$line" | awk '{for(i=1;i<=NF;i++){split($i,kv,"="); v[kv[1]]=kv[2]} if (v["calls"]>0 && v["errors"]==0) printf "%.0f", v["secs"]*1e6/v["calls"]}')
    P[$ph.$cl.p99]=$(echo "$line" | sed -n 's/.*p99_us=\([0-9]*\).*/\1/p')
    if [ -z "${P[$ph.$cl.mean]}" ] || [ -z "${P[$ph.$cl.p99]}" ]; then
        P[$ph.$cl.mean]=FAIL; P[$ph.$cl.p99]=FAIL
        FAILS+=("$ph $cl PR_NameToID: ${line:-no result} $(tail -2 "$OUT/$ph-$cl-small.err" | tr '\n' ' ')")
    fi
}
# small_set PHASE RXGATE_CALLS C_CALLS PTS_EXAMINES
small_set() {
    local ph=$1 c0 c1 a b rc n=${4:-$PTS_EXAMINES}
    one_small "$ph" rxgate "$2"
    one_small "$ph" openafs-c "$3"
    c0=$(pt_calls); a=$(now)
    for ((i = 0; i < n; i++)); do echo "examine alice"; done | \
        timeout $((LIMIT * 2)) pts interactive -cell "$CELL" -noauth >"$OUT/$ph-pts.log" 2>&1
    rc=$?
    b=$(now); c1=$(pt_calls)
    P[$ph.pts.rpcs]=$((c1 - c0))
    P[$ph.pts.mean]=$(awk -v a="$a" -v b="$b" -v n="$((c1 - c0))" 'BEGIN{if (n>0) printf "%.0f", (b-a)*1e6/n; else print "n/a"}')
    [ "$rc" = 0 ] || { P[$ph.pts.mean]="FAIL(rc=$rc)"; FAILS+=("$ph pts interactive rc=$rc (see $OUT/$ph-pts.log)"); }
    log "$ph pts examines=$n rpcs=$((c1 - c0)) secs=$(awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f", b-a}') mean_us=${P[$ph.pts.mean]}"
}

# ping_rtt: average ping RTT to the server in ms (ICMP follows the same impairment rules)
ping_rtt() { ping -c "${1:-10}" -i 0.2 -W 2 "$S" 2>/dev/null | awk -F/ '/^rtt|^round-trip/ {print $5}'; }

has() { [[ " $PHASES " == *" $1 "* ]]; }

# ---- 1. clean
if has clean; then
    log "clean: ping rtt $(ping_rtt 5) ms"
    small_set clean "$SMALL_CALLS" "$SMALL_CALLS"
    xfer_set clean "$OUT/data-big" "$BIG_MIB" "$MD5_BIG"
    # what the rxgate rows pay before any data moves: JVM start-up, VL lookup, the fileserver's
    # connection check; measured as the wall time of `fs stat` on the same file (median of 3)
    for k in 1 2 3; do
        a=$(now); timeout 60 "$CLI" fs stat --servers "$S" "$LAST_RX_FID" >/dev/null 2>&1; b=$(now)
        awk -v a="$a" -v b="$b" 'BEGIN{printf "%.3f\n", b-a}'
    done | sort -n | sed -n 2p >"$OUT/startup.txt"
    STARTUP=$(cat "$OUT/startup.txt")
    log "clean rxgate-cli start-up (fs stat wall, median of 3): ${STARTUP} s"
    for op in read write; do
        R[clean-net.rxgate.$op]=$(awk -v m="$BIG_MIB" -v s="${SECS[clean.rxgate.$op]:-0}" -v u="${STARTUP:-0}" 'BEGIN{d=s-u; if (s>0 && d>0) printf "%.2f", m/d; else print "n/a"}')
        R[clean-net.afsio.$op]=${R[clean.afsio.$op]}
    done
    xfer_set clean-imp "$OUT/data-imp" "$IMP_MIB" "$MD5_IMP"
fi

# ---- 2. loss: LOSS_PCT% both ways, dropped on the receiving side of the veth
LOSS_NOTE="not run"
if has loss; then
    nft -f - <<EOF
table inet $NFT_T {
  chain in { type filter hook input priority -10; iifname "$HOSTIF" ip saddr $S numgen random mod 100 < $LOSS_PCT drop; }
}
EOF
    ip netns exec "$NS" nft -f - <<EOF
table inet $NFT_T {
  chain in { type filter hook input priority -10; ip daddr $S numgen random mod 100 < $LOSS_PCT drop; }
}
EOF
    { nft list table inet $NFT_T; ip netns exec "$NS" nft list table inet $NFT_T; } >"$OUT/loss-rules.txt"
    log "loss: ping $(ping -c 200 -i 0.01 -W 1 "$S" 2>/dev/null | grep -o '[0-9.]*% packet loss')"
    small_set loss "$SMALL_CALLS" "$LOSS_C_CALLS" "$LOSS_PTS_EXAMINES"
    xfer_set loss "$OUT/data-imp" "$IMP_MIB" "$MD5_IMP"
    { nft list table inet $NFT_T; ip netns exec "$NS" nft list table inet $NFT_T; } >"$OUT/loss-rules-after.txt"
    nft delete table inet $NFT_T; ip netns exec "$NS" nft delete table inet $NFT_T
    LOSS_NOTE="nftables numgen random mod 100 < $LOSS_PCT drop, both directions, on the receiving side of the veth (all traffic between the host and 10.77.0.1); rule counters in loss-rules-after.txt"
fi

# ---- 3. delay: iptables NFQUEUE (xt_NFQUEUE; the kernel has no nft queue expression and no
# netem) in the root namespace, both directions, to the stdlib helper bench/nfq_delay.py
DELAY_NOTE="not run"
if has delay; then
    BASE_RTT=$(ping_rtt 5)
    python3 "$ROOT/bench/nfq_delay.py" --queue $QNUM --delay-ms "$DELAY_MS" --jitter-ms "$JITTER_MS" --limit $((LIMIT * 12)) >"$OUT/nfq.log" 2>&1 &
    QPID=$!
    sleep 1
    ok=0
    if kill -0 "$QPID" 2>/dev/null; then
        ok=1
        for r in "OUTPUT -d $S -j NFQUEUE --queue-num $QNUM" "INPUT -s $S -j NFQUEUE --queue-num $QNUM"; do
            # shellcheck disable=SC2086
            if iptables -I $r 2>>"$OUT/iptables.err"; then IPT_RULES+=("$r"); else ok=0; fi
        done
    fi
    iptables -L -v -n -x >"$OUT/delay-rules.txt" 2>&1
    DEL_RTT=$(ping_rtt 10)
    # the delay must show in ping: ≥ DELAY − JITTER above the clean RTT. (ping takes the reply's
    # kernel receive timestamp before the INPUT hook queues it, so it shows the outbound half
    # only; the PR_NameToID means below, ≥ 2·(DELAY − JITTER), prove both directions for each client.)
    if [ "$ok" = 1 ] && awk -v d="$DEL_RTT" -v b="${BASE_RTT:-0}" -v m="$DELAY_MS" -v j="$JITTER_MS" 'BEGIN{exit !(d - b >= m-j)}'; then
        log "delay: ping rtt ${BASE_RTT} ms clean -> ${DEL_RTT} ms delayed"
        small_set delay "$DELAY_CALLS" "$DELAY_CALLS"
        # both clients' UDP must be delayed too: their PR_NameToID means must be ≥ 2·(DELAY−JITTER)
        for cl in rxgate openafs-c pts; do
            m=${P[delay.$cl.mean]:-}
            if [[ "$m" =~ ^[0-9]+$ ]] && [ "$m" -lt $((2000 * (DELAY_MS - JITTER_MS))) ]; then
                FAILS+=("delay: $cl PR_NameToID mean $m µs is below the added delay: its traffic was not delayed")
            fi
        done
        xfer_set delay "$OUT/data-delay" "$DELAY_MIB" "$MD5_DELAY"
        iptables -L -v -n -x >"$OUT/delay-rules-after.txt" 2>&1
        DELAY_NOTE="iptables NFQUEUE → bench/nfq_delay.py, ${DELAY_MS}±${JITTER_MS} ms each way (uniform, per packet: jitter reorders); ping RTT ${BASE_RTT} → ${DEL_RTT} ms; packet counts in delay-rules-after.txt"
    else
        DELAY_NOTE="NOT MEASURED: NFQUEUE setup failed or had no effect (helper alive: $(kill -0 "$QPID" 2>/dev/null && echo yes || echo no); ping RTT ${BASE_RTT:-?} -> ${DEL_RTT:-?} ms; $(head -2 "$OUT/iptables.err" 2>/dev/null | tr '\n' ' '))"
        FAILS+=("delay phase not measured (see 'delay:' below)")
    fi
    ipt_del_all
    kill "$QPID" 2>/dev/null; wait "$QPID" 2>/dev/null; QPID=
fi

# ---- report
T1=$(now)
val() { echo "${1:-not run}"; }
# ratio A B: A/B for numbers; with a timed-out "<x" B the ratio is a lower bound ">r"
ratio() {
    local a=$1 b=$2
    if [[ "$a" =~ ^[0-9.]+$ ]] && [[ "$b" =~ ^\<[0-9.]+$ ]]; then
        awk -v a="$a" -v b="${b#<}" 'BEGIN{if (b>0) printf ">%.1f", a/b; else print "n/a"}'
    elif [[ "$a" =~ ^[0-9.]+$ ]] && [[ "$b" =~ ^[0-9.]+$ ]]; then
        awk -v a="$a" -v b="$b" 'BEGIN{if (a>0 && b>0) printf "%.2f", a/b; else print "n/a"}'
    else
        echo "n/a"
    fi
}
# met RATIO OP TARGET
met() {
    local r=$1 op=$2 t=$3
    [ -z "$t" ] && { echo ""; return; }
    [[ "$r" =~ ^[\>]?[0-9.]+$ ]] || { echo "no (not measured)"; return; }
    awk -v r="${r#>}" -v t="$t" -v op="$op" 'BEGIN{ok = (op == ">=") ? (r >= t) : (r <= t); print ok ? "yes" : "**no**"}'
}
row() { # PATH METRIC RX OA TARGET_OP TARGET
    local r; r=$(ratio "$3" "$4")
    echo "| $1 | $2 | $(val "$3") | $(val "$4") | $r | ${6:+$5 $6} | $(met "$r" "$5" "$6") |"
}
{
echo "# bench/fs.sh — $(date -u +%FT%TZ), server $S, volume $VOLNAME, wall $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.0f", b-a}') s"
echo
echo "rxgate: $(date -r "$JAR" '+jar built %F %T'), git $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" diff --quiet -- rxrpc-transport/src 2>/dev/null || echo ' + uncommitted transport changes'). OpenAFS: $(dpkg-query -W -f='${Version}' openafs-client 2>/dev/null) afsio/pts and afsbench (OpenAFS's C rx). Throughput: MiB/s = size / wall time of the process (JVM start-up included for rxgate)."
echo
echo "| path | metric | rxgate | OpenAFS | rxgate/OpenAFS | target | met |"
echo "|---|---|---|---|---|---|---|"
for ph in clean clean-net clean-imp loss delay; do
    has "${ph%-*}" || continue
    case $ph in clean) mib=$BIG_MIB; op=">="; t=1.0;; clean-net) mib="$BIG_MIB MiB minus rxgate-cli start-up (${STARTUP:-?} s),"; op=">="; t=1.0;; clean-imp) mib=$IMP_MIB; op=""; t="";; loss) mib=$IMP_MIB; op=""; t="";; delay) mib=$DELAY_MIB; op=">="; t=5.0;; esac
    [ "$ph" = clean-net ] && u="" || u=" MiB,"
    row "$ph" "FetchData64 $mib$u MiB/s (afsio fidread)" "${R[$ph.rxgate.read]:-}" "${R[$ph.afsio.read]:-}" "$op" "$t"
    row "$ph" "StoreData64 $mib$u MiB/s (afsio fidwrite)" "${R[$ph.rxgate.write]:-}" "${R[$ph.afsio.write]:-}" "$op" "$t"
done
for ph in clean loss delay; do
    has "$ph" || continue
    [ "$ph" = loss ] && { op="<="; t=0.10; } || { op=""; t=""; }
    row "$ph" "PR_NameToID mean µs vs pts (wall / ptserver RPCs, ${P[$ph.pts.rpcs]:-?} RPCs)" "${P[$ph.rxgate.mean]:-}" "${P[$ph.pts.mean]:-}" "$op" "$t"
    row "$ph" "PR_NameToID mean µs vs OpenAFS C rx (afsbench)" "${P[$ph.rxgate.mean]:-}" "${P[$ph.openafs-c.mean]:-}" "$op" "$t"
    row "$ph" "PR_NameToID p99 µs vs OpenAFS C rx (afsbench)" "${P[$ph.rxgate.p99]:-}" "${P[$ph.openafs-c.p99]:-}" "" ""
done
echo
echo "loss: $LOSS_NOTE"
echo
echo "delay: $DELAY_NOTE"
if [ ${#FAILS[@]} -gt 0 ]; then echo; echo "failures / notes:"; printf -- '- %s\n' "${FAILS[@]}"; fi
echo
echo "raw runs: $OUT/runs.txt"
} | tee "$OUT/report.md"
rm -f "$OUT/data-big" "$OUT/data-imp" "$OUT/data-delay"
[ ${#FAILS[@]} -eq 0 ] || exit 1
