package rxgate.rxrpc.wire;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.quicktheories.core.Gen;

/** QuickTheories generators for wire structures and datagrams, shared by the property tests. */
final class WireGenerators {

    private WireGenerators() {
    }

    static Gen<Integer> anyInt() {
        return integers().all();
    }

    static Gen<Integer> u8() {
        return integers().between(0, 255);
    }

    static Gen<Integer> u16() {
        return integers().between(0, 65535);
    }

    /** Byte arrays of min..max random bytes, shown as hex on failure. */
    static Gen<byte[]> bytes(int min, int max) {
        Gen<Integer> length = integers().between(min, max);
        Gen<Integer> value = u8();
        Gen<byte[]> gen = in -> {
            byte[] b = new byte[length.generate(in)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (int) value.generate(in);
            }
            return b;
        };
        return gen.describedAs(ByteBufUtil::hexDump);
    }

    /** Any header: every field over its full range. */
    static Gen<WireHeader> headers() {
        Gen<Integer> i = anyInt();
        Gen<Integer> b = u8();
        Gen<Integer> s = u16();
        return in -> new WireHeader(i.generate(in), i.generate(in), i.generate(in), i.generate(in),
                i.generate(in), b.generate(in), b.generate(in), b.generate(in), b.generate(in),
                s.generate(in), s.generate(in));
    }

    /** Trailers over the full u32 range of each word. */
    static Gen<AckTrailer> trailers() {
        Gen<Integer> i = anyInt();
        return in -> new AckTrailer(i.generate(in), i.generate(in), i.generate(in), i.generate(in));
    }

    /** ACK bodies with 0..255 raw ack bytes, with or without a trailer. */
    static Gen<AckPacket> ackPackets() {
        Gen<Integer> i = anyInt();
        Gen<Integer> s = u16();
        Gen<Integer> b = u8();
        Gen<byte[]> acks = bytes(0, RxConstants.MAX_ACKS);
        Gen<Boolean> withTrailer = booleans().all();
        Gen<AckTrailer> trailer = trailers();
        return in -> new AckPacket(s.generate(in), s.generate(in), i.generate(in), i.generate(in),
                i.generate(in), b.generate(in), acks.generate(in),
                withTrailer.generate(in) ? trailer.generate(in) : null);
    }

    /**
     * Lists of 1..6 sub-packets as a sender would build them: consecutive seq and serial, same
     * call, userStatus 0 after the first, full 1412-byte payloads except the last (0..1412 bytes),
     * LAST_PACKET only possibly on the last. callNumber is never 0 and seq starts in
     * 1..2^31-1, so the datagram passes {@link RxPacket#decode}.
     */
    static Gen<List<DataPacket>> jumboSubPackets() {
        Gen<Integer> count = integers().between(1, 6);
        Gen<WireHeader> base = headers();
        Gen<Integer> positive = integers().between(1, Integer.MAX_VALUE);
        Gen<Integer> flags = u8();
        Gen<Integer> checksum = u16();
        Gen<Integer> lastLength = integers().between(0, RxConstants.JUMBO_DATA_LENGTH);
        Gen<Integer> fill = u8();
        Gen<List<DataPacket>> gen = in -> {
            int n = count.generate(in);
            WireHeader first = base.generate(in).withType(PacketType.DATA)
                    .withSeq(positive.generate(in)).withCallNumber(positive.generate(in));
            List<DataPacket> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                boolean last = k == n - 1;
                int f = last
                        ? flags.generate(in) & ~PacketFlags.JUMBO_PACKET
                        : (flags.generate(in) & ~PacketFlags.LAST_PACKET) | PacketFlags.JUMBO_PACKET;
                WireHeader h = k == 0
                        ? first.withFlags(f)
                        : first.withSeqSerialFlags(first.seq() + k, first.serial() + k, f)
                                .withUserStatus(0).withChecksum(checksum.generate(in));
                int length = last ? lastLength.generate(in) : RxConstants.JUMBO_DATA_LENGTH;
                byte[] payload = new byte[length];
                int seed = fill.generate(in);
                for (int i = 0; i < length; i++) {
                    payload[i] = (byte) (seed + i * 7 + k);
                }
                out.add(new DataPacket(h, Unpooled.wrappedBuffer(payload)));
            }
            return out;
        };
        return gen.describedAs(List::toString);
    }

    /**
     * Datagrams that {@link RxPacket#decode} accepts, of every type: DATA (plain and jumbo), ACK,
     * BUSY, ABORT, ACKALL, CHALLENGE, RESPONSE, DEBUG and VERSION.
     */
    static Gen<byte[]> validDatagrams() {
        Gen<Integer> kind = integers().between(0, 9);
        Gen<WireHeader> header = headers();
        Gen<Integer> positive = integers().between(1, Integer.MAX_VALUE);
        Gen<byte[]> smallBody = bytes(0, 64);
        Gen<AckPacket> ack = ackPackets();
        Gen<List<DataPacket>> jumbo = jumboSubPackets();
        Gen<byte[]> gen = in -> {
            WireHeader h = header.generate(in).withCallNumber(positive.generate(in));
            ByteBuf out = Unpooled.buffer();
            switch (kind.generate(in)) {
                case 0 -> {
                    WireHeader d = h.withType(PacketType.DATA).withSeq(positive.generate(in))
                            .withFlags(h.flags() & ~PacketFlags.JUMBO_PACKET);
                    new DataPacket(d, Unpooled.wrappedBuffer(smallBody.generate(in))).encodeTo(out);
                }
                case 1 -> Jumbogram.encode(jumbo.generate(in), out);
                case 2 -> PacketCodec.writeAck(out, h.withType(PacketType.ACK), ack.generate(in));
                case 3 -> PacketCodec.writeBusy(out, h.withType(PacketType.BUSY));
                case 4 -> PacketCodec.writeAbort(out, h.withType(PacketType.ABORT), h.seq());
                case 5 -> PacketCodec.writeAckAll(out, h.withType(PacketType.ACKALL));
                case 6 -> {
                    h.withType(positive.generate(in) % 2 == 0 ? PacketType.CHALLENGE : PacketType.RESPONSE)
                            .encodeTo(out);
                    out.writeBytes(smallBody.generate(in));
                }
                case 7 -> PacketCodec.writeDebugRequest(out, h.withType(PacketType.DEBUG),
                        new DebugRequest(h.seq(), h.serial()));
                case 8 -> PacketCodec.writeVersionRequest(out, h.withType(PacketType.VERSION));
                default -> PacketCodec.writeVersionReply(out,
                        h.withType(PacketType.VERSION).withFlags(PacketFlags.LAST_PACKET),
                        new VersionBody("OpenAFS 1.8.9 " + h.serial()));
            }
            return ByteBufUtil.getBytes(out);
        };
        return gen.describedAs(ByteBufUtil::hexDump);
    }

    /**
     * Valid datagrams with 1..8 random edits: overwrite a byte, truncate, or append bytes. The
     * edits favour the header and the first body bytes, where the decoders look.
     */
    static Gen<byte[]> mutatedDatagrams() {
        Gen<byte[]> valid = validDatagrams();
        Gen<Integer> edits = integers().between(1, 8);
        Gen<Integer> op = integers().between(0, 9);
        Gen<Integer> position = integers().between(0, Integer.MAX_VALUE);
        Gen<Integer> value = u8();
        Gen<byte[]> gen = in -> {
            byte[] data = valid.generate(in);
            int n = edits.generate(in);
            for (int e = 0; e < n; e++) {
                int o = op.generate(in);
                if (o <= 6 && data.length > 0) {
                    int span = Math.min(data.length, o <= 4 ? 48 : data.length);
                    data[position.generate(in) % span] = (byte) (int) value.generate(in);
                } else if (o <= 8) {
                    int cut = data.length == 0 ? 0 : position.generate(in) % (data.length + 1);
                    data = Arrays.copyOf(data, cut);
                } else {
                    int extra = position.generate(in) % 40;
                    data = Arrays.copyOf(data, data.length + extra);
                }
            }
            return data;
        };
        return gen.describedAs(ByteBufUtil::hexDump);
    }
}
