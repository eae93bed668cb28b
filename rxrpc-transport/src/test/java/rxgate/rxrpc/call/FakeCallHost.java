package rxgate.rxrpc.call;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import rxgate.rxrpc.RxStats;
import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.wire.DataPacket;
import rxgate.rxrpc.wire.DropReason;
import rxgate.rxrpc.wire.Jumbogram;
import rxgate.rxrpc.wire.RxPacket;

/**
 * A {@link CallHost} for unit tests: an embedded event loop with a frozen clock that tests
 * advance by hand (no sleeps), and a record of every datagram the call sends, decoded.
 */
final class FakeCallHost implements CallHost {
    final EmbeddedChannel channel = new EmbeddedChannel();
    final RxStats stats = new RxStats(DropReason.values().length);
    final List<RxPacket> sent = new ArrayList<>();
    final List<Integer> datagramSizes = new ArrayList<>();
    final List<Call> requeued = new ArrayList<>();
    final List<Call> ended = new ArrayList<>();
    final List<Call> released = new ArrayList<>();
    final List<Call> retired = new ArrayList<>();
    final Peer peer;

    FakeCallHost() {
        channel.freezeTime();
        peer = new Peer(new InetSocketAddress("127.0.0.1", 7003), nanoTime());
    }

    /** Advances the clock and runs whatever timers became due. */
    void advanceMillis(long ms) {
        channel.advanceTimeBy(ms, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    void runTasks() {
        channel.runPendingTasks();
    }

    /** Datagrams sent so far, then forgets them. */
    List<RxPacket> takeSent() {
        List<RxPacket> out = new ArrayList<>(sent);
        sent.clear();
        datagramSizes.clear();
        return out;
    }

    /** DATA sub-packets (jumbograms split) among {@code packets}. */
    static List<DataPacket> dataOf(List<RxPacket> packets) {
        List<DataPacket> out = new ArrayList<>();
        for (RxPacket p : packets) {
            if (p.type() == 1) {
                try {
                    out.addAll(Jumbogram.split(p));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public long nanoTime() {
        return channel.eventLoop().ticker().nanoTime();
    }

    @Override
    public ByteBufAllocator alloc() {
        return UnpooledByteBufAllocator.DEFAULT;
    }

    @Override
    public RxStats stats() {
        return stats;
    }

    @Override
    public int jumboMax() {
        return 4;
    }

    @Override
    public ReceiveBudget receiveBudget() {
        return budget;
    }

    final ReceiveBudget budget = new ReceiveBudget(Long.MAX_VALUE);

    @Override
    public void send(Peer to, ByteBuf datagram, int type) {
        byte[] copy = new byte[datagram.readableBytes()];
        datagram.readBytes(copy);
        datagram.release();
        datagramSizes.add(copy.length);
        try {
            sent.add(RxPacket.decode(Unpooled.wrappedBuffer(copy)));
        } catch (Exception e) {
            throw new AssertionError("the call sent a malformed packet", e);
        }
    }

    @Override
    public void releaseChannel(Call call) {
        released.add(call);
        if (call.connection() != null) {
            ((rxgate.rxrpc.conn.ClientConnection) call.connection()).detach(call.channel(), call, nanoTime());
        }
    }

    @Override
    public void requeueAfterBusy(Call call, long delayNanos) {
        requeued.add(call);
    }

    @Override
    public void callEnded(Call call) {
        ended.add(call);
    }

    @Override
    public void retireConnection(Call call) {
        retired.add(call);
        ((rxgate.rxrpc.conn.ClientConnection) call.connection()).retire();
    }
}
