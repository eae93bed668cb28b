package rxgate.rxrpc.services.vl;

import java.util.List;

/**
 * GetAddrs reply (afs-rpcs.md §2.4): the VLCallBack (four words, all zero from OpenAFS),
 * nentries, and the server table's non-empty slots. Each slot is a plain IPv4 address or, for a
 * registered multi-homed server, a handle with top byte 0xFF that is not an address
 * ({@link #isMultihomedHandle}).
 */
public record VlAddrs(int callBackVersion, int expirationTime, int callBackType, int handle,
        int nentries, List<Integer> addresses) {

    public VlAddrs {
        addresses = List.copyOf(addresses);
    }

    /** Whether a GetAddrs slot is a multi-home handle ({@code 0xFF......}) rather than an address. */
    public static boolean isMultihomedHandle(int slot) {
        return (slot >>> 24) == 0xFF;
    }
}
