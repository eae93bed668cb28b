package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * AFSFid (afs-rpcs.md §5.2): volume, vnode, uniquifier, each an unsigned 32-bit number; 12 bytes
 * on the wire. Text form {@code VOL.VNODE.UNIQ} as OpenAFS prints it.
 */
public record AfsFid(long volume, long vnode, long unique) {

    public static final int SIZE = 12;

    public AfsFid {
        check(volume, "volume");
        check(vnode, "vnode");
        check(unique, "unique");
    }

    private static void check(long v, String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of range 0..2^32-1: " + v);
        }
    }

    /** The root directory of volume {@code volumeId} (vnode 1, unique 1). */
    public static AfsFid root(long volumeId) {
        return new AfsFid(volumeId, 1, 1);
    }

    /** Parses {@code VOL.VNODE.UNIQ} (decimal). */
    public static AfsFid parse(String s) {
        String[] p = s.trim().split("\\.");
        if (p.length != 3) {
            throw new IllegalArgumentException("not a FID (VOL.VNODE.UNIQ): " + s);
        }
        try {
            return new AfsFid(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a FID (VOL.VNODE.UNIQ): " + s, e);
        }
    }

    /** Whether {@code s} has the form of a FID (three dot-separated decimal numbers). */
    public static boolean looksLikeFid(String s) {
        return s.matches("\\d+\\.\\d+\\.\\d+");
    }

    /** Whether this FID names a whole volume (vnode 0, as in a CallBack break). */
    public boolean isWholeVolume() {
        return vnode == 0;
    }

    public static AfsFid decode(XdrReader r) {
        return new AfsFid(r.readUnsignedInt(), r.readUnsignedInt(), r.readUnsignedInt());
    }

    public void encodeTo(XdrWriter w) {
        w.writeUnsignedInt(volume);
        w.writeUnsignedInt(vnode);
        w.writeUnsignedInt(unique);
    }

    @Override
    public String toString() {
        return volume + "." + vnode + "." + unique;
    }
}
