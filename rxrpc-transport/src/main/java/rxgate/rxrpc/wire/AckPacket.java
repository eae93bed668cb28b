package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Objects;

/**
 * The body of an ACK packet, i.e. the bytes after the 28-byte header (§4.1 of
 * {@code rxrpc-protocol.md}).
 *
 * <pre>
 *  0 bufferSpace u16 | 2 maxSkew u16 | 4 firstPacket u32 | 8 previousPacket u32
 * 12 serial u32 | 16 reason u8 | 17 nAcks u8 | 18 acks[nAcks]
 * 18+n pad[3] = 0 | 21+n trailer (16 bytes, optional, {@link AckTrailer})
 * </pre>
 *
 * Entry {@code i} of {@code acks} describes seq {@code firstPacket + i}: bit 0 set = soft-ACK
 * (received), clear = NACK. The raw byte is kept; the other bits are reserved and ignored by
 * {@link #isSoftAcked(int)}.
 *
 * <p>The {@code acks} array is copied on construction and by {@link #acks()}; use
 * {@link #nAcks()} and {@link #ack(int)} to read it without allocating.
 *
 * @param bufferSpace    u16, both stacks send 0; ignore on receipt
 * @param maxSkew        u16, both stacks send 0; ignore on receipt
 * @param firstPacket    lowest seq not hard-ACKed; every seq below it is hard-ACKed
 * @param previousPacket last (OpenAFS) / highest (kernel) DATA seq received; may be a serial from old OpenAFS
 * @param serial         serial of the packet that provoked this ACK; 0 for timer-driven ACKs
 * @param reason         {@link AckReason}, 0..255 (unknown values allowed)
 * @param acks           soft-ACK table, 0..255 entries
 * @param trailer        the trailer, or {@code null} when the peer sent none
 */
public record AckPacket(
        int bufferSpace,
        int maxSkew,
        int firstPacket,
        int previousPacket,
        int serial,
        int reason,
        byte[] acks,
        AckTrailer trailer) {

    /** A {@code acks[]} entry: the packet is missing. */
    public static final byte NACK = 0;
    /** A {@code acks[]} entry: the packet was received (soft-ACK). */
    public static final byte ACK = 1;

    public AckPacket {
        if ((bufferSpace & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("bufferSpace out of range 0..65535: " + bufferSpace);
        }
        if ((maxSkew & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("maxSkew out of range 0..65535: " + maxSkew);
        }
        if ((reason & ~0xFF) != 0) {
            throw new IllegalArgumentException("reason out of range 0..255: " + reason);
        }
        Objects.requireNonNull(acks, "acks");
        if (acks.length > RxConstants.MAX_ACKS) {
            throw new IllegalArgumentException("more than " + RxConstants.MAX_ACKS + " acks: "
                    + acks.length);
        }
        acks = acks.clone();
    }

    /**
     * Reads an ACK body at {@code body}'s readerIndex and advances it past what was parsed
     * (bytes after the trailer, such as PMTUD padding on a padded PING, are left unread).
     *
     * <p>A body with fewer than 3 + 16 bytes after the acks has no trailer ({@code trailer ==
     * null}); this also covers old kernels' terminal ACKs that lacked the pad bytes (§10).
     * Nothing is clamped here.
     *
     * @throws MalformedPacketException {@link DropReason#BAD_ACK} if the body is shorter than 18
     *                                  bytes or {@code nAcks} exceeds it
     */
    public static AckPacket decode(ByteBuf body) throws MalformedPacketException {
        int readable = body.readableBytes();
        if (readable < RxConstants.ACK_BODY_BASE_SIZE) {
            throw new MalformedPacketException(DropReason.BAD_ACK, "body of " + readable + " bytes");
        }
        int start = body.readerIndex();
        int nAcks = body.getUnsignedByte(start + 17);
        if (readable - RxConstants.ACK_BODY_BASE_SIZE < nAcks) {
            throw new MalformedPacketException(DropReason.BAD_ACK,
                    "nAcks " + nAcks + " exceeds body of " + readable + " bytes");
        }
        int bufferSpace = body.readUnsignedShort();
        int maxSkew = body.readUnsignedShort();
        int firstPacket = body.readInt();
        int previousPacket = body.readInt();
        int serial = body.readInt();
        int reason = body.readUnsignedByte();
        body.skipBytes(1); // nAcks, read above
        byte[] acks = new byte[nAcks];
        body.readBytes(acks);
        AckTrailer trailer = null;
        if (body.readableBytes() >= RxConstants.ACK_PAD_SIZE + AckTrailer.SIZE) {
            body.skipBytes(RxConstants.ACK_PAD_SIZE);
            trailer = AckTrailer.decode(body);
        }
        return new AckPacket(bufferSpace, maxSkew, firstPacket, previousPacket, serial, reason,
                acks, trailer);
    }

    /**
     * Writes the body at {@code buf}'s writerIndex: 18 + n bytes, followed by 3 zero pad bytes
     * and the 16-byte trailer when {@link #trailer()} is not null. See {@link #encodedLength()}.
     */
    public void encodeTo(ByteBuf buf) {
        buf.ensureWritable(encodedLength());
        buf.writeShort(bufferSpace);
        buf.writeShort(maxSkew);
        buf.writeInt(firstPacket);
        buf.writeInt(previousPacket);
        buf.writeInt(serial);
        buf.writeByte(reason);
        buf.writeByte(acks.length);
        buf.writeBytes(acks);
        if (trailer != null) {
            buf.writeZero(RxConstants.ACK_PAD_SIZE);
            trailer.encodeTo(buf);
        }
    }

    /** Body length written by {@link #encodeTo}: {@code 18 + n}, plus {@code 3 + 16} with a trailer. */
    public int encodedLength() {
        int length = RxConstants.ACK_BODY_BASE_SIZE + acks.length;
        return trailer == null ? length : length + RxConstants.ACK_PAD_SIZE + AckTrailer.SIZE;
    }

    /** A copy of the soft-ACK table. */
    @Override
    public byte[] acks() {
        return acks.clone();
    }

    /** Number of soft-ACK entries, 0..255. */
    public int nAcks() {
        return acks.length;
    }

    /** The raw entry {@code i} (describing seq {@code firstPacket + i}) as 0..255. */
    public int ack(int i) {
        return acks[i] & 0xFF;
    }

    /**
     * Whether {@code seq} is soft-ACKed: it lies in {@code [firstPacket, firstPacket + nAcks)}
     * (modulo 2^32) and its entry has bit 0 set.
     */
    public boolean isSoftAcked(int seq) {
        int index = seq - firstPacket;
        return index >= 0 && index < acks.length && (acks[index] & 1) != 0;
    }

    /** Whether {@code seq} is hard-ACKed, i.e. before {@code firstPacket} (signed difference, §0, §4.4). */
    public boolean isHardAcked(int seq) {
        return seq - firstPacket < 0;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AckPacket other)) {
            return false;
        }
        return bufferSpace == other.bufferSpace
                && maxSkew == other.maxSkew
                && firstPacket == other.firstPacket
                && previousPacket == other.previousPacket
                && serial == other.serial
                && reason == other.reason
                && Arrays.equals(acks, other.acks)
                && Objects.equals(trailer, other.trailer);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(bufferSpace, maxSkew, firstPacket, previousPacket, serial, reason,
                trailer);
        return 31 * h + Arrays.hashCode(acks);
    }

    /** For logs: reason by name, u32 fields unsigned, acks as a string of {@code +} (ACK) and {@code -} (NACK). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96 + acks.length);
        sb.append("AckPacket{reason=").append(AckReason.name(reason))
                .append(" first=").append(Integer.toUnsignedString(firstPacket))
                .append(" prev=").append(Integer.toUnsignedString(previousPacket))
                .append(" serial=").append(Integer.toUnsignedString(serial))
                .append(" bufferSpace=").append(bufferSpace)
                .append(" maxSkew=").append(maxSkew)
                .append(" acks=[");
        for (byte a : acks) {
            sb.append((a & 1) != 0 ? '+' : '-');
        }
        sb.append("] trailer=").append(trailer).append('}');
        return sb.toString();
    }
}
