package rxgate.rxrpc.security.rxkad;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Kerberos-4-style rxkad ticket (rxkad.md §6.1): built in clear, zero-padded to a multiple of
 * 8, sealed with DES-PCBC under the service key (key = IV). {@link #toString()} never shows the
 * session key.
 */
public final class Ticket {
    private static final int MAX_STRING = 63;

    private final String name;
    private final String instance;
    private final String cell;
    private final int host;
    private final byte[] sessionKey;
    private final int life;
    private final long start;
    private final String service;
    private final String serviceInstance;

    public Ticket(String name, String instance, String cell, int host, byte[] sessionKey, int life, long start,
            String service, String serviceInstance) {
        check("name", name, 1);
        check("instance", instance, 0);
        check("cell", cell, 0);
        check("service", service, 1);
        check("service instance", serviceInstance, 0);
        if (sessionKey == null || sessionKey.length != 8) {
            throw new IllegalArgumentException("a session key has 8 bytes");
        }
        if (life < 0 || life > 255) {
            throw new IllegalArgumentException("lifetime byte " + life + " outside 0..255");
        }
        if (start < 0 || start > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("start time outside 32 bits: " + start);
        }
        this.name = name;
        this.instance = instance;
        this.cell = cell;
        this.host = host;
        this.sessionKey = sessionKey.clone();
        this.life = life;
        this.start = start;
        this.service = service;
        this.serviceInstance = serviceInstance;
    }

    private static void check(String what, String s, int min) {
        if (s == null || s.length() < min || s.length() > MAX_STRING) {
            throw new IllegalArgumentException("ticket " + what + " must have " + min + ".." + MAX_STRING
                    + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0 || c > 0x7E || c < 0x20) {
                throw new IllegalArgumentException("ticket " + what + " must be printable ASCII");
            }
        }
    }

    public String name() {
        return name;
    }

    public String instance() {
        return instance;
    }

    public String cell() {
        return cell;
    }

    public int host() {
        return host;
    }

    /** A copy of the session key. */
    public byte[] sessionKey() {
        return sessionKey.clone();
    }

    public int life() {
        return life;
    }

    public long start() {
        return start;
    }

    public String service() {
        return service;
    }

    public String serviceInstance() {
        return serviceInstance;
    }

    /** End time in Unix seconds (0xFFFFFFFF = never), per the lifetime byte. */
    public long end() {
        return lifeToTime(start, life);
    }

    /** The clear ticket, zero-padded to a multiple of 8. */
    public byte[] encodeClear() {
        ByteArrayOutputStream o = new ByteArrayOutputStream(64);
        o.write(0); // flags: big-endian host and start
        cstring(o, name);
        cstring(o, instance);
        cstring(o, cell);
        int32(o, host);
        o.writeBytes(sessionKey);
        o.write(life);
        int32(o, (int) start);
        cstring(o, service);
        cstring(o, serviceInstance);
        byte[] b = o.toByteArray();
        byte[] padded = Arrays.copyOf(b, (b.length + 7) & ~7);
        Arrays.fill(b, (byte) 0);
        return padded;
    }

    /** The ticket sealed with DES-PCBC under {@code key} (IV = key), as sent in a RESPONSE. */
    public byte[] seal(ServerKey key) {
        byte[] clear = encodeClear();
        byte[] k = key.keyBytes();
        try {
            return Des.pcbcEncrypt(k, k, clear);
        } finally {
            Arrays.fill(clear, (byte) 0);
            Arrays.fill(k, (byte) 0);
        }
    }

    /** Opens a sealed ticket (tests, diagnostics): an {@link IllegalArgumentException} if it does not parse. */
    public static Ticket unseal(byte[] sealed, ServerKey key) {
        if (sealed.length % 8 != 0 || sealed.length < 8) {
            throw new IllegalArgumentException("a sealed ticket has a positive multiple of 8 bytes");
        }
        byte[] k = key.keyBytes();
        byte[] b = Des.pcbcDecrypt(k, k, sealed);
        Arrays.fill(k, (byte) 0);
        try {
            int[] pos = {0};
            int flags = b[pos[0]++] & 0xFF;
            String name = readString(b, pos);
            String instance = readString(b, pos);
            String cell = readString(b, pos);
            int host = readInt(b, pos, (flags & 1) != 0);
            byte[] sk = Arrays.copyOfRange(b, pos[0], pos[0] + 8);
            pos[0] += 8;
            int life = b[pos[0]++] & 0xFF;
            long start = readInt(b, pos, (flags & 1) != 0) & 0xFFFFFFFFL;
            String service = readString(b, pos);
            String serviceInstance = readString(b, pos);
            if (((pos[0] + 7) & ~7) != sealed.length) {
                throw new IllegalArgumentException("ticket length does not match its contents");
            }
            return new Ticket(name, instance, cell, host, sk, life, start, service, serviceInstance);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("ticket does not parse (wrong key?)");
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static String readString(byte[] b, int[] pos) {
        int s = pos[0];
        int e = s;
        while (b[e] != 0) {
            e++;
            if (e - s > MAX_STRING) {
                throw new IllegalArgumentException("ticket string too long (wrong key?)");
            }
        }
        pos[0] = e + 1;
        return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private static int readInt(byte[] b, int[] pos, boolean littleEndian) {
        int p = pos[0];
        pos[0] += 4;
        int be = ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
        return littleEndian ? Integer.reverseBytes(be) : be;
    }

    private static void cstring(ByteArrayOutputStream o, String s) {
        o.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        o.write(0);
    }

    private static void int32(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    // ------------------------------------------------------------------ lifetimes (rxkad.md §6.2)

    private static final int[] LIFE_TABLE = {
        38400, 41055, 43894, 46929, 50174, 53643, 57352, 61318,
        65558, 70091, 74937, 80119, 85658, 91581, 97914, 104684,
        111922, 119661, 127935, 136781, 146239, 156350, 167161, 178720,
        191077, 204289, 218415, 233517, 249664, 266926, 285383, 305116,
        326213, 348769, 372885, 398668, 426234, 455705, 487215, 520904,
        556921, 595430, 636601, 680618, 727680, 777995, 831789, 889303,
        950794, 1016537, 1086825, 1161973, 1242318, 1328218, 1420057, 1518247,
        1623226, 1735464, 1855462, 1983758, 2120925, 2267576, 2424367, 2592000,
    };

    /** End time for a start time and a lifetime byte (0xFFFFFFFF = never). */
    public static long lifeToTime(long start, int life) {
        if (life == RxkadConstants.LIFE_NEVER) {
            return RxkadConstants.NEVER_DATE;
        }
        if (life < 0x80) {
            return start + life * 300L;
        }
        if (life >= 0xC0) {
            return start + RxkadConstants.MAX_TICKET_LIFETIME;
        }
        return start + LIFE_TABLE[life - 0x80];
    }

    /** The lifetime byte for a lifetime in seconds (1 s .. 30 days), rounding up like OpenAFS. */
    public static int timeToLife(long seconds) {
        if (seconds <= 0 || seconds > RxkadConstants.MAX_TICKET_LIFETIME) {
            throw new IllegalArgumentException("ticket lifetime must be 1 s .. 30 days, got " + seconds + " s");
        }
        if (seconds < LIFE_TABLE[0]) {
            return (int) ((seconds + 299) / 300);
        }
        for (int i = 0; i < LIFE_TABLE.length; i++) {
            if (LIFE_TABLE[i] >= seconds) {
                return 0x80 + i;
            }
        }
        return 0xBF;
    }

    @Override
    public String toString() {
        return "Ticket[" + name + (instance.isEmpty() ? "" : "." + instance) + (cell.isEmpty() ? "" : "@" + cell)
                + ", service=" + service + ", start=" + start + ", life=0x" + Integer.toHexString(life) + "]";
    }
}
