package rxgate.rxrpc.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 addresses as AFS carries them: a 32-bit number whose most significant byte is the first
 * octet (10.77.0.1 = 0x0A4D0001). Nothing here does a name lookup.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    /** {@code a.b.c.d} for an address held as a 32-bit number. */
    public static String toDottedQuad(int v) {
        return (v >>> 24) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** The address as a 32-bit number. */
    public static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** The 32-bit number as an {@link Inet4Address}. */
    public static Inet4Address toInet(int v) {
        try {
            return (Inet4Address) InetAddress.getByAddress(toBytes(v));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen for 4 bytes
        }
    }

    static byte[] toBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /**
     * Whether {@code s} looks like an IPv4 literal attempt: only digits and dots. Such strings
     * must go through {@link #parse} and never to a name resolver.
     */
    public static boolean looksNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a strict dotted quad ({@code 0..255} four times, no leading '+', at most three
     * digits per part) without any lookup.
     *
     * @throws IllegalArgumentException if {@code s} is not one
     */
    public static Inet4Address parse(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
        int v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IPv4 address (octet > 255): " + s);
            }
            v = (v << 8) | octet;
        }
        return toInet(v);
    }
}
