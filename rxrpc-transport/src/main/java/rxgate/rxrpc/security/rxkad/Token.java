package rxgate.rxrpc.security.rxkad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * rxkad client credentials: a session key, the kvno of the service key, the sealed ticket that
 * carries the same session key, and the ticket's end time. Made by {@link #localAuth} (like
 * OpenAFS's {@code -localauth}, from a KeyFile) or read from a token file ({@link #read}).
 *
 * <h2>Token file format</h2>
 * A UTF-8 text file of {@code key=value} lines; blank lines and lines starting with {@code #} are
 * ignored; unknown keys are an error. It holds a secret: keep it mode 0600 ({@link #write} does).
 * <pre>
 * # rxgate rxkad token v1
 * principal=afs            # informational: name[.instance][@cell] of the ticket (optional)
 * kvno=1                   # key version of the service key that sealed the ticket (0..255)
 * session-key=0123456789abcdef   # 16 hex digits
 * ticket=9f3a...           # the sealed ticket, hex (32..12000 bytes, a multiple of 8)
 * expires=1767225600       # end time, Unix seconds, or "never"
 * </pre>
 * {@link #toString()} and every error message show only the principal, kvno, expiry and a short
 * fingerprint; never the session key or the ticket.
 */
public final class Token {
    public static final String FILE_HEADER = "# rxgate rxkad token v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String principal;
    private final int kvno;
    private final byte[] sessionKey;
    private final byte[] ticket;
    private final long expires;

    /**
     * @param expires end time in Unix seconds, {@link RxkadConstants#NEVER_DATE} = never
     */
    public Token(String principal, int kvno, byte[] sessionKey, byte[] ticket, long expires) {
        if (kvno < 0 || kvno > 255) {
            throw new IllegalArgumentException("token kvno " + kvno + " outside 0..255");
        }
        if (sessionKey == null || sessionKey.length != 8) {
            throw new IllegalArgumentException("a session key has 8 bytes");
        }
        if (ticket == null || ticket.length < RxkadConstants.MIN_TICKET_LEN
                || ticket.length > RxkadConstants.MAX_TICKET_LEN || ticket.length % 8 != 0) {
            throw new IllegalArgumentException("a ticket has 32..12000 bytes, a multiple of 8; got "
                    + (ticket == null ? "none" : ticket.length));
        }
        this.principal = principal == null ? "" : principal;
        this.kvno = kvno;
        this.sessionKey = sessionKey.clone();
        this.ticket = ticket.clone();
        this.expires = expires;
    }

    /** Forges a never-expiring ticket for the superuser "afs" from the KeyFile's latest key (-localauth). */
    public static Token localAuth(KeyFile keyFile) {
        return localAuth(keyFile.latest(), "afs", null, Clock.systemUTC());
    }

    /**
     * Forges a ticket like OpenAFS's {@code -localauth} (rxkad.md §6.4): principal {@code name} with
     * empty instance and empty cell (the local cell), service "afs", host 0, a random session key.
     * A {@code null} lifetime gives the classic never-expiring ticket (start 0, life 0xFF);
     * otherwise start = now and the lifetime rounded up to the next encodable value.
     */
    public static Token localAuth(ServerKey key, String name, Duration lifetime, Clock clock) {
        if (lifetime == null) {
            return forge(key, name, 0, RxkadConstants.LIFE_NEVER);
        }
        long now = clock.millis() / 1000;
        return forge(key, name, now, Ticket.timeToLife(lifetime.toSeconds()));
    }

    /** Forges a ticket with an explicit start time and lifetime byte (tests: expired or future tickets). */
    public static Token forge(ServerKey key, String name, long start, int life) {
        byte[] sk = randomSessionKey();
        Ticket t = new Ticket(name, "", "", 0, sk, life, start, "afs", "");
        byte[] sealed = t.seal(key);
        try {
            return new Token(name, key.kvno(), sk, sealed, t.end());
        } finally {
            Arrays.fill(sk, (byte) 0);
            Arrays.fill(sealed, (byte) 0);
        }
    }

    /** A random DES-style session key: odd parity, like OpenAFS's DES random key. */
    static byte[] randomSessionKey() {
        byte[] k = new byte[8];
        RANDOM.nextBytes(k);
        for (int i = 0; i < 8; i++) {
            int b = k[i] & 0xFE;
            k[i] = (byte) (b | ((Integer.bitCount(b) & 1) == 0 ? 1 : 0));
        }
        return k;
    }

    public String principal() {
        return principal;
    }

    public int kvno() {
        return kvno;
    }

    /** A copy of the session key. */
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    /** A copy of the sealed ticket. */
    public byte[] ticket() {
        return ticket.clone();
    }

    /** End time in Unix seconds; {@link RxkadConstants#NEVER_DATE} = never. */
    public long expires() {
        return expires;
    }

    public boolean neverExpires() {
        return expires == RxkadConstants.NEVER_DATE;
    }

    /** Whether the ticket's end time has passed at {@code clock}. */
    public boolean expired(Clock clock) {
        return !neverExpires() && clock.millis() / 1000 >= expires;
    }

    /** A short non-secret fingerprint of the session key and ticket (for identities and logs). */
    public String fingerprint() {
        byte[] both = new byte[8 + ticket.length];
        System.arraycopy(sessionKey, 0, both, 0, 8);
        System.arraycopy(ticket, 0, both, 8, ticket.length);
        try {
            return ServerKey.fingerprint(both);
        } finally {
            Arrays.fill(both, (byte) 0);
        }
    }

    // ------------------------------------------------------------------ token file

    /** Reads a token file (format in the class comment). */
    public static Token read(Path path) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("token file " + path + " does not exist", e);
        }
        Map<String, String> v = new LinkedHashMap<>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IOException("token file " + path + " line " + n + ": expected key=value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1);
            int hash = value.indexOf('#');
            if (hash >= 0) {
                value = value.substring(0, hash);
            }
            value = value.strip();
            if (!List.of("principal", "kvno", "session-key", "ticket", "expires").contains(key)) {
                throw new IOException("token file " + path + " line " + n + ": unknown key '" + key + "'");
            }
            if (v.put(key, value) != null) {
                throw new IOException("token file " + path + " line " + n + ": '" + key + "' given twice");
            }
        }
        for (String required : List.of("kvno", "session-key", "ticket", "expires")) {
            if (!v.containsKey(required)) {
                throw new IOException("token file " + path + " has no '" + required + "'");
            }
        }
        try {
            int kvno = Integer.parseInt(v.get("kvno"));
            byte[] sk = hex(v.get("session-key"), "session-key");
            byte[] ticket = hex(v.get("ticket"), "ticket");
            String exp = v.get("expires");
            long expires = exp.equalsIgnoreCase("never") ? RxkadConstants.NEVER_DATE : Long.parseLong(exp);
            if (sk.length != 8) {
                throw new IllegalArgumentException("session-key must be 16 hex digits");
            }
            try {
                return new Token(v.getOrDefault("principal", ""), kvno, sk, ticket, expires);
            } finally {
                Arrays.fill(sk, (byte) 0);
                Arrays.fill(ticket, (byte) 0);
            }
        } catch (IllegalArgumentException e) { // includes NumberFormatException; messages carry no secrets
            throw new IOException("token file " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] hex(String s, String what) {
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not an even number of hex digits");
        }
    }

    /** Writes this token as a token file, readable by the owner only where the file system allows. */
    public void write(Path path) throws IOException {
        String text = FILE_HEADER + "\n"
                + "principal=" + principal + "\n"
                + "kvno=" + kvno + "\n"
                + "session-key=" + HexFormat.of().formatHex(sessionKey) + "\n"
                + "ticket=" + HexFormat.of().formatHex(ticket) + "\n"
                + "expires=" + (neverExpires() ? "never" : Long.toString(expires)) + "\n";
        Files.deleteIfExists(path);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(path);
        }
        Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token t && t.kvno == kvno && t.expires == expires && t.principal.equals(principal)
                && MessageDigest.isEqual(t.sessionKey, sessionKey) && MessageDigest.isEqual(t.ticket, ticket);
    }

    @Override
    public int hashCode() {
        return 31 * kvno + Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "Token[" + (principal.isEmpty() ? "?" : principal) + ", kvno=" + kvno + ", expires="
                + (neverExpires() ? "never" : Long.toString(expires)) + ", fp=" + fingerprint() + "]";
    }
}
