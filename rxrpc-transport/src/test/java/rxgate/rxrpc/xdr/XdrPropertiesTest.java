package rxgate.rxrpc.xdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Round-trip properties: decode(encode(x)) == x, and arbitrary input decodes or throws XdrException. */
class XdrPropertiesTest {

    private static Gen<byte[]> bytes(int maxLen) {
        return lists().of(integers().between(-128, 127)).ofSizeBetween(0, maxLen)
                .map(l -> {
                    byte[] b = new byte[l.size()];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = l.get(i).byteValue();
                    }
                    return b;
                });
    }

    @Test
    void intRoundTrips() {
        qt().forAll(integers().all()).checkAssert(v ->
                assertThat(new XdrReader(new XdrWriter().writeInt(v).toByteArray()).readInt()).isEqualTo(v));
    }

    @Test
    void unsignedIntRoundTrips() {
        qt().forAll(longs().between(0, 0xFFFF_FFFFL)).checkAssert(v ->
                assertThat(new XdrReader(new XdrWriter().writeUnsignedInt(v).toByteArray()).readUnsignedInt())
                        .isEqualTo(v));
    }

    @Test
    void longRoundTrips() {
        qt().forAll(longs().all()).checkAssert(v -> {
            byte[] b = new XdrWriter().writeLong(v).toByteArray();
            assertThat(b).hasSize(8);
            assertThat(new XdrReader(b).readLong()).isEqualTo(v);
        });
    }

    @Test
    void stringRoundTripsAndIsPadded() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 70), integers().between(0, 3))
                .checkAssert((s, trailing) -> {
                    XdrWriter w = new XdrWriter().writeString(s, 70);
                    for (int i = 0; i < trailing; i++) {
                        w.writeInt(i);
                    }
                    byte[] b = w.toByteArray();
                    assertThat(b.length % 4).isZero();
                    XdrReader r = new XdrReader(b);
                    assertThat(r.readString(70)).isEqualTo(s);
                    assertThat(r.remaining()).isEqualTo(4 * trailing);
                });
    }

    @Test
    void unicodeStringRoundTrips() {
        qt().forAll(strings().betweenCodePoints(0x20, 0xD7FF).ofLengthBetween(0, 20)).checkAssert(s -> {
            byte[] b = new XdrWriter().writeString(s, 1000).toByteArray();
            assertThat(new XdrReader(b).readString(1000)).isEqualTo(s);
        });
    }

    @Test
    void opaqueRoundTrips() {
        qt().forAll(bytes(40)).checkAssert(data -> {
            byte[] b = new XdrWriter().writeOpaque(data, 40).writeFixedOpaque(data).toByteArray();
            assertThat(b.length % 4).isZero();
            XdrReader r = new XdrReader(b);
            assertThat(r.readOpaque(40)).isEqualTo(data);
            assertThat(r.readFixedOpaque(data.length)).isEqualTo(data);
            assertThat(r.atEnd()).isTrue();
        });
    }

    @Test
    void charArrayRoundTripsForNamesThatFit() {
        qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 64).map(s -> s.replace('\0', 'x')))
                .checkAssert(s -> {
                    byte[] b = new XdrWriter().writeCharArray(s, 65).toByteArray();
                    assertThat(b).hasSize(260);
                    assertThat(new XdrReader(b).readCharArray(65)).isEqualTo(s);
                });
    }

    @Test
    void intArrayRoundTrips() {
        qt().forAll(lists().of(integers().all()).ofSizeBetween(0, 30)).checkAssert(l -> {
            int[] v = l.stream().mapToInt(Integer::intValue).toArray();
            byte[] b = new XdrWriter().writeIntArray(v, 30).toByteArray();
            assertThat(new XdrReader(b).readIntArray(30)).isEqualTo(v);
        });
    }

    /** Arbitrary bytes either decode or raise XdrException; nothing else escapes. */
    @Test
    void arbitraryInputDecodesOrThrowsXdrException() {
        qt().forAll(bytes(64), integers().between(0, 6)).checkAssert((data, what) -> {
            XdrReader r = new XdrReader(data);
            try {
                switch (what) {
                    case 0 -> r.readString(16);
                    case 1 -> r.readOpaque(16);
                    case 2 -> r.readIntArray(8);
                    case 3 -> r.readCharArray(8);
                    case 4 -> r.readLong();
                    case 5 -> r.readCount(100, 4);
                    default -> r.readFixedOpaque(9);
                }
            } catch (XdrException expected) {
                // the declared decode failure
            }
        });
    }
}
