package rxgate.rxrpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionBodyTest {

    @Test
    void encodesExactly65BytesNulPadded() {
        ByteBuf buf = Unpooled.buffer();
        new VersionBody("OpenAFS 1.8.9").encodeTo(buf);

        assertThat(buf.readableBytes()).isEqualTo(65);
        byte[] expected = new byte[65];
        byte[] text = "OpenAFS 1.8.9".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, expected, 0, text.length);
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(buf)).isEqualTo(expected);
    }

    @Test
    void truncatesTo64CharactersSoByte64IsNul() {
        String longName = "linux-" + "6.16.0-rc1-".repeat(10) + " AF_RXRPC";
        VersionBody body = new VersionBody(longName);
        ByteBuf buf = Unpooled.buffer();
        body.encodeTo(buf);

        assertThat(body.version()).hasSize(64).isEqualTo(longName.substring(0, 64));
        assertThat(buf.readableBytes()).isEqualTo(65);
        assertThat(buf.getByte(63)).isNotZero();
        assertThat(buf.getByte(64)).isZero();
        assertThat(VersionBody.decode(buf)).isEqualTo(body);
    }

    @Test
    void replacesNonPrintableAndNonAsciiCharacters() {
        assertThat(new VersionBody("caf\u00e9\u0000\n1").version()).isEqualTo("caf???1");
    }

    @Test
    void decodeStopsAtFirstNulAndConsumesTheBody() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeBytes("abc".getBytes(StandardCharsets.US_ASCII)).writeByte(0)
                .writeBytes("garbage".getBytes(StandardCharsets.US_ASCII)).writeZero(65 - 11)
                .writeBytes(new byte[] {9, 9});

        assertThat(VersionBody.decode(buf).version()).isEqualTo("abc");
        assertThat(buf.readableBytes()).isEqualTo(2);
    }

    @Test
    void decodeToleratesShortBodiesAndMissingNul() {
        assertThat(VersionBody.decode(Unpooled.EMPTY_BUFFER).version()).isEmpty();
        assertThat(VersionBody.decode(Unpooled.wrappedBuffer(new byte[] {0})).version()).isEmpty();
        assertThat(VersionBody.decode(Unpooled.wrappedBuffer("xyz".getBytes(StandardCharsets.US_ASCII)))
                .version()).isEqualTo("xyz");
        byte[] noNul = new byte[80];
        java.util.Arrays.fill(noNul, (byte) 'A');
        assertThat(VersionBody.decode(Unpooled.wrappedBuffer(noNul)).version()).isEqualTo("A".repeat(64));
        byte[] high = {'o', 'k', (byte) 0xC3, (byte) 0xA9};
        assertThat(VersionBody.decode(Unpooled.wrappedBuffer(high)).version()).isEqualTo("ok??");
    }

    @Test
    void decodeOfEncodeIsIdentity() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 100)).checkAssert(s -> {
            VersionBody body = new VersionBody(s);
            ByteBuf buf = Unpooled.buffer();
            body.encodeTo(buf);
            assertThat(buf.readableBytes()).isEqualTo(VersionBody.SIZE);
            assertThat(VersionBody.decode(buf)).isEqualTo(body);
            assertThat(buf.isReadable()).isFalse();
        });
    }

    @Test
    void printableAsciiSurvivesUnchanged() {
        qt().forAll(strings().betweenCodePoints(0x20, 0x7E).ofLengthBetween(0, 64))
                .checkAssert(s -> assertThat(new VersionBody(s).version()).isEqualTo(s));
    }
}
