package rxgate.rxrpc.services.ubik;

import java.util.ArrayList;
import java.util.List;
import rxgate.rxrpc.services.ubik.UbikDebug.UbikVersion;
import rxgate.rxrpc.xdr.XdrReader;

/**
 * ubik_sdebug (afs-rpcs.md §7; 264 words = 1056 bytes): what a server knows about one of the
 * other servers (VOTE SDebug 10005 / XSDebug 10007). {@code altAddr} keeps the non-zero entries.
 */
public record UbikSDebug(int addr, int lastVoteTime, int lastBeaconSent, boolean lastVote,
        UbikVersion remoteVersion, boolean currentDB, boolean beaconSinceDown, boolean up, List<Integer> altAddr) {

    public static final int SIZE = 1056;

    public UbikSDebug {
        altAddr = List.copyOf(altAddr);
    }

    public static UbikSDebug decode(XdrReader r) {
        int addr = r.readInt();
        int lastVoteTime = r.readInt();
        int lastBeaconSent = r.readInt();
        boolean lastVote = r.readInt() != 0;
        UbikVersion remote = UbikVersion.decode(r);
        boolean currentDB = r.readInt() != 0;
        boolean beaconSinceDown = r.readInt() != 0;
        boolean up = r.readInt() != 0;
        List<Integer> alt = new ArrayList<>();
        for (int a : r.readFixedIntArray(255)) {
            if (a != 0) {
                alt.add(a);
            }
        }
        return new UbikSDebug(addr, lastVoteTime, lastBeaconSent, lastVote, remote, currentDB, beaconSinceDown, up, alt);
    }
}
