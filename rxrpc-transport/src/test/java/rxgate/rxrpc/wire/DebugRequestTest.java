package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DebugRequestTest {

    @Test
    void encodesTypeThenIndex() throws Exception {
        ByteBuf buf = Unpooled.buffer();
        new DebugRequest(RxConstants.RX_DEBUGI_GETCONN, 3).encodeTo(buf);

        assertThat(Hex.of(buf)).isEqualTo("00000002" + "00000003");
        assertThat(DebugRequest.decode(buf)).isEqualTo(new DebugRequest(2, 3));
    }

    @Test
    void badTypeReplyIsMinusEightTwice() {
        ByteBuf buf = Unpooled.buffer();
        DebugRequest.BAD_TYPE_REPLY.encodeTo(buf);

        assertThat(Hex.of(buf)).isEqualTo("fffffff8fffffff8");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 7})
    void shortBodyIsBadDebug(int length) {
        assertThatThrownBy(() -> DebugRequest.decode(Unpooled.wrappedBuffer(new byte[length])))
                .isInstanceOfSatisfying(MalformedPacketException.class,
                        e -> assertThat(e.reason()).isEqualTo(DropReason.BAD_DEBUG));
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().forAll(WireGenerators.anyInt(), WireGenerators.anyInt()).checkAssert((type, index) -> {
            DebugRequest request = new DebugRequest(type, index);
            ByteBuf buf = Unpooled.buffer();
            request.encodeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(DebugRequest.SIZE);
            try {
                assertThat(DebugRequest.decode(buf)).isEqualTo(request);
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        });
    }
}
