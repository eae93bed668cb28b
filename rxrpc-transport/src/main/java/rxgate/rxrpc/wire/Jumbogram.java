package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Jumbograms: several consecutive DATA packets of one call in one datagram (§3.3 of
 * {@code rxrpc-protocol.md}).
 *
 * <pre>
 * [Rx header 28, flags |= JUMBO_PACKET][data 1412]
 * [jumbo header 4][data 1412]              (sub-packet 1, flags from its jumbo header)
 * ...
 * [jumbo header 4][data 0..n]              (last sub-packet, JUMBO_PACKET clear)
 *
 * jumbo header = [flags u8][pad u8 = 0][cksum u16 BE]
 * </pre>
 *
 * The jumbo header precedes the sub-packet it describes and gives its {@code flags} and
 * {@code checksum}. Sub-packet {@code k >= 1} otherwise copies the main header with
 * {@code seq + k}, {@code serial + k} and {@code userStatus = 0} (as OpenAFS does).
 *
 * <p>{@link #split} is the receiver's side, {@link #encode} the sender's. A plain DATA packet is
 * a jumbogram of one, so both work for every DATA datagram.
 */
public final class Jumbogram {

    private Jumbogram() {
    }

    /**
     * Splits a decoded DATA packet into its sub-packets; see {@link #split(WireHeader, ByteBuf)}.
     *
     * @throws IllegalArgumentException if {@code packet} is not DATA
     */
    public static List<DataPacket> split(RxPacket packet) throws MalformedPacketException {
        return split(packet.header(), packet.body());
    }

    /**
     * Splits a DATA datagram, given its decoded header and its body (the bytes after the 28-byte
     * header, from readerIndex to writerIndex), into sub-packets. A datagram without JUMBO_PACKET
     * gives one sub-packet: {@code header} and the whole body.
     *
     * <p>The whole datagram is checked before anything is returned, so a bad jumbogram yields no
     * sub-packet at all. Payloads are non-retained slices of {@code body}: see {@link DataPacket}
     * for ownership. {@code body}'s indices are not changed.
     *
     * @throws MalformedPacketException {@link DropReason#BAD_JUMBO} if a sub-packet with
     *         JUMBO_PACKET has LAST_PACKET, or has fewer than 1412 + 4 bytes left, or if there are
     *         more than {@link RxConstants#MAX_JUMBO_SUBPACKETS} sub-packets;
     *         {@link DropReason#ZERO_SEQ_DATA} if a derived seq wraps to 0
     * @throws IllegalArgumentException if {@code header} is not DATA
     */
    public static List<DataPacket> split(WireHeader header, ByteBuf body)
            throws MalformedPacketException {
        if (header.type() != PacketType.DATA) {
            throw new IllegalArgumentException("not a DATA header: " + header);
        }
        int offset = body.readerIndex();
        int end = body.writerIndex();
        if (!header.has(PacketFlags.JUMBO_PACKET)) {
            return List.of(new DataPacket(header, body.slice(offset, end - offset)));
        }
        List<DataPacket> out = new ArrayList<>(Math.min(
                (end - offset) / RxConstants.JUMBO_SUBPACKET_LENGTH + 1,
                RxConstants.MAX_JUMBO_SUBPACKETS));
        WireHeader current = header;
        for (int k = 1; ; k++) {
            if (!current.has(PacketFlags.JUMBO_PACKET)) {
                out.add(new DataPacket(current, body.slice(offset, end - offset)));
                return out;
            }
            if (current.has(PacketFlags.LAST_PACKET)) {
                throw new MalformedPacketException(DropReason.BAD_JUMBO,
                        "LAST_PACKET on non-final sub-packet " + (k - 1));
            }
            if (end - offset < RxConstants.JUMBO_SUBPACKET_LENGTH) {
                throw new MalformedPacketException(DropReason.BAD_JUMBO,
                        "sub-packet " + (k - 1) + " has " + (end - offset) + " bytes left");
            }
            if (k >= RxConstants.MAX_JUMBO_SUBPACKETS) {
                throw new MalformedPacketException(DropReason.BAD_JUMBO,
                        "more than " + RxConstants.MAX_JUMBO_SUBPACKETS + " sub-packets");
            }
            out.add(new DataPacket(current, body.slice(offset, RxConstants.JUMBO_DATA_LENGTH)));
            int jumboHeader = offset + RxConstants.JUMBO_DATA_LENGTH;
            int flags = body.getUnsignedByte(jumboHeader);
            // byte jumboHeader + 1 is padding, ignored
            int checksum = body.getUnsignedShort(jumboHeader + 2);
            int seq = header.seq() + k;
            if (seq == 0) {
                throw new MalformedPacketException(DropReason.ZERO_SEQ_DATA,
                        "jumbo sub-packet " + k + " wraps seq to 0");
            }
            current = new WireHeader(header.epoch(), header.cid(), header.callNumber(), seq,
                    header.serial() + k, PacketType.DATA, flags, 0, header.securityIndex(),
                    checksum, header.serviceId());
            offset = jumboHeader + RxConstants.JUMBO_HEADER_SIZE;
        }
    }

    /**
     * Datagram length {@link #encode} writes for {@code subPackets}:
     * {@code 28 + (N-1) * 1416 + length of the last payload}.
     */
    public static int encodedLength(List<DataPacket> subPackets) {
        int n = subPackets.size();
        if (n == 0) {
            throw new IllegalArgumentException("no sub-packets");
        }
        return WireHeader.SIZE + (n - 1) * RxConstants.JUMBO_SUBPACKET_LENGTH
                + subPackets.get(n - 1).length();
    }

    /**
     * Writes {@code subPackets} as one datagram at {@code out}'s writerIndex: the first header in
     * full, then for each following sub-packet a jumbo header carrying its flags and checksum.
     * JUMBO_PACKET is set on every non-final sub-packet and cleared on the last, whatever the
     * given headers say. Payload indices are not changed. With one sub-packet this is a plain
     * DATA datagram.
     *
     * <p>The headers must be what {@link #split} derives, so the receiver sees exactly them:
     * sub-packet {@code k} has {@code seq0 + k}, {@code serial0 + k}, userStatus 0 (k >= 1) and the
     * first header's epoch, cid, callNumber, securityIndex and serviceId. Only the last
     * sub-packet may carry LAST_PACKET or have a payload other than exactly 1412 bytes. Keeping
     * the datagram within what the peer accepts (its ACK trailer's maxMTU and jumbo_max) is the
     * caller's job.
     *
     * @throws IllegalArgumentException if the list is empty, longer than
     *         {@link RxConstants#MAX_JUMBO_SUBPACKETS}, or breaks one of the rules above
     */
    public static void encode(List<DataPacket> subPackets, ByteBuf out) {
        int n = subPackets.size();
        if (n == 0) {
            throw new IllegalArgumentException("no sub-packets");
        }
        if (n > RxConstants.MAX_JUMBO_SUBPACKETS) {
            throw new IllegalArgumentException("more than " + RxConstants.MAX_JUMBO_SUBPACKETS
                    + " sub-packets: " + n);
        }
        WireHeader first = subPackets.get(0).header();
        for (int k = 0; k < n; k++) {
            checkSubPacket(first, k, subPackets.get(k), k == n - 1);
        }
        out.ensureWritable(encodedLength(subPackets));
        for (int k = 0; k < n; k++) {
            DataPacket p = subPackets.get(k);
            int flags = k == n - 1
                    ? p.header().flags() & ~PacketFlags.JUMBO_PACKET
                    : p.header().flags() | PacketFlags.JUMBO_PACKET;
            if (k == 0) {
                (flags == first.flags() ? first : first.withFlags(flags)).encodeTo(out);
            } else {
                out.writeByte(flags);
                out.writeByte(0);
                out.writeShort(p.header().checksum());
            }
            ByteBuf payload = p.payload();
            out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        }
    }

    private static void checkSubPacket(WireHeader first, int k, DataPacket p, boolean last) {
        WireHeader h = p.header();
        if (!last) {
            if (h.has(PacketFlags.LAST_PACKET)) {
                throw new IllegalArgumentException("LAST_PACKET on non-final sub-packet " + k);
            }
            if (p.length() != RxConstants.JUMBO_DATA_LENGTH) {
                throw new IllegalArgumentException("non-final sub-packet " + k + " has "
                        + p.length() + " bytes, not " + RxConstants.JUMBO_DATA_LENGTH);
            }
        }
        if (k == 0) {
            return;
        }
        if (h.seq() != first.seq() + k || h.serial() != first.serial() + k) {
            throw new IllegalArgumentException("sub-packet " + k + " must have seq and serial "
                    + "of sub-packet 0 plus " + k + ": " + h);
        }
        if (h.epoch() != first.epoch() || h.cid() != first.cid()
                || h.callNumber() != first.callNumber()
                || h.securityIndex() != first.securityIndex()
                || h.serviceId() != first.serviceId()) {
            throw new IllegalArgumentException("sub-packet " + k
                    + " belongs to another call than sub-packet 0: " + h);
        }
        if (h.userStatus() != 0) {
            throw new IllegalArgumentException("sub-packet " + k + " has userStatus "
                    + h.userStatus() + "; jumbo sub-packets after the first carry 0");
        }
    }
}
