package rxgate.rxrpc.services.debug;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Big-endian access to a debug reply struct. Replies shorter than the struct are zero-filled, as
 * rxdebug does (it copies what arrived into a zeroed struct); longer ones are cut.
 */
final class DebugBytes {
    private final ByteBuffer b;

    DebugBytes(byte[] body, int size) {
        this.b = ByteBuffer.wrap(Arrays.copyOf(body, size)); // big-endian by default
    }

    int i32(int off) {
        return b.getInt(off);
    }

    int u16(int off) {
        return b.getShort(off) & 0xFFFF;
    }

    short i16(int off) {
        return b.getShort(off);
    }

    int u8(int off) {
        return b.get(off) & 0xFF;
    }

    byte i8(int off) {
        return b.get(off);
    }
}
