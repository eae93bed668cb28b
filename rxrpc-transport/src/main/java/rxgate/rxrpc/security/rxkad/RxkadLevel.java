package rxgate.rxrpc.security.rxkad;

import java.util.Locale;

/** The rxkad protection levels (rxkad.md §1, §4.3–4.5), with the wire value sent in the RESPONSE. */
public enum RxkadLevel {
    /** Header checksum only. */
    CLEAR(0, 0, 1),
    /** Checksum, plus the first 8 bytes of every DATA payload (sequence/length word) encrypted. */
    AUTH(1, 4, 1),
    /** Checksum, plus the whole DATA payload PCBC-encrypted. */
    CRYPT(2, 8, 8);

    private final int wire;
    private final int headerBytes;
    private final int blockBytes;

    RxkadLevel(int wire, int headerBytes, int blockBytes) {
        this.wire = wire;
        this.headerBytes = headerBytes;
        this.blockBytes = blockBytes;
    }

    /** The level number on the wire (0, 1, 2). */
    public int wire() {
        return wire;
    }

    /** Security header bytes in front of the user data of each DATA payload. */
    public int headerBytes() {
        return headerBytes;
    }

    /** User data per packet must be a multiple of this. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Lower-case name ("clear", "auth", "crypt"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "clear", "auth" or "crypt" (case-insensitive) or "0", "1", "2". */
    public static RxkadLevel parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (RxkadLevel l : values()) {
            if (l.label().equals(t) || Integer.toString(l.wire).equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown rxkad level '" + s + "' (expected clear, auth or crypt)");
    }

    /** The level with wire value {@code wire}. */
    public static RxkadLevel ofWire(int wire) {
        for (RxkadLevel l : values()) {
            if (l.wire == wire) {
                return l;
            }
        }
        throw new IllegalArgumentException("no rxkad level " + wire);
    }
}
