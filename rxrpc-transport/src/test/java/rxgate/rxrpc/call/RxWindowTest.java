package rxgate.rxrpc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RxWindowTest {

    private static ByteBuf data(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private static String str(ByteBuffer b) {
        return StandardCharsets.US_ASCII.decode(b).toString();
    }

    @Test
    void inOrderPacketsAreReadInOrder() {
        RxWindow w = new RxWindow(8);
        assertThat(w.insert(1, data("ab"), false)).isEqualTo(RxWindow.Insert.IN_ORDER);
        assertThat(w.insert(2, data("cd"), true)).isEqualTo(RxWindow.Insert.IN_ORDER);
        assertThat(w.complete()).isTrue();
        assertThat(w.firstUnreceived()).isEqualTo(3);
        assertThat(str(w.read(1024))).isEqualTo("abcd");
        assertThat(w.fullyConsumed()).isTrue();
        assertThat(w.read(1024)).isNull();
    }

    @Test
    void gapsAreHeldAndReportedInTheSoftAckTable() {
        RxWindow w = new RxWindow(8);
        w.insert(1, data("a"), false);
        assertThat(w.insert(3, data("c"), false)).isEqualTo(RxWindow.Insert.OUT_OF_SEQUENCE);
        assertThat(w.insert(5, data("e"), true)).isEqualTo(RxWindow.Insert.OUT_OF_SEQUENCE);
        assertThat(w.firstUnreceived()).isEqualTo(2);
        assertThat(w.highest()).isEqualTo(5);
        assertThat(w.softAcks()).containsExactly(0, 1, 0, 1);
        assertThat(str(w.read(1024))).isEqualTo("a");
        assertThat(w.readable()).isFalse();
        assertThat(w.insert(2, data("b"), false)).isEqualTo(RxWindow.Insert.IN_ORDER);
        assertThat(w.firstUnreceived()).isEqualTo(4);
        assertThat(w.insert(4, data("d"), false)).isEqualTo(RxWindow.Insert.IN_ORDER);
        assertThat(w.complete()).isTrue();
        assertThat(str(w.read(1024))).isEqualTo("bcde");
    }

    @Test
    void duplicatesAreRecognisedAndNotTaken() {
        RxWindow w = new RxWindow(8);
        w.insert(1, data("a"), false);
        w.insert(3, data("c"), false);
        ByteBuf dup1 = data("a");
        ByteBuf dup3 = data("c");
        assertThat(w.insert(1, dup1, false)).isEqualTo(RxWindow.Insert.DUPLICATE);
        assertThat(w.insert(3, dup3, false)).isEqualTo(RxWindow.Insert.DUPLICATE);
        assertThat(dup1.refCnt()).as("caller keeps a rejected packet").isEqualTo(1);
        assertThat(w.heldBytes()).isEqualTo(2);
    }

    @Test
    void theWindowIsBoundedByWhatTheApplicationHasNotRead() {
        RxWindow w = new RxWindow(4);
        for (int seq = 1; seq <= 4; seq++) {
            assertThat(w.insert(seq, data("x"), false)).isEqualTo(RxWindow.Insert.IN_ORDER);
        }
        assertThat(w.freeSlots()).isZero();
        assertThat(w.insert(5, data("y"), false)).isEqualTo(RxWindow.Insert.EXCEEDS_WINDOW);
        w.read(2);
        assertThat(w.freeSlots()).isEqualTo(2);
        assertThat(w.insert(5, data("y"), false)).isEqualTo(RxWindow.Insert.IN_ORDER);
    }

    @Test
    void dataAfterTheLastPacketOrASecondLastIsAProtocolError() {
        RxWindow w = new RxWindow(8);
        w.insert(1, data("a"), false);
        w.insert(2, data("b"), true);
        assertThat(w.insert(3, data("c"), false)).isEqualTo(RxWindow.Insert.PROTOCOL_ERROR);
        RxWindow w2 = new RxWindow(8);
        w2.insert(3, data("c"), true);
        assertThat(w2.insert(2, data("b"), true)).isEqualTo(RxWindow.Insert.PROTOCOL_ERROR);
        RxWindow w3 = new RxWindow(8);
        w3.insert(4, data("d"), false);
        assertThat(w3.insert(2, data("b"), true)).as("LAST below a received seq").isEqualTo(RxWindow.Insert.PROTOCOL_ERROR);
    }

    @Test
    void drainMovesEverythingInOrderAndReleases() {
        RxWindow w = new RxWindow(8);
        ByteBuf a = data("hello ");
        w.insert(1, a, false);
        w.insert(2, data("world"), true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(w.drainTo(out)).isEqualTo(11);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hello world");
        assertThat(a.refCnt()).isZero();
        assertThat(w.fullyConsumed()).isTrue();
    }

    @Test
    void sequenceNumbersWrapAroundTheRing() {
        RxWindow w = new RxWindow(4);
        StringBuilder got = new StringBuilder();
        for (int seq = 1; seq <= 20; seq++) {
            assertThat(w.insert(seq, data(Integer.toString(seq % 10)), seq == 20)).isEqualTo(RxWindow.Insert.IN_ORDER);
            got.append(str(w.read(100)));
        }
        assertThat(got.toString()).isEqualTo("12345678901234567890");
        assertThat(w.fullyConsumed()).isTrue();
    }

    @Test
    void packetsAreVerifiedWhenReadNotWhenTheyArrive() throws Exception {
        RxWindow w = new RxWindow(8);
        int[] verified = {0};
        PacketVerifier skipTwo = (h, p) -> {
            verified[0]++;
            return 2; // a 2-byte security header in front of the data
        };
        w.insert(1, data("hdab"), false, null, 0);
        w.insert(2, data("hdcd"), true, null, 0);
        assertThat(verified[0]).isZero();
        assertThat(str(w.read(1024, skipTwo))).isEqualTo("abcd");
        assertThat(verified[0]).isEqualTo(2);
    }

    @Test
    void aPacketThatFailsVerificationIsNeverDelivered() {
        RxWindow w = new RxWindow(8);
        w.insert(1, data("bad"), true, null, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.read(1024, (h, p) -> {
            throw new rxgate.rxrpc.security.RxSecurityException(19270410, "bad checksum");
        })).isInstanceOf(rxgate.rxrpc.security.RxSecurityException.class);
    }

    @Test
    void jumboSubPacketsKeepTheirAnnotations() {
        RxWindow w = new RxWindow(8);
        ByteBuf datagram = Unpooled.buffer(3000).writeZero(3000);
        w.insert(1, datagram.retainedSlice(0, 1412), false, null, 1);
        w.insert(2, datagram.retainedSlice(1416, 1412), false, null, 2 | RxWindow.ANNOTATION_JUMBO_LAST);
        assertThat(w.annotation(1)).isEqualTo(1);
        assertThat(w.annotation(2)).isEqualTo(2 | RxWindow.ANNOTATION_JUMBO_LAST);
        datagram.release();
        assertThat(datagram.refCnt()).as("each slot holds a reference to the datagram, not a copy").isEqualTo(2);
        w.read(10_000);
        assertThat(datagram.refCnt()).isZero();
    }

    @Test
    void pastTheBudgetPacketsAreCopiedIntoBuffersOfTheirSize() {
        ReceiveBudget budget = new ReceiveBudget(40_000);
        RxWindow w = new RxWindow(8, budget);
        for (int seq = 1; seq <= 4; seq++) {
            ByteBuf datagram = Unpooled.buffer(16_384).writeZero(1440);
            w.insert(seq, datagram.slice(28, 1412), false, null, 0);
        }
        assertThat(budget.copies()).as("two 16 KiB buffers fit in 40,000 bytes").isEqualTo(2);
        assertThat(budget.usedBytes()).isEqualTo(2 * 16_384 + 2 * 1412);
        w.read(100_000);
        assertThat(budget.usedBytes()).isZero();
    }
}
