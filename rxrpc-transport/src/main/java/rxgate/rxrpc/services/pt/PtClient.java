package rxgate.rxrpc.services.pt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.services.RpcCaller;
import rxgate.rxrpc.services.RpcCalls;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * Client for the protection server (service 73, port 7002; afs-rpcs.md §3).
 *
 * <p>Every method returns at once; the future completes with the result or exceptionally with
 * {@link rxgate.rxrpc.RxCallException} (e.g. {@code PRNOENT}, {@code PRPERM}). Names longer
 * than 63 bytes or containing NUL throw {@link IllegalArgumentException} before anything is sent.
 * Note the server's conventions: NameToID answers {@link PtConstants#ANONYMOUSID} for unknown
 * names and IDToName the decimal id for unknown ids, instead of failing. Stateless and
 * thread-safe.
 */
public final class PtClient {
    private final RpcCaller caller;

    public PtClient(RpcCaller caller) {
        this.caller = Objects.requireNonNull(caller, "caller");
    }

    public RpcCaller caller() {
        return caller;
    }

    /** NameToID (504): one id per name, {@link PtConstants#ANONYMOUSID} for unknown names. */
    public CompletableFuture<List<Integer>> nameToId(List<String> names) {
        List<String> ns = List.copyOf(names);
        ns.forEach(PtClient::checkName);
        return RpcCalls.call(caller, PtOpcodes.NAME_TO_ID, w -> writeNameList(w, ns),
                r -> r.readIntList(PtConstants.OPENAFS_MAXPRLIST));
    }

    /** IDToName (505): one name per id, the decimal id for unknown ids. */
    public CompletableFuture<List<String>> idToName(List<Integer> ids) {
        List<Integer> is = List.copyOf(ids);
        return RpcCalls.call(caller, PtOpcodes.ID_TO_NAME,
                w -> w.writeIntList(is, PtConstants.OPENAFS_MAXPRLIST), PtClient::readNameList);
    }

    /** ListEntry (512): the entry for {@code id}; PRNOENT if there is none. */
    public CompletableFuture<PtEntry> listEntry(int id) {
        return RpcCalls.call(caller, PtOpcodes.LIST_ENTRY, w -> w.writeInt(id), PtEntry::decode);
    }

    /**
     * NewEntry (509): creates a user ({@code flag} {@link PtConstants#PRUSER}) or group
     * ({@link PtConstants#PRGRP}); {@code owner} 0 = the caller. Completes with the new id.
     */
    public CompletableFuture<Integer> newEntry(String name, int flag, int owner) {
        checkName(name);
        return RpcCalls.call(caller, PtOpcodes.NEW_ENTRY, w -> {
            w.writeString(name, PtConstants.PR_MAXNAMELEN);
            w.writeInt(flag);
            w.writeInt(owner);
        }, XdrReader::readInt);
    }

    /** INewEntry (500): creates an entry with a chosen id (PRIDEXIST if taken). */
    public CompletableFuture<Void> newEntryWithId(String name, int id, int owner) {
        checkName(name);
        return RpcCalls.callVoid(caller, PtOpcodes.INEW_ENTRY, w -> {
            w.writeString(name, PtConstants.PR_MAXNAMELEN);
            w.writeInt(id);
            w.writeInt(owner);
        });
    }

    /** Delete (506). */
    public CompletableFuture<Void> delete(int id) {
        return RpcCalls.callVoid(caller, PtOpcodes.DELETE, w -> w.writeInt(id));
    }

    /** AddToGroup (503): adds user {@code uid} to group {@code gid}. */
    public CompletableFuture<Void> addToGroup(int uid, int gid) {
        return RpcCalls.callVoid(caller, PtOpcodes.ADD_TO_GROUP, w -> {
            w.writeInt(uid);
            w.writeInt(gid);
        });
    }

    /** RemoveFromGroup (507): PRNOENT if {@code uid} is not a member. */
    public CompletableFuture<Void> removeFromGroup(int uid, int gid) {
        return RpcCalls.callVoid(caller, PtOpcodes.REMOVE_FROM_GROUP, w -> {
            w.writeInt(uid);
            w.writeInt(gid);
        });
    }

    /** ListElements (514): a group's members, or the groups a user belongs to. */
    public CompletableFuture<PtIdList> listElements(int id) {
        return RpcCalls.call(caller, PtOpcodes.LIST_ELEMENTS, w -> w.writeInt(id), PtClient::readPrlistOver);
    }

    /** GetCPS (508): the current protection subgroup of {@code id} (sorted, includes -101/-102). */
    public CompletableFuture<PtIdList> getCps(int id) {
        return RpcCalls.call(caller, PtOpcodes.GET_CPS, w -> w.writeInt(id), PtClient::readPrlistOver);
    }

    /** ListSuperGroups (530): the groups a group belongs to (RXGEN_OPCODE if unsupported). */
    public CompletableFuture<PtIdList> listSuperGroups(int id) {
        return RpcCalls.call(caller, PtOpcodes.LIST_SUPER_GROUPS, w -> w.writeInt(id), PtClient::readPrlistOver);
    }

    /** ListMax (510): highest user id and lowest group id. */
    public CompletableFuture<PtMax> listMax() {
        return RpcCalls.call(caller, PtOpcodes.LIST_MAX, null, r -> new PtMax(r.readInt(), r.readInt()));
    }

    /** IsAMemberOf (515): whether {@code uid} is a member of group {@code gid}. */
    public CompletableFuture<Boolean> isAMemberOf(int uid, int gid) {
        return RpcCalls.call(caller, PtOpcodes.IS_A_MEMBER_OF, w -> {
            w.writeInt(uid);
            w.writeInt(gid);
        }, r -> r.readInt() != 0);
    }

    /**
     * ListOwned (517), one page: the groups owned by {@code id} ({@code id} 0 = orphaned groups),
     * starting at cursor {@code lastp} (0 for the first page). The result's {@code over} is the
     * cursor for the next page, 0 when done.
     */
    public CompletableFuture<PtIdList> listOwned(int id, int lastp) {
        return RpcCalls.call(caller, PtOpcodes.LIST_OWNED, w -> {
            w.writeInt(id);
            w.writeInt(lastp);
        }, PtClient::readPrlistOver);
    }

    /** ListOwned over all pages: every group owned by {@code id}. */
    public CompletableFuture<List<Integer>> listOwned(int id) {
        return listOwnedFrom(id, 0, new ArrayList<>(), 0);
    }

    private static final int MAX_OWNED_PAGES = 10_000;

    private CompletableFuture<List<Integer>> listOwnedFrom(int id, int lastp, List<Integer> acc, int pages) {
        return listOwned(id, lastp).thenCompose(page -> {
            acc.addAll(page.ids());
            if (page.over() == 0 || page.over() == lastp || pages + 1 >= MAX_OWNED_PAGES) {
                return CompletableFuture.completedFuture(List.copyOf(acc));
            }
            return listOwnedFrom(id, page.over(), acc, pages + 1);
        });
    }

    /** Writes a namelist: count, then 64 words per name. */
    static void writeNameList(XdrWriter w, List<String> names) {
        if (names.size() > PtConstants.OPENAFS_MAXPRLIST) {
            throw new IllegalArgumentException("too many names: " + names.size());
        }
        w.writeInt(names.size());
        for (String n : names) {
            w.writeCharArray(n, PtConstants.PR_MAXNAMELEN);
        }
    }

    static List<String> readNameList(XdrReader r) {
        int n = r.readCount(PtConstants.OPENAFS_MAXPRLIST, 4 * PtConstants.PR_MAXNAMELEN);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.readCharArray(PtConstants.PR_MAXNAMELEN));
        }
        return List.copyOf(out);
    }

    static PtIdList readPrlistOver(XdrReader r) {
        List<Integer> ids = r.readIntList(PtConstants.OPENAFS_MAXPRLIST);
        int over = r.readInt();
        return new PtIdList(ids, over);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty PT name");
        }
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length > PtConstants.MAX_NAME) {
            throw new IllegalArgumentException("PT name longer than " + PtConstants.MAX_NAME
                    + " bytes (" + b.length + "): " + name);
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("PT name contains NUL");
        }
    }
}
