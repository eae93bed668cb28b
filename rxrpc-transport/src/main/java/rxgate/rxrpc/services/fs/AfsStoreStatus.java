package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * AFSStoreStatus (afs-rpcs.md §5.2): 24 bytes. Only the fields whose bit is set in {@code mask}
 * are applied by the fileserver.
 */
public record AfsStoreStatus(int mask, long clientModTime, int owner, int group, int unixModeBits, int segSize) {

    public static final int SIZE = 24;
    public static final int SET_MODTIME = 1;
    public static final int SET_OWNER = 2;
    public static final int SET_GROUP = 4;
    public static final int SET_MODE = 8;
    public static final int SET_SEGSIZE = 16;
    public static final int FSYNC = 1024;

    /** Changes nothing (mask 0). */
    public static final AfsStoreStatus NONE = new AfsStoreStatus(0, 0, 0, 0, 0, 0);

    /** Sets the mode bits and the modification time (seconds since the epoch). */
    public static AfsStoreStatus modeAndTime(int mode, long modTimeSeconds) {
        return new AfsStoreStatus(SET_MODE | SET_MODTIME, modTimeSeconds, 0, 0, mode, 0);
    }

    /** Sets the modification time only. */
    public static AfsStoreStatus modTime(long modTimeSeconds) {
        return new AfsStoreStatus(SET_MODTIME, modTimeSeconds, 0, 0, 0, 0);
    }

    public static AfsStoreStatus decode(XdrReader r) {
        return new AfsStoreStatus(r.readInt(), r.readUnsignedInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt());
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(mask);
        w.writeUnsignedInt(clientModTime);
        w.writeInt(owner);
        w.writeInt(group);
        w.writeInt(unixModeBits);
        w.writeInt(segSize);
    }
}
