package rxgate.rxrpc.security.rxkad;

import rxgate.rxrpc.errors.AfsErrors;

/** rxkad wire constants and abort codes (rxkad.md §1, §5, §6, §9). */
public final class RxkadConstants {
    private RxkadConstants() {
    }

    /** Security index of rxkad. */
    public static final int SECURITY_INDEX = 2;
    /** Security index of "rxkad, always encrypt" (fileserver: minimum level crypt). */
    public static final int SECURITY_INDEX_KAE = 3;

    public static final int LEVEL_CLEAR = 0;
    public static final int LEVEL_AUTH = 1;
    public static final int LEVEL_CRYPT = 2;

    /** The version word of a v2 CHALLENGE/RESPONSE. */
    public static final int CHALLENGE_VERSION = 2;
    /** Size of a v2 CHALLENGE payload. */
    public static final int V2_CHALLENGE_SIZE = 16;
    /** Size of an old-format CHALLENGE payload. */
    public static final int OLD_CHALLENGE_SIZE = 8;
    /** Size of the fixed part of a v2 RESPONSE (ticket follows). */
    public static final int V2_RESPONSE_SIZE = 56;

    /** Ticket lengths an OpenAFS server accepts. */
    public static final int MIN_TICKET_LEN = 32;
    public static final int MAX_TICKET_LEN = 12000;

    /** "Never expires" end time. */
    public static final long NEVER_DATE = 0xFFFFFFFFL;
    /** Lifetime byte of a never-expiring ticket. */
    public static final int LIFE_NEVER = 0xFF;
    /** Longest ticket lifetime (30 days). */
    public static final long MAX_TICKET_LIFETIME = 30L * 24 * 3600;
    /** Clock skew a server allows (KTC_TIME_UNCERTAINTY). */
    public static final long TIME_UNCERTAINTY = 900;

    /** kvno OpenAFS reserves (never picked as "latest"). */
    public static final int RESERVED_KVNO = 999;

    public static final int RXKAD_BASE = AfsErrors.RXKAD_BASE;
    public static final int RXKADINCONSISTENCY = AfsErrors.RXKADINCONSISTENCY;
    public static final int RXKADPACKETSHORT = AfsErrors.RXKADPACKETSHORT;
    public static final int RXKADLEVELFAIL = AfsErrors.RXKADLEVELFAIL;
    public static final int RXKADTICKETLEN = AfsErrors.RXKADTICKETLEN;
    public static final int RXKADOUTOFSEQUENCE = AfsErrors.RXKADOUTOFSEQUENCE;
    public static final int RXKADNOAUTH = AfsErrors.RXKADNOAUTH;
    public static final int RXKADBADKEY = AfsErrors.RXKADBADKEY;
    public static final int RXKADBADTICKET = AfsErrors.RXKADBADTICKET;
    public static final int RXKADUNKNOWNKEY = AfsErrors.RXKADUNKNOWNKEY;
    public static final int RXKADEXPIRED = AfsErrors.RXKADEXPIRED;
    public static final int RXKADSEALEDINCON = AfsErrors.RXKADSEALEDINCON;
    public static final int RXKADDATALEN = AfsErrors.RXKADDATALEN;
    public static final int RXKADILLEGALLEVEL = AfsErrors.RXKADILLEGALLEVEL;
}
