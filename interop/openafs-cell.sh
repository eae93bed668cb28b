#!/usr/bin/env bash
# interop/openafs-cell.sh — bring up / tear down a throwaway real OpenAFS cell
# (Debian's OpenAFS 1.8) for rxgate's interop tests.
#
#   sudo interop/openafs-cell.sh up       # (re)create the cell, print fixtures
#   sudo interop/openafs-cell.sh status   # which recorded server pids are alive
#   sudo interop/openafs-cell.sh env      # print $RXG_STATE/fixtures.env
#   sudo interop/openafs-cell.sh down     # stop servers, remove netns (idempotent)
#
# Layout (see interop/README.md):
#   * the servers (ptserver, vlserver, fileserver, volserver) run inside a
#     network namespace ($RXG_NETNS) reached over a veth pair:
#     10.77.0.1 inside the namespace, 10.77.0.2 on the root side.  ubik refuses
#     a loopback address as its own, hence the namespace.
#   * clients (rxgate, pts, vos, afsio) run in the root namespace and talk to
#     10.77.0.1.
#   * no traffic ever leaves the machine: only loopback and the veth pair are
#     used, the veth addresses are in /etc/hosts, the namespace gets a resolver
#     that answers nothing, and vos is always called with -noresolve.
#   * RXG_DBSERVERS=N (N = 2..5) runs N database servers (ptserver + vlserver),
#     each in its own namespace ($RXG_NETNS, ${RXG_NETNS}2, ...; addresses
#     10.77.0.1, 10.77.0.3, 10.77.0.4, ...).  Their veths hang on a bridge in
#     the root namespace that carries 10.77.0.2, so the servers reach each
#     other (ubik) and the clients reach them at layer 2, without forwarding.
#     The fileserver and volserver stay in the first namespace.
#
# Environment:
#   RXG_NETNS  network namespace name           (default rxgtest)
#   RXG_CELL   cell name                        (default rxgate.test)
#   RXG_STATE  state directory                  (default /tmp/rxgate-cell)
#   RXG_AUTH   0 = no authorization (NoAuth), 1 = authorization on  (default 0)
#   RXG_FS_OPTS extra fileserver options, e.g. "-jumbo"             (default none)
#   RXG_DBSERVERS number of database servers, 1..5                  (default 1)
#   RXG_KEY_HEX the cell key (16 hex digits, e.g. a previous cell's, so
#               clients holding it keep working)          (default: a new one)
#   RXG_KEEP_ON_FAIL=1  leave a failed `up` running for inspection  (default 0)
#
# The script must run as root.  It only ever stops the pids it recorded.

set -euo pipefail

# ---------------------------------------------------------------- settings --
RXG_NETNS=${RXG_NETNS:-rxgtest}
RXG_CELL=${RXG_CELL:-rxgate.test}
RXG_STATE=${RXG_STATE:-/tmp/rxgate-cell}
RXG_AUTH=${RXG_AUTH:-0}
RXG_FS_OPTS=${RXG_FS_OPTS:-}
RXG_KEEP_ON_FAIL=${RXG_KEEP_ON_FAIL:-0}
RXG_DBSERVERS=${RXG_DBSERVERS:-1}
RXG_KEY_HEX=${RXG_KEY_HEX:-}

# Addresses of the (first) server namespace and the root side.
NS_ADDR=10.77.0.1
HOST_ADDR=10.77.0.2
PREFIX_LEN=24
# Most database servers RXG_DBSERVERS may ask for.
MAX_DBSERVERS=5

# Fixed OpenAFS server paths (fileserver/volserver, NoAuth file, -localauth).
AFS_SERVER_ETC=/etc/openafs/server
AFS_CLIENT_ETC=/etc/openafs
AFS_LOCAL=/var/lib/openafs/local
AFS_LOGDIR=/var/log/openafs
AFS_LIBEXEC=/usr/lib/openafs
VICEP=/vicepa

# State directory layout.
CONF_DIR=$RXG_STATE/config       # ptserver/vlserver -config dir
DB_DIR=$RXG_STATE/db             # prdb.DB0, vldb.DB0
LOG_DIR=$RXG_STATE/logs          # all server logs and stdout/stderr
PIDS_FILE=$RXG_STATE/pids        # "name pid netns starttime" per line
FIXTURES=$RXG_STATE/fixtures.env

# Marker put on every /etc/hosts line we add, so `down` removes only those.
HOSTS_MARK="# rxgate-interop netns=$RXG_NETNS"

# Well-known ports.
FS_PORT=7000 PT_PORT=7002 VL_PORT=7003 VOL_PORT=7005

# Bounds for waits (seconds).  UBIK_MULTI_WAIT: several ubik servers must
# elect a sync site and hand its database to the others.
PORT_WAIT=20 UBIK_WAIT=40 UBIK_MULTI_WAIT=180 CMD_TIMEOUT=60 STOP_WAIT=15

log()  { printf '[openafs-cell] %s\n' "$*" >&2; }
die()  { printf '[openafs-cell] ERROR: %s\n' "$*" >&2; exit 1; }

require_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }

# veth names are limited to 15 characters.
veth_host_name() { printf '%s-h' "${1:0:12}"; }   # root side
veth_ns_name()   { printf '%s-n' "${1:0:12}"; }   # namespace side
bridge_name()    { printf '%s-br' "${RXG_NETNS:0:12}"; }

# Database server I (1-based) of a several-server cell: its namespace, its
# address, and the suffix of its names (ptserver@ADDR).  Server 1 is the
# namespace and address of the single-server layout and keeps its plain names.
db_netns() { if [ "$1" -eq 1 ]; then printf '%s' "$RXG_NETNS"; else printf '%s%s' "$RXG_NETNS" "$1"; fi; }
db_addr()  { if [ "$1" -eq 1 ]; then printf '%s' "$NS_ADDR"; else printf '10.77.0.%s' "$(( $1 + 1 ))"; fi; }
db_sfx()   { if [ "$1" -eq 1 ]; then printf ''; else printf '@%s' "$(db_addr "$1")"; fi; }
# db_index ADDR: I of the database server at ADDR (of all possible ones)
db_index() {
    local i
    for (( i = 1; i <= MAX_DBSERVERS; i++ )); do
        [ "$(db_addr "$i")" = "$1" ] && { printf '%s' "$i"; return 0; }
    done
    return 1
}

# ------------------------------------------------------------- packages -----
pkg_installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# Installs Debian's OpenAFS (and iproute2/nftables) when missing; a no-op
# (a few dpkg-query calls) when everything is there.
install_packages() {
    local want=() p
    for p in openafs-dbserver openafs-fileserver openafs-client openafs-krb5; do
        pkg_installed "$p" || want+=("$p")
    done
    command -v ip  >/dev/null 2>&1 || want+=(iproute2)
    command -v nft >/dev/null 2>&1 || want+=(nftables)
    [ ${#want[@]} -eq 0 ] && return 0

    log "installing: ${want[*]}"
    # Make sure package scripts do not start a bosserver/afsd behind our back:
    # add a deny-all policy-rc.d only if the machine has none.
    local made_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    local rc=0
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
        --no-install-recommends "${want[@]}"; } >"$RXG_STATE/apt.log" 2>&1 || rc=$?
    if [ "$made_policy" -eq 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
    if [ "$rc" -ne 0 ]; then
        tail -n 30 "$RXG_STATE/apt.log" >&2
        die "package installation failed (see $RXG_STATE/apt.log)"
    fi
    for p in ptserver vlserver fileserver volserver; do
        [ -x "$AFS_LIBEXEC/$p" ] || die "$AFS_LIBEXEC/$p missing after install"
    done
}

# ----------------------------------------------------------- networking -----
# ns_up NETNS NS_ADDR HOST_ADDR: namespace + veth pair + addresses + empty
# resolver (the single-server layout; several servers use ns_up_bridged).
ns_up() {
    local ns=$1 nsaddr=$2 hostaddr=$3
    ns_veth "$ns"
    ip addr add "$hostaddr/$PREFIX_LEN" dev "$(veth_host_name "$ns")"
    ns_inside "$ns" "$nsaddr"
}

# ns_veth NETNS: the namespace and a veth pair with one end in it.
ns_veth() {
    local ns=$1
    ip netns add "$ns"
    ip link add "$(veth_host_name "$ns")" type veth peer name "$(veth_ns_name "$ns")"
    ip link set "$(veth_ns_name "$ns")" netns "$ns"
}

# ns_inside NETNS NS_ADDR: both ends up, the address inside, empty resolver.
ns_inside() {
    local ns=$1 nsaddr=$2 vn
    vn=$(veth_ns_name "$ns")
    ip link set "$(veth_host_name "$ns")" up
    ip -n "$ns" link set lo up          # so local lookups (127.0.0.1) fail fast
    ip -n "$ns" addr add "$nsaddr/$PREFIX_LEN" dev "$vn"
    ip -n "$ns" link set "$vn" up

    # A resolver that answers nothing: glibc falls back to 127.0.0.1 inside
    # the namespace, where nobody listens.
    mkdir -p "/etc/netns/$ns"
    printf '# rxgate-interop: no resolver inside this namespace\noptions timeout:1 attempts:1\n' \
        > "/etc/netns/$ns/resolv.conf"
}

# ns_up_bridged NETNS NS_ADDR BRIDGE: like ns_up, but the root side of the
# veth pair has no address and is a port of BRIDGE (which carries HOST_ADDR).
ns_up_bridged() {
    local ns=$1 nsaddr=$2 br=$3
    ns_veth "$ns"
    ip link set "$(veth_host_name "$ns")" master "$br"
    ns_inside "$ns" "$nsaddr"
}

# bridge_up BRIDGE HOST_ADDR: the root namespace's side of a several-server
# cell.  No IP forwarding is involved: everything is one layer-2 segment.
bridge_up() {
    local br=$1 hostaddr=$2
    ip link add "$br" type bridge
    ip addr add "$hostaddr/$PREFIX_LEN" dev "$br"
    ip link set "$br" up
}

# network_down: every namespace and the bridge this script may have made for
# $RXG_NETNS, whatever RXG_DBSERVERS says now (idempotent).
network_down() {
    local i br
    for (( i = 1; i <= MAX_DBSERVERS; i++ )); do ns_down "$(db_netns "$i")"; done
    br=$(bridge_name)
    if ip link show "$br" >/dev/null 2>&1; then ip link del "$br" || log "warning: could not delete bridge $br"; fi
}

# ns_down NETNS: remove veth and namespace if present (idempotent).
ns_down() {
    local ns=$1 vh
    vh=$(veth_host_name "$ns")
    if ip link show "$vh" >/dev/null 2>&1; then ip link del "$vh" || true; fi
    if ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$ns"; then
        ip netns del "$ns" || log "warning: could not delete netns $ns"
    fi
    rm -rf "/etc/netns/$ns"
}

# hosts_add ADDR NAME...: add one tagged /etc/hosts line (idempotent).
hosts_add() {
    local addr=$1; shift
    local line="$addr $* $HOSTS_MARK"
    grep -qxF -- "$line" /etc/hosts && return 0
    # keep the last line intact if the file does not end in a newline
    if [ -s /etc/hosts ] && [ -n "$(tail -c 1 /etc/hosts)" ]; then echo >> /etc/hosts; fi
    printf '%s\n' "$line" >> /etc/hosts
}

# hosts_remove: drop every line carrying our marker.  Rewrites in place
# (cat >) because /etc/hosts may be a bind mount that cannot be renamed over.
hosts_remove() {
    grep -qF -- "$HOSTS_MARK" /etc/hosts 2>/dev/null || return 0
    local tmp
    tmp=$(mktemp)
    grep -vF -- "$HOSTS_MARK" /etc/hosts > "$tmp" || true
    cat "$tmp" > /etc/hosts
    rm -f "$tmp"
}

# ---------------------------------------------------------- cell config -----
# DES keys carry odd parity in the low bit of each byte.
odd_parity_byte() {
    local b=$(( $1 & 0xFE )) n=0 x
    for (( x = b; x; x >>= 1 )); do n=$(( n + (x & 1) )); done
    (( n % 2 == 0 )) && b=$(( b | 1 ))
    printf '%02x' "$b"
}

# write_keyfile FILE KVNO KEYHEX: the classic KeyFile format, big-endian
# int32 count, then per key int32 kvno + 8 key bytes.
write_keyfile() {
    local file=$1 kvno=$2 hex=$3 fmt i
    fmt=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' 0 0 0 1)
    fmt+=$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' \
        $(( (kvno >> 24) & 255 )) $(( (kvno >> 16) & 255 )) $(( (kvno >> 8) & 255 )) $(( kvno & 255 )))
    for (( i = 0; i < 16; i += 2 )); do fmt+="\\x${hex:i:2}"; done
    # shellcheck disable=SC2059
    printf "$fmt" > "$file"
}

new_des_key_hex() {
    local raw hex="" b
    raw=$(od -An -tu1 -N8 /dev/urandom)
    for b in $raw; do hex+=$(odd_parity_byte "$b"); done
    printf '%s' "$hex"
}

# write_cell_config DIR KEYHEX: ThisCell, CellServDB, KeyFile, KeyFileExt,
# UserList.
write_cell_config() {
    local dir=$1 keyhex=$2
    mkdir -p "$dir"
    printf '%s\n' "$RXG_CELL" > "$dir/ThisCell"
    local i
    {
        printf '>%s #rxgate interop test cell\n' "$RXG_CELL"
        for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
            printf '%s #%s-srv\n' "$(db_addr "$i")" "$(db_netns "$i")"
        done
    } > "$dir/CellServDB"
    write_keyfile "$dir/KeyFile" 1 "$keyhex"
    printf '\0\0\0\0' > "$dir/KeyFileExt"     # empty extended key file
    printf 'admin\n' > "$dir/UserList"
    chmod 600 "$dir/KeyFile" "$dir/KeyFileExt"
}

# Partition /vicepa: a plain directory with AlwaysAttach.  We wipe it on
# every `up`, but only if it is ours (marker) or empty.
prepare_partition() {
    if [ -d "$VICEP" ] && [ ! -e "$VICEP/.rxgate-interop" ] \
        && [ -n "$(ls -A "$VICEP" 2>/dev/null)" ]; then
        die "$VICEP exists, is not empty and was not made by this script; refusing to wipe it"
    fi
    mkdir -p "$VICEP"
    find "$VICEP" -mindepth 1 -delete
    : > "$VICEP/.rxgate-interop"
    : > "$VICEP/AlwaysAttach"
}

prepare_config() {
    local keyhex
    mkdir -p "$RXG_STATE" "$LOG_DIR" "$DB_DIR"
    rm -rf "${DB_DIR:?}"/* "${LOG_DIR:?}"/* "$CONF_DIR"
    if [ -n "$RXG_KEY_HEX" ]; then keyhex=$RXG_KEY_HEX; else keyhex=$(new_des_key_hex); fi
    write_cell_config "$CONF_DIR" "$keyhex"
    cp "$CONF_DIR/KeyFile" "$RXG_STATE/KeyFile"
    chmod 644 "$RXG_STATE/KeyFile"               # readable by the Java tests
    printf '%s\n' "$keyhex" > "$RXG_STATE/KeyFile.hex"

    # Fixed server paths (fileserver, volserver, and `-localauth` of the tools
    # read /etc/openafs/server).  Overwrite whatever a previous run left.
    mkdir -p "$AFS_SERVER_ETC" "$AFS_LOCAL" "$AFS_LOGDIR"
    chmod 700 "$AFS_LOCAL"
    local f
    for f in ThisCell CellServDB KeyFile KeyFileExt UserList; do
        cp "$CONF_DIR/$f" "$AFS_SERVER_ETC/$f"
    done
    # Client side: pts/vos/afsio/rxdebug default cell and its db servers.
    # (This replaces Debian's world-wide CellServDB, which is what we want: a
    # stray default-cell lookup can then only reach our namespace.)
    # Debian's original is kept once as CellServDB.rxgate-orig.
    if [ -e "$AFS_CLIENT_ETC/CellServDB" ] && [ ! -e "$AFS_CLIENT_ETC/CellServDB.rxgate-orig" ]; then
        cp "$AFS_CLIENT_ETC/CellServDB" "$AFS_CLIENT_ETC/CellServDB.rxgate-orig"
    fi
    cp "$CONF_DIR/ThisCell" "$AFS_CLIENT_ETC/ThisCell"
    cp "$CONF_DIR/CellServDB" "$AFS_CLIENT_ETC/CellServDB"

    # Fresh fileserver state: no stale sysid (old addresses/uuid), NoAuth
    # according to the mode.  NoAuth is read by every server (also the
    # ptserver, which has no -noauth switch in 1.8).
    rm -f "$AFS_LOCAL/sysid" "$AFS_LOCAL/sysid.old" "$AFS_LOCAL/NoAuth"
    rm -f "$AFS_LOGDIR"/FileLog* "$AFS_LOGDIR"/VolserLog*
    if [ "$RXG_AUTH" = 0 ]; then
        : > "$AFS_LOCAL/NoAuth"
    fi
    prepare_partition
}

# -------------------------------------------------------------- servers -----
# start_server NAME NETNS BINARY ARGS...: start in the namespace, detached,
# stdout/stderr to $LOG_DIR/NAME.out; record "NAME PID NETNS STARTTIME" in
# $PIDS_FILE (the start time guards against pid reuse).
# `ip netns exec` execs the server, so the pid written by the wrapper shell
# (which execs too) is the server's own pid.
start_server() {
    local name=$1 ns=$2; shift 2
    local pidf="$RXG_STATE/$name.pid" i
    rm -f "$pidf"
    # (9>&-: the server must not inherit our lock descriptor)
    setsid sh -c 'echo $$ > "$0"; exec "$@"' "$pidf" ip netns exec "$ns" "$@" \
        </dev/null >"$LOG_DIR/$name.out" 2>&1 9>&- &
    for (( i = 0; i < 50; i++ )); do
        [ -s "$pidf" ] && break
        sleep 0.1
    done
    [ -s "$pidf" ] || die "$name did not start (no pid)"
    local pid start
    pid=$(cat "$pidf")
    start=$(proc_field "$pid" 20) || die "$name (pid $pid) exited at once; see $LOG_DIR/$name.out"
    printf '%s %s %s %s\n' "$name" "$pid" "$ns" "$start" >> "$PIDS_FILE"
    rm -f "$pidf"
}

# proc_field PID N: field N of /proc/PID/stat counted after "pid (comm) ",
# i.e. 1 = state, 20 = start time.  Fails if the process is gone.
proc_field() {
    local st
    st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    st=${st##*) }
    set -- $st "$2"
    local n=${!#}
    printf '%s' "${!n}"
}

# pid_alive PID STARTTIME: the process exists, is the one we started (same
# start time, so not a reused pid) and is not a zombie.
pid_alive() {
    local pid=$1 start=$2 state
    [ -n "$pid" ] && [ -n "$start" ] || return 1
    [ "$(proc_field "$pid" 20 || true)" = "$start" ] || return 1
    state=$(proc_field "$pid" 1) || return 1
    [ "$state" != Z ] && [ "$state" != X ]
}

# check_alive NAME: die if the recorded server NAME has exited.
check_alive() {
    local name=$1 pid start
    read -r pid start < <(awk -v n="$name" '$1 == n {print $2, $4}' "$PIDS_FILE")
    pid_alive "$pid" "$start" || die "$name (pid $pid) exited; see $LOG_DIR"
}

# wait_udp_port NETNS PORT NAME: bounded poll until something listens on
# PORT inside NETNS.  (rxdebug/udebug on a closed port hangs ~31 s.)
wait_udp_port() {
    local ns=$1 port=$2 name=$3 deadline=$(( SECONDS + PORT_WAIT ))
    while (( SECONDS < deadline )); do
        check_alive "$name"
        if ip netns exec "$ns" ss -Hlun "sport = :$port" 2>/dev/null | grep -q .; then
            return 0
        fi
        sleep 0.2
    done
    die "$name: UDP port $port not open after ${PORT_WAIT}s"
}

# wait_ubik ADDR PORT NAME: bounded poll of `udebug` until the (single)
# server is sync site and has finished recovery (it then serves reads and
# writes; before that calls fail with UNOQUORUM 5376).
wait_ubik() {
    local addr=$1 port=$2 name=$3 deadline=$(( SECONDS + UBIK_WAIT )) out=""
    while (( SECONDS < deadline )); do
        check_alive "$name"
        out=$(timeout 10 udebug -server "$addr" -port "$port" 2>&1 || true)
        if grep -q 'I am sync site' <<<"$out" && grep -q 'Recovery state 1f' <<<"$out"; then
            return 0
        fi
        sleep 0.5
    done
    printf '%s\n' "$out" >&2
    die "$name: ubik on $addr:$port has no quorum after ${UBIK_WAIT}s"
}

# udebug_field TEXT PREFIX: the rest of the first line of udebug output TEXT
# that starts with PREFIX (e.g. "Local db version is ").
udebug_field() { sed -n "s/^$2//p" <<<"$1" | head -n 1; }

# wait_ubik_multi PORT NAME: bounded poll of `udebug` on every running
# database server NAME[@ADDR] (ptserver or vlserver) of a several-server
# cell, until one of them is sync site with recovery done (1f) and every
# other one holds the sync site's database version (then each serves reads,
# and writes go through the sync site).
wait_ubik_multi() {
    local port=$1 name=$2 deadline=$(( SECONDS + UBIK_MULTI_WAIT ))
    local i n addr out sync_ver ok report
    local -a idx=() outs=()
    while (( SECONDS < deadline )); do
        idx=() outs=() sync_ver="" report=""
        for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
            n="$name$(db_sfx "$i")"
            awk -v n="$n" '$1 == n {f=1} END {exit !f}' "$PIDS_FILE" || continue   # stopped on purpose
            check_alive "$n"
            addr=$(db_addr "$i")
            out=$(timeout 10 udebug -server "$addr" -port "$port" 2>&1 || true)
            idx+=("$i") outs+=("$out")
            report+="--- $n: $(grep -E 'sync site|Sync host|Recovery state|Local db version' <<<"$out" | tr '\n' ';')"$'\n'
            if grep -q 'I am sync site' <<<"$out" && grep -q 'Recovery state 1f' <<<"$out"; then
                sync_ver=$(udebug_field "$out" 'Local db version is ')
            fi
        done
        if [ -n "$sync_ver" ]; then
            ok=1
            for out in "${outs[@]}"; do
                [ "$(udebug_field "$out" 'Local db version is ')" = "$sync_ver" ] || ok=0
            done
            [ "$ok" = 1 ] && return 0
        fi
        sleep 0.5
    done
    printf '%s' "$report" >&2
    die "$name: no ubik sync site with all servers in step after ${UBIK_MULTI_WAIT}s"
}

# bootstrap_prdb: with several ptservers, nobody builds the empty PT database
# (system:anyuser, ...) here; a lone ptserver does, at once.  So one ptserver
# runs alone first, with a CellServDB naming only itself, and its database
# becomes every database server's starting copy.
bootstrap_prdb() {
    local boot=$RXG_STATE/config-bootstrap i out deadline=$(( SECONDS + PORT_WAIT ))
    rm -rf "$boot" "$DB_DIR/bootstrap"
    cp -r "$CONF_DIR" "$boot"
    printf '>%s #rxgate interop test cell (bootstrap)\n%s #%s-srv\n' "$RXG_CELL" "$NS_ADDR" "$RXG_NETNS" \
        > "$boot/CellServDB"
    mkdir -p "$DB_DIR/bootstrap"
    start_server ptserver-bootstrap "$RXG_NETNS" "$AFS_LIBEXEC/ptserver" \
        -config "$boot" -database "$DB_DIR/bootstrap/prdb" -logfile "$LOG_DIR/PtLog.bootstrap"
    wait_udp_port "$RXG_NETNS" "$PT_PORT" ptserver-bootstrap
    wait_ubik "$NS_ADDR" "$PT_PORT" ptserver-bootstrap
    while :; do
        out=$(timeout "$CMD_TIMEOUT" pts examine -nameorid system:anyuser -config "$boot" -localauth 2>&1) && break
        (( SECONDS < deadline )) || die "bootstrap ptserver: pts examine system:anyuser: $out"
        sleep 0.5
    done
    do_stop_server ptserver-bootstrap
    for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
        local dir=$DB_DIR
        [ "$i" -gt 1 ] && dir=$DB_DIR/$(db_addr "$i") && mkdir -p "$dir"
        cp "$DB_DIR/bootstrap/prdb.DB0" "$dir/prdb.DB0"
        [ -e "$DB_DIR/bootstrap/prdb.DBSYS1" ] && cp "$DB_DIR/bootstrap/prdb.DBSYS1" "$dir/prdb.DBSYS1"
    done
    rm -rf "$DB_DIR/bootstrap"
}

# start_db_proc ptserver|vlserver I: start one database server process of
# database server I in its namespace (server 1 keeps the single-server
# names and paths: ptserver, $DB_DIR/prdb, PtLog).
start_db_proc() {
    local what=$1 i=$2 ns sfx dbdir logsfx
    ns=$(db_netns "$i") sfx=$(db_sfx "$i")
    if [ "$i" -eq 1 ]; then dbdir=$DB_DIR logsfx=""
    else dbdir=$DB_DIR/$(db_addr "$i") logsfx=.$(db_addr "$i"); mkdir -p "$dbdir"; fi
    case "$what" in
        ptserver)
            start_server "ptserver$sfx" "$ns" "$AFS_LIBEXEC/ptserver" \
                -config "$CONF_DIR" -database "$dbdir/prdb" -logfile "$LOG_DIR/PtLog$logsfx" ;;
        vlserver)
            # vlserver -noauth just creates the NoAuth file; the ptserver of 1.8
            # has no such switch and goes by the file alone.
            local vlauth=()
            if [ "$RXG_AUTH" = 0 ]; then vlauth=(-noauth); fi
            start_server "vlserver$sfx" "$ns" "$AFS_LIBEXEC/vlserver" "${vlauth[@]}" \
                -config "$CONF_DIR" -database "$dbdir/vldb" -logfile "$LOG_DIR/VLLog$logsfx" ;;
    esac
}

start_dbservers() {   # NETNS ADDR (the first database server's)
    local ns=$1 addr=$2 i
    if [ "$RXG_DBSERVERS" -eq 1 ]; then
        start_db_proc ptserver 1
        start_db_proc vlserver 1
        wait_udp_port "$ns" "$PT_PORT" ptserver
        wait_udp_port "$ns" "$VL_PORT" vlserver
        wait_ubik "$addr" "$PT_PORT" ptserver
        wait_ubik "$addr" "$VL_PORT" vlserver
        return 0
    fi
    bootstrap_prdb
    for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
        start_db_proc ptserver "$i"
        start_db_proc vlserver "$i"
    done
    for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
        wait_udp_port "$(db_netns "$i")" "$PT_PORT" "ptserver$(db_sfx "$i")"
        wait_udp_port "$(db_netns "$i")" "$VL_PORT" "vlserver$(db_sfx "$i")"
    done
    local t0=$SECONDS
    wait_ubik_multi "$PT_PORT" ptserver
    wait_ubik_multi "$VL_PORT" vlserver
    log "ubik: sync sites elected and databases in step in $(( SECONDS - t0 ))s"
    # The new sync site builds the PT database (system:anyuser, ...) at its
    # first call, and its first writes can still meet UNOQUORUM; the
    # fileserver would then wait 30 s for AnyUser's CPS and register its
    # addresses only minutes later.  So: one PT read (which builds the
    # database) and one harmless VL write (VL_ChangeAddr of an unknown
    # address: VL_NOENT) must work first.
    local deadline=$(( SECONDS + PORT_WAIT )) out=""
    while :; do
        out=$(pts_la examine -nameorid system:anyuser 2>&1) && break
        (( SECONDS < deadline )) || die "pts examine system:anyuser: $out"
        sleep 0.5
    done
    while :; do
        out=$(vos_la changeaddr -oldaddr 10.77.0.250 -newaddr 10.77.0.251 2>&1 || true)
        grep -qi 'no such entry' <<<"$out" && break
        (( SECONDS < deadline )) || die "VL writes do not work: $out"
        sleep 0.5
    done
    wait_ubik_multi "$PT_PORT" ptserver
    wait_ubik_multi "$VL_PORT" vlserver
    log "ubik: PT database initialized and VL writes work after $(( SECONDS - t0 ))s"
}

start_fileserver() {   # NETNS ADDR
    local ns=$1 addr=$2
    # shellcheck disable=SC2086
    start_server fileserver "$ns" "$AFS_LIBEXEC/fileserver" \
        -logfile "$LOG_DIR/FileLog" $RXG_FS_OPTS
    start_server volserver "$ns" "$AFS_LIBEXEC/volserver" \
        -logfile "$LOG_DIR/VolserLog"
    wait_udp_port "$ns" "$FS_PORT" fileserver
    wait_udp_port "$ns" "$VOL_PORT" volserver
    local out
    out=$(timeout 40 rxdebug "$addr" "$FS_PORT" -version 2>&1) \
        || { printf '%s\n' "$out" >&2; die "fileserver does not answer rxdebug"; }
}

# stop_recorded: SIGQUIT the fileserver (SIGTERM only dumps its fds), SIGTERM
# the others, bounded wait, then SIGKILL.  Only pids in $PIDS_FILE that are
# still the processes we started (same pid and start time) are touched.
stop_recorded() {
    [ -f "$PIDS_FILE" ] || return 0
    local name pid ns start live=()
    while read -r name pid ns start; do
        pid_alive "${pid:-}" "${start:-}" || continue
        if [ "$name" = fileserver ]; then kill -QUIT "$pid" 2>/dev/null || true
        else kill -TERM "$pid" 2>/dev/null || true; fi
        live+=("$name:$pid:$start")
    done < "$PIDS_FILE"
    local deadline=$(( SECONDS + STOP_WAIT )) any e n p s
    while (( SECONDS < deadline )); do
        any=0
        for e in "${live[@]}"; do
            IFS=: read -r n p s <<<"$e"
            pid_alive "$p" "$s" && any=1
        done
        [ "$any" = 0 ] && break
        sleep 0.2
    done
    for e in "${live[@]}"; do
        IFS=: read -r n p s <<<"$e"
        if pid_alive "$p" "$s"; then
            log "$n (pid $p) did not stop in ${STOP_WAIT}s; SIGKILL"
            kill -KILL "$p" 2>/dev/null || true
        fi
    done
    rm -f "$PIDS_FILE"
}

# ------------------------------------------------------------- fixtures -----
# Tool invocations from the root namespace.  -localauth (a ticket forged from
# /etc/openafs/server/KeyFile for the superuser "afs") works whether or not
# the servers run with NoAuth, so fixtures always use it.
pts_la() { timeout "$CMD_TIMEOUT" pts "$@" -cell "$RXG_CELL" -localauth; }
vos_la() { timeout "$CMD_TIMEOUT" vos "$@" -cell "$RXG_CELL" -localauth -noresolve; }

# "User alice has id 2" / "group admin:staff has id -206" -> id
parse_pts_id() { sed -n 's/.* has id \(-\{0,1\}[0-9][0-9]*\).*/\1/p' | head -n 1; }
# "Volume 536870912 created on partition /vicepa of 10.77.0.1" -> id
parse_vol_id() { sed -n 's/^Volume \([0-9][0-9]*\) created.*/\1/p' | head -n 1; }

create_fixtures() {
    local out admin_id alice_id bob_id staff_id root_id vol_id sysadm_id

    out=$(pts_la createuser -name admin 2>&1) || die "pts createuser admin: $out"
    admin_id=$(parse_pts_id <<<"$out")
    out=$(pts_la adduser -user admin -group system:administrators 2>&1) \
        || die "pts adduser admin system:administrators: $out"
    out=$(pts_la createuser -name alice 2>&1) || die "pts createuser alice: $out"
    alice_id=$(parse_pts_id <<<"$out")
    out=$(pts_la createuser -name bob 2>&1) || die "pts createuser bob: $out"
    bob_id=$(parse_pts_id <<<"$out")
    out=$(pts_la creategroup -name admin:staff -owner admin 2>&1) \
        || die "pts creategroup admin:staff: $out"
    staff_id=$(parse_pts_id <<<"$out")
    out=$(pts_la adduser -user alice -group admin:staff 2>&1) \
        || die "pts adduser alice admin:staff: $out"
    out=$(pts_la examine -nameorid system:administrators 2>&1) \
        || die "pts examine system:administrators: $out"
    sysadm_id=$(sed -n 's/.*id: \(-\{0,1\}[0-9][0-9]*\).*/\1/p' <<<"$out" | head -n 1)

    out=$(vos_la create -server "$NS_ADDR" -partition a -name root.cell 2>&1) \
        || die "vos create root.cell: $out"
    root_id=$(parse_vol_id <<<"$out")
    out=$(vos_la create -server "$NS_ADDR" -partition a -name rxgtest.vol 2>&1) \
        || die "vos create rxgtest.vol: $out"
    vol_id=$(parse_vol_id <<<"$out")

    local v
    for v in admin_id alice_id bob_id staff_id sysadm_id root_id vol_id; do
        [ -n "${!v}" ] || die "could not parse $v from pts/vos output"
    done

    populate_volume "$vol_id"

    local tmp="$FIXTURES.tmp"
    cat > "$tmp" <<EOF
# Written by interop/openafs-cell.sh up on $(date -u +%Y-%m-%dT%H:%M:%SZ)
RXG_CELL=$RXG_CELL
RXG_AUTH=$RXG_AUTH
RXG_NETNS=$RXG_NETNS
RXG_STATE=$RXG_STATE
RXG_SERVER=$NS_ADDR
RXG_CLIENT_ADDR=$HOST_ADDR
RXG_FS_PORT=$FS_PORT
RXG_PT_PORT=$PT_PORT
RXG_VL_PORT=$VL_PORT
RXG_VOL_PORT=$VOL_PORT
RXG_CONFIG_DIR=$CONF_DIR
RXG_KEYFILE=$RXG_STATE/KeyFile
RXG_KVNO=1
RXG_KEY_HEX=$(cat "$RXG_STATE/KeyFile.hex")
RXG_PARTITION=$VICEP
RXG_ROOT_VOL=root.cell
RXG_ROOT_VOL_ID=$root_id
RXG_VOL=rxgtest.vol
RXG_VOL_ID=$vol_id
ADMIN_NAME=admin
ADMIN_ID=$admin_id
ALICE_NAME=alice
ALICE_ID=$alice_id
BOB_NAME=bob
BOB_ID=$bob_id
STAFF_GROUP=admin:staff
STAFF_ID=$staff_id
SYSADMIN_GROUP=system:administrators
SYSADMIN_ID=$sysadm_id
RXG_ROOT_VOL_ROOT_FID=$root_id.1.1
EOF
    if [ "$RXG_DBSERVERS" -gt 1 ]; then
        local i all=""
        for (( i = 1; i <= RXG_DBSERVERS; i++ )); do all+=${all:+,}$(db_addr "$i"); done
        printf 'RXG_DBSERVERS=%s\nRXG_DB_SERVERS=%s\nRXG_BRIDGE=%s\n' "$RXG_DBSERVERS" "$all" "$(bridge_name)" >> "$tmp"
    fi
    cat "$RXG_STATE/files.env" >> "$tmp"
    mv "$tmp" "$FIXTURES"
}

# populate_volume VOLID: fill the (empty, just created) volume with a small
# test tree.  There is no cache manager here, so files cannot be created with
# afsio; instead we `vos dump` the empty volume, let the embedded perl program
# below rewrite the dump (root directory entries + new vnodes), and `vos
# restore -overwrite full` it.  Writes FILE_* lines to $RXG_STATE/files.env.
#
#   /                       ACL system:administrators rlidwka, system:anyuser rl
#   hello.txt               36 bytes of text
#   empty.txt               0 bytes
#   big.bin                 1 MiB deterministic pseudo-random data
#   a-file-with-a-rather-long-name-spanning-three-dir-blobs.txt
#   subdir/                 same ACL as /
#   subdir/nested.txt
#   link-to-hello           symlink -> hello.txt
#   mnt-root.cell           mount point "#root.cell."
populate_volume() {
    local volid=$1 out name fid key num uniq type size md5 t
    local empty="$RXG_STATE/empty-vol.dump" full="$RXG_STATE/test-vol.dump"
    local files="$RXG_STATE/files" manifest="$RXG_STATE/files.manifest"
    rm -rf "$files" "$manifest" "$empty" "$full"
    out=$(vos_la dump -id "$volid" -file "$empty" 2>&1) || die "vos dump $volid: $out"
    gen_test_dump "$empty" "$full" "$files" "$manifest" "$(date +%s)" \
        || die "could not build the test volume dump"
    out=$(vos_la restore -server "$NS_ADDR" -partition a -name rxgtest.vol \
        -file "$full" -overwrite full 2>&1) || die "vos restore rxgtest.vol: $out"

    {
        printf 'RXG_FILES_DIR=%s\n' "$files"
        printf 'RXG_VOL_ROOT_FID=%s.1.1\n' "$volid"
        printf 'RXG_VOL_ACL=system:administrators=rlidwka,system:anyuser=rl\n'
        while read -r key name num uniq type size pnum puniq; do
            fid="$volid.$num.$uniq"
            case "$type" in 1) t=file;; 2) t=dir;; 3) t=symlink;; *) t=$type;; esac
            printf 'FILE_%s_NAME=%s\nFILE_%s_FID=%s\nFILE_%s_PARENT_FID=%s\nFILE_%s_TYPE=%s\nFILE_%s_SIZE=%s\n' \
                "$key" "$name" "$key" "$fid" "$key" "$volid.$pnum.$puniq" "$key" "$t" "$key" "$size"
            if [ "$type" != 2 ]; then
                md5=$(md5sum < "$files/$key" | cut -d' ' -f1)
                printf 'FILE_%s_MD5=%s\n' "$key" "$md5"
            fi
        done < "$manifest"
    } > "$RXG_STATE/files.env"

    # Self-test: read hello.txt back through the fileserver (anonymous rxnull
    # call; allowed by system:anyuser rl in both modes).  afsio prints the
    # data on stdout and "MD5 FID" on stderr.
    local want got
    want=$(sed -n 's/^FILE_HELLO_MD5=//p' "$RXG_STATE/files.env")
    fid=$(sed -n 's/^FILE_HELLO_FID=//p' "$RXG_STATE/files.env")
    got=$(timeout "$CMD_TIMEOUT" afsio fidread -fid "$fid" -cell "$RXG_CELL" -clear -md5 2>&1 >/dev/null) \
        || die "afsio fidread $fid failed: $got"
    [[ $got == "$want "* ]] || die "afsio fidread $fid: md5 mismatch ($got, want $want)"
    rm -f "$empty"
}

# gen_test_dump IN OUT FILESDIR MANIFEST NOW: the dump rewriter (perl is
# always there on Debian: perl-base is essential).
gen_test_dump() {
    perl - "$@" <<'PERL'
# Rewrites a `vos dump` of an empty, freshly created volume into a dump whose
# root directory holds a few test files (see the manifest it writes).
# Formats: src/volser/dumpstuff.c (tags), src/dir/dir.c (directories),
# src/libacl (ACL, network byte order in dumps) of OpenAFS 1.8.
use strict;
use warnings;

my ($in, $out, $filesdir, $manifest, $now) = @ARGV;
die "usage: in out filesdir manifest now\n" unless defined $now;

open(my $fh, '<:raw', $in) or die "open $in: $!\n";
my $d = do { local $/; <$fh> };
close $fh;
my $p = 0;
sub need { die "dump truncated at $p\n" if $p + $_[0] > length $d }
sub byte { need(1); my $v = ord(substr($d, $p, 1)); $p += 1; $v }
sub u16  { need(2); my $v = unpack('n', substr($d, $p, 2)); $p += 2; $v }
sub u32  { need(4); my $v = unpack('N', substr($d, $p, 4)); $p += 4; $v }
sub bytes { my $n = shift; need($n); my $v = substr($d, $p, $n); $p += $n; $v }
sub str  { my $e = index($d, "\0", $p); die "bad string at $p\n" if $e < 0;
           my $s = substr($d, $p, $e - $p); $p = $e + 1; $s }
sub peek { $p < length $d ? ord(substr($d, $p, 1)) : -1 }

# --- dump header (kept verbatim)
die "not a volume dump\n" unless byte() == 1 && u32() == 0xB3A11322;
u32();
while (peek() > 20) {
    my $t = chr(byte());
    if    ($t eq 'v') { u32() }
    elsif ($t eq 'n') { str() }
    elsif ($t eq 't') { my $n = u16(); u32() for 1 .. $n }
    else { die "unexpected dump header tag '$t'\n" }
}
my $dumphdr = substr($d, 0, $p);

# --- volume header (kept, except u/f/d which we rewrite)
die "no volume header\n" unless byte() == 2;
my $volhdr = "\x02";
my $voluniq;
while (peek() > 20) {
    my $start = $p;
    my $t = chr(byte());
    if ($t =~ /^[ivupcqmdfaoCAUEBDZV]$/) {
        my $v = u32();
        if ($t eq 'u') { $voluniq = $v; next }
        next if $t eq 'f' or $t eq 'd';
    }
    elsif ($t =~ /^[nOM]$/) { str() }
    elsif ($t =~ /^[sbt]$/) { byte() }
    elsif ($t eq 'W') { my $n = u16(); u32() for 1 .. $n }
    else { die "unexpected volume header tag '$t'\n" }
    $volhdr .= substr($d, $start, $p - $start);
}
die "no uniquifier in volume header\n" unless defined $voluniq;

# --- vnodes
my @vn;
while (peek() == 3) {
    byte();
    my %v = (num => u32(), uniq => u32());
    while (peek() > 20) {
        my $t = chr(byte());
        if    ($t eq 't') { $v{t} = byte() }
        elsif ($t =~ /^[lb]$/) { $v{$t} = u16() }
        elsif ($t =~ /^[vmaogps]$/) { $v{$t} = u32() }
        elsif ($t eq 'A') { $v{A} = bytes(192) }
        elsif ($t eq 'f') { $v{f} = bytes(u32()) }
        elsif ($t eq 'h') { my $hi = u32(); die "huge file\n" if $hi; $v{f} = bytes(u32()) }
        else { die "unexpected vnode tag '$t'\n" }
    }
    push @vn, \%v;
}
die "dump end missing\n" unless byte() == 4 && u32() == 0x3A214B6E && $p == length $d;
die "expected exactly the root directory vnode in the dump\n"
    unless @vn == 1 && $vn[0]{num} == 1 && $vn[0]{t} == 2;
my $root = $vn[0];

# --- AFS directories
sub dirhash {
    my $h = 0;
    $h = ($h * 173 + $_) & 0xFFFFFFFF for unpack('C*', $_[0]);
    my $t = $h & 127;
    return 0 if $t == 0;
    return $h >= 2**31 ? 128 - $t : $t;
}
# make_dir([name, vnode, uniq], ...): same layout as afs_dir_MakeDir followed
# by afs_dir_Create for each entry in order.
sub make_dir {
    my @bits  = ([ (1) x 13, (0) x 51 ]);   # page 0: header + alloMap + hash table
    my @allo  = (51);
    my @hash  = (0) x 128;
    my @pages = ("\0" x 2048);
    for my $e (@_) {
        my ($name, $vnode, $uniq) = @$e;
        my $nb = 1 + ((length($name) + 1 + 15) >> 5);
        my ($pg, $slot);
        for my $i (0 .. 127) {
            if ($i > $#pages) {            # AddPage
                push @pages, "\0" x 2048;
                push @bits, [ 1, (0) x 63 ];
                push @allo, 63;
            }
            next if $allo[$i] < $nb;
            J: for my $j (0 .. 64 - $nb) {
                for my $k (0 .. $nb - 1) { next J if $bits[$i][$j + $k] }
                ($pg, $slot) = ($i, $j);
                last;
            }
            last if defined $pg;
        }
        die "directory full\n" unless defined $pg;
        $bits[$pg][$slot + $_] = 1 for 0 .. $nb - 1;
        $allo[$pg] -= $nb;
        my $idx = $pg * 64 + $slot;
        my $h = dirhash($name);
        my $ent = pack('CCnNN', 1, 0, $hash[$h], $vnode, $uniq) . $name . "\0";
        $ent .= "\0" x ($nb * 32 - length $ent);
        substr($pages[$pg], $slot * 32, length $ent) = $ent;
        $hash[$h] = $idx;
    }
    for my $i (0 .. $#pages) {
        my $bm = '';
        for my $k (0 .. 7) {
            my $byte = 0;
            for my $q (0 .. 7) { $byte |= 1 << $q if $bits[$i][$k * 8 + $q] }
            $bm .= chr($byte);
        }
        my $ph = pack('nnC', $i == 0 ? scalar(@pages) : 0, 1234, $i == 0 ? 51 : 63) . $bm . ("\0" x 19);
        substr($pages[$i], 0, 32) = $ph;
    }
    my $am = join '', map { chr($_ <= $#pages ? $allo[$_] : 64) } 0 .. 127;
    substr($pages[0], 32, 128) = $am;
    substr($pages[0], 160, 256) = pack('n128', @hash);
    return join '', @pages;
}

# Self-check: our empty directory must equal the one vos create made.
my $check = make_dir([ '.', 1, $root->{uniq} ], [ '..', 1, $root->{uniq} ]);
die "directory format self-check failed\n" unless defined $root->{f} && $check eq $root->{f};

# --- the test tree
# ACL for both directories: system:administrators rlidwka, system:anyuser rl
my $acl = pack('N5', 36, 1, 2, 2, 0) . pack('l>2', -204, 127) . pack('l>2', -101, 9);
$acl .= "\0" x (192 - length $acl);

# deterministic 1 MiB pseudo-random content (xorshift32)
my $x = 0x2545F491;
my $big = '';
for (1 .. 262144) {
    $x ^= ($x << 13) & 0xFFFFFFFF; $x ^= $x >> 17; $x ^= ($x << 5) & 0xFFFFFFFF;
    $big .= pack('N', $x);
}
my $longname = 'a-file-with-a-rather-long-name-spanning-three-dir-blobs.txt';

# [key, name, parent vnode, vnode, type(1 file, 2 dir, 3 symlink), mode, data]
my @tree = (
    [ 'HELLO',  'hello.txt',     1, 2,  1, 0644, "Hello from the rxgate interop cell.\n" ],
    [ 'EMPTY',  'empty.txt',     1, 4,  1, 0644, '' ],
    [ 'BIG',    'big.bin',       1, 6,  1, 0644, $big ],
    [ 'LONG',   $longname,       1, 8,  1, 0644, "long name\n" ],
    [ 'SUBDIR', 'subdir',        1, 3,  2, 0755, undef ],
    [ 'NESTED', 'nested.txt',    3, 10, 1, 0644, "nested file\n" ],
    [ 'SYMLINK','link-to-hello', 1, 12, 3, 0755, 'hello.txt' ],
    [ 'MOUNT',  'mnt-root.cell', 1, 14, 3, 0644, '#root.cell.' ],
);
my $uniq = $voluniq > $root->{uniq} ? $voluniq : $root->{uniq} + 1;
my (%byvnode, @out);
for my $e (@tree) { $byvnode{$e->[3]} = { e => $e, uniq => $uniq++ } }
my %children;
for my $e (@tree) { push @{ $children{$e->[2]} }, [ $e->[1], $e->[3], $byvnode{$e->[3]}{uniq} ] }

sub dumpvnode {
    my (%v) = @_;
    my $r = "\x03" . pack('NN', $v{num}, $v{uniq})
        . 't' . chr($v{t}) . 'l' . pack('n', $v{l}) . 'v' . pack('N', $v{v})
        . 'm' . pack('N', $v{m}) . 'a' . pack('N', $v{a}) . 'o' . pack('N', $v{o})
        . ($v{g} ? 'g' . pack('N', $v{g}) : '')
        . 'b' . pack('n', $v{b}) . 'p' . pack('N', $v{p}) . 's' . pack('N', $v{s});
    $r .= 'A' . $v{A} if $v{t} == 2;
    $r .= 'f' . pack('N', length $v{f}) . $v{f};
    return $r;
}

my $nsub = grep { $_->[4] == 2 && $_->[2] == 1 } @tree;
$root->{f} = make_dir([ '.', 1, $root->{uniq} ], [ '..', 1, $root->{uniq} ], @{ $children{1} });
$root->{l} += $nsub;
$root->{A} = $acl;
my $vnodes = dumpvnode(%$root);
my ($kb, $count) = (int((length($root->{f}) + 1023) / 1024), 1);

mkdir $filesdir;
open(my $mf, '>', $manifest) or die "open $manifest: $!\n";
for my $e (@tree) {
    my ($key, $name, $parent, $num, $type, $mode, $data) = @$e;
    my $u = $byvnode{$num}{uniq};
    my $pu = $parent == 1 ? $root->{uniq} : $byvnode{$parent}{uniq};
    if ($type == 2) {
        $data = make_dir([ '.', $num, $u ], [ '..', $parent, $pu ], @{ $children{$num} || [] });
    } else {
        open(my $cf, '>:raw', "$filesdir/$key") or die; print $cf $data; close $cf;
    }
    $vnodes .= dumpvnode(num => $num, uniq => $u, t => $type, l => $type == 2 ? 2 : 1, v => 1,
        m => $now, a => $root->{o}, o => $root->{o}, g => 0, b => $mode, p => $parent, s => $now,
        A => $acl, f => $data);
    $kb += int((length($data) + 1023) / 1024);
    $count++;
    printf $mf "%s %s %d %d %d %d %d %d\n", $key, $name, $num, $u, $type, length $data, $parent, $pu;
}
close $mf;

$volhdr .= 'u' . pack('N', $uniq) . 'f' . pack('N', $count) . 'd' . pack('N', $kb);
open(my $of, '>:raw', $out) or die "open $out: $!\n";
print $of $dumphdr, $volhdr, $vnodes, "\x04", pack('N', 0x3A214B6E);
close $of;
PERL
}

# ------------------------------------------------------------- commands -----
print_log_tails() {
    local f
    for f in "$LOG_DIR"/*; do
        [ -s "$f" ] || continue                 # skip empty *.out files
        printf '\n----- tail %s -----\n' "$f" >&2
        tail -n 20 "$f" >&2 || true
    done
}

on_up_failure() {
    local rc=$?
    trap - EXIT
    [ "$rc" -eq 0 ] && return 0
    log "up FAILED (exit $rc); server log tails follow"
    print_log_tails
    if [ "$RXG_KEEP_ON_FAIL" = 1 ]; then
        log "RXG_KEEP_ON_FAIL=1: leaving everything up; run '$0 down' when done"
    else
        log "tearing down (set RXG_KEEP_ON_FAIL=1 to keep it for inspection)"
        do_down || true
    fi
    exit "$rc"
}

do_up() {
    require_root
    case "$RXG_AUTH" in 0|1) ;; *) die "RXG_AUTH must be 0 or 1";; esac
    [[ $RXG_DBSERVERS =~ ^[1-9]$ ]] && [ "$RXG_DBSERVERS" -le "$MAX_DBSERVERS" ] \
        || die "RXG_DBSERVERS must be 1..$MAX_DBSERVERS"
    [ -z "$RXG_KEY_HEX" ] || [[ $RXG_KEY_HEX =~ ^[0-9a-f]{16}$ ]] || die "RXG_KEY_HEX must be 16 lower-case hex digits"
    local t0=$SECONDS
    mkdir -p "$RXG_STATE"
    # Always start from a clean slate (down is idempotent and cheap).
    [ -f "$PIDS_FILE" ] && log "previous cell found; taking it down first"
    do_down
    install_packages
    trap on_up_failure EXIT
    rm -f "$FIXTURES" "$PIDS_FILE"
    prepare_config

    if [ "$RXG_DBSERVERS" -eq 1 ]; then
        log "network namespace $RXG_NETNS: $NS_ADDR (inside) <-> $HOST_ADDR (root side)"
        ns_up "$RXG_NETNS" "$NS_ADDR" "$HOST_ADDR"
        hosts_add "$NS_ADDR" "$RXG_NETNS-srv.$RXG_CELL" "$RXG_NETNS-srv"
    else
        local i br
        br=$(bridge_name)
        log "bridge $br: $HOST_ADDR (root side)"
        bridge_up "$br" "$HOST_ADDR"
        for (( i = 1; i <= RXG_DBSERVERS; i++ )); do
            log "network namespace $(db_netns "$i"): $(db_addr "$i") on bridge $br"
            ns_up_bridged "$(db_netns "$i")" "$(db_addr "$i")" "$br"
            hosts_add "$(db_addr "$i")" "$(db_netns "$i")-srv.$RXG_CELL" "$(db_netns "$i")-srv"
        done
    fi
    hosts_add "$HOST_ADDR" "$RXG_NETNS-host.$RXG_CELL" "$RXG_NETNS-host"

    log "starting ptserver, vlserver (auth=$RXG_AUTH, database servers: $RXG_DBSERVERS)"
    start_dbservers "$RXG_NETNS" "$NS_ADDR"
    log "starting fileserver, volserver"
    start_fileserver "$RXG_NETNS" "$NS_ADDR"
    log "creating fixtures"
    create_fixtures
    trap - EXIT
    log "cell $RXG_CELL up in $(( SECONDS - t0 ))s; fixtures in $FIXTURES"
    cat "$FIXTURES"
}

do_down() {
    require_root
    stop_recorded
    network_down
    hosts_remove
    rm -f "$AFS_LOCAL/NoAuth" "$FIXTURES"
    log "down (netns $RXG_NETNS and any ${RXG_NETNS}N, bridge $(bridge_name) removed; logs kept in $LOG_DIR)"
}

# status: exit 0 only if servers are recorded and all of them are alive.
do_status() {
    local name pid ns start st rc=0
    if [ ! -f "$PIDS_FILE" ]; then
        echo "no recorded servers ($PIDS_FILE missing)"
        rc=1
    else
        while read -r name pid ns start; do
            if pid_alive "$pid" "$start"; then st=alive; else st=dead; rc=1; fi
            printf '%-10s pid %-7s netns %-10s %s\n' "$name" "$pid" "$ns" "$st"
        done < "$PIDS_FILE"
    fi
    if ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$RXG_NETNS"; then
        echo "netns $RXG_NETNS present"
    else
        echo "netns $RXG_NETNS absent"
    fi
    local i ns
    for (( i = 2; i <= MAX_DBSERVERS; i++ )); do
        ns=$(db_netns "$i")
        if ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$ns"; then echo "netns $ns present"; fi
    done
    return "$rc"
}

# server_name NAME: NAME with the first database server's "@10.77.0.1"
# dropped (server 1 keeps its single-server names: ptserver, vlserver).
server_name() {
    case "$1" in *@"$NS_ADDR") printf '%s' "${1%@*}" ;; *) printf '%s' "$1" ;; esac
}

# load_layout: RXG_AUTH and RXG_DBSERVERS of the running cell (fixtures.env).
load_layout() {
    [ -f "$FIXTURES" ] || die "the cell is not up"
    RXG_AUTH=$(awk -F= '$1 == "RXG_AUTH" {print $2}' "$FIXTURES")
    RXG_DBSERVERS=$(awk -F= '$1 == "RXG_DBSERVERS" {print $2}' "$FIXTURES")
    RXG_DBSERVERS=${RXG_DBSERVERS:-1}
}

# stop-server NAME: stop one recorded server (tests of dead servers), SIGKILL
# after the bounded wait, and forget its pid.  NAME is as in $PIDS_FILE:
# ptserver, vlserver, fileserver, volserver, and in a several-server cell
# ptserver@ADDR, vlserver@ADDR for the other database servers.
do_stop_server() {
    local want name pid ns start found=0 deadline
    want=$(server_name "$1")
    [ -f "$PIDS_FILE" ] || die "no recorded servers"
    while read -r name pid ns start; do
        [ "$name" = "$want" ] || continue
        found=1
        if pid_alive "$pid" "$start"; then
            if [ "$name" = fileserver ]; then kill -QUIT "$pid" 2>/dev/null || true
            else kill -TERM "$pid" 2>/dev/null || true; fi
            deadline=$(( SECONDS + STOP_WAIT ))
            while pid_alive "$pid" "$start" && (( SECONDS < deadline )); do sleep 0.1; done
            pid_alive "$pid" "$start" && kill -KILL "$pid" 2>/dev/null || true
        fi
    done < "$PIDS_FILE"
    [ "$found" = 1 ] || die "$want is not a recorded server"
    awk -v n="$want" '$1 != n' "$PIDS_FILE" > "$PIDS_FILE.tmp" && mv "$PIDS_FILE.tmp" "$PIDS_FILE"
    log "$want stopped"
}

# start-server NAME: start a database server process again after stop-server,
# with the same configuration, and wait until it serves (in a several-server
# cell: until there is a sync site again and every running server of that
# kind holds its database version).
do_start_server() {
    local want base addr i
    want=$(server_name "$1")
    load_layout
    if awk -v n="$want" '$1 == n {f=1} END {exit !f}' "$PIDS_FILE" 2>/dev/null; then
        die "$want is already running"
    fi
    base=${want%%@*} addr=$NS_ADDR
    [ "$base" != "$want" ] && addr=${want#*@}
    i=$(db_index "$addr") && [ "$i" -le "$RXG_DBSERVERS" ] || die "$addr is not a database server of this cell"
    case "$base" in
        ptserver) start_db_proc ptserver "$i"
                  wait_udp_port "$(db_netns "$i")" "$PT_PORT" "$want"
                  if [ "$RXG_DBSERVERS" -eq 1 ]; then wait_ubik "$addr" "$PT_PORT" "$want"
                  else wait_ubik_multi "$PT_PORT" ptserver; fi ;;
        vlserver) start_db_proc vlserver "$i"
                  wait_udp_port "$(db_netns "$i")" "$VL_PORT" "$want"
                  if [ "$RXG_DBSERVERS" -eq 1 ]; then wait_ubik "$addr" "$VL_PORT" "$want"
                  else wait_ubik_multi "$VL_PORT" vlserver; fi ;;
        *) die "start-server supports ptserver and vlserver (ptserver@ADDR, vlserver@ADDR)" ;;
    esac
    log "$want started"
}

# stop-dbserver ADDR / start-dbserver ADDR: both database server processes
# (ptserver and vlserver) of the database server at ADDR.
db_names() {   # ADDR -> "ptserver[@ADDR] vlserver[@ADDR]"
    local i
    load_layout
    i=$(db_index "$1") && [ "$i" -le "$RXG_DBSERVERS" ] || die "$1 is not a database server of this cell"
    printf 'ptserver%s vlserver%s' "$(db_sfx "$i")" "$(db_sfx "$i")"
}
do_stop_dbserver() {
    local n names
    names=$(db_names "$1")
    for n in $names; do do_stop_server "$n"; done
}
do_start_dbserver() {
    local n names
    names=$(db_names "$1")
    for n in $names; do do_start_server "$n"; done
}

do_env() {
    [ -f "$FIXTURES" ] || die "no $FIXTURES (run '$0 up' first)"
    cat "$FIXTURES"
}

# One invocation at a time (e.g. several test JVMs calling `up`): a bounded
# wait on a lock beside the state directory.  (Its name differs from
# $RXG_STATE.lock, which is left to whoever uses the cell as a whole, e.g.
# `flock /tmp/rxgate-cell.lock mvn ... -Pinterop`, to hold across up, tests, down.)
take_lock() {
    mkdir -p "$(dirname "$RXG_STATE")"
    exec 9>"$RXG_STATE.script.lock"
    flock -w 300 9 || die "another $0 is still running (lock $RXG_STATE.script.lock)"
}

case "${1:-}" in
    up|down|stop-server|start-server|stop-dbserver|start-dbserver) require_root; take_lock ;;
esac
case "${1:-}" in
    up)     do_up ;;
    down)   do_down ;;
    status) do_status ;;
    env)    do_env ;;
    stop-server)  do_stop_server "${2:?server name}" ;;
    start-server) do_start_server "${2:?server name}" ;;
    stop-dbserver)  do_stop_dbserver "${2:?database server address}" ;;
    start-dbserver) do_start_dbserver "${2:?database server address}" ;;
    *)      echo "usage: $0 up|down|status|env|stop-server NAME|start-server NAME|stop-dbserver ADDR|start-dbserver ADDR   (env: RXG_NETNS RXG_CELL RXG_STATE RXG_AUTH RXG_DBSERVERS RXG_KEY_HEX RXG_FS_OPTS RXG_KEEP_ON_FAIL)" >&2
            exit 2 ;;
esac
