package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The body of a VERSION reply: exactly 65 bytes holding a NUL-terminated, zero-padded ASCII
 * string (§7.1 of {@code rxrpc-protocol.md}), e.g. {@code "OpenAFS 1.8.13 2024-12-10 builder@host"}.
 *
 * <p>The string is normalised on construction so that it always fits and always round-trips:
 * truncated to 64 characters (byte 64 is always NUL), and every character outside printable
 * ASCII 0x20..0x7E is replaced by {@code '?'}. Note that rxdebug forces byte 63 to NUL, so it
 * prints at most 63 characters.
 *
 * @param version the version string, at most 64 printable ASCII characters
 */
public record VersionBody(String version) {

    /** Body length on the wire: {@value RxConstants#VERSION_REPLY_BODY_SIZE} bytes. */
    public static final int SIZE = RxConstants.VERSION_REPLY_BODY_SIZE;

    /** Longest string kept: {@code SIZE - 1} characters, leaving room for the NUL. */
    public static final int MAX_LENGTH = SIZE - 1;

    public VersionBody {
        Objects.requireNonNull(version, "version");
        version = normalise(version);
    }

    private static String normalise(String s) {
        int length = Math.min(s.length(), MAX_LENGTH);
        for (int i = 0; i < length; i++) {
            if (!isPrintable(s.charAt(i))) {
                char[] chars = s.substring(0, length).toCharArray();
                for (int j = i; j < length; j++) {
                    if (!isPrintable(chars[j])) {
                        chars[j] = '?';
                    }
                }
                return new String(chars);
            }
        }
        return length == s.length() ? s : s.substring(0, length);
    }

    private static boolean isPrintable(char c) {
        return c >= 0x20 && c <= 0x7E;
    }

    /**
     * Reads a version string from {@code body}'s readerIndex: the bytes up to the first NUL within
     * the first 64, and consumes up to 65 bytes (the whole reply body). Never throws: a short or
     * empty body gives what it holds (possibly {@code ""}); non-ASCII bytes become {@code '?'}.
     */
    public static VersionBody decode(ByteBuf body) {
        int start = body.readerIndex();
        int limit = Math.min(body.readableBytes(), MAX_LENGTH);
        char[] chars = new char[limit];
        int n = 0;
        while (n < limit) {
            int b = body.getUnsignedByte(start + n);
            if (b == 0) {
                break;
            }
            chars[n++] = (char) b;
        }
        body.readerIndex(start + Math.min(body.readableBytes(), SIZE));
        return new VersionBody(new String(chars, 0, n));
    }

    /** Writes exactly 65 bytes at {@code buf}'s writerIndex: the string, then zeros. */
    public void encodeTo(ByteBuf buf) {
        buf.ensureWritable(SIZE);
        int length = version.length();
        for (int i = 0; i < length; i++) {
            buf.writeByte(version.charAt(i));
        }
        buf.writeZero(SIZE - length);
    }
}
