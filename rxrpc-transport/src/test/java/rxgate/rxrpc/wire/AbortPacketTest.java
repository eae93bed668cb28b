package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbortPacketTest {

    @Test
    void codeIsSignedBigEndian() throws Exception {
        ByteBuf buf = Unpooled.buffer();
        new AbortPacket(-455).encodeTo(buf); // RXGEN_OPCODE

        assertThat(Hex.of(buf)).isEqualTo("fffffe39");
        assertThat(AbortPacket.decode(buf).code()).isEqualTo(-455);
        assertThat(AbortPacket.decode(Hex.buf("01260b00")).code()).isEqualTo(19270400); // RXKADINCONSISTENCY
    }

    @Test
    void extraBytesAreLeft() throws Exception {
        ByteBuf buf = Hex.buf("ffffffff 0000");
        assertThat(AbortPacket.decode(buf)).isEqualTo(new AbortPacket(-1));
        assertThat(buf.readableBytes()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void shortBodyIsBadAbort(int length) {
        assertThatThrownBy(() -> AbortPacket.decode(Unpooled.wrappedBuffer(new byte[length])))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_ABORT));
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().forAll(WireGenerators.anyInt()).checkAssert(code -> {
            ByteBuf buf = Unpooled.buffer();
            new AbortPacket(code).encodeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(AbortPacket.SIZE);
            try {
                assertThat(AbortPacket.decode(buf)).isEqualTo(new AbortPacket(code));
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        });
    }
}
