package rxgate.rxrpc.services.vl;

import java.util.List;
import rxgate.rxrpc.services.AfsUuid;

/** GetAddrsU reply (afs-rpcs.md §2.4): the server's UUID, uniquifier, nentries and addresses. */
public record VlAddrsU(AfsUuid uuid, int uniquifier, int nentries, List<Integer> addresses) {

    public VlAddrsU {
        addresses = List.copyOf(addresses);
    }
}
