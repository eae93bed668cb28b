package rxgate.rxrpc.endpoint;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import rxgate.rxrpc.Impairment;

/**
 * Applies an {@link Impairment} to the datagrams of an endpoint, both ways, on its event loop.
 * Only installed when a test asks for it.
 */
final class ImpairmentHandler extends ChannelDuplexHandler {
    private final Impairment imp;
    private final SplittableRandom inRandom;
    private final SplittableRandom outRandom;
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong delayed = new AtomicLong();

    ImpairmentHandler(Impairment imp) {
        this.imp = imp;
        this.inRandom = new SplittableRandom(imp.seed());
        this.outRandom = new SplittableRandom(imp.seed() ^ 0x5DEECE66DL);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket p)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (inRandom.nextDouble() < imp.dropRate()) {
            dropped.incrementAndGet();
            p.release();
            return;
        }
        if (inRandom.nextDouble() < imp.duplicateRate()) {
            duplicated.incrementAndGet();
            ctx.fireChannelRead(p.retainedDuplicate());
        }
        long wait = holdNanos(inRandom);
        if (wait > 0) {
            ctx.executor().schedule(() -> ctx.fireChannelRead(p), wait, TimeUnit.NANOSECONDS);
        } else {
            ctx.fireChannelRead(p);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof DatagramPacket p)) {
            ctx.write(msg, promise);
            return;
        }
        if (outRandom.nextDouble() < imp.dropRate()) {
            dropped.incrementAndGet();
            p.release();
            promise.trySuccess();
            return;
        }
        if (outRandom.nextDouble() < imp.duplicateRate()) {
            duplicated.incrementAndGet();
            ctx.writeAndFlush(p.retainedDuplicate());
        }
        long wait = holdNanos(outRandom);
        if (wait > 0) {
            ctx.executor().schedule(() -> ctx.writeAndFlush(p, promise), wait, TimeUnit.NANOSECONDS);
        } else {
            ctx.write(p, promise);
        }
    }

    private long holdNanos(SplittableRandom r) {
        if (imp.reorderRate() == 0 || r.nextDouble() >= imp.reorderRate()) {
            return 0;
        }
        delayed.incrementAndGet();
        long jitter = imp.jitter().toNanos();
        return imp.delay().toNanos() + (jitter > 0 ? r.nextLong(jitter) : 0);
    }
}
