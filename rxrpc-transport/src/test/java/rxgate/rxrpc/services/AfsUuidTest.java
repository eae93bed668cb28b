package rxgate.rxrpc.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static rxgate.rxrpc.services.Golden.hex;

import org.junit.jupiter.api.Test;
import rxgate.rxrpc.xdr.XdrReader;
import rxgate.rxrpc.xdr.XdrWriter;

class AfsUuidTest {
    /** The live fileserver UUID of afs-rpcs.md §1.3. */
    static final byte[] LIVE = hex("00090826 000027c1 00001b0a ffffffac 00000072 00000001 00000000 00000000"
            + " 0000007f ffffffaa 00000077");

    @Test
    void decodesTheLiveExample() {
        AfsUuid u = AfsUuid.decode(new XdrReader(LIVE));
        assertThat(u.timeLow()).isEqualTo(0x00090826);
        assertThat(u.timeMid()).isEqualTo(0x27c1);
        assertThat(u.timeHiAndVersion()).isEqualTo(0x1b0a);
        assertThat(u.clockSeqHiAndReserved()).isEqualTo(0xac);
        assertThat(u.clockSeqLow()).isEqualTo(0x72);
        assertThat(u.node()).isEqualTo(0x0100007faa77L);
        assertThat(u).hasToString("00090826-27c1-1b0a-ac-72-0100007faa77");
        assertThat(u.isNil()).isFalse();
    }

    @Test
    void encodesLikeRxgenWithSignExtendedChars() {
        AfsUuid u = AfsUuid.decode(new XdrReader(LIVE));
        XdrWriter w = new XdrWriter();
        u.encodeTo(w);
        assertThat(w.toByteArray()).isEqualTo(LIVE).hasSize(AfsUuid.SIZE);
    }

    @Test
    void nilAndRangeChecks() {
        assertThat(AfsUuid.NIL.isNil()).isTrue();
        assertThatThrownBy(() -> new AfsUuid(0, 0x10000, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AfsUuid(0, 0, 0, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AfsUuid(0, 0, 0, 0, 0, 1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }
}
