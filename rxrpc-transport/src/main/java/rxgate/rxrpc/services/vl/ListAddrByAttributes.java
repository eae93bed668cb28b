package rxgate.rxrpc.services.vl;

import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * ListAddrByAttributes (afs-rpcs.md §2.3, 60 bytes): Mask, ipaddr, index, spare1, uuid. Exactly
 * one of VLADDR_IPADDR, VLADDR_INDEX (1-based server slot), VLADDR_UUID.
 */
public record ListAddrByAttributes(int mask, int ipAddress, int index, AfsUuid uuid) {

    public static final int SIZE = 60;

    public static ListAddrByAttributes byUuid(AfsUuid uuid) {
        return new ListAddrByAttributes(VlConstants.VLADDR_UUID, 0, 0, uuid);
    }

    public static ListAddrByAttributes byIndex(int index) {
        return new ListAddrByAttributes(VlConstants.VLADDR_INDEX, 0, index, AfsUuid.NIL);
    }

    public static ListAddrByAttributes byAddress(int ipAddress) {
        return new ListAddrByAttributes(VlConstants.VLADDR_IPADDR, ipAddress, 0, AfsUuid.NIL);
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(mask);
        w.writeInt(ipAddress);
        w.writeInt(index);
        w.writeInt(0); // spare1
        uuid.encodeTo(w);
    }
}
