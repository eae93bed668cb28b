package rxgate.rxrpc.services.vl;

import java.util.ArrayList;
import java.util.List;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.xdr.XdrException;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * uvldbentry (afs-rpcs.md §2.3, 1048 bytes): like {@link NvldbEntry} but sites are given by
 * server UUID and uniquifier (GetEntryByNameU).
 *
 * <pre>
 *    0 name[65]                 260
 *  260 nServers                   4
 *  264 serverNumber[13] afsUUID 572
 *  836 serverUnique[13]          52
 *  888 serverPartition[13]       52
 *  940 serverFlags[13]           52
 *  992 volumeId[3]               12
 * 1004 cloneId, flags, matchindex
 * 1016 spares2..spares9          32
 * </pre>
 */
public record UvldbEntry(String name, List<UvldbSite> sites, long rwId, long roId, long backupId,
        long cloneId, int flags, int matchIndex) {

    /** Encoded size in bytes. */
    public static final int SIZE = 1048;

    public UvldbEntry {
        sites = List.copyOf(sites);
        if (sites.size() > VlConstants.NMAXNSERVERS) {
            throw new IllegalArgumentException("at most " + VlConstants.NMAXNSERVERS + " sites, got " + sites.size());
        }
        for (long id : new long[] {rwId, roId, backupId, cloneId}) {
            if (id < 0 || id > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("volume id not an unsigned 32-bit value: " + id);
            }
        }
    }

    public int nServers() {
        return sites.size();
    }

    public List<String> flagNames() {
        return VlConstants.entryFlagNames(flags);
    }

    public static UvldbEntry decode(XdrReader r) {
        String name = r.readCharArray(VlConstants.VL_MAXNAMELEN);
        int n = r.readInt();
        if (n < 0 || n > VlConstants.NMAXNSERVERS) {
            throw new XdrException("uvldbentry nServers out of range 0.." + VlConstants.NMAXNSERVERS + ": " + n);
        }
        AfsUuid[] uuids = new AfsUuid[VlConstants.NMAXNSERVERS];
        for (int i = 0; i < uuids.length; i++) {
            uuids[i] = AfsUuid.decode(r);
        }
        int[] unique = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        int[] partitions = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        int[] serverFlags = r.readFixedIntArray(VlConstants.NMAXNSERVERS);
        long rw = r.readUnsignedInt();
        long ro = r.readUnsignedInt();
        long bk = r.readUnsignedInt();
        long clone = r.readUnsignedInt();
        int flags = r.readInt();
        int matchIndex = r.readInt();
        r.skip(8 * 4);
        List<UvldbSite> sites = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sites.add(new UvldbSite(uuids[i], unique[i], partitions[i], serverFlags[i]));
        }
        return new UvldbEntry(name, sites, rw, ro, bk, clone, flags, matchIndex);
    }

    public void encodeTo(XdrWriter w) {
        w.writeCharArray(name, VlConstants.VL_MAXNAMELEN);
        w.writeInt(sites.size());
        for (int i = 0; i < VlConstants.NMAXNSERVERS; i++) {
            (i < sites.size() ? sites.get(i).server() : AfsUuid.NIL).encodeTo(w);
        }
        int[] unique = new int[VlConstants.NMAXNSERVERS];
        int[] partitions = new int[VlConstants.NMAXNSERVERS];
        int[] serverFlags = new int[VlConstants.NMAXNSERVERS];
        for (int i = 0; i < sites.size(); i++) {
            unique[i] = sites.get(i).unique();
            partitions[i] = sites.get(i).partition();
            serverFlags[i] = sites.get(i).flags();
        }
        w.writeFixedIntArray(unique);
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
