package rxgate.rxrpc.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class XdrReaderTest {

    @Test
    void readsIntsAndUnsigned() {
        XdrReader r = new XdrReader(hex("01020304 ffffffff ffffffff"));
        assertThat(r.readInt()).isEqualTo(0x01020304);
        assertThat(r.readInt()).isEqualTo(-1);
        assertThat(r.readUnsignedInt()).isEqualTo(0xFFFF_FFFFL);
        assertThat(r.atEnd()).isTrue();
        assertThat(r.position()).isEqualTo(12);
    }

    @Test
    void readsLongHighWordFirst() {
        assertThat(new XdrReader(hex("00000001 00000002")).readLong()).isEqualTo(0x0000000100000002L);
        assertThat(new XdrReader(hex("ffffffff fffffffe")).readLong()).isEqualTo(-2L);
        assertThat(new XdrReader(hex("00000000 ffffffff")).readLong()).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void charKeepsLowEightBits() {
        XdrReader r = new XdrReader(hex("ffffffac 00000072 0000ffff"));
        assertThat(r.readChar()).isEqualTo(0xAC);
        assertThat(r.readChar()).isEqualTo(0x72);
        assertThat(r.readUnsignedShort()).isEqualTo(0xFFFF);
    }

    @Test
    void shortInputThrowsXdrException() {
        assertThatThrownBy(() -> new XdrReader(hex("010203")).readInt()).isInstanceOf(XdrException.class)
                .hasMessageContaining("too short");
        assertThatThrownBy(() -> new XdrReader(hex("00000001")).readLong()).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(hex("00000005 41424344")).readString(10)).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(new byte[12]).readCharArray(4)).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(new byte[4]).skip(5)).isInstanceOf(XdrException.class);
    }

    @Test
    void lengthAboveMaxThrows() {
        assertThatThrownBy(() -> new XdrReader(hex("00000006 41424344 45460000")).readString(5))
                .isInstanceOf(XdrException.class).hasMessageContaining("maximum of 5");
        assertThatThrownBy(() -> new XdrReader(hex("00000003 00000001 00000002 00000003")).readIntArray(2))
                .isInstanceOf(XdrException.class);
        // a huge length word (negative as int) is a length > max, not an allocation
        assertThatThrownBy(() -> new XdrReader(hex("ffffffff")).readOpaque(Integer.MAX_VALUE))
                .isInstanceOf(XdrException.class);
    }

    @Test
    void readsStringAndSkipsPadding() {
        XdrReader r = new XdrReader(hex("00000009 726f6f74 2e63656c 6c000000 0000002a"));
        assertThat(r.readString(65)).isEqualTo("root.cell");
        assertThat(r.readInt()).isEqualTo(42);
    }

    @Test
    void readsCharArrayStoppingAtNul() {
        XdrReader r = new XdrReader(hex("00000061 00000062 00000000 00000063 00000007"));
        assertThat(r.readCharArray(4)).isEqualTo("ab");
        assertThat(r.readInt()).isEqualTo(7); // all 4 words consumed even after the NUL
    }

    @Test
    void charArrayWithoutNulUsesAllWords() {
        assertThat(new XdrReader(hex("00000061 00000062")).readCharArray(2)).isEqualTo("ab");
    }

    @Test
    void charArrayKeepsOnlyLowBitsOfSignExtendedWords() {
        assertThat(new XdrReader(hex("ffffffc3 ffffffa9 00000000")).readCharArray(3)).isEqualTo("é");
    }

    @Test
    void readsOpaqueVariants() {
        XdrReader r = new XdrReader(hex("00000003 01020300 01020304 05000000"));
        assertThat(r.readOpaque(3)).containsExactly(1, 2, 3);
        assertThat(r.readFixedOpaque(5)).containsExactly(1, 2, 3, 4, 5);
        r.expectEnd();
    }

    @Test
    void readsIntArraysAndCounts() {
        XdrReader r = new XdrReader(hex("00000002 00000005 ffffffff 00000001 00000002"));
        assertThat(r.readIntList(10)).containsExactly(5, -1);
        assertThat(r.readFixedIntArray(2)).containsExactly(1, 2);
        assertThatThrownBy(() -> new XdrReader(hex("00000003 00000000")).readCount(10, 4))
                .isInstanceOf(XdrException.class).hasMessageContaining("bytes left");
    }

    @Test
    void expectEndRejectsTrailingBytes() {
        XdrReader r = new XdrReader(hex("00000001 00000002"));
        r.readInt();
        assertThatThrownBy(r::expectEnd).isInstanceOf(XdrException.class);
    }

    @Test
    void readsFromByteBufferAndArraySlice() {
        ByteBuffer b = ByteBuffer.wrap(hex("aaaaaaaa 00000007"));
        b.position(4);
        XdrReader r = new XdrReader(b);
        assertThat(r.remaining()).isEqualTo(4);
        assertThat(r.readInt()).isEqualTo(7);
        assertThat(b.position()).isEqualTo(4);

        XdrReader s = new XdrReader(hex("aaaaaaaa 00000007 bbbbbbbb"), 4, 4);
        assertThat(s.readInt()).isEqualTo(7);
        assertThat(s.atEnd()).isTrue();
        assertThatThrownBy(s::readInt).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
