package rxgate.rxrpc.services.fs;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * AFSVolSync (afs-rpcs.md §5.2): six words; OpenAFS puts the volume's creation time in the first.
 */
public record AfsVolSync(long creationTime, int spare1, int spare2, int spare3, int spare4, int spare5) {

    public static final int SIZE = 24;

    public static AfsVolSync decode(XdrReader r) {
        return new AfsVolSync(r.readUnsignedInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt(), r.readInt());
    }

    public void encodeTo(XdrWriter w) {
        w.writeUnsignedInt(creationTime);
        w.writeInt(spare1);
        w.writeInt(spare2);
        w.writeInt(spare3);
        w.writeInt(spare4);
        w.writeInt(spare5);
    }
}
