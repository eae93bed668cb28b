package rxgate.rxrpc.services.pt;

/** Protection server constants (afs-rpcs.md §3.1). */
public final class PtConstants {
    /** {@code prname} = {@code char[64]}: 64 words on the wire. */
    public static final int PR_MAXNAMELEN = 64;
    /** Longest name (one byte is the NUL). */
    public static final int MAX_NAME = PR_MAXNAMELEN - 1;
    /** Bound of namelist/idlist/prlist/prentries in OpenAFS's ptint.xg. */
    public static final int OPENAFS_MAXPRLIST = 500000;

    // special ids
    /** NameToID answer for an unknown name; the id of unauthenticated callers. */
    public static final int ANONYMOUSID = 32766;
    /** system:anyuser. */
    public static final int ANYUSERID = -101;
    /** system:authuser. */
    public static final int AUTHUSERID = -102;
    /** system:ptsviewers. */
    public static final int SYSVIEWERID = -203;
    /** system:administrators. */
    public static final int SYSADMINID = -204;
    /** system:backup. */
    public static final int SYSBACKUPID = -205;

    // NewEntry flag (entry type bits)
    public static final int PRUSER = 0;
    public static final int PRGRP = 2;
    public static final int PRFOREIGN = 16;
    public static final int PRINST = 32;

    // ListEntries flags
    public static final int PRUSERS = 1;
    public static final int PRGROUPS = 2;

    // privacy flags (prcheckentry.flags)
    /** S: status readable by anyone. */
    public static final int PRP_STATUS_ANY = 0x80;
    /** s: status readable by members. */
    public static final int PRP_STATUS_MEM = 0x40;
    /** O: owned list readable by anyone. */
    public static final int PRP_OWNED_ANY = 0x20;
    /** M: membership readable by anyone. */
    public static final int PRP_MEMBER_ANY = 0x10;
    /** m: membership readable by members. */
    public static final int PRP_MEMBER_MEM = 0x08;
    /** A: anyone may add. */
    public static final int PRP_ADD_ANY = 0x04;
    /** a: members may add. */
    public static final int PRP_ADD_MEM = 0x02;
    /** r: members may remove. */
    public static final int PRP_REMOVE_MEM = 0x01;

    private PtConstants() {
    }

    /** Whether {@code id} is a group id (groups have negative ids). */
    public static boolean isGroup(int id) {
        return id < 0;
    }

    /**
     * The privacy flags as the five-letter string {@code pts examine} prints, e.g. {@code S----}
     * for 0x80 and {@code SOM--} for 0xB0. Positions: status (S/s), owned (O), membership (M/m),
     * add (A/a), remove (r); '-' when unset, 'X' for the impossible two-bit value 3.
     */
    public static String privacyString(int flags) {
        char[] out = new char[5];
        // from the last position to the first: (bits, lower-case letter, upper-case letter)
        int f = flags;
        out[4] = (f & 1) != 0 ? 'r' : '-';
        f >>= 1;
        out[3] = twoBits(f & 3, 'a', 'A');
        f >>= 2;
        out[2] = twoBits(f & 3, 'm', 'M');
        f >>= 2;
        out[1] = (f & 1) != 0 ? 'O' : '-';
        f >>= 1;
        out[0] = twoBits(f & 3, 's', 'S');
        return new String(out);
    }

    private static char twoBits(int v, char lower, char upper) {
        return switch (v) {
            case 0 -> '-';
            case 1 -> lower;
            case 2 -> upper;
            default -> 'X';
        };
    }
}
