package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * The optional 16-byte trailer after an ACK's soft-ACK table and 3 pad bytes (§4.1, §4.3 of
 * {@code rxrpc-protocol.md}). Four u32 words, kept as raw bit patterns: this record clamps
 * nothing; the consumer applies §4.3's bounds (e.g. maxMTU to 520..16384).
 *
 * <p>The trailer starts at body offset {@code 21 + nAcks} and is therefore not 4-byte aligned;
 * {@link ByteBuf} reads at any index, so no bytewise assembly is needed.
 *
 * @param maxMtu   word 0: largest Rx packet (incl. header) the peer accepts
 * @param ifMtu    word 1: the peer's interface MTU toward us ("natural" MTU)
 * @param rwind    word 2: the peer's receive window / free receive slots, in packets
 * @param jumboMax word 3: sub-packets per datagram the peer accepts; 0 = kernel "I do PMTUD"
 */
public record AckTrailer(int maxMtu, int ifMtu, int rwind, int jumboMax) {

    /** Size on the wire: {@value RxConstants#ACK_TRAILER_SIZE} bytes. */
    public static final int SIZE = RxConstants.ACK_TRAILER_SIZE;

    /**
     * Reads 16 bytes at {@code buf}'s readerIndex and advances it. The caller checks that 16
     * bytes are readable ({@link AckPacket#decode} does).
     */
    static AckTrailer decode(ByteBuf buf) {
        return new AckTrailer(buf.readInt(), buf.readInt(), buf.readInt(), buf.readInt());
    }

    /** Writes the four words at {@code buf}'s writerIndex. */
    public void encodeTo(ByteBuf buf) {
        buf.writeInt(maxMtu);
        buf.writeInt(ifMtu);
        buf.writeInt(rwind);
        buf.writeInt(jumboMax);
    }
}
