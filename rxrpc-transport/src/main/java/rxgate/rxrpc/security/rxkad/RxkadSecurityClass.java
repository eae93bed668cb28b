package rxgate.rxrpc.security.rxkad;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import rxgate.rxrpc.security.ClientConnectionSecurity;
import rxgate.rxrpc.security.RxSecurityClass;

/**
 * rxkad (security index 2) on the client side: a {@link Token} (session key, kvno, ticket) and a
 * level. Thread-safe and immutable; {@link #newClientConnection()} makes the per-connection state.
 * The {@linkplain #identity() identity} distinguishes credentials by principal, kvno and a
 * fingerprint, and the level, so connections are shared only by calls with the same credentials
 * and level. Nothing here prints a key.
 */
public final class RxkadSecurityClass implements RxSecurityClass {
    private final Token token;
    private final RxkadLevel level;
    private final int securityIndex;
    private final Fcrypt schedule;
    private final long iv;
    private final Identity identity;

    /** The identity key of an rxkad class: no secrets, only a fingerprint. */
    public record Identity(String principal, int kvno, String fingerprint, RxkadLevel level, int securityIndex) {
    }

    public RxkadSecurityClass(Token token, RxkadLevel level) {
        this(token, level, RxkadConstants.SECURITY_INDEX);
    }

    /** {@code securityIndex} 2 (rxkad) or 3 (rxkad "always encrypt", fileserver). */
    public RxkadSecurityClass(Token token, RxkadLevel level, int securityIndex) {
        this.token = Objects.requireNonNull(token, "token");
        this.level = Objects.requireNonNull(level, "level");
        if (securityIndex != RxkadConstants.SECURITY_INDEX && securityIndex != RxkadConstants.SECURITY_INDEX_KAE) {
            throw new IllegalArgumentException("rxkad uses security index 2 or 3, not " + securityIndex);
        }
        this.securityIndex = securityIndex;
        byte[] sk = token.sessionKey();
        this.schedule = Fcrypt.of(sk);
        this.iv = Fcrypt.getLong(sk, 0);
        java.util.Arrays.fill(sk, (byte) 0);
        this.identity = new Identity(token.principal(), token.kvno(), token.fingerprint(), level, securityIndex);
    }

    /** Like {@code -localauth}: a never-expiring "afs" ticket from the KeyFile key with {@code kvno} (or the latest). */
    public static RxkadSecurityClass localAuth(Path keyFile, Integer kvno, RxkadLevel level) throws IOException {
        KeyFile kf = KeyFile.read(keyFile);
        ServerKey key = kvno == null ? kf.latest() : kf.get(kvno);
        return new RxkadSecurityClass(Token.localAuth(key, "afs", null, Clock.systemUTC()), level);
    }

    /** A ticket for {@code name} forged from {@code key} with a lifetime ({@code null} = never expires). */
    public static RxkadSecurityClass forged(ServerKey key, String name, Duration lifetime, RxkadLevel level) {
        return new RxkadSecurityClass(Token.localAuth(key, name, lifetime, Clock.systemUTC()), level);
    }

    /** From a token file ({@link Token#read}). */
    public static RxkadSecurityClass fromTokenFile(Path tokenFile, RxkadLevel level) throws IOException {
        return new RxkadSecurityClass(Token.read(tokenFile), level);
    }

    public Token token() {
        return token;
    }

    public RxkadLevel level() {
        return level;
    }

    byte[] ticketBytes() {
        return token.ticket();
    }

    @Override
    public int securityIndex() {
        return securityIndex;
    }

    @Override
    public String name() {
        return "rxkad-" + level.label();
    }

    @Override
    public Object identity() {
        return identity;
    }

    @Override
    public int headerBytes() {
        return level.headerBytes();
    }

    @Override
    public int blockBytes() {
        return level.blockBytes();
    }

    @Override
    public ClientConnectionSecurity newClientConnection() {
        return new RxkadClientConnection(this, schedule, iv);
    }

    @Override
    public String toString() {
        return "RxkadSecurityClass[" + name() + ", index " + securityIndex + ", " + token + "]";
    }
}
