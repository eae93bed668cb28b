package rxgate.rxrpc.services.vl;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * VldbListByAttributes (afs-rpcs.md §2.3, 24 bytes): Mask, server (IPv4 number), partition,
 * spares3, volumeid, flag. Mask 0 lists every entry; VLLIST_VOLUMEID makes the server ignore the
 * other bits; VLLIST_FLAG matches entries sharing a bit with {@code flag}.
 */
public record VlListByAttributes(int mask, int server, int partition, long volumeId, int flag) {

    public static final int SIZE = 24;

    public VlListByAttributes {
        if (volumeId < 0 || volumeId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("volume id not an unsigned 32-bit value: " + volumeId);
        }
    }

    /** Every entry (mask 0). */
    public static VlListByAttributes all() {
        return new VlListByAttributes(0, 0, 0, 0, 0);
    }

    /** Entries with a site on {@code server} (IPv4 as a 32-bit number). */
    public static VlListByAttributes onServer(int server) {
        return new VlListByAttributes(VlConstants.VLLIST_SERVER, server, 0, 0, 0);
    }

    /** Entries with a site on {@code server} and {@code partition}. */
    public static VlListByAttributes onServerPartition(int server, int partition) {
        return new VlListByAttributes(VlConstants.VLLIST_SERVER | VlConstants.VLLIST_PARTITION,
                server, partition, 0, 0);
    }

    /** Entries that are locked (any VLOP_* bit). */
    public static VlListByAttributes locked() {
        return new VlListByAttributes(VlConstants.VLLIST_FLAG, 0, 0, 0, VlConstants.VLOP_ALLOPERS);
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(mask);
        w.writeInt(server);
        w.writeInt(partition);
        w.writeInt(0); // spares3
        w.writeUnsignedInt(volumeId);
        w.writeInt(flag);
    }

    public static VlListByAttributes decode(XdrReader r) {
        int mask = r.readInt();
        int server = r.readInt();
        int partition = r.readInt();
        r.readInt();
        long volumeId = r.readUnsignedInt();
        int flag = r.readInt();
        return new VlListByAttributes(mask, server, partition, volumeId, flag);
    }
}
