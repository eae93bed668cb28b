package rxgate.rxrpc.services.cb;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import rxgate.rxrpc.services.AfsUuid;
import rxgate.rxrpc.services.Ipv4;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

/**
 * interfaceAddr (common.xg; afs-rpcs.md §5.7): 432 bytes. numberOfInterfaces, afsUUID, then the
 * three 32-slot arrays addr_in, subnetmask, mtu, always sent in full (unused slots 0).
 */
public record InterfaceAddr(AfsUuid uuid, List<Iface> interfaces) {

    public static final int SIZE = 4 + AfsUuid.SIZE + 3 * 4 * CbOpcodes.MAX_INTERFACE_ADDR;

    /** One interface: IPv4 address and mask as 32-bit numbers (10.77.0.2 = 0x0A4D0002), MTU. */
    public record Iface(int address, int subnetMask, int mtu) {
        @Override
        public String toString() {
            return Ipv4.toDottedQuad(address) + "/" + Ipv4.toDottedQuad(subnetMask) + " mtu " + mtu;
        }
    }

    public InterfaceAddr {
        Objects.requireNonNull(uuid, "uuid");
        interfaces = List.copyOf(interfaces);
        if (interfaces.size() > CbOpcodes.MAX_INTERFACE_ADDR) {
            throw new IllegalArgumentException("at most " + CbOpcodes.MAX_INTERFACE_ADDR + " interfaces");
        }
    }

    public void encodeTo(XdrWriter w) {
        int n = interfaces.size();
        w.writeInt(n);
        uuid.encodeTo(w);
        for (int i = 0; i < CbOpcodes.MAX_INTERFACE_ADDR; i++) {
            w.writeInt(i < n ? interfaces.get(i).address() : 0);
        }
        for (int i = 0; i < CbOpcodes.MAX_INTERFACE_ADDR; i++) {
            w.writeInt(i < n ? interfaces.get(i).subnetMask() : 0);
        }
        for (int i = 0; i < CbOpcodes.MAX_INTERFACE_ADDR; i++) {
            w.writeInt(i < n ? interfaces.get(i).mtu() : 0);
        }
    }

    public static InterfaceAddr decode(XdrReader r) {
        int n = r.readInt();
        AfsUuid uuid = AfsUuid.decode(r);
        int[] a = r.readFixedIntArray(CbOpcodes.MAX_INTERFACE_ADDR);
        int[] m = r.readFixedIntArray(CbOpcodes.MAX_INTERFACE_ADDR);
        int[] mtu = r.readFixedIntArray(CbOpcodes.MAX_INTERFACE_ADDR);
        if (n < 0 || n > CbOpcodes.MAX_INTERFACE_ADDR) {
            throw new rxgate.rxrpc.xdr.XdrException("numberOfInterfaces out of range: " + n);
        }
        List<Iface> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new Iface(a[i], m[i], mtu[i]));
        }
        return new InterfaceAddr(uuid, l);
    }

    /**
     * The interfaces a socket bound to {@code bound} is reachable on: that address alone if it is a
     * specific IPv4 address, else every IPv4 address of every interface that is up and not loopback
     * (at most 32), like the OpenAFS cache manager reports. Nothing here resolves names.
     */
    public static List<Iface> localInterfaces(InetAddress bound) {
        List<Iface> out = new ArrayList<>();
        try {
            List<NetworkInterface> nis = Collections.list(NetworkInterface.getNetworkInterfaces());
            for (NetworkInterface ni : nis) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InterfaceAddress ia : ni.getInterfaceAddresses()) {
                    if (!(ia.getAddress() instanceof Inet4Address a4)) {
                        continue;
                    }
                    boolean wanted = bound != null && !bound.isAnyLocalAddress()
                            ? a4.equals(bound)
                            : !a4.isLoopbackAddress();
                    if (wanted && out.size() < CbOpcodes.MAX_INTERFACE_ADDR) {
                        int prefix = ia.getNetworkPrefixLength();
                        int mask = prefix <= 0 ? 0 : prefix >= 32 ? -1 : (int) (0xFFFF_FFFFL << (32 - prefix));
                        int mtu = ni.getMTU();
                        out.add(new Iface(Ipv4.toInt(a4), mask, mtu < 0 ? 0 : mtu));
                    }
                }
            }
        } catch (SocketException e) {
            // fall through: report what we have
        }
        if (out.isEmpty() && bound instanceof Inet4Address a4 && !a4.isAnyLocalAddress()) {
            out.add(new Iface(Ipv4.toInt(a4), -1, 1500));
        }
        return out;
    }
}
