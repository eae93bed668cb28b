package rxgate.rxrpc.endpoint;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import rxgate.rxrpc.wire.DebugRequest;
import rxgate.rxrpc.wire.PacketCodec;
import rxgate.rxrpc.wire.PacketType;
import rxgate.rxrpc.wire.RxConstants;
import rxgate.rxrpc.wire.VersionBody;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The client side of rxdebug's out-of-call packets (rxrpc-protocol.md §7.1, §7.2): VERSION and
 * DEBUG requests, matched to replies by call number and sender, resent with a doubling wait
 * (1 s, 2 s, 4 s …) until the caller's timeout. Confined to the endpoint's event loop.
 */
public final class DebugQueries {
    private static final long FIRST_RESEND_MILLIS = 1_000;

    private final EndpointCore core;
    private final IntObjectHashMap<Query> pending = new IntObjectHashMap<>();
    /** OpenAFS's rxdebug numbers its requests from 101. */
    private int nextCallNumber = 101;

    private final class Query {
        final int callNumber;
        final int type;
        final InetSocketAddress target;
        final byte[] body;
        final CompletableFuture<byte[]> reply;
        final long deadlineNanos;
        long waitMillis = FIRST_RESEND_MILLIS;
        ScheduledFuture<?> resend;

        Query(int callNumber, int type, InetSocketAddress target, byte[] body, CompletableFuture<byte[]> reply,
                long deadlineNanos) {
            this.callNumber = callNumber;
            this.type = type;
            this.target = target;
            this.body = body;
            this.reply = reply;
            this.deadlineNanos = deadlineNanos;
        }
    }

    DebugQueries(EndpointCore core) {
        this.core = core;
    }

    /** rx VERSION request; completes with the version string. */
    public CompletableFuture<String> version(InetSocketAddress target, Duration timeout) {
        return query(PacketType.VERSION, target, new byte[] {0}, timeout)
                .thenApply(b -> VersionBody.decode(Unpooled.wrappedBuffer(b)).version());
    }

    /** rx DEBUG request {@code {type, index}}; completes with the raw reply body. */
    public CompletableFuture<byte[]> debug(InetSocketAddress target, int type, int index, Duration timeout) {
        ByteBuf buf = Unpooled.buffer(DebugRequest.SIZE);
        new DebugRequest(type, index).encodeTo(buf);
        byte[] body = new byte[DebugRequest.SIZE];
        buf.readBytes(body);
        return query(PacketType.DEBUG, target, body, timeout);
    }

    private CompletableFuture<byte[]> query(int type, InetSocketAddress target, byte[] body, Duration timeout) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        core.eventLoop().execute(() -> {
            if (pending.size() >= core.config().maxDebugQueries()) {
                f.completeExceptionally(new IllegalStateException("too many rxdebug queries in flight"));
                return;
            }
            int cn = nextCallNumber++;
            if (nextCallNumber <= 0) {
                nextCallNumber = 101;
            }
            Query q = new Query(cn, type, target, body, f, core.nanoTime() + timeout.toNanos());
            pending.put(cn, q);
            transmit(q);
        });
        return f;
    }

    private void transmit(Query q) {
        WireHeader h = q.type == PacketType.VERSION ? PacketCodec.versionRequestHeader(q.callNumber)
                : PacketCodec.debugRequestHeader(q.callNumber);
        ByteBuf dgram = core.alloc().directBuffer(RxConstants.HEADER_SIZE + q.body.length);
        h.encodeTo(dgram);
        dgram.writeBytes(q.body);
        core.stats().packetSent(q.type, dgram.readableBytes());
        core.sendRaw(dgram, q.target);
        long left = q.deadlineNanos - core.nanoTime();
        long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(q.waitMillis), Math.max(0, left));
        q.waitMillis *= 2;
        q.resend = core.eventLoop().schedule(() -> onResendTimer(q), wait, TimeUnit.NANOSECONDS);
    }

    private void onResendTimer(Query q) {
        if (pending.get(q.callNumber) != q) {
            return;
        }
        if (core.nanoTime() - q.deadlineNanos >= 0) {
            pending.remove(q.callNumber);
            q.reply.completeExceptionally(new TimeoutException("no " + PacketType.name(q.type)
                    + " reply from " + q.target));
            return;
        }
        transmit(q);
    }

    /** A VERSION or DEBUG reply arrived (event loop). */
    void onReply(WireHeader h, ByteBuf body, InetSocketAddress sender) {
        Query q = pending.get(h.callNumber());
        if (q == null || !q.target.equals(sender)) {
            return;
        }
        pending.remove(q.callNumber);
        if (q.resend != null) {
            q.resend.cancel(false);
        }
        byte[] bytes = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), bytes);
        q.reply.complete(bytes);
    }

    void expire(long now) {
        for (Query q : new ArrayList<>(pending.values())) {
            if (now - q.deadlineNanos > TimeUnit.SECONDS.toNanos(1)) {
                pending.remove(q.callNumber);
                q.reply.completeExceptionally(new TimeoutException("no reply from " + q.target));
            }
        }
    }

    void failAll() {
        for (Query q : new ArrayList<>(pending.values())) {
            if (q.resend != null) {
                q.resend.cancel(false);
            }
            q.reply.completeExceptionally(new IllegalStateException("endpoint closed"));
        }
        pending.clear();
    }
}
