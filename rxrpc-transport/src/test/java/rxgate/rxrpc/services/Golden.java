package rxgate.rxrpc.services;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Builds golden byte arrays by hand from the documented layouts, independently of XdrWriter, so
 * codec tests compare against the doc rather than against our own encoder.
 */
public final class Golden {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Golden bytes() {
        return new Golden();
    }

    /** Big-endian words. */
    public Golden words(int... ws) {
        for (int w : ws) {
            out.write(w >>> 24);
            out.write(w >>> 16);
            out.write(w >>> 8);
            out.write(w);
        }
        return this;
    }

    /** {@code n} zero words. */
    public Golden zeros(int n) {
        return words(new int[n]);
    }

    /** rxgen {@code char x[n]}: one sign-extended word per byte, zero words after. */
    public Golden charArray(String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < n; i++) {
            words(i < b.length ? b[i] : 0);
        }
        return this;
    }

    /** XDR string: length, bytes, zero padding. */
    public Golden string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        words(b.length);
        return raw(b).raw(new byte[(4 - b.length % 4) % 4]);
    }

    public Golden raw(byte... b) {
        out.write(b, 0, b.length);
        return this;
    }

    /** Bytes (unsigned values 0..255). */
    public Golden u8(int... bs) {
        for (int b : bs) {
            out.write(b);
        }
        return this;
    }

    public Golden u16(int... vs) {
        for (int v : vs) {
            out.write(v >>> 8);
            out.write(v);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] build() {
        return out.toByteArray();
    }

    /** Hex string (spaces ignored) to bytes. */
    public static byte[] hex(String h) {
        String s = h.replaceAll("\\s", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    /** Word {@code i} of {@code b}. */
    public static int word(byte[] b, int i) {
        return ByteBuffer.wrap(b).getInt(4 * i);
    }
}
