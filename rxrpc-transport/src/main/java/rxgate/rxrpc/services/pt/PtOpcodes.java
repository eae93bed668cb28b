package rxgate.rxrpc.services.pt;

/** Protection server service id, port and opcodes (afs-rpcs.md §1.1, §3.1). */
public final class PtOpcodes {
    /** Rx service id of the ptserver. */
    public static final int SERVICE_ID = 73;
    /** UDP port of the ptserver. */
    public static final int DEFAULT_PORT = 7002;

    public static final int INEW_ENTRY = 500;
    public static final int WHERE_IS_IT = 501;
    public static final int DUMP_ENTRY = 502;
    public static final int ADD_TO_GROUP = 503;
    public static final int NAME_TO_ID = 504;
    public static final int ID_TO_NAME = 505;
    public static final int DELETE = 506;
    public static final int REMOVE_FROM_GROUP = 507;
    public static final int GET_CPS = 508;
    public static final int NEW_ENTRY = 509;
    public static final int LIST_MAX = 510;
    public static final int SET_MAX = 511;
    public static final int LIST_ENTRY = 512;
    public static final int CHANGE_ENTRY = 513;
    public static final int LIST_ELEMENTS = 514;
    public static final int IS_A_MEMBER_OF = 515;
    public static final int SET_FIELDS_ENTRY = 516;
    public static final int LIST_OWNED = 517;
    public static final int GET_CPS2 = 518;
    public static final int GET_HOST_CPS = 519;
    public static final int UPDATE_ENTRY = 520;
    public static final int LIST_ENTRIES = 521;
    public static final int LIST_SUPER_GROUPS = 530;

    private PtOpcodes() {
    }
}
