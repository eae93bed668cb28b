package rxgate.rxrpc.services;

import java.util.Locale;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * afsUUID (afs-rpcs.md §1.3): 11 XDR words, 44 bytes. The 16-bit fields travel widened and the
 * 8-bit fields sign-extended (rxgen {@code char}); decoding keeps only their low bits.
 *
 * @param timeLow               time_low (32 bits)
 * @param timeMid               time_mid (0..0xFFFF)
 * @param timeHiAndVersion      time_hi_and_version (0..0xFFFF)
 * @param clockSeqHiAndReserved clock_seq_hi_and_reserved (0..0xFF)
 * @param clockSeqLow           clock_seq_low (0..0xFF)
 * @param node                  node[0..5] as a 48-bit number, node[0] most significant
 */
public record AfsUuid(int timeLow, int timeMid, int timeHiAndVersion, int clockSeqHiAndReserved,
        int clockSeqLow, long node) {

    /** Encoded size in bytes. */
    public static final int SIZE = 44;

    /** The all-zero UUID. */
    public static final AfsUuid NIL = new AfsUuid(0, 0, 0, 0, 0, 0);

    public AfsUuid {
        if ((timeMid & ~0xFFFF) != 0 || (timeHiAndVersion & ~0xFFFF) != 0
                || (clockSeqHiAndReserved & ~0xFF) != 0 || (clockSeqLow & ~0xFF) != 0
                || (node & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("afsUUID field out of range");
        }
    }

    public static AfsUuid decode(XdrReader r) {
        int timeLow = r.readInt();
        int timeMid = r.readInt() & 0xFFFF;
        int timeHi = r.readInt() & 0xFFFF;
        int seqHi = r.readChar();
        int seqLow = r.readChar();
        long node = 0;
        for (int i = 0; i < 6; i++) {
            node = (node << 8) | r.readChar();
        }
        return new AfsUuid(timeLow, timeMid, timeHi, seqHi, seqLow, node);
    }

    public void encodeTo(XdrWriter w) {
        w.writeInt(timeLow);
        w.writeInt(timeMid);
        w.writeInt(timeHiAndVersion);
        w.writeChar(clockSeqHiAndReserved);
        w.writeChar(clockSeqLow);
        for (int i = 5; i >= 0; i--) {
            w.writeChar((int) (node >>> (8 * i)));
        }
    }

    /** Whether every field is zero. */
    public boolean isNil() {
        return equals(NIL);
    }

    /**
     * OpenAFS text form {@code %08x-%04x-%04x-%02x-%02x-%012x} (note the dash between the two
     * clock-sequence bytes), e.g. {@code 00090826-27c1-1b0a-ac-72-0100007faa77}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%08x-%04x-%04x-%02x-%02x-%012x",
                timeLow, timeMid, timeHiAndVersion, clockSeqHiAndReserved, clockSeqLow, node);
    }
}
