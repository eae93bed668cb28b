package rxgate.rxrpc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import rxgate.rxrpc.errors.AfsErrors;
import rxgate.rxrpc.security.NullSecurity;
import rxgate.rxrpc.security.RxServerSecurityClass;

/**
 * A service offered by an endpoint: its id, how many incoming calls are preallocated for it (the
 * backlog, as in the kernel's {@code listen()}), where its handler runs, and optionally a service
 * it upgrades to (rxrpc-protocol.md §2.6), and the security classes it accepts (default: rxnull
 * only). Immutable.
 */
public final class RxService {
    private final int serviceId;
    private final int backlog;
    private final RxServiceHandler handler;
    private final RxRequestHandler requestHandler;
    private final Executor executor;
    private final Supplier<Object> callContext;
    private final int upgradeTo;
    private final long maxRequestBytes;
    private final RxServerSecurityClass[] security;

    private RxService(Builder b) {
        this.serviceId = b.serviceId;
        this.backlog = b.backlog;
        this.handler = b.handler;
        this.requestHandler = b.requestHandler;
        this.executor = b.executor;
        this.callContext = b.callContext;
        this.upgradeTo = b.upgradeTo;
        this.maxRequestBytes = b.maxRequestBytes;
        this.security = b.security.clone();
    }

    /** A streaming service: the handler reads the request and writes the reply itself. */
    public static Builder streaming(int serviceId, RxServiceHandler handler) {
        return new Builder(serviceId, Objects.requireNonNull(handler), null);
    }

    /** A request/reply service: requests arrive whole (bounded), replies are sent whole. */
    public static Builder requestReply(int serviceId, RxRequestHandler handler) {
        return new Builder(serviceId, null, Objects.requireNonNull(handler));
    }

    public int serviceId() {
        return serviceId;
    }

    /** Requested backlog (the endpoint clamps it to its limits, 4..32 by default). */
    public int backlog() {
        return backlog;
    }

    public Executor executor() {
        return executor;
    }

    public Supplier<Object> callContext() {
        return callContext;
    }

    /** The service id this one upgrades to, or 0. */
    public int upgradeTo() {
        return upgradeTo;
    }

    /** Whether requests are collected whole before the handler sees them. */
    public boolean collectsRequests() {
        return requestHandler != null;
    }

    public long maxRequestBytes() {
        return maxRequestBytes;
    }

    /**
     * The server security class for {@code securityIndex}, or {@code null} if this service does
     * not accept it: a new connection with that index is refused with RX_INVALID_OPERATION, as
     * OpenAFS refuses an index its service did not register.
     */
    public RxServerSecurityClass securityClass(int securityIndex) {
        for (RxServerSecurityClass c : security) {
            if (c.securityIndex() == securityIndex) {
                return c;
            }
        }
        return null;
    }

    /** The security classes accepted, in registration order. */
    public java.util.List<RxServerSecurityClass> securityClasses() {
        return java.util.List.of(security);
    }

    /** Runs the handler for one call (on the service's executor). */
    public void dispatch(RxServiceCall call, CompletableFuture<byte[]> wholeRequest) {
        if (handler != null) {
            handler.onCall(call);
            return;
        }
        wholeRequest.thenCompose(req -> requestHandler.handle(call, req)).whenComplete((reply, err) -> {
            if (err != null) {
                Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                if (call.completion().isDone()) {
                    return; // the call failed first (e.g. the client aborted it)
                }
                call.abort(t instanceof RxAbortException a ? a.code() : AfsErrors.RX_USER_ABORT);
            } else {
                call.send(java.nio.ByteBuffer.wrap(reply == null ? new byte[0] : reply), true);
            }
        });
    }

    /** Settings of a service. */
    public static final class Builder {
        private final int serviceId;
        private final RxServiceHandler handler;
        private final RxRequestHandler requestHandler;
        private int backlog = 16;
        private Executor executor = ForkJoinPool.commonPool();
        private Supplier<Object> callContext = () -> null;
        private int upgradeTo;
        private long maxRequestBytes = 1 << 20;
        private RxServerSecurityClass[] security = {NullSecurity.INSTANCE};

        private Builder(int serviceId, RxServiceHandler handler, RxRequestHandler requestHandler) {
            if (serviceId <= 0 || serviceId > 0xFFFF) {
                throw new IllegalArgumentException("service id out of range 1..65535: " + serviceId);
            }
            this.serviceId = serviceId;
            this.handler = handler;
            this.requestHandler = requestHandler;
        }

        /** Incoming calls preallocated for this service (clamped by the endpoint, 4..32 by default). */
        public Builder backlog(int n) {
            this.backlog = n;
            return this;
        }

        /** Where the handler runs (default: the common fork-join pool). */
        public Builder executor(Executor e) {
            this.executor = Objects.requireNonNull(e);
            return this;
        }

        /** Makes the context attached to each preallocated call ({@link RxServiceCall#userContext()}). */
        public Builder callContext(Supplier<Object> s) {
            this.callContext = Objects.requireNonNull(s);
            return this;
        }

        /** A client probing for an upgrade of this service gets {@code id} instead (§2.6). */
        public Builder upgradeTo(int id) {
            this.upgradeTo = id;
            return this;
        }

        /** Largest request collected whole (request/reply services; default 1 MiB). */
        public Builder maxRequestBytes(long n) {
            this.maxRequestBytes = n;
            return this;
        }

        /**
         * The security classes this service accepts, one per security index (default: rxnull only).
         * To require rxkad, list only an rxkad class; to let the service decide per call (as the
         * OpenAFS ptserver and vlserver do), list {@link NullSecurity#INSTANCE} too and look at
         * {@link RxServiceCall#principal()}.
         */
        public Builder security(RxServerSecurityClass... classes) {
            if (classes.length == 0) {
                throw new IllegalArgumentException("a service accepts at least one security class");
            }
            for (int i = 0; i < classes.length; i++) {
                Objects.requireNonNull(classes[i], "security class");
                for (int j = 0; j < i; j++) {
                    if (classes[j].securityIndex() == classes[i].securityIndex()) {
                        throw new IllegalArgumentException("two security classes for index " + classes[i].securityIndex());
                    }
                }
            }
            this.security = classes.clone();
            return this;
        }

        public RxService build() {
            return new RxService(this);
        }
    }
}
