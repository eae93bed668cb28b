package rxgate.rxrpc.services.vl;

import rxgate.rxrpc.services.Golden;

/** Golden VL structures built word by word from afs-rpcs.md §2.3. */
public final class VlGolden {
    private VlGolden() {
    }

    /** The live CreateEntryN example of afs-rpcs.md §2.4: "rkvol", one RW site on 10.77.0.1 /vicepa. */
    public static byte[] rkvolNvldbEntry() {
        return nvldbEntry("rkvol", new int[] {0x0A4D0001}, new int[] {0}, new int[] {0x04},
                536870915, 536870916, 536870917, 0, 0x1000, 0);
    }

    public static byte[] nvldbEntry(String name, int[] servers, int[] partitions, int[] siteFlags, int rw, int ro, int bk,
            int clone, int flags, int matchIndex) {
        Golden g = Golden.bytes().charArray(name, 65).words(servers.length);
        for (int[] a : new int[][] {servers, partitions, siteFlags}) {
            for (int i = 0; i < 13; i++) {
                g.words(i < a.length ? a[i] : 0);
            }
        }
        g.words(rw, ro, bk, clone, flags, matchIndex).zeros(8);
        if (g.size() != 476) {
            throw new AssertionError("nvldbentry must be 476 bytes, got " + g.size());
        }
        return g.build();
    }
}
