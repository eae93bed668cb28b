package rxgate.gateway.ops;

import rxgate.rxrpc.services.pt.PtEntry;

/** A protection database entry, as {@code pts examine} shows it. */
public record PtEntryInfo(String name, int id, String type, int owner, int creator, int memberCount, String flags) {

    static PtEntryInfo of(PtEntry e) {
        return new PtEntryInfo(e.name(), e.id(), e.isGroup() ? "group" : "user", e.owner(), e.creator(), e.count(),
                e.privacyString());
    }
}
