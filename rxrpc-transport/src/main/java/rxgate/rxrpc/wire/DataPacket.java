package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * One DATA packet: its header and its payload (§3 of {@code rxrpc-protocol.md}). On receipt
 * this is one sub-packet of a datagram ({@link Jumbogram#split}); on sending it is one entry of
 * {@link Jumbogram#encode}.
 *
 * <p><b>Ownership.</b> The payload is a {@link ByteBuf} view, never a copy, and this record does
 * not own a reference to it. For received packets it is a slice of the datagram: valid only while
 * the caller still holds the datagram, and sharing its reference count. Whoever keeps a payload
 * beyond that (e.g. in a receive queue) calls {@code payload().retain()} (or
 * {@code retainedSlice()}) and later releases it. Reading the payload moves only the slice's own
 * reader index; the encoders here never move it.
 *
 * @param header  the packet's header (type DATA)
 * @param payload the packet's data bytes, from readerIndex to writerIndex
 */
public record DataPacket(WireHeader header, ByteBuf payload) {

    public DataPacket {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        if (header.type() != PacketType.DATA) {
            throw new IllegalArgumentException("not a DATA header: " + header);
        }
    }

    /** Number of payload bytes. */
    public int length() {
        return payload.readableBytes();
    }

    /** Size of this packet on the wire as a datagram of its own: 28 + payload. */
    public int encodedLength() {
        return WireHeader.SIZE + payload.readableBytes();
    }

    /**
     * Writes header and payload as a plain (non-jumbo) datagram at {@code buf}'s writerIndex. The
     * payload's indices are not changed.
     */
    public void encodeTo(ByteBuf buf) {
        buf.ensureWritable(encodedLength());
        header.encodeTo(buf);
        buf.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
    }

    /** For logs: the header and the payload length (payload bytes are not printed). */
    @Override
    public String toString() {
        return "DataPacket{" + header + " length=" + payload.readableBytes() + '}';
    }
}
