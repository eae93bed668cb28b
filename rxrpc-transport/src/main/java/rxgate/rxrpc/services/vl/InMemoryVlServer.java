package rxgate.rxrpc.services.vl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.services.RpcServices;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * A volume location server kept in memory, speaking the VL RPCs rxgate's clients use
 * (ProbeServer, GetEntryByNameN, GetEntryByIDN, ListAttributesN, CreateEntryN, DeleteEntry) with
 * the OpenAFS server's answers and error codes (afs-rpcs.md §2). It backs the gateway's embedded
 * demo cell and Java-to-Java tests; it is not a replacement for a real vlserver (no ubik, no
 * locks, no persistence). Thread-safe.
 */
public final class InMemoryVlServer {
    /** Bound on the entries kept (an embedded demo, not a database). */
    public static final int MAX_ENTRIES = 100_000;
    private final Map<String, NvldbEntry> byName = new LinkedHashMap<>();

    /** The service definition (VL, id 52). */
    public RxService service() {
        return RpcServices.stub(VlOpcodes.SERVICE_ID, this::handle).build();
    }

    /** Adds or replaces an entry. */
    public synchronized void put(NvldbEntry entry) {
        if (byName.size() >= MAX_ENTRIES && !byName.containsKey(entry.name())) {
            throw new IllegalStateException("in-memory VLDB full");
        }
        byName.put(entry.name(), entry);
    }

    synchronized byte[] handle(byte[] request) {
        XdrReader r = new XdrReader(request);
        int opcode = r.readInt();
        XdrWriter w = new XdrWriter();
        switch (opcode) {
            case VlOpcodes.PROBE_SERVER -> { }
            case VlOpcodes.GET_ENTRY_BY_NAME_N -> find(r.readString(VlConstants.VL_MAXNAMELEN)).encodeTo(w);
            case VlOpcodes.GET_ENTRY_BY_ID_N -> {
                long id = r.readUnsignedInt();
                int type = r.readInt();
                byId(id, type).encodeTo(w);
            }
            case VlOpcodes.LIST_ATTRIBUTES_N -> {
                VlListByAttributes q = VlListByAttributes.decode(r);
                List<NvldbEntry> found = new ArrayList<>();
                for (NvldbEntry e : byName.values()) {
                    if (matches(e, q)) {
                        found.add(e);
                    }
                }
                w.writeInt(found.size());
                w.writeInt(found.size());
                for (NvldbEntry e : found) {
                    e.encodeTo(w);
                }
            }
            case VlOpcodes.CREATE_ENTRY_N -> {
                NvldbEntry e = NvldbEntry.decode(r);
                if (!VlNames.isLegal(e.name())) {
                    throw new RxAbortException(AfsErrors.VL_BADNAME);
                }
                if (byName.containsKey(e.name())) {
                    throw new RxAbortException(AfsErrors.VL_NAMEEXIST);
                }
                for (NvldbEntry other : byName.values()) {
                    if (other.rwId() == e.rwId()) {
                        throw new RxAbortException(AfsErrors.VL_IDEXIST);
                    }
                }
                put(e);
            }
            case VlOpcodes.DELETE_ENTRY -> {
                NvldbEntry e = byId(r.readUnsignedInt(), r.readInt());
                byName.remove(e.name());
            }
            default -> throw new RxAbortException(AfsErrors.RXGEN_OPCODE);
        }
        return w.toByteArray();
    }

    private NvldbEntry find(String name) {
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return byId(Long.parseLong(name), VlConstants.ANYVOL); // a number names a volume id (§2.2)
        }
        NvldbEntry e = byName.get(name);
        if (e == null) {
            throw new RxAbortException(VlNames.isLegal(name) ? AfsErrors.VL_NOENT : AfsErrors.VL_BADNAME);
        }
        return e;
    }

    private NvldbEntry byId(long id, int type) {
        for (NvldbEntry e : byName.values()) {
            if ((type == VlConstants.ANYVOL || type == VlConstants.RWVOL) && e.rwId() == id
                    || (type == VlConstants.ANYVOL || type == VlConstants.ROVOL) && e.roId() == id && id != 0
                    || (type == VlConstants.ANYVOL || type == VlConstants.BACKVOL) && e.backupId() == id && id != 0) {
                return e;
            }
        }
        throw new RxAbortException(AfsErrors.VL_NOENT);
    }

    private static boolean matches(NvldbEntry e, VlListByAttributes q) {
        if ((q.mask() & 0x8) != 0) {
            return e.rwId() == q.volumeId() || e.roId() == q.volumeId() || e.backupId() == q.volumeId();
        }
        if ((q.mask() & 0x1) != 0 && e.sites().stream().noneMatch(s -> s.serverAddress() == q.server())) {
            return false;
        }
        if ((q.mask() & 0x2) != 0 && e.sites().stream().noneMatch(s -> s.partition() == q.partition())) {
            return false;
        }
        return (q.mask() & 0x10) == 0 || (e.flags() & q.flag()) != 0;
    }
}
