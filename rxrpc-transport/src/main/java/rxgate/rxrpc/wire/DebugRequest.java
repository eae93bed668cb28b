package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * {@code rx_debugIn}, the 8-byte body of a client-initiated DEBUG packet (§7.2 of
 * {@code rxrpc-protocol.md}): {@code int32 type; int32 index}, big-endian. The same layout,
 * {@link #BAD_TYPE_REPLY}, answers an unknown request type.
 *
 * @param type  {@link RxConstants#RX_DEBUGI_GETSTATS} .. {@link RxConstants#RX_DEBUGI_GETPEER}, or anything
 * @param index 0-based connection/peer index for GETCONN/GETALLCONN/GETPEER, else 0
 */
public record DebugRequest(int type, int index) {

    /** Body length on the wire: {@value RxConstants#DEBUG_REQUEST_SIZE} bytes. */
    public static final int SIZE = RxConstants.DEBUG_REQUEST_SIZE;

    /** The reply body to an unknown request type: {@code {-8, -8}} ({@code RX_DEBUGI_BADTYPE}, §7.2). */
    public static final DebugRequest BAD_TYPE_REPLY =
            new DebugRequest(RxConstants.RX_DEBUGI_BADTYPE, RxConstants.RX_DEBUGI_BADTYPE);

    /**
     * Reads 8 bytes at {@code body}'s readerIndex and advances it (extra bytes are left).
     *
     * @throws MalformedPacketException {@link DropReason#BAD_DEBUG} for a body shorter than 8 bytes
     */
    public static DebugRequest decode(ByteBuf body) throws MalformedPacketException {
        if (body.readableBytes() < SIZE) {
            throw new MalformedPacketException(DropReason.BAD_DEBUG,
                    "body of " + body.readableBytes() + " bytes");
        }
        return new DebugRequest(body.readInt(), body.readInt());
    }

    /** Writes the 8 bytes at {@code buf}'s writerIndex. */
    public void encodeTo(ByteBuf buf) {
        buf.writeInt(type);
        buf.writeInt(index);
    }
}
