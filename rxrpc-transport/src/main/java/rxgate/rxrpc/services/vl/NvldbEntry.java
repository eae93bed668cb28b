package rxgate.rxrpc.services.vl;

import java.util.ArrayList;
import java.util.List;
import rxgate.rxrpc.xdr.XdrException;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * nvldbentry (afs-rpcs.md §2.3, 476 bytes): a VLDB entry with up to 13 sites given by IPv4
 * address. Volume ids are unsigned 32-bit values held in {@code long}s.
 *
 * <pre>
 *   0 name[65]            one word per char
 * 260 nServers
 * 264 serverNumber[13]    IPv4 as a 32-bit number
 * 316 serverPartition[13]
 * 368 serverFlags[13]     VLSF_*
 * 420 volumeId[3]         RW, RO, BK
 * 432 cloneId
 * 436 flags               VLF_*, VLOP_*
 * 440 matchindex
 * 444 spares2..spares9    zero
 * </pre>
 *
 * @param name       volume name (the RW name)
 * @param sites      the first nServers sites
 * @param rwId       volumeId[RWVOL]
 * @param roId       volumeId[ROVOL]
 * @param backupId   volumeId[BACKVOL]
 * @param cloneId    cloneId (the RO clone id during a release)
 * @param flags      VLF_* and VLOP_* bits
 * @param matchIndex site that matched a ListAttributes server/partition query
 */
public record NvldbEntry(String name, List<VlSite> sites, long rwId, long roId, long backupId,
        long cloneId, int flags, int matchIndex) {

    /** Encoded size in bytes. */
    public static final int SIZE = 476;

    public NvldbEntry {
        sites = List.copyOf(sites);
        if (sites.size() > VlConstants.NMAXNSERVERS) {
            throw new IllegalArgumentException("at most " + VlConstants.NMAXNSERVERS + " sites, got " + sites.size());
        }
        checkId("rwId", rwId);
        checkId("roId", roId);
        checkId("backupId", backupId);
        checkId("cloneId", cloneId);
    }

    private static void checkId(String what, long id) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " not an unsigned 32-bit value: " + id);
        }
    }

    /** nServers: the number of sites. */
    public int nServers() {
        return sites.size();
    }

    /** volumeId[type] for type 0 (RW), 1 (RO), 2 (BK). */
    public long volumeId(int type) {
        return switch (type) {
            case VlConstants.RWVOL -> rwId;
            case VlConstants.ROVOL -> roId;
            case VlConstants.BACKVOL -> backupId;
            default -> throw new IllegalArgumentException("volume type must be 0, 1 or 2: " + type);
        };
    }

    public boolean hasRw() {
        return (flags & VlConstants.VLF_RWEXISTS) != 0;
    }

    public boolean hasRo() {
        return (flags & VlConstants.VLF_ROEXISTS) != 0;
    }

    public boolean hasBackup() {
        return (flags & VlConstants.VLF_BACKEXISTS) != 0;
    }

    /** Whether a VLOP_* lock bit is set. */
    public boolean isLocked() {
        return (flags & VlConstants.VLOP_ALLOPERS) != 0;
    }

    /** Entry flag names, see {@link VlConstants#entryFlagNames}. */
    public List<String> flagNames() {
        return VlConstants.entryFlagNames(flags);
    }

    public static NvldbEntry decode(XdrReader r) {
        String name = r.readCharArray(VlConstants.VL_MAXNAMELEN);
        int n = r.readInt();
        if (n < 0 || n > VlConstants.NMAXNSERVERS) {
            throw new XdrException("nvldbentry nServers out of range 0.." + VlConstants.NMAXNSERVERS + ": " + n);
        }
        int[] servers = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        int[] partitions = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        int[] serverFlags = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        long rw = r.readUnsignedInt();
        long ro = r.readUnsignedInt();
        long bk = r.readUnsignedInt();
        long clone = r.readUnsignedInt();
        int flags = r.readInt();
        int matchIndex = r.readInt();
        r.skip(8 * 4); // spares2..spares9
        List<VlSite> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sites.add(new VlSite(servers[i], partitions[i], serverFlags[i]));
        }
        return new NvldbEntry(name, sites, rw, ro, bk, clone, flags, matchIndex);
    }

    /**
     * Encodes the entry (as CreateEntryN sends it).
     *
     * @throws IllegalArgumentException if the name does not fit char[65]
     */
    public void encodeTo(XdrWriter w) {
        w.writeCharArray(name, VlConstants.VL_MAXNAMELEN);
        w.writeInt(sites.size());
        int[] servers = new int[VlConstants.NMAXNSERVERS];
        int[] partitions = new int[VlConstants.NMAXNSERVERS];
        int[] serverFlags = new int[VlConstants.NMAXNSERVERS];
        for (int i = 0; i < sites.size(); i++) {
            servers[i] = sites.get(i).serverAddress();
            partitions[i] = sites.get(i).partition();
            serverFlags[i] = sites.get(i).flags();
        }
        w.writeFixedIntArray(servers);
        w.writeFixedIntArray(partitions);
        w.writeFixedIntArray(serverFlags);
        w.writeUnsignedInt(rwId);
        w.writeUnsignedInt(roId);
        w.writeUnsignedInt(backupId);
        w.writeUnsignedInt(cloneId);
        w.writeInt(flags);
        w.writeInt(matchIndex);
        w.writeFixedIntArray(new int[8]);
    }
}
