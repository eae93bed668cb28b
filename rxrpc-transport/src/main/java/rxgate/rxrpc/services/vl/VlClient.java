package rxgate.rxrpc.services.vl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.xdr.XdrReader;

/**
 * Client for the VL server (service 52, port 7003; afs-rpcs.md §2).
 *
 * <p>Every method returns at once; the future completes with the decoded result, or
 * exceptionally with {@link rxgate.rxrpc.RxCallException} (e.g. {@code VL_NOENT}; an undecodable
 * reply gives {@code RXGEN_CC_UNMARSHAL}). Invalid arguments (an illegal volume name, an id out
 * of range) throw {@link IllegalArgumentException} before anything is sent.
 *
 * <p>Give it an {@link RpcCaller} for one server ({@link RpcCaller#of}) or a
 * {@link rxgate.rxrpc.services.ubik.UbikCaller} over the cell's VL servers. Stateless and
 * thread-safe.
 */
public final class VlClient {
    private final RpcCaller caller;

    public VlClient(RpcCaller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    public RpcCaller caller() {
        return caller;
    }

    /** ProbeServer (514): no arguments, no results. */
    public CompletableFuture<Void> probe() {
        return RpcCalls.callVoid(caller, VlOpcodes.PROBE_SERVER, null);
    }

    /**
     * GetEntryByNameN (519). The server also accepts a decimal volume id as the name, and the
     * {@code .readonly}/{@code .backup} suffixes.
     */
    public CompletableFuture<NvldbEntry> getEntryByName(String name) {
        String n = VlNames.requireLegal(name);
        return RpcCalls.call(caller, VlOpcodes.GET_ENTRY_BY_NAME_N,
                w -> w.writeString(n, VlConstants.VL_MAXNAMELEN), NvldbEntry::decode);
    }

    /** GetEntryByNameU (527): the entry with sites by server UUID. */
    public CompletableFuture<UvldbEntry> getEntryByNameU(String name) {
        String n = VlNames.requireLegal(name);
        return RpcCalls.call(caller, VlOpcodes.GET_ENTRY_BY_NAME_U,
                w -> w.writeString(n, VlConstants.VL_MAXNAMELEN), UvldbEntry::decode);
    }

    /**
     * GetEntryByIDN (518).
     *
     * @param volumeId unsigned 32-bit volume id
     * @param type     {@link VlConstants#RWVOL}, {@link VlConstants#ROVOL},
     *                 {@link VlConstants#BACKVOL} or {@link VlConstants#ANYVOL} (-1)
     */
    public CompletableFuture<NvldbEntry> getEntryById(long volumeId, int type) {
        checkVolumeId(volumeId);
        return RpcCalls.call(caller, VlOpcodes.GET_ENTRY_BY_ID_N, w -> {
            w.writeUnsignedInt(volumeId);
            w.writeInt(type);
        }, NvldbEntry::decode);
    }

    /**
     * ListAttributesN (522): the entries matching {@code attributes} ({@link VlListByAttributes#all()}
     * for every entry). Reply: nentries, then nbulkentries (count + entries).
     */
    public CompletableFuture<List<NvldbEntry>> listAttributes(VlListByAttributes attributes) {
        Objects.requireNonNull(attributes, "attributes");
        return RpcCalls.call(caller, VlOpcodes.LIST_ATTRIBUTES_N, attributes::encodeTo,
                VlClient::decodeBulkEntries);
    }

    static List<NvldbEntry> decodeBulkEntries(XdrReader r) {
        r.readInt(); // nentries (same as the bulk count on OpenAFS)
        int count = r.readCount(VlConstants.MAX_BULK_ENTRIES, NvldbEntry.SIZE);
        List<NvldbEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(NvldbEntry.decode(r));
        }
        return List.copyOf(out);
    }

    /** GetAddrs (515): the server table (Handle and spare2 sent as 0). */
    public CompletableFuture<VlAddrs> getAddrs() {
        return RpcCalls.call(caller, VlOpcodes.GET_ADDRS, w -> {
            w.writeInt(0);
            w.writeInt(0);
        }, r -> {
            int cbVersion = r.readInt();
            int expiration = r.readInt();
            int cbType = r.readInt();
            int handle = r.readInt();
            int nentries = r.readInt();
            List<Integer> addrs = r.readIntList(VlConstants.MAX_BULK_ADDRS);
            return new VlAddrs(cbVersion, expiration, cbType, handle, nentries, addrs);
        });
    }

    /** GetAddrsU (533): the addresses of one server, by UUID, slot index or address. */
    public CompletableFuture<VlAddrsU> getAddrsU(ListAddrByAttributes query) {
        Objects.requireNonNull(query, "query");
        return RpcCalls.call(caller, VlOpcodes.GET_ADDRS_U, query::encodeTo, r -> {
            AfsUuid uuid = AfsUuid.decode(r);
            int uniquifier = r.readInt();
            int nentries = r.readInt();
            List<Integer> addrs = r.readIntList(VlConstants.MAX_BULK_ADDRS);
            return new VlAddrsU(uuid, uniquifier, nentries, addrs);
        });
    }

    /**
     * CreateEntryN (517): superuser only (else VL_PERM). The server checks the rest (1..13 sites,
     * partitions, flags, unique name and ids).
     */
    public CompletableFuture<Void> createEntry(NvldbEntry entry) {
        Objects.requireNonNull(entry, "entry");
        VlNames.requireLegal(entry.name());
        return RpcCalls.callVoid(caller, VlOpcodes.CREATE_ENTRY_N, entry::encodeTo);
    }

    /** DeleteEntry (502): volume id and type (0/1/2); superuser only. */
    public CompletableFuture<Void> deleteEntry(long volumeId, int type) {
        checkVolumeId(volumeId);
        return RpcCalls.callVoid(caller, VlOpcodes.DELETE_ENTRY, w -> {
            w.writeUnsignedInt(volumeId);
            w.writeInt(type);
        });
    }

    private static void checkVolumeId(long volumeId) {
        if (volumeId < 0 || volumeId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("volume id must be in 0..4294967295: " + volumeId);
        }
    }
}
