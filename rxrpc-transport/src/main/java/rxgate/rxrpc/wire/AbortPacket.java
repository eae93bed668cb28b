package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * The body of an ABORT packet: one signed 32-bit big-endian error code (§6.1 of
 * {@code rxrpc-protocol.md}), e.g. -1 RX_CALL_DEAD, -455 RXGEN_OPCODE, or a positive service
 * code. Whether it ends a call or the whole connection is the header's business (callNumber 0 =
 * connection).
 *
 * @param code the abort code, signed
 */
public record AbortPacket(int code) {

    /** Body length on the wire: 4 bytes. */
    public static final int SIZE = 4;

    /**
     * Reads the code at {@code body}'s readerIndex and advances it by 4 (extra bytes are left).
     *
     * @throws MalformedPacketException {@link DropReason#BAD_ABORT} for a body shorter than 4
     *                                  bytes. The kernel ignores such aborts, [K-2016] read an
     *                                  empty one as RX_CALL_DEAD; rxgate drops them.
     */
    public static AbortPacket decode(ByteBuf body) throws MalformedPacketException {
        if (body.readableBytes() < SIZE) {
            throw new MalformedPacketException(DropReason.BAD_ABORT,
                    "body of " + body.readableBytes() + " bytes");
        }
        return new AbortPacket(body.readInt());
    }

    /** Writes the 4-byte code at {@code buf}'s writerIndex. */
    public void encodeTo(ByteBuf buf) {
        buf.writeInt(code);
    }
}
