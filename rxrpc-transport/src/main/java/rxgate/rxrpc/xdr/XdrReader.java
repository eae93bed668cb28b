package rxgate.rxrpc.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads rxgen XDR (afs-rpcs.md §1.3) from a complete byte array or buffer.
 *
 * <p>Every read checks that enough input is left and throws {@link XdrException} otherwise;
 * variable-length items whose length word exceeds the declared maximum (or the input left) also
 * throw. Padding bytes are skipped without checking their value, as rxgen does. Not thread-safe.
 */
public final class XdrReader {
    private final byte[] buf;
    private final int start;
    private final int end;
    private int pos;

    public XdrReader(byte[] data) {
        this(data, 0, data.length);
    }

    public XdrReader(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length || offset + length < 0) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length
                    + " outside array of " + data.length);
        }
        this.buf = data;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /** Reads the buffer's remaining bytes (copied; the buffer's position is not changed). */
    public XdrReader(ByteBuffer data) {
        this(copy(data));
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return end - pos;
    }

    /** Bytes read so far. */
    public int position() {
        return pos - start;
    }

    /** Whether all input has been read. */
    public boolean atEnd() {
        return pos == end;
    }

    /** Throws unless all input has been read. */
    public void expectEnd() {
        if (pos != end) {
            throw new XdrException(remaining() + " unexpected trailing bytes after " + position());
        }
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new XdrException("input too short for " + what + ": need " + n
                    + " bytes at offset " + position() + ", have " + remaining());
        }
    }

    private int word() {
        int p = pos;
        int v = ((buf[p] & 0xFF) << 24) | ((buf[p + 1] & 0xFF) << 16)
                | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
        pos = p + 4;
        return v;
    }

    /** int32. */
    public int readInt() {
        need(4, "int32");
        return word();
    }

    /** uint32 as a non-negative long. */
    public long readUnsignedInt() {
        return readInt() & 0xFFFF_FFFFL;
    }

    /** bool: any non-zero word is true. */
    public boolean readBoolean() {
        return readInt() != 0;
    }

    /** afs_int64: high word then low word. */
    public long readLong() {
        need(8, "int64");
        long hi = word();
        long lo = word() & 0xFFFF_FFFFL;
        return (hi << 32) | lo;
    }

    /** rxgen single {@code char}: a word of which only the low 8 bits count (0..255). */
    public int readChar() {
        return readInt() & 0xFF;
    }

    /** rxgen {@code short}: a word of which the low 16 bits count, sign-extended. */
    public short readShort() {
        return (short) readInt();
    }

    /** rxgen {@code u_short}: a word of which the low 16 bits count (0..65535). */
    public int readUnsignedShort() {
        return readInt() & 0xFFFF;
    }

    /**
     * {@code string x<maxLen>}: length word, bytes, padding. Decoded as UTF-8 (invalid sequences
     * become U+FFFD).
     */
    public String readString(int maxLen) {
        byte[] b = readOpaque(maxLen, "string");
        return new String(b, StandardCharsets.UTF_8);
    }

    /** {@code opaque x<maxLen>}: length word, bytes, padding. */
    public byte[] readOpaque(int maxLen) {
        return readOpaque(maxLen, "opaque");
    }

    private byte[] readOpaque(int maxLen, String what) {
        long len = readUnsignedInt();
        if (len > maxLen) {
            throw new XdrException(what + " length " + len + " exceeds its maximum of " + maxLen);
        }
        return readFixedOpaque((int) len);
    }

    /** {@code opaque x[n]}: n bytes and padding to 4. */
    public byte[] readFixedOpaque(int n) {
        int padded = n + ((4 - (n & 3)) & 3);
        need(padded, "opaque[" + n + "]");
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += padded;
        return b;
    }

    /**
     * rxgen {@code char name[n]}: n words; the low 8 bits of each are one byte; the string ends at
     * the first NUL (or after n bytes). Decoded as UTF-8.
     */
    public String readCharArray(int n) {
        need(4L * n > Integer.MAX_VALUE ? -1 : 4 * n, "char[" + n + "]");
        byte[] b = new byte[n];
        int len = -1;
        for (int i = 0; i < n; i++) {
            byte c = (byte) word();
            b[i] = c;
            if (c == 0 && len < 0) {
                len = i;
            }
        }
        return new String(b, 0, len < 0 ? n : len, StandardCharsets.UTF_8);
    }

    /** {@code int32 x<max>}: count word, then the elements. */
    public int[] readIntArray(int max) {
        long count = readUnsignedInt();
        if (count > max) {
            throw new XdrException("array count " + count + " exceeds its maximum of " + max);
        }
        return readFixedIntArray((int) count);
    }

    /** {@code int32 x<max>} as an unmodifiable list. */
    public List<Integer> readIntList(int max) {
        int[] a = readIntArray(max);
        List<Integer> l = new ArrayList<>(a.length);
        for (int v : a) {
            l.add(v);
        }
        return Collections.unmodifiableList(l);
    }

    /** {@code int32 x[n]}: n elements, no count. */
    public int[] readFixedIntArray(int n) {
        need(4L * n > Integer.MAX_VALUE ? -1 : 4 * n, "int32[" + n + "]");
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = word();
        }
        return a;
    }

    /**
     * A variable-array count word, checked against {@code max} and against the input left
     * ({@code elementSize} bytes per element), so a corrupt count fails here instead of
     * allocating a huge list.
     */
    public int readCount(int max, int elementSize) {
        long count = readUnsignedInt();
        if (count > max) {
            throw new XdrException("array count " + count + " exceeds its maximum of " + max);
        }
        if (elementSize > 0 && count * elementSize > remaining()) {
            throw new XdrException("array count " + count + " x " + elementSize
                    + " bytes exceeds the " + remaining() + " bytes left");
        }
        return (int) count;
    }

    /** Skips {@code n} bytes. */
    public XdrReader skip(int n) {
        need(n, "skip");
        pos += n;
        return this;
    }

    /** Reads {@code n} raw bytes (no padding). */
    public byte[] readRaw(int n) {
        need(n, "raw bytes");
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }
}
