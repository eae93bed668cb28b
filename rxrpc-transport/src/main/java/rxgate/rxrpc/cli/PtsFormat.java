package rxgate.rxrpc.cli;

import java.util.List;
import rxgate.rxrpc.services.pt.PtEntry;

/**
 * PT output in the format of OpenAFS {@code pts} (src/ptserver/pts.c CheckEntry and
 * ListMembership).
 */
public final class PtsFormat {

    private PtsFormat() {
    }

    /**
     * {@code pts examine}:
     * <pre>
     * Name: alice, id: 1, owner: system:administrators, creator: admin,
     *   membership: 0, flags: S----, group quota: 20.
     * </pre>
     *
     * @param ownerName   IDToName of the owner
     * @param creatorName IDToName of the creator
     * @param admin       whether the entry is system:administrators or a member of it (quota
     *                    shown as "unlimited")
     */
    public static String examine(PtEntry e, String ownerName, String creatorName, boolean admin) {
        return "Name: " + e.name() + ", id: " + e.id() + ", owner: " + ownerName + ", creator: " + creatorName
                + ",\n  membership: " + e.count() + ", flags: " + e.privacyString() + ", group quota: "
                + (admin ? "unlimited" : Integer.toString(e.ngroups())) + ".\n";
    }

    /**
     * {@code pts membership}: "Members of NAME (id: ID) are:" for a group (negative id),
     * "Groups NAME (id: ID) is a member of:" for a user, then one indented name per line.
     */
    public static String membership(String name, int id, List<String> names) {
        StringBuilder sb = new StringBuilder();
        if (id < 0) {
            sb.append("Members of ").append(name).append(" (id: ").append(id).append(") are:\n");
        } else {
            sb.append("Groups ").append(name).append(" (id: ").append(id).append(") is a member of:\n");
        }
        for (String n : names) {
            sb.append("  ").append(n).append('\n');
        }
        return sb.toString();
    }
}
