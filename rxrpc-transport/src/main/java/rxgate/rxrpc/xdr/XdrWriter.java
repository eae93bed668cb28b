package rxgate.rxrpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes XDR the way rxgen-generated stubs do (afs-rpcs.md §1.3), into a growable byte array.
 *
 * <p>Not thread-safe; one writer builds one request. Arguments that cannot be encoded (a string
 * longer than its declared maximum, an unsigned value out of range) are caller errors and raise
 * {@link IllegalArgumentException} before anything is written.
 *
 * <p>Strings are encoded as UTF-8; AFS names are ASCII in practice, where UTF-8 and the bytes
 * OpenAFS sends are identical.
 */
public final class XdrWriter {
    private static final byte[] ZEROS = new byte[4];

    private byte[] buf;
    private int pos;

    public XdrWriter() {
        this(64);
    }

    public XdrWriter(int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 16)];
    }

    /** A writer that starts with the request opcode word. */
    public static XdrWriter forOpcode(int opcode) {
        XdrWriter w = new XdrWriter();
        w.writeInt(opcode);
        return w;
    }

    /** Bytes written so far. */
    public int size() {
        return pos;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int more) {
        int need = pos + more;
        if (need < 0) {
            throw new IllegalStateException("XDR buffer over 2 GiB");
        }
        if (need > buf.length) {
            int cap = buf.length;
            while (cap < need) {
                cap = cap > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE : cap << 1;
            }
            buf = Arrays.copyOf(buf, cap);
        }
    }

    /** int32 / enum: one big-endian word. */
    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    /** uint32: {@code v} must be in 0..2^32-1. */
    public XdrWriter writeUnsignedInt(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
        }
        return writeInt((int) v);
    }

    /** bool: one word, 0 or 1. */
    public XdrWriter writeBoolean(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** afs_int64 / afs_uint64: high word, then low word. */
    public XdrWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    /** rxgen {@code short}/{@code u_short}: widened to a word (the value is sign-extended). */
    public XdrWriter writeShort(short v) {
        return writeInt(v);
    }

    /** rxgen single {@code char}: one word, sign-extended (0xAC is sent as FF FF FF AC). */
    public XdrWriter writeChar(int c) {
        return writeInt((byte) c);
    }

    /**
     * {@code string x<maxLen>}: length word, the UTF-8 bytes, zero padding to a multiple of 4.
     * No NUL on the wire.
     *
     * @throws IllegalArgumentException if the encoded string is longer than {@code maxLen} bytes
     */
    public XdrWriter writeString(String s, int maxLen) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > maxLen) {
            throw new IllegalArgumentException(
                    "string of " + b.length + " bytes exceeds its maximum of " + maxLen);
        }
        return writeOpaqueBytes(b, 0, b.length);
    }

    /**
     * {@code opaque x<maxLen>}: length word, the bytes, zero padding to a multiple of 4.
     *
     * @throws IllegalArgumentException if {@code data} is longer than {@code maxLen}
     */
    public XdrWriter writeOpaque(byte[] data, int maxLen) {
        if (data.length > maxLen) {
            throw new IllegalArgumentException(
                    "opaque of " + data.length + " bytes exceeds its maximum of " + maxLen);
        }
        return writeOpaqueBytes(data, 0, data.length);
    }

    private XdrWriter writeOpaqueBytes(byte[] data, int off, int len) {
        writeInt(len);
        return writeFixedOpaque(data, off, len);
    }

    /** {@code opaque x[N]} with N = {@code data.length}: the bytes, zero padding to 4; no length. */
    public XdrWriter writeFixedOpaque(byte[] data) {
        return writeFixedOpaque(data, 0, data.length);
    }

    /** {@code len} bytes of {@code data} from {@code off}, zero padding to 4; no length. */
    public XdrWriter writeFixedOpaque(byte[] data, int off, int len) {
        int pad = (4 - (len & 3)) & 3;
        ensure(len + pad);
        System.arraycopy(data, off, buf, pos, len);
        pos += len;
        System.arraycopy(ZEROS, 0, buf, pos, pad);
        pos += pad;
        return this;
    }

    /**
     * rxgen {@code char name[n]} inside a struct: {@code n} words, one per byte of the UTF-8
     * encoding (sign-extended like rxgen's xdr_char), then zero words. The string must leave room
     * for its terminating NUL, i.e. encode to at most {@code n - 1} bytes, and must not contain NUL.
     *
     * @throws IllegalArgumentException if the string does not fit or contains NUL
     */
    public XdrWriter writeCharArray(String s, int n) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > n - 1) {
            throw new IllegalArgumentException("name of " + b.length
                    + " bytes does not fit char[" + n + "] (at most " + (n - 1) + ")");
        }
        for (byte c : b) {
            if (c == 0) {
                throw new IllegalArgumentException("name contains NUL");
            }
        }
        ensure(4 * n);
        for (byte c : b) {
            writeInt(c);
        }
        for (int i = b.length; i < n; i++) {
            writeInt(0);
        }
        return this;
    }

    /** {@code int32 x<max>}: count word, then the elements. */
    public XdrWriter writeIntArray(int[] values, int max) {
        if (values.length > max) {
            throw new IllegalArgumentException(
                    "array of " + values.length + " elements exceeds its maximum of " + max);
        }
        writeInt(values.length);
        return writeFixedIntArray(values);
    }

    /** {@code int32 x<max>} from a list (no null elements). */
    public XdrWriter writeIntList(List<Integer> values, int max) {
        if (values.size() > max) {
            throw new IllegalArgumentException(
                    "array of " + values.size() + " elements exceeds its maximum of " + max);
        }
        ensure(4 + 4 * values.size());
        writeInt(values.size());
        for (Integer v : values) {
            writeInt(v);
        }
        return this;
    }

    /** {@code int32 x[N]} with N = {@code values.length}: the elements, no count. */
    public XdrWriter writeFixedIntArray(int[] values) {
        ensure(4 * values.length);
        for (int v : values) {
            writeInt(v);
        }
        return this;
    }

    /**
     * {@code int32 x[n]}: the first {@code values.length} elements then zero words up to
     * {@code n}.
     */
    public XdrWriter writeFixedIntArray(int[] values, int n) {
        if (values.length > n) {
            throw new IllegalArgumentException(
                    "array of " + values.length + " elements does not fit [" + n + "]");
        }
        writeFixedIntArray(values);
        for (int i = values.length; i < n; i++) {
            writeInt(0);
        }
        return this;
    }

    /** Raw bytes with no length and no padding (for split-call payloads and pre-encoded XDR). */
    public XdrWriter writeRaw(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buf, pos, data.length);
        pos += data.length;
        return this;
    }
}
