package rxgate.rxrpc.services.vl;

import java.util.ArrayList;
import java.util.List;

/** VL constants and flag names (afs-rpcs.md §2.2, §2.3). */
public final class VlConstants {
    /** Volume name buffer size including the NUL ({@code char name[65]}). */
    public static final int VL_MAXNAMELEN = 65;
    /** Longest legal volume name. */
    public static final int MAX_VOLUME_NAME = VL_MAXNAMELEN - 1;
    /** Sites in the old vldbentry. */
    public static final int OMAXNSERVERS = 8;
    /** Sites in nvldbentry / uvldbentry. */
    public static final int NMAXNSERVERS = 13;
    /** volumeId[] entries: RW, RO, BK. */
    public static final int MAXTYPES = 3;
    /** Most addresses in a bulkaddrs reply. */
    public static final int MAX_BULK_ADDRS = 500;
    /** Implementation limit on entries accepted in one ListAttributesN reply (our choice). */
    public static final int MAX_BULK_ENTRIES = 1 << 20;

    // voltype
    public static final int RWVOL = 0;
    public static final int ROVOL = 1;
    public static final int BACKVOL = 2;
    /** GetEntryByID*: any type. */
    public static final int ANYVOL = -1;

    // entry flags
    public static final int VLF_RWEXISTS = 0x1000;
    public static final int VLF_ROEXISTS = 0x2000;
    public static final int VLF_BACKEXISTS = 0x4000;
    public static final int VLF_DFSFILESET = 0x8000;
    public static final int VLOP_MOVE = 0x10;
    public static final int VLOP_RELEASE = 0x20;
    public static final int VLOP_BACKUP = 0x40;
    public static final int VLOP_DELETE = 0x80;
    public static final int VLOP_DUMP = 0x100;
    /** Any VLOP_* bit: the entry is locked. */
    public static final int VLOP_ALLOPERS = VLOP_MOVE | VLOP_RELEASE | VLOP_BACKUP | VLOP_DELETE | VLOP_DUMP;

    // server (site) flags
    public static final int VLSF_NEWREPSITE = 0x01;
    public static final int VLSF_ROVOL = 0x02;
    public static final int VLSF_RWVOL = 0x04;
    public static final int VLSF_BACKVOL = 0x08;
    public static final int VLSF_UUID = 0x10;
    public static final int VLSF_DONTUSE = 0x20;
    public static final int VLSF_RWREPLICA = 0x40;

    // VldbListByAttributes.Mask
    public static final int VLLIST_SERVER = 0x1;
    public static final int VLLIST_PARTITION = 0x2;
    public static final int VLLIST_VOLUMEID = 0x8;
    public static final int VLLIST_FLAG = 0x10;

    // ListAddrByAttributes.Mask
    public static final int VLADDR_IPADDR = 0x1;
    public static final int VLADDR_INDEX = 0x2;
    public static final int VLADDR_UUID = 0x4;

    private VlConstants() {
    }

    /** "RW", "RO", "BK" for 0, 1, 2; the number otherwise. */
    public static String volumeTypeName(int type) {
        return switch (type) {
            case RWVOL -> "RW";
            case ROVOL -> "RO";
            case BACKVOL -> "BK";
            case ANYVOL -> "any";
            default -> Integer.toString(type);
        };
    }

    /**
     * Names of the set entry flags, e.g. {@code [RW, RO, locked:release]}; unknown bits as hex.
     */
    public static List<String> entryFlagNames(int flags) {
        List<String> out = new ArrayList<>();
        int rest = flags;
        rest = bit(out, flags, rest, VLF_RWEXISTS, "RW");
        rest = bit(out, flags, rest, VLF_ROEXISTS, "RO");
        rest = bit(out, flags, rest, VLF_BACKEXISTS, "BK");
        rest = bit(out, flags, rest, VLF_DFSFILESET, "DFS");
        rest = bit(out, flags, rest, VLOP_MOVE, "locked:move");
        rest = bit(out, flags, rest, VLOP_RELEASE, "locked:release");
        rest = bit(out, flags, rest, VLOP_BACKUP, "locked:backup");
        rest = bit(out, flags, rest, VLOP_DELETE, "locked:delete");
        rest = bit(out, flags, rest, VLOP_DUMP, "locked:dump");
        if (rest != 0) {
            out.add("0x" + Integer.toHexString(rest));
        }
        return out;
    }

    /** Names of the set site flags, e.g. {@code [RW, UUID]}; unknown bits as hex. */
    public static List<String> siteFlagNames(int flags) {
        List<String> out = new ArrayList<>();
        int rest = flags;
        rest = bit(out, flags, rest, VLSF_NEWREPSITE, "NEWREPSITE");
        rest = bit(out, flags, rest, VLSF_ROVOL, "RO");
        rest = bit(out, flags, rest, VLSF_RWVOL, "RW");
        rest = bit(out, flags, rest, VLSF_BACKVOL, "BK");
        rest = bit(out, flags, rest, VLSF_UUID, "UUID");
        rest = bit(out, flags, rest, VLSF_DONTUSE, "DONTUSE");
        rest = bit(out, flags, rest, VLSF_RWREPLICA, "RWREPLICA");
        if (rest != 0) {
            out.add("0x" + Integer.toHexString(rest));
        }
        return out;
    }

    private static int bit(List<String> out, int flags, int rest, int bit, String name) {
        if ((flags & bit) != 0) {
            out.add(name);
        }
        return rest & ~bit;
    }
}
