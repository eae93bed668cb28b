package rxgate.rxrpc.services.perf;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.RxServiceCall;
import rxgate.rxrpc.errors.AfsErrors;

/**
 * The rxperf service (id 147): decodes each request incrementally as its bytes arrive (never the
 * whole transfer in memory), discards the data it is sent and streams the data it is asked for,
 * with backpressure both ways. Bad requests are aborted as the kernel's rxperf does:
 * RXGEN_SS_UNMARSHAL for short or garbled ones, RX_USER_ABORT for a wrong version, RXGEN_OPCODE
 * for FILE and unknown types.
 */
public final class PerfService {
    private static final int HEADER = 16;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(PerfProtocol.CHUNK).asReadOnlyBuffer();

    private PerfService() {
    }

    /** The service definition (register it on an endpoint bound to port 7009, or any). */
    public static RxService service() {
        return RxService.streaming(PerfProtocol.SERVICE_ID, PerfService::handle).backlog(32).build();
    }

    /** The service accepting the given security classes (e.g. rxnull and rxkad). */
    public static RxService service(rxgate.rxrpc.security.RxServerSecurityClass... security) {
        return RxService.streaming(PerfProtocol.SERVICE_ID, PerfService::handle).backlog(32).security(security)
                .build();
    }

    static void handle(RxServiceCall call) {
        new Request(call).readMore();
    }

    /** One call's request decoding: header words first, then the data to discard. */
    private static final class Request {
        private final RxServiceCall call;
        private final ByteBuffer words = ByteBuffer.allocate(HEADER + 8);
        private int needWords = HEADER;
        private int type = -1;
        private long toDiscard = -1;
        private long toSend;

        Request(RxServiceCall call) {
            this.call = call;
        }

        void readMore() {
            call.receive().whenComplete((b, err) -> {
                if (err != null) {
                    return; // the call failed; nothing to answer
                }
                try {
                    if (consume(b)) {
                        readMore();
                    }
                } catch (RuntimeException e) {
                    call.abort(AfsErrors.RXGEN_SS_UNMARSHAL);
                }
            });
        }

        /** Takes one chunk; returns whether more must be read. */
        private boolean consume(ByteBuffer b) {
            boolean end = !b.hasRemaining();
            while (b.hasRemaining() && words.position() < needWords) {
                words.put(b.get());
                if (words.position() == HEADER) {
                    if (!parseHeader()) {
                        return false;
                    }
                }
                if (words.position() == needWords && toDiscard < 0) {
                    parseCounts();
                }
            }
            if (toDiscard > 0) {
                int n = (int) Math.min(toDiscard, b.remaining());
                b.position(b.position() + n);
                toDiscard -= n;
            }
            if (b.hasRemaining()) {
                call.abort(AfsErrors.RXGEN_SS_UNMARSHAL); // more request data than announced
                return false;
            }
            if (!end) {
                return true;
            }
            if (words.position() < needWords || toDiscard != 0) {
                call.abort(AfsErrors.RXGEN_SS_UNMARSHAL); // the request ended early
                return false;
            }
            reply();
            return false;
        }

        private boolean parseHeader() {
            ByteBuffer h = words.duplicate().flip();
            int version = h.getInt();
            type = h.getInt();
            if (version != PerfProtocol.VERSION) {
                call.abort(AfsErrors.RX_USER_ABORT);
                return false;
            }
            switch (type) {
                case PerfProtocol.TYPE_SEND, PerfProtocol.TYPE_RECV -> needWords = HEADER + 4;
                case PerfProtocol.TYPE_RPC -> needWords = HEADER + 8;
                default -> {
                    call.abort(AfsErrors.RXGEN_OPCODE);
                    return false;
                }
            }
            return true;
        }

        private void parseCounts() {
            ByteBuffer h = words.duplicate().flip();
            h.position(HEADER);
            switch (type) {
                case PerfProtocol.TYPE_SEND -> {
                    toDiscard = h.getInt() & 0xFFFFFFFFL;
                    toSend = 0;
                }
                case PerfProtocol.TYPE_RECV -> {
                    toDiscard = 0;
                    toSend = h.getInt() & 0xFFFFFFFFL;
                }
                default -> {
                    toDiscard = h.getInt() & 0xFFFFFFFFL;
                    toSend = h.getInt() & 0xFFFFFFFFL;
                }
            }
        }

        private void reply() {
            sendData(toSend).thenCompose(v -> call.send(ByteBuffer.allocate(4).putInt(0, PerfProtocol.MAGIC_COOKIE),
                    true));
        }

        private CompletableFuture<Void> sendData(long left) {
            if (left <= 0) {
                return CompletableFuture.completedFuture(null);
            }
            int n = (int) Math.min(left, PerfProtocol.CHUNK);
            return call.send(ZEROS.duplicate().limit(n), false).thenCompose(v -> sendData(left - n));
        }
    }
}
