package rxgate.rxrpc.errors;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Names, descriptions and categories of the 32-bit codes an Rx call can fail with: Rx and rxgen
 * codes, the com_err tables of ubik ("U"), VL ("VL"), PT ("PT"), rxkad ("RXK"), the volserver
 * ("VOLS") and the fileserver's unified errno table ("uae"), the fileserver's volume codes
 * (101..120, 1234/1235, -1001) and Unix errno values where no AFS code uses the number.
 *
 * <p>Sources: rxrpc-protocol.md §6.1, afs-rpcs.md §1.4-§1.6, §2.5, §3.3, §5.4, rxkad.md §9. The
 * descriptions are our own wording. Unknown codes are named by their number.
 */
public final class AfsErrors {

    /**
     * Coarse classes of failure, for mapping to HTTP/gRPC statuses (see {@link #category}).
     */
    public enum ErrorCategory {
        /** No such volume, entry, user, file (HTTP 404). */
        NOT_FOUND,
        /** Caller not allowed, or authentication failed (HTTP 403/401). */
        PERMISSION,
        /** The thing to create already exists, or a conflicting state such as a non-empty directory (HTTP 409). */
        EXISTS,
        /** Temporarily busy or locked: retry after a pause (HTTP 503 with Retry-After / 429). */
        BUSY,
        /** The call timed out (HTTP 504). */
        TIMEOUT,
        /** Server down, restarting, no quorum, volume offline or moved: try elsewhere or later (HTTP 503). */
        UNAVAILABLE,
        /** The request was invalid: bad name, argument, type (HTTP 400). */
        BAD_REQUEST,
        /** Quota exceeded or partition/database full (HTTP 507, gRPC RESOURCE_EXHAUSTED). */
        NO_SPACE,
        /** Protocol, marshalling or server-internal failure (HTTP 500/502). */
        INTERNAL,
        /** A code we do not know. */
        UNKNOWN
    }

    private record Entry(String name, String description, ErrorCategory category) {
    }

    private static final Map<Integer, Entry> TABLE = new HashMap<>();
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    // ---- Rx (rxrpc-protocol.md §6.1) ----
    public static final int RX_CALL_DEAD = -1;
    public static final int RX_INVALID_OPERATION = -2;
    public static final int RX_CALL_TIMEOUT = -3;
    public static final int RX_EOF = -4;
    public static final int RX_PROTOCOL_ERROR = -5;
    public static final int RX_USER_ABORT = -6;
    public static final int RX_ADDRINUSE = -7;
    public static final int RX_MSGSIZE = -8;
    /**
     * Local only, never on the wire: a local limit refused the call (the transport reuses the
     * retired RX_CALL_BUSY number, which no peer sends any more).
     */
    public static final int RX_CALL_BUSY_LOCAL = -10;
    public static final int RX_RESTARTING = -100;
    /** Same value as {@link #RX_RESTARTING}: fileserver restarting. */
    public static final int VRESTARTING = -100;

    // ---- rxgen ----
    public static final int RXGEN_CC_MARSHAL = -450;
    public static final int RXGEN_CC_UNMARSHAL = -451;
    public static final int RXGEN_SS_MARSHAL = -452;
    public static final int RXGEN_SS_UNMARSHAL = -453;
    public static final int RXGEN_DECODE = -454;
    public static final int RXGEN_OPCODE = -455;
    public static final int RXGEN_SS_XDRFREE = -456;
    public static final int RXGEN_CC_XDRFREE = -457;

    // ---- com_err table bases (afs-rpcs.md §1.5) ----
    public static final int UBIK_BASE = 5376;
    public static final int VL_BASE = 363520;
    public static final int PT_BASE = 267264;
    public static final int RXKAD_BASE = 19270400;
    public static final int UAE_BASE = 49733376;
    public static final int VOLSER_BASE = 1492325120;

    // ---- ubik "U" ----
    public static final int UNOQUORUM = 5376;
    public static final int UNOTSYNC = 5377;
    public static final int UNHOSTS = 5378;
    public static final int UIOERROR = 5379;
    public static final int UINTERNAL = 5380;
    public static final int USYNC = 5381;
    public static final int UNOENT = 5382;
    public static final int UNOSERVERS = 5389;
    public static final int UDEADLOCK = 5402;
    public static final int UNOACCESS = 5407;
    public static final int UNOSPC = 5408;

    // ---- VL ----
    public static final int VL_IDEXIST = 363520;
    public static final int VL_IO = 363521;
    public static final int VL_NAMEEXIST = 363522;
    public static final int VL_CREATEFAIL = 363523;
    public static final int VL_NOENT = 363524;
    public static final int VL_EMPTY = 363525;
    public static final int VL_ENTDELETED = 363526;
    public static final int VL_BADNAME = 363527;
    public static final int VL_BADINDEX = 363528;
    public static final int VL_BADVOLTYPE = 363529;
    public static final int VL_BADSERVER = 363530;
    public static final int VL_BADPARTITION = 363531;
    public static final int VL_REPSFULL = 363532;
    public static final int VL_NOREPSERVER = 363533;
    public static final int VL_DUPREPSERVER = 363534;
    public static final int VL_RWNOTFOUND = 363535;
    public static final int VL_BADREFCOUNT = 363536;
    public static final int VL_SIZEEXCEEDED = 363537;
    public static final int VL_BADENTRY = 363538;
    public static final int VL_BADVOLIDBUMP = 363539;
    public static final int VL_IDALREADYHASHED = 363540;
    public static final int VL_ENTRYLOCKED = 363541;
    public static final int VL_BADVOLOPER = 363542;
    public static final int VL_BADRELLOCKTYPE = 363543;
    public static final int VL_RERELEASE = 363544;
    public static final int VL_BADSERVERFLAG = 363545;
    public static final int VL_PERM = 363546;
    public static final int VL_NOMEM = 363547;
    public static final int VL_BADVERSION = 363548;
    public static final int VL_INDEXERANGE = 363549;
    public static final int VL_MULTIPADDR = 363550;
    public static final int VL_BADMASK = 363551;
    public static final int VL_DBBAD = 363552;

    // ---- PT ----
    public static final int PREXIST = 267264;
    public static final int PRIDEXIST = 267265;
    public static final int PRNOIDS = 267266;
    public static final int PRDBFAIL = 267267;
    public static final int PRNOENT = 267268;
    public static final int PRPERM = 267269;
    public static final int PRNOTGROUP = 267270;
    public static final int PRNOTUSER = 267271;
    public static final int PRBADNAM = 267272;
    public static final int PRBADARG = 267273;
    public static final int PRNOMORE = 267274;
    public static final int PRDBBAD = 267275;
    public static final int PRGROUPEMPTY = 267276;
    public static final int PRINCONSISTENT = 267277;
    public static final int PRDBADDR = 267278;
    public static final int PRTOOMANY = 267279;
    public static final int PRNOMEM = 267280;
    public static final int PRINTERNAL = 267281;
    public static final int PRNAMETOOLONG = 267282;

    // ---- rxkad "RXK" (rxkad.md §9) ----
    public static final int RXKADINCONSISTENCY = 19270400;
    public static final int RXKADPACKETSHORT = 19270401;
    public static final int RXKADLEVELFAIL = 19270402;
    public static final int RXKADTICKETLEN = 19270403;
    public static final int RXKADOUTOFSEQUENCE = 19270404;
    public static final int RXKADNOAUTH = 19270405;
    public static final int RXKADBADKEY = 19270406;
    public static final int RXKADBADTICKET = 19270407;
    public static final int RXKADUNKNOWNKEY = 19270408;
    public static final int RXKADEXPIRED = 19270409;
    public static final int RXKADSEALEDINCON = 19270410;
    public static final int RXKADDATALEN = 19270411;
    public static final int RXKADILLEGALLEVEL = 19270412;

    // ---- fileserver volume codes (afs-rpcs.md §5.4) ----
    public static final int VSALVAGE = 101;
    public static final int VNOVNODE = 102;
    public static final int VNOVOL = 103;
    public static final int VVOLEXISTS = 104;
    public static final int VNOSERVICE = 105;
    public static final int VOFFLINE = 106;
    public static final int VONLINE = 107;
    public static final int VDISKFULL = 108;
    public static final int VOVERQUOTA = 109;
    public static final int VBUSY = 110;
    public static final int VMOVED = 111;
    public static final int VIO = 112;
    public static final int VSALVAGING = 113;
    public static final int VRESTRICTED = 120;
    public static final int VICECONNBAD = 1234;
    public static final int VICETOKENDEAD = 1235;
    /** Fileserver could not get the caller's CPS from the ptserver (afs-rpcs.md §4). */
    public static final int FS_NO_CPS = -1001;

    // ---- Unix errno (Linux numbering) where no AFS code uses the number ----
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EXDEV = 18;
    public static final int ENOTDIR = 20;
    public static final int EISDIR = 21;
    public static final int EINVAL = 22;
    public static final int EFBIG = 27;
    public static final int ENOSPC = 28;
    /** Also VREADONLY: write to a read-only volume. */
    public static final int EROFS = 30;
    public static final int EMLINK = 31;
    public static final int ENAMETOOLONG = 36;
    public static final int ENOLCK = 37;
    public static final int ENOTEMPTY = 39;
    public static final int ELOOP = 40;
    public static final int ESTALE = 116;
    public static final int EDQUOT = 122;

    // ---- uae (unified errno translation, afs-rpcs.md §5.4) ----
    public static final int UAEPERM = 49733376;
    public static final int UAENOENT = 49733377;
    public static final int UAEACCES = 49733388;
    public static final int UAEEXIST = 49733392;

    private AfsErrors() {
    }

    // ------------------------------------------------------------------------------------------
    // public API

    /** The symbolic name of {@code code}, or the number itself if unknown. */
    public static String name(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.name() : Integer.toString(code);
    }

    /** A short description of {@code code}, or {@code null} if unknown. */
    public static String describe(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.description() : null;
    }

    /** Whether {@code code} is in one of the tables. */
    public static boolean isKnown(int code) {
        return TABLE.containsKey(code);
    }

    /**
     * The category of {@code code}: what kind of failure it is, for mapping to HTTP/gRPC statuses
     * and retry decisions. Unknown codes are {@link ErrorCategory#UNKNOWN}.
     */
    public static ErrorCategory category(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.category() : ErrorCategory.UNKNOWN;
    }

    /** The code named {@code name} (e.g. "VL_NOENT" → 363524), if known. */
    public static OptionalInt code(String name) {
        Integer c = BY_NAME.get(name);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }

    /** {@code name(code) + " (" + code + ")"}, e.g. {@code VL_NOENT (363524)}. */
    public static String format(int code) {
        return name(code) + " (" + code + ")";
    }

    /** All known codes and their names (unmodifiable snapshot). */
    public static Map<Integer, String> names() {
        Map<Integer, String> m = new HashMap<>();
        TABLE.forEach((k, v) -> m.put(k, v.name()));
        return Collections.unmodifiableMap(m);
    }

    private static final String TABLE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_";

    /**
     * The first code of the com_err table named {@code tableName} (afs-rpcs.md §1.5): each
     * character's 1-based index in {@code A-Z a-z 0-9 _} is packed 6 bits per character (first
     * character most significant), and the result is shifted left by 8. "VL" gives 363520, "PT"
     * 267264, "RXK" 19270400, "U" 5376.
     *
     * @throws IllegalArgumentException if the name is empty, longer than 4 characters or has a
     *                                  character outside that alphabet
     */
    public static int tableBase(String tableName) {
        if (tableName.isEmpty() || tableName.length() > 4) {
            throw new IllegalArgumentException("error table name must have 1..4 characters: " + tableName);
        }
        long v = 0;
        for (int i = 0; i < tableName.length(); i++) {
            int idx = TABLE_CHARS.indexOf(tableName.charAt(i));
            if (idx < 0) {
                throw new IllegalArgumentException("illegal character in error table name: " + tableName);
            }
            v = (v << 6) + (idx + 1);
        }
        return (int) (v << 8);
    }

    /**
     * The com_err table name that {@code code} belongs to by its numbering (the inverse of
     * {@link #tableBase}), if the code's upper 24 bits decode to a valid table name; e.g.
     * {@code "VL"} for 363524. Negative codes (Rx, rxgen) and codes below 256 (errno) have no
     * table. Says nothing about whether the code is defined.
     */
    public static Optional<String> tableName(int code) {
        long v = (long) code >>> 8;
        if (code < 0 || v == 0) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        while (v != 0) {
            int c = (int) (v & 63);
            if (c == 0 || c > TABLE_CHARS.length()) {
                return Optional.empty();
            }
            sb.append(TABLE_CHARS.charAt(c - 1));
            v >>>= 6;
        }
        if (sb.length() > 4) {
            return Optional.empty();
        }
        return Optional.of(sb.reverse().toString());
    }

    // ------------------------------------------------------------------------------------------
    // tables

    private static void add(int code, String name, String text, ErrorCategory category) {
        Entry previous = TABLE.put(code, new Entry(name, text, category));
        if (BY_NAME.put(name, code) != null) {
            throw new IllegalStateException("duplicate error name " + name);
        }
        if (previous != null) {
            throw new IllegalStateException("duplicate error code " + code + ": "
                    + previous.name() + " and " + name);
        }
    }

    /** Adds a com_err table: codes are base(table) + position; each row is name, text, category. */
    private static void table(String tableName, Object... rows) {
        int base = tableBase(tableName);
        for (int i = 0; i < rows.length; i += 3) {
            add(base + i / 3, (String) rows[i], (String) rows[i + 1], (ErrorCategory) rows[i + 2]);
        }
    }

    private static final ErrorCategory NF = ErrorCategory.NOT_FOUND;
    private static final ErrorCategory PERM = ErrorCategory.PERMISSION;
    private static final ErrorCategory EX = ErrorCategory.EXISTS;
    private static final ErrorCategory BUSY = ErrorCategory.BUSY;
    private static final ErrorCategory TMO = ErrorCategory.TIMEOUT;
    private static final ErrorCategory UNAV = ErrorCategory.UNAVAILABLE;
    private static final ErrorCategory BAD = ErrorCategory.BAD_REQUEST;
    private static final ErrorCategory SPACE = ErrorCategory.NO_SPACE;
    private static final ErrorCategory INT = ErrorCategory.INTERNAL;

    private static void rx() {
        add(RX_CALL_DEAD, "RX_CALL_DEAD", "peer silent or call killed", UNAV);
        add(RX_INVALID_OPERATION, "RX_INVALID_OPERATION",
                "invalid operation (unknown service or security class)", UNAV);
        add(RX_CALL_TIMEOUT, "RX_CALL_TIMEOUT", "call timed out", TMO);
        add(RX_EOF, "RX_EOF", "unexpected end of stream", INT);
        add(RX_PROTOCOL_ERROR, "RX_PROTOCOL_ERROR", "protocol error", INT);
        add(RX_USER_ABORT, "RX_USER_ABORT", "call aborted by user", INT);
        add(RX_ADDRINUSE, "RX_ADDRINUSE", "address in use", INT);
        add(RX_MSGSIZE, "RX_MSGSIZE", "message too large", INT);
        add(RX_CALL_BUSY_LOCAL, "RX_CALL_BUSY_LOCAL", "too many calls in progress locally (not sent by a peer)", BUSY);
        add(RX_RESTARTING, "RX_RESTARTING", "server restarting", UNAV);
        add(RXGEN_CC_MARSHAL, "RXGEN_CC_MARSHAL", "client failed to marshal arguments", INT);
        add(RXGEN_CC_UNMARSHAL, "RXGEN_CC_UNMARSHAL", "client failed to unmarshal reply", INT);
        add(RXGEN_SS_MARSHAL, "RXGEN_SS_MARSHAL", "server failed to marshal reply", INT);
        add(RXGEN_SS_UNMARSHAL, "RXGEN_SS_UNMARSHAL", "server failed to unmarshal arguments", BAD);
        add(RXGEN_DECODE, "RXGEN_DECODE", "server could not decode the opcode", INT);
        add(RXGEN_OPCODE, "RXGEN_OPCODE", "opcode not implemented by the server", INT);
        add(RXGEN_SS_XDRFREE, "RXGEN_SS_XDRFREE", "server XDR free failed", INT);
        add(RXGEN_CC_XDRFREE, "RXGEN_CC_XDRFREE", "client XDR free failed", INT);
        add(FS_NO_CPS, "FS_NO_CPS", "fileserver could not get the caller's groups from the ptserver", UNAV);
    }

    private static void ubik() {
        table("U",
                "UNOQUORUM", "no quorum elected among the database servers", UNAV,
                "UNOTSYNC", "not the synchronization site (writes must go to the sync site)", UNAV,
                "UNHOSTS", "too many database hosts", INT,
                "UIOERROR", "I/O error writing the database or its log", INT,
                "UINTERNAL", "ubik internal error", INT,
                "USYNC", "major synchronization error", INT,
                "UNOENT", "database file not found", INT,
                "UBADLOCK", "bad lock range size", INT,
                "UBADLOG", "error re-reading the database log", INT,
                "UBADHOST", "problem with a host name", INT,
                "UBADTYPE", "operation not allowed for this transaction type", INT,
                "UTWOENDS", "transaction committed or aborted twice", INT,
                "UDONE", "operation after the transaction ended", INT,
                "UNOSERVERS", "no database servers appear to be up", UNAV,
                "UEOF", "premature end of file", INT,
                "ULOGIO", "error writing the log file", INT,
                "UBADFAM", "unsupported address family", INT,
                "UBADCELL", "inconsistent cell name", INT,
                "UBADSECGRP", "security group bad or missing", INT,
                "UBADGROUP", "server group name bad or missing", INT,
                "UBADUUID", "server UUID bad or missing", INT,
                "UNOMEM", "out of memory", INT,
                "UNOTMEMBER", "host is not a member of the server group", INT,
                "UNBINDINGS", "too many bindings per server", INT,
                "UBADPRINNAME", "inconsistent principal name", INT,
                "UPIPE", "I/O error in a ubik pipe", INT,
                "UDEADLOCK", "operation aborted to avoid a deadlock (two sync sites?)", BUSY,
                "UEXCEPTION", "RPC runtime exception", INT,
                "UTPQFAIL", "vote thread pool queue failure", INT,
                "USKEWED", "clock skew between database servers too high", UNAV,
                "UNOLOCK", "could not obtain the ubik lock", BUSY,
                "UNOACCESS", "permission denied for the attempted operation", PERM,
                "UNOSPC", "no space left on the database device", SPACE,
                "UBADPATH", "invalid database path name", INT,
                "UBADF", "bad file descriptor", INT,
                "UREINITIALIZE", "reinitialized before initialization", INT,
                "UMUTEXINIT", "failed to initialize a client mutex", INT,
                "UMUTEXDESTROY", "failed to destroy a client mutex", INT);
    }

    private static void vl() {
        table("VL",
                "VL_IDEXIST", "a VLDB entry with this volume id already exists", EX,
                "VL_IO", "VLDB I/O error", INT,
                "VL_NAMEEXIST", "a VLDB entry with this volume name already exists", EX,
                "VL_CREATEFAIL", "the VLDB entry could not be created", INT,
                "VL_NOENT", "no such VLDB entry", NF,
                "VL_EMPTY", "the VLDB is empty", NF,
                "VL_ENTDELETED", "the VLDB entry has been deleted", NF,
                "VL_BADNAME", "illegal volume name", BAD,
                "VL_BADINDEX", "index out of range", BAD,
                "VL_BADVOLTYPE", "bad volume type", BAD,
                "VL_BADSERVER", "bad server number or number of sites", BAD,
                "VL_BADPARTITION", "bad partition number", BAD,
                "VL_REPSFULL", "no room for more replication sites", SPACE,
                "VL_NOREPSERVER", "no such replication site", NF,
                "VL_DUPREPSERVER", "replication site already present", EX,
                "VL_RWNOTFOUND", "parent read/write entry not found", NF,
                "VL_BADREFCOUNT", "bad reference count", BAD,
                "VL_SIZEEXCEEDED", "too many entries for the attribute query", SPACE,
                "VL_BADENTRY", "malformed VLDB entry in the request", BAD,
                "VL_BADVOLIDBUMP", "bad volume id increment", BAD,
                "VL_IDALREADYHASHED", "read-only or backup id already in use", EX,
                "VL_ENTRYLOCKED", "the VLDB entry is locked", BUSY,
                "VL_BADVOLOPER", "bad volume operation code", BAD,
                "VL_BADRELLOCKTYPE", "bad release lock type", BAD,
                "VL_RERELEASE", "the previous release was aborted", INT,
                "VL_BADSERVERFLAG", "bad replication site flag", BAD,
                "VL_PERM", "permission denied", PERM,
                "VL_NOMEM", "vlserver out of memory", INT,
                "VL_BADVERSION", "wrong VLDB version", INT,
                "VL_INDEXERANGE", "server index out of range", BAD,
                "VL_MULTIPADDR", "several servers share an IP address", INT,
                "VL_BADMASK", "bad attribute mask", BAD,
                "VL_DBBAD", "the VLDB is inconsistent", INT);
    }

    private static void pt() {
        table("PT",
                "PREXIST", "an entry with this name already exists", EX,
                "PRIDEXIST", "an entry with this id already exists (or already a member)", EX,
                "PRNOIDS", "no free id for the new entry", SPACE,
                "PRDBFAIL", "could not read or write the protection database", INT,
                "PRNOENT", "no such user or group", NF,
                "PRPERM", "permission denied", PERM,
                "PRNOTGROUP", "not a group", BAD,
                "PRNOTUSER", "not a user", BAD,
                "PRBADNAM", "badly formed name (does the group prefix match the owner?)", BAD,
                "PRBADARG", "argument illegal or out of range", BAD,
                "PRNOMORE", "group creation quota exhausted", SPACE,
                "PRDBBAD", "the protection database needs rebuilding", INT,
                "PRGROUPEMPTY", "an empty group cannot own entries", BAD,
                "PRINCONSISTENT", "the protection database is inconsistent", INT,
                "PRDBADDR", "bad protection database address", INT,
                "PRTOOMANY", "too many elements in the group", SPACE,
                "PRNOMEM", "ptserver out of memory", INT,
                "PRINTERNAL", "protection library internal error", INT,
                "PRNAMETOOLONG", "name too long (at most 63 characters)", BAD);
    }

    private static void rxkad() {
        table("RXK",
                "RXKADINCONSISTENCY", "rxkad security object inconsistency", INT,
                "RXKADPACKETSHORT", "rxkad packet too short", INT,
                "RXKADLEVELFAIL", "rxkad security level negotiation failed", PERM,
                "RXKADTICKETLEN", "ticket length out of range", PERM,
                "RXKADOUTOFSEQUENCE", "rxkad response out of sequence (replay?)", PERM,
                "RXKADNOAUTH", "caller not authorized (ticket not yet valid or rejected)", PERM,
                "RXKADBADKEY", "illegal key", PERM,
                "RXKADBADTICKET", "ticket does not decrypt or is malformed", PERM,
                "RXKADUNKNOWNKEY", "server has no key for the ticket's key version", PERM,
                "RXKADEXPIRED", "ticket expired", PERM,
                "RXKADSEALEDINCON", "rxkad checksum or sealed data mismatch", PERM,
                "RXKADDATALEN", "rxkad sealed length larger than the packet", INT,
                "RXKADILLEGALLEVEL", "caller not allowed to use this security level", PERM);
    }

    private static void volumeCodes() {
        add(VSALVAGE, "VSALVAGE", "volume needs to be salvaged", UNAV);
        add(VNOVNODE, "VNOVNODE", "no such vnode (or stale file id)", NF);
        add(VNOVOL, "VNOVOL", "volume not on this server or not attached", NF);
        add(VVOLEXISTS, "VVOLEXISTS", "volume already exists", EX);
        add(VNOSERVICE, "VNOSERVICE", "volume not in service", UNAV);
        add(VOFFLINE, "VOFFLINE", "volume is offline", UNAV);
        add(VONLINE, "VONLINE", "volume is already online", BAD);
        add(VDISKFULL, "VDISKFULL", "partition is full", SPACE);
        add(VOVERQUOTA, "VOVERQUOTA", "volume quota exceeded", SPACE);
        add(VBUSY, "VBUSY", "volume temporarily busy, retry", BUSY);
        add(VMOVED, "VMOVED", "volume moved to another server", UNAV);
        add(VIO, "VIO", "vnode temporarily inaccessible", UNAV);
        add(VSALVAGING, "VSALVAGING", "volume is being salvaged", UNAV);
        add(VRESTRICTED, "VRESTRICTED", "volume is restricted", UNAV);
        add(VICECONNBAD, "VICECONNBAD", "fileserver connection problem", UNAV);
        add(VICETOKENDEAD, "VICETOKENDEAD", "authentication token expired", PERM);
    }

    private static void errno() {
        add(EPERM, "EPERM", "operation not permitted", PERM);
        add(ENOENT, "ENOENT", "no such file or directory", NF);
        add(EIO, "EIO", "I/O error", INT);
        add(EAGAIN, "EAGAIN", "resource temporarily unavailable (lock conflict)", BUSY);
        add(EACCES, "EACCES", "permission denied", PERM);
        add(EBUSY, "EBUSY", "device or resource busy", BUSY);
        add(EEXIST, "EEXIST", "file exists", EX);
        add(EXDEV, "EXDEV", "cross-device (cross-volume) link", BAD);
        add(ENOTDIR, "ENOTDIR", "not a directory", BAD);
        add(EISDIR, "EISDIR", "is a directory", BAD);
        add(EINVAL, "EINVAL", "invalid argument", BAD);
        add(EFBIG, "EFBIG", "file too large (or directory full)", SPACE);
        add(ENOSPC, "ENOSPC", "no space left on device", SPACE);
        add(EROFS, "EROFS", "read-only volume or file system", PERM);
        add(EMLINK, "EMLINK", "too many links", BAD);
        add(ENAMETOOLONG, "ENAMETOOLONG", "file name too long", BAD);
        add(ENOLCK, "ENOLCK", "no locks available", BUSY);
        add(ENOTEMPTY, "ENOTEMPTY", "directory not empty", EX);
        add(ELOOP, "ELOOP", "too many levels of symbolic links", BAD);
        add(ESTALE, "ESTALE", "stale file handle", NF);
        add(EDQUOT, "EDQUOT", "quota exceeded", SPACE);
    }

    /** Table "uae": the errno names in unified_afs.et order; code = 49733376 + position. */
    private static final String[] UAE_NAMES = {
        "PERM", "NOENT", "SRCH", "INTR", "IO", "NXIO", "2BIG", "NOEXEC", "BADF", "CHILD",
        "AGAIN", "NOMEM", "ACCES", "FAULT", "NOTBLK", "BUSY", "EXIST", "XDEV", "NODEV", "NOTDIR",
        "ISDIR", "INVAL", "NFILE", "MFILE", "NOTTY", "TXTBSY", "FBIG", "NOSPC", "SPIPE", "ROFS",
        "MLINK", "PIPE", "DOM", "RANGE", "DEADLK", "NAMETOOLONG", "NOLCK", "NOSYS", "NOTEMPTY",
        "LOOP", "WOULDBLOCK", "NOMSG", "IDRM", "CHRNG", "L2NSYNC", "L3HLT", "L3RST", "LNRNG",
        "UNATCH", "NOCSI", "L2HLT", "BADE", "BADR", "XFULL", "NOANO", "BADRQC", "BADSLT", "BFONT",
        "NOSTR", "NODATA", "TIME", "NOSR", "NONET", "NOPKG", "REMOTE", "NOLINK", "ADV", "SRMNT",
        "COMM", "PROTO", "MULTIHOP", "DOTDOT", "BADMSG", "OVERFLOW", "NOTUNIQ", "BADFD",
        "REMCHG", "LIBACC", "LIBBAD", "LIBSCN", "LIBMAX", "LIBEXEC", "ILSEQ", "RESTART",
        "STRPIPE", "USERS", "NOTSOCK", "DESTADDRREQ", "MSGSIZE", "PROTOTYPE", "NOPROTOOPT",
        "PROTONOSUPPORT", "SOCKTNOSUPPORT", "OPNOTSUPP", "PFNOSUPPORT", "AFNOSUPPORT",
        "ADDRINUSE", "ADDRNOTAVAIL", "NETDOWN", "NETUNREACH", "NETRESET", "CONNABORTED",
        "CONNRESET", "NOBUFS", "ISCONN", "NOTCONN", "SHUTDOWN", "TOOMANYREFS", "TIMEDOUT",
        "CONNREFUSED", "HOSTDOWN", "HOSTUNREACH", "ALREADY", "INPROGRESS", "STALE", "UCLEAN",
        "NOTNAM", "NAVAIL", "ISNAM", "REMOTEIO", "DQUOT", "NOMEDIUM", "MEDIUMTYPE", "CANCELED",
        "NOTRECOVERABLE", "NOTSUP", "OTHER", "OWNERDEAD", "PROCLIM", "DISCON",
    };

    private static void uae() {
        for (int i = 0; i < UAE_NAMES.length; i++) {
            String errno = "E" + UAE_NAMES[i];
            int code = UAE_BASE + i;
            add(code, "UAE" + UAE_NAMES[i], uaeDescription(errno), uaeCategory(errno));
        }
    }

    private static String uaeDescription(String errno) {
        for (Map.Entry<Integer, Entry> e : TABLE.entrySet()) {
            if (e.getKey() > 0 && e.getKey() < 256 && e.getValue().name().equals(errno)) {
                return e.getValue().description() + " (translated errno " + errno + ")";
            }
        }
        return switch (errno) {
            case "ENOMEM" -> "server out of memory (translated errno ENOMEM)";
            case "ETIMEDOUT" -> "timed out (translated errno ETIMEDOUT)";
            case "ENOTCONN" -> "not connected (translated errno ENOTCONN)";
            case "EWOULDBLOCK" -> "operation would block (translated errno EWOULDBLOCK)";
            case "EDEADLK" -> "deadlock avoided (translated errno EDEADLK)";
            case "ENOSYS", "EOPNOTSUPP", "ENOTSUP" -> "operation not supported (translated errno " + errno + ")";
            default -> "translated errno " + errno;
        };
    }

    private static ErrorCategory uaeCategory(String errno) {
        for (Map.Entry<Integer, Entry> e : TABLE.entrySet()) {
            if (e.getKey() > 0 && e.getKey() < 256 && e.getValue().name().equals(errno)) {
                return e.getValue().category();
            }
        }
        return switch (errno) {
            case "ETIMEDOUT" -> TMO;
            case "EWOULDBLOCK", "EDEADLK" -> BUSY;
            case "ENOTCONN", "ENETDOWN", "ENETUNREACH", "EHOSTDOWN", "EHOSTUNREACH",
                    "ECONNREFUSED", "ECONNRESET", "ESHUTDOWN" -> UNAV;
            case "ENOSYS", "EOPNOTSUPP", "ENOTSUP", "ERANGE", "EDOM", "EOVERFLOW", "EILSEQ",
                    "ENXIO", "ENODEV", "EBADF" -> BAD;
            default -> INT;
        };
    }

    private static void volser() {
        table("VOLS",
                "VOLSERTRELE_ERROR", "volserver failed to release a transaction", INT,
                "VOLSERNO_OP", "volserver internal error", INT,
                "VOLSERREAD_DUMPERROR", "malformed volume dump", BAD,
                "VOLSERDUMPERROR", "malformed volume dump", BAD,
                "VOLSERATTACH_ERROR", "could not attach the volume", INT,
                "VOLSERILLEGAL_PARTITION", "illegal partition", BAD,
                "VOLSERDETACH_ERROR", "could not detach the volume", INT,
                "VOLSERBAD_ACCESS", "not privileged for this volume operation", PERM,
                "VOLSERVLDB_ERROR", "error from the volume location database", INT,
                "VOLSERBADNAME", "bad volume name", BAD,
                "VOLSERVOLMOVED", "volume moved", UNAV,
                "VOLSERBADOP", "illegal volume operation", BAD,
                "VOLSERBADRELEASE", "volume release failed", INT,
                "VOLSERVOLBUSY", "volume in use by the volserver", BUSY,
                "VOLSERNO_MEMORY", "volserver out of memory", INT,
                "VOLSERNOVOL", "no such volume", NF,
                "VOLSERMULTIRWVOL", "more than one read/write volume", INT,
                "VOLSERFAILEDOP", "volserver operation failed", INT);
    }

    // Must stay last: the tables above use the static fields declared before this block.
    static {
        rx();
        ubik();
        vl();
        pt();
        rxkad();
        volumeCodes();
        errno();
        uae();
        volser();
    }
}
