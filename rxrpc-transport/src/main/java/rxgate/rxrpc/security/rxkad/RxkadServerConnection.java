package rxgate.rxrpc.security.rxkad;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import rxgate.rxrpc.security.RxPrincipal;
import rxgate.rxrpc.security.RxSecurityException;
import rxgate.rxrpc.security.ServerConnectionSecurity;
import rxgate.rxrpc.wire.WireHeader;

/**
 * The rxkad state of one connection a client opened to us: the CHALLENGE nonce, the checks of the
 * RESPONSE in OpenAFS's order (rxkad.md §7), and afterwards the shared per-packet state keyed with
 * the ticket's session key at the client's level. Confined to the endpoint's event loop.
 */
final class RxkadServerConnection extends RxkadConnection implements ServerConnectionSecurity {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RxkadServerSecurity owner;
    private boolean challengeSent;
    private int nonce;
    private RxPrincipal principal;
    private long expires;

    RxkadServerConnection(RxkadServerSecurity owner) {
        this.owner = owner;
    }

    @Override
    RxkadLevel unkeyedLevel() {
        return owner.minimumLevel();
    }

    private long now() {
        return owner.clock().millis() / 1000;
    }

    @Override
    void beforeVerify() throws RxSecurityException {
        if (expiredNow()) {
            throw new RxSecurityException(RxkadConstants.RXKADEXPIRED, "the client's rxkad ticket has expired");
        }
    }

    @Override
    boolean expiredNow() {
        return expires != RxkadConstants.NEVER_DATE && now() > expires;
    }

    @Override
    public boolean authenticated() {
        return principal != null;
    }

    @Override
    public boolean challengeSent() {
        return challengeSent;
    }

    @Override
    public Optional<RxPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /** A v2 CHALLENGE (§5.2): every client in use sets header checksums, so the old format is not offered. */
    @Override
    public ByteBuf challenge(WireHeader connectionHeader, ByteBufAllocator alloc) {
        if (!challengeSent) {
            nonce = RANDOM.nextInt();
            challengeSent = true;
        }
        ByteBuf b = alloc.heapBuffer(RxkadConstants.V2_CHALLENGE_SIZE);
        b.writeInt(RxkadConstants.CHALLENGE_VERSION);
        b.writeInt(nonce);
        b.writeInt(owner.minimumLevel().wire());
        b.writeInt(0);
        return b;
    }

    private static RxSecurityException fail(int code, String why) {
        return new RxSecurityException(code, why);
    }

    @Override
    public void verifyResponse(WireHeader h, ByteBuf body, int[] callNumbers) throws RxSecurityException {
        if (authenticated()) {
            return; // extra RESPONSEs are ignored
        }
        int r = body.readerIndex();
        int len = body.readableBytes();
        if (len < RxkadConstants.V2_RESPONSE_SIZE) {
            throw fail(RxkadConstants.RXKADPACKETSHORT, "rxkad RESPONSE of " + len + " bytes is too short");
        }
        if (body.getInt(r) != RxkadConstants.CHALLENGE_VERSION) {
            throw fail(RxkadConstants.RXKADINCONSISTENCY, "rxkad RESPONSE version " + body.getInt(r)
                    + " to a v2 CHALLENGE");
        }
        int kvno = body.getInt(r + 48);
        int ticketLen = body.getInt(r + 52);
        if (ticketLen < RxkadConstants.MIN_TICKET_LEN || ticketLen > RxkadConstants.MAX_TICKET_LEN) {
            throw fail(RxkadConstants.RXKADTICKETLEN, "rxkad ticket length " + ticketLen + " outside "
                    + RxkadConstants.MIN_TICKET_LEN + ".." + RxkadConstants.MAX_TICKET_LEN);
        }
        if (len < RxkadConstants.V2_RESPONSE_SIZE + ticketLen) {
            throw fail(RxkadConstants.RXKADPACKETSHORT, "rxkad RESPONSE holds " + (len - 56) + " of its "
                    + ticketLen + " ticket bytes");
        }
        // step 3: the service key for the kvno (Kerberos 5 tickets, kvno 213/256, are not served)
        ServerKey key = owner.keyFile().find(kvno).orElseThrow(() -> fail(RxkadConstants.RXKADUNKNOWNKEY,
                "no service key with kvno " + kvno));
        // steps 4-5: open the ticket with DES-PCBC
        if (ticketLen % 8 != 0) {
            throw fail(RxkadConstants.RXKADBADTICKET, "rxkad ticket length " + ticketLen + " is not a multiple of 8");
        }
        byte[] sealed = new byte[ticketLen];
        body.getBytes(r + RxkadConstants.V2_RESPONSE_SIZE, sealed);
        Ticket ticket;
        try {
            ticket = Ticket.unseal(sealed, key);
        } catch (IllegalArgumentException e) {
            throw fail(RxkadConstants.RXKADBADTICKET, "the rxkad ticket does not open with kvno " + kvno
                    + " (wrong key?)");
        }
        // step 6: times (§6.3)
        long start = ticket.start();
        long end = ticket.end();
        checkTimes(start, end, now());
        // the realm: "" is the local cell; others must be ours when a cell is configured
        if (owner.cell() != null && !ticket.cell().isEmpty() && !ticket.cell().equalsIgnoreCase(owner.cell())) {
            throw fail(RxkadConstants.RXKADNOAUTH, "ticket for realm " + ticket.cell() + ", this server serves "
                    + owner.cell());
        }
        // steps 7-8: open the encrypted part with the session key and check its checksum
        byte[] sk = ticket.sessionKey();
        Fcrypt schedule = Fcrypt.of(sk);
        long iv = Fcrypt.getLong(sk, 0);
        Arrays.fill(sk, (byte) 0);
        ByteBuf clear = Unpooled.buffer(RxkadConstants.V2_RESPONSE_SIZE);
        try {
            body.getBytes(r, clear, RxkadConstants.V2_RESPONSE_SIZE);
            schedule.pcbcDecrypt(clear, 8, 40, iv);
            int cksum = clear.getInt(16);
            clear.setInt(16, 0);
            if (RxkadPackets.responseChecksum(clear, 0, RxkadConstants.V2_RESPONSE_SIZE) != cksum) {
                throw fail(RxkadConstants.RXKADSEALEDINCON, "rxkad RESPONSE checksum mismatch");
            }
            // step 9: the endpoint is this connection's
            if (clear.getInt(8) != h.epoch() || clear.getInt(12) != (h.cid() & ~3)
                    || clear.getInt(20) != h.securityIndex()) {
                throw fail(RxkadConstants.RXKADSEALEDINCON, "rxkad RESPONSE is for another connection");
            }
            // step 10: call numbers are non-negative and not behind what this connection has seen
            for (int ch = 0; ch < 4; ch++) {
                int n = clear.getInt(24 + 4 * ch);
                if (n < 0 || (callNumbers != null && Integer.compareUnsigned(n, callNumbers[ch]) < 0)) {
                    throw fail(RxkadConstants.RXKADSEALEDINCON, "rxkad RESPONSE call number " + n
                            + " on channel " + ch);
                }
            }
            // step 11: the nonce
            if (clear.getInt(40) != nonce + 1) {
                throw fail(RxkadConstants.RXKADOUTOFSEQUENCE, "rxkad RESPONSE answers another CHALLENGE");
            }
            // step 12: the level
            int level = clear.getInt(44);
            if (level < owner.minimumLevel().wire() || level > RxkadConstants.LEVEL_CRYPT) {
                throw fail(RxkadConstants.RXKADLEVELFAIL, "rxkad level " + level + " below this service's minimum "
                        + owner.minimumLevel().label());
            }
            RxPrincipal who = new RxPrincipal(h.securityIndex(), ticket.name(), ticket.instance(), ticket.cell(),
                    level, kvno, end);
            // step 14: the user-ok hook
            if (!owner.userOk().test(who)) {
                throw fail(RxkadConstants.RXKADNOAUTH, "principal " + who.displayName() + " is not accepted");
            }
            // step 13: keyed at the client's level
            keyed(new RxkadPackets(schedule, iv, RxkadLevel.ofWire(level)), end);
            this.expires = end;
            this.principal = who;
        } finally {
            clear.setZero(0, clear.capacity());
            clear.release();
        }
    }

    /** OpenAFS's ticket time checks (rxkad.md §6.3). */
    static void checkTimes(long start, long end, long now) throws RxSecurityException {
        long skew = RxkadConstants.TIME_UNCERTAINTY;
        long max = RxkadConstants.MAX_TICKET_LIFETIME;
        boolean never = end == RxkadConstants.NEVER_DATE;
        if (start >= end || start > now + skew + max || (start != 0 && !never && end - start > max)) {
            throw fail(RxkadConstants.RXKADBADTICKET, "rxkad ticket has inconsistent times");
        }
        if (!never && end + skew < now) {
            if (start != 0 && now - start > max + 86400) {
                throw fail(RxkadConstants.RXKADBADTICKET, "rxkad ticket is far too old");
            }
            throw fail(RxkadConstants.RXKADEXPIRED, "rxkad ticket expired at " + end);
        }
        if (start != 0 && start - skew > now) {
            throw fail(RxkadConstants.RXKADNOAUTH, "rxkad ticket not valid before " + start);
        }
    }

    @Override
    public String toString() {
        return "RxkadServerConnection[" + (principal == null ? "unauthenticated" : principal) + "]";
    }
}
