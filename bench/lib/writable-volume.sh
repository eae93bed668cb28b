# bench/lib/writable-volume.sh — sourced by the bench scripts (needs S, CELL, RXG_VOL from fixtures.env).
# make_writable_volume NAME WORKDIR: copies the fixture volume with `vos dump`, changes the
# system:anyuser ACL entry (id -101) from rl to rlidwka in the dump, restores it under NAME with no
# quota (there is no cache manager to run `fs setacl`). Returns non-zero on failure.
make_writable_volume() {
    local name=$1 work=$2 ok=0 try
    vos dump -id "$RXG_VOL" -file "$work/vol.dump" -cell "$CELL" -localauth -noresolve >"$work/vos.log" 2>&1 || return 1
    python3 - "$work/vol.dump" <<'PYEOF' || return 1
import sys
p = sys.argv[1]; d = open(p, 'rb').read()
a = bytes.fromhex('ffffff9b00000009'); b = bytes.fromhex('ffffff9b0000007f')
if d.count(a) == 0: sys.exit(1)
open(p, 'wb').write(d.replace(a, b))
PYEOF
    # right after `up` the volserver may not answer yet ("Could not fetch the list of partitions"): retry, bounded
    for try in 1 2 3 4 5 6; do
        timeout 120 vos restore -server "$S" -partition a -name "$name" -file "$work/vol.dump" -cell "$CELL" \
            -localauth -noresolve >>"$work/vos.log" 2>&1 && { ok=1; break; }
        sleep 5
    done
    rm -f "$work/vol.dump"
    [ "$ok" = 1 ] || return 1
    timeout 60 vos setfields -id "$name" -maxquota 0 -cell "$CELL" -localauth -noresolve >>"$work/vos.log" 2>&1
}
