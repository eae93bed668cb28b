package rxgate.rxrpc.services.pt;

import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * prcheckentry / prlistentries (afs-rpcs.md §3.1, 304 bytes): flags, id, owner, creator,
 * ngroups, nusers, count, reserved[5], name[64 words].
 *
 * @param flags   privacy flags (entry flags >> 16): see {@link PtConstants#privacyString}
 * @param id      the entry's id (negative for groups)
 * @param owner   owner id
 * @param creator creator id
 * @param ngroups group creation quota
 * @param nusers  foreign user quota
 * @param count   number of memberships (groups of a user, members of a group)
 * @param name    the name
 */
public record PtEntry(int flags, int id, int owner, int creator, int ngroups, int nusers, int count,
        String name) {

    public static final int SIZE = 304;

    public boolean isGroup() {
        return id < 0;
    }

    /** {@code pts examine}'s five-letter privacy string. */
    public String privacyString() {
        return PtConstants.privacyString(flags);
    }

    public static PtEntry decode(XdrReader r) {
        int flags = r.readInt();
        int id = r.readInt();
        int owner = r.readInt();
        int creator = r.readInt();
        int ngroups = r.readInt();
        int nusers = r.readInt();
        int count = r.readInt();
        r.skip(5 * 4); // reserved[5]
        String name = r.readCharArray(PtConstants.PR_MAXNAMELEN);
        return new PtEntry(flags, id, owner, creator, ngroups, nusers, count, name);
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(flags);
        w.writeInt(id);
        w.writeInt(owner);
        w.writeInt(creator);
        w.writeInt(ngroups);
        w.writeInt(nusers);
        w.writeInt(count);
        w.writeFixedIntArray(new int[5]);
        w.writeCharArray(name, PtConstants.PR_MAXNAMELEN);
    }
}
