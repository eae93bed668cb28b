package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;

/**
 * The 28-byte Rx header that starts every datagram (§1 of {@code rxrpc-protocol.md}).
 *
 * <pre>
 *  0 epoch u32 | 4 cid u32 | 8 callNumber u32 | 12 seq u32 | 16 serial u32
 * 20 type u8 | 21 flags u8 | 22 userStatus u8 | 23 securityIndex u8
 * 24 checksum u16 | 26 serviceId u16
 * </pre>
 *
 * All fields are big-endian. The checksum (OpenAFS {@code spare}, kernel {@code _rsvd}) comes
 * <em>before</em> serviceId on the wire, whatever order a C struct lists them in.
 *
 * <p>Every field is an {@code int}. The u32 fields keep their unsigned value as a bit pattern
 * (compare seq/serial with signed differences, §0); the byte fields hold 0..255 and the u16
 * fields 0..65535, which the constructor enforces.
 *
 * @param epoch         client's boot/instance identifier; bit 31 = random epoch (§2.1)
 * @param cid           connection id (bits 31..2) and channel (bits 1..0)
 * @param callNumber    call on the channel; 0 for connection-level packets
 * @param seq           DATA sequence number from 1; 0 for other types
 * @param serial        per-connection, per-direction transmission counter
 * @param type          {@link PacketType}, 0..255
 * @param flags         {@link PacketFlags}, 0..255
 * @param userStatus    application status byte, 0..255 (kernel: 1 = service-upgrade probe)
 * @param securityIndex security class, 0..255
 * @param checksum      rxkad header checksum (0 for rxnull), 0..65535
 * @param serviceId     target service, 0..65535
 */
public record WireHeader(
        int epoch,
        int cid,
        int callNumber,
        int seq,
        int serial,
        int type,
        int flags,
        int userStatus,
        int securityIndex,
        int checksum,
        int serviceId) {

    /** Size on the wire: {@value RxConstants#HEADER_SIZE} bytes. */
    public static final int SIZE = RxConstants.HEADER_SIZE;

    public WireHeader {
        checkByte("type", type);
        checkByte("flags", flags);
        checkByte("userStatus", userStatus);
        checkByte("securityIndex", securityIndex);
        checkU16("checksum", checksum);
        checkU16("serviceId", serviceId);
    }

    private static void checkByte(String name, int value) {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(name + " out of range 0..255: " + value);
        }
    }

    private static void checkU16(String name, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " out of range 0..65535: " + value);
        }
    }

    /**
     * Reads a header at {@code buf}'s readerIndex and advances it by 28 bytes.
     *
     * @throws MalformedPacketException {@link DropReason#SHORT_HEADER} if fewer than 28 bytes are
     *                                  readable (the reader index is then left unchanged)
     */
    public static WireHeader decode(ByteBuf buf) throws MalformedPacketException {
        if (buf.readableBytes() < SIZE) {
            throw new MalformedPacketException(DropReason.SHORT_HEADER,
                    buf.readableBytes() + " bytes");
        }
        int epoch = buf.readInt();
        int cid = buf.readInt();
        int callNumber = buf.readInt();
        int seq = buf.readInt();
        int serial = buf.readInt();
        int type = buf.readUnsignedByte();
        int flags = buf.readUnsignedByte();
        int userStatus = buf.readUnsignedByte();
        int securityIndex = buf.readUnsignedByte();
        int checksum = buf.readUnsignedShort();
        int serviceId = buf.readUnsignedShort();
        return new WireHeader(epoch, cid, callNumber, seq, serial, type, flags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** Writes the 28 header bytes at {@code buf}'s writerIndex (checksum at 24-25, serviceId at 26-27). */
    public void encodeTo(ByteBuf buf) {
        buf.ensureWritable(SIZE);
        buf.writeInt(epoch);
        buf.writeInt(cid);
        buf.writeInt(callNumber);
        buf.writeInt(seq);
        buf.writeInt(serial);
        buf.writeByte(type);
        buf.writeByte(flags);
        buf.writeByte(userStatus);
        buf.writeByte(securityIndex);
        buf.writeShort(checksum);
        buf.writeShort(serviceId);
    }

    // ---------------------------------------------------------------- views

    /** The connection id: {@code cid & ~3} (§1). */
    public int connectionId() {
        return cid & RxConstants.CID_MASK;
    }

    /** The channel, 0..3: {@code cid & 3} (§1). */
    public int channel() {
        return cid & RxConstants.CHANNEL_MASK;
    }

    /** Whether CLIENT_INITIATED is set, i.e. the connection's client side sent this (§1.2). */
    public boolean isClientInitiated() {
        return (flags & PacketFlags.CLIENT_INITIATED) != 0;
    }

    /** Whether every bit of {@code flag} is set in {@link #flags()}. */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }

    /** Whether epoch bit 31 ("random epoch") is set (§2.1). */
    public boolean hasRandomEpoch() {
        return (epoch & RxConstants.RANDOM_EPOCH) != 0;
    }

    // ---------------------------------------------------------------- copies

    /** This header with another seq, serial and flags (e.g. for a (re)transmission). */
    public WireHeader withSeqSerialFlags(int newSeq, int newSerial, int newFlags) {
        return new WireHeader(epoch, cid, callNumber, newSeq, newSerial, type, newFlags,
                userStatus, securityIndex, checksum, serviceId);
    }

    /** This header with another type. */
    public WireHeader withType(int newType) {
        return new WireHeader(epoch, cid, callNumber, seq, serial, newType, flags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with another callNumber. */
    public WireHeader withCallNumber(int newCallNumber) {
        return new WireHeader(epoch, cid, newCallNumber, seq, serial, type, flags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with another seq. */
    public WireHeader withSeq(int newSeq) {
        return new WireHeader(epoch, cid, callNumber, newSeq, serial, type, flags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with another serial. */
    public WireHeader withSerial(int newSerial) {
        return new WireHeader(epoch, cid, callNumber, seq, newSerial, type, flags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with other flags. */
    public WireHeader withFlags(int newFlags) {
        return new WireHeader(epoch, cid, callNumber, seq, serial, type, newFlags, userStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with another userStatus. */
    public WireHeader withUserStatus(int newUserStatus) {
        return new WireHeader(epoch, cid, callNumber, seq, serial, type, flags, newUserStatus,
                securityIndex, checksum, serviceId);
    }

    /** This header with another checksum. */
    public WireHeader withChecksum(int newChecksum) {
        return new WireHeader(epoch, cid, callNumber, seq, serial, type, flags, userStatus,
                securityIndex, newChecksum, serviceId);
    }

    /** This header with another serviceId (e.g. after a service upgrade, §2.6). */
    public WireHeader withServiceId(int newServiceId) {
        return new WireHeader(epoch, cid, callNumber, seq, serial, type, flags, userStatus,
                securityIndex, checksum, newServiceId);
    }

    /** For logs: type and flags by name, u32 fields unsigned, epoch and cid in hex. */
    @Override
    public String toString() {
        return PacketType.name(type)
                + "{epoch=" + Integer.toHexString(epoch)
                + " cid=" + Integer.toHexString(connectionId()) + "/" + channel()
                + " call=" + Integer.toUnsignedString(callNumber)
                + " seq=" + Integer.toUnsignedString(seq)
                + " serial=" + Integer.toUnsignedString(serial)
                + " flags=" + PacketFlags.describe(flags, type)
                + " userStatus=" + userStatus
                + " securityIndex=" + securityIndex
                + " checksum=" + checksum
                + " serviceId=" + serviceId
                + '}';
    }
}
