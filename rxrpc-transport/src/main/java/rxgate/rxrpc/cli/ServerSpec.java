package rxgate.rxrpc.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.OptionalInt;
import rxgate.rxrpc.services.Ipv4;

/**
 * A server given on the command line: {@code HOST[:PORT]}, where HOST is an IPv4 literal, an
 * IPv6 literal ({@code [::1]:7003}, or bare {@code ::1} without a port) or a host name.
 *
 * <p>IP literals are parsed here and never reach a name resolver (an all-digits-and-dots HOST
 * that is not a valid dotted quad is rejected rather than looked up). Only host names are
 * resolved, with {@link InetAddress#getByName}, and only when the command runs.
 */
public record ServerSpec(String host, OptionalInt port) {

    /** The HOST[:PORT] syntax, for messages. */
    public static final String SYNTAX = "HOST[:PORT]";

    /**
     * Parses {@code HOST[:PORT]}.
     *
     * @throws IllegalArgumentException on bad syntax (empty host, bad port, bad IP literal)
     */
    public static ServerSpec parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty server address");
        }
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + text);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':PORT' after ']' in " + text);
                }
                portText = rest.substring(1);
            }
            checkIpv6(host, text);
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s; // bare IPv6 literal, no port
            checkIpv6(host, text);
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0) {
                host = s.substring(0, colon);
                portText = s.substring(colon + 1);
            } else {
                host = s;
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty host in " + text);
            }
            if (Ipv4.looksNumeric(host)) {
                Ipv4.parse(host); // validates; never resolved
            } else if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
                throw new IllegalArgumentException("not a host name or IP address: " + host);
            }
        }
        OptionalInt port = OptionalInt.empty();
        if (portText != null) {
            port = OptionalInt.of(parsePort(portText, text));
        }
        return new ServerSpec(host, port);
    }

    private static int parsePort(String p, String text) {
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad port in " + text);
        }
        int v = Integer.parseInt(p);
        if (v < 1 || v > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535 in " + text);
        }
        return v;
    }

    private static void checkIpv6(String host, String text) {
        if (host.isEmpty() || !host.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not an IPv6 address in " + text);
        }
        try {
            InetAddress.getByName(host); // a literal: only its syntax is checked, no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address in " + text);
        }
    }

    /** Whether the host is an IP literal (no lookup needed). */
    public boolean isLiteral() {
        return Ipv4.looksNumeric(host) || host.indexOf(':') >= 0;
    }

    /**
     * The socket address, with {@code defaultPort} if none was given. IP literals are converted
     * directly; host names go through the system resolver.
     *
     * @throws UnknownHostException if a host name does not resolve
     */
    public InetSocketAddress resolve(int defaultPort) throws UnknownHostException {
        int p = port.orElse(defaultPort);
        InetAddress addr;
        if (Ipv4.looksNumeric(host)) {
            addr = Ipv4.parse(host);
        } else if (host.indexOf(':') >= 0) {
            addr = InetAddress.getByName(host); // IPv6 literal: no lookup
        } else {
            addr = InetAddress.getByName(host.toLowerCase(Locale.ROOT));
        }
        return new InetSocketAddress(addr, p);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return port.isPresent() ? h + ":" + port.getAsInt() : h;
    }
}
