package rxgate.rxrpc.services.ubik;

import java.util.ArrayList;
import java.util.List;
import rxgate.rxrpc.xdr.XdrReader;

/**
 * ubik_debug (afs-rpcs.md §7; 284 words = 1136 bytes): a database server's view of the vote, as
 * returned by VOTE Debug (10004) and XDebug (10006, followed by isClone). Times are Unix seconds;
 * addresses are IPv4 numbers (host order, i.e. 10.77.0.1 = 0x0A4D0001). {@code interfaceAddr}
 * keeps only the non-zero entries.
 */
public record UbikDebug(int now, int lastYesTime, int lastYesHost, int lastYesState, int lastYesClaim,
        int lowestHost, int lowestTime, int syncHost, int syncTime, UbikVersion syncVersion, UbikVersion syncTid,
        boolean amSyncSite, int syncSiteUntil, int nServers, int lockedPages, int writeLockedPages,
        UbikVersion localVersion, int activeWrite, int tidCounter, int anyReadLocks, int anyWriteLocks,
        int recoveryState, int currentTrans, int writeTrans, int epochTime, List<Integer> interfaceAddr) {

    public static final int SIZE = 1136;
    /** UBIK_MAX_INTERFACE_ADDR. */
    public static final int MAX_INTERFACE_ADDR = 256;

    /** An {epoch, counter} pair (ubik_version and ubik_tid have this shape). */
    public record UbikVersion(int epoch, int counter) {
        static UbikVersion decode(XdrReader r) {
            return new UbikVersion(r.readInt(), r.readInt());
        }
    }

    public UbikDebug {
        interfaceAddr = List.copyOf(interfaceAddr);
    }

    public static UbikDebug decode(XdrReader r) {
        int now = r.readInt();
        int lastYesTime = r.readInt();
        int lastYesHost = r.readInt();
        int lastYesState = r.readInt();
        int lastYesClaim = r.readInt();
        int lowestHost = r.readInt();
        int lowestTime = r.readInt();
        int syncHost = r.readInt();
        int syncTime = r.readInt();
        UbikVersion syncVersion = UbikVersion.decode(r);
        UbikVersion syncTid = UbikVersion.decode(r);
        boolean amSyncSite = r.readInt() != 0;
        int syncSiteUntil = r.readInt();
        int nServers = r.readInt();
        int lockedPages = r.readInt();
        int writeLockedPages = r.readInt();
        UbikVersion localVersion = UbikVersion.decode(r);
        int activeWrite = r.readInt();
        int tidCounter = r.readInt();
        int anyReadLocks = r.readInt();
        int anyWriteLocks = r.readInt();
        int recoveryState = r.readInt();
        int currentTrans = r.readInt();
        int writeTrans = r.readInt();
        int epochTime = r.readInt();
        List<Integer> addrs = new ArrayList<>();
        for (int a : r.readFixedIntArray(MAX_INTERFACE_ADDR)) {
            if (a != 0) {
                addrs.add(a);
            }
        }
        return new UbikDebug(now, lastYesTime, lastYesHost, lastYesState, lastYesClaim, lowestHost, lowestTime,
                syncHost, syncTime, syncVersion, syncTid, amSyncSite, syncSiteUntil, nServers, lockedPages,
                writeLockedPages, localVersion, activeWrite, tidCounter, anyReadLocks, anyWriteLocks, recoveryState,
                currentTrans, writeTrans, epochTime, addrs);
    }
}
