package rxgate.gateway.pool;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outgoing calls in progress, each with a way to abort it, so that a graceful shutdown can
 * abort the calls still running when its grace period ends. Thread-safe.
 */
public final class InFlightCalls {
    private final Set<Runnable> aborts = ConcurrentHashMap.newKeySet();

    /** Tracks a call until the returned handle is run; {@code abort} ends it early. */
    Runnable track(Runnable abort) {
        aborts.add(abort);
        return () -> aborts.remove(abort);
    }

    /** Calls in progress. */
    public int size() {
        return aborts.size();
    }

    /** Aborts every call in progress; returns how many there were. */
    public int abortAll() {
        int n = 0;
        for (Runnable a : Set.copyOf(aborts)) {
            a.run();
            n++;
        }
        return n;
    }
}
