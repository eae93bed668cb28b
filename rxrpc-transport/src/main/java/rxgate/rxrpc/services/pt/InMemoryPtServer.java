package rxgate.rxrpc.services.pt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import rxgate.rxrpc.RxAbortException;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.services.RpcServices;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * A protection server kept in memory, answering the PR RPCs rxgate's clients use (NameToID,
 * IDToName, ListEntry, NewEntry, Delete, AddToGroup, RemoveFromGroup, ListElements, ListMax,
 * IsAMemberOf) as OpenAFS's ptserver does (afs-rpcs.md §3), without its access checks. It backs
 * the gateway's embedded demo cell and Java-to-Java tests. Thread-safe.
 */
public final class InMemoryPtServer {
    /** Bound on the entries kept (an embedded demo, not a database). */
    public static final int MAX_ENTRIES = 100_000;
    private static final int OWNER_ADMINS = PtConstants.SYSADMINID;

    private final Map<Integer, Entry> byId = new TreeMap<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private int maxUserId;
    private int minGroupId = -206;

    private static final class Entry {
        final int id;
        final String name;
        final int owner;
        final int creator;
        final Set<Integer> members = new LinkedHashSet<>();
        final Set<Integer> groups = new LinkedHashSet<>();

        Entry(int id, String name, int owner, int creator) {
            this.id = id;
            this.name = name;
            this.owner = owner;
            this.creator = creator;
        }

        PtEntry toPtEntry() {
            boolean group = id < 0;
            int count = group ? members.size() : groups.size();
            return new PtEntry(group ? 0x90 : 0x80, id, owner, creator, group ? 0 : 20, 0, count, name);
        }
    }

    public InMemoryPtServer() {
        add(new Entry(PtConstants.ANYUSERID, "system:anyuser", OWNER_ADMINS, OWNER_ADMINS));
        add(new Entry(PtConstants.AUTHUSERID, "system:authuser", OWNER_ADMINS, OWNER_ADMINS));
        add(new Entry(PtConstants.SYSADMINID, "system:administrators", OWNER_ADMINS, OWNER_ADMINS));
        add(new Entry(PtConstants.ANONYMOUSID, "anonymous", OWNER_ADMINS, OWNER_ADMINS));
    }

    /** The service definition (PT, id 73). */
    public RxService service() {
        return RpcServices.stub(PtOpcodes.SERVICE_ID, this::handle).build();
    }

    /** Creates a user (flag 0) or group ({@link PtConstants#PRGRP}); returns its id. */
    public synchronized int create(String name, int flag, int owner) {
        return insert(name, (flag & PtConstants.PRGRP) != 0 ? minGroupId - 1 : maxUserId + 1, owner);
    }

    /** Creates an entry with a chosen id (negative: a group), as INewEntry; PRIDEXIST if taken. */
    public synchronized int createWithId(String name, int id, int owner) {
        if (byId.containsKey(id)) {
            throw new RxAbortException(AfsErrors.PRIDEXIST);
        }
        return insert(name, id, owner);
    }

    private int insert(String name, int id, int owner) {
        String n = name.toLowerCase(Locale.ROOT);
        if (byName.containsKey(n)) {
            throw new RxAbortException(AfsErrors.PREXIST);
        }
        if (byId.size() >= MAX_ENTRIES) {
            throw new RxAbortException(AfsErrors.PRNOIDS);
        }
        minGroupId = Math.min(minGroupId, id);
        maxUserId = Math.max(maxUserId, id);
        int own = owner == 0 ? OWNER_ADMINS : owner;
        add(new Entry(id, n, own, OWNER_ADMINS));
        return id;
    }

    /** Makes {@code uid} a member of {@code gid}. */
    public synchronized void addToGroup(int uid, int gid) {
        Entry user = entry(uid);
        Entry group = entry(gid);
        if (gid >= 0) {
            throw new RxAbortException(AfsErrors.PRNOTGROUP);
        }
        if (gid == PtConstants.ANYUSERID || gid == PtConstants.AUTHUSERID || uid == PtConstants.ANONYMOUSID) {
            throw new RxAbortException(AfsErrors.PRPERM);
        }
        if (!group.members.add(uid)) {
            throw new RxAbortException(AfsErrors.PRIDEXIST);
        }
        user.groups.add(gid);
    }

    private void add(Entry e) {
        byId.put(e.id, e);
        byName.put(e.name, e.id);
    }

    private Entry entry(int id) {
        Entry e = byId.get(id);
        if (e == null) {
            throw new RxAbortException(AfsErrors.PRNOENT);
        }
        return e;
    }

    synchronized byte[] handle(byte[] request) {
        XdrReader r = new XdrReader(request);
        int opcode = r.readInt();
        XdrWriter w = new XdrWriter();
        switch (opcode) {
            case PtOpcodes.NAME_TO_ID -> {
                List<String> names = PtClient.readNameList(r);
                List<Integer> ids = new ArrayList<>();
                for (String n : names) {
                    String key = n.toLowerCase(Locale.ROOT);
                    int at = key.indexOf('@');
                    ids.add(byName.getOrDefault(at > 0 ? key.substring(0, at) : key, PtConstants.ANONYMOUSID));
                }
                w.writeIntList(ids, PtConstants.OPENAFS_MAXPRLIST);
            }
            case PtOpcodes.ID_TO_NAME -> {
                List<Integer> ids = r.readIntList(PtConstants.OPENAFS_MAXPRLIST);
                List<String> names = new ArrayList<>();
                for (int id : ids) {
                    Entry e = byId.get(id);
                    names.add(e != null ? e.name : Integer.toString(id));
                }
                PtClient.writeNameList(w, names);
            }
            case PtOpcodes.LIST_ENTRY -> entry(r.readInt()).toPtEntry().encodeTo(w);
            case PtOpcodes.NEW_ENTRY -> {
                String name = r.readString(PtConstants.PR_MAXNAMELEN);
                int flag = r.readInt();
                int owner = r.readInt();
                if (name.isEmpty() || name.length() > PtConstants.MAX_NAME) {
                    throw new RxAbortException(AfsErrors.PRBADNAM);
                }
                w.writeInt(create(name, flag, owner));
            }
            case PtOpcodes.INEW_ENTRY -> {
                String name = r.readString(PtConstants.PR_MAXNAMELEN);
                int id = r.readInt();
                int owner = r.readInt();
                if (name.isEmpty() || name.length() > PtConstants.MAX_NAME || id == 0) {
                    throw new RxAbortException(AfsErrors.PRBADNAM);
                }
                createWithId(name, id, owner);
            }
            case PtOpcodes.DELETE -> {
                Entry e = entry(r.readInt());
                if (e.id == PtConstants.SYSADMINID || e.id == PtConstants.ANYUSERID || e.id == PtConstants.AUTHUSERID
                        || e.id == PtConstants.ANONYMOUSID) {
                    throw new RxAbortException(AfsErrors.PRPERM);
                }
                for (int g : e.groups) {
                    byId.get(g).members.remove(e.id);
                }
                for (int m : e.members) {
                    byId.get(m).groups.remove(e.id);
                }
                byId.remove(e.id);
                byName.remove(e.name);
            }
            case PtOpcodes.ADD_TO_GROUP -> addToGroup(r.readInt(), r.readInt());
            case PtOpcodes.REMOVE_FROM_GROUP -> {
                int uid = r.readInt();
                int gid = r.readInt();
                Entry group = entry(gid);
                if (!group.members.remove(uid)) {
                    throw new RxAbortException(AfsErrors.PRNOENT);
                }
                entry(uid).groups.remove(gid);
            }
            case PtOpcodes.LIST_ELEMENTS -> {
                Entry e = entry(r.readInt());
                w.writeIntList(new ArrayList<>(e.id < 0 ? e.members : e.groups), PtConstants.OPENAFS_MAXPRLIST);
                w.writeInt(0); // over
            }
            case PtOpcodes.LIST_MAX -> {
                w.writeInt(maxUserId);
                w.writeInt(minGroupId);
            }
            case PtOpcodes.IS_A_MEMBER_OF -> {
                int uid = r.readInt();
                int gid = r.readInt();
                Entry group = entry(gid);
                w.writeInt(group.members.contains(uid) ? 1 : 0);
            }
            default -> throw new RxAbortException(AfsErrors.RXGEN_OPCODE);
        }
        return w.toByteArray();
    }
}
