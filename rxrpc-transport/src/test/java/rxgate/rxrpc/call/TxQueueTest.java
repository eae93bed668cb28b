package rxgate.rxrpc.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxQueueTest {

    @Test
    void numbersPacketsFromOneAndFreesThemOnHardAck() {
        TxQueue q = new TxQueue(8);
        List<ByteBuf> bufs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ByteBuf b = Unpooled.buffer(4).writeInt(i);
            bufs.add(b);
            q.add(b, i == 4);
        }
        assertThat(q.size()).isEqualTo(5);
        assertThat(q.get(1).seq()).isEqualTo(1);
        assertThat(q.get(5).last()).isTrue();
        assertThat(q.get(6)).isNull();
        q.get(2).softAcked = true;
        int newly = q.hardAckBelow(4);
        assertThat(newly).as("seq 2 was soft-ACKed already").isEqualTo(2);
        assertThat(q.hardAckBase()).isEqualTo(4);
        assertThat(bufs.get(0).refCnt()).isZero();
        assertThat(bufs.get(3).refCnt()).isEqualTo(1);
        assertThat(q.get(3)).isNull();
        assertThat(q.allAcked()).isFalse();
        q.hardAckBelow(100); // never beyond what was queued
        assertThat(q.hardAckBase()).isEqualTo(6);
        assertThat(q.allAcked()).isTrue();
    }

    @Test
    void oldAcksChangeNothing() {
        TxQueue q = new TxQueue(8);
        q.add(Unpooled.buffer(1), false);
        q.add(Unpooled.buffer(1), false);
        q.hardAckBelow(2);
        assertThat(q.hardAckBelow(1)).isZero();
        assertThat(q.hardAckBase()).isEqualTo(2);
    }

    @Test
    void isBoundedAndRefusesPacketsAfterTheLast() {
        TxQueue q = new TxQueue(4);
        for (int i = 0; i < q.capacity(); i++) {
            q.add(Unpooled.buffer(1), false);
        }
        assertThat(q.hasRoom()).isFalse();
        assertThatThrownBy(() -> q.add(Unpooled.buffer(1), false)).isInstanceOf(IllegalStateException.class);
        TxQueue q2 = new TxQueue(4);
        q2.add(Unpooled.buffer(1), true);
        assertThatThrownBy(() -> q2.add(Unpooled.buffer(1), false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resetForgetsTransmissionsAndClearReleases() {
        TxQueue q = new TxQueue(4);
        ByteBuf b = Unpooled.buffer(1);
        TxSegment s = q.add(b, true);
        s.transmissions = 3;
        s.lastSerial = 9;
        s.softAcked = true;
        q.resetTransmissions();
        assertThat(s.transmissions).isZero();
        assertThat(s.lastSerial).isZero();
        assertThat(s.softAcked).isFalse();
        q.clear();
        assertThat(b.refCnt()).isZero();
        assertThat(q.size()).isZero();
    }
}
