package rxgate.rxrpc.security.rxkad;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cell's service key: a kvno and 8 DES key bytes. {@link #toString()} shows the kvno and a
 * short per-process fingerprint, never the key.
 */
public final class ServerKey {
    private final int kvno;
    private final byte[] key;

    public ServerKey(int kvno, byte[] key) {
        if (key == null || key.length != 8) {
            throw new IllegalArgumentException("a DES service key has 8 bytes");
        }
        if (kvno < 0 || kvno > 255) {
            throw new IllegalArgumentException("kvno " + kvno + " is outside 0..255 (Kerberos-4-style tickets)");
        }
        this.kvno = kvno;
        this.key = key.clone();
    }

    /** Parses 16 hex digits (as in fixtures.env's RXG_KEY_HEX or {@code asetkey add}). */
    public static ServerKey ofHex(int kvno, String hex) {
        byte[] b;
        try {
            b = HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a DES key is 16 hex digits");
        }
        if (b.length != 8) {
            throw new IllegalArgumentException("a DES key is 16 hex digits, got " + hex.trim().length());
        }
        return new ServerKey(kvno, b);
    }

    public int kvno() {
        return kvno;
    }

    /** A copy of the key bytes. */
    public byte[] keyBytes() {
        return key.clone();
    }

    /**
     * A short fingerprint of the key for logs and identities: 12 hex digits of an HMAC-SHA256 under a
     * random per-process key, so equal keys match within this JVM but the value cannot be used to
     * search for the key offline.
     */
    public String fingerprint() {
        return fingerprint(key);
    }

    private static final byte[] FINGERPRINT_KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(FINGERPRINT_KEY);
    }

    static String fingerprint(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(secret), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerKey k && k.kvno == kvno && MessageDigest.isEqual(k.key, key);
    }

    @Override
    public int hashCode() {
        return 31 * kvno + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "ServerKey[kvno=" + kvno + ", fp=" + fingerprint() + "]";
    }
}
