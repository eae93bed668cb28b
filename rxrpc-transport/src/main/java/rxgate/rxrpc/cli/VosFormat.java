package rxgate.rxrpc.cli;

import java.util.List;
import rxgate.rxrpc.services.vl.NvldbEntry;
import rxgate.rxrpc.services.vl.VlConstants;
import rxgate.rxrpc.services.vl.VlSite;

/**
 * VLDB entries in the format of OpenAFS {@code vos listvldb -noresolve} (src/volser/vsprocs.c
 * EnumerateEntry/SubEnumerateEntry, src/volser/vos.c PrintLocked and ListVLDB), including
 * vos's trailing spaces.
 */
public final class VosFormat {

    private VosFormat() {
    }

    /** One entry as {@code vos listvldb -name X -noresolve} prints it. */
    public static String entry(NvldbEntry e) {
        StringBuilder sb = new StringBuilder();
        sb.append('\n').append(e.name()).append(" \n");
        subEntry(sb, e);
        locked(sb, e.flags());
        return sb.toString();
    }

    /** The lines from "RWrite:" to the last site (vos's SubEnumerateEntry). */
    static void subEntry(StringBuilder sb, NvldbEntry e) {
        if (e.hasRw()) {
            sb.append("    RWrite: ").append(pad10(e.rwId()));
        }
        if (e.hasRo()) {
            sb.append("    ROnly: ").append(pad10(e.roId()));
        }
        if (e.hasBackup()) {
            sb.append("    Backup: ").append(pad10(e.backupId()));
        }
        if (e.cloneId() != 0 && e.hasRo()) {
            sb.append("    RClone: ").append(pad10(e.cloneId()));
        }
        sb.append('\n');
        sb.append("    number of sites -> ").append(e.nServers()).append('\n');
        boolean mixed = e.sites().stream().anyMatch(s -> (s.flags() & VlConstants.VLSF_NEWREPSITE) != 0);
        for (VlSite s : e.sites()) {
            sb.append("       server ").append(s.addressString()).append(" partition ")
                    .append(s.partitionName()).append(' ');
            sb.append(s.isRw() ? "RW Site " : "RO Site ");
            if (mixed) {
                if ((s.flags() & VlConstants.VLSF_NEWREPSITE) != 0) {
                    sb.append(" -- New release");
                } else if (!s.isRw()) {
                    sb.append(" -- Old release");
                }
            } else if ((s.flags() & VlConstants.VLSF_DONTUSE) != 0) {
                sb.append(" -- Not released");
            }
            sb.append('\n');
        }
    }

    /** vos's PrintLocked. */
    static void locked(StringBuilder sb, int flags) {
        int f = flags & VlConstants.VLOP_ALLOPERS;
        if (f == 0) {
            return;
        }
        sb.append("    Volume is currently LOCKED  \n");
        if ((f & VlConstants.VLOP_MOVE) != 0) {
            sb.append("    Volume is locked for a move operation\n");
        }
        if ((f & VlConstants.VLOP_RELEASE) != 0) {
            sb.append("    Volume is locked for a release operation\n");
        }
        if ((f & VlConstants.VLOP_BACKUP) != 0) {
            sb.append("    Volume is locked for a backup operation\n");
        }
        if ((f & VlConstants.VLOP_DELETE) != 0) {
            sb.append("    Volume is locked for a delete/misc operation\n");
        }
        if ((f & VlConstants.VLOP_DUMP) != 0) {
            sb.append("    Volume is locked for a dump/restore operation\n");
        }
    }

    /** {@code vos listvldb} for all servers: header, entries sorted by name, total. */
    public static String list(List<NvldbEntry> entries) {
        StringBuilder sb = new StringBuilder("VLDB entries for all servers \n");
        entries.stream().sorted((a, b) -> compareNames(a.name(), b.name())).forEach(e -> sb.append(entry(e)));
        sb.append("\nTotal entries: ").append(entries.size()).append('\n');
        return sb.toString();
    }

    /** strcmp order on the names' bytes (what vos sorts by). */
    static int compareNames(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }

    /** C {@code %-10u}. */
    private static String pad10(long v) {
        StringBuilder s = new StringBuilder(Long.toString(v));
        while (s.length() < 10) {
            s.append(' ');
        }
        return s.toString();
    }
}
