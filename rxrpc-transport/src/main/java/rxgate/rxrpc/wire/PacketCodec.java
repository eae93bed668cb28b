package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * Writes complete outgoing datagrams (header + body) into a {@link ByteBuf}; the receive side is
 * {@link RxPacket#decode}. Section references are to {@code rxrpc-protocol.md}.
 *
 * <p>Each {@code write*} method appends at the buffer's writerIndex and checks that the header's
 * type fits (a mismatch is a programming error: {@link IllegalArgumentException}). The
 * {@code *_LENGTH} constants and {@link #ackLength} give exact datagram sizes for allocation,
 * e.g. {@code alloc.ioBuffer(PacketCodec.ackLength(ack))}. DATA is written by
 * {@link DataPacket#encodeTo} or, for several packets in one datagram, {@link Jumbogram#encode}.
 */
public final class PacketCodec {

    private PacketCodec() {
    }

    /** Datagram length of BUSY and ACKALL: the header alone (§6.2, §6.3). */
    public static final int HEADER_ONLY_LENGTH = WireHeader.SIZE;
    /** Datagram length of an ABORT: header + 4-byte code (§6.1). */
    public static final int ABORT_LENGTH = WireHeader.SIZE + AbortPacket.SIZE;
    /** Datagram length of a VERSION request or keepalive: header + one zero byte (§7.1). */
    public static final int VERSION_REQUEST_LENGTH =
            WireHeader.SIZE + RxConstants.VERSION_REQUEST_BODY_SIZE;
    /** Datagram length of a VERSION reply: header + 65 bytes (§7.1). */
    public static final int VERSION_REPLY_LENGTH = WireHeader.SIZE + VersionBody.SIZE;
    /** Datagram length of a DEBUG request: header + 8 bytes (§7.2). */
    public static final int DEBUG_REQUEST_LENGTH = WireHeader.SIZE + DebugRequest.SIZE;

    /** Datagram length of an ACK: {@code 28 + 18 + n}, plus {@code 3 + 16} with a trailer (65 + n, §4.1). */
    public static int ackLength(AckPacket ack) {
        return WireHeader.SIZE + ack.encodedLength();
    }

    /** Writes an ACK datagram (§4.1). Header type must be ACK. */
    public static void writeAck(ByteBuf out, WireHeader header, AckPacket ack) {
        requireType(header, PacketType.ACK);
        out.ensureWritable(ackLength(ack));
        header.encodeTo(out);
        ack.encodeTo(out);
    }

    /** Writes an ABORT datagram carrying {@code code} (§6.1). Header type must be ABORT. */
    public static void writeAbort(ByteBuf out, WireHeader header, int code) {
        requireType(header, PacketType.ABORT);
        out.ensureWritable(ABORT_LENGTH);
        header.encodeTo(out);
        out.writeInt(code);
    }

    /** Writes a BUSY datagram, header only (§6.2). Header type must be BUSY. */
    public static void writeBusy(ByteBuf out, WireHeader header) {
        requireType(header, PacketType.BUSY);
        header.encodeTo(out);
    }

    /** Writes an ACKALL datagram, header only (§6.3). Header type must be ACKALL. */
    public static void writeAckAll(ByteBuf out, WireHeader header) {
        requireType(header, PacketType.ACKALL);
        header.encodeTo(out);
    }

    /**
     * Writes a VERSION request or keepalive: the header and one zero byte (§7.1). Header type must
     * be VERSION. See {@link #versionRequestHeader(int)} for what rxdebug sends.
     */
    public static void writeVersionRequest(ByteBuf out, WireHeader header) {
        requireType(header, PacketType.VERSION);
        out.ensureWritable(VERSION_REQUEST_LENGTH);
        header.encodeTo(out);
        out.writeByte(0);
    }

    /**
     * Writes a VERSION reply: the header and the 65-byte body (§7.1). Header type must be
     * VERSION; see {@link #replyHeader(WireHeader)}.
     */
    public static void writeVersionReply(ByteBuf out, WireHeader header, VersionBody version) {
        requireType(header, PacketType.VERSION);
        out.ensureWritable(VERSION_REPLY_LENGTH);
        header.encodeTo(out);
        version.encodeTo(out);
    }

    /**
     * Writes a DEBUG request (§7.2). Header type must be DEBUG; see
     * {@link #debugRequestHeader(int)}. A DEBUG reply is {@link #replyHeader(WireHeader)}
     * followed by the reply struct, which the debug service writes itself.
     */
    public static void writeDebugRequest(ByteBuf out, WireHeader header, DebugRequest request) {
        requireType(header, PacketType.DEBUG);
        out.ensureWritable(DEBUG_REQUEST_LENGTH);
        header.encodeTo(out);
        request.encodeTo(out);
    }

    /**
     * The header rxdebug {@code -version} sends (§7.1): epoch 999, cid 0, the given callNumber,
     * seq 0, serial 0, type VERSION, flags CLIENT_INITIATED|LAST_PACKET, everything else 0.
     */
    public static WireHeader versionRequestHeader(int callNumber) {
        return rxdebugHeader(PacketType.VERSION, callNumber);
    }

    /** As {@link #versionRequestHeader(int)} but type DEBUG, as rxdebug's {@code MakeDebugCall} sends (§7.2). */
    public static WireHeader debugRequestHeader(int callNumber) {
        return rxdebugHeader(PacketType.DEBUG, callNumber);
    }

    private static WireHeader rxdebugHeader(int type, int callNumber) {
        return new WireHeader(RxConstants.RXDEBUG_EPOCH, 0, callNumber, 0, 0, type,
                PacketFlags.CLIENT_INITIATED | PacketFlags.LAST_PACKET, 0, 0, 0, 0);
    }

    /**
     * The header of a reply to a VERSION or DEBUG request, OpenAFS style: the request header
     * with CLIENT_INITIATED cleared, everything else (serial included) echoed (§7.1, §7.2).
     */
    public static WireHeader replyHeader(WireHeader request) {
        return request.withFlags(request.flags() & ~PacketFlags.CLIENT_INITIATED);
    }

    private static void requireType(WireHeader header, int type) {
        if (header.type() != type) {
            throw new IllegalArgumentException("expected a " + PacketType.name(type)
                    + " header, got " + header);
        }
    }
}
