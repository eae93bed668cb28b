package rxgate.rxrpc.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

/** Golden-byte helpers: hex strings with optional whitespace, and buffers from them. */
final class Hex {

    private Hex() {
    }

    static byte[] bytes(String hex) {
        return ByteBufUtil.decodeHexDump(hex.replaceAll("\\s+", ""));
    }

    static ByteBuf buf(String hex) {
        return Unpooled.wrappedBuffer(bytes(hex));
    }

    /** The readable bytes of {@code buf} as lower-case hex, without moving its indices. */
    static String of(ByteBuf buf) {
        return ByteBufUtil.hexDump(buf);
    }

    static String normalise(String hex) {
        return hex.replaceAll("\\s+", "").toLowerCase();
    }
}
