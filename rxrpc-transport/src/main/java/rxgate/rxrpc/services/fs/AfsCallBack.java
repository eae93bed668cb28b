package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * AFSCallBack (afs-rpcs.md §5.2): 12 bytes. {@code expirationTime} is relative: seconds from when
 * the reply was sent.
 *
 * @param version        CallBackVersion (1)
 * @param expirationTime seconds from now
 * @param type           {@link #EXCLUSIVE}, {@link #SHARED} or {@link #DROPPED}
 */
public record AfsCallBack(int version, long expirationTime, int type) {

    public static final int SIZE = 12;
    public static final int EXCLUSIVE = 1;
    public static final int SHARED = 2;
    public static final int DROPPED = 3;

    public static AfsCallBack decode(XdrReader r) {
        return new AfsCallBack(r.readInt(), r.readUnsignedInt(), r.readInt());
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(version);
        w.writeUnsignedInt(expirationTime);
        w.writeInt(type);
    }
}
