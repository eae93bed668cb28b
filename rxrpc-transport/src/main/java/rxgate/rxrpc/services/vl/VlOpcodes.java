package rxgate.rxrpc.services.vl;

/** VL server service id, port and opcodes (afs-rpcs.md §1.1, §2.1). */
public final class VlOpcodes {
    /** Rx service id of the VL server. */
    public static final int SERVICE_ID = 52;
    /** UDP port of the VL server. */
    public static final int DEFAULT_PORT = 7003;

    public static final int CREATE_ENTRY = 501;
    public static final int DELETE_ENTRY = 502;
    public static final int GET_ENTRY_BY_ID = 503;
    public static final int GET_ENTRY_BY_NAME_O = 504;
    public static final int GET_NEW_VOLUME_ID = 505;
    public static final int REPLACE_ENTRY = 506;
    public static final int UPDATE_ENTRY = 507;
    public static final int SET_LOCK = 508;
    public static final int RELEASE_LOCK = 509;
    public static final int LIST_ENTRY = 510;
    public static final int LIST_ATTRIBUTES = 511;
    public static final int LINKED_LIST = 512;
    public static final int GET_STATS = 513;
    public static final int PROBE_SERVER = 514;
    public static final int GET_ADDRS = 515;
    public static final int CHANGE_ADDR = 516;
    public static final int CREATE_ENTRY_N = 517;
    public static final int GET_ENTRY_BY_ID_N = 518;
    public static final int GET_ENTRY_BY_NAME_N = 519;
    public static final int REPLACE_ENTRY_N = 520;
    public static final int LIST_ENTRY_N = 521;
    public static final int LIST_ATTRIBUTES_N = 522;
    public static final int LINKED_LIST_N = 523;
    public static final int UPDATE_ENTRY_BY_NAME = 524;
    /** Reserved, not declared in vldbint.xg: OpenAFS answers RXGEN_OPCODE. */
    public static final int GET_ENTRY_BY_ID_U = 526;
    public static final int GET_ENTRY_BY_NAME_U = 527;
    public static final int REGISTER_ADDRS = 532;
    public static final int GET_ADDRS_U = 533;
    public static final int LIST_ATTRIBUTES_N2 = 534;
    /** AuriStor/Linux only; OpenAFS answers RXGEN_OPCODE. */
    public static final int GET_CAPABILITIES = 65537;

    private VlOpcodes() {
    }
}
