package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * One received datagram, decoded and checked: its {@link WireHeader} and its body (§1 of
 * {@code rxrpc-protocol.md}). {@link #decode} applies every check that needs nothing but the
 * datagram's bytes; what remains (connection, call, window) is the router's job.
 *
 * <p><b>Ownership.</b> {@link #body()} is a slice of the datagram, not a copy, and this object
 * holds no reference of its own: the caller keeps owning (and eventually releases) the datagram,
 * and the packet is valid only as long as the datagram is. Code that keeps body bytes beyond
 * that retains them (see {@link DataPacket}).
 *
 * <p><b>ACK bodies</b> are decoded eagerly by {@link #decode} (decoding is the validation) and
 * exposed by {@link #ack()}. Other bodies are decoded on demand: {@link #abortCode()},
 * {@link #debugRequest()}, {@link Jumbogram#split(RxPacket)} for DATA (which is where
 * {@link DropReason#BAD_JUMBO} is detected), {@link VersionBody#decode} on
 * {@code body().duplicate()} for VERSION replies. CHALLENGE and RESPONSE bodies are opaque here.
 */
public final class RxPacket {

    private final WireHeader header;
    private final ByteBuf body;
    private final AckPacket ack;

    private RxPacket(WireHeader header, ByteBuf body, AckPacket ack) {
        this.header = header;
        this.body = body;
        this.ack = ack;
    }

    /**
     * Decodes the datagram from its readerIndex to its writerIndex. The datagram's indices are
     * not changed, and no reference count is touched.
     *
     * <p>Checks, in order:
     * <ul>
     *   <li>length above {@link RxConstants#MAX_PACKET_SIZE}: {@link DropReason#OVERSIZE};</li>
     *   <li>length below 28: {@link DropReason#SHORT_HEADER};</li>
     *   <li>type 0, 9 (PARAMS), 10, 11, 12 or above 13: {@link DropReason#UNKNOWN_TYPE}
     *       (both stacks ignore 9..11 silently, §1.1);</li>
     *   <li>DATA, ACK, BUSY or ACKALL with callNumber 0: {@link DropReason#ZERO_CALL_NUMBER} (§2.3);</li>
     *   <li>DATA with seq 0: {@link DropReason#ZERO_SEQ_DATA} (§3.1);</li>
     *   <li>ACK whose body does not decode: {@link DropReason#BAD_ACK} (§4.1);</li>
     *   <li>ABORT with fewer than 4 body bytes: {@link DropReason#BAD_ABORT} (§6.1);</li>
     *   <li>client-initiated DEBUG with fewer than 8 body bytes: {@link DropReason#BAD_DEBUG}
     *       (§7.2; replies are not checked).</li>
     * </ul>
     *
     * @throws MalformedPacketException for any of the above; nothing else is thrown for any input
     */
    public static RxPacket decode(ByteBuf datagram) throws MalformedPacketException {
        int length = datagram.readableBytes();
        if (length > RxConstants.MAX_PACKET_SIZE) {
            throw new MalformedPacketException(DropReason.OVERSIZE, length + " bytes");
        }
        int start = datagram.readerIndex();
        WireHeader header;
        try {
            header = WireHeader.decode(datagram);
        } finally {
            datagram.readerIndex(start);
        }
        ByteBuf body = datagram.slice(start + WireHeader.SIZE, length - WireHeader.SIZE);
        AckPacket ack = null;
        switch (header.type()) {
            case PacketType.DATA:
                requireCallNumber(header);
                if (header.seq() == 0) {
                    throw new MalformedPacketException(DropReason.ZERO_SEQ_DATA);
                }
                break;
            case PacketType.ACK:
                requireCallNumber(header);
                ack = AckPacket.decode(body);
                body.readerIndex(0);
                break;
            case PacketType.BUSY:
            case PacketType.ACKALL:
                requireCallNumber(header);
                break;
            case PacketType.ABORT:
                if (body.readableBytes() < AbortPacket.SIZE) {
                    throw new MalformedPacketException(DropReason.BAD_ABORT,
                            "body of " + body.readableBytes() + " bytes");
                }
                break;
            case PacketType.DEBUG:
                if (header.isClientInitiated() && body.readableBytes() < DebugRequest.SIZE) {
                    throw new MalformedPacketException(DropReason.BAD_DEBUG,
                            "body of " + body.readableBytes() + " bytes");
                }
                break;
            case PacketType.CHALLENGE:
            case PacketType.RESPONSE:
            case PacketType.VERSION:
                break;
            default:
                throw new MalformedPacketException(DropReason.UNKNOWN_TYPE,
                        PacketType.name(header.type()));
        }
        return new RxPacket(header, body, ack);
    }

    private static void requireCallNumber(WireHeader header) throws MalformedPacketException {
        if (header.callNumber() == 0) {
            throw new MalformedPacketException(DropReason.ZERO_CALL_NUMBER,
                    PacketType.name(header.type()));
        }
    }

    /** The decoded header. */
    public WireHeader header() {
        return header;
    }

    /** Shorthand for {@code header().type()}. */
    public int type() {
        return header.type();
    }

    /**
     * The bytes after the header: a slice of the datagram, indices 0..{@link #bodyLength()}. The
     * same slice is returned each time, so reading it moves its reader index for every caller;
     * read {@code body().duplicate()} (or absolute getters) when that matters.
     */
    public ByteBuf body() {
        return body;
    }

    /** Number of body bytes (the datagram length minus 28). */
    public int bodyLength() {
        return body.capacity();
    }

    /**
     * The ACK body, decoded by {@link #decode}.
     *
     * @throws IllegalStateException if this is not an ACK
     */
    public AckPacket ack() {
        if (ack == null) {
            throw new IllegalStateException("not an ACK: " + header);
        }
        return ack;
    }

    /**
     * The ABORT code (the body's first 4 bytes, signed), read without moving the body's indices.
     *
     * @throws IllegalStateException if this is not an ABORT
     */
    public int abortCode() {
        if (header.type() != PacketType.ABORT) {
            throw new IllegalStateException("not an ABORT: " + header);
        }
        return body.getInt(0);
    }

    /**
     * The {@code rx_debugIn} request of a client-initiated DEBUG packet, read without moving the
     * body's indices.
     *
     * @throws IllegalStateException if this is not a client-initiated DEBUG packet
     */
    public DebugRequest debugRequest() {
        if (header.type() != PacketType.DEBUG || !header.isClientInitiated()) {
            throw new IllegalStateException("not a DEBUG request: " + header);
        }
        return new DebugRequest(body.getInt(0), body.getInt(4));
    }

    @Override
    public String toString() {
        return ack == null
                ? "RxPacket{" + header + " body=" + bodyLength() + '}'
                : "RxPacket{" + header + ' ' + ack + '}';
    }
}
