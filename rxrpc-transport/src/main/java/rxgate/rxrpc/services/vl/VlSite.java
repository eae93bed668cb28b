package rxgate.rxrpc.services.vl;

import java.net.Inet4Address;
import java.util.List;
import rxgate.rxrpc.services.Ipv4;

/**
 * One site of an {@link NvldbEntry}: a fileserver (IPv4 address as a 32-bit number, e.g.
 * 10.77.0.1 = 0x0A4D0001), a partition number and VLSF_* flags.
 */
public record VlSite(int serverAddress, int partition, int flags) {

    /** A site from an IPv4 address. */
    public static VlSite of(Inet4Address address, int partition, int flags) {
        return new VlSite(Ipv4.toInt(address), partition, flags);
    }

    /** The server as an {@link Inet4Address} (no name lookup). */
    public Inet4Address address() {
        return Ipv4.toInet(serverAddress);
    }

    /** The server address in dotted-quad form. */
    public String addressString() {
        return dottedQuad(serverAddress);
    }

    /** The partition name, e.g. {@code /vicepa}. */
    public String partitionName() {
        return VlPartitions.displayName(partition);
    }

    public boolean isRw() {
        return (flags & VlConstants.VLSF_RWVOL) != 0;
    }

    public boolean isRo() {
        return (flags & VlConstants.VLSF_ROVOL) != 0;
    }

    public boolean isBackup() {
        return (flags & VlConstants.VLSF_BACKVOL) != 0;
    }

    /** Site flag names, see {@link VlConstants#siteFlagNames}. */
    public List<String> flagNames() {
        return VlConstants.siteFlagNames(flags);
    }

    /** {@code a.b.c.d} for an IPv4 address held as a 32-bit number. */
    public static String dottedQuad(int v) {
        return Ipv4.toDottedQuad(v);
    }

    @Override
    public String toString() {
        return "VlSite[" + addressString() + " " + partitionName() + " flags=0x"
                + Integer.toHexString(flags) + " " + flagNames() + "]";
    }
}
