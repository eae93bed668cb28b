package rxgate.rxrpc.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import java.util.List;
import org.junit.jupiter.api.Test;

class XdrWriterTest {

    @Test
    void intsAreBigEndianWords() {
        byte[] b = new XdrWriter().writeInt(0x01020304).writeInt(-1).writeInt(0).toByteArray();
        assertThat(b).isEqualTo(hex("01020304 ffffffff 00000000"));
    }

    @Test
    void unsignedIntRangeIsChecked() {
        assertThat(new XdrWriter().writeUnsignedInt(0xFFFF_FFFFL).toByteArray()).isEqualTo(hex("ffffffff"));
        assertThat(new XdrWriter().writeUnsignedInt(536870915L).toByteArray()).isEqualTo(hex("20000003"));
        assertThatThrownBy(() -> new XdrWriter().writeUnsignedInt(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XdrWriter().writeUnsignedInt(1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longIsHighWordThenLowWord() {
        assertThat(new XdrWriter().writeLong(0x0000000100000002L).toByteArray()).isEqualTo(hex("00000001 00000002"));
        assertThat(new XdrWriter().writeLong(-2).toByteArray()).isEqualTo(hex("ffffffff fffffffe"));
    }

    @Test
    void charAndShortAreWidenedWithSignExtension() {
        // afs-rpcs.md §1.3: 0xAC is sent as FF FF FF AC
        assertThat(new XdrWriter().writeChar(0xAC).writeChar(0x72).toByteArray()).isEqualTo(hex("ffffffac 00000072"));
        assertThat(new XdrWriter().writeShort((short) -2).writeShort((short) 7).toByteArray())
                .isEqualTo(hex("fffffffe 00000007"));
    }

    @Test
    void stringHasLengthAndPaddingAndNoNul() {
        assertThat(new XdrWriter().writeString("rkfs", 65).toByteArray()).isEqualTo(hex("00000004 726b6673"));
        assertThat(new XdrWriter().writeString("root.cell", 65).toByteArray())
                .isEqualTo(hex("00000009 726f6f74 2e63656c 6c000000"));
        assertThat(new XdrWriter().writeString("", 65).toByteArray()).isEqualTo(hex("00000000"));
    }

    @Test
    void stringLongerThanMaxIsRejected() {
        XdrWriter w = new XdrWriter();
        assertThatThrownBy(() -> w.writeString("abcdef", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum of 5");
        assertThat(w.size()).isZero();
    }

    @Test
    void opaqueVariableAndFixed() {
        assertThat(new XdrWriter().writeOpaque(new byte[] {1, 2, 3}, 10).toByteArray()).isEqualTo(hex("00000003 01020300"));
        assertThat(new XdrWriter().writeFixedOpaque(new byte[] {1, 2, 3, 4, 5}).toByteArray())
                .isEqualTo(hex("01020304 05000000"));
        assertThatThrownBy(() -> new XdrWriter().writeOpaque(new byte[3], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void charArrayIsOneWordPerCharacterPaddedWithZeroWords() {
        byte[] b = new XdrWriter().writeCharArray("ab", 4).toByteArray();
        assertThat(b).isEqualTo(hex("00000061 00000062 00000000 00000000"));
        assertThat(new XdrWriter().writeCharArray("x", 65).toByteArray()).hasSize(260);
    }

    @Test
    void charArrayMustLeaveRoomForNul() {
        assertThat(new XdrWriter().writeCharArray("abc", 4).toByteArray()).hasSize(16);
        assertThatThrownBy(() -> new XdrWriter().writeCharArray("abcd", 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XdrWriter().writeCharArray("a\0b", 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void charArraySignExtendsNonAsciiBytes() {
        // "é" is C3 A9 in UTF-8: each byte is a sign-extended word, like rxgen's xdr_char
        assertThat(new XdrWriter().writeCharArray("é", 3).toByteArray()).isEqualTo(hex("ffffffc3 ffffffa9 00000000"));
    }

    @Test
    void intArrays() {
        assertThat(new XdrWriter().writeIntArray(new int[] {5, -1}, 10).toByteArray())
                .isEqualTo(hex("00000002 00000005 ffffffff"));
        assertThat(new XdrWriter().writeIntList(List.of(7), 10).toByteArray()).isEqualTo(hex("00000001 00000007"));
        assertThat(new XdrWriter().writeFixedIntArray(new int[] {1, 2}).toByteArray()).isEqualTo(hex("00000001 00000002"));
        assertThat(new XdrWriter().writeFixedIntArray(new int[] {1}, 3).toByteArray())
                .isEqualTo(hex("00000001 00000000 00000000"));
        assertThatThrownBy(() -> new XdrWriter().writeIntArray(new int[3], 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XdrWriter().writeFixedIntArray(new int[3], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forOpcodeStartsWithTheOpcode() {
        assertThat(XdrWriter.forOpcode(519).writeString("x", 65).toByteArray())
                .isEqualTo(hex("00000207 00000001 78000000"));
    }

    @Test
    void growsBeyondInitialCapacity() {
        XdrWriter w = new XdrWriter(16);
        for (int i = 0; i < 10_000; i++) {
            w.writeInt(i);
        }
        byte[] b = w.toByteArray();
        assertThat(b).hasSize(40_000);
        assertThat(new XdrReader(b).skip(4 * 9_999).readInt()).isEqualTo(9_999);
    }

    @Test
    void booleanAndRaw() {
        assertThat(new XdrWriter().writeBoolean(true).writeBoolean(false).writeRaw(new byte[] {9}).toByteArray())
                .isEqualTo(hex("00000001 00000000 09"));
    }
}
