package rxgate.rxrpc.services.pt;

import java.util.List;

/**
 * A prlist reply with its trailing word: {@code over} is non-zero when the server had more
 * than it returned (GetCPS, ListElements, ListSuperGroups); for ListOwned it is the
 * continuation cursor ({@code lastp}, 0 when done).
 */
public record PtIdList(List<Integer> ids, int over) {

    public PtIdList {
        ids = List.copyOf(ids);
    }
}
