package rxgate.rxrpc.conn;

import rxgate.rxrpc.peer.Peer;
import rxgate.rxrpc.security.ConnectionSecurity;
import rxgate.rxrpc.security.RxServerSecurityClass;
import rxgate.rxrpc.security.ServerConnectionSecurity;

/**
 * A connection a client opened to one of our services, matched by (peer, epoch, cid): four
 * channels, each remembering its current or last call number and whether that call ended, and our
 * own serial counter for the packets we send on it (rxrpc-protocol.md §2.1, §2.2).
 *
 * <p>Instances are preallocated (see {@code ServiceBacklog}) and made live by
 * {@link #activate} in the receive path. Confined to the endpoint's event loop.
 */
public final class ServiceConnection implements RxConnection {
    public static final int CHANNELS = 4;

    private Peer peer;
    private int epoch;
    private int cid;
    private int serviceId;
    private int securityIndex;
    private ConnectionSecurity security;
    private final int[] callNumbers = new int[CHANNELS];
    private final Object[] calls = new Object[CHANNELS];
    private final SerialCounter serials = new SerialCounter();
    private int activeCalls;
    private long lastActivityNanos;
    private boolean upgraded;
    private int abortCode;
    private RxServerSecurityClass serverClass;
    /** Calls waiting for the client's RESPONSE: how to hand each to its service, per channel. */
    private final Runnable[] held = new Runnable[CHANNELS];
    private int challengesLeft;
    private Object challengeTimer;

    /** Fills a preallocated connection for the client's (epoch, cid) on {@code peer}. */
    public void activate(Peer p, int epochValue, int cidValue, int service, int secIndex, ConnectionSecurity sec,
            long nowNanos) {
        this.peer = p;
        this.epoch = epochValue;
        this.cid = cidValue;
        this.serviceId = service;
        this.securityIndex = secIndex;
        this.security = sec;
        this.lastActivityNanos = nowNanos;
        this.serverClass = null;
        this.abortCode = 0;
        this.challengesLeft = 0;
        this.challengeTimer = null;
        java.util.Arrays.fill(held, null);
    }

    /** Fills a preallocated connection whose security state comes from {@code cls}. */
    public void activate(Peer p, int epochValue, int cidValue, int service, RxServerSecurityClass cls,
            long nowNanos) {
        activate(p, epochValue, cidValue, service, cls.securityIndex(), cls.newServerConnection(), nowNanos);
        this.serverClass = cls;
    }

    /** The server security class the connection was made with ({@code null} if set directly). */
    public RxServerSecurityClass serverClass() {
        return serverClass;
    }

    /** The server-side security state, or {@code null} if the class has no server side. */
    public ServerConnectionSecurity serverSecurity() {
        return security instanceof ServerConnectionSecurity s ? s : null;
    }

    /** Parks how to start the call on {@code channel} until the client has authenticated. */
    public void hold(int channel, Runnable dispatch) {
        held[channel] = dispatch;
    }

    /** Takes the parked start of the call on {@code channel} ({@code null} if none). */
    public Runnable takeHeld(int channel) {
        Runnable r = held[channel];
        held[channel] = null;
        return r;
    }

    /** CHALLENGEs still to send before held calls fail. */
    public int challengesLeft() {
        return challengesLeft;
    }

    public void challengesLeft(int n) {
        challengesLeft = n;
    }

    /** The pending CHALLENGE retransmission (an opaque timer handle), or {@code null}. */
    public Object challengeTimer() {
        return challengeTimer;
    }

    public void challengeTimer(Object t) {
        challengeTimer = t;
    }

    @Override
    public Peer peer() {
        return peer;
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

    @Override
    public int securityIndex() {
        return securityIndex;
    }

    @Override
    public ConnectionSecurity security() {
        return security;
    }

    @Override
    public boolean clientSide() {
        return false;
    }

    @Override
    public int nextSerial() {
        return serials.next();
    }

    @Override
    public int currentSerial() {
        return serials.current();
    }

    /** The service-upgrade facility moved this connection to {@code newServiceId} (§2.6). */
    public void upgrade(int newServiceId) {
        this.serviceId = newServiceId;
        this.upgraded = true;
    }

    public boolean upgraded() {
        return upgraded;
    }

    /** The current or last call number of {@code channel} (0 = never used). */
    @Override
    public int callNumber(int channel) {
        return callNumbers[channel];
    }

    /** The live call on {@code channel}, or {@code null}. */
    @Override
    public Object call(int channel) {
        return calls[channel];
    }

    /** Puts a new call with {@code number} on {@code channel}. */
    public void attach(int channel, int number, Object call, long nowNanos) {
        if (calls[channel] == null) {
            activeCalls++;
        }
        calls[channel] = call;
        callNumbers[channel] = number;
        lastActivityNanos = nowNanos;
    }

    /** Frees {@code channel} if {@code call} is on it; the call number is remembered. */
    public void detach(int channel, Object call, long nowNanos) {
        if (calls[channel] == call && call != null) {
            calls[channel] = null;
            activeCalls--;
            lastActivityNanos = nowNanos;
        }
    }

    public int activeCalls() {
        return activeCalls;
    }

    public void touch(long nowNanos) {
        lastActivityNanos = nowNanos;
    }

    public long lastActivityNanos() {
        return lastActivityNanos;
    }

    public void connectionAborted(int code) {
        abortCode = code;
    }

    @Override
    public int abortCode() {
        return abortCode;
    }

    @Override
    public String toString() {
        return "ServiceConnection[" + Integer.toHexString(epoch) + "/" + Integer.toHexString(cid) + " svc "
                + serviceId + " <- " + (peer == null ? "-" : peer.address()) + "]";
    }
}
