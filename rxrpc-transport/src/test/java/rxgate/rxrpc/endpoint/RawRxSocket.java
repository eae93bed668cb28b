package rxgate.rxrpc.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import rxgate.rxrpc.wire.AckPacket;
import rxgate.rxrpc.wire.MalformedPacketException;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.WireHeader;

/**
 * A hand-driven Rx peer for hostile-traffic tests: a plain {@link DatagramSocket} on loopback that
 * sends datagrams built with the {@code rxgate.rxrpc.wire} classes (or raw bytes) and reads what
 * comes back, with a receive timeout. Not thread-safe.
 */
final class RawRxSocket implements AutoCloseable {
    /** A datagram received from the endpoint under test. */
    record Received(WireHeader header, byte[] body) {
        int type() {
            return header.type();
        }

        AckPacket ack() {
            try {
                return AckPacket.decode(Unpooled.wrappedBuffer(body));
            } catch (MalformedPacketException e) {
                throw new AssertionError("the endpoint sent a malformed ACK: " + header, e);
            }
        }

        int abortCode() {
            return Unpooled.wrappedBuffer(body).getInt(0);
        }

        @Override
        public String toString() {
            return header + (header.type() == PacketType.ACK ? " " + ack() : " body=" + body.length);
        }
    }

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final byte[] receiveBuffer = new byte[65_536];
    private int barrierNumber = 1;

    RawRxSocket(InetSocketAddress target) {
        this.target = target;
        try {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Sends raw bytes as one datagram. */
    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a header followed by {@code body}. */
    void send(WireHeader header, byte[] body) {
        send(datagram(header, body));
    }

    /** The bytes of a header followed by {@code body}. */
    static byte[] datagram(WireHeader header, byte[] body) {
        ByteBuf b = Unpooled.buffer(WireHeader.SIZE + body.length);
        header.encodeTo(b);
        b.writeBytes(body);
        return Arrays.copyOf(b.array(), b.writerIndex());
    }

    /** The bytes of an ACK datagram. */
    static byte[] ack(WireHeader header, AckPacket ack) {
        ByteBuf b = Unpooled.buffer(PacketCodec.ackLength(ack));
        PacketCodec.writeAck(b, header, ack);
        return Arrays.copyOf(b.array(), b.writerIndex());
    }

    /** The next datagram from the endpoint, or {@code null} when none arrives within {@code timeout}. */
    Received receive(Duration timeout) {
        try {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            DatagramPacket p = new DatagramPacket(receiveBuffer, receiveBuffer.length);
            socket.receive(p);
            if (p.getLength() < WireHeader.SIZE) {
                throw new AssertionError("the endpoint sent a datagram of " + p.getLength() + " bytes");
            }
            ByteBuf b = Unpooled.wrappedBuffer(p.getData(), p.getOffset(), p.getLength());
            WireHeader h = WireHeader.decode(b);
            byte[] body = new byte[b.readableBytes()];
            b.readBytes(body);
            return new Received(h, body);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (MalformedPacketException e) {
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a VERSION request (as rxdebug does) and returns every datagram that arrived before its
     * answer. The endpoint handles datagrams from one socket in order on one thread, so whatever
     * it answered synchronously to the packets sent before is in the list: this is an ordering
     * barrier without a fixed sleep.
     *
     * @throws AssertionError if the VERSION answer does not come within {@code timeout}
     */
    List<Received> barrier(Duration timeout) {
        int number = 0x7F000000 + barrierNumber++;
        ByteBuf b = Unpooled.buffer(PacketCodec.VERSION_REQUEST_LENGTH);
        PacketCodec.writeVersionRequest(b, PacketCodec.versionRequestHeader(number));
        send(Arrays.copyOf(b.array(), b.writerIndex()));
        List<Received> before = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no VERSION answer within " + timeout + "; received " + before);
            }
            Received r = receive(Duration.ofNanos(left));
            if (r == null) {
                continue;
            }
            if (r.type() == PacketType.VERSION && r.header().callNumber() == number) {
                return before;
            }
            before.add(r);
        }
    }

    List<Received> barrier() {
        return barrier(Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        socket.close();
    }
}
