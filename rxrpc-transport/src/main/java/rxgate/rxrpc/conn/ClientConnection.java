package rxgate.rxrpc.conn;

import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.ClientConnectionSecurity;

/**
 * One client connection: identified at the server by (our address, epoch, cid), with a fixed
 * service and security class, four channels that each carry one call at a time with increasing
 * call numbers, and a per-direction serial counter (rxrpc-protocol.md §2).
 * Confined to the endpoint's event loop.
 */
public final class ClientConnection implements RxConnection {
    public static final int CHANNELS = 4;

    private final ConnectionBundle bundle;
    private final int epoch;
    private final int cid;
    private final ClientConnectionSecurity security;
    private final int[] callNumbers = new int[CHANNELS];
    private final Object[] calls = new Object[CHANNELS];
    private final long[] busyUntilNanos = new long[CHANNELS];
    /** Per channel: call number of the last call that completed successfully, and its reply's end. */
    private final int[] completedCallNumbers = new int[CHANNELS];
    private final int[] completedReplyEnd = new int[CHANNELS];
    private final SerialCounter serials = new SerialCounter();
    private int serviceId;
    /** Probing for a service upgrade until the server's first packet tells (§2.6). */
    private boolean probing;
    private int activeCalls;
    private long idleSinceNanos;
    private boolean retired;
    /** The server has answered on this connection at least once. */
    private boolean established;
    private int abortCode;

    ClientConnection(ConnectionBundle bundle, int epoch, int cid, ClientConnectionSecurity security, long nowNanos) {
        this.bundle = bundle;
        this.epoch = epoch;
        this.cid = cid;
        this.security = security;
        this.idleSinceNanos = nowNanos;
        this.serviceId = bundle.serviceId();
        this.probing = bundle.upgradeProbe();
    }

    public ConnectionBundle bundle() {
        return bundle;
    }

    @Override
    public Peer peer() {
        return bundle.peer();
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int cid() {
        return cid;
    }

    @Override
    public int serviceId() {
        return serviceId;
    }

    /** Whether the first call's DATA seq 1 must carry the upgrade probe (userStatus 1). */
    public boolean probingUpgrade() {
        return probing;
    }

    /**
     * The server's first packet on this connection: if it carries another service id while we
     * probe, the connection is upgraded to it for every later call; either way probing ends.
     * Returns false when the service id is not acceptable (changed without a probe).
     */
    public boolean acceptServiceId(int fromServer) {
        if (fromServer == serviceId) {
            probing = false;
            return true;
        }
        if (probing) {
            serviceId = fromServer;
            probing = false;
            return true;
        }
        return false;
    }

    @Override
    public int securityIndex() {
        return bundle.securityIndex();
    }

    @Override
    public ClientConnectionSecurity security() {
        return security;
    }

    @Override
    public int nextSerial() {
        return serials.next();
    }

    @Override
    public boolean clientSide() {
        return true;
    }

    /** The last serial used (for rxdebug). */
    @Override
    public int currentSerial() {
        return serials.current();
    }

    @Override
    public int callNumber(int channel) {
        return callNumbers[channel];
    }

    /** The call on {@code channel}, or {@code null}. */
    @Override
    public Object call(int channel) {
        return calls[channel];
    }

    public int activeCalls() {
        return activeCalls;
    }

    public boolean retired() {
        return retired;
    }

    /** Notes that the server answered; returns true the first time. */
    public boolean markEstablished() {
        if (established) {
            return false;
        }
        established = true;
        return true;
    }

    public boolean established() {
        return established;
    }

    /** Stops new calls from using this connection (dead peer, counter exhaustion, abort). */
    public void retire() {
        retired = true;
    }

    public void connectionAborted(int code) {
        retired = true;
        abortCode = code;
    }

    @Override
    public int abortCode() {
        return abortCode;
    }

    /** A free, not-busy channel, or -1. */
    public int freeChannel(long nowNanos) {
        if (retired) {
            return -1;
        }
        for (int ch = 0; ch < CHANNELS; ch++) {
            if (calls[ch] == null && busyUntilNanos[ch] - nowNanos <= 0
                    && callNumbers[ch] != Integer.MAX_VALUE) {
                return ch;
            }
        }
        return -1;
    }

    /** Puts {@code call} on {@code channel}; returns its call number. */
    public int attach(int channel, Object call) {
        if (calls[channel] != null) {
            throw new IllegalStateException("channel in use");
        }
        calls[channel] = call;
        activeCalls++;
        int n = ++callNumbers[channel];
        if (n == Integer.MAX_VALUE) {
            retired = true; // as the kernel does: never wrap a channel's call counter
        }
        return n;
    }

    /** Frees {@code channel} if {@code call} is on it. */
    public void detach(int channel, Object call, long nowNanos) {
        if (calls[channel] == call) {
            calls[channel] = null;
            activeCalls--;
            if (activeCalls == 0) {
                idleSinceNanos = nowNanos;
            }
        }
    }

    /**
     * Remembers that the call {@code number} on {@code channel} received its whole reply up to
     * {@code replyEnd} - 1, so a late retransmission of its reply can be answered with the final
     * ACK again (the kernel keeps the same per-channel memory).
     */
    public void rememberCompleted(int channel, int number, int replyEnd) {
        completedCallNumbers[channel] = number;
        completedReplyEnd[channel] = replyEnd;
    }

    /** The reply end of the completed call {@code number} on {@code channel}, or 0 if not remembered. */
    public int completedReplyEnd(int channel, int number) {
        return completedCallNumbers[channel] == number && calls[channel] == null ? completedReplyEnd[channel] : 0;
    }

    /** The server said BUSY on this channel: avoid it for a while. */
    public void markBusy(int channel, long untilNanos) {
        busyUntilNanos[channel] = untilNanos;
    }

    public long idleSinceNanos() {
        return idleSinceNanos;
    }

    @Override
    public String toString() {
        return "ClientConnection[" + Integer.toHexString(epoch) + "/" + Integer.toHexString(cid)
                + " svc " + serviceId() + " -> " + peer().address() + "]";
    }
}
