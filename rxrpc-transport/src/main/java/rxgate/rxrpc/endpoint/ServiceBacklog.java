package rxgate.rxrpc.endpoint;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import rxgate.rxrpc.RxService;
import rxgate.rxrpc.call.Call;
import rxgate.rxrpc.conn.ServiceConnection;

/**
 * Incoming calls preallocated for one service, as the kernel's {@code rxrpc_backlog}: the receive
 * path takes a call (and, for a new client connection, a connection) from here without
 * allocating; the service's executor charges it back up after each accepted call, so allocation
 * happens on the application's side, never in the receive path. When it is empty the endpoint
 * answers BUSY. Bounded by the backlog size. The queues are touched on the event loop only.
 */
final class ServiceBacklog {
    private final RxService service;
    private final int size;
    private final EndpointCore core;
    private final ArrayDeque<Prepared> calls;
    private final ArrayDeque<ServiceConnection> connections;
    /** Charges posted to the loop but not yet arrived (so the executor never overshoots). */
    private int charging;

    /** A preallocated call with the future its whole request will arrive in (request/reply services). */
    record Prepared(Call call, CompletableFuture<byte[]> wholeRequest) {
    }

    ServiceBacklog(EndpointCore core, RxService service, int size) {
        this.core = core;
        this.service = service;
        this.size = size;
        this.calls = new ArrayDeque<>(size);
        this.connections = new ArrayDeque<>(size);
    }

    RxService service() {
        return service;
    }

    int size() {
        return size;
    }

    int available() {
        return calls.size();
    }

    /** Takes a preallocated call, or {@code null} when the backlog is exhausted (event loop). */
    Prepared takeCall() {
        return calls.pollFirst();
    }

    /** Takes a preallocated connection, or {@code null} (event loop). */
    ServiceConnection takeConnection() {
        return connections.pollFirst();
    }

    /**
     * Tops the backlog up (event loop): works out how many objects are missing and has the
     * service's executor make them, so the allocation happens off the receive path.
     */
    void recharge() {
        int missingCalls = size - calls.size() - charging;
        int missingConns = size - connections.size();
        if (missingCalls <= 0 && missingConns <= 0) {
            return;
        }
        int nCalls = Math.max(0, missingCalls);
        charging += nCalls;
        int nConns = Math.max(0, missingConns);
        service.executor().execute(() -> {
            Prepared[] made = new Prepared[nCalls];
            for (int i = 0; i < nCalls; i++) {
                made[i] = newCall();
            }
            ServiceConnection[] conns = new ServiceConnection[nConns];
            for (int i = 0; i < nConns; i++) {
                conns[i] = new ServiceConnection();
            }
            core.eventLoop().execute(() -> {
                charging -= nCalls;
                for (Prepared p : made) {
                    calls.addLast(p);
                }
                for (ServiceConnection c : conns) {
                    if (connections.size() < size) {
                        connections.addLast(c);
                    }
                }
            });
        });
    }

    /** Fills the backlog synchronously (event loop, at registration). */
    void fillNow() {
        while (calls.size() < size) {
            calls.addLast(newCall());
        }
        while (connections.size() < size) {
            connections.addLast(new ServiceConnection());
        }
    }

    private Prepared newCall() {
        CompletableFuture<byte[]> whole = service.collectsRequests() ? new CompletableFuture<>() : null;
        Call call = new Call(core, Call.Role.SERVER, core.defaultCallOptions(), core.config().txQueuePackets(),
                core.config().rxWindowPackets(), whole, service.maxRequestBytes());
        call.userContext(service.callContext().get());
        return new Prepared(call, whole);
    }

    void clear() {
        calls.clear();
        connections.clear();
    }
}
