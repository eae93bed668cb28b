package rxgate.rxrpc.security.rxkad;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A loopback UDP relay between one client and one server that can change or drop datagrams in
 * either direction ({@code null} from a filter drops the datagram): how the tests tamper with
 * packets on the wire. The server sees the relay's address as its peer.
 */
final class UdpTamperProxy implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress server;
    private volatile SocketAddress client;
    private volatile UnaryOperator<byte[]> toServer = UnaryOperator.identity();
    private volatile UnaryOperator<byte[]> toClient = UnaryOperator.identity();
    private final Thread up;
    private final Thread down;

    UdpTamperProxy(InetSocketAddress server) throws SocketException {
        this.server = server;
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.up = new Thread(() -> relay(front, true), "tamper-up");
        this.down = new Thread(() -> relay(back, false), "tamper-down");
        up.setDaemon(true);
        down.setDaemon(true);
        up.start();
        down.start();
    }

    /** Where clients send to. */
    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), front.getLocalPort());
    }

    void toServer(UnaryOperator<byte[]> f) {
        this.toServer = f;
    }

    void toClient(UnaryOperator<byte[]> f) {
        this.toClient = f;
    }

    private void relay(DatagramSocket in, boolean fromClient) {
        byte[] buf = new byte[65536];
        while (!in.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                in.receive(p);
                byte[] d = Arrays.copyOf(p.getData(), p.getLength());
                if (fromClient) {
                    client = p.getSocketAddress();
                    d = toServer.apply(d);
                    if (d != null) {
                        back.send(new DatagramPacket(d, d.length, server));
                    }
                } else if (client != null) {
                    d = toClient.apply(d);
                    if (d != null) {
                        front.send(new DatagramPacket(d, d.length, client));
                    }
                }
            } catch (IOException e) {
                if (in.isClosed()) {
                    return;
                }
            }
        }
    }

    // helpers to read a datagram's Rx header
    static int type(byte[] d) {
        return d.length >= 28 ? d[20] & 0xFF : -1;
    }

    static int callNumber(byte[] d) {
        return ((d[8] & 0xFF) << 24) | ((d[9] & 0xFF) << 16) | ((d[10] & 0xFF) << 8) | (d[11] & 0xFF);
    }

    static int seq(byte[] d) {
        return ((d[12] & 0xFF) << 24) | ((d[13] & 0xFF) << 16) | ((d[14] & 0xFF) << 8) | (d[15] & 0xFF);
    }

    @Override
    public void close() {
        front.close();
        back.close();
    }
}
